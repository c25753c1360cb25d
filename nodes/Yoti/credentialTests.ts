import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { authenticateIdvRequest, authenticateSignRequest } from '../../credentials/authenticate';
import { displayUrl, idvBaseUrl, signBaseUrl, withoutUserinfo } from '../../credentials/environments';
import { isUuid } from './core/ids';
import { IDV_APP_NOT_FOUND, IDV_APP_REFUSED, IDV_SIGNATURE_REJECTED, SIGN_KEY_REJECTED } from './transport/messages';
import { withoutUrlQueries } from './transport/network';
import { redactSecrets } from './transport/yotiError';

/**
 * Credential tests for the n8n UI, wired as `methods.credentialTest` + `testedBy` on the nodes.
 * n8n's request-based credential test fails on any non-2xx, but Yoti has no signed call that
 * simply says "this app and key are fine", so each test sends one probe itself and reads the
 * answer.
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
 * Yoti's 400 refusing the payload proves the app exists in this environment and the key signs
 * for it, and no session is created. GET /sessions/{id} cannot tell these apart: its 404 is
 * "Session or App not found".
 *
 * The body is invalid to any reader, however lenient about types: a token TTL of 1 s (Yoti's
 * minimum is 300 s), a resources TTL of 1 s (Yoti requires the token TTL plus one day), and a
 * text where the list of checks belongs. It asks for no notifications, so even a server that
 * accepted it would call nobody.
 */
export const IDV_PROBE_PATH = '/sessions';
export const IDV_PROBE_BODY = '{"client_session_token_ttl":1,"resources_ttl":1,"requested_checks":"n8n-credential-test"}';
/** The body's fields: a 400 whose `errors[].property` names one of them refuses this payload. */
export const IDV_PROBE_FIELDS: readonly string[] = ['client_session_token_ttl', 'resources_ttl', 'requested_checks'];
const IDV_PROBE_BYTES = Buffer.from(IDV_PROBE_BODY, 'utf8');
const PROBE_TIMEOUT_MS = 15000;
/** The most of an answer's body the probe reads; the rest is dropped unread. */
export const PROBE_MAX_BODY_BYTES = 16 * 1024;
/** The most of an answer's body a message quotes. */
const EXCERPT_CHARS = 160;

export { IDV_SIGNATURE_REJECTED as IDV_REJECTED_MESSAGE, SIGN_KEY_REJECTED as SIGN_REJECTED_MESSAGE };

export const CONNECTION_OK_MESSAGE = 'Connection successful: Yoti accepted the credential';
export const SDK_ID_NOT_UUID =
	"The SDK ID is not a UUID — paste the SDK ID of your application from Yoti Hub into the credential's SDK ID field (it looks like 3fa85f64-5717-4562-b3fc-2c963f66afa6); nothing was sent to Yoti";

type TestHelpers = ICredentialTestFunctions['helpers'];

export interface ProbeResponse {
	statusCode: number;
	/** The media type of the answer, lower case, without parameters ('' when none was sent). */
	contentType: string;
	/** At most PROBE_MAX_BODY_BYTES of the body. */
	body: Buffer;
}

function isReadable(body: unknown): body is AsyncIterable<Buffer | string> & { destroy?: () => void } {
	return typeof (body as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

/** Reads at most `limit` bytes of a streamed body, then lets go of the connection. */
async function readCapped(stream: AsyncIterable<Buffer | string> & { destroy?: () => void }, limit: number, deadline: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const piece of stream) {
			const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
			chunks.push(chunk);
			size += chunk.length;
			if (size >= limit || Date.now() > deadline) break;
		}
	} catch {
		// A connection cut after the status line: what arrived is what there is.
	} finally {
		stream.destroy?.();
	}
	return Buffer.concat(chunks).subarray(0, limit);
}

function bodyBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body.subarray(0, PROBE_MAX_BODY_BYTES);
	if (typeof body === 'string') return Buffer.from(body.slice(0, PROBE_MAX_BODY_BYTES));
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body).slice(0, PROBE_MAX_BODY_BYTES));
}

