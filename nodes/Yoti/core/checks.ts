import { isWatchlistCheck, namedRows, recommendationOf, rowFailed } from './breakdown';
import { normaliseKey, setOnce } from './keys';
import { parseSession, type CheckModel, type SessionModel } from './session.schema';
import type { CheckItem, FlatValue } from './types';

function checkItem(session: SessionModel, check: CheckModel): CheckItem {
	const rows = namedRows(check);
	const failed = rows.filter(rowFailed).map((row) => row.sub_check);
	const recommendation = recommendationOf(check);
	// Key order is what n8n's table view shows first (contract "Field order matters"): the five
	// fields an operator reads, then the rest in the contract's order.
	const item: CheckItem = {
		session_id: session.session_id,
		check_type: check.type,
		recommendation,
		approved: recommendation === 'APPROVE',
		failed_sub_checks: failed,
		session_state: session.state,
		user_tracking_id: session.user_tracking_id,
		check_id: check.id,
		check_state: check.state,
		check_created: check.created,
		check_last_updated: check.last_updated,
		recommendation_reason: check.report?.recommendation?.reason ?? null,
		recovery_suggestion: check.report?.recommendation?.recovery_suggestion ?? null,
		sub_checks_total: rows.length,
		sub_checks_failed: failed.length,
		resources_used: check.resources_used,
	};
	// Breakdown keys are written after the fixed fields and only when free: results first,
	// then details, so `breakdown_a_b` is a's detail b only if no sub-check is named `a_b`.
	const flat = item as { [key: string]: FlatValue };
	for (const row of rows) setOnce(flat, `breakdown_${normaliseKey(row.sub_check)}`, row.result);
	for (const row of rows) {
		for (const detail of row.details) {
			if (detail.name === null || detail.name === '') continue;
			setOnce(flat, `breakdown_${normaliseKey(row.sub_check)}_${normaliseKey(detail.name)}`, detail.value);
		}
	}
	if (isWatchlistCheck(check)) {
		setOnce(flat, 'watchlist_total_hits', check.report?.watchlist_summary?.total_hits ?? null);
		const watchlist = check.report?.watchlist_summary;
		setOnce(flat, 'watchlist_raw_results_media_id', watchlist?.raw_results_media_id ?? null);
		setOnce(flat, 'watchlist_associated_country_codes', watchlist?.associated_country_codes ?? null);
		setOnce(flat, 'watchlist_search_type', watchlist?.search_type ?? null);
	}
	setOnce(flat, 'generated_media_ids', check.generated_media_ids);
	return item;
}

/** The contract's "Check item": one flat item per check; no checks -> no items. */
export function flattenChecks(session: unknown): CheckItem[] {
	return checkItems(parseSession(session));
}

export function checkItems(model: SessionModel): CheckItem[] {
	return model.checks.map((check) => checkItem(model, check));
}
