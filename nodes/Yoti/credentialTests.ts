import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { authenticateIdvRequest, authenticateSignRequest } from '../../credentials/authenticate';
import { idvBaseUrl, signBaseUrl } from '../../credentials/environments';
import { IDV_APP_NOT_FOUND, IDV_APP_REFUSED, IDV_SIGNATURE_REJECTED, SIGN_KEY_REJECTED } from './transport/messages';

/**
 * Credential tests for the n8n UI, wired as `methods.credentialTest` + `testedBy` on the nodes.
 * n8n's request-based credential test fails on any non-2xx, but Yoti has no signed call that
 * simply says "this app and key are fine", so each test sends one probe itself and reads the
 * status.
 */

/** A valid UUID v4 no real session or recipient has. */
export const PROBE_ID = '00000000-0000-4000-8000-000000000000';
export const SIGN_PROBE_PATH = `/idv/recipients/${PROBE_ID}/sessions/signed/json`;

/*
 * The IDV probe is POST /sessions with a body Yoti's payload validation refuses. Yoti's
 * Identity Verification API reference (https://developers.yoti.com/identity-verification-api,
 * "Create a new session") documents for this call: 400 "Payload validation error or malformed
 * request", 401 "Unauthorised request (wrong key or signature)", 403 "app is disabled or has no
 * associated organisation_id", 404 "The application for provided sdk id does not exist". So:
 * 400 proves the app exists in this environment and the key signs for it, and no session is
 * created. GET /sessions/{id} cannot tell these apart: its 404 is "Session or App not found".
 * The body's types are wrong on purpose (a text TTL, a text where a list belongs), which no
 * schema version accepts.
 */
export const IDV_PROBE_PATH = '/sessions';
export const IDV_PROBE_BODY = '{"client_session_token_ttl":"n8n-credential-test","requested_checks":"n8n-credential-test"}';
const IDV_PROBE_BYTES = Buffer.from(IDV_PROBE_BODY, 'utf8');
const PROBE_TIMEOUT_MS = 15000;

export { IDV_SIGNATURE_REJECTED as IDV_REJECTED_MESSAGE, SIGN_KEY_REJECTED as SIGN_REJECTED_MESSAGE };

type TestHelpers = ICredentialTestFunctions['helpers'];

interface ProbeResponse {
	statusCode: number;
}

/**
 * A credential-test context offers only the legacy `request` helper (n8n-core's
 * CredentialTestContext), so the probe goes through it: status codes come back, never thrown.
 */
async function sendProbe(
	helpers: TestHelpers,
	url: string,
	headers: Record<string, string>,
	body?: Buffer,
): Promise<ProbeResponse> {
	const response = (await helpers.request({
		method: body === undefined ? 'GET' : 'POST',
		uri: url,
		headers,
		// The signed bytes go out as they are: `json: true` would let the helper re-serialise them.
		...(body === undefined ? { json: true } : { body, json: false }),
		simple: false,
		resolveWithFullResponse: true,
		timeout: PROBE_TIMEOUT_MS,
	})) as ProbeResponse;
	return { statusCode: Number(response?.statusCode) };
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : 'unknown error';
}

/** What to do about each way the probe can fail to reach Yoti. */
function networkAdvice(code: string): string {
	switch (code) {
		case 'ECONNREFUSED':
			return 'nothing is listening there. Check the Environment and Base URL; for a local simulator, check that it is running and on that port';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name could not be found. Check the Base URL for typos and that n8n can resolve it (DNS)';
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
			return 'no answer in time. Check that n8n can reach it (proxy, firewall) and try again';
		default:
			return 'check the Base URL and that n8n can reach it (proxy, firewall), then try again';
	}
}

function networkFailure(base: string, error: unknown): INodeCredentialTestResult {
	const code = (error as { code?: unknown })?.code;
	const known = typeof code === 'string' && code !== '' ? code : '';
	const reason = known ? ` (${known})` : '';
	return { status: 'Error', message: `Could not reach Yoti at ${base}${reason}: ${networkAdvice(known)}` };
}

