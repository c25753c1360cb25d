/* eslint-disable */
// Acceptance: the official `yoti` SDK pointed at the simulator succeeds with the demo key and
// gets 401 for every way a request can be forged or replayed.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
	IDVClient,
	SessionSpecificationBuilder,
	RequestedDocumentAuthenticityCheckBuilder,
	RequestedLivenessCheckBuilder,
	NotificationConfigBuilder,
} from 'yoti';
import { DEMO_SDK_ID, S, M, signedRequest, rawRequest, json, flipOneChar } from './helpers';

const { startSimulator, DEMO } = require('./index');

let sim: any;
let client: any;
let otherKey: string;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	client = new IDVClient(DEMO.sdkId, DEMO.privateKey, { apiUrl: sim.idvBaseUrl });
	otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	jest.spyOn(console, 'log').mockImplementation(() => {}); // the SDK logs every failed call
});
afterEach(() => {
	jest.restoreAllMocks();
});

async function statusOf(p: Promise<unknown>): Promise<number | null> {
	try {
		await p;
		return 200;
	} catch (err: any) {
		return typeof err.getResponseStatusCode === 'function' ? err.getResponseStatusCode() : null;
	}
}

describe('official yoti SDK with the demo key', () => {
	test('DEMO names the bundled SDK ID and key files', () => {
		expect(DEMO.sdkId).toBe(DEMO_SDK_ID);
		expect(fs.existsSync(DEMO.privateKeyPath)).toBe(true);
		expect(DEMO.privateKey).toContain('-----BEGIN RSA PRIVATE KEY-----');
		expect(DEMO.publicKey).toContain('-----BEGIN PUBLIC KEY-----');
	});

	test('getSession reads the approved demo session', async () => {
		const session = await client.getSession(S.approved);
		expect(session.getSessionId()).toBe(S.approved);
		expect(session.getState()).toBe('COMPLETED');
		expect(session.getUserTrackingId()).toBe('demo-user-approved');
		expect(session.getChecks().map((c: any) => c.getType())).toEqual([
			'ID_DOCUMENT_AUTHENTICITY',
			'ID_DOCUMENT_TEXT_DATA_CHECK',
			'ID_DOCUMENT_FACE_MATCH',
			'LIVENESS',
		]);
		expect(session.getChecks()[2].getReport().getBreakdown()[0].getDetails()[0].getValue()).toBe('0.91');
	});

	test.each(Object.entries(S).filter(([k]) => k !== 'unknown'))('every demo session parses with the SDK: %s', async (_name, id) => {
		const session = await client.getSession(id);
		expect(session.getSessionId()).toBe(id);
	});

	test('getSessionConfiguration', async () => {
		const config = await client.getSessionConfiguration(S.approved);
		expect(config.getSessionId()).toBe(S.approved);
		expect(config.getRequestedChecks()).toEqual(['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_TEXT_DATA_CHECK', 'ID_DOCUMENT_FACE_MATCH', 'LIVENESS']);
		expect(config.getCapture().getRequiredResources().map((r: any) => r.getType())).toEqual(['ID_DOCUMENT', 'LIVENESS']);
	});

	test('getMediaContent: JPEG image', async () => {
		const media = await client.getMediaContent(S.approved, M.jpeg);
		expect(media.getMimeType()).toBe('image/jpeg');
		const onDisk = fs.readFileSync(path.join(__dirname, 'data', 'media', S.approved, `${M.jpeg}.jpg`));
		expect(Buffer.compare(media.getContent(), onDisk)).toBe(0);
		expect([...media.getContent().subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
	});

	test('getMediaContent: PNG image', async () => {
		const media = await client.getMediaContent(S.approved, M.png);
		expect(media.getMimeType()).toBe('image/png');
		expect(media.getContent().subarray(1, 4).toString('latin1')).toBe('PNG');
	});

	test('getMediaContent: document fields JSON', async () => {
		const media = await client.getMediaContent(S.approved, M.fieldsJson);
		expect(media.getMimeType()).toBe('application/json');
		const fields = JSON.parse(media.getContent().toString('utf8'));
		expect(fields.full_name).toBe('Jane Ann Example');
		expect(fields.date_of_birth).toBe('1990-04-12');
		expect(fields.structured_postal_address.postal_code).toBe('SW1A 1AA');
		expect(fields.mrz.line1).toBe('P<GBREXAMPLE<<JANE<ANN<<<<<<<<<<<<<<<<<<<<<<');
	});

	test('getMediaContent: empty media is 204 -> null', async () => {
		await expect(client.getMediaContent(S.approved, M.empty)).resolves.toBeNull();
	});

	test('deleteSession on a completed session, then it is gone', async () => {
		await expect(client.deleteSession(S.deletable)).resolves.toBeUndefined();
		expect(await statusOf(client.getSession(S.deletable))).toBe(404);
	});

	test('createSession returns a fresh id and token; the session is ONGOING and cannot be deleted yet', async () => {
		const spec = new SessionSpecificationBuilder()
			.withClientSessionTokenTtl(900)
			.withUserTrackingId('sdk-test-user')
			.withRequestedCheck(new RequestedDocumentAuthenticityCheckBuilder().build())
			.withRequestedCheck(new RequestedLivenessCheckBuilder().forZoomLiveness().build())
			.withNotifications(new NotificationConfigBuilder().withEndpoint('https://example.com/hook').withAuthToken('u:p').forSessionCompletion().build())
			.build();
		const created = await client.createSession(spec);
		const id = created.getSessionId();
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(created.getClientSessionToken()).toMatch(/^[0-9a-f-]{36}$/);
		expect(created.getClientSessionTokenTtl()).toBe(900);
		const again = await client.createSession(spec);
		expect(again.getSessionId()).not.toBe(id);

		const session = await client.getSession(id);
		expect(session.getState()).toBe('ONGOING');
		expect(session.getUserTrackingId()).toBe('sdk-test-user');
		const config = await client.getSessionConfiguration(id);
		expect(config.getRequestedChecks()).toEqual(['ID_DOCUMENT_AUTHENTICITY', 'LIVENESS']);
		expect(config.getCapture().getRequiredResources().map((r: any) => r.getType())).toEqual(['ID_DOCUMENT', 'LIVENESS']);
		expect(await statusOf(client.deleteSession(id))).toBe(409);
	});

	test('unknown session and media are 404', async () => {
		expect(await statusOf(client.getSession(S.unknown))).toBe(404);
		expect(await statusOf(client.getMediaContent(S.approved, M.unknown))).toBe(404);
		expect(await statusOf(client.getSessionConfiguration(S.unknown))).toBe(404);
	});
});

describe('401 for forged or replayed requests', () => {
	test('the same SDK calls signed with another key', async () => {
		const wrong = new IDVClient(DEMO.sdkId, otherKey, { apiUrl: sim.idvBaseUrl });
		const spec = new SessionSpecificationBuilder().withClientSessionTokenTtl(600).build();
		expect(await statusOf(wrong.getSession(S.approved))).toBe(401);
		expect(await statusOf(wrong.getSessionConfiguration(S.approved))).toBe(401);
		expect(await statusOf(wrong.getMediaContent(S.approved, M.jpeg))).toBe(401);
		expect(await statusOf(wrong.deleteSession(S.rejected))).toBe(401);
		expect(await statusOf(wrong.createSession(spec))).toBe(401);
		// nothing was deleted by the rejected call
		expect((await client.getSession(S.rejected)).getState()).toBe('COMPLETED');
	});

	test("the 401 body has Yoti's shape", async () => {
		const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: otherKey });
		expect(res.status).toBe(401);
		const body = json(res);
		expect(body.code).toBe('UNAUTHORIZED');
		expect(typeof body.message).toBe('string');
	});

	test('a correctly signed request works once; replaying its nonce is 401', async () => {
		const nonce = crypto.randomUUID();
		const timestamp = Date.now();
		const first = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, nonce, timestamp, privateKey: DEMO.privateKey });
		expect(first.status).toBe(200);
		const replay = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, nonce, timestamp, privateKey: DEMO.privateKey });
		expect(replay.status).toBe(401);
		expect(json(replay).message).toContain('nonce');
	});

	test('a tampered digest is 401', async () => {
		const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey, digest: (d) => flipOneChar(d) });
		expect(res.status).toBe(401);
	});

	test('a missing digest is 401', async () => {
		const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey, digest: () => undefined });
		expect(res.status).toBe(401);
		expect(json(res).code).toBe('UNAUTHORIZED');
	});

	test('an unknown sdkId is 404 as Yoti documents it (no app, so no key to verify with); a missing one is 401', async () => {
		const wrong = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, sdkId: '11111111-2222-4333-8444-555555555555', privateKey: DEMO.privateKey });
		expect(wrong.status).toBe(404);
		expect(json(wrong)).toEqual({ code: 'NOT_FOUND', message: 'Session or App not found' });
		const missing = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, sdkId: null, privateKey: DEMO.privateKey });
		expect(missing.status).toBe(401);
	});

	test('a stale or future timestamp is 401; seconds instead of milliseconds too', async () => {
		const stale = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, timestamp: Date.now() - 10 * 60 * 1000, privateKey: DEMO.privateKey });
		expect(stale.status).toBe(401);
		const future = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, timestamp: Date.now() + 10 * 60 * 1000, privateKey: DEMO.privateKey });
		expect(future.status).toBe(401);
		const seconds = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, timestamp: Math.floor(Date.now() / 1000), privateKey: DEMO.privateKey });
		expect(seconds.status).toBe(401);
	});

	test('a nonce that is not a UUID is 401', async () => {
		const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, nonce: 'not-a-uuid', privateKey: DEMO.privateKey });
		expect(res.status).toBe(401);
	});

	test('a POST whose body differs from the signed body is 401', async () => {
		const body = JSON.stringify({ client_session_token_ttl: 600 });
		const nonce = crypto.randomUUID();
		const timestamp = Date.now();
		const signedPath = `/sessions?sdkId=${DEMO_SDK_ID}&nonce=${nonce}&timestamp=${timestamp}`;
		const digest = crypto.createSign('RSA-SHA256').update(`POST&${signedPath}&${Buffer.from(body).toString('base64')}`).sign(DEMO.privateKey, 'base64');
		const tampered = await rawRequest(`${sim.idvBaseUrl}${signedPath}`, {
			method: 'POST',
			headers: { 'X-Yoti-Auth-Digest': digest, 'Content-Type': 'application/json' },
			body: JSON.stringify({ client_session_token_ttl: 601 }),
		});
		expect(tampered.status).toBe(401);
	});
});
