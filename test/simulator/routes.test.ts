/* eslint-disable */
// The IDV and Yoti Sign routes beyond the SDK suite: tracked devices, supported documents,
// expired/ongoing rules, deletions, create validation, Sign with its Bearer key and PDF zip,
// unknown routes, the admin reset and request log.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { S, M, R, SIGN_API_KEY, signedRequest, rawRequest, json } from './helpers';

const { startSimulator, DEMO } = require('./index');
const { readStoredZip } = require('./zip');

let sim: any;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(async () => {
	await rawRequest(`${sim.url}/__admin/reset`, { method: 'POST' });
});

const idv = (method: string, p: string, body?: string, query?: Record<string, string>) =>
	signedRequest(sim.idvBaseUrl, { method, path: p, body, query, privateKey: DEMO.privateKey, sdkId: p === '/supported-documents' ? null : undefined });
const signGet = (p: string, key: string | null = SIGN_API_KEY) =>
	rawRequest(`${sim.signBaseUrl}/idv/recipients/${p}`, { headers: key === null ? {} : { Authorization: `Bearer ${key}` } });

describe('IDV', () => {
	test('tracked devices: the stored events, DELETE answers them (then 204), [] after DELETE, [] for a session without a file', async () => {
		const events = json(await idv('GET', `/sessions/${S.approved}/tracked-devices`));
		expect(events.map((e: any) => e.event)).toEqual(['CONFIG_FIRST_LOADED', 'RESOURCE_CREATED', 'CLIENT_SESSION_TOKEN_DELETED']);
		expect(events[1].resource_id).toBe('5e50c000-0000-4000-8000-000000000101');
		expect(events[0].device.os_name).toBe('iOS');
		const deleted = await idv('DELETE', `/sessions/${S.approved}/tracked-devices`);
		expect(deleted.status).toBe(200);
		expect(json(deleted)).toEqual(events);
		expect((await idv('DELETE', `/sessions/${S.approved}/tracked-devices`)).status).toBe(204);
		expect(json(await idv('GET', `/sessions/${S.approved}/tracked-devices`))).toEqual([]);
		expect(json(await idv('GET', `/sessions/${S.rejected}/tracked-devices`))).toEqual([]);
		expect((await idv('GET', `/sessions/${S.unknown}/tracked-devices`)).status).toBe(404);
	});

	test('supported documents: non-Latin ones only with includeNonLatin=true', async () => {
		const latin = json(await idv('GET', '/supported-documents'));
		expect(latin.supported_countries.map((c: any) => [c.code, c.supported_documents.map((d: any) => d.type)])).toEqual([
			['GBR', ['PASSPORT', 'DRIVING_LICENCE', 'NATIONAL_ID']],
			['FRA', ['PASSPORT', 'NATIONAL_ID']],
			['JPN', ['PASSPORT']],
			['SAU', []],
		]);
		const all = json(await idv('GET', '/supported-documents', undefined, { includeNonLatin: 'true' }));
		expect(all.supported_countries.find((c: any) => c.code === 'JPN').supported_documents).toEqual([
			{ type: 'PASSPORT', is_strictly_latin: true },
			{ type: 'RESIDENCE_PERMIT', is_strictly_latin: false },
		]);
		expect(all.supported_countries.find((c: any) => c.code === 'SAU').supported_documents).toEqual([{ type: 'NATIONAL_ID', is_strictly_latin: false }]);
	});

	test('an EXPIRED session is readable but its media is 409', async () => {
		const session = json(await idv('GET', `/sessions/${S.expired}`));
		expect(session.state).toBe('EXPIRED');
		expect(session.checks).toEqual([]);
		const media = await idv('GET', `/sessions/${S.expired}/media/${M.expiredPage}/content`);
		expect(media.status).toBe(409);
		expect(json(media).code).toBe('SESSION_EXPIRED');
		expect((await idv('DELETE', `/sessions/${S.expired}/media/${M.expiredPage}/content`)).status).toBe(409);
	});

	test('an ONGOING session cannot be deleted (409); a COMPLETED one can, until reset', async () => {
		const ongoing = await idv('DELETE', `/sessions/${S.ongoing}`);
		expect(ongoing.status).toBe(409);
		expect(json(ongoing).code).toBe('SESSION_NOT_COMPLETED');
		expect((await idv('GET', `/sessions/${S.ongoing}`)).status).toBe(200);

		expect((await idv('DELETE', `/sessions/${S.deletable}`)).status).toBe(204);
		expect((await idv('GET', `/sessions/${S.deletable}`)).status).toBe(404);
		expect((await idv('DELETE', `/sessions/${S.deletable}`)).status).toBe(404);
		expect((await rawRequest(`${sim.url}/__admin/reset`, { method: 'POST' })).status).toBe(200);
		expect((await idv('GET', `/sessions/${S.deletable}`)).status).toBe(200);
	});

	test('DELETE media of an ONGOING session: 409 locked, and the media stays', async () => {
		const locked = await idv('DELETE', `/sessions/${S.ongoing}/media/${M.ongoingPage}/content`);
		expect(locked.status).toBe(409);
		expect(json(locked).code).toBe('RESOURCE_LOCKED');
		expect((await idv('GET', `/sessions/${S.ongoing}/media/${M.ongoingPage}/content`)).status).toBe(200);
	});

	test('DELETE media: 204, then 404', async () => {
		expect((await idv('DELETE', `/sessions/${S.deletable}/media/${M.deletablePage}/content`)).status).toBe(204);
		expect((await idv('GET', `/sessions/${S.deletable}/media/${M.deletablePage}/content`)).status).toBe(404);
	});

	test('configuration of a session without a config file is derived from its checks', async () => {
		const config = json(await idv('GET', `/sessions/${S.rejected}/configuration`));
		expect(config.session_id).toBe(S.rejected);
		expect(config.requested_checks).toEqual(['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'LIVENESS', 'WATCHLIST_SCREENING', 'ID_DOCUMENT_TEXT_DATA_CHECK']);
		expect(config.capture.required_resources.map((r: any) => r.type)).toEqual(['ID_DOCUMENT', 'LIVENESS']);
	});

	test('create session: 201 with the three fields; bad JSON and bad types are 400', async () => {
		const ok = await idv('POST', '/sessions', JSON.stringify({ client_session_token_ttl: 700, user_tracking_id: 'u-1' }));
		expect(ok.status).toBe(201);
		const created = json(ok);
		expect(Object.keys(created).sort()).toEqual(['client_session_token', 'client_session_token_ttl', 'session_id']);
		expect(created.client_session_token_ttl).toBe(700);

		const notJson = await idv('POST', '/sessions', '{"client_session_token_ttl":');
		expect(notJson.status).toBe(400);
		expect(json(notJson).code).toBe('MALFORMED_REQUEST');
		const empty = await idv('POST', '/sessions', '');
		expect(empty.status).toBe(400);
		const wrong = await idv('POST', '/sessions', JSON.stringify({ client_session_token_ttl: 'soon', requested_checks: [{ config: {} }], user_tracking_id: 5 }));
		expect(wrong.status).toBe(400);
		expect(json(wrong).errors.map((e: any) => e.property).sort()).toEqual(['client_session_token_ttl', 'requested_checks[0].type', 'user_tracking_id']);
		const array = await idv('POST', '/sessions', '[]');
		expect(json(array).code).toBe('PAYLOAD_VALIDATION');
	});

	test("create session: Yoti's TTL limits — token TTL at least 300 s, resources TTL at least the token TTL plus a day", async () => {
		const post = (spec: object) => idv('POST', '/sessions', JSON.stringify(spec));
		expect((await post({ client_session_token_ttl: 300 })).status).toBe(201);
		expect((await post({ client_session_token_ttl: 300, resources_ttl: 86700 })).status).toBe(201);
		const short = await post({ client_session_token_ttl: 299 });
		expect(json(short)).toEqual({
			code: 'PAYLOAD_VALIDATION',
			message: 'There were errors validating the payload',
			errors: [{ property: 'client_session_token_ttl', message: 'must be at least 300 seconds' }],
		});
		const resources = await post({ client_session_token_ttl: 600, resources_ttl: 86999 });
		expect(json(resources).errors).toEqual([{ property: 'resources_ttl', message: 'must be at least client_session_token_ttl + 86400 seconds' }]);
		// without a token TTL, the resources TTL is held against the 300 s minimum
		expect(json(await post({ resources_ttl: 86699 })).errors).toEqual([
			{ property: 'resources_ttl', message: 'must be at least client_session_token_ttl + 86400 seconds' },
		]);
	});

	test('created sessions are forgotten by reset', async () => {
		const { session_id } = json(await idv('POST', '/sessions', '{}'));
		expect((await idv('GET', `/sessions/${session_id}`)).status).toBe(200);
		await rawRequest(`${sim.url}/__admin/reset`, { method: 'POST' });
		expect((await idv('GET', `/sessions/${session_id}`)).status).toBe(404);
	});

	test('reset forgets nonces: a replay is accepted again afterwards', async () => {
		const nonce = crypto.randomUUID();
		const timestamp = Date.now();
		const send = () => signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, nonce, timestamp, privateKey: DEMO.privateKey });
		expect((await send()).status).toBe(200);
		expect((await send()).status).toBe(401);
		await rawRequest(`${sim.url}/__admin/reset`, { method: 'POST' });
		expect((await send()).status).toBe(200);
	});

	test('unknown routes are 404 and known paths with another method 405', async () => {
		expect((await idv('GET', '/nothing-here')).status).toBe(404);
		expect((await rawRequest(`${sim.url}/elsewhere`)).status).toBe(404);
		const put = await idv('PUT', `/sessions/${S.approved}`, '{}');
		expect(put.status).toBe(405);
		expect(put.headers.allow).toBe('GET, DELETE');
	});

	test('the request log records method, path without query, status', async () => {
		sim.requests.splice(0);
		await idv('GET', `/sessions/${S.approved}`);
		await idv('GET', `/sessions/${S.unknown}`);
		const log = json(await rawRequest(`${sim.url}/__admin/requests`)).requests;
		expect(log).toEqual([
			{ method: 'GET', path: `/idverify/v1/sessions/${S.approved}`, status: 200 },
			{ method: 'GET', path: `/idverify/v1/sessions/${S.unknown}`, status: 404 },
		]);
	});

	test('a read-only sessions folder still accepts created sessions (kept in memory)', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-sim-ro-'));
		fs.chmodSync(dir, 0o555);
		const ro = await startSimulator({ port: 0, sessionsDir: dir });
		try {
			const res = await signedRequest(ro.idvBaseUrl, { method: 'POST', path: '/sessions', body: '{}', privateKey: DEMO.privateKey });
			expect(res.status).toBe(201);
			expect(fs.readdirSync(dir)).toEqual([]);
			const again = await signedRequest(ro.idvBaseUrl, { path: `/sessions/${json(res).session_id}`, privateKey: DEMO.privateKey });
			expect(json(again).state).toBe('ONGOING');
		} finally {
			await ro.close();
			fs.chmodSync(dir, 0o755);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('Yoti Sign', () => {
	test('json: the stored result with the right key; 401 with a wrong or missing key', async () => {
		const ok = await signGet(`${R.completed}/sessions/signed/json`);
		expect(ok.status).toBe(200);
		expect(Buffer.compare(ok.body, fs.readFileSync(path.join(__dirname, 'data', 'sign', `${R.completed}.json`)))).toBe(0);
		expect(json(ok).state).toBe('COMPLETED');
		expect((await signGet(`${R.completed}/sessions/signed/json`, 'wrong-key')).status).toBe(401);
		expect((await signGet(`${R.completed}/sessions/signed/json`, null)).status).toBe(401);
		const basic = await rawRequest(`${sim.signBaseUrl}/idv/recipients/${R.completed}/sessions/signed/json`, { headers: { Authorization: `Basic ${SIGN_API_KEY}` } });
		expect(basic.status).toBe(401);
		expect((await signGet(`${R.unknown}/sessions/signed/json`)).status).toBe(404);
	});

	test('media: JSON and JPEG with their types; unknown media 404', async () => {
		const fields = await signGet(`${R.completed}/sessions/signed/media/${R.completedFieldsMedia}`);
		expect(fields.headers['content-type']).toBe('application/json');
		expect(json(fields).document_number).toBe('123456789');
		const jpeg = await signGet(`${R.completed}/sessions/signed/media/${R.completedJpegMedia}`);
		expect(jpeg.headers['content-type']).toBe('image/jpeg');
		expect([...jpeg.body.subarray(0, 2)]).toEqual([0xff, 0xd8]);
		expect((await signGet(`${R.completed}/sessions/signed/media/${M.unknown}`)).status).toBe(404);
	});

	test('pdf: a zip holding a PDF for a completed recipient', async () => {
		const res = await signGet(`${R.completed}/sessions/signed/pdf`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/zip');
		expect(res.body.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
		const entries = readStoredZip(res.body);
		expect(entries.map((e: any) => e.name)).toEqual([`idv-report-${R.completed}.pdf`]);
		expect(entries[0].crcOk).toBe(true);
		const pdf = entries[0].data.toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		// the end-of-central-directory record counts one entry
		const eocd = res.body.subarray(res.body.length - 22);
		expect(eocd.readUInt32LE(0)).toBe(0x06054b50);
		expect(eocd.readUInt16LE(10)).toBe(1);
	});

	test('pdf: 409 while the recipient session is ONGOING', async () => {
		const res = await signGet(`${R.ongoing}/sessions/signed/pdf`);
		expect(res.status).toBe(409);
		expect(json(await signGet(`${R.ongoing}/sessions/signed/json`)).state).toBe('ONGOING');
	});

	test('other paths and methods', async () => {
		expect((await signGet(`${R.completed}/sessions/signed/xml`)).status).toBe(404);
		const post = await rawRequest(`${sim.signBaseUrl}/idv/recipients/${R.completed}/sessions/signed/json`, { method: 'POST', headers: { Authorization: `Bearer ${SIGN_API_KEY}` } });
		expect(post.status).toBe(405);
	});
});

describe('demo data index', () => {
	const index = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', 'index.json'), 'utf8'));

	test('every listed session, media and recipient exists on disk', () => {
		for (const s of index.sessions) expect(fs.existsSync(path.join(__dirname, 'data', `${s.session_id}.json`))).toBe(true);
		for (const m of index.media) expect(fs.existsSync(path.join(__dirname, 'data', m.file))).toBe(true);
		for (const r of index.signRecipients) expect(fs.existsSync(path.join(__dirname, 'data', 'sign', `${r.recipient_id}.json`))).toBe(true);
	});

	test('the demo sessions cover every check type, each decision and each state', () => {
		expect(Object.keys(index.checks).sort()).toEqual(
			[
				'FACE_COMPARISON',
				'ID_DOCUMENT_AUTHENTICITY',
				'ID_DOCUMENT_COMPARISON',
				'ID_DOCUMENT_FACE_MATCH',
				'ID_DOCUMENT_TEXT_DATA_CHECK',
				'LIVENESS',
				'SIMULATOR_FUTURE_CHECK',
				'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK',
				'THIRD_PARTY_IDENTITY',
				'WATCHLIST_ADVANCED_CA',
				'WATCHLIST_SCREENING',
			].sort(),
		);
		expect(new Set(index.sessions.map((s: any) => s.decision))).toEqual(new Set(['APPROVE', 'REJECT', 'REVIEW', 'NOT_AVAILABLE', 'EXPIRED', 'PENDING']));
		expect(new Set(index.sessions.map((s: any) => s.state))).toEqual(new Set(['ONGOING', 'COMPLETED', 'EXPIRED']));
		const approved = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', `${S.approved}.json`), 'utf8'));
		expect(approved.resources.id_documents[0].pages[0].frames[0]).toEqual({});
		const notAvailable = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', `${S.notAvailable}.json`), 'utf8'));
		expect(notAvailable.checks[0].report.recommendation).toEqual({ value: 'NOT_AVAILABLE', reason: 'QUALITY', recovery_suggestion: 'BETTER_LIGHTING' });
		expect(JSON.parse(fs.readFileSync(path.join(__dirname, 'data', `${S.identityProfile}.json`), 'utf8')).identity_profile.result).toBe('DONE');
		expect(JSON.parse(fs.readFileSync(path.join(__dirname, 'data', `${S.advancedProfile}.json`), 'utf8')).advanced_identity_profile.result).toBe('DONE');
	});
});
