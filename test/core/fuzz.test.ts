// Property tests: random shapes never make the core throw, and the outputs keep their invariants.
import fc from 'fast-check';
import {
	flattenChecks,
	flattenConfiguration,
	flattenDocumentFields,
	flattenSubChecks,
	flattenSupportedDocuments,
	flattenTrackedDevices,
	identityDocuments,
	sessionItems,
	summarizeSession,
} from '../../nodes/Yoti/core';
import { isFlat } from './helpers';

const DECISIONS = ['APPROVE', 'REJECT', 'REVIEW', 'NOT_AVAILABLE', 'EXPIRED', 'PENDING'];
const FIXED_CHECK_KEYS = [
	'session_id',
	'session_state',
	'user_tracking_id',
	'check_id',
	'check_type',
	'check_state',
	'check_created',
	'check_last_updated',
	'recommendation',
	'recommendation_reason',
	'recovery_suggestion',
	'approved',
	'sub_checks_total',
	'sub_checks_failed',
	'failed_sub_checks',
	'resources_used',
];

/** Fields after the breakdown: the watchlist ones on watchlist checks, generated media on every check. */
const LATER_CHECK_KEYS = [
	'watchlist_total_hits',
	'watchlist_raw_results_media_id',
	'watchlist_associated_country_codes',
	'watchlist_search_type',
	'generated_media_ids',
];

/** Sometimes the value, sometimes null, missing, or something of the wrong kind. */
function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined | unknown> {
	return fc.oneof(
		{ weight: 6, arbitrary: arb },
		{ weight: 1, arbitrary: fc.constant(null) },
		{ weight: 1, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]), fc.string()) },
	);
}

