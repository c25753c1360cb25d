/* eslint-disable */
import { Readable } from 'stream';
import * as fs from 'fs';
import * as path from 'path';

import { YotiApi } from '../../credentials/YotiApi.credentials';
import { PACKAGE_VERSION } from '../../credentials/authenticate';
import { PKCS1_PEM, VECTOR_SDK_ID, fixedEntropy, headerValues, verifies } from './helpers';

const SESSION = '11111111-2222-4333-8444-555555555555';
const PROD = 'https://api.yoti.com/idverify/v1';
const credentials = { sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'production' };
const authenticate = (options: any, nonce = 'nonce-1', timestamp = 1700000000001, creds: any = credentials) =>
	new YotiApi().authenticate(creds, options, fixedEntropy(nonce, timestamp));

/** The query names of a URL, in order. */
const names = (url: string) => [...new URL(url).searchParams.keys()];
const relative = (url: string, base = PROD) => url.slice(base.length);
const digestOf = (options: any) => headerValues(options.headers, 'x-yoti-auth-digest');

describe('authenticate is idempotent (n8n re-runs it on a 401 retry)', () => {
	it('re-signing its own output gives one sdkId/nonce/timestamp set and a digest for the final URL', async () => {
		const first = await authenticate({ method: 'GET', url: `/sessions/${SESSION}`, qs: { a: '1' } }, 'nonce-1', 1);
		const second = await authenticate(first, 'nonce-2', 2);

		expect(second.url).toBe(`${PROD}/sessions/${SESSION}?a=1&sdkId=${VECTOR_SDK_ID}&nonce=nonce-2&timestamp=2`);
		expect(names(second.url)).toEqual(['a', 'sdkId', 'nonce', 'timestamp']);
		expect(digestOf(second)).toHaveLength(1);
		const digest = digestOf(second)[0] as string;
		expect(digest).not.toBe(digestOf(first)[0]);
		expect(verifies(`GET&${relative(second.url)}`, digest)).toBe(true);
		expect(verifies(`GET&${relative(first.url)}`, digest)).toBe(false);
		expect(headerValues(second.headers, 'x-yoti-sdk')).toEqual(['n8n-nodes-yoti']);
		expect(headerValues(second.headers, 'accept')).toEqual(['application/json']);
	});

	it('a third run is still one set, and the input object is not mutated', async () => {
		const input = { method: 'GET' as const, url: `/sessions/${SESSION}`, qs: { b: 'x' }, headers: { 'x-yoti-auth-digest': 'stale' } };
		const snapshot = JSON.parse(JSON.stringify(input));
		const third = await authenticate(await authenticate(await authenticate(input, 'n1', 1), 'n2', 2), 'n3', 3);
		expect(input).toEqual(snapshot);
		expect(names(third.url)).toEqual(['b', 'sdkId', 'nonce', 'timestamp']);
		expect(new URL(third.url).searchParams.get('nonce')).toBe('n3');
		expect(digestOf(third)).toHaveLength(1);
		expect(digestOf(third)[0]).not.toBe('stale');
	});

	it('serialises a JSON body once: the signed bytes are the sent bytes, also after a re-run', async () => {
		const body = { b: 1, a: [1, 'two'], nested: { é: 'ü' } };
		const first = await authenticate({ method: 'POST', url: '/sessions', body });
		expect(first.body).toBe('{"b":1,"a":[1,"two"],"nested":{"é":"ü"}}');
		expect(headerValues(first.headers, 'content-type')).toEqual(['application/json']);
		const sent = Buffer.from(first.body as string, 'utf8').toString('base64');
		expect(verifies(`POST&${relative(first.url)}&${sent}`, digestOf(first)[0] as string)).toBe(true);

		const second = await authenticate(first, 'nonce-2');
		expect(second.body).toBe(first.body);
		expect(verifies(`POST&${relative(second.url)}&${sent}`, digestOf(second)[0] as string)).toBe(true);
	});

	it('keeps a string or Buffer body as is and signs exactly those bytes', async () => {
		const text = '{"x":1}';
		const fromString = await authenticate({ method: 'PUT', url: '/sessions/x/instructions', body: text, headers: { 'Content-Type': 'application/json' } });
		expect(fromString.body).toBe(text);
		expect(verifies(`PUT&${relative(fromString.url)}&eyJ4IjoxfQ==`, digestOf(fromString)[0] as string)).toBe(true);

		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
		const fromBuffer = await authenticate({ method: 'PUT', url: '/sessions/x/image', body: bytes, headers: { 'Content-Type': 'image/png' } });
		expect(fromBuffer.body).toBe(bytes);
		expect(headerValues(fromBuffer.headers, 'content-type')).toEqual(['image/png']);
		expect(verifies(`PUT&${relative(fromBuffer.url)}&iVBORwD/`, digestOf(fromBuffer)[0] as string)).toBe(true);
	});

	it('sends a string axios would rewrite as JSON (padded, or not JSON) as the same bytes in a Buffer', async () => {
		const signed = await authenticate({ method: 'POST', url: '/p', body: ' {"a":1} ', headers: { 'content-type': 'application/json' } });
		expect(Buffer.isBuffer(signed.body)).toBe(true);
		expect((signed.body as Buffer).toString('utf8')).toBe(' {"a":1} ');
	});

	it('signs a form-data style body from its buffer and takes its headers', async () => {
		const form = { getBuffer: () => Buffer.from('--b\r\n\r\nx\r\n--b--'), getHeaders: () => ({ 'content-type': 'multipart/form-data; boundary=b' }) };
		const signed = await authenticate({ method: 'POST', url: '/sessions/x/resources/face-capture', body: form });
		expect((signed.body as Buffer).toString()).toBe('--b\r\n\r\nx\r\n--b--');
		expect(headerValues(signed.headers, 'content-type')).toEqual(['multipart/form-data; boundary=b']);
		const b64 = Buffer.from('--b\r\n\r\nx\r\n--b--').toString('base64');
		expect(verifies(`POST&${relative(signed.url)}&${b64}`, digestOf(signed)[0] as string)).toBe(true);
	});

	it('refuses a streamed body (its bytes cannot be signed in advance)', async () => {
		await expect(authenticate({ method: 'POST', url: '/p', body: Readable.from(['x']) })).rejects.toThrow('streamed body');
	});

	it('drops a body on GET/DELETE and signs without it', async () => {
		const signed = await authenticate({ method: 'DELETE', url: `/sessions/${SESSION}`, body: { a: 1 } });
		expect(signed.body).toBeUndefined();
		expect(verifies(`DELETE&${relative(signed.url)}`, digestOf(signed)[0] as string)).toBe(true);
	});

	it('an empty POST is signed without a body part', async () => {
		const signed = await authenticate({ method: 'post', url: '/sessions/x/instructions/email' });
		expect(signed.method).toBe('POST');
		expect(signed.body).toBeUndefined();
		expect(verifies(`POST&${relative(signed.url)}`, digestOf(signed)[0] as string)).toBe(true);
	});
});

