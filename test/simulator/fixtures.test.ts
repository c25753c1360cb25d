/* eslint-disable */
// Every SDK fixture that is a session result is served byte for byte (BOM included), both
// copied into a sessions folder as `<uuid>.json` and straight from the fixtures folder by its
// own session_id.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES_DIR, signedRequest, rawRequest } from './helpers';

const { startSimulator, DEMO } = require('./index');

const SESSION_KEYS = ['session_id', 'checks', 'resources', 'state'];

function parse(bytes: Buffer): any {
	try {
		return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
	} catch {
		return undefined;
	}
}

const fixtures = fs
	.readdirSync(FIXTURES_DIR)
	.sort()
	.map((name) => ({ name, bytes: fs.readFileSync(path.join(FIXTURES_DIR, name)) }))
	.filter(({ bytes }) => {
		const doc = parse(bytes);
		return doc && typeof doc === 'object' && !Array.isArray(doc) && SESSION_KEYS.some((k) => k in doc);
	});

let tmp: string;
const idFor = new Map<string, string>();
let sim: any;

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-sim-fixtures-'));
	for (const f of fixtures) {
		const id = crypto.randomUUID();
		idFor.set(f.name, id);
		fs.copyFileSync(path.join(FIXTURES_DIR, f.name), path.join(tmp, `${id}.json`));
	}
	sim = await startSimulator({ port: 0, sessionsDir: tmp });
});
afterAll(async () => {
	await sim.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

test('the fixture set holds the session results, the BOM-prefixed .NET ones too', () => {
	const names = fixtures.map((f) => f.name);
	for (const expected of [
		'dotnet-GetSessionResultWithAdvancedIdentityProfile.json',
		'dotnet-GetSessionResultWithIdentityProfile.json',
		'go-GetSessionResultWithAdvancedIdentityProfile.json',
		'go-watchlist_screening.json',
		'go-watchlist_advanced_ca_profile_custom.json',
		'java-GetSessionResultExample.json',
		'php-session.json',
		'php-sessionResultIdentityProfileResult.json',
		'py-response_get_docs_scan_session.json',
	]) {
		expect(names).toContain(expected);
	}
	expect(names).not.toContain('py-supported_documents_success.json');
	const bom = fixtures.filter((f) => f.bytes[0] === 0xef && f.bytes[1] === 0xbb && f.bytes[2] === 0xbf).map((f) => f.name);
	expect(bom).toEqual(['dotnet-GetSessionResultWithAdvancedIdentityProfile.json', 'dotnet-GetSessionResultWithIdentityProfile.json']);
});

test.each(fixtures.map((f) => [f.name, f] as const))('%s copied as <uuid>.json is served byte-identical', async (_name, f) => {
	const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${idFor.get(f.name)}`, privateKey: DEMO.privateKey });
	expect(res.status).toBe(200);
	expect(res.headers['content-type']).toBe('application/json');
	expect(res.body.length).toBe(f.bytes.length);
	expect(Buffer.compare(res.body, f.bytes)).toBe(0);
});

test('pointed straight at the fixtures folder, a session is found by its own session_id (first file by name)', async () => {
	const direct = await startSimulator({ port: 0, sessionsDir: FIXTURES_DIR });
	try {
		// a1746488-… is the session_id of several fixtures; the dotnet advanced one sorts first
		const shared = await signedRequest(direct.idvBaseUrl, { path: '/sessions/a1746488-efcc-4c59-bd28-f849dcb933a2', privateKey: DEMO.privateKey });
		expect(shared.status).toBe(200);
		expect(Buffer.compare(shared.body, fs.readFileSync(path.join(FIXTURES_DIR, 'dotnet-GetSessionResultWithAdvancedIdentityProfile.json')))).toBe(0);
		const watchlist = await signedRequest(direct.idvBaseUrl, { path: '/sessions/a3819be3-df1f-4d8c-9161-abfe1b19d9e8', privateKey: DEMO.privateKey });
		expect(watchlist.status).toBe(200);
		expect(Buffer.compare(watchlist.body, fs.readFileSync(path.join(FIXTURES_DIR, 'go-watchlist_advanced_ca_profile_custom.json')))).toBe(0);
		const unknown = await signedRequest(direct.idvBaseUrl, { path: '/sessions/5e551000-0000-4000-8000-0000000000ff', privateKey: DEMO.privateKey });
		expect(unknown.status).toBe(404);
	} finally {
		await direct.close();
	}
});

test('a file added while the simulator runs is served; a path-traversal id is not', async () => {
	const id = crypto.randomUUID();
	const bytes = Buffer.from(`{"session_id":"${id}","state":"COMPLETED","checks":[]}`);
	fs.writeFileSync(path.join(tmp, `${id}.json`), bytes);
	const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${id}`, privateKey: DEMO.privateKey });
	expect(Buffer.compare(res.body, bytes)).toBe(0);
	const traversal = await signedRequest(sim.idvBaseUrl, { path: '/sessions/..%2F..%2Fetc%2Fpasswd', privateKey: DEMO.privateKey });
	expect(traversal.status).toBe(404);
});
