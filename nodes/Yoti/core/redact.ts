import { isRecord } from './read';

export const REDACTED = '[redacted]';

/** Copies `object` with `key` replaced; the original is never touched. */
const withKey = (object: Record<string, unknown>, key: string, value: unknown) => ({ ...object, [key]: value });

function redactCheck(check: unknown): unknown {
	if (!isRecord(check) || !isRecord(check.report)) return check;
	const summary = check.report.watchlist_summary;
	if (!isRecord(summary) || !isRecord(summary.search_config) || !('api_key' in summary.search_config)) return check;
	const searchConfig = withKey(summary.search_config, 'api_key', REDACTED);
	const report = withKey(check.report, 'watchlist_summary', withKey(summary, 'search_config', searchConfig));
	return withKey(check, 'report', report);
}

/**
 * A session result as `raw` output shows it: unchanged, except a watchlist check's
 * `report.watchlist_summary.search_config.api_key` (the customer's own ComplyAdvantage key,
 * which Yoti echoes back) reads "[redacted]". Returns the same object when there is nothing
 * to hide; otherwise copies only the objects on the way to each key.
 */
export function redactSession<T>(session: T): T {
	if (!isRecord(session) || !Array.isArray(session.checks)) return session;
	const checks = session.checks.map(redactCheck);
	if (checks.every((check, index) => check === (session.checks as unknown[])[index])) return session;
	return { ...session, checks } as T;
}
