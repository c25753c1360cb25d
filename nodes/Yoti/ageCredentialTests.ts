import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { ageVerificationBaseUrl, aiBaseUrl } from '../../credentials/ageEnvironments';
import { authenticateAgeVerificationRequest, authenticateAiRequest } from '../../credentials/authenticateAge';
import { isUuid } from './core/ids';
import {
	CONNECTION_OK_MESSAGE,
	SDK_ID_NOT_UUID,
	errorText,
	headersOf,
	jsonAnswer,
	networkFailure,
	sendProbe,
	whatCameBack,
	type ProbeResponse,
} from './credentialTests';
import {
	AGE_KEY_REJECTED,
	AGE_SDK_ID_REJECTED,
	AI_APP_NOT_FOUND,
	AI_APP_REFUSED,
	AI_SIGNATURE_REJECTED,
	readAgeApiError,
} from './transport/ageErrors';

/**
 * Credential Tests for the two age credentials, each one request with no side effect.
 *
 * Age Verification: POST /sessions with a body Yoti refuses (type unknown, ttl 1 s below the
 * 60 s minimum, every method not allowed). Yoti documents 400 for a refused body, 401 for a
 * missing or unknown SDK ID and 403 for a wrong API key, so a 400 says both are accepted.
 * (That Yoti checks the key before the body is how its API reference orders the answers; not
 * confirmed by Yoti in words.)
 *
 * AI services: POST /age, signed, with an empty image. Yoti checks the signature (401), the app
 * (404 APP_NOT_FOUND, 403 DISABLED_APP_STATE) and then refuses the image (400
 * IMAGE_NOT_PROVIDED), so no estimate is made.
 */

export const AGE_PROBE_BODY =
	'{"type":"N8N_CREDENTIAL_TEST","ttl":1,"age_estimation":{"allowed":false},"digital_id":{"allowed":false},"doc_scan":{"allowed":false},"credit_card":{"allowed":false},"mobile":{"allowed":false}}';
export const AI_PROBE_BODY = '{"img":""}';
const CHECK_BASE = 'Check the Environment and Base URL, and any proxy between n8n and Yoti';
const OK: INodeCredentialTestResult = { status: 'OK', message: CONNECTION_OK_MESSAGE };

function notYotis(answer: ProbeResponse): INodeCredentialTestResult {
	return {
		status: 'Error',
		message: `Not confirmed: the test request got an answer that is not Yoti's JSON (${whatCameBack(answer)}) — a proxy or a wrong Base URL answered. ${CHECK_BASE}`,
	};
}

export function interpretAgeVerificationProbe(answer: ProbeResponse): INodeCredentialTestResult {
	const { statusCode } = answer;
	if (statusCode === 401) return { status: 'Error', message: AGE_SDK_ID_REJECTED };
	if (statusCode === 403) return { status: 'Error', message: AGE_KEY_REJECTED };
	if (statusCode === 400) return jsonAnswer(answer) ? OK : notYotis(answer);
	if (statusCode >= 200 && statusCode < 300) {
		const id = jsonAnswer(answer)?.id;
		return {
			status: 'Error',
			message: `Not confirmed: whatever answered at this Base URL accepted the test session Yoti always refuses (${whatCameBack(answer, false)})${typeof id === 'string' && isUuid(id) ? ` — session ${id.toLowerCase()} may exist; it expires on its own` : ''}. ${CHECK_BASE}`,
		};
	}
	if (!jsonAnswer(answer)) return notYotis(answer);
	if (statusCode === 404) return { status: 'Error', message: `Yoti answered HTTP 404: the Base URL is not Yoti's Age Verification API (it ends in /api/v1). ${CHECK_BASE}` };
	return { status: 'Error', message: `Yoti answered the test request with HTTP ${statusCode}` };
}

