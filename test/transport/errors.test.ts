/* eslint-disable */
import { generateKeyPairSync } from 'crypto';

import {
	DEMO,
	MEDIA_IMAGE_JPEG,
	RECIPIENT_COMPLETED,
	SESSION_APPROVED,
	SESSION_EXPIRED,
	UNKNOWN_MEDIA,
	UNKNOWN_SESSION,
	idvCredentials,
	probe,
	recordSleeps,
	signCredentials,
	startRawServer,
	startSimulator,
	type RawServer,
	type Simulator,
} from './probe';

const SESSION_ONGOING = '5e551000-0000-4000-8000-000000000004';
const MEDIA_OF_ONGOING_SESSION = '3ed1a000-0000-4000-8000-000000000401';

const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let sim: Simulator;
let raw: RawServer;
let sleeps: ReturnType<typeof recordSleeps>;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	raw = await startRawServer();
});
afterAll(async () => {
	await sim.close();
	await raw.close();
});
beforeEach(() => {
	sim.clearFaults();
	sim.reset();
	sleeps = recordSleeps();
});
afterEach(() => sleeps.restore());

function callsDuring<T>(run: () => Promise<T>): Promise<{ value: T; calls: number }> {
	const before = sim.requests.length;
	return run().then((value) => ({ value, calls: sim.requests.length - before }));
}

