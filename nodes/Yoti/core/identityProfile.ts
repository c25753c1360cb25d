import { list, record, text } from './read';

/** The parts of `identity_profile` / `advanced_identity_profile` the summary and decision read. */
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
 * (a session has one or the other), else null. Should both appear, one with a result is
 * preferred to one without. The summary, the decision and Get Identity Data all read it
 * here. Never throws.
 */
export function identityProfileOf(session: unknown): IdentityProfileModel | null {
	return (
		record(session, (o) => {
			const basic = readProfile(o.identity_profile);
			const advanced = readProfile(o.advanced_identity_profile);
			if (basic?.result == null && advanced?.result != null) return advanced;
			return basic ?? advanced;
		}) ?? null
	);
}
