/* eslint-disable */
// The summary's decision ladder (contract "Summary item"): REJECT > REVIEW > NOT_AVAILABLE >
// APPROVE > EXPIRED > PENDING, each rule on a session built from Yoti's documented shapes
// (the official SDKs' fixtures in ../shared/conformance/sdk-fixtures). Expected values are
// read off the fixture files by hand.
import { parseJsonText, sessionItems, summarizeSession } from '../../nodes/Yoti/core';
import { fixtureBytes } from './helpers';

const load = (name: string): any => parseJsonText(fixtureBytes(name));
/** A deep copy to edit: each case changes only what it says. */
const copy = (name: string): any => JSON.parse(JSON.stringify(load(name)));
const checkOfType = (session: any, type: string) => session.checks.find((check: any) => check.type === type);

const WATCHLIST_CA = 'go-watchlist_advanced_ca_profile_custom.json';
const WATCHLIST = 'go-watchlist_screening.json';
const PROFILE = 'go-GetSessionResultWithIdentityProfile.json';
const ADVANCED_PROFILE = 'go-GetSessionResultWithAdvancedIdentityProfile.json';

describe('REVIEW: a CONSIDER recommendation (a potential watchlist match) on a COMPLETED session', () => {
	const summary = summarizeSession(load(WATCHLIST_CA));

	test('is REVIEW, never PENDING, and counted in checks_review / review_check_types', () => {
		expect(summary).toEqual({
			session_id: 'a3819be3-df1f-4d8c-9161-abfe1b19d9e8',
			decision: 'REVIEW',
			session_state: 'COMPLETED',
			user_tracking_id: null,
			checks_total: 3,
			checks_done: 3,
			checks_approved: 2,
			checks_rejected: 0,
			checks_not_available: 0,
			checks_review: 1,
			rejected_check_types: [],
			review_check_types: ['WATCHLIST_ADVANCED_CA'],
			not_available_reasons: [],
			identity_profile_result: null,
			identity_profile_failure_reason: null,
			identity_profile_requirements_not_met: [],
			identity_profile_schemes_not_met: [],
			identity_profile_source: null,
		});
	});

	test('summary items start with session_id, decision', () => {
		expect(Object.keys(summary).slice(0, 2)).toEqual(['session_id', 'decision']);
	});

	test('REVIEW outranks NOT_AVAILABLE', () => {
		const session = copy(WATCHLIST_CA);
		checkOfType(session, 'ID_DOCUMENT_AUTHENTICITY').report.recommendation = { value: 'NOT_AVAILABLE', reason: 'PICTURE_TOO_DARK' };
		expect(summarizeSession(session)).toMatchObject({ decision: 'REVIEW', checks_not_available: 1, not_available_reasons: ['PICTURE_TOO_DARK'] });
	});

	test('any value other than APPROVE / REJECT / NOT_AVAILABLE needs a person, even while ONGOING', () => {
		const session = copy(WATCHLIST_CA);
		session.state = 'ONGOING';
		checkOfType(session, 'ID_DOCUMENT_TEXT_DATA_CHECK').report.recommendation = { value: 'SOMETHING_NEW' };
		expect(summarizeSession(session)).toMatchObject({
			decision: 'REVIEW',
			checks_review: 2,
			review_check_types: ['ID_DOCUMENT_TEXT_DATA_CHECK', 'WATCHLIST_ADVANCED_CA'],
		});
	});
});

describe('REJECT comes first', () => {
	test('REJECT beside CONSIDER', () => {
		const session = copy(WATCHLIST_CA);
		checkOfType(session, 'ID_DOCUMENT_AUTHENTICITY').report.recommendation = { value: 'REJECT', reason: 'NOT_GENUINE' };
		expect(summarizeSession(session)).toMatchObject({
			decision: 'REJECT',
			checks_rejected: 1,
			rejected_check_types: ['ID_DOCUMENT_AUTHENTICITY'],
			checks_review: 1,
			review_check_types: ['WATCHLIST_ADVANCED_CA'],
		});
	});

	test('REJECT on an ONGOING session (php-session.json: approve, not-available and reject side by side)', () => {
		expect(summarizeSession(load('php-session.json'))).toMatchObject({
			decision: 'REJECT',
			session_state: 'ONGOING',
			checks_not_available: 1,
			checks_rejected: 1,
			checks_review: 0,
		});
	});

	test('REJECT beside a FRAUD_DETECTED identity profile', () => {
		const session = copy(WATCHLIST_CA);
		checkOfType(session, 'WATCHLIST_ADVANCED_CA').report.recommendation = { value: 'REJECT' };
		session.identity_profile = { result: 'DONE', failure_reason: { reason_code: 'FRAUD_DETECTED' } };
		expect(summarizeSession(session).decision).toBe('REJECT');
	});
});

