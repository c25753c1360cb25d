/* eslint-disable */
import * as crypto from 'crypto';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import {
	IDV_REJECTED_MESSAGE,
	SIGN_REJECTED_MESSAGE,
	credentialTest,
	yotiApiTest,
	yotiNotificationAuthTest,
	yotiSignApiTest,
} from '../../nodes/Yoti/credentialTests';
import { IDV_APP_NOT_FOUND, IDV_APP_REFUSED } from '../../nodes/Yoti/transport/messages';
import { PKCS1_PEM, PUBLIC_PEM, VECTOR_SDK_ID, leakedWindows, pemBody } from './helpers';

const { startSimulator, DEMO } = require('../simulator');

/** A small stand-in for Yoti: verifies IDV digests with test-pub.pem, checks a Bearer key. */
interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}
let server: http.Server;
let origin: string;
let forcedStatus: number | undefined;
const seen: Seen[] = [];
const SIGN_KEY = 'sign-key-right-0123456789';

function answer(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

beforeAll(async () => {
	server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: body.toString('utf8') });
		if (forcedStatus !== undefined) return answer(res, forcedStatus, { code: 'FORCED' });
		if (req.url!.startsWith('/idverify/v1/')) {
			const pathAndQuery = req.url!.slice('/idverify/v1'.length);
			const digest = String(req.headers['x-yoti-auth-digest'] ?? '');
			const signedText = `${req.method}&${pathAndQuery}${body.length > 0 ? `&${body.toString('base64')}` : ''}`;
			const ok = crypto.verify('sha256', Buffer.from(signedText), PUBLIC_PEM, Buffer.from(digest, 'base64'));
			if (!ok) return answer(res, 401, { code: 'UNAUTHORIZED' });
			// Yoti's create-session validation refuses the probe's wrongly typed body.
			return req.method === 'POST' ? answer(res, 400, { code: 'PAYLOAD_VALIDATION' }) : answer(res, 404, { code: 'SESSION_NOT_FOUND' });
		}
		if (req.url!.startsWith('/v2/')) {
			return req.headers.authorization === `Bearer ${SIGN_KEY}`
				? answer(res, 404, { error: 'not found' })
				: answer(res, 401, { error: 'unauthorized' });
		}
		answer(res, 404, {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	// n8n-core's SSH-tunnel manager (created with the test context) keeps an interval running.
	const corePath = path.dirname(require.resolve('n8n-core'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [corePath] }));
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});

beforeEach(() => {
	forcedStatus = undefined;
	seen.length = 0;
});

/** n8n-core's real credential-test context: `this` has only `helpers.request`. */
const context = () => new CredentialTestContext() as unknown as ICredentialTestFunctions;
const decrypted = (data: Record<string, unknown>): ICredentialsDecrypted => ({ id: '1', name: 'test', type: 'x', data: data as any });
const idv = (data: Record<string, unknown>) =>
	yotiApiTest.call(context(), decrypted({ environment: 'custom', baseUrl: `${origin}/idverify/v1`, ...data }));
const signTest = (data: Record<string, unknown>) =>
	yotiSignApiTest.call(context(), decrypted({ environment: 'custom', baseUrl: `${origin}/v2`, ...data }));

const wrongKey = crypto.generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;

