/* eslint-disable */
/**
 * The two age credentials: their `authenticate` (headers, the AI signature made by the IDV
 * signer with X-Yoti-Auth-Id and no sdkId, idempotent re-signing) and their credential Tests
 * against the simulator (right key OK; wrong key, unknown SDK ID, proxy answers, lenient server,
 * unreachable host each say what is wrong; no side effect).
 */
import * as crypto from 'crypto';
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import { YotiAgeVerificationApi } from '../../credentials/YotiAgeVerificationApi.credentials';
import { YotiAiApi } from '../../credentials/YotiAiApi.credentials';
import { yotiAgeVerificationApiTest, yotiAiApiTest } from '../../nodes/Yoti/ageCredentialTests';
import { Yoti } from '../../nodes/Yoti/Yoti.node';
import { DEMO, DEMO_AGE_API_KEY, startAgeEnv, type AgeEnv } from './yoti.ageFixtures';

let env: AgeEnv;
beforeAll(async () => {
	env = await startAgeEnv();
});
afterAll(async () => {
	await env?.close();
});

const context = () => new CredentialTestContext() as unknown as ICredentialTestFunctions;
const decrypted = (data: Record<string, unknown>): ICredentialsDecrypted => ({ id: '1', name: 'test', type: 'x', data: data as any });
const ageTest = (data: Record<string, unknown> = {}) => yotiAgeVerificationApiTest.call(context(), decrypted({ ...env.credentials.yotiAgeVerificationApi, ...data }));
const aiTest = (data: Record<string, unknown> = {}) => yotiAiApiTest.call(context(), decrypted({ ...env.credentials.yotiAiApi, ...data }));
const OK = { status: 'OK', message: 'Connection successful: Yoti accepted the credential' };
const wrongPem = crypto.generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
}).privateKey;

describe('authenticate', () => {
	test('Age Verification: Bearer API key, Yoti-SDK-Id, absolute URL; idempotent', async () => {
		const credential = new YotiAgeVerificationApi();
		const data = { sdkId: DEMO.sdkId, apiKey: 'k-123', environment: 'production' };
		const once = await credential.authenticate(data, { method: 'POST', url: '/sessions', body: { type: 'OVER' } });
		expect(once.url).toBe('https://age.yoti.com/api/v1/sessions');
		expect(once.headers).toEqual({
			Authorization: 'Bearer k-123',
			'Yoti-SDK-Id': DEMO.sdkId,
			Accept: 'application/json',
			'Content-Type': 'application/json',
		});
		expect(once.body).toBe('{"type":"OVER"}');
		const twice = await credential.authenticate(data, once);
		expect(twice.url).toBe(once.url);
		expect(twice.headers).toEqual(once.headers);
		expect(twice.body).toBe('{"type":"OVER"}');
	});

	test('AI: signed by the IDV signer over METHOD&path?nonce&timestamp&base64(body), X-Yoti-Auth-Id, no sdkId query', async () => {
		const credential = new YotiAiApi();
		const data = { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'production' };
		const entropy = { nonce: () => '6f1e8e1c-2b0a-4c1d-9e3f-0a1b2c3d4e5f', timestampMs: () => 1764806400000 };
		const signed = await credential.authenticate(data, { method: 'POST', url: '/age-antispoofing', body: { img: 'AAAA' } }, entropy);
		expect(signed.url).toBe('https://api.yoti.com/ai/v1/age-antispoofing?nonce=6f1e8e1c-2b0a-4c1d-9e3f-0a1b2c3d4e5f&timestamp=1764806400000');
		const headers = signed.headers as Record<string, string>;
		expect(headers['X-Yoti-Auth-Id']).toBe(DEMO.sdkId);
		expect(headers['X-Yoti-SDK']).toBe('n8n-nodes-yoti');
		// The string to sign, written out by hand: base64('{"img":"AAAA"}') = eyJpbWciOiJBQUFBIn0=
		const message = 'POST&/age-antispoofing?nonce=6f1e8e1c-2b0a-4c1d-9e3f-0a1b2c3d4e5f&timestamp=1764806400000&eyJpbWciOiJBQUFBIn0=';
		expect(crypto.createVerify('RSA-SHA256').update(message).verify(DEMO.publicKey, Buffer.from(headers['X-Yoti-Auth-Digest'], 'base64'))).toBe(true);
		// PKCS#1 v1.5 is deterministic: the same digest as signing that message directly.
		expect(headers['X-Yoti-Auth-Digest']).toBe(crypto.createSign('RSA-SHA256').update(message).sign(DEMO.privateKey, 'base64'));
		// n8n re-runs authenticate on its own output: one fresh nonce, never two.
		const again = await credential.authenticate(data, signed, { nonce: () => '11111111-2222-4333-8444-555555555555', timestampMs: () => 1764806400001 });
		expect(again.url).toBe('https://api.yoti.com/ai/v1/age-antispoofing?nonce=11111111-2222-4333-8444-555555555555&timestamp=1764806400001');
	});

	test('the node offers both tests and shows each credential only for its resource', () => {
		const node = new Yoti();
		expect(Object.keys(node.methods.credentialTest)).toEqual(expect.arrayContaining(['yotiAgeVerificationApiTest', 'yotiAiApiTest', 'yotiApiTest']));
		expect(node.description.credentials).toEqual(
			expect.arrayContaining([
				{ name: 'yotiAgeVerificationApi', required: true, testedBy: 'yotiAgeVerificationApiTest', displayOptions: { show: { resource: ['ageVerification'] } } },
				{ name: 'yotiAiApi', required: true, testedBy: 'yotiAiApiTest', displayOptions: { show: { resource: ['ageEstimation'] } } },
			]),
		);
	});
});