describe('identity profiles (UK DBS / RTW schemes)', () => {
	// The Go fixtures' profiles are DONE *and* carry failure_reason MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED
	// with one requirements_not_met_details entry: Yoti returned a profile but could not meet the scheme.
	test('identity_profile DONE with a failure reason, no checks, COMPLETED -> NOT_AVAILABLE, never APPROVE', () => {
		expect(summarizeSession(load(PROFILE))).toEqual({
			session_id: 'a1746488-efcc-4c59-bd28-f849dcb933a2',
			decision: 'NOT_AVAILABLE',
			session_state: 'COMPLETED',
			user_tracking_id: 'user-tracking-id',
			checks_total: 0,
			checks_done: 0,
			checks_approved: 0,
			checks_rejected: 0,
			checks_not_available: 0,
			checks_review: 0,
			rejected_check_types: [],
			review_check_types: [],
			not_available_reasons: [],
			identity_profile_result: 'DONE',
			identity_profile_failure_reason: 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED',
			identity_profile_requirements_not_met: ['ID_DOCUMENT_AUTHENTICITY'],
			identity_profile_schemes_not_met: [],
			identity_profile_source: 'identity_profile',
		});
	});

	test('advanced_identity_profile is read the same way', () => {
		expect(summarizeSession(load(ADVANCED_PROFILE))).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_result: 'DONE',
			identity_profile_failure_reason: 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED',
			identity_profile_requirements_not_met: ['ID_DOCUMENT_AUTHENTICITY'],
			identity_profile_schemes_not_met: [],
			identity_profile_source: 'advanced_identity_profile',
		});
	});

	test('a failure reason without requirements_not_met_details (the .NET fixtures, with a BOM) -> [] and still NOT_AVAILABLE', () => {
		const cases: Array<[string, string]> = [
			['dotnet-GetSessionResultWithIdentityProfile.json', 'identity_profile'],
			['dotnet-GetSessionResultWithAdvancedIdentityProfile.json', 'advanced_identity_profile'],
		];
		for (const [name, source] of cases) {
			expect(summarizeSession(load(name))).toMatchObject({
				decision: 'NOT_AVAILABLE',
				identity_profile_result: 'DONE',
				identity_profile_failure_reason: 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED',
				identity_profile_requirements_not_met: [],
				identity_profile_schemes_not_met: [],
				identity_profile_source: source,
			});
		}
	});

	test('a clean DONE profile (no failure reason, every scheme met) on a COMPLETED session -> APPROVE', () => {
		const session = copy(PROFILE);
		delete session.identity_profile.failure_reason;
		expect(summarizeSession(session)).toMatchObject({
			decision: 'APPROVE',
			identity_profile_failure_reason: null,
			identity_profile_requirements_not_met: [],
			identity_profile_schemes_not_met: [],
			identity_profile_source: 'identity_profile',
		});
		const advanced = copy(ADVANCED_PROFILE);
		delete advanced.advanced_identity_profile.failure_reason;
		expect(summarizeSession(advanced).decision).toBe('APPROVE');
	});

	test('DONE, no failure reason, but a scheme with requirements_met false -> NOT_AVAILABLE, scheme listed as type:objective', () => {
		const session = copy(PROFILE);
		delete session.identity_profile.failure_reason;
		session.identity_profile.identity_profile_report.schemes_compliance.push(
			{ scheme: { type: 'RTW' }, requirements_met: false, requirements_not_met_info: 'no share code' },
			{ scheme: { type: 'DBS', objective: 'BASIC' }, requirements_met: false },
		);
		expect(summarizeSession(session)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_failure_reason: null,
			identity_profile_schemes_not_met: ['RTW', 'DBS:BASIC'],
		});
	});

	test('advanced: an unmet scheme inside compliance[].schemes_compliance[] -> NOT_AVAILABLE', () => {
		const session = copy(ADVANCED_PROFILE);
		delete session.advanced_identity_profile.failure_reason;
		session.advanced_identity_profile.identity_profile_report.compliance[0].schemes_compliance[0].requirements_met = false;
		expect(summarizeSession(session)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_schemes_not_met: ['DBS:STANDARD'],
			identity_profile_source: 'advanced_identity_profile',
		});
	});

	test('requirements_met missing or not a boolean is not read as unmet', () => {
		const session = copy(PROFILE);
		delete session.identity_profile.failure_reason;
		session.identity_profile.identity_profile_report.schemes_compliance = [{ scheme: { type: 'DBS' } }, { scheme: { type: 'RTW' }, requirements_met: 'false' }];
		expect(summarizeSession(session)).toMatchObject({ decision: 'APPROVE', identity_profile_schemes_not_met: [] });
	});

	test('requirements_not_met lists failure_type, else details', () => {
		const session = copy(PROFILE);
		const details = session.identity_profile.failure_reason.requirements_not_met_details;
		details.push({ document_type: 'PASSPORT', details: 'EXPIRED_DOCUMENT' }, { audit_id: 'x' }, 'not an object');
		expect(summarizeSession(session).identity_profile_requirements_not_met).toEqual(['ID_DOCUMENT_AUTHENTICITY', 'EXPIRED_DOCUMENT']);
	});

	test('a profile whose result is not DONE (FAIL, ABORTED) -> NOT_AVAILABLE', () => {
		for (const result of ['FAIL', 'ABORTED']) {
			const session = copy(PROFILE);
			session.identity_profile.result = result;
			expect(summarizeSession(session)).toMatchObject({ decision: 'NOT_AVAILABLE', identity_profile_result: result });
		}
		const advanced = copy(ADVANCED_PROFILE);
		advanced.advanced_identity_profile.result = 'ABORTED';
		expect(summarizeSession(advanced).decision).toBe('NOT_AVAILABLE');
	});

	test('an ABORTED profile beside approved checks -> NOT_AVAILABLE, not APPROVE', () => {
		const session = copy(WATCHLIST);
		session.identity_profile = { result: 'ABORTED', failure_reason: { reason_code: 'SESSION_EXPIRED' } };
		expect(summarizeSession(session)).toMatchObject({ decision: 'NOT_AVAILABLE', checks_approved: 1, identity_profile_failure_reason: 'SESSION_EXPIRED' });
	});

	test('FRAUD_DETECTED beside approved checks -> REVIEW (outranks the profile result)', () => {
		const session = copy(WATCHLIST);
		session.identity_profile = { result: 'DONE', failure_reason: { reason_code: 'FRAUD_DETECTED' } };
		expect(summarizeSession(session)).toMatchObject({ decision: 'REVIEW', checks_review: 0, identity_profile_failure_reason: 'FRAUD_DETECTED' });
		session.identity_profile.result = 'FAIL';
		expect(summarizeSession(session).decision).toBe('REVIEW');
	});

	test('a profile without a result yet blocks APPROVE but is not NOT_AVAILABLE', () => {
		const session = copy(WATCHLIST);
		session.identity_profile = { subject_id: 'someStringHere' };
		expect(summarizeSession(session)).toMatchObject({ decision: 'PENDING', identity_profile_result: null, identity_profile_source: 'identity_profile' });
	});
});

