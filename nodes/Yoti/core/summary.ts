import { checkItems } from './checks';
import { profileResultOf } from './identity';
import { parseSession } from './session.schema';
import type { CheckItem, Decision, SummaryItem } from './types';

/**
 * The contract's decision rule: REJECT if any check recommends REJECT; else NOT_AVAILABLE if
 * any recommends NOT_AVAILABLE; else APPROVE if there is at least one check and every check
 * is DONE with APPROVE; else PENDING (covers no checks, unfinished checks, other values).
 */
export function decide(checks: ReadonlyArray<Pick<CheckItem, 'check_state' | 'recommendation'>>): Decision {
	if (checks.some((check) => check.recommendation === 'REJECT')) return 'REJECT';
	if (checks.some((check) => check.recommendation === 'NOT_AVAILABLE')) return 'NOT_AVAILABLE';
	if (checks.length > 0 && checks.every((check) => check.check_state === 'DONE' && check.recommendation === 'APPROVE')) {
		return 'APPROVE';
	}
	return 'PENDING';
}

function distinct(values: Array<string | null>): string[] {
	return [...new Set(values.filter((value): value is string => value !== null))];
}

/**
 * The contract's "Summary item". `rejected_check_types` and `not_available_reasons` list each
 * value once, in the order the checks first mention it; checks without a type/reason add none.
 */
export function summarizeSession(session: unknown): SummaryItem {
	const model = parseSession(session);
	const checks = checkItems(model);
	const withRecommendation = (value: string) => checks.filter((check) => check.recommendation === value);
	return {
		// session_id and decision lead: n8n's table view shows the first columns.
		session_id: model.session_id,
		decision: decide(checks),
		session_state: model.state,
		user_tracking_id: model.user_tracking_id,
		checks_total: checks.length,
		checks_done: checks.filter((check) => check.check_state === 'DONE').length,
		checks_approved: withRecommendation('APPROVE').length,
		checks_rejected: withRecommendation('REJECT').length,
		checks_not_available: withRecommendation('NOT_AVAILABLE').length,
		rejected_check_types: distinct(withRecommendation('REJECT').map((check) => check.check_type)),
		not_available_reasons: distinct(withRecommendation('NOT_AVAILABLE').map((check) => check.recommendation_reason)),
		identity_profile_result: profileResultOf(model),
	};
}