function mediaType(headers: unknown): string {
	const record = (headers ?? {}) as Record<string, unknown>;
	const key = Object.keys(record).find((name) => name.toLowerCase() === 'content-type');
	const value = key === undefined ? '' : String(record[key]);
	return value.split(';')[0].trim().toLowerCase().replace(/[^a-z0-9!#$&^_.+/-]/g, '').slice(0, 80);
}

/**
 * A credential-test context offers only the legacy `request` helper (n8n-core's
 * CredentialTestContext), so the probe goes through it: status codes come back, never thrown,
 * and the body is streamed so that no more than PROBE_MAX_BODY_BYTES of it is read.
 */
export async function sendProbe(
	helpers: TestHelpers,
	url: string,
	headers: Record<string, string>,
	body?: Buffer,
): Promise<ProbeResponse> {
	const deadline = Date.now() + PROBE_TIMEOUT_MS;
	const response = (await helpers.request({
		method: body === undefined ? 'GET' : 'POST',
		uri: url,
		headers: { Accept: 'application/json', ...headers },
		// The signed bytes go out as they are: `json: true` would let the helper re-serialise them.
		...(body === undefined ? {} : { body }),
		json: false,
		useStream: true,
		simple: false,
		resolveWithFullResponse: true,
		timeout: PROBE_TIMEOUT_MS,
	})) as { statusCode?: unknown; headers?: unknown; body?: unknown };
	const raw = response?.body;
	const bytes = isReadable(raw) ? await readCapped(raw, PROBE_MAX_BODY_BYTES, deadline) : bodyBytes(raw);
	return { statusCode: Number(response?.statusCode), contentType: mediaType(response?.headers), body: bytes };
}

/** An error's message, with any URL's userinfo and query (a signed URL's nonce) left out. */
export function errorText(error: unknown): string {
	return error instanceof Error ? withoutUrlQueries(error.message) : 'unknown error';
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

export function networkFailure(base: string, error: unknown): INodeCredentialTestResult {
	const code = (error as { code?: unknown })?.code;
	const known = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : '';
	const reason = known ? ` (${known})` : '';
	return { status: 'Error', message: `Could not reach Yoti at ${displayUrl(base)}${reason}: ${networkAdvice(known)}` };
}

const CONNECTION_OK: INodeCredentialTestResult = { status: 'OK', message: CONNECTION_OK_MESSAGE };

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** The answer's body as a JSON object, when it is JSON by its content type (or has none) and parses. */
export function jsonAnswer(answer: Pick<ProbeResponse, 'contentType' | 'body'>): Record<string, unknown> | undefined {
	if (answer.contentType !== '' && !/json/.test(answer.contentType)) return undefined;
	return parseJsonObject(answer.body);
}

/** Yoti's codes for a refused payload (`code`, or `error` in Yoti's older shape). */
const PAYLOAD_CODE = /PAYLOAD|VALIDATION|MALFORMED/i;
/** `errors[].property` naming the body as a whole. */
const BODY_PROPERTY = /^(|\$|body|payload|request|requestbody|request_body)$/i;

/** Whether a property path (`requested_checks`, `requested_checks[0].type`, `body.resources_ttl`) names a probe field or the body. */
function namesProbeField(property: string): boolean {
	if (BODY_PROPERTY.test(property.trim())) return true;
	const words = property.split(/[^A-Za-z0-9_]+/).filter(Boolean);
	return words.some((word) => IDV_PROBE_FIELDS.includes(word));
}

/**
 * Whether a 400's body is Yoti's error JSON refusing the probe's payload: `{code, message,
 * errors[{property, message}]}` (or `{"error": …}`) whose code is a payload / validation code or
 * whose errors name the body or one of the probe's fields.
 */
export function isYotiPayloadRefusal(contentType: string, body: Buffer): boolean {
	const json = jsonAnswer({ contentType, body });
	if (!json) return false;
	const code = typeof json.code === 'string' ? json.code : typeof json.error === 'string' ? json.error : '';
	if (code !== '' && PAYLOAD_CODE.test(code)) return true;
	const errors = Array.isArray(json.errors) ? json.errors : [];
	return errors.some((entry) => {
		const property = (entry as { property?: unknown } | null)?.property;
		return typeof property === 'string' && namesProbeField(property);
	});
}

/** A short, safe excerpt of an answer: one line, no secret a server could reflect, no userinfo. */
function excerpt(body: Buffer): string {
	const text = body
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.replace(/\p{Cc}+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const safe = withoutUrlQueries(withoutUserinfo(redactSecrets(text)));
	return safe.length > EXCERPT_CHARS ? `${safe.slice(0, EXCERPT_CHARS)}…` : safe;
}

/** `HTTP 400, text/html, body "<html>…"` — what came back, for the messages below. */
export function whatCameBack(answer: ProbeResponse, withBody = true): string {
	const type = answer.contentType === '' ? 'no content type' : answer.contentType;
	if (!withBody) return `HTTP ${answer.statusCode}, ${type}`;
	const shown = excerpt(answer.body);
	return `HTTP ${answer.statusCode}, ${type}, ${shown === '' ? 'empty body' : `body "${shown}"`}`;
}

const CHECK_BASE = 'Check the Environment and Base URL, and any proxy between n8n and Yoti';

function notYotisAnswer(answer: ProbeResponse): INodeCredentialTestResult {
	return {
		status: 'Error',
		message: `Not confirmed: the test request got an answer that is not Yoti's JSON (${whatCameBack(answer)}) — a proxy or a wrong Base URL answered. ${CHECK_BASE}`,
	};
}

function acceptedProbe(answer: ProbeResponse): INodeCredentialTestResult {
	const json = jsonAnswer(answer);
	const sessionId = typeof json?.session_id === 'string' && isUuid(json.session_id) ? json.session_id.trim().toLowerCase() : undefined;
	const created = sessionId
		? `a session may have been created (session_id ${sessionId}): delete it with the Yoti node (Session → Delete, Session ID ${sessionId}; Yoti deletes a session once it is finished or expired) or in the Yoti Hub`
		: 'a session may have been created: delete it in the Yoti Hub, or with the Yoti node (Session → Delete) once you know its session ID';
	// A JSON answer is not quoted: a created session's client_session_token is no one's business here.
	return {
		status: 'Error',
		message: `Not confirmed: Yoti, or whatever answered at this Base URL, accepted the test request that Yoti always refuses (${whatCameBack(answer, !json)}) — ${created}. ${CHECK_BASE}`,
	};
}

/** The IDV probe's answer, read as Yoti's reference documents POST /sessions (see above). */
export function interpretIdvProbe(answer: ProbeResponse): INodeCredentialTestResult {
	const { statusCode } = answer;
	if (statusCode === 401) return { status: 'Error', message: IDV_SIGNATURE_REJECTED };
	if (statusCode === 403) return { status: 'Error', message: IDV_APP_REFUSED };
	if (statusCode === 404) return { status: 'Error', message: IDV_APP_NOT_FOUND };
	if (statusCode >= 200 && statusCode < 300) return acceptedProbe(answer);
	if (statusCode === 400) {
		if (isYotiPayloadRefusal(answer.contentType, answer.body)) return CONNECTION_OK;
		if (!jsonAnswer(answer)) return notYotisAnswer(answer);
		return {
			status: 'Error',
			message: `Not confirmed: the test request got HTTP 400, but not Yoti's refusal of the test payload (${whatCameBack(answer)}) — something other than Yoti's identity verification API may have answered. ${CHECK_BASE}`,
		};
	}
	if (!jsonAnswer(answer)) return notYotisAnswer(answer);
	return { status: 'Error', message: `Yoti answered the test request with HTTP ${statusCode}` };
}

function interpret(statusCode: number, rejectedMessage: string): INodeCredentialTestResult {
	if (statusCode === 401 || statusCode === 403) return { status: 'Error', message: rejectedMessage };
	if (statusCode === 404 || (statusCode >= 200 && statusCode < 300)) return CONNECTION_OK;
	return { status: 'Error', message: `Yoti answered the test request with HTTP ${statusCode}` };
}

export function headersOf(options: { headers?: unknown }): Record<string, string> {
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
	// Yoti Hub's SDK IDs are UUIDs: anything else is a paste gone wrong, refused before any request.
	const sdkId = typeof data.sdkId === 'string' ? data.sdkId.trim() : '';
	if (sdkId !== '' && !isUuid(sdkId)) return { status: 'Error', message: SDK_ID_NOT_UUID };
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
		return interpretIdvProbe(response);
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
