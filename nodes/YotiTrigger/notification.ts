import { isUuid, parseJsonText } from '../Yoti/core';

/** Yoti's notification bodies are a few hundred bytes; anything far larger is not from Yoti. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A notification as the trigger emits it: lower-case topic, absent ids as null. */
export interface YotiNotification {
	session_id: string;
	topic: string;
	check_id: string | null;
	task_id: string | null;
	resource_id: string | null;
}

export type ParseResult =
	| { ok: true; notification: YotiNotification }
	| { ok: false; status: 400 | 413; message: string };

/**
 * Reads a notification from the request: the raw bytes when n8n kept them, else the body n8n
 * parsed. Pure: decides the HTTP status of a refusal but sends nothing.
 */
export function parseNotification(rawBody: unknown, parsedBody: unknown): ParseResult {
	let body: unknown;
	if (isBytes(rawBody) && rawBody.length > 0) {
		if (byteLength(rawBody) > MAX_BODY_BYTES) {
			return { ok: false, status: 413, message: `Body larger than ${MAX_BODY_BYTES} bytes` };
		}
		try {
			body = parseJsonText(rawBody);
		} catch {
			return { ok: false, status: 400, message: 'Body is not valid JSON' };
		}
	} else {
		body = parsedBody;
		if (JSON.stringify(body ?? null).length > MAX_BODY_BYTES) {
			return { ok: false, status: 413, message: `Body larger than ${MAX_BODY_BYTES} bytes` };
		}
	}
	return validate(body);
}

function validate(body: unknown): ParseResult {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, status: 400, message: 'Body must be a JSON object' };
	}
	const record = body as Record<string, unknown>;
	const { session_id: sessionId, topic } = record;
	if (typeof sessionId !== 'string' || sessionId === '') {
		return { ok: false, status: 400, message: 'Missing session_id' };
	}
	if (typeof topic !== 'string' || topic.trim() === '') {
		return { ok: false, status: 400, message: 'Missing topic' };
	}
	if (!isUuid(sessionId)) {
		return { ok: false, status: 400, message: 'session_id is not a UUID' };
	}
	return {
		ok: true,
		notification: {
			session_id: sessionId.trim(),
			topic: topic.trim().toLowerCase(),
			check_id: optionalId(record.check_id),
			task_id: optionalId(record.task_id),
			resource_id: optionalId(record.resource_id),
		},
	};
}

/** Empty selection means every topic; otherwise compared without regard to case. */
export function isTopicSelected(selected: unknown, topic: string): boolean {
	if (!Array.isArray(selected) || selected.length === 0) return true;
	const wanted = topic.toLowerCase();
	return selected.some((t) => typeof t === 'string' && t.trim().toLowerCase() === wanted);
}

function optionalId(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function isBytes(value: unknown): value is Buffer | string {
	return Buffer.isBuffer(value) || typeof value === 'string';
}

function byteLength(value: Buffer | string): number {
	return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}