describe('query folding', () => {
	it('folds qs into the URL, user params first, each key and value encoded; qs is gone', async () => {
		const signed = await authenticate({ method: 'GET', url: '/sessions/x', qs: { 'a b': 'c&d=e/é', n: 5, t: true, skip: undefined } });
		expect(signed.qs).toBeUndefined();
		expect('qs' in signed).toBe(false);
		expect(signed.url).toBe(`${PROD}/sessions/x?a%20b=c%26d%3De%2F%C3%A9&n=5&t=true&sdkId=${VECTOR_SDK_ID}&nonce=nonce-1&timestamp=1700000000001`);
	});

	it('keeps a query already in the path, before qs, and strips stale signing params from it', async () => {
		const signed = await authenticate({ method: 'GET', url: '/sessions/x?first=1&nonce=old&sdkId=old&timestamp=0', qs: { second: '2' } });
		expect(names(signed.url)).toEqual(['first', 'second', 'sdkId', 'nonce', 'timestamp']);
		expect(new URL(signed.url).searchParams.get('sdkId')).toBe(VECTOR_SDK_ID);
	});

	it('omits sdkId only for /supported-documents', async () => {
		const docs = await authenticate({ method: 'GET', url: '/supported-documents', qs: { includeNonLatin: true } });
		expect(names(docs.url)).toEqual(['includeNonLatin', 'nonce', 'timestamp']);
		const again = await authenticate(docs, 'nonce-2');
		expect(names(again.url)).toEqual(['includeNonLatin', 'nonce', 'timestamp']);
		const sessions = await authenticate({ method: 'GET', url: '/sessions/supported-documents' });
		expect(names(sessions.url)).toContain('sdkId');
	});

	it('signs the path as it goes on the wire (characters URL parsing escapes are escaped in the signature too)', async () => {
		const signed = await authenticate({ method: 'GET', url: "/sessions/x", qs: { q: "it's" } });
		// encodeURIComponent leaves ' alone; WHATWG URL (and so axios) sends it as %27.
		expect(signed.url).toBe(`${PROD}/sessions/x?q=it%27s&sdkId=${VECTOR_SDK_ID}&nonce=nonce-1&timestamp=1700000000001`);
		expect(verifies(`GET&/sessions/x?q=it%27s&sdkId=${VECTOR_SDK_ID}&nonce=nonce-1&timestamp=1700000000001`, digestOf(signed)[0] as string)).toBe(true);
	});
});

