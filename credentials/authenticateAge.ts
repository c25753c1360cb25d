import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { methodCarriesPayload } from '../nodes/Yoti/core/signing';
import type { SigningEntropy } from '../nodes/Yoti/core/signing';
import { ageVerificationBaseUrl, aiBaseUrl } from './ageEnvironments';
import { absoluteUrl, authenticateSignedRequest, serialiseBody, setHeader, setHeaderIfAbsent, type SignedApi } from './authenticate';

type Headers = NonNullable<IHttpRequestOptions['headers']>;

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

const AI_API: SignedApi = { name: 'Yoti AI Services API', baseUrl: aiBaseUrl, sdkIdIn: 'header' };

/**
 * `yotiAiApi.authenticate`: Yoti's AI services are signed exactly as IDV requests are (the same
 * code), except that the app is named by the `X-Yoti-Auth-Id` header rather than an `sdkId`
 * query parameter. Idempotent: a re-run replaces nonce, timestamp and digest.
 */
export async function authenticateAiRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	entropy?: SigningEntropy,
): Promise<IHttpRequestOptions> {
	return await authenticateSignedRequest(AI_API, credentials, requestOptions, entropy);
}
