/* eslint-disable */
import { generateKeyPairSync } from 'crypto';

import type { RunNodeResult } from '../engine/harness';
import {
	DEMO,
	MEDIA_IMAGE_JPEG,
	SESSION_APPROVED,
	SESSION_EXPIRED,
	UNKNOWN_SESSION,
	closedPort,
	idvCredentials,
	probe,
	recordSleeps,
	signCredentials,
	startRawServer,
	startSimulator,
	type RawServer,
	type Simulator,
} from './probe';

const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const RAW_API_KEY = 'raw-sign-api-key-SECRET-4242';
const WRONG_API_KEY = 'wrong-sign-api-key-SECRET-7777';

/** 24-character pieces of a PEM's base64 body: any of them appearing means the key leaked. */
function keyFragments(pem: string): string[] {
	const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
	const fragments: string[] = [];
	for (let i = 0; i + 24 <= body.length; i += 24) fragments.push(body.slice(i, i + 24));
	return fragments;
}

let sim: Simulator;
let raw: RawServer;
let sleeps: ReturnType<typeof recordSleeps>;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	raw = await startRawServer();
	sleeps = recordSleeps();
});
afterAll(async () => {
	sleeps.restore();
	await sim.close();
	await raw.close();
});

interface Case {
	name: string;
	faults?: string[];
	raw?: { status: number; body: string };
	run: () => Promise<RunNodeResult>;
	/** A successful call is included too: its items must be clean as well. */
	expectError?: boolean;
}

const cases: Case[] = [
	{ name: 'success', expectError: false, run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim)) },
	{ name: '404', run: () => probe({ path: `/sessions/${UNKNOWN_SESSION}` }, idvCredentials(sim)) },
	{ name: '401 other key', run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim, { privateKey: OTHER_KEY })) },
	{ name: '401 sign key', run: () => probe({ api: 'sign', path: '/idv/recipients/5191e000-0000-4000-8000-000000000001/sessions/signed/json' }, signCredentials(sim.signBaseUrl, WRONG_API_KEY)) },
	{ name: '409', run: () => probe({ path: `/sessions/${SESSION_EXPIRED}/media/${MEDIA_IMAGE_JPEG}/content`, download: true }, idvCredentials(sim)) },
	{ name: '400', run: () => probe({ method: 'POST', path: '/sessions', body: { client_session_token_ttl: 'x' } }, idvCredentials(sim)) },
	{ name: '503 exhausted', faults: ['503'], run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim)) },
	{ name: '429 too long', faults: ['429:retry-after=999'], run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim)) },
	{ name: 'reset', faults: ['reset'], run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim)) },
	{ name: 'truncate', faults: ['truncate'], run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim)) },
	{ name: 'timeout', faults: ['timeout'], run: () => probe({ path: `/sessions/${SESSION_APPROVED}`, timeoutMs: 150, attempts: 2 }, idvCredentials(sim)) },
	{ name: 'POST reset', faults: ['reset'], run: () => probe({ method: 'POST', path: '/sessions', body: {} }, idvCredentials(sim)) },
	{
		name: 'refused',
		run: async () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim, { baseUrl: `http://127.0.0.1:${await closedPort()}/idverify/v1` })),
	},
	{
		name: 'malformed key',
		run: () => probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim, { privateKey: DEMO.privateKey.replace(/[A-Z]/g, 'A').slice(40) })),
	},
	{ name: 'raw {"error"}', raw: { status: 400, body: '{"error":"MALFORMED_REQUEST"}' }, run: () => probe({ api: 'sign', path: '/x' }, signCredentials(raw.baseUrl, RAW_API_KEY)) },
	{ name: 'raw html 503', raw: { status: 503, body: '<html>down</html>' }, run: () => probe({ api: 'sign', path: '/x' }, signCredentials(raw.baseUrl, RAW_API_KEY)) },
	{
		// A server echoing the request's headers into its error body must not carry them into the error.
		name: 'raw echoing server',
		raw: { status: 400, body: 'ECHO' },
		run: () => probe({ api: 'sign', path: '/x' }, signCredentials(raw.baseUrl, RAW_API_KEY)),
	},
	{
		name: 'raw echoing server (text)',
		raw: { status: 400, body: 'ECHO_TEXT' },
		run: () => probe({ api: 'sign', path: '/x' }, signCredentials(raw.baseUrl, RAW_API_KEY)),
	},
];

describe('no secret in any error, item, run data or log line', () => {
	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
		sim.clearFaults();
		sim.reset();
		if (testCase.faults) sim.setFaults(testCase.faults);
		if (testCase.raw) raw.answer({ status: testCase.raw.status, headers: { 'content-type': 'text/plain' }, body: testCase.raw.body });
		const result = await testCase.run();
		sim.clearFaults();

		if (testCase.expectError === false) expect(result.error).toBeUndefined();
		else expect(result.error).toBeDefined();

		const sent = result.credentialsHelper.authenticateCalls;
		const digests = sent.map((call) => String(call.headers['X-Yoti-Auth-Digest'] ?? '')).filter(Boolean);
		const authorizations = sent.map((call) => String(call.headers.Authorization ?? '')).filter(Boolean);
		if (testCase.name !== 'malformed key' && !testCase.name.startsWith('raw') && !testCase.name.includes('sign')) {
			expect(digests.length).toBeGreaterThan(0);
		}
		const secrets = [
			...keyFragments(DEMO.privateKey),
			...keyFragments(OTHER_KEY),
			DEMO.signApiKey,
			RAW_API_KEY,
			WRONG_API_KEY,
			...digests,
			...digests.map((digest) => encodeURIComponent(digest)),
			...authorizations,
		];

		const error = result.error as any;
		const seen = [
			JSON.stringify(error ?? null),
			String(error?.message),
			String(error?.description),
			String(error?.cause),
			JSON.stringify(error?.cause ?? null),
			JSON.stringify(error?.errorResponse ?? null),
			JSON.stringify(error?.context ?? null),
			String(error?.stack),
			JSON.stringify(result.items),
			JSON.stringify(result.run),
			...result.logs,
		].join('\n');
		for (const secret of secrets) expect(seen).not.toContain(secret);
		// The signed query (nonce, timestamp) is not shown either.
		expect(seen).not.toMatch(/nonce=[0-9a-f-]{36}/);
	});
});