describe('Yoti errors become messages that say what to do', () => {
	test('404 session: names the session ID, shows Yoti\'s body', async () => {
		const result = await probe({ path: `/sessions/${UNKNOWN_SESSION}`, resource: 'session' }, idvCredentials(sim));
		expect(result.error?.message).toBe(`Session ${UNKNOWN_SESSION} not found or already deleted — check the session ID, or the SDK ID is not an application in this environment`);
		expect(result.error?.description).toMatch(/^Yoti answered HTTP 404/);
		expect((result.error as any).httpCode).toBe('404');
	});

	test('404 media: names the media ID', async () => {
		const result = await probe(
			{ path: `/sessions/${SESSION_APPROVED}/media/${UNKNOWN_MEDIA}/content`, download: true, resource: 'media' },
			idvCredentials(sim),
		);
		expect(result.error?.message).toBe(`Media ${UNKNOWN_MEDIA} not found or already deleted — check the media ID, or the SDK ID is not an application in this environment`);
	});

	test('404 recipient on Yoti Sign', async () => {
		const recipient = '5191e000-0000-4000-8000-0000000000ff';
		const result = await probe(
			{ api: 'sign', path: `/idv/recipients/${recipient}/sessions/signed/json`, resource: 'recipient' },
			signCredentials(sim.signBaseUrl),
		);
		expect(result.error?.message).toBe(`Recipient ${recipient} not found or already deleted — check the recipient ID`);
	});

	test('401, key from another app: the signature message, one call (n8n does not resend it)', async () => {
		const { value: result, calls } = await callsDuring(() =>
			probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim, { privateKey: OTHER_KEY })),
		);
		expect(calls).toBe(1);
		expect(result.error?.message).toBe("Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in");
		expect(result.error?.description).toContain('UNAUTHORIZED');
		expect((result.error as any).httpCode).toBe('401');
	});

	test('404, unknown SDK ID (Yoti: "Session or App not found"): the message names both', async () => {
		const result = await probe({ path: `/sessions/${SESSION_APPROVED}`, resource: 'session' }, idvCredentials(sim, { sdkId: 'de30de30-0000-4000-8000-0000000000ff' }));
		expect(result.error?.message).toBe(`Session ${SESSION_APPROVED} not found or already deleted — check the session ID, or the SDK ID is not an application in this environment`);
		expect((result.error as any).httpCode).toBe('404');
	});

	test('404 on create (POST /sessions names no session): only the unknown app', async () => {
		const result = await probe({ method: 'POST', path: '/sessions', body: {} }, idvCredentials(sim, { sdkId: 'de30de30-0000-4000-8000-0000000000ff' }));
		expect(result.error?.message).toBe(
			"The SDK ID is not an application in this environment — check the SDK ID and the credential's environment (production or sandbox)",
		);
		expect(result.error?.description).toContain('The application for provided sdk id does not exist');
	});

	test('401 on Yoti Sign: the API key message', async () => {
		const result = await probe(
			{ api: 'sign', path: `/idv/recipients/${RECIPIENT_COMPLETED}/sessions/signed/json` },
			signCredentials(sim.signBaseUrl, 'not-the-key'),
		);
		expect(result.error?.message).toBe("Yoti Sign rejected the API key — check the API key, and that the credential's Environment (Demo or Production) is the one the key was issued for");
	});

	test('403: app disabled or not your resource', async () => {
		sim.setFaults(['403:times=1']);
		const result = await probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim));
		expect(result.error?.message).toBe(
			'Yoti refused access — the Yoti Hub app may be disabled, or the resource belongs to another app',
		);
		expect((result.error as any).httpCode).toBe('403');
	});

	test('409 on an expired session\'s media: session expired', async () => {
		const result = await probe(
			{ path: `/sessions/${SESSION_EXPIRED}/media/${MEDIA_IMAGE_JPEG}/content`, download: true, resource: 'media' },
			idvCredentials(sim),
		);
		expect(result.error?.message).toBe('Session expired (or its resources are no longer available) — create a new session');
		expect(result.error?.description).toContain('SESSION_EXPIRED');
	});

	test('409 on DELETE session: its checks are not finished, whatever code Yoti sends', async () => {
		const result = await probe({ method: 'DELETE', path: `/sessions/${SESSION_ONGOING}` }, idvCredentials(sim));
		expect(result.error?.message).toBe('Session not finished yet — Yoti deletes a session only once its checks are finished; try again later');
		sim.setFaults(['409:times=1']);
		const other = await probe({ method: 'DELETE', path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim));
		expect(other.error?.message).toBe('Session not finished yet — Yoti deletes a session only once its checks are finished; try again later');
	});

	test('409 on DELETE media: the session or media is locked, whatever code Yoti sends', async () => {
		const locked = 'The session or media is locked — Yoti does not delete media while the session is in progress; try again once it completes';
		const ongoing = await probe(
			{ method: 'DELETE', path: `/sessions/${SESSION_ONGOING}/media/${MEDIA_OF_ONGOING_SESSION}/content`, resource: 'media' },
			idvCredentials(sim),
		);
		expect(ongoing.error?.message).toBe(locked);
		expect(ongoing.error?.description).toContain('RESOURCE_LOCKED');
		expect((ongoing.error as any).httpCode).toBe('409');
		sim.setFaults(['409:times=1']);
		const injected = await probe(
			{ method: 'DELETE', path: `/sessions/${SESSION_APPROVED}/media/${MEDIA_IMAGE_JPEG}/content`, resource: 'media' },
			idvCredentials(sim),
		);
		expect(injected.error?.message).toBe(locked);
	});

	test('409 on GET session: expired', async () => {
		sim.setFaults(['409:times=1']);
		const result = await probe({ path: `/sessions/${SESSION_APPROVED}`, resource: 'session' }, idvCredentials(sim));
		expect(result.error?.message).toBe('Session expired (or its resources are no longer available) — create a new session');
	});

	test('409 on Yoti Sign: the recipient\'s session is not finished', async () => {
		sim.setFaults(['409:times=1']);
		const result = await probe(
			{ api: 'sign', path: `/idv/recipients/${RECIPIENT_COMPLETED}/sessions/signed/json`, resource: 'recipient' },
			signCredentials(sim.signBaseUrl),
		);
		expect(result.error?.message).toBe("The recipient's session is not finished yet — try again once the recipient completes identity verification");
	});

	test('400 PAYLOAD_VALIDATION: Yoti\'s message in the message, every errors[] entry in the description', async () => {
		const result = await probe(
			{ method: 'POST', path: '/sessions', body: { client_session_token_ttl: -1, user_tracking_id: 5 } },
			idvCredentials(sim),
		);
		expect(result.error?.message).toBe('Yoti refused the request as invalid: There were errors validating the payload');
		expect(result.error?.description).toBe(
			[
				'Yoti answered HTTP 400 — PAYLOAD_VALIDATION: There were errors validating the payload',
				'• client_session_token_ttl: must be a positive whole number',
				'• user_tracking_id: must be a string',
			].join('\n'),
		);
		expect((result.error as any).httpCode).toBe('400');
	});

	test('400 MALFORMED_REQUEST from the simulator', async () => {
		const result = await probe({ method: 'POST', path: '/sessions', body: '{not json' }, idvCredentials(sim));
		expect(result.error?.message).toBe('Yoti refused the request as invalid: The request body is not valid JSON');
		expect(result.error?.description).toContain('MALFORMED_REQUEST');
	});
});

