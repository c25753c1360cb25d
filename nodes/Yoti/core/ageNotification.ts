import { constants, createPublicKey, verify } from 'crypto';
import type { KeyObject } from 'crypto';

/**
 * Yoti Age Verification notifications: parsing and the `signature` check. Pure (crypto only).
 * Yoti's notifications page: remove `sequence_number` and `signature`, re-serialise compactly in
 * the received key order, verify RSA-PSS / SHA-256 / MGF1-SHA256 with Yoti's published key.
 */

/** Yoti's published notification key (developers.yoti.com/age-verification/notifications). */
export const YOTI_AGE_NOTIFICATION_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBojANBgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEAune8+8vPz/pQD6IzdWvX
Q66nh/RcywopCI01Wjo6i7vlH2iVOP1oCkgbObe12iMmVXKRiXgMNT6aXIGe6Ggw
dodzAmt3vT1fmrgub7Of6MgJ56ri2uH1O54DTjbnEbEcLXX13teOusZavntrkNpp
x1c8L0Ol41mRvImJeMHM6I16rLhqB/w1m7USMvof/K6GaP+VmmciZTPyZ6IsXxvB
k0ZoqWqrt2xENlg4O6LXMo7eHEiG+edm9uDpbZK1RhiCd6hyDZ/t4bBQNg4misFF
WezQSiUlPwBLRg1AJ3CNrtBzs49BZ30U7WSPUS0Gsq1lhhDtUtJUt4CdkDAfkVY6
2C6aaqKV940GcPFN7MjOeFus3VNJE3zyHVLT8DStuLMXHY+gQBGFOyxN6heZbm7a
Sl9fi7VXlDTlv1jpk4DFMQYF2fpAyomm95GavhllJnDxC2t8ebu0O23B88hPGI3K
kyLtPA8ie6UNmwNqLYpOEN/pwayYw75FcENBDxnWhoe9AgMBAAE=
-----END PUBLIC KEY-----
`;

/** The fields left out of the signed text. */
export const UNSIGNED_FIELDS: readonly string[] = ['sequence_number', 'signature'];

/**
 * The texts a signature may have been made over, most likely first. Yoti's examples differ:
 * JavaScript strips every whitespace character (`JSON.stringify(rest).replace(/\s/g, '')`, also
 * inside values), PHP and Python keep values intact (compact separators), and Python's default
 * escapes non-ASCII as \uXXXX. Each is tried; any that verifies counts.
 */
export function signedTextCandidates(notification: Record<string, unknown>): string[] {
	const rest: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(notification)) {
		if (!UNSIGNED_FIELDS.includes(key)) rest[key] = value;
	}
	const compact = JSON.stringify(rest);
	const asciiEscaped = compact.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	const candidates = [compact.replace(/\s/g, ''), compact, asciiEscaped, asciiEscaped.replace(/\s/g, '')];
	return [...new Set(candidates)];
}

const keyCache = new Map<string, KeyObject>();

/** A PEM public key (SPKI or PKCS#1) as a KeyObject; throws a message without the key. */
export function notificationPublicKey(pem: string): KeyObject {
	const text = (typeof pem === 'string' ? pem : '').trim().replace(/\\n/g, '\n');
	const cached = keyCache.get(text);
	if (cached) return cached;
	let key: KeyObject | undefined;
	try {
		key = createPublicKey({ key: text, format: 'pem' });
	} catch {
		key = undefined;
	}
	if (!key) throw new Error('The notification public key is not a PEM public key: paste it with its BEGIN and END lines');
	if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
		throw new Error('The notification public key is not an RSA key: Yoti signs notifications with RSA-PSS');
	}
	if (keyCache.size > 16) keyCache.clear();
	keyCache.set(text, key);
	return key;
}

/** Whether `notification.signature` is Yoti's RSA-PSS SHA-256 signature of the notification. */
export function verifyAgeNotification(notification: Record<string, unknown>, publicKey: KeyObject): boolean {
	const signature = notification.signature;
	if (typeof signature !== 'string' || signature.trim() === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(signature.trim())) return false;
	const bytes = Buffer.from(signature.trim().replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	if (bytes.length === 0) return false;
	for (const candidate of signedTextCandidates(notification)) {
		try {
			const ok = verify(
				'sha256',
				Buffer.from(candidate, 'utf8'),
				{ key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
				bytes,
			);
			if (ok) return true;
		} catch {
			// A signature of the wrong length for the key: not Yoti's.
		}
	}
	return false;
}

export interface AgeNotification {
	/** The notification's own ID (`id`). */
	id: string;
	/** The session ID (`session_key`). */
	session_key: string;
	state: string;
	method: string | null;
	age: number | null;
	reference_id: string | null;
	evidence_id: string | null;
	sequence_number: number | null;
	check_type: string | null;
	/** Epoch seconds. */
	timestamp: number | null;
	error_code: string | null;
	/** The deprecated boolean `result`, when sent. */
	result: boolean | null;
}

export type ParsedAgeNotification =
	| { ok: true; body: Record<string, unknown>; notification: AgeNotification }
	| { ok: false; status: 400; message: string };

function str(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function num(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

/** The body as a JSON object (a BOM tolerated), or why not. */
export function parseJsonObjectBody(
	raw: Buffer | string | undefined,
	parsedBody?: unknown,
): { ok: true; body: Record<string, unknown> } | { ok: false; status: 400; message: string } {
	let body: unknown = parsedBody;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : undefined;
	if (text !== undefined && text.trim() !== '') {
		try {
			body = JSON.parse(text.replace(/^\uFEFF/, ''));
		} catch {
			return { ok: false, status: 400, message: 'The body is not JSON' };
		}
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, status: 400, message: 'The body is not a JSON object' };
	}
	return { ok: true, body: body as Record<string, unknown> };
}

/** Parses the raw body (a BOM tolerated); 400 for anything that is not a notification. */
export function parseAgeNotification(raw: Buffer | string | undefined, parsedBody?: unknown): ParsedAgeNotification {
	let body: unknown = parsedBody;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : undefined;
	if (text !== undefined && text.trim() !== '') {
		try {
			body = JSON.parse(text.replace(/^\uFEFF/, ''));
		} catch {
			return { ok: false, status: 400, message: 'The body is not JSON' };
		}
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, status: 400, message: 'The body is not a JSON object' };
	}
	const record = body as Record<string, unknown>;
	const id = str(record.id);
	const sessionKey = str(record.session_key);
	const state = str(record.state);
	const missing = [!id && 'id', !sessionKey && 'session_key', !state && 'state'].filter(Boolean);
	if (missing.length > 0) {
		return { ok: false, status: 400, message: `Not a Yoti age verification notification: no ${missing.join(', ')}` };
	}
	return {
		ok: true,
		body: record,
		notification: {
			id: id as string,
			session_key: sessionKey as string,
			state: state as string,
			method: str(record.method),
			age: num(record.age),
			reference_id: str(record.reference_id),
			evidence_id: str(record.evidence_id),
			sequence_number: num(record.sequence_number),
			check_type: str(record.check_type),
			timestamp: num(record.timestamp),
			error_code: str(record.error_code),
			result: typeof record.result === 'boolean' ? record.result : null,
		},
	};
}

/**
 * The repeat key: the notification `id` with the attempt's `evidence_id` (both signed). A
 * delivery Yoti repeats has both the same; a later attempt has its own evidence, so it counts
 * as new even if Yoti reused the notification ID (not confirmed either way).
 */
export function ageNotificationKey(notification: AgeNotification): string {
	return `${notification.id}:${notification.evidence_id ?? ''}`;
}

/** The item a workflow routes on: session, state and passed first. */
export function ageNotificationItem(notification: AgeNotification): Record<string, string | number | boolean | null> {
	return {
		session_id: notification.session_key,
		state: notification.state,
		passed: notification.state === 'COMPLETE',
		age: notification.age,
		method: notification.method,
		reference_id: notification.reference_id,
		evidence_id: notification.evidence_id,
		sequence_number: notification.sequence_number,
		check_type: notification.check_type,
		error_code: notification.error_code,
		notification_id: notification.id,
		notified_at: notification.timestamp !== null ? new Date(notification.timestamp * 1000).toISOString() : null,
	};
}