describe('yotiApiTest (IDV credential test in the UI)', () => {
	it('the right key: the probe (POST /sessions with a body Yoti refuses) is answered 400 → OK', async () => {
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		expect(result.status).toBe('OK');
		expect(seen).toHaveLength(1);
		expect(seen[0].method).toBe('POST');
		expect(seen[0].url.startsWith(`/idverify/v1/sessions?sdkId=${VECTOR_SDK_ID}&nonce=`)).toBe(true);
		expect(seen[0].headers['x-yoti-sdk']).toBe('n8n-nodes-yoti');
		expect(seen[0].headers['content-type']).toBe('application/json');
		// sent byte for byte as signed: a text TTL and a text where a list belongs
		expect(JSON.parse(seen[0].body)).toEqual({ client_session_token_ttl: 'n8n-credential-test', requested_checks: 'n8n-credential-test' });
	});

	it('a wrong key: Yoti answers 401 → the signature error', async () => {
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: wrongKey });
		expect(result).toEqual({ status: 'Error', message: IDV_REJECTED_MESSAGE });
		// the contract's words, then the likeliest cause: a key from the other environment
		expect(IDV_REJECTED_MESSAGE).toBe(
			"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in",
		);
	});

	it.each([
		[404, 'Error', IDV_APP_NOT_FOUND],
		[403, 'Error', IDV_APP_REFUSED],
		[400, 'OK', undefined],
		[201, 'OK', undefined],
		[500, 'Error', 'Yoti answered the test request with HTTP 500'],
		[429, 'Error', 'Yoti answered the test request with HTTP 429'],
	])('HTTP %i → %s', async (status, expected, message) => {
		forcedStatus = status;
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		expect(result.status).toBe(expected);
		if (message) expect(result.message).toBe(message);
	});

	it('404 (an unknown SDK ID) is not OK and says the SDK ID / environment is wrong', () => {
		expect(IDV_APP_NOT_FOUND).toMatch(/SDK ID is not an application in this environment/);
		expect(IDV_APP_NOT_FOUND).toMatch(/environment \(production or sandbox\)/);
	});

	it('a malformed key → the PEM error, no request, no key in the message', async () => {
		const broken = PKCS1_PEM.slice(0, 600);
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: broken });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('not a PEM private key');
		expect(leakedWindows(result.message, pemBody(broken))).toEqual([]);
		expect(seen).toHaveLength(0);
	});

	it('no SDK ID / an empty custom base URL → a clear error, no request', async () => {
		expect(await idv({ sdkId: '', privateKey: PKCS1_PEM })).toEqual({ status: 'Error', message: 'The Yoti IDV API credential has no SDK ID' });
		const result = await yotiApiTest.call(context(), decrypted({ sdkId: 's', privateKey: PKCS1_PEM, environment: 'custom', baseUrl: '' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Base URL is empty');
		expect(seen).toHaveLength(0);
	});

	it('a network error names the base URL and leaks nothing', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const base = `http://127.0.0.1:${port}/idverify/v1`;
		const result = await yotiApiTest.call(context(), decrypted({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'custom', baseUrl: base }));
		expect(result).toEqual({
			status: 'Error',
			message: `Could not reach Yoti at ${base} (ECONNREFUSED): nothing is listening there. Check the Environment and Base URL; for a local simulator, check that it is running and on that port`,
		});
		expect(leakedWindows(result.message, pemBody(PKCS1_PEM))).toEqual([]);
	});

	it('no result message carries the key or the digest that was sent', async () => {
		for (const status of [401, 403, 500]) {
			forcedStatus = status;
			const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
			const digest = String(seen[seen.length - 1].headers['x-yoti-auth-digest']);
			expect(digest.length).toBeGreaterThan(100);
			expect(result.message).not.toContain(digest.slice(0, 20));
			expect(leakedWindows(result.message, pemBody(PKCS1_PEM))).toEqual([]);
		}
	});
});