describe('odd error bodies (a plain server standing in for Yoti)', () => {
	const sign = () => signCredentials(raw.baseUrl, 'raw-key');

	test('the older {"error": "MALFORMED_REQUEST"} shape', async () => {
		raw.answer({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"MALFORMED_REQUEST"}' });
		const result = await probe({ api: 'sign', path: '/x' }, sign());
		expect(result.error?.message).toBe('Yoti refused the request as invalid: MALFORMED_REQUEST');
		expect(result.error?.description).toBe('Yoti answered HTTP 400 — MALFORMED_REQUEST');
	});

	test('422 with {code, message}', async () => {
		raw.answer({ status: 422, headers: { 'content-type': 'application/json' }, body: '{"code":"UNPROCESSABLE","message":"Media cannot be processed"}' });
		const result = await probe({ api: 'sign', path: '/x' }, sign());
		expect(result.error?.message).toBe('Yoti could not process the request: Media cannot be processed');
		expect((result.error as any).httpCode).toBe('422');
	});

	test('a non-JSON 502 page: retried, then shown truncated to 500 characters', async () => {
		const page = `<html><body>${'Bad gateway '.repeat(100)}</body></html>`;
		raw.answer({ status: 502, headers: { 'content-type': 'text/html' }, body: page });
		const before = raw.received.length;
		const result = await probe({ api: 'sign', path: '/x' }, sign());
		expect(raw.received.length - before).toBe(3);
		expect(result.error?.message).toBe('Yoti is unavailable (HTTP 502) — tried 3 times; try again later');
		expect(result.error?.description).toBe(`Yoti answered HTTP 502\n${page.slice(0, 500)}`);
	});

	test('an empty 500 body', async () => {
		raw.answer({ status: 500, body: '' });
		const result = await probe({ api: 'sign', path: '/x' }, sign());
		expect(result.error?.message).toBe('Yoti is unavailable (HTTP 500) — tried once; try again later');
		expect(result.error?.description).toBe('Yoti answered HTTP 500');
	});

	test('a 200 whose JSON does not parse: retried, then "unreadable"', async () => {
		raw.answer({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"session_id": "abc' });
		const before = raw.received.length;
		const result = await probe({ api: 'sign', path: '/x' }, sign());
		expect(raw.received.length - before).toBe(3);
		expect(result.error?.message).toMatch(/sent an incomplete or unreadable response — tried 3 times; try again later$/);
	});

	test('an unexpected status (418)', async () => {
		raw.answer({ status: 418, body: '' });
		const result = await probe({ api: 'sign', path: '/x' }, sign());
		expect(result.error?.message).toBe('Yoti answered HTTP 418');
	});
});

describe('the credential cannot prepare the request', () => {
	test('malformed private key: the credential\'s message, nothing sent', async () => {
		const { value: result, calls } = await callsDuring(() =>
			probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim, { privateKey: 'hello this is not a key' })),
		);
		expect(calls).toBe(0);
		expect(result.error?.message).toMatch(/not a PEM private key/);
		expect(result.error?.description).toBe('Check the credential: the request was not sent to Yoti.');
		expect(JSON.stringify(result.error)).not.toContain('hello this is not a key');
	});

	test('custom environment without a base URL', async () => {
		const result = await probe({ path: `/sessions/${SESSION_APPROVED}` }, idvCredentials(sim, { baseUrl: '' }));
		expect(result.error?.message).toMatch(/Base URL is empty/);
	});
});
