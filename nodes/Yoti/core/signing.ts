import { createHash, createPrivateKey, createPublicKey, createSign, createVerify, randomUUID } from 'crypto';
import type { KeyObject } from 'crypto';

/**
 * Yoti IDV request signing, as the official SDKs do it (see `reference/yoti-api.md`):
 * `METHOD&<path relative to the API base>?<query>[&base64(body)]`, RSA-SHA256, base64.
 * Pure: no n8n, no I/O. The credential's `authenticate` adapts n8n's request options to it.
 */

export type QueryParams = Record<string, unknown> | Array<[string, unknown]>;

/** Where a request's nonce and timestamp come from; tests pass fixed ones. */
export interface SigningEntropy {
	nonce(): string;
	timestampMs(): number;
}

export const systemEntropy: SigningEntropy = {
	nonce: () => randomUUID(),
	timestampMs: () => Date.now(),
};

/** Query names the signer adds itself; stripped from a URL before it is signed again. */
export const SIGNING_QUERY_NAMES: readonly string[] = ['sdkId', 'nonce', 'timestamp'];

const METHODS_WITH_PAYLOAD = ['POST', 'PUT', 'PATCH'];

export function methodCarriesPayload(method: string): boolean {
	return METHODS_WITH_PAYLOAD.includes(method.toUpperCase());
}

/** Every IDV call carries `sdkId` except the public supported-documents list. */
export function needsSdkId(relativePath: string): boolean {
	const pathname = relativePath.split('?')[0].replace(/\/+$/, '');
	return pathname !== '/supported-documents';
}

// ---------------------------------------------------------------------------------------------
// Private key

export const MALFORMED_KEY_MESSAGE =
	'The private key is not a PEM private key. Paste the whole key file downloaded from Yoti Hub, including its BEGIN and END lines.';
const ENCRYPTED_KEY_MESSAGE =
	'The private key is not a PEM private key that can be used: it is encrypted with a passphrase. Paste the unencrypted key file downloaded from Yoti Hub.';
const PUBLIC_KEY_MESSAGE =
	'The private key is not a PEM private key: this looks like a public key or certificate. Paste the private key file downloaded from Yoti Hub.';
const DAMAGED_KEY_MESSAGE =
	'The private key is not a PEM private key that can sign: its contents were changed or cut. Paste the whole key file downloaded from Yoti Hub again.';
const NOT_RSA_MESSAGE =
	'The private key is not a PEM private key Yoti accepts: Yoti signs with RSA keys. Paste the key file downloaded from Yoti Hub.';

/** Parsed keys by a hash of the pasted text, so a run signing many requests parses once. */
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_LIMIT = 32;
/** The last key text and its key: n8n hands over the credential anew for every request. */
let lastKey: { text: string; key: KeyObject } | undefined;

/**
 * Turns a key as users paste it into a KeyObject: PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8
 * (`PRIVATE KEY`), with real or literal `\n` line breaks, CRLF, on one line with spaces, inside
 * quotes. Errors never contain any part of the input (not even as `cause`).
 */
export function normalizePrivateKey(pasted: string): KeyObject {
	const text = typeof pasted === 'string' ? pasted : '';
	if (lastKey && lastKey.text === text) return lastKey.key;
	const cacheKey = createHash('sha256').update(text, 'utf8').digest('hex');
	const cached = keyCache.get(cacheKey);
	if (cached) {
		lastKey = { text, key: cached };
		return cached;
	}

	const key = parsePrivateKey(text);
	if (keyCache.size >= KEY_CACHE_LIMIT) {
		const oldest = keyCache.keys().next().value;
		if (oldest !== undefined) keyCache.delete(oldest);
	}
	keyCache.set(cacheKey, key);
	lastKey = { text, key };
	return key;
}

