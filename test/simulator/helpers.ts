/* eslint-disable */
// Shared bits for the simulator suites: paths, demo IDs (written by hand from data/index.json)
// and a raw HTTP client that signs requests the way Yoti's SDKs do.
import * as crypto from 'crypto';
import * as http from 'http';
import * as path from 'path';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const FIXTURES_DIR = path.join(SHARED, 'conformance', 'sdk-fixtures');
export const SIGNING_DIR = path.join(SHARED, 'conformance', 'signing');

export const DEMO_SDK_ID = 'de30de30-0000-4000-8000-000000000001';
export const SIGN_API_KEY = 'demo-sign-api-key-TEST-ONLY';
export const S = {
	approved: '5e551000-0000-4000-8000-000000000001',
	rejected: '5e551000-0000-4000-8000-000000000002',
	notAvailable: '5e551000-0000-4000-8000-000000000003',
	ongoing: '5e551000-0000-4000-8000-000000000004',
	expired: '5e551000-0000-4000-8000-000000000005',
	identityProfile: '5e551000-0000-4000-8000-000000000006',
	advancedProfile: '5e551000-0000-4000-8000-000000000007',
	deletable: '5e551000-0000-4000-8000-000000000008',
	noChecks: '5e551000-0000-4000-8000-000000000009',
	unknown: '5e551000-0000-4000-8000-0000000000ff',
};
export const M = {
	jpeg: '3ed1a000-0000-4000-8000-000000000101',
	fieldsJson: '3ed1a000-0000-4000-8000-000000000103',
	png: '3ed1a000-0000-4000-8000-000000000104',
	empty: '3ed1a000-0000-4000-8000-000000000107',
	expiredPage: '3ed1a000-0000-4000-8000-000000000501',
	ongoingPage: '3ed1a000-0000-4000-8000-000000000401',
	deletablePage: '3ed1a000-0000-4000-8000-000000000801',
	unknown: '3ed1a000-0000-4000-8000-00000000ffff',
};
export const R = {
	completed: '5191e000-0000-4000-8000-000000000001',
	ongoing: '5191e000-0000-4000-8000-000000000002',
	completedFieldsMedia: '3ed1a000-0000-4000-8000-000000005101',
	completedJpegMedia: '3ed1a000-0000-4000-8000-000000005102',
	unknown: '5191e000-0000-4000-8000-0000000000ff',
};

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** Plain HTTP request; resolves with status, headers and the raw body bytes. */
export function rawRequest(
	url: string,
	opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string; timeoutMs?: number } = {},
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: opts.method || 'GET', headers: opts.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode || 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
			res.on('aborted', () => reject(new Error('response aborted')));
		});
		if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
		req.on('error', reject);
		req.end(opts.body);
	});
}

export function sign(privateKey: string | crypto.KeyObject, text: string): string {
	return crypto.createSign('RSA-SHA256').update(text).sign(privateKey, 'base64');
}

export interface SignedOptions {
	method?: string;
	/** path relative to /idverify/v1, without query */
	path: string;
	query?: Record<string, string>;
	body?: string;
	sdkId?: string | null;
	nonce?: string;
	timestamp?: number;
	privateKey: string | crypto.KeyObject;
	/** change the digest after signing */
	digest?: (d: string) => string | undefined;
}

/** Builds the signed URL and headers exactly like the yoti SDK does. */
export function signedParts(idvBaseUrl: string, o: SignedOptions): { url: string; method: string; headers: Record<string, string>; body?: string } {
	const method = o.method || 'GET';
	const params: Record<string, string> = { ...(o.query || {}) };
	if (o.sdkId !== null) params.sdkId = o.sdkId ?? DEMO_SDK_ID;
	params.nonce = o.nonce ?? crypto.randomUUID();
	params.timestamp = String(o.timestamp ?? Date.now());
	const qs = Object.entries(params)
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
		.join('&');
	const pathAndQuery = `${o.path}?${qs}`;
	let text = `${method}&${pathAndQuery}`;
	if (o.body !== undefined && o.body.length > 0) text += `&${Buffer.from(o.body).toString('base64')}`;
	let digest: string | undefined = sign(o.privateKey, text);
	if (o.digest) digest = o.digest(digest);
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (digest !== undefined) headers['X-Yoti-Auth-Digest'] = digest;
	if (o.body !== undefined) headers['Content-Type'] = 'application/json';
	return { url: `${idvBaseUrl}${pathAndQuery}`, method, headers, body: o.body };
}

/** A request signed like the yoti SDK signs it, sent with rawRequest. */
export function signedRequest(idvBaseUrl: string, o: SignedOptions): Promise<RawResponse> {
	const { url, ...rest } = signedParts(idvBaseUrl, o);
	return rawRequest(url, rest);
}

export function json(res: RawResponse): any {
	return JSON.parse(res.body.toString('utf8'));
}

/** Changes one character of a base64 string (keeps it valid base64). */
export function flipOneChar(s: string, at = 10): string {
	const c = s[at] === 'A' ? 'B' : 'A';
	return s.slice(0, at) + c + s.slice(at + 1);
}