export function interpretAiProbe(answer: ProbeResponse): INodeCredentialTestResult {
	const { statusCode } = answer;
	const json = jsonAnswer(answer);
	const code = json ? readAgeApiError(answer.body).code : undefined;
	const suffix = code ? ` (${code})` : '';
	if (statusCode === 401) return { status: 'Error', message: `${AI_SIGNATURE_REJECTED}${suffix}` };
	if (statusCode === 403) return { status: 'Error', message: `${AI_APP_REFUSED}${suffix}` };
	if (statusCode === 404 && code === 'INVALID_ENDPOINT') {
		return { status: 'Error', message: `Yoti does not know this endpoint: the Base URL must end in /ai/v1${suffix}. ${CHECK_BASE}` };
	}
	if (statusCode === 404) return json ? { status: 'Error', message: `${AI_APP_NOT_FOUND}${suffix}` } : notYotis(answer);
	if (statusCode === 400) {
		if (!json) return notYotis(answer);
		// Yoti answers some key and app problems with 400 too.
		if (code === 'INVALID_APP_ID' || code === 'INVALID_PUBLIC_KEY') return { status: 'Error', message: `${AI_SIGNATURE_REJECTED}${suffix}` };
		if (code === 'INVALID_ORG_ID' || code === 'INVALID_BILLING_SOURCE_ID') return { status: 'Error', message: `${AI_APP_NOT_FOUND}${suffix}` };
		return OK;
	}
	if (statusCode >= 200 && statusCode < 300) {
		return {
			status: 'Error',
			message: `Not confirmed: whatever answered at this Base URL accepted an empty image, which Yoti refuses (${whatCameBack(answer, false)}). ${CHECK_BASE}`,
		};
	}
	if (!json) return notYotis(answer);
	return { status: 'Error', message: `Yoti answered the test request with HTTP ${statusCode}${suffix}` };
}

function sdkIdProblem(data: ICredentialDataDecryptedObject): INodeCredentialTestResult | undefined {
	const sdkId = typeof data.sdkId === 'string' ? data.sdkId.trim() : '';
	return sdkId !== '' && !isUuid(sdkId) ? { status: 'Error', message: SDK_ID_NOT_UUID } : undefined;
}

interface AgeProbe {
	baseUrl: (data: ICredentialDataDecryptedObject) => string;
	authenticate: (data: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<{ url: string; headers?: unknown }>;
	path: string;
	body: string;
	interpret: (answer: ProbeResponse) => INodeCredentialTestResult;
}

/** Sends one probe POST that Yoti refuses once it has checked the credential, and reads the answer. */
async function runProbe(helpers: ICredentialTestFunctions['helpers'], credential: ICredentialsDecrypted, probe: AgeProbe): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const bad = sdkIdProblem(data);
	if (bad) return bad;
	let base: string;
	let prepared: { url: string; headers?: unknown };
	const bytes = Buffer.from(probe.body, 'utf8');
	try {
		base = probe.baseUrl(data);
		prepared = await probe.authenticate(data, { method: 'POST', url: probe.path, headers: { 'Content-Type': 'application/json' }, body: bytes });
	} catch (error) {
		return { status: 'Error', message: errorText(error) };
	}
	try {
		return probe.interpret(await sendProbe(helpers, prepared.url, headersOf(prepared), bytes));
	} catch (error) {
		return networkFailure(base, error);
	}
}

/** `testedBy: 'yotiAgeVerificationApiTest'` */
export async function yotiAgeVerificationApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await runProbe(this.helpers, credential, {
		baseUrl: ageVerificationBaseUrl,
		authenticate: authenticateAgeVerificationRequest,
		path: '/sessions',
		body: AGE_PROBE_BODY,
		interpret: interpretAgeVerificationProbe,
	});
}

/** `testedBy: 'yotiAiApiTest'` */
export async function yotiAiApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await runProbe(this.helpers, credential, {
		baseUrl: aiBaseUrl,
		authenticate: authenticateAiRequest,
		path: '/age',
		body: AI_PROBE_BODY,
		interpret: interpretAiProbe,
	});
}

export const ageCredentialTest = { yotiAgeVerificationApiTest, yotiAiApiTest };
