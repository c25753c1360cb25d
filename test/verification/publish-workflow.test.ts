/* eslint-disable */
// .github/workflows/publish.yml publishes with provenance after exactly the set-up and test
// commands .ci/run and the README use, so a release cannot skip a test CI runs.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const REPO = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

/** The shell commands of a script, one per line, without comments, `echo`s and shell set-up. */
function scriptCommands(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.replace(/(^|\s)#.*$/, '').trim())
		.filter((line) => line !== '' && !/^(echo|set|cd|if|fi|then|else)\b/.test(line));
}

const workflow = parse(read('.github/workflows/publish.yml'));
const jobs = Object.values(workflow.jobs) as any[];
const steps: any[] = jobs.flatMap((job) => job.steps);
const runCommands: string[] = steps.filter((s) => typeof s.run === 'string').flatMap((s) => scriptCommands(s.run));
/** `.ci/run`'s npm commands up to its first real-n8n stage: the set-up and the test command. */
const ciCommands = scriptCommands(read('.ci/run')).filter((c) => /^npm (ci|test)\b/.test(c));

describe('publish workflow', () => {
	it('parses, and runs on a version tag only', () => {
		expect(workflow.name).toBe('Publish');
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(Object.keys(workflow.on.push)).toEqual(['tags']);
		expect(workflow.on.push.tags).toEqual(['[0-9]+.[0-9]+.[0-9]+', '[0-9]+.[0-9]+.[0-9]+-*']);
		expect(jobs).toHaveLength(1);
	});

	it('grants the OIDC token provenance needs, and nothing else beyond reading the repo', () => {
		expect(jobs[0].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	it('.ci/run sets up with `npm ci` and tests with `npm test`, as the README says', () => {
		expect(ciCommands).toEqual(['npm ci', 'npm test']);
		expect(read('README.md')).toContain('npm ci && npm test');
	});

	it('runs the same set-up and test commands as .ci/run, in order, then publishes with provenance last', () => {
		const npmCommands = runCommands.filter((c) => c.startsWith('npm '));
		expect(npmCommands).toEqual([...ciCommands, 'npm publish --provenance --access public']);
		expect(runCommands[runCommands.length - 1]).toBe('npm publish --provenance --access public');
		// Nothing may skip or soften them.
		for (const step of steps) expect(step['continue-on-error']).toBeUndefined();
		expect(steps.every((s) => s.if === undefined)).toBe(true);
	});

	it('publishes only the tagged version, with the version file the build writes committed', () => {
		const publishAt = runCommands.indexOf('npm publish --provenance --access public');
		const tagCheck = runCommands.findIndex((c) => c.includes('$GITHUB_REF_NAME') && c.includes("require('./package.json').version"));
		const versionFile = runCommands.indexOf('git diff --exit-code -- credentials/version.ts');
		expect(tagCheck).toBeGreaterThanOrEqual(0);
		expect(tagCheck).toBeLessThan(publishAt);
		expect(versionFile).toBeGreaterThan(runCommands.indexOf('npm test'));
		expect(versionFile).toBeLessThan(publishAt);
	});

	it('uses Node with a registry-url (npm reads the OIDC token through it)', () => {
		const setupNode = steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
		expect(setupNode.with['registry-url']).toBe('https://registry.npmjs.org');
		expect(Number(setupNode.with['node-version'])).toBeGreaterThanOrEqual(24);
	});
});