function parsePrivateKey(text: string): KeyObject {
	const unquoted = text.trim().replace(/^(["'`])([\s\S]*)\1$/, '$2');
	// Literal `\n` / `\r` (as JSON or .env files carry a key) become real breaks.
	const unescaped = unquoted.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
	const armour = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/.exec(unescaped);
	if (!armour || armour[1] !== armour[3]) throw new Error(MALFORMED_KEY_MESSAGE);

	const label = armour[1];
	if (label.includes('ENCRYPTED') || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(armour[2])) {
		throw new Error(ENCRYPTED_KEY_MESSAGE);
	}
	if (label.includes('PUBLIC KEY') || label.includes('CERTIFICATE')) throw new Error(PUBLIC_KEY_MESSAGE);
	if (label !== 'RSA PRIVATE KEY' && label !== 'PRIVATE KEY') {
		throw new Error(label.endsWith('PRIVATE KEY') ? NOT_RSA_MESSAGE : MALFORMED_KEY_MESSAGE);
	}

	const body = armour[2].replace(/\s+/g, '');
	if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error(MALFORMED_KEY_MESSAGE);
	const lines = body.match(/.{1,64}/g) ?? [];
	const pem = `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;

	const key = createKeyOrUndefined(pem);
	if (!key) throw new Error(MALFORMED_KEY_MESSAGE);
	if (key.asymmetricKeyType !== 'rsa') throw new Error(NOT_RSA_MESSAGE);
	if (!signsConsistently(key)) throw new Error(DAMAGED_KEY_MESSAGE);
	return key;
}

/**
 * OpenSSL loads a key whose numbers were damaged in copying (a changed character in the
 * modulus) without complaint; every signature would then fail at Yoti with 401. One
 * sign-and-verify against the key's own public half catches that here, once per key.
 */
function signsConsistently(key: KeyObject): boolean {
	try {
		const probe = Buffer.from('n8n-nodes-yoti key check', 'utf8');
		const signature = createSign('RSA-SHA256').update(probe).sign(key);
		return createVerify('RSA-SHA256').update(probe).verify(createPublicKey(key), signature);
	} catch {
		return false;
	}
}

/** OpenSSL's own error is dropped on purpose: the caller throws a message that holds no key. */
function createKeyOrUndefined(pem: string): KeyObject | undefined {
	try {
		return createPrivateKey({ key: pem, format: 'pem' });
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Query, string to sign, digest

function queryEntries(params: QueryParams | undefined): Array<[string, unknown]> {
	if (!params) return [];
	return Array.isArray(params) ? params : Object.entries(params);
}

function queryValue(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * `k=v&k=v` with each key and value `encodeURIComponent`-encoded, in the given order.
 * `undefined`/`null` values are left out; an array value repeats its key.
 */
export function buildQuery(params: QueryParams | undefined): string {
	const parts: string[] = [];
	for (const [name, value] of queryEntries(params)) {
		if (value === undefined || value === null) continue;
		for (const single of Array.isArray(value) ? value : [value]) {
			if (single === undefined || single === null) continue;
			parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(queryValue(single))}`);
		}
	}
	return parts.join('&');
}

/** The caller's params first, then `sdkId` (when given), `nonce`, `timestamp` (ms). */
export function buildSignedQuery(
	params: QueryParams | undefined,
	sdkId: string | undefined,
	nonce: string,
	timestampMs: number,
): string {
	const signing: Array<[string, unknown]> = [];
	if (sdkId !== undefined) signing.push(['sdkId', sdkId]);
	signing.push(['nonce', nonce], ['timestamp', timestampMs]);
	return [buildQuery(params), buildQuery(signing)].filter((part) => part !== '').join('&');
}

function bodyBytes(body: Buffer | string | undefined): Buffer | undefined {
	if (body === undefined) return undefined;
	const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	return bytes.length > 0 ? bytes : undefined;
}

/** `METHOD&pathAndQuery`, plus `&base64(body)` for a POST/PUT/PATCH with a non-empty body. */
export function stringToSign(method: string, pathAndQuery: string, body?: Buffer | string): string {
	const upper = method.toUpperCase();
	const bytes = methodCarriesPayload(upper) ? bodyBytes(body) : undefined;
	return bytes ? `${upper}&${pathAndQuery}&${bytes.toString('base64')}` : `${upper}&${pathAndQuery}`;
}

export interface SignRequestInput {
	method: string;
	/** Relative to the API base, with the full query: `/sessions/<id>?sdkId=…&nonce=…&timestamp=…`. */
	pathAndQuery: string;
	body?: Buffer | string;
	/** A parsed key, or the pasted text (normalised and cached). */
	privateKey: KeyObject | string;
}

/** The `X-Yoti-Auth-Digest` value: base64 RSASSA-PKCS1-v1_5 SHA-256 of the string to sign. */
export function signRequest(input: SignRequestInput): string {
	const key = typeof input.privateKey === 'string' ? normalizePrivateKey(input.privateKey) : input.privateKey;
	return signMessage(stringToSign(input.method, input.pathAndQuery, input.body), key);
}

