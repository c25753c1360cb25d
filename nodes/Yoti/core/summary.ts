import { checkItems } from './checks';
import { decidingProfile, identityProfilesOf, profileVerdict, type IdentityProfileModel } from './identityProfile';
import { parseSession } from './session.schema';
import type { CheckItem, Decision, SummaryItem } from './types';

type DecisionCheck = Pick<CheckItem, 'check_state' | 'recommendation'>;
type DecisionProfile = Pick<IdentityProfileModel, 'result' | 'failure_reason'> &
	Partial<Pick<IdentityProfileModel, 'requirements_not_met' | 'schemes_not_met'>>;

const SETTLED = new Set(['APPROVE', 'REJECT', 'NOT_AVAILABLE']);

/** A recommendation a person has to look at: Yoti's CONSIDER and anything else not settled. */
function needsReview(recommendation: string | null): boolean {
	return recommendation !== null && !SETTLED.has(recommendation);
}

/**
 * The contract's decision ladder, first rule that matches:
 * REJECT > REVIEW > NOT_AVAILABLE > APPROVE > EXPIRED > PENDING.
 * Every identity profile the session holds is judged (a session may hold both the basic and
 * the advanced one). A profile without a `result` yet is still running: it blocks APPROVE but
 * is not "a result that is not DONE", so it does not make the session NOT_AVAILABLE.
 */
export function decide(
	checks: ReadonlyArray<DecisionCheck>,
	sessionState: string | null = null,
	profiles: DecisionProfile | ReadonlyArray<DecisionProfile> | null = null,
): Decision {
	const verdicts = (profiles === null ? [] : Array.isArray(profiles) ? profiles : [profiles as DecisionProfile]).map(
		(profile: DecisionProfile) =>
			profileVerdict({ requirements_not_met: [], schemes_not_met: [], ...profile }),
	);
	if (checks.some((check) => check.recommendation === 'REJECT')) return 'REJECT';
	if (checks.some((check) => needsReview(check.recommendation)) || verdicts.includes('REVIEW')) return 'REVIEW';
	if (checks.some((check) => check.recommendation === 'NOT_AVAILABLE') || verdicts.includes('NOT_AVAILABLE')) {
		return 'NOT_AVAILABLE';
	}
	if (
		sessionState === 'COMPLETED' &&
		(checks.length > 0 || verdicts.length > 0) &&
		checks.every((check) => check.check_state === 'DONE' && check.recommendation === 'APPROVE') &&
		verdicts.every((verdict) => verdict === 'MET')
	) {
		return 'APPROVE';
	}
	if (sessionState === 'EXPIRED') return 'EXPIRED';
	return 'PENDING';
}

function distinct(values: Array<string | null>): string[] {
	return [...new Set(values.filter((value): value is string => value !== null))];
}

/**
 * The contract's "Summary item", `session_id, decision` first (the columns an operator reads).
 * The list fields hold each value once, in the order the checks first mention it; checks
 * without a type/reason add none.
 */
export function summarizeSession(session: unknown): SummaryItem {
	const model = parseSession(session);
	const checks = checkItems(model);
	const profiles = identityProfilesOf(session);
	const profile = decidingProfile(profiles);
	const withRecommendation = (value: string) => checks.filter((check) => check.recommendation === value);
	const review = checks.filter((check) => needsReview(check.recommendation));
	return {
		// session_id and decision lead: n8n's table view shows the first columns.
		session_id: model.session_id,
		decision: decide(checks, model.state, profiles),
		session_state: model.state,
		user_tracking_id: model.user_tracking_id,
		checks_total: checks.length,
		checks_done: checks.filter((check) => check.check_state === 'DONE').length,
		checks_approved: withRecommendation('APPROVE').length,
		checks_rejected: withRecommendation('REJECT').length,
		checks_not_available: withRecommendation('NOT_AVAILABLE').length,
		checks_review: review.length,
		rejected_check_types: distinct(withRecommendation('REJECT').map((check) => check.check_type)),
		review_check_types: distinct(review.map((check) => check.check_type)),
		not_available_reasons: distinct(withRecommendation('NOT_AVAILABLE').map((check) => check.recommendation_reason)),
		identity_profile_result: profile?.result ?? null,
		identity_profile_failure_reason: profile?.failure_reason ?? null,
		identity_profile_requirements_not_met: profile?.requirements_not_met ?? [],
		identity_profile_schemes_not_met: profile?.schemes_not_met ?? [],
		identity_profile_source: profile?.source ?? null,
	};
}
