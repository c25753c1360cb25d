import { sleep } from 'n8n-workflow';

/** Backoff settings. Mutable so tests and benchmarks can shorten the waits without faking time. */
export const retryTiming = {
	baseDelayMs: 250,
	maxDelayMs: 8000,
	/** The longest Retry-After honoured; a longer one fails at once with a clear message. */
	maxRetryAfterMs: 60000,
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};

export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Exponential backoff with jitter: between half and all of base × 2^(attempt-1), capped. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(retryTiming.maxDelayMs, retryTiming.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, nowMs: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// An HTTP date names a weekday or month; bare numbers like "-5" are not dates here.
	const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