describe('yotiSignApiTest (Sign credential test in the UI)', () => {
	it('the right key → OK (404 on the probe recipient); the wrong key → Error', async () => {
		expect((await signTest({ apiKey: SIGN_KEY })).status).toBe('OK');
		expect(seen[0].url).toBe('/v2/idv/recipients/00000000-0000-4000-8000-000000000000/sessions/signed/json');
		expect(seen[0].headers.authorization).toBe(`Bearer ${SIGN_KEY}`);
		const wrong = await signTest({ apiKey: 'sign-key-wrong-9876543210' });
		expect(wrong).toEqual({ status: 'Error', message: SIGN_REJECTED_MESSAGE });
		expect(wrong.message).not.toContain('sign-key-wrong');
	});

	it('403 → Error; 500 → Error with the status; empty key → Error without a request', async () => {
		forcedStatus = 403;
		expect(await signTest({ apiKey: SIGN_KEY })).toEqual({ status: 'Error', message: SIGN_REJECTED_MESSAGE });
		forcedStatus = 500;
		expect((await signTest({ apiKey: SIGN_KEY })).message).toBe('Yoti answered the test request with HTTP 500');
		seen.length = 0;
		expect(await signTest({ apiKey: '' })).toEqual({ status: 'Error', message: 'The Yoti Sign API credential has no API key' });
		expect(seen).toHaveLength(0);
	});

	it('a network error names the base URL', async () => {
		const result = await yotiSignApiTest.call(context(), decrypted({ apiKey: SIGN_KEY, environment: 'custom', baseUrl: 'http://127.0.0.1:1/v2' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not reach Yoti at http:\/\/127\.0\.0\.1:1\/v2 \(ECONNREFUSED\): nothing is listening there\. Check the Environment and Base URL/);
	});
});

describe('against the local Yoti simulator', () => {
	let sim: any;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0, host: '127.0.0.1', log: () => {} });
	});
	afterAll(async () => {
		await sim?.close();
	});

	it('the demo SDK ID and key pass; another key fails with the signature message, an unknown SDK ID with the app message', async () => {
		const run = (data: Record<string, unknown>) =>
			yotiApiTest.call(context(), decrypted({ environment: 'custom', baseUrl: sim.idvBaseUrl, ...data }));
		expect((await run({ sdkId: DEMO.sdkId, privateKey: DEMO.privateKey })).status).toBe('OK');
		expect(await run({ sdkId: DEMO.sdkId, privateKey: PKCS1_PEM })).toEqual({ status: 'Error', message: IDV_REJECTED_MESSAGE });
		expect(await run({ sdkId: VECTOR_SDK_ID, privateKey: DEMO.privateKey })).toEqual({ status: 'Error', message: IDV_APP_NOT_FOUND });
		// The demo key pasted on one line with literal \n still passes.
		const pasted = String(DEMO.privateKey).trim().replace(/\n/g, '\\n');
		expect((await run({ sdkId: DEMO.sdkId, privateKey: pasted })).status).toBe('OK');
	});

	it('the demo Sign API key passes; another fails', async () => {
		const run = (apiKey: string) =>
			yotiSignApiTest.call(context(), decrypted({ environment: 'custom', baseUrl: sim.signBaseUrl, apiKey }));
		expect((await run(DEMO.signApiKey)).status).toBe('OK');
		expect(await run('not-the-key')).toEqual({ status: 'Error', message: SIGN_REJECTED_MESSAGE });
	});
});

describe('yotiNotificationAuthTest (no request: Yoti has no call to check the token)', () => {
	const run = (data: Record<string, unknown>) => yotiNotificationAuthTest.call(context(), decrypted(data));

	it.each([
		[{ authType: 'basic', authToken: 'username:password' }, 'OK'],
		[{ authType: 'bearer', authToken: 'abc.def-123' }, 'OK'],
		[{ authType: 'bearer', authToken: 'has inner space' }, 'OK'],
		[{ authType: 'basic', authToken: ' padded ' }, 'OK'],
		[{ authType: 'basic', authToken: '' }, 'Error'],
		[{ authType: 'bearer', authToken: 'trailing ' }, 'Error'],
		[{ authType: 'basic', authToken: 'line\nbreak' }, 'Error'],
		[{ authType: 'digest', authToken: 'x' }, 'Error'],
		[{}, 'Error'],
	])('%j → %s', async (data, status) => {
		const result = await run(data);
		expect(result.status).toBe(status);
		const token = String((data as any).authToken ?? '');
		if (token.length > 3) expect(result.message).not.toContain(token.trim());
	});

	it('sends nothing', async () => {
		await run({ authType: 'basic', authToken: 'x' });
		expect(seen).toHaveLength(0);
	});
});

it('credentialTest holds the functions the nodes reference by testedBy', () => {
	expect(Object.keys(credentialTest).sort()).toEqual(['yotiApiTest', 'yotiNotificationAuthTest', 'yotiSignApiTest']);
	expect(credentialTest.yotiApiTest).toBe(yotiApiTest);
});
