import { list, record, text } from './read';

/** The parts of `identity_profile` / `advanced_identity_profile` the summary, the decision and Get Identity Data read. */
export interface IdentityProfileModel {
	result: string | null;
	failure_reason: string | null;
	requirements_not_met: string[];
}

const readRequirement = (value: unknown) => record(value, (o) => text(o.failure_type) ?? text(o.details));

const readProfile = (value: unknown) =>
	record(
		value,
		(o): IdentityProfileModel => {
			const failure = record(o.failure_reason, (f) => f);
			return {
				result: text(o.result),
				failure_reason: failure ? text(failure.reason_code) : null,
				requirements_not_met: failure ? list(failure.requirements_not_met_details, readRequirement) : [],
			};
		},
	);

/**
 * The session's identity profile: `identity_profile`, else `advanced_identity_profile`
 * (a session has one or the other), else null. The summary, the decision and Get Identity
 * Data all read it here, so they cannot disagree; should a session hold both, the basic one
 * is read even without a result, so a profile still running keeps the decision from APPROVE.
 * Never throws.
 */
export function identityProfileOf(session: unknown): IdentityProfileModel | null {
	return (
		record(session, (o) => readProfile(o.identity_profile) ?? readProfile(o.advanced_identity_profile)) ?? null
	);
}
