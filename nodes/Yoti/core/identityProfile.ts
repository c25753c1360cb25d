import { flag, isRecord, list, record, text } from './read';

export type IdentityProfileSource = 'identity_profile' | 'advanced_identity_profile';

/** The parts of `identity_profile` / `advanced_identity_profile` the summary, the decision and Get Identity Data read. */
export interface IdentityProfileModel {
	source: IdentityProfileSource;
	result: string | null;
	failure_reason: string | null;
	requirements_not_met: string[];
	/** `<type>:<objective>` (or `<type>`) of every scheme whose `requirements_met` is false. */
	schemes_not_met: string[];
}

/**
 * What one profile says for the decision, worst first: FRAUD_DETECTED needs a person;
 * NOT_AVAILABLE when Yoti could not verify (a result other than DONE, or DONE with a failure
 * reason, unmet requirements or an unmet scheme: "an identity profile can be returned, however
 * scheme compliance couldn't be met"); RUNNING without a result yet (blocks APPROVE only);
 * MET when DONE and clean.
 */
export type ProfileVerdict = 'REVIEW' | 'NOT_AVAILABLE' | 'RUNNING' | 'MET';

const SEVERITY: Record<ProfileVerdict, number> = { REVIEW: 3, NOT_AVAILABLE: 2, RUNNING: 1, MET: 0 };

const readRequirement = (value: unknown) => record(value, (o) => text(o.failure_type) ?? text(o.details));

/** `<type>:<objective>` of an unmet `schemes_compliance[]` entry, or null when it is met or unreadable. */
function unmetScheme(entry: unknown): string | null {
	if (!isRecord(entry) || flag(entry.requirements_met) !== false) return null;
	const scheme = isRecord(entry.scheme) ? entry.scheme : {};
	const type = text(scheme.type) ?? 'UNKNOWN_SCHEME';
	const objective = text(scheme.objective);
	return objective ? `${type}:${objective}` : type;
}

/**
 * Unmet schemes of a report. The basic profile lists `schemes_compliance[]`; the advanced one
 * groups them by trust framework under `compliance[{trust_framework, schemes_compliance[]}]`.
 * Both places are read in either profile, and a `compliance[]` entry that itself carries
 * `requirements_met` is read as a scheme, so a shape between the two is not missed.
 */
function schemesNotMet(report: unknown): string[] {
	if (!isRecord(report)) return [];
	const found: string[] = [];
	const add = (entries: unknown) => {
		for (const name of list(entries, unmetScheme)) if (!found.includes(name)) found.push(name);
	};
	add(report.schemes_compliance);
	for (const group of list(report.compliance, (g) => (isRecord(g) ? g : null))) {
		add([group]);
		add(group.schemes_compliance);
	}
	return found;
}

const readProfile = (value: unknown, source: IdentityProfileSource) =>
	record(
		value,
		(o): IdentityProfileModel => {
			// `{reason_code, requirements_not_met_details[]}`; a bare reason string is tolerated.
			const failure = isRecord(o.failure_reason) ? o.failure_reason : null;
			return {
				source,
				result: text(o.result),
				failure_reason: failure ? text(failure.reason_code) : text(o.failure_reason),
				requirements_not_met: failure ? list(failure.requirements_not_met_details, readRequirement) : [],
				schemes_not_met: schemesNotMet(o.identity_profile_report),
			};
		},
	);

/** Every identity profile the session holds: the basic one first, then the advanced one. Never throws. */
export function identityProfilesOf(session: unknown): IdentityProfileModel[] {
	if (!isRecord(session)) return [];
	const found: IdentityProfileModel[] = [];
	const basic = readProfile(session.identity_profile, 'identity_profile');
	if (basic) found.push(basic);
	const advanced = readProfile(session.advanced_identity_profile, 'advanced_identity_profile');
	if (advanced) found.push(advanced);
	return found;
}

export function profileVerdict(profile: Omit<IdentityProfileModel, 'source'>): ProfileVerdict {
	if (profile.failure_reason === 'FRAUD_DETECTED') return 'REVIEW';
	const unmet = profile.failure_reason !== null || profile.requirements_not_met.length > 0 || profile.schemes_not_met.length > 0;
	if ((profile.result !== null && profile.result !== 'DONE') || unmet) return 'NOT_AVAILABLE';
	return profile.result === null ? 'RUNNING' : 'MET';
}

/**
 * The profile that decides: the worse verdict, the basic one when they are equal (it is listed
 * first). Null without a profile.
 */
export function decidingProfile(profiles: readonly IdentityProfileModel[]): IdentityProfileModel | null {
	let worst: IdentityProfileModel | null = null;
	for (const profile of profiles) {
		if (worst === null || SEVERITY[profileVerdict(profile)] > SEVERITY[profileVerdict(worst)]) worst = profile;
	}
	return worst;
}

/**
 * The session's deciding identity profile. The summary, the decision and Get Identity Data all
 * read it here, so they cannot disagree. Never throws.
 */
export function identityProfileOf(session: unknown): IdentityProfileModel | null {
	return decidingProfile(identityProfilesOf(session));
}
