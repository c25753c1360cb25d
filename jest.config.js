/** Unit, engine and simulator suites. The real-n8n end-to-end suite is separate (npm run test:e2e). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/scale/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 30000,
	// n8n-core keeps process-wide handles (keep-alive agents, DI singletons) that outlive a suite.
	forceExit: true,
};
