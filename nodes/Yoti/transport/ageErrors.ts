import { parseJsonText } from '../core';
import { exhaustedMessage } from './messages';
import type { YotiRequest } from './types';
import { redactSecrets } from './yotiError';

/**
 * Errors of Yoti's Age Verification Service (`age`) and AI services (`ai`). The JSON shape of
 * their error bodies is not documented for every endpoint (AVS documents `{error_code,
 * error_message}` on some; the AI error table lists codes only), so the code is read from
 * `error_code`, `code` or `error`, the text from `error_message`, `message` or `context`.
 */

const MAX_SHOWN = 300;

export interface AgeApiError {
	code?: string;
	text?: string;
	/** The body as text when no code or message could be read (redacted, truncated). */
	raw?: string;
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? redactSecrets(value.trim()).slice(0, MAX_SHOWN) : undefined;
}

export function readAgeApiError(body: unknown): AgeApiError {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : undefined;
	let parsed: unknown = body;
	if (text !== undefined) {
		if (text.trim() === '') return {};
		try {
			parsed = parseJsonText(text);
		} catch {
			return { raw: redactSecrets(text).slice(0, MAX_SHOWN) };
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return parsed === undefined || parsed === null ? {} : { raw: redactSecrets(JSON.stringify(parsed)).slice(0, MAX_SHOWN) };
	}
	const record = parsed as Record<string, unknown>;
	const nested = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : {};
	const code = str(record.error_code) ?? str(record.code) ?? str(record.error) ?? str(nested.code);
	const message = str(record.error_message) ?? str(record.message) ?? str(record.context) ?? str(nested.message);
	if (!code && !message) return { raw: redactSecrets(JSON.stringify(parsed)).slice(0, MAX_SHOWN) };
	return { code, text: message };
}

function describe(status: number, error: AgeApiError): string {
	const head = [error.code, error.text].filter(Boolean).join(': ');
	return [`Yoti answered HTTP ${status}${head ? ` — ${head}` : ''}`, ...(error.raw ? [error.raw] : [])].join('\n');
}

export const AI_SIGNATURE_REJECTED =
	"Yoti rejected the request signature — check the Yoti AI Services API credential's SDK ID and private key (the keys Yoti Hub generated for age estimation)";
export const AI_APP_NOT_FOUND =
	"The SDK ID is not a Yoti AI services application — check the Yoti AI Services API credential's SDK ID (the application you generated age estimation keys for)";
export const AI_APP_REFUSED =
	'Yoti refused the AI services application — it may be disabled in Yoti Hub, or its organisation is not active; check the application in Yoti Hub';
export const AGE_SDK_ID_REJECTED =
	"Yoti Age Verification did not accept the SDK ID — check the Yoti Age Verification API credential's SDK ID (sent as Yoti-SDK-Id)";
export const AGE_KEY_REJECTED =
	"Yoti Age Verification rejected the API key — check the Yoti Age Verification API credential's API key (the Age Verification key from Yoti Hub, not the IDV .pem key)";

/** What each AI error code means for the person running the workflow. */
export const AI_ERROR_MESSAGES: Readonly<Record<string, string>> = {
	FACE_NOT_FOUND: 'No face was found in the image — use a photo that shows one face clearly, looking at the camera',
	MULTIPLE_FACES: 'The image shows several faces — use a photo of one person only',
	FACE_BOX_TOO_SMALL: 'The face in the image is too small — use a photo where the face is larger (eyes at least 120 px apart)',
	FACE_TO_IMAGE_RATIO_TOO_LOW: 'The face is too small compared with the image — crop closer to the face',
	FACE_TO_IMAGE_RATIO_TOO_HIGH: 'The face fills too much of the image — leave some space around the face',
	INSUFFICIENT_AREA_AROUND_THE_FACE: 'There is not enough space around the face — use a photo with more of the head and shoulders',
	IMAGE_TOO_BRIGHT: 'The image is too bright — use a photo taken in even, softer light',
	IMAGE_TOO_DARK: 'The image is too dark — use a photo taken in better light',
	IMAGE_NOT_PROVIDED: 'No image was sent — check the binary property holding the photo',
	INVALID_B64_IMAGE: 'Yoti could not read the image data — send the original JPEG or PNG file',
	UNSUPPORTED_IMAGE_FORMAT: 'The image format is not supported — use a JPEG or PNG photo',
	IMAGE_SIZE_TOO_BIG: 'The image file is too large for Yoti — use a smaller JPEG or PNG (at most 1.5–2 MB)',
	IMAGE_SIZE_TOO_SMALL: 'The image file is too small for Yoti — use a larger, better-quality photo (at least 50 KB)',
	MIN_HEIGHT: 'The image is not tall enough — each side must be at least 300 px',
	MAX_HEIGHT: 'The image is too tall — each side must be at most 2000 px',
	MIN_WIDTH: 'The image is not wide enough — each side must be at least 300 px',
	MAX_WIDTH: 'The image is too wide — each side must be at most 2000 px',
	MIN_PIXELS: 'The image has too few pixels — use at least 90,000 pixels (e.g. 1280×720)',
	MAX_PIXELS: 'The image has too many pixels — use at most 2,100,000 pixels (e.g. 1920×1080)',
	IMAGE_WRONG_CHANNELS: 'The image must be colour (RGB or RGBA)',
	IMAGE_GRAYSCALE_NOT_SUPPORTED: 'Greyscale images are not supported — use a colour photo',
	INVALID_METADATA_DEVICE: 'Yoti did not accept the Device option — choose Mobile, Laptop or leave it unset',
	INVALID_REQUEST_BODY: 'Yoti refused the request body as invalid',
	INVALID_BODY_ENCODING: 'Yoti could not read the request body',
	PAYLOAD_TOO_LARGE: 'The image is too large for Yoti — use a smaller JPEG or PNG',
	FAIL_PREDICTION: 'Yoti could not estimate an age from this image — try another photo',
	INVALID_ENDPOINT: 'Yoti does not know this AI endpoint — check the credential\'s Base URL (up to and including /ai/v1)',
};

const AI_SIGNATURE_CODES = new Set([
	'INVALID_X_YOTI_AUTH_ID',
	'INVALID_YOTI_AUTH_DIGEST',
	'INVALID_NONCE',
	'INVALID_TIMESTAMP',
	'INVALID_PUBLIC_KEY_ENCODING',
	'UNSUPPORTED_ALGORITHM',
	'INVALID_SIGNATURE',
	'INVALID_PUBLIC_KEY',
	'INVALID_APP_ID',
]);
const AI_APP_CODES = new Set(['APP_NOT_FOUND', 'ORG_NOT_FOUND', 'INVALID_ORG_ID', 'INVALID_BILLING_SOURCE_ID']);
const AI_REFUSED_CODES = new Set(['DISABLED_APP_STATE', 'INVALID_ORG_STATUS']);

function aiMessage(status: number, code: string | undefined, tries: number): string | undefined {
	if (code && AI_ERROR_MESSAGES[code]) return `${AI_ERROR_MESSAGES[code]} (${code})`;
	if (code && AI_SIGNATURE_CODES.has(code)) return `${AI_SIGNATURE_REJECTED} (${code})`;
	if (code && AI_APP_CODES.has(code)) return `${AI_APP_NOT_FOUND} (${code})`;
	if (code && AI_REFUSED_CODES.has(code)) return `${AI_APP_REFUSED} (${code})`;
	if (status === 401) return AI_SIGNATURE_REJECTED;
	if (status === 403) return AI_APP_REFUSED;
	if (status === 404) return AI_APP_NOT_FOUND;
	if (status === 413) return AI_ERROR_MESSAGES.PAYLOAD_TOO_LARGE;
	if (code === 'SERVICE_UNAVAILABLE' || code === 'UNSPECIFIED_ERROR') return `${exhaustedMessage(status, tries)} (${code})`;
	if (status === 400 && code) return `Yoti refused the image or request: ${code}`;
	return undefined;
}

function ageMessage(req: YotiRequest, status: number, error: AgeApiError): string | undefined {
	if (status === 401) return AGE_SDK_ID_REJECTED;
	if (status === 403) return AGE_KEY_REJECTED;
	if (status === 404) {
		const id = /\/sessions\/([^/?]+)/.exec(req.path)?.[1];
		return id
			? `Age verification session ${decodeURIComponent(id)} not found — check the session ID, and that it was created with this credential's SDK ID`
			: 'Yoti Age Verification answered 404 — check the credential\'s Base URL (up to and including /api/v1)';
	}
	if (status === 400) {
		const why = error.text ?? error.code;
		return `Yoti Age Verification refused the request${why ? `: ${why}` : ''}`;
	}
	return undefined;
}

/**
 * The message and description for an Age Verification or AI services error answer, or undefined
 * to leave it to the transport's general messages (429, 5xx, …).
 */
export function ageApiFailure(
	req: YotiRequest,
	status: number,
	body: unknown,
	tries: number,
): { message: string; description: string; code?: string } | undefined {
	const error = readAgeApiError(body);
	const message = req.api === 'ai' ? aiMessage(status, error.code, tries) : ageMessage(req, status, error);
	return message ? { message, description: describe(status, error), code: error.code } : undefined;
}
