import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { methodCarriesPayload, normalizePrivateKey, prepareSignedRequest } from '../nodes/Yoti/core/signing';
import type { QueryParams, SigningEntropy } from '../nodes/Yoti/core/signing';
import { ageVerificationBaseUrl, aiBaseUrl } from './ageEnvironments';
import { YOTI_SDK_HEADER, YOTI_SDK_VERSION_HEADER, serialiseBody, setHeader, setHeaderIfAbsent } from './authenticate';

type Headers = NonNullable<IHttpRequestOptions['headers']>;

function absoluteUrl(base: string, url: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
	return `${base}${url.startsWith('/') ? url : `/${url}`}`;
}

/**
 * `yotiAgeVerificationApi.authenticate`: Yoti's Age Verification Service takes the API key as
 * `Authorization: Bearer` and the SDK ID as `Yoti-SDK-Id`; nothing is signed. Idempotent.
 */
export async function authenticateAgeVerificationRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const sdkId = typeof credentials.sdkId === 'string' ? credentials.sdkId.trim() : '';
	if (sdkId === '') throw new Error('The Yoti Age Verification API credential has no SDK ID');
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (apiKey === '') throw new Error('The Yoti Age Verification API credential has no API key');
	const base = requestOptions.baseURL ? requestOptions.baseURL.replace(/\/+$/, '') : ageVerificationBaseUrl(credentials);
	const headers: Headers = { ...(requestOptions.headers ?? {}) };
	setHeader(headers, 'Authorization', `Bearer ${apiKey}`);
	setHeader(headers, 'Yoti-SDK-Id', sdkId);
	setHeaderIfAbsent(headers, 'Accept', 'application/json');
	const method = (requestOptions.method ?? 'GET').toUpperCase() as IHttpRequestOptions['method'] & string;
	const body = methodCarriesPayload(method) ? serialiseBody(requestOptions.body, headers) : undefined;
	const result: IHttpRequestOptions = { ...requestOptions, method, url: absoluteUrl(base, requestOptions.url ?? ''), headers };
	delete result.baseURL;
	if (body === undefined) delete result.body;
	else result.body = body as IDataObject | Buffer | string;
	return result;
}

/**
 * `yotiAiApi.authenticate`: Yoti's AI services are signed exactly as IDV requests are (the same
 * signer, nodes/Yoti/core/signing.ts), except that the app is named by the `X-Yoti-Auth-Id`
 * header rather than an `sdkId` query parameter. Idempotent: a re-run replaces nonce, timestamp
 * and digest.
 */
export async function authenticateAiRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	entropy?: SigningEntropy,
): Promise<IHttpRequestOptions> {
	const sdkId = typeof credentials.sdkId === 'string' ? credentials.sdkId.trim() : '';
	if (sdkId === '') throw new Error('The Yoti AI Services API credential has no SDK ID');
	const privateKey = normalizePrivateKey(typeof credentials.privateKey === 'string' ? credentials.privateKey : '');
	const baseUrl = requestOptions.baseURL ? requestOptions.baseURL.replace(/\/+$/, '') : aiBaseUrl(credentials);
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
		sdkIdInQuery: false,
	});

	setHeader(headers, 'X-Yoti-Auth-Id', sdkId);
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
