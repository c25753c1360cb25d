import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { methodCarriesPayload, normalizePrivateKey, prepareSignedRequest } from '../nodes/Yoti/core/signing';
import type { QueryParams, SigningEntropy } from '../nodes/Yoti/core/signing';
import { idvBaseUrl, signBaseUrl } from './environments';
import { PACKAGE_VERSION } from './version';

/** This package's version (package.json's, written into ./version.ts by the build), sent to Yoti in `X-Yoti-SDK-Version`. */
export { PACKAGE_VERSION };
export const YOTI_SDK_HEADER = 'n8n-nodes-yoti';
export const YOTI_SDK_VERSION_HEADER = `n8n-nodes-yoti-${PACKAGE_VERSION}`;

type Headers = NonNullable<IHttpRequestOptions['headers']>;

function headerKey(headers: Headers, name: string): string | undefined {
	const lower = name.toLowerCase();
	return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

/** Sets `name`, replacing any spelling of it already there (`x-yoti-auth-digest`, …). */
export function setHeader(headers: Headers, name: string, value: string): void {
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
	}
	headers[name] = value;
}

export function setHeaderIfAbsent(headers: Headers, name: string, value: string): void {
	if (headerKey(headers, name) === undefined) headers[name] = value;
}

function isJsonContentType(headers: Headers): boolean {
	const key = headerKey(headers, 'content-type');
	return key !== undefined && /json/i.test(String(headers[key]));
}

function isJsonText(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

interface FormDataLike {
	getBuffer(): Buffer;
	getHeaders(): Record<string, string>;
}

function isFormDataLike(value: object): value is FormDataLike {
	const candidate = value as Partial<FormDataLike>;
	return typeof candidate.getBuffer === 'function' && typeof candidate.getHeaders === 'function';
}

/**
 * The exact bytes to send and sign. An object becomes a JSON string here, once; strings and
 * Buffers (e.g. this function's own earlier output on n8n's 401 retry) are kept as they are.
 */
export function serialiseBody(body: unknown, headers: Headers): Buffer | string | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') {
		// axios would trim or re-quote a string it sends as JSON; a Buffer goes out untouched.
		if (isJsonContentType(headers) && (body.trim() !== body || !isJsonText(body))) return Buffer.from(body, 'utf8');
		return body;
	}
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body instanceof URLSearchParams) {
		setHeaderIfAbsent(headers, 'Content-Type', 'application/x-www-form-urlencoded');
		return body.toString();
	}
	if (typeof body === 'object' && isFormDataLike(body)) {
		for (const [name, value] of Object.entries(body.getHeaders())) setHeader(headers, name, value);
		return body.getBuffer();
	}
	if (typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function') {
		throw new Error('Yoti requests are signed over the exact body bytes, so a streamed body cannot be sent; pass a Buffer');
	}
	setHeaderIfAbsent(headers, 'Content-Type', 'application/json');
	return JSON.stringify(body);
}

/** What differs between the Yoti APIs signed with an SDK ID and a private key (IDV, AI services). */
export interface SignedApi {
	/** The credential's display name, for messages. */
	name: string;
	baseUrl: (credentials: ICredentialDataDecryptedObject) => string;
	/** IDV names the app in the `sdkId` query parameter; the AI services in `X-Yoti-Auth-Id`. */
	sdkIdIn: 'query' | 'header';
}

/**
 * Resolves the base, folds `qs` into the URL, serialises the body once, signs with the shared
 * signer (nodes/Yoti/core/signing.ts), and sets Yoti's headers. Safe to run again on its own
 * output (n8n does so on a 401 retry): the signing params and the digest are replaced, never
 * added twice.
 */
export async function authenticateSignedRequest(
	api: SignedApi,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	entropy?: SigningEntropy,
): Promise<IHttpRequestOptions> {
	const sdkId = typeof credentials.sdkId === 'string' ? credentials.sdkId.trim() : '';
	if (sdkId === '') throw new Error(`The ${api.name} credential has no SDK ID`);
	const privateKey = normalizePrivateKey(typeof credentials.privateKey === 'string' ? credentials.privateKey : '');
	const baseUrl = requestOptions.baseURL ? requestOptions.baseURL.replace(/\/+$/, '') : api.baseUrl(credentials);

	const method = (requestOptions.method ?? 'GET').toUpperCase() as IHttpRequestOptions['method'] & string;
	const headers: Headers = { ...(requestOptions.headers ?? {}) };
	const body = methodCarriesPayload(method) ? serialiseBody(requestOptions.body, headers) : undefined;

	const signed = prepareSignedRequest({
		method,
		baseUrl,
		url: requestOptions.url ?? '',
		qs: requestOptions.qs as QueryParams | undefined,
		body,
		sdkId,
		privateKey,
		entropy,
		...(api.sdkIdIn === 'header' ? { sdkIdInQuery: false } : {}),
	});

	if (api.sdkIdIn === 'header') setHeader(headers, 'X-Yoti-Auth-Id', sdkId);
	setHeader(headers, 'X-Yoti-Auth-Digest', signed.digest);
	setHeader(headers, 'X-Yoti-SDK', YOTI_SDK_HEADER);
	setHeader(headers, 'X-Yoti-SDK-Version', YOTI_SDK_VERSION_HEADER);
	setHeaderIfAbsent(headers, 'Accept', 'application/json');

	const result: IHttpRequestOptions = { ...requestOptions, method, url: signed.url, headers };
	delete result.qs;
	delete result.baseURL;
	if (body === undefined) delete result.body;
	else result.body = body as IDataObject | Buffer | string;
	return result;
}

const IDV_API: SignedApi = { name: 'Yoti IDV API', baseUrl: idvBaseUrl, sdkIdIn: 'query' };

/** `yotiApi.authenticate`: the IDV API, the app named by the `sdkId` query parameter. */
export async function authenticateIdvRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	entropy?: SigningEntropy,
): Promise<IHttpRequestOptions> {
	return await authenticateSignedRequest(IDV_API, credentials, requestOptions, entropy);
}

export function absoluteUrl(base: string, url: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
	return `${base}${url.startsWith('/') ? url : `/${url}`}`;
}

/** `yotiSignApi.authenticate`: resolves the base (idempotent) and sets the Bearer API key. */
export async function authenticateSignRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (apiKey === '') throw new Error('The Yoti Sign API credential has no API key');
	const base = requestOptions.baseURL ? requestOptions.baseURL.replace(/\/+$/, '') : signBaseUrl(credentials);
	const headers: Headers = { ...(requestOptions.headers ?? {}) };
	setHeader(headers, 'Authorization', `Bearer ${apiKey}`);
	const result: IHttpRequestOptions = { ...requestOptions, url: absoluteUrl(base, requestOptions.url ?? ''), headers };
	delete result.baseURL;
	return result;
}
