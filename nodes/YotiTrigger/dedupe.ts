import { createHash } from 'crypto';

/** A notification repeated within this window is a duplicate. */
export const DEDUPE_WINDOW_MS = 10 * 60 * 1000;
/** At most this many notifications are remembered; the oldest are forgotten first. */
export const DEDUPE_MAX_ENTRIES = 1000;

/** [key, first seen at (ms)] pairs, oldest first. Plain JSON so it can live in static data. */
export type DedupeEntries = Array<[string, number]>;

export interface DedupeOptions {
	windowMs?: number;
	maxEntries?: number;
}

export interface DedupeIdentity {
	session_id: string;
	topic: string;
	check_id: string | null;
	task_id: string | null;
	resource_id: string | null;
}

/**
 * A short stable key for one notification, also emitted on every item as `dedupe_key` (users
 * store it to claim a notification once across processes: changing it re-runs old ones).
 * Hashed so that 1000 remembered keys stay small in the workflow's static data, which n8n
 * writes to its database after every call.
 */
export function dedupeKey(n: DedupeIdentity): string {
	const parts = [n.session_id, n.topic.toLowerCase(), n.check_id, n.task_id, n.resource_id];
	return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

/** Reads entries back from stored state, dropping anything malformed. */
export function readEntries(stored: unknown): DedupeEntries {
	if (!Array.isArray(stored)) return [];
	return stored.filter(
		(e): e is [string, number] =>
			Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && Number.isFinite(e[1]),
	);
}

/**
 * Whether `key` was seen within the window before `nowMs`; if not, records it. Never mutates
 * `stored`: returns the new state (expired entries pruned, oldest evicted beyond the bound).
 */
export function checkAndRecord(
	stored: unknown,
	key: string,
	nowMs: number,
	options: DedupeOptions = {},
): { duplicate: boolean; entries: DedupeEntries } {
	const windowMs = options.windowMs ?? DEDUPE_WINDOW_MS;
	const maxEntries = Math.max(1, options.maxEntries ?? DEDUPE_MAX_ENTRIES);
	const live = readEntries(stored).filter(([, seenAt]) => nowMs - seenAt < windowMs);
	if (live.some(([k]) => k === key)) return { duplicate: true, entries: live };
	const entries: DedupeEntries = [...live, [key, nowMs]];
	return { duplicate: false, entries: entries.slice(Math.max(0, entries.length - maxEntries)) };
}