function signMessage(message: string, key: KeyObject): string {
	return createSign('RSA-SHA256').update(message, 'utf8').sign(key).toString('base64');
}

// ---------------------------------------------------------------------------------------------
// A whole request

export interface SignableRequest {
	method: string;
	/** The API base without a trailing slash, e.g. `https://api.yoti.com/idverify/v1`. */
	baseUrl: string;
	/**
	 * Relative to the base (`/sessions/<id>`, maybe with a query), or an absolute URL under the
	 * base, e.g. one this function produced before: its sdkId/nonce/timestamp are replaced.
	 */
	url: string;
	qs?: QueryParams;
	/** Already serialised: the exact bytes that will be sent. */
	body?: Buffer | string;
	sdkId: string;
	privateKey: KeyObject | string;
	entropy?: SigningEntropy;
	/** false: no `sdkId` query parameter (Yoti's AI API names the app in `X-Yoti-Auth-Id` instead). */
	sdkIdInQuery?: boolean;
}

export interface SignedRequest {
	/** Absolute URL to send. */
	url: string;
	/** What was signed after `METHOD&`: the path relative to the base plus the query. */
	pathAndQuery: string;
	stringToSign: string;
	digest: string;
}

export class RequestUrlError extends Error {}

/** Splits `url` into a path relative to `baseUrl` and the raw query pairs it already carries. */
function relativeParts(baseUrl: string, url: string): { path: string; rawQuery: string[] } {
	const base = new URL(baseUrl.replace(/\/+$/, ''));
	const basePath = base.pathname.replace(/\/+$/, '');
	let target: URL;
	if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
		target = new URL(url);
		const underBase =
			target.origin === base.origin &&
			(target.pathname === basePath || target.pathname.startsWith(`${basePath}/`));
		if (!underBase) {
			throw new RequestUrlError(`The request URL is not under the credential's API base URL ${base.origin}${basePath}`);
		}
	} else {
		const relative = url.startsWith('/') ? url : `/${url}`;
		target = new URL(`${base.origin}${basePath}${relative}`);
	}
	const path = target.pathname.slice(basePath.length) || '/';
	const rawQuery = target.search.replace(/^\?/, '').split('&').filter((pair) => pair !== '');
	return { path, rawQuery };
}

function queryName(rawPair: string): string {
	const rawName = rawPair.split('=')[0];
	try {
		return decodeURIComponent(rawName);
	} catch {
		return rawName;
	}
}

/**
 * Builds the absolute URL (query: the URL's own params, then `qs`, then sdkId/nonce/timestamp)
 * and signs it. The signed path is taken from the URL as WHATWG-parsed, i.e. as it goes on the
 * wire. Re-running on its own output gives one fresh set of signing params, never two.
 */
export function prepareSignedRequest(input: SignableRequest): SignedRequest {
	const entropy = input.entropy ?? systemEntropy;
	const method = (input.method || 'GET').toUpperCase();
	const { path, rawQuery } = relativeParts(input.baseUrl, input.url);
	const kept = rawQuery.filter((pair) => !SIGNING_QUERY_NAMES.includes(queryName(pair)));
	const userQuery = [kept.join('&'), buildQuery(input.qs)].filter((part) => part !== '').join('&');
	const signingQuery = buildSignedQuery(
		undefined,
		needsSdkId(path) && input.sdkIdInQuery !== false ? input.sdkId : undefined,
		entropy.nonce(),
		entropy.timestampMs(),
	);
	const query = [userQuery, signingQuery].filter((part) => part !== '').join('&');

	const base = input.baseUrl.replace(/\/+$/, '');
	const absolute = new URL(`${base}${path}?${query}`);
	const wirePath = absolute.pathname.slice(new URL(base).pathname.replace(/\/+$/, '').length) || '/';
	const pathAndQuery = `${wirePath}${absolute.search}`;

	const key = typeof input.privateKey === 'string' ? normalizePrivateKey(input.privateKey) : input.privateKey;
	const message = stringToSign(method, pathAndQuery, input.body);
	return { url: absolute.href, pathAndQuery, stringToSign: message, digest: signMessage(message, key) };
}
