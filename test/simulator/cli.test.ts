/* eslint-disable */
// `node test/simulator/cli.js` prints the listening line, serves signed requests and stops
// on SIGTERM; bad flags exit with status 2.
import { spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import { S, signedRequest, rawRequest, json } from './helpers';

const { DEMO } = require('./index');
const CLI = path.join(__dirname, 'cli.js');

function startCli(args: string[]): Promise<{ child: ChildProcess; line: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout!.on('data', (c) => {
			out += c;
			const nl = out.indexOf('\n');
			if (nl >= 0) resolve({ child, line: out.slice(0, nl) });
		});
		child.stderr!.on('data', (c) => (err += c));
		child.on('exit', (code) => reject(new Error(`cli exited with ${code} before listening: ${err}`)));
		child.on('error', reject);
	});
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve({ code: child.exitCode, signal: null });
		child.on('exit', (code, signal) => resolve({ code, signal }));
	});
}

test('prints the listening line, answers, and exits 0 on SIGTERM', async () => {
	const { child, line } = await startCli(['--port', '0']);
	try {
		expect(line).toMatch(/^Yoti simulator listening on http:\/\/127\.0\.0\.1:\d+$/);
		const url = line.slice('Yoti simulator listening on '.length);
		const port = Number(url.split(':').pop());
		expect(port).toBeGreaterThan(0);
		const res = await signedRequest(`${url}/idverify/v1`, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
		expect(res.status).toBe(200);
		expect(json(res).session_id).toBe(S.approved);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exitOf(child)).toEqual({ code: 0, signal: null });
});

test('flags: --fault and --sign-api-key take effect', async () => {
	const { child, line } = await startCli(['--port=0', '--quiet', '--fault', '503:times=1', '--sign-api-key', 'k-123']);
	try {
		const url = line.slice('Yoti simulator listening on '.length);
		const first = await signedRequest(`${url}/idverify/v1`, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
		expect(first.status).toBe(503);
		const sign = await rawRequest(`${url}/v2/idv/recipients/5191e000-0000-4000-8000-000000000001/sessions/signed/json`, { headers: { Authorization: 'Bearer k-123' } });
		expect(sign.status).toBe(200);
	} finally {
		child.kill('SIGINT');
	}
	expect((await exitOf(child)).code).toBe(0);
});

test.each([[['--port', 'abc']], [['--bogus']], [['--latency']]])('bad flags %j exit with 2', async (args) => {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let err = '';
	child.stderr!.on('data', (c) => (err += c));
	expect((await exitOf(child)).code).toBe(2);
	expect(err).toContain('Usage:');
});
