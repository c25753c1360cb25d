/* eslint-disable */
import * as crypto from 'crypto';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import {
	IDV_REJECTED_MESSAGE,
	PROBE_MAX_BODY_BYTES,
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
/** An exact answer (status, content type, body) to every request, instead of the stand-in's own. */
let forcedAnswer: { status: number; contentType?: string; body: string | Buffer } | undefined;
/** An endless body: 64 KiB chunks until the client lets go; counts what was written. */
let endless: { status: number; written: number; closed: boolean } | undefined;
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
		if (forcedAnswer) {
			res.writeHead(forcedAnswer.status, forcedAnswer.contentType ? { 'content-type': forcedAnswer.contentType } : {});
			return res.end(forcedAnswer.body);
		}
		if (endless) {
			const state = endless;
			res.writeHead(state.status, { 'content-type': 'application/json' });
			res.on('close', () => (state.closed = true));
			const chunk = Buffer.alloc(64 * 1024, 0x41);
			const pump = () => {
				while (!res.destroyed && state.written < 256 * 1024 * 1024) {
					state.written += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
			};
			return pump();
		}
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
	forcedAnswer = undefined;
	endless = undefined;
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
		// sent byte for byte as signed: invalid to any reader — a 1 s token TTL (Yoti's minimum is
		// 300 s), a 1 s resources TTL (Yoti's minimum is the token TTL plus a day), a text where the
		// list of checks belongs — and no notifications block
		expect(seen[0].body).toBe('{"client_session_token_ttl":1,"resources_ttl":1,"requested_checks":"n8n-credential-test"}');
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
		[500, 'Error', 'Yoti answered the test request with HTTP 500'],
		[429, 'Error', 'Yoti answered the test request with HTTP 429'],
	])('HTTP %i with a JSON body → %s', async (status, expected, message) => {
		forcedStatus = status;
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		expect(result.status).toBe(expected);
		expect(result.message).toBe(message);
	});

	// A 400 is OK only as Yoti's error JSON refusing the payload: a payload / validation code, or
	// errors[] naming the body or one of the probe's fields (client_session_token_ttl,
	// resources_ttl, requested_checks).
	it.each([
		['PAYLOAD_VALIDATION with errors', { code: 'PAYLOAD_VALIDATION', message: 'There were errors validating the payload', errors: [{ property: 'client_session_token_ttl', message: 'must be at least 300' }] }],
		['PAYLOAD_VALIDATION alone', { code: 'PAYLOAD_VALIDATION' }],
		['MALFORMED_REQUEST', { code: 'MALFORMED_REQUEST', message: 'Malformed request' }],
		["Yoti's older shape", { error: 'MALFORMED_REQUEST' }],
		['another code, errors naming a probe field by path', { code: 'BAD_REQUEST', errors: [{ property: 'requested_checks[0]', message: 'must be an array' }] }],
		['another code, errors naming resources_ttl', { code: 'INVALID', errors: [{ property: 'resources_ttl', message: 'too small' }] }],
		['another code, errors naming the body', { code: 'BAD_REQUEST', errors: [{ property: 'body', message: 'is invalid' }] }],
	])('400 with Yoti\'s refusal of the payload (%s) → OK', async (_label, body) => {
		forcedAnswer = { status: 400, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) };
		expect(await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM })).toEqual({
			status: 'OK',
			message: 'Connection successful: Yoti accepted the credential',
		});
	});

	it.each([
		[
			'JSON with another code and no errors',
			{ status: 400, contentType: 'application/json', body: '{"code":"FORCED"}' },
			'Not confirmed: the test request got HTTP 400, but not Yoti\'s refusal of the test payload (HTTP 400, application/json, body "{"code":"FORCED"}") — something other than Yoti\'s identity verification API may have answered. Check the Environment and Base URL, and any proxy between n8n and Yoti',
		],
		[
			"a gateway's JSON",
			{ status: 400, contentType: 'application/json', body: '{"status":400,"error":"Bad Request"}' },
			'Not confirmed: the test request got HTTP 400, but not Yoti\'s refusal of the test payload (HTTP 400, application/json, body "{"status":400,"error":"Bad Request"}") — something other than Yoti\'s identity verification API may have answered. Check the Environment and Base URL, and any proxy between n8n and Yoti',
		],
		[
			'errors naming fields the probe does not send',
			{ status: 400, contentType: 'application/json', body: '{"code":"BAD","errors":[{"property":"user_tracking_id","message":"x"}]}' },
			'Not confirmed: the test request got HTTP 400, but not Yoti\'s refusal of the test payload (HTTP 400, application/json, body "{"code":"BAD","errors":[{"property":"user_tracking_id","message":"x"}]}") — something other than Yoti\'s identity verification API may have answered. Check the Environment and Base URL, and any proxy between n8n and Yoti',
		],
		[
			"a proxy's HTML page",
			{ status: 400, contentType: 'text/html', body: '<html><head><title>400 Bad Request</title></head><body>nginx</body></html>' },
			"Not confirmed: the test request got an answer that is not Yoti's JSON (HTTP 400, text/html, body \"<html><head><title>400 Bad Request</title></head><body>nginx</body></html>\") — a proxy or a wrong Base URL answered. Check the Environment and Base URL, and any proxy between n8n and Yoti",
		],
		[
			'Yoti-shaped JSON labelled text/html',
			{ status: 400, contentType: 'text/html', body: '{"code":"PAYLOAD_VALIDATION"}' },
			"Not confirmed: the test request got an answer that is not Yoti's JSON (HTTP 400, text/html, body \"{\"code\":\"PAYLOAD_VALIDATION\"}\") — a proxy or a wrong Base URL answered. Check the Environment and Base URL, and any proxy between n8n and Yoti",
		],
		[
			'an empty body',
			{ status: 400, body: '' },
			"Not confirmed: the test request got an answer that is not Yoti's JSON (HTTP 400, no content type, empty body) — a proxy or a wrong Base URL answered. Check the Environment and Base URL, and any proxy between n8n and Yoti",
		],
		[
			"a 502 from a proxy",
			{ status: 502, contentType: 'text/plain', body: 'Bad Gateway' },
			"Not confirmed: the test request got an answer that is not Yoti's JSON (HTTP 502, text/plain, body \"Bad Gateway\") — a proxy or a wrong Base URL answered. Check the Environment and Base URL, and any proxy between n8n and Yoti",
		],
	])('not OK: %s', async (_label, answer, message) => {
		forcedAnswer = answer;
		expect(await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM })).toEqual({ status: 'Error', message });
	});

	it('2xx with a session_id → not OK: a session may have been created, and how to delete it (the token is not quoted)', async () => {
		forcedAnswer = {
			status: 201,
			contentType: 'application/json',
			body: '{"client_session_token_ttl":1,"client_session_token":"c0ffee00-0000-4000-8000-000000000001","session_id":"5e551000-0000-4000-8000-00000000abcd"}',
		};
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Not confirmed: Yoti, or whatever answered at this Base URL, accepted the test request that Yoti always refuses (HTTP 201, application/json) — a session may have been created (session_id 5e551000-0000-4000-8000-00000000abcd): delete it with the Yoti node (Session → Delete, Session ID 5e551000-0000-4000-8000-00000000abcd; Yoti deletes a session once it is finished or expired) or in the Yoti Hub. Check the Environment and Base URL, and any proxy between n8n and Yoti',
		});
		expect(result.message).not.toContain('c0ffee00');
	});

	it('2xx that is a web page → not OK, quoting it, and still says a session may exist', async () => {
		forcedAnswer = { status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Welcome to nginx!</title>' };
		expect(await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM })).toEqual({
			status: 'Error',
			message:
				'Not confirmed: Yoti, or whatever answered at this Base URL, accepted the test request that Yoti always refuses (HTTP 200, text/html, body "<!doctype html><title>Welcome to nginx!</title>") — a session may have been created: delete it in the Yoti Hub, or with the Yoti node (Session → Delete) once you know its session ID. Check the Environment and Base URL, and any proxy between n8n and Yoti',
		});
	});

	it('401 → the signature message, 404 → the app message, whatever their bodies', async () => {
		forcedAnswer = { status: 401, contentType: 'text/html', body: '<html>401</html>' };
		expect(await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM })).toEqual({ status: 'Error', message: IDV_REJECTED_MESSAGE });
		forcedAnswer = { status: 404, body: '' };
		expect(await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM })).toEqual({ status: 'Error', message: IDV_APP_NOT_FOUND });
	});

	it('a quoted answer is one short line, with secrets a server reflects and URL userinfo left out', async () => {
		const page = [
			'<html><body>',
			'Authorization: Bearer reflected-token-0123456789',
			'x-yoti-auth-digest: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=',
			'from http://proxyuser:proxy-pass-9876@127.0.0.1:9/idverify/v1/sessions?sdkId=x&nonce=y',
			'</body></html>',
		].join('\n');
		forcedAnswer = { status: 400, contentType: 'text/html', body: page };
		const { status, message } = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		expect(status).toBe('Error');
		expect(message).toContain('Bearer [redacted]');
		expect(message).toContain('x-yoti-auth-digest: [redacted]');
		expect(message).toContain('http://127.0.0.1:9/idverify/v1/sessions');
		for (const secret of ['reflected-token', 'QUJDREVGR0', 'proxyuser', 'proxy-pass', 'nonce=y']) expect(message).not.toContain(secret);
		expect(message).not.toContain('\n');

		forcedAnswer = { status: 400, contentType: 'text/html', body: `<html>${'x'.repeat(5000)}</html>` };
		const long = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		const quoted = /body "([^"]*)"/.exec(long.message)![1];
		expect(quoted).toBe(`<html>${'x'.repeat(154)}…`);
	});

	it(`an endless body: the probe reads at most ${PROBE_MAX_BODY_BYTES} bytes of it, lets go, and answers`, async () => {
		endless = { status: 400, written: 0, closed: false };
		const result = await idv({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Not confirmed: the test request got an answer that is not Yoti's JSON \(HTTP 400, application\/json, body "A{160}…"\)/);
		for (let i = 0; i < 100 && !endless.closed; i++) await new Promise((r) => setTimeout(r, 10));
		expect(endless.closed).toBe(true);
		expect(endless.written).toBeLessThan(256 * 1024 * 1024);
	});

	it.each([
		['a name', 'my-sdk-id'],
		['a UUID with a stray character', '00000000-1111-2222-3333-44444444444x'],
		['a UUID in braces', '{00000000-1111-2222-3333-444444444444}'],
		['the private key pasted in the wrong field', PKCS1_PEM],
	])('an SDK ID that is not a UUID (%s) → refused before any request, naming the SDK ID field', async (_label, sdkId) => {
		const result = await idv({ sdkId, privateKey: PKCS1_PEM });
		expect(result).toEqual({
			status: 'Error',
			message:
				"The SDK ID is not a UUID — paste the SDK ID of your application from Yoti Hub into the credential's SDK ID field (it looks like 3fa85f64-5717-4562-b3fc-2c963f66afa6); nothing was sent to Yoti",
		});
		expect(seen).toHaveLength(0);
		expect(leakedWindows(result.message, pemBody(PKCS1_PEM))).toEqual([]);
	});

	it('an SDK ID with spaces around a UUID is the UUID', async () => {
		expect((await idv({ sdkId: `  ${VECTOR_SDK_ID}\n`, privateKey: PKCS1_PEM })).status).toBe('OK');
		expect(seen[0].url).toContain(`sdkId=${VECTOR_SDK_ID}&`);
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
		const result = await yotiApiTest.call(context(), decrypted({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'custom', baseUrl: '' }));
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

	it("a Base URL's user:password@ never appears: unreachable, not a URL, http:// to another host", async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const run = (baseUrl: string) => yotiApiTest.call(context(), decrypted({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'custom', baseUrl }));

		const unreachable = await run(`http://proxyuser:proxy-pass-1@127.0.0.1:${port}/idverify/v1`);
		expect(unreachable.message).toBe(
			`Could not reach Yoti at http://127.0.0.1:${port}/idverify/v1 (ECONNREFUSED): nothing is listening there. Check the Environment and Base URL; for a local simulator, check that it is running and on that port`,
		);
		// a password with a space still parses as a URL: it is left out too
		expect((await run(`http://proxyuser:proxy pass@127.0.0.1:${port}/idverify/v1`)).message).toContain(`at http://127.0.0.1:${port}/idverify/v1 (ECONNREFUSED)`);
		const notUrl = await run('https://proxyuser:proxy-pass-1@exa mple.com/idverify/v1');
		expect(notUrl).toEqual({ status: 'Error', message: "The Yoti IDV API credential's Base URL is not a URL: https://exa mple.com/idverify/v1" });
		const plain = await run('http://proxyuser:proxy-pass-1@yoti-proxy.example.com/idverify/v1');
		expect(plain).toEqual({
			status: 'Error',
			message:
				"The Yoti IDV API credential's Base URL uses http:// for yoti-proxy.example.com, which is not this machine — use https://; http:// is allowed only for loopback hosts (127.0.0.1, localhost, [::1]) such as a local Yoti simulator",
		});
		for (const result of [unreachable, notUrl, plain]) {
			expect(result.message).not.toContain('proxyuser');
			expect(result.message).not.toContain('proxy-pass');
		}
		expect(seen).toHaveLength(0);
	});

	it('userinfo in a reachable Base URL: the probe is sent, and no message quotes it', async () => {
		const [, port] = origin.split(':').slice(1);
		forcedAnswer = { status: 502, contentType: 'text/plain', body: 'upstream gone' };
		const result = await yotiApiTest.call(
			context(),
			decrypted({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'custom', baseUrl: `http://proxyuser:proxy-pass-1@127.0.0.1:${port}/idverify/v1` }),
		);
		expect(seen).toHaveLength(1);
		expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from('proxyuser:proxy-pass-1').toString('base64')}`);
		expect(result.message).not.toContain('proxyuser');
		expect(result.message).not.toContain('proxy-pass');
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

	it('the Sign credential: http:// to a host that is not this machine is refused before any request', async () => {
		const result = await yotiSignApiTest.call(context(), decrypted({ apiKey: SIGN_KEY, environment: 'custom', baseUrl: 'http://yotisign-proxy.example.com/v2' }));
		expect(result).toEqual({
			status: 'Error',
			message:
				"The Yoti Sign API credential's Base URL uses http:// for yotisign-proxy.example.com, which is not this machine — use https://; http:// is allowed only for loopback hosts (127.0.0.1, localhost, [::1]) such as a local Yoti simulator",
		});
		expect(seen).toHaveLength(0);
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