describe('a session holding both profiles: both read, the worse decides', () => {
	const clean = () => {
		const session = copy(PROFILE);
		delete session.identity_profile.failure_reason;
		return session;
	};

	test('basic clean, advanced ABORTED -> NOT_AVAILABLE, the fields describe the advanced one', () => {
		const session = clean();
		session.advanced_identity_profile = { result: 'ABORTED', failure_reason: { reason_code: 'OTHER' } };
		expect(summarizeSession(session)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_result: 'ABORTED',
			identity_profile_failure_reason: 'OTHER',
			identity_profile_source: 'advanced_identity_profile',
		});
	});

	test('basic clean, advanced DONE with an unmet scheme -> NOT_AVAILABLE from the advanced one', () => {
		const session = clean();
		const advanced = copy(ADVANCED_PROFILE).advanced_identity_profile;
		delete advanced.failure_reason;
		advanced.identity_profile_report.compliance[0].schemes_compliance[0].requirements_met = false;
		session.advanced_identity_profile = advanced;
		expect(summarizeSession(session)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_schemes_not_met: ['DBS:STANDARD'],
			identity_profile_source: 'advanced_identity_profile',
		});
	});

	test('advanced FRAUD_DETECTED beats a basic NOT_AVAILABLE -> REVIEW', () => {
		const session = copy(PROFILE);
		session.advanced_identity_profile = { result: 'DONE', failure_reason: { reason_code: 'FRAUD_DETECTED' } };
		expect(summarizeSession(session)).toMatchObject({ decision: 'REVIEW', identity_profile_failure_reason: 'FRAUD_DETECTED', identity_profile_source: 'advanced_identity_profile' });
	});

	test('both clean -> APPROVE, the basic one described (equal: the basic one)', () => {
		const session = clean();
		const advanced = copy(ADVANCED_PROFILE).advanced_identity_profile;
		delete advanced.failure_reason;
		session.advanced_identity_profile = advanced;
		expect(summarizeSession(session)).toMatchObject({ decision: 'APPROVE', identity_profile_source: 'identity_profile' });
	});

	test('both NOT_AVAILABLE -> the basic one described', () => {
		const session = copy(PROFILE);
		session.advanced_identity_profile = { result: 'ABORTED', failure_reason: { reason_code: 'OTHER' } };
		expect(summarizeSession(session)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_failure_reason: 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED',
			identity_profile_source: 'identity_profile',
		});
	});

	test('basic clean, advanced still running -> PENDING, the running one described', () => {
		const session = clean();
		session.advanced_identity_profile = { subject_id: 'x' };
		expect(summarizeSession(session)).toMatchObject({ decision: 'PENDING', identity_profile_result: null, identity_profile_source: 'advanced_identity_profile' });
	});
});

