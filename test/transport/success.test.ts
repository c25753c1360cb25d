/* eslint-disable */
import * as fs from 'fs';
import * as path from 'path';

import {
	DEMO,
	MEDIA_DOCUMENT_FIELDS,
	MEDIA_EMPTY,
	MEDIA_IMAGE_JPEG,
	RECIPIENT_COMPLETED,
	SESSION_APPROVED,
	SHARED_DIR,
	idvCredentials,
	probe,
	signCredentials,
	startRawServer,
	startSimulator,
	type RawServer,
	type Simulator,
} from './probe';

const MEDIA_DIR = path.resolve(__dirname, '../simulator/data/media', SESSION_APPROVED);
const DOTNET_SESSION = 'a1746488-efcc-4c59-bd28-f849dcb933a2';

let sim: Simulator;
let raw: RawServer;
beforeAll(async () => {
	sim = await startSimulator({
		port: 0,
		sessionsDir: [path.resolve(__dirname, '../simulator/data'), path.join(SHARED_DIR, 'conformance/sdk-fixtures')],
	});
	raw = await startRawServer();
});
afterAll(async () => {
	await sim.close();
	await raw.close();
});
beforeEach(() => {
	sim.clearFaults();
	sim.reset();
});

describe('successful calls through n8n-core and the real credential', () => {
	test('GET a session: signed request accepted, JSON parsed, one call', async () => {
		const before = sim.requests.length;
		const result = await probe({ path: `/sessions/${SESSION_APPROVED}`, resource: 'session' }, idvCredentials(sim));
		expect(result.error).toBeUndefined();
		const json = result.items[0][0].json as any;
		expect(json.statusCode).toBe(200);
		expect(json.contentType).toMatch(/^application\/json/);
		expect(json.body.session_id).toBe(SESSION_APPROVED);
		expect(json.body.state).toBe('COMPLETED');
		expect(sim.requests.slice(before)).toEqual([
			{ method: 'GET', path: `/idverify/v1/sessions/${SESSION_APPROVED}`, status: 200 },
		]);
	});

	test('a JSON body starting with a UTF-8 BOM (the .NET fixtures) is parsed', async () => {
		const file = fs.readFileSync(path.join(SHARED_DIR, 'conformance/sdk-fixtures/dotnet-GetSessionResultWithAdvancedIdentityProfile.json'));
		expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const result = await probe({ path: `/sessions/${DOTNET_SESSION}` }, idvCredentials(sim));
		expect(result.error).toBeUndefined();
		expect((result.items[0][0].json as any).body.session_id).toBe(DOTNET_SESSION);
	});

	test('query parameters reach Yoti (signed with the rest of the URL)', async () => {
		const strictness = (result: any) =>
			(result.items[0][0].json.body.supported_countries as any[]).flatMap((country) =>
				country.supported_documents.map((document: any) => document.is_strictly_latin),
			);
		const latinOnly = await probe({ path: '/supported-documents' }, idvCredentials(sim));
		const all = await probe({ path: '/supported-documents', qs: { includeNonLatin: 'true' } }, idvCredentials(sim));
		expect(latinOnly.error).toBeUndefined();
		expect(all.error).toBeUndefined();
		expect(strictness(latinOnly)).not.toContain(false);
		expect(strictness(all)).toContain(false);
	});

	test('download: the bytes and Content-Type exactly as served', async () => {
		const expected = fs.readFileSync(path.join(MEDIA_DIR, `${MEDIA_IMAGE_JPEG}.jpg`));
		const result = await probe(
			{ path: `/sessions/${SESSION_APPROVED}/media/${MEDIA_IMAGE_JPEG}/content`, download: true, resource: 'media' },
			idvCredentials(sim),
		);
		expect(result.error).toBeUndefined();
		const item = result.items[0][0];
		expect(item.json).toMatchObject({ statusCode: 200, contentType: 'image/jpeg', isBuffer: true });
		const bytes = await result.binary(item, 'data');
		expect(bytes.equals(expected)).toBe(true);
	});

	test('download of JSON media stays bytes (the caller decides to parse)', async () => {
		const expected = fs.readFileSync(path.join(MEDIA_DIR, `${MEDIA_DOCUMENT_FIELDS}.json`));
		const result = await probe(
			{ path: `/sessions/${SESSION_APPROVED}/media/${MEDIA_DOCUMENT_FIELDS}/content`, download: true, resource: 'media' },
			idvCredentials(sim),
		);
		const item = result.items[0][0];
		expect(item.json).toMatchObject({ statusCode: 200, isBuffer: true });
		expect(String(item.json.contentType)).toMatch(/^application\/json/);
		expect((await result.binary(item, 'data')).equals(expected)).toBe(true);
	});

	test('204 media: statusCode 204, no body, not an error', async () => {
		const result = await probe(
			{ path: `/sessions/${SESSION_APPROVED}/media/${MEDIA_EMPTY}/content`, download: true, resource: 'media' },
			idvCredentials(sim),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json).toMatchObject({ statusCode: 204, isBuffer: false });
		expect(result.items[0][0].binary).toBeUndefined();
	});

	test('POST with an object body: the credential serialises it once, Yoti answers 201 JSON', async () => {
		const before = sim.requests.length;
		const result = await probe(
			{ method: 'POST', path: '/sessions', body: { client_session_token_ttl: 600, requested_checks: [{ type: 'LIVENESS', config: { liveness_type: 'ZOOM' } }] } },
			idvCredentials(sim),
		);
		expect(result.error).toBeUndefined();
		const json = result.items[0][0].json as any;
		expect(json.statusCode).toBe(201);
		expect(json.body.session_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(typeof json.body.client_session_token).toBe('string');
		expect(sim.requests.slice(before).map((r) => [r.method, r.status])).toEqual([['POST', 201]]);
	});

	test('DELETE answering 204 (non-download): statusCode 204, body undefined', async () => {
		const created = await probe({ method: 'POST', path: '/sessions', body: { client_session_token_ttl: 600 } }, idvCredentials(sim));
		const sessionId = (created.items[0][0].json as any).body.session_id;
		const result = await probe({ method: 'DELETE', path: `/sessions/${sessionId}/tracked-devices` }, idvCredentials(sim));
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json).toMatchObject({ statusCode: 204, bodyIsUndefined: true });
	});

	test('Yoti Sign: Bearer key accepted, JSON parsed', async () => {
		const result = await probe(
			{ api: 'sign', path: `/idv/recipients/${RECIPIENT_COMPLETED}/sessions/signed/json`, resource: 'recipient' },
			signCredentials(sim.signBaseUrl),
		);
		expect(result.error).toBeUndefined();
		expect((result.items[0][0].json as any).statusCode).toBe(200);
		expect(typeof (result.items[0][0].json as any).body).toBe('object');
	});

	test('the Sign credential sends exactly one Authorization: Bearer header and our Accept', async () => {
		raw.answer({ status: 200, headers: { 'content-type': 'application/json' }, body: '\ufeff{"ok":true}' });
		const result = await probe({ api: 'sign', path: '/anything' }, signCredentials(raw.baseUrl, 'raw-key-1'));
		expect(result.error).toBeUndefined();
		expect((result.items[0][0].json as any).body).toEqual({ ok: true });
		const last = raw.received[raw.received.length - 1];
		expect(last.url).toBe('/v2/anything');
		expect(last.headers.authorization).toBe('Bearer raw-key-1');
		expect(last.headers.accept).toBe('application/json');
	});
});
