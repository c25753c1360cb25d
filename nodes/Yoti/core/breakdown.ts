import type { BreakdownRowModel, CheckModel } from './session.schema';

export type NamedRow = BreakdownRowModel & { sub_check: string };

/**
 * The breakdown rows of a check that carry a sub-check name. A row without a usable
 * `sub_check` (missing, null, empty) cannot be named in any output, so it is left out of
 * every count and item, in all output modes alike.
 */
export function namedRows(check: CheckModel): NamedRow[] {
	const rows = check.report?.breakdown ?? [];
	return rows.filter((row): row is NamedRow => typeof row.sub_check === 'string' && row.sub_check.trim() !== '');
}

/** The contract: a row failed when its result is anything but exactly `PASS` (null included). */
export function rowFailed(row: BreakdownRowModel): boolean {
	return row.result !== 'PASS';
}

export function recommendationOf(check: CheckModel): string | null {
	return check.report?.recommendation?.value ?? null;
}

const WATCHLIST_TYPES = new Set(['WATCHLIST_SCREENING', 'WATCHLIST_ADVANCED_CA']);

export function isWatchlistCheck(check: CheckModel): boolean {
	return (check.type !== null && WATCHLIST_TYPES.has(check.type)) || Boolean(check.report?.watchlist_summary);
}
