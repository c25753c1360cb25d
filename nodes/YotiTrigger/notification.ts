import { z } from 'zod';

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

/** Yoti's notification body: `{session_id, topic, check_id?, task_id?, resource_id?}`; other keys ignored. */
const optionalId = z
	.unknown()
	.transform((value) => (typeof value === 'string' && value !== '' ? value : null));

const notificationSchema = z.object({
	session_id: z
		.string({ required_error: 'Missing session_id', invalid_type_error: 'Missing session_id' })
		.min(1, 'Missing session_id')
		.refine(isUuid, 'session_id is not a UUID')
		.transform((id) => id.trim()),
	topic: z
		.string({ required_error: 'Missing topic', invalid_type_error: 'Missing topic' })
		.refine((topic) => topic.trim() !== '', 'Missing topic')
		.transform((topic) => topic.trim().toLowerCase()),
	check_id: optionalId,
	task_id: optionalId,
	resource_id: optionalId,
});

function validate(body: unknown): ParseResult {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, status: 400, message: 'Body must be a JSON object' };
	}
	const parsed = notificationSchema.safeParse(body);
	if (!parsed.success) {
		// session_id is checked before topic, as Yoti's own fields are listed.
		const issues = parsed.error.issues;
		const first = issues.find((issue) => issue.path[0] === 'session_id') ?? issues[0];
		return { ok: false, status: 400, message: first?.message ?? 'Invalid notification' };
	}
	const { session_id, topic, check_id, task_id, resource_id } = parsed.data;
	return { ok: true, notification: { session_id, topic, check_id, task_id, resource_id } };
}

/** Empty selection means every topic; otherwise compared without regard to case. */
export function isTopicSelected(selected: unknown, topic: string): boolean {
	if (!Array.isArray(selected) || selected.length === 0) return true;
	const wanted = topic.toLowerCase();
	return selected.some((t) => typeof t === 'string' && t.trim().toLowerCase() === wanted);
}

function isBytes(value: unknown): value is Buffer | string {
	return Buffer.isBuffer(value) || typeof value === 'string';
}

function byteLength(value: Buffer | string): number {
	return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}