const CONNECTION_OK: INodeCredentialTestResult = { status: 'OK', message: 'Connection successful: Yoti accepted the credential' };

/** The IDV probe's answer, read as Yoti's reference documents POST /sessions (see above). */
function interpretIdv(statusCode: number): INodeCredentialTestResult {
	if (statusCode === 400 || (statusCode >= 200 && statusCode < 300)) return CONNECTION_OK;
	if (statusCode === 401) return { status: 'Error', message: IDV_SIGNATURE_REJECTED };
	if (statusCode === 403) return { status: 'Error', message: IDV_APP_REFUSED };
	if (statusCode === 404) return { status: 'Error', message: IDV_APP_NOT_FOUND };
	return { status: 'Error', message: `Yoti answered the test request with HTTP ${statusCode}` };
}

function interpret(statusCode: number, rejectedMessage: string): INodeCredentialTestResult {
	if (statusCode === 401 || statusCode === 403) return { status: 'Error', message: rejectedMessage };
	if (statusCode === 404 || (statusCode >= 200 && statusCode < 300)) return CONNECTION_OK;
	return { status: 'Error', message: `Yoti answered the test request with HTTP ${statusCode}` };
}

function headersOf(options: { headers?: unknown }): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries((options.headers ?? {}) as Record<string, unknown>)) {
		headers[name] = String(value);
	}
	return headers;
}

/** `testedBy: 'yotiApiTest'`: signs the POST /sessions probe with the credential's own signing. */
export async function yotiApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	let base: string;
	let signed: { url: string; headers?: unknown };
	try {
		base = idvBaseUrl(data);
		signed = await authenticateIdvRequest(data, {
			method: 'POST',
			url: IDV_PROBE_PATH,
			headers: { 'Content-Type': 'application/json' },
			body: IDV_PROBE_BYTES,
		});
	} catch (error) {
		// Our own messages: a missing SDK ID, a malformed key, a bad base URL. None echoes a secret.
		return { status: 'Error', message: errorText(error) };
	}
	try {
		const response = await sendProbe(this.helpers, signed.url, headersOf(signed), IDV_PROBE_BYTES);
		return interpretIdv(response.statusCode);
	} catch (error) {
		return networkFailure(base, error);
	}
}

/** `testedBy: 'yotiSignApiTest'`: GET a probe recipient's signed result with the Bearer key. */
export async function yotiSignApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	let base: string;
	let signed: { url: string; headers?: unknown };
	try {
		base = signBaseUrl(data);
		signed = await authenticateSignRequest(data, { method: 'GET', url: SIGN_PROBE_PATH });
	} catch (error) {
		return { status: 'Error', message: errorText(error) };
	}
	try {
		const response = await sendProbe(this.helpers, signed.url, headersOf(signed));
		return interpret(response.statusCode, SIGN_KEY_REJECTED);
	} catch (error) {
		return networkFailure(base, error);
	}
}

function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * `testedBy: 'yotiNotificationAuthTest'`: Yoti has no call that checks a notification token,
 * so this checks locally that Yoti can send it and the Yoti Trigger can match it.
 */
export async function yotiNotificationAuthTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const authType = data.authType;
	const token = typeof data.authToken === 'string' ? data.authToken : '';
	if (authType !== 'basic' && authType !== 'bearer') {
		return { status: 'Error', message: 'Choose Basic or Bearer as the auth type' };
	}
	if (token === '') return { status: 'Error', message: 'Enter the auth token' };
	if (hasControlCharacter(token)) {
		return { status: 'Error', message: 'The auth token contains a line break or control character' };
	}
	if (authType === 'bearer' && token.trim() !== token) {
		return {
			status: 'Error',
			message: 'A Bearer auth token cannot start or end with a space: Yoti sends it as-is in the Authorization header',
		};
	}
	return {
		status: 'OK',
		message:
			"The auth token is usable. Yoti cannot check it in advance: put the same token and type in each session's notifications, and the Yoti Trigger compares them with every notification",
	};
}

export const credentialTest = { yotiApiTest, yotiSignApiTest, yotiNotificationAuthTest };