describe('APPROVE only on a COMPLETED session with everything DONE + APPROVE', () => {
	test('go-watchlist_screening.json: COMPLETED, one approved watchlist check -> APPROVE', () => {
		expect(summarizeSession(load(WATCHLIST))).toMatchObject({ decision: 'APPROVE', checks_total: 1, checks_approved: 1, checks_review: 0 });
	});

	test('ONGOING with every check approved -> PENDING (Yoti may still create checks)', () => {
		const session = copy(WATCHLIST);
		session.state = 'ONGOING';
		expect(summarizeSession(session).decision).toBe('PENDING');
	});

	test('COMPLETED with a check not DONE -> PENDING', () => {
		const session = copy(WATCHLIST);
		session.checks[0].state = 'PENDING';
		expect(summarizeSession(session).decision).toBe('PENDING');
	});

	test('COMPLETED with no checks and no identity profile -> PENDING', () => {
		const session = copy(WATCHLIST);
		session.checks = [];
		expect(summarizeSession(session).decision).toBe('PENDING');
	});
});

describe('EXPIRED: the user never finished', () => {
	test('EXPIRED with approved checks -> EXPIRED, not APPROVE', () => {
		const session = copy(WATCHLIST);
		session.state = 'EXPIRED';
		expect(summarizeSession(session)).toMatchObject({ decision: 'EXPIRED', checks_approved: 1 });
	});

	test('EXPIRED with no checks -> EXPIRED; a rejection on an expired session still REJECT', () => {
		const empty = copy(WATCHLIST);
		empty.state = 'EXPIRED';
		empty.checks = [];
		expect(summarizeSession(empty).decision).toBe('EXPIRED');
		const rejected = copy(WATCHLIST);
		rejected.state = 'EXPIRED';
		rejected.checks[0].report.recommendation = { value: 'REJECT' };
		expect(summarizeSession(rejected).decision).toBe('REJECT');
	});
});

test('summary output mode carries the same fields', () => {
	expect(sessionItems(load(WATCHLIST_CA), 'summary')).toEqual([summarizeSession(load(WATCHLIST_CA))]);
});