describe('base URL', () => {
	it.each([
		['production', undefined, 'https://api.yoti.com/idverify/v1'],
		['sandbox', undefined, 'https://api.yoti.com/sandbox/idverify/v1'],
		['custom', 'http://127.0.0.1:4010/idverify/v1', 'http://127.0.0.1:4010/idverify/v1'],
		['custom', 'http://127.0.0.1:4010/idverify/v1/', 'http://127.0.0.1:4010/idverify/v1'],
		['custom', '  https://proxy.example.com/yoti//  ', 'https://proxy.example.com/yoti'],
	])('%s %s → %s, and the signed path is relative to it', async (environment, baseUrl, base) => {
		const signed = await authenticate({ method: 'GET', url: '/sessions/x' }, 'n', 1, { ...credentials, environment, baseUrl });
		expect(signed.url).toBe(`${base}/sessions/x?sdkId=${VECTOR_SDK_ID}&nonce=n&timestamp=1`);
		expect(verifies(`GET&/sessions/x?sdkId=${VECTOR_SDK_ID}&nonce=n&timestamp=1`, digestOf(signed)[0] as string)).toBe(true);
		const again = await authenticate(signed, 'n', 1, { ...credentials, environment, baseUrl });
		expect(again.url).toBe(signed.url);
		expect(digestOf(again)).toEqual(digestOf(signed));
	});

	it('defaults to production when environment is missing', async () => {
		const signed = await authenticate({ method: 'GET', url: 'sessions/x' }, 'n', 1, { sdkId: 's', privateKey: PKCS1_PEM });
		expect(signed.url.startsWith('https://api.yoti.com/idverify/v1/sessions/x?')).toBe(true);
	});

	it('honours requestOptions.baseURL and removes it', async () => {
		const signed = await authenticate({ method: 'GET', baseURL: 'http://127.0.0.1:9/idverify/v1/', url: '/sessions/x' }, 'n', 1);
		expect(signed.baseURL).toBeUndefined();
		expect(signed.url).toBe(`http://127.0.0.1:9/idverify/v1/sessions/x?sdkId=${VECTOR_SDK_ID}&nonce=n&timestamp=1`);
		expect(verifies(`GET&/sessions/x?sdkId=${VECTOR_SDK_ID}&nonce=n&timestamp=1`, digestOf(signed)[0] as string)).toBe(true);
	});

	it('refuses an absolute URL outside the API base instead of signing it', async () => {
		await expect(authenticate({ method: 'GET', url: 'https://evil.example.com/idverify/v1/sessions/x' })).rejects.toThrow(
			"not under the credential's API base URL https://api.yoti.com/idverify/v1",
		);
		await expect(authenticate({ method: 'GET', url: 'https://api.yoti.com/idverify/v10/sessions' })).rejects.toThrow('not under');
	});

	it.each([
		[{ environment: 'custom', baseUrl: '' }, 'Base URL is empty'],
		[{ environment: 'custom', baseUrl: 'not a url' }, 'is not a URL'],
		[{ environment: 'custom', baseUrl: 'ftp://x/y' }, 'must start with https:// or http://'],
		[{ environment: 'staging' }, 'unknown environment "staging"'],
	])('a bad environment %j is a clear error', async (env, message) => {
		await expect(authenticate({ method: 'GET', url: '/sessions/x' }, 'n', 1, { ...credentials, ...env })).rejects.toThrow(message);
	});

	it('a missing SDK ID is a clear error', async () => {
		await expect(authenticate({ method: 'GET', url: '/x' }, 'n', 1, { ...credentials, sdkId: '  ' })).rejects.toThrow('has no SDK ID');
	});
});

describe('headers', () => {
	it('keeps a caller Accept, replaces any spelling of the Yoti headers', async () => {
		const signed = await authenticate({
			method: 'GET',
			url: '/sessions/x/instructions/pdf',
			headers: { accept: 'application/pdf', 'x-yoti-sdk': 'Other', 'X-YOTI-AUTH-DIGEST': 'old', 'X-Custom': 'kept' },
		});
		const headers = signed.headers as Record<string, string>;
		expect(headerValues(headers, 'accept')).toEqual(['application/pdf']);
		expect(headerValues(headers, 'x-yoti-sdk')).toEqual(['n8n-nodes-yoti']);
		expect(headerValues(headers, 'x-yoti-auth-digest')).toHaveLength(1);
		expect(headers['X-Custom']).toBe('kept');
	});

	it('X-Yoti-SDK-Version carries the package.json version', () => {
		const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
		expect(PACKAGE_VERSION).toBe(pkg.version);
	});
});