const name = fc.oneof(
	fc.constantFrom('hologram', 'ai_face_match', 'document_in_date', 'Hologram-Movement', '__proto__', 'constructor', 'a_b', 'a', 'b', ''),
	fc.string({ maxLength: 12 }),
);
const detail = fc.record({ name: maybe(name), value: maybe(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.object())) }, { requiredKeys: [] });
const row = fc.record(
	{
		sub_check: maybe(name),
		result: maybe(fc.constantFrom('PASS', 'FAIL', 'pass', 'NOT_APPLICABLE')),
		process: maybe(fc.constantFrom('AUTOMATED', 'EXPERT_REVIEW')),
		details: maybe(fc.array(maybe(detail), { maxLength: 4 })),
	},
	{ requiredKeys: [] },
);
const report = fc.record(
	{
		recommendation: maybe(
			fc.record(
				{
					value: maybe(fc.constantFrom('APPROVE', 'REJECT', 'NOT_AVAILABLE', 'CONSIDER')),
					reason: maybe(fc.constantFrom('NOT_GENUINE', 'PHOTO_TOO_DARK', 'POTENTIAL_MATCH')),
					recovery_suggestion: maybe(fc.string({ maxLength: 8 })),
				},
				{ requiredKeys: [] },
			),
		),
		breakdown: maybe(fc.array(maybe(row), { maxLength: 6 })),
		watchlist_summary: maybe(fc.record({ total_hits: maybe(fc.oneof(fc.nat(), fc.string({ maxLength: 3 }))) }, { requiredKeys: [] })),
	},
	{ requiredKeys: [] },
);
const check = fc.record(
	{
		id: maybe(fc.uuid()),
		type: maybe(fc.constantFrom('ID_DOCUMENT_AUTHENTICITY', 'LIVENESS', 'WATCHLIST_SCREENING', 'WATCHLIST_ADVANCED_CA', 'someUnknownCheck')),
		state: maybe(fc.constantFrom('CREATED', 'PENDING', 'READY', 'DONE')),
		created: maybe(fc.string({ maxLength: 8 })),
		last_updated: maybe(fc.string({ maxLength: 8 })),
		resources_used: maybe(fc.array(maybe(fc.uuid()), { maxLength: 3 })),
		report: maybe(report),
		extra: fc.anything(),
	},
	{ requiredKeys: [] },
);
const scheme = fc.record(
	{
		scheme: maybe(fc.record({ type: maybe(fc.constantFrom('DBS', 'RTW', 'RTR')), objective: maybe(fc.constantFrom('STANDARD', 'BASIC')) }, { requiredKeys: [] })),
		requirements_met: maybe(fc.oneof(fc.boolean(), fc.constant('false'))),
	},
	{ requiredKeys: [] },
);
/** A basic or advanced identity profile: schemes directly (basic) or grouped under compliance[] (advanced). */
const profile = fc.record(
	{
		result: maybe(fc.constantFrom('DONE', 'ABORTED', 'FAIL')),
		failure_reason: maybe(
			fc.record(
				{
					reason_code: maybe(fc.constantFrom('FRAUD_DETECTED', 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED')),
					requirements_not_met_details: maybe(fc.array(maybe(fc.record({ failure_type: maybe(fc.string({ maxLength: 4 })), details: maybe(fc.string({ maxLength: 4 })) }, { requiredKeys: [] })), { maxLength: 3 })),
				},
				{ requiredKeys: [] },
			),
		),
		identity_profile_report: maybe(
			fc.record(
				{
					schemes_compliance: maybe(fc.array(maybe(scheme), { maxLength: 3 })),
					compliance: maybe(fc.array(maybe(fc.record({ trust_framework: maybe(fc.constant('UK_TFIDA')), schemes_compliance: maybe(fc.array(maybe(scheme), { maxLength: 3 })) }, { requiredKeys: [] })), { maxLength: 2 })),
				},
				{ requiredKeys: [] },
			),
		),
	},
	{ requiredKeys: [] },
);
const session = fc.record(
	{
		session_id: maybe(fc.uuid()),
		state: maybe(fc.constantFrom('ONGOING', 'COMPLETED', 'EXPIRED')),
		user_tracking_id: maybe(fc.string({ maxLength: 8 })),
		checks: maybe(fc.array(maybe(check), { maxLength: 6 })),
		identity_profile: maybe(profile),
		advanced_identity_profile: maybe(profile),
		resources: maybe(fc.record({ id_documents: maybe(fc.array(fc.anything(), { maxLength: 3 })) }, { requiredKeys: [] })),
	},
	{ requiredKeys: [] },
);

/** The invariants every session's outputs keep, whatever went in. */
function assertInvariants(input: unknown): void {
	const checks = flattenChecks(input);
	const rows = flattenSubChecks(input);
	const summary = summarizeSession(input);

	for (const item of checks) {
		if (!isFlat(item)) throw new Error(`check item not flat: ${JSON.stringify(item)}`);
		for (const key of FIXED_CHECK_KEYS) if (!(key in item)) throw new Error(`missing ${key}`);
		if (item.sub_checks_failed !== item.failed_sub_checks.length) throw new Error('sub_checks_failed != failed_sub_checks.length');
		if (item.sub_checks_failed > item.sub_checks_total) throw new Error('more failed than total');
		if (item.approved !== (item.recommendation === 'APPROVE')) throw new Error('approved mismatch');
		for (const key of Object.keys(item)) {
			if (!FIXED_CHECK_KEYS.includes(key) && !LATER_CHECK_KEYS.includes(key) && !key.startsWith('breakdown_')) {
				throw new Error(`unexpected key ${key}`);
			}
			if (key.startsWith('breakdown_') && !/^breakdown_[a-z0-9_]+$/.test(key)) throw new Error(`bad key ${key}`);
		}
		if (!Array.isArray(item.generated_media_ids)) throw new Error('generated_media_ids not a list');
		const watchlistKeys = LATER_CHECK_KEYS.filter((key) => key.startsWith('watchlist_') && key in item);
		if (watchlistKeys.length !== 0 && watchlistKeys.length !== 4) throw new Error('watchlist fields only partly set');
		if ('watchlist_total_hits' in item && item.watchlist_total_hits !== null && typeof item.watchlist_total_hits !== 'number') {
			throw new Error('watchlist_total_hits not a number');
		}
	}
	for (const item of rows) {
		if (!isFlat(item)) throw new Error(`sub-check item not flat: ${JSON.stringify(item)}`);
		if (typeof item.sub_check !== 'string' || item.sub_check.trim() === '') throw new Error('sub-check without a name');
	}
	const totalRows = checks.reduce((sum, item) => sum + item.sub_checks_total, 0);
	if (rows.length !== totalRows) throw new Error('sub-check rows != sum of sub_checks_total');

	if (!isFlat(summary)) throw new Error('summary not flat');
	if (!DECISIONS.includes(summary.decision)) throw new Error(`decision ${summary.decision}`);
	if (summary.checks_total !== checks.length) throw new Error('checks_total != check items');
	if (summary.checks_done > summary.checks_total) throw new Error('done > total');
	if (summary.checks_approved + summary.checks_rejected + summary.checks_not_available > summary.checks_total) {
		throw new Error('recommendation counts exceed total');
	}
	if ((summary.decision === 'REJECT') !== summary.checks_rejected > 0) throw new Error('REJECT iff a rejection');
	if (summary.decision === 'APPROVE' && (summary.checks_approved !== summary.checks_total || summary.checks_done !== summary.checks_total)) {
		throw new Error('APPROVE without every check DONE + APPROVE');
	}
	const fraud = summary.identity_profile_failure_reason === 'FRAUD_DETECTED';
	const profileUnmet =
		summary.identity_profile_failure_reason !== null ||
		summary.identity_profile_requirements_not_met.length > 0 ||
		summary.identity_profile_schemes_not_met.length > 0;
	if (summary.checks_total === 0 && summary.identity_profile_result === null && !profileUnmet && !['PENDING', 'EXPIRED'].includes(summary.decision)) {
		throw new Error('no checks, no profile result and nothing unmet must be PENDING or EXPIRED');
	}
	if (summary.decision === 'APPROVE' && (profileUnmet || (summary.identity_profile_source !== null && summary.identity_profile_result !== 'DONE'))) {
		throw new Error('APPROVE while the deciding identity profile is not DONE and clean');
	}
	if (summary.identity_profile_source === null && (summary.identity_profile_result !== null || profileUnmet)) {
		throw new Error('identity_profile_source null although profile fields are set');
	}
	if (summary.decision === 'APPROVE' && summary.session_state !== 'COMPLETED') throw new Error('APPROVE on a session that is not COMPLETED');
	if (summary.decision === 'EXPIRED' && summary.session_state !== 'EXPIRED') throw new Error('EXPIRED on a session that is not EXPIRED');
	if (summary.checks_rejected === 0 && (summary.decision === 'REVIEW') !== (summary.checks_review > 0 || fraud)) {
		throw new Error('REVIEW iff a check needs review or the profile flags fraud');
	}
	if (!summary.identity_profile_requirements_not_met.every((value) => typeof value === 'string')) throw new Error('requirements not strings');
	if (!summary.identity_profile_schemes_not_met.every((value) => typeof value === 'string')) throw new Error('schemes not strings');
	if (summary.checks_review !== summary.review_check_types.length && summary.review_check_types.length > summary.checks_review) {
		throw new Error('more review types than review checks');
	}

	for (const mode of ['checks', 'subChecks', 'summary'] as const) JSON.stringify(sessionItems(input, mode));
	const raw = sessionItems(input, 'raw');
	if (raw.length !== 1 || typeof raw[0] !== 'object' || raw[0] === null || Array.isArray(raw[0])) throw new Error('raw not one object');
	for (const document of identityDocuments(input)) {
		if (Object.keys(document).length !== 5) throw new Error('identity document shape');
	}
}

const RUNS = { numRuns: 10000 };

test('fc.anything(): nothing throws, invariants hold', () => {
	fc.assert(
		fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }), (value) => {
			assertInvariants(value);
			assertInvariants({ checks: [value] });
			assertInvariants({ checks: [{ report: value }] });
			assertInvariants({ checks: [{ report: { breakdown: [value] } }] });
		}),
		RUNS,
	);
});

