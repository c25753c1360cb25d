/**
 * Reads what went wrong on the wire from the error n8n's `httpRequestWithAuthentication`
 * throws. n8n wraps axios's error in a `NodeApiError` that drops the original (its `cause`
 * is left undefined), keeps axios's `code` in `httpCode` (`ECONNRESET`, `ECONNABORTED`, or the
 * HTTP status when a body was cut short) and the original messages in `messages`. Only those
 * words are read — never the error object itself, which can hold the signed URL and headers.
 */

import { withoutUserinfo } from '../../../credentials/environments';

export type NetworkCode = string;

export type Thrown =
	| { kind: 'network'; code: NetworkCode }
	| { kind: 'cancelled' }
	/** Nothing was sent: the credential could not prepare the request (e.g. a malformed key). */
	| { kind: 'prepare'; message: string };

/** Network failures that prove the request never reached the server (safe to resend a POST). */
export const NOT_CONNECTED: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

const SYSTEM_CODE = /^(E[A-Z_]{2,}|ERR_[A-Z_]+)$/;

const MESSAGE_CODES: Array<[RegExp, string]> = [
	[/timeout of \d+ms exceeded|\btimed? ?out\b/i, 'ETIMEDOUT'],
	[/stream has been aborted|\baborted\b|premature close|unexpected end/i, 'TRUNCATED'],
	[/socket hang up|other side closed|socket disconnected/i, 'ECONNRESET'],
	[/\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ECONNABORTED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b/, ''],
];

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

export function classifyThrown(error: unknown): Thrown {
	const record = (error ?? {}) as { httpCode?: unknown; code?: unknown; message?: unknown; messages?: unknown };
	const messages = [text(record.message), ...(Array.isArray(record.messages) ? record.messages.map(text) : [])];
	const code = [text(record.httpCode), text(record.code)].find((candidate) => SYSTEM_CODE.test(candidate));

	if (code === 'ERR_CANCELED' || messages.some((message) => /^canceled$/i.test(message))) return { kind: 'cancelled' };
	// axios reports its own timeout as ECONNABORTED with "timeout of Nms exceeded".
	if (code === 'ECONNABORTED' && messages.some((message) => /timeout/i.test(message))) return { kind: 'network', code: 'ETIMEDOUT' };
	if (code) return { kind: 'network', code };
	for (const [pattern, mapped] of MESSAGE_CODES) {
		const hit = messages.map((message) => pattern.exec(message)).find(Boolean);
		if (hit) return { kind: 'network', code: mapped || hit[1] };
	}
	const message = messages.find((candidate) => candidate.trim() !== '') ?? 'The request could not be prepared';
	return { kind: 'prepare', message: withoutUrlQueries(message).slice(0, 500) };
}

/**
 * Drops query strings from any URL in a message (a signed URL carries the nonce and SDK ID),
 * and the `user:password@` of any URL (a Base URL may carry a proxy's credentials).
 */
export function withoutUrlQueries(message: string): string {
	return withoutUserinfo(message).replace(/(https?:\/\/[^\s?#"']+)\?[^\s"']*/g, '$1');
}

/** Words for a network failure (no error codes in the message: n8n would replace such a message). */
export function describeNetworkCode(code: NetworkCode): string {
	switch (code) {
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
			return 'did not answer in time';
		case 'TRUNCATED':
			return 'sent an incomplete or unreadable response';
		case 'ECONNRESET':
		case 'EPIPE':
			return 'closed the connection before answering';
		case 'ECONNREFUSED':
			return 'refused the connection';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'could not be found (DNS lookup failed)';
		default:
			return 'could not be reached';
	}
}