describe('Age Verification credential Test', () => {
	test('right key: OK, and the probe created no session', async () => {
		const before = env.sim.requests.length;
		expect(await ageTest()).toEqual(OK);
		expect(env.sim.requests.slice(before).map((r: any) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /age/api/v1/sessions 400']);
	});

	test('a wrong API key says so; an unknown SDK ID says so', async () => {
		expect(await ageTest({ apiKey: 'wrong-key' })).toEqual({
			status: 'Error',
			message: "Yoti Age Verification rejected the API key — check the Yoti Age Verification API credential's API key (the Age Verification key from Yoti Hub, not the IDV .pem key)",
		});
		expect(await ageTest({ sdkId: '00000000-0000-4000-8000-00000000abcd' })).toEqual({
			status: 'Error',
			message: "Yoti Age Verification did not accept the SDK ID — check the Yoti Age Verification API credential's SDK ID (sent as Yoti-SDK-Id)",
		});
	});

	test('an SDK ID that is not a UUID is refused before any request', async () => {
		const before = env.sim.requests.length;
		const result = await ageTest({ sdkId: 'my-app' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The SDK ID is not a UUID/);
		expect(env.sim.requests.length).toBe(before);
	});

	test('a proxy page (HTML 400) and a lenient server (2xx) are not OK', async () => {
		env.sim.setFaults(['400:body=html:times=1:route=/age/api/v1/sessions']);
		const proxy = await ageTest();
		expect(proxy.status).toBe('Error');
		expect(proxy.message).toMatch(/^Not confirmed: the test request got an answer that is not Yoti's JSON \(HTTP 400, text\/html/);
		env.sim.setFaults(['accept:times=1:route=/age/api/v1/sessions']);
		const lenient = await ageTest();
		env.sim.clearFaults();
		expect(lenient.status).toBe('Error');
		expect(lenient.message).toMatch(/^Not confirmed: whatever answered at this Base URL accepted the test session Yoti always refuses \(HTTP 200, application\/json\) — session [0-9a-f-]{36} may exist; it expires on its own\./);
	});

	test('nothing listening: says so', async () => {
		const result = await ageTest({ baseUrl: 'http://127.0.0.1:1/age/api/v1' });
		expect(result.message).toMatch(/^Could not reach Yoti at http:\/\/127\.0\.0\.1:1\/age\/api\/v1 \(ECONNREFUSED\)/);
	});

	test('http:// for a host that is not this machine is refused; the key is never in a message', async () => {
		const result = await ageTest({ baseUrl: 'http://age.example.com/api/v1', apiKey: 'secret-key-xyz' });
		expect(result.message).toMatch(/uses http:\/\/ for age\.example\.com, which is not this machine/);
		expect(result.message).not.toContain('secret-key-xyz');
	});
});

describe('AI Services credential Test', () => {
	test('right key: OK (Yoti refuses the empty image after authenticating), no estimate made', async () => {
		const before = await env.admin('/ai-requests', undefined, 'GET');
		expect(await aiTest()).toEqual(OK);
		expect(await env.admin('/ai-requests', undefined, 'GET')).toEqual(before);
	});

	test('a key Yoti does not know for this SDK ID: the signature message with Yoti\'s code', async () => {
		expect(await aiTest({ privateKey: wrongPem })).toEqual({
			status: 'Error',
			message:
				"Yoti rejected the request signature — check the Yoti AI Services API credential's SDK ID and private key (the keys Yoti Hub generated for age estimation) (INVALID_YOTI_AUTH_DIGEST)",
		});
	});

	test('an unknown SDK ID: APP_NOT_FOUND', async () => {
		expect(await aiTest({ sdkId: '00000000-0000-4000-8000-00000000abcd' })).toEqual({
			status: 'Error',
			message:
				"The SDK ID is not a Yoti AI services application — check the Yoti AI Services API credential's SDK ID (the application you generated age estimation keys for) (APP_NOT_FOUND)",
		});
	});

	test('a Base URL that is not /ai/v1 (here the IDV one)', async () => {
		const result = await aiTest({ baseUrl: `${env.sim.url}/idverify/v1` });
		expect(result.status).toBe('Error');
	});

	test('a malformed PEM is refused without echoing it', async () => {
		const result = await aiTest({ privateKey: 'not a key at all' });
		expect(result).toEqual({
			status: 'Error',
			message: 'The private key is not a PEM private key. Paste the whole key file downloaded from Yoti Hub, including its BEGIN and END lines.',
		});
	});
});

test('the demo Age Verification API key is the simulator\'s', () => {
	expect(DEMO_AGE_API_KEY).toBe('demo-age-api-key-TEST-ONLY');
});