test('structured sessions with random nulls and wrong kinds: invariants hold', () => {
	fc.assert(fc.property(session, (value) => assertInvariants(value)), RUNS);
});

test('structured sessions survive a JSON round trip unchanged in meaning', () => {
	fc.assert(
		fc.property(session, (value) => {
			const text = JSON.stringify(value);
			if (text === undefined) return;
			expect(summarizeSession(JSON.parse(text)).decision).toBe(summarizeSession(value).decision);
		}),
		{ numRuns: 2000 },
	);
});

test('the other flatteners never throw and stay flat', () => {
	fc.assert(
		fc.property(fc.anything({ withNullPrototype: true }), (value) => {
			for (const item of flattenConfiguration(value)) if (!isFlat(item)) throw new Error('configuration');
			for (const item of flattenConfiguration({ capture: { required_resources: [value] } })) if (!isFlat(item)) throw new Error('configuration');
			for (const item of flattenSupportedDocuments(value)) if (!isFlat(item)) throw new Error('supported');
			for (const item of flattenSupportedDocuments({ supported_countries: [value] })) if (!isFlat(item)) throw new Error('supported');
			for (const item of flattenTrackedDevices('s', [value, { device: value }])) {
				if (!isFlat(item)) throw new Error(`devices ${JSON.stringify(item)}`);
				if (item.session_id !== 's') throw new Error('session_id overwritten');
			}
			for (const field of Object.values(flattenDocumentFields(value))) {
				const ok =
					field === null ||
					['string', 'number', 'boolean'].includes(typeof field) ||
					(Array.isArray(field) && field.every((element) => element === null || ['string', 'number', 'boolean'].includes(typeof element)));
				if (!ok) throw new Error('document field not flat');
			}
		}),
		RUNS,
	);
});
