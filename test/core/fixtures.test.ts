/* eslint-disable */
// Flattening over the official SDKs' own fixtures (../shared/conformance/sdk-fixtures).
// Expected values are read off the fixture files by hand.
import * as fs from 'fs';
import {
	flattenChecks,
	flattenDocumentFields,
	flattenSubChecks,
	flattenSupportedDocuments,
	identityDocuments,
	identityProfileResult,
	parseJsonText,
	sessionItems,
	summarizeSession,
} from '../../nodes/Yoti/core';
import { FIXTURES, fixtureBytes, isFlat } from './helpers';

const covered = new Set<string>();
function load(name: string): unknown {
	covered.add(name);
	return parseJsonText(fixtureBytes(name));
}

describe('php-session.json: approve, not-available and reject side by side', () => {
	const session = load('php-session.json');
	const checks = flattenChecks(session);

	test('five checks with session fields repeated on each', () => {
		expect(checks.map((check) => [check.check_type, check.recommendation])).toEqual([
			['ID_DOCUMENT_AUTHENTICITY', 'APPROVE'],
			['ID_DOCUMENT_AUTHENTICITY', 'NOT_AVAILABLE'],
			['ID_DOCUMENT_AUTHENTICITY', 'REJECT'],
			['ID_DOCUMENT_TEXT_DATA_CHECK', 'APPROVE'],
			['LIVENESS', 'APPROVE'],
		]);
		for (const check of checks) {
			expect(check).toMatchObject({ session_id: '<uuid>', session_state: 'ONGOING', user_tracking_id: '<uuid>' });
			expect('watchlist_total_hits' in check).toBe(false);
		}
	});

	test('the approved check', () => {
		expect(checks[0]).toEqual({
			session_id: '<uuid>',
			session_state: 'ONGOING',
			user_tracking_id: '<uuid>',
			check_id: '<uuid>',
			check_type: 'ID_DOCUMENT_AUTHENTICITY',
			check_state: 'DONE',
			check_created: '2019-03-24T03:55:12Z',
			check_last_updated: '2019-03-24T03:55:12Z',
			recommendation: 'APPROVE',
			recommendation_reason: null,
			recovery_suggestion: null,
			approved: true,
			sub_checks_total: 7,
			sub_checks_failed: 0,
			failed_sub_checks: [],
			resources_used: ['<uuid>'],
			breakdown_security_features: 'PASS',
			breakdown_data_positioning: 'PASS',
			breakdown_live_photo: 'PASS',
			breakdown_issuing_authority_verification: 'PASS',
			breakdown_fraud_list: 'PASS',
			breakdown_document_in_date: 'PASS',
			breakdown_check_digits_validation: 'PASS',
			generated_media_ids: [],
		});
	});

	test('the not-available and the rejected check', () => {
		expect(checks[1]).toMatchObject({
			recommendation_reason: 'PICTURE_TOO_DARK',
			recovery_suggestion: 'BETTER_LIGHTING',
			approved: false,
			sub_checks_total: 1,
			sub_checks_failed: 0,
		});
		expect(checks[2]).toMatchObject({
			recommendation_reason: 'NOT_GENUINE',
			recovery_suggestion: null,
			approved: false,
			sub_checks_total: 6,
			sub_checks_failed: 3,
			failed_sub_checks: ['security_features', 'data_positioning', 'issuing_authority_verification'],
			breakdown_security_features: 'FAIL',
			breakdown_live_photo: 'PASS',
		});
	});

	test('summary: REJECT wins over NOT_AVAILABLE', () => {
		expect(summarizeSession(session)).toEqual({
			session_id: '<uuid>',
			session_state: 'ONGOING',
			user_tracking_id: '<uuid>',
			decision: 'REJECT',
			checks_total: 5,
			checks_done: 5,
			checks_approved: 3,
			checks_rejected: 1,
			checks_not_available: 1,
			checks_review: 0,
			rejected_check_types: ['ID_DOCUMENT_AUTHENTICITY'],
			review_check_types: [],
			not_available_reasons: ['PICTURE_TOO_DARK'],
			identity_profile_result: null,
			identity_profile_failure_reason: null,
			identity_profile_requirements_not_met: [],
			identity_profile_schemes_not_met: [],
			identity_profile_source: null,
		});
	});

	test('sub-checks: 7 + 1 + 6 + 1 + 2 rows', () => {
		const rows = flattenSubChecks(session);
		expect(rows).toHaveLength(17);
		expect(rows[8]).toEqual({
			session_id: '<uuid>',
			check_id: '<uuid>',
			check_type: 'ID_DOCUMENT_AUTHENTICITY',
			check_state: 'DONE',
			recommendation: 'REJECT',
			sub_check: 'security_features',
			result: 'FAIL',
			process: null,
		});
	});

	test('identity documents: placeholder media IDs are not usable', () => {
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: '<uuid>',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
		]);
	});
});

describe('py-response_get_docs_scan_session.json: a clean approval', () => {
	const session = load('py-response_get_docs_scan_session.json');

	test('three approved checks, the face match with its confidence score', () => {
		const checks = flattenChecks(session);
		expect(checks.map((check) => check.check_type)).toEqual(['ID_DOCUMENT_AUTHENTICITY', 'LIVENESS', 'ID_DOCUMENT_FACE_MATCH']);
		expect(checks[0]).toMatchObject({ sub_checks_total: 8, breakdown_hologram_movement: 'PASS', session_state: 'COMPLETED' });
		expect(checks[2]).toMatchObject({
			resources_used: ['<uuid>', '<uuid>'],
			breakdown_manual_face_match: 'PASS',
			breakdown_ai_face_match: 'PASS',
			breakdown_ai_face_match_confidence_score: '1.00',
			approved: true,
		});
	});

	test('summary APPROVE', () => {
		expect(summarizeSession(session)).toMatchObject({
			decision: 'APPROVE',
			checks_total: 3,
			checks_done: 3,
			checks_approved: 3,
			rejected_check_types: [],
			not_available_reasons: [],
		});
	});

	test('sub-checks carry detail_<name>', () => {
		const rows = flattenSubChecks(session);
		expect(rows).toHaveLength(11);
		expect(rows[10]).toMatchObject({ sub_check: 'ai_face_match', detail_confidence_score: '1.00', check_type: 'ID_DOCUMENT_FACE_MATCH' });
	});

	test('one driving licence', () => {
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: '<uuid>',
				document_type: 'DRIVING_LICENCE',
				issuing_country: 'GBR',
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
		]);
	});
});

describe('go-watchlist_screening.json', () => {
	const session = load('go-watchlist_screening.json');

	test('one watchlist check with zero hits', () => {
		expect(flattenChecks(session)).toEqual([
			{
				session_id: 'd7445779-5e70-4a27-8fec-dd7835106e88',
				session_state: 'COMPLETED',
				user_tracking_id: null,
				check_id: '8f4a89a1-4614-47ab-9506-2c82352b66d2',
				check_type: 'WATCHLIST_SCREENING',
				check_state: 'DONE',
				check_created: '2021-07-20T15:15:54Z',
				check_last_updated: '2021-07-20T15:15:55Z',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 5,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: ['20deead7-4cb6-4921-a56c-ea10fa0a5595'],
				breakdown_adverse_media: 'PASS',
				breakdown_fitness_probity: 'PASS',
				breakdown_pep: 'PASS',
				breakdown_sanction: 'PASS',
				breakdown_warning: 'PASS',
				watchlist_total_hits: 0,
				watchlist_raw_results_media_id: 'b0fb459c-f573-4205-9847-5ab72301325c',
				watchlist_associated_country_codes: ['GBR'],
				watchlist_search_type: null,
				generated_media_ids: ['2f5bbedd-cc1b-4d9f-a424-90bb5ee0fc99'],
			},
		]);
		expect(summarizeSession(session).decision).toBe('APPROVE');
	});

	test('the passport with real media IDs', () => {
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: '20deead7-4cb6-4921-a56c-ea10fa0a5595',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				document_fields_media_id: 'cfd85b6d-e78f-4c14-994c-78ad0671312d',
				document_id_photo_media_id: 'd8f8051e-c5d7-4334-b5af-6b9a07fdb38c',
			},
		]);
	});
});

describe('go-watchlist_advanced_ca_profile_custom.json: a CONSIDER recommendation', () => {
	const session = load('go-watchlist_advanced_ca_profile_custom.json');
	const checks = flattenChecks(session);

	test('the advanced CA check: every row failed, details and hits flattened', () => {
		expect(checks).toHaveLength(3);
		expect(checks[2]).toMatchObject({
			check_id: '06e661c5-0e24-44ed-8f6c-8b99807efc12',
			check_type: 'WATCHLIST_ADVANCED_CA',
			recommendation: 'CONSIDER',
			recommendation_reason: 'POTENTIAL_MATCH',
			approved: false,
			sub_checks_total: 5,
			sub_checks_failed: 5,
			failed_sub_checks: ['adverse_media', 'custom_search', 'fitness_probity', 'pep', 'warning'],
			breakdown_adverse_media: 'FAIL',
			breakdown_adverse_media_number_of_hits: '251',
			breakdown_adverse_media_closest_match: 'name_exact,year_of_birth',
			breakdown_custom_search: 'FAIL',
			breakdown_fitness_probity_number_of_hits: '3',
			breakdown_fitness_probity_closest_match: 'name_exact',
			breakdown_pep_number_of_hits: '13',
			breakdown_warning_number_of_hits: '9',
			watchlist_total_hits: 100,
		});
		expect('watchlist_total_hits' in checks[0]).toBe(false);
		expect('watchlist_total_hits' in checks[1]).toBe(false);
	});

	test('CONSIDER is neither reject nor not-available, and not an approval: REVIEW (a person has to look)', () => {
		expect(summarizeSession(session)).toMatchObject({
			decision: 'REVIEW',
			checks_review: 1,
			review_check_types: ['WATCHLIST_ADVANCED_CA'],
			checks_total: 3,
			checks_done: 3,
			checks_approved: 2,
			checks_rejected: 0,
			checks_not_available: 0,
		});
	});

	test('the search config (with its api_key) is never copied into flattened output', () => {
		for (const mode of ['checks', 'subChecks', 'summary'] as const) {
			expect(JSON.stringify(sessionItems(session, mode))).not.toContain('gQ2vf0STnF5nGy9SSdyuGJuYMFfNASmV');
		}
	});

	test('sub-check rows with details', () => {
		const rows = flattenSubChecks(session);
		expect(rows).toHaveLength(9);
		expect(rows[4]).toEqual({
			session_id: 'a3819be3-df1f-4d8c-9161-abfe1b19d9e8',
			check_id: '06e661c5-0e24-44ed-8f6c-8b99807efc12',
			check_type: 'WATCHLIST_ADVANCED_CA',
			check_state: 'DONE',
			recommendation: 'CONSIDER',
			sub_check: 'adverse_media',
			result: 'FAIL',
			process: null,
			detail_number_of_hits: '251',
			detail_closest_match: 'name_exact,year_of_birth',
		});
		expect(rows[5]).toEqual(expect.objectContaining({ sub_check: 'custom_search' }));
		expect(Object.keys(rows[5]).filter((key) => key.startsWith('detail_'))).toEqual([]);
	});

	test('identity document', () => {
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: 'd99241db-243f-472d-84a2-d956b87db5f8',
				document_type: 'DRIVING_LICENCE',
				issuing_country: 'GBR',
				document_fields_media_id: 'b5cae0f3-ae43-41d3-b8a7-1b0d363938ef',
				document_id_photo_media_id: 'ee3f9895-0552-4e16-ad9a-914e2f676c10',
			},
		]);
	});
});

describe('java-GetSessionResultExample.json: unknown check type, no state, no report', () => {
	const session = load('java-GetSessionResultExample.json');

	test('both checks become items with nulls', () => {
		expect(flattenChecks(session)).toEqual([
			{
				session_id: null,
				session_state: null,
				user_tracking_id: null,
				check_id: 'someUnknownCheckId',
				check_type: 'someUnknownCheck',
				check_state: null,
				check_created: null,
				check_last_updated: null,
				recommendation: null,
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: false,
				sub_checks_total: 0,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [],
				generated_media_ids: [],
			},
			{
				session_id: null,
				session_state: null,
				user_tracking_id: null,
				check_id: 'documentAuthenticityCheckId',
				check_type: 'ID_DOCUMENT_AUTHENTICITY',
				check_state: null,
				check_created: null,
				check_last_updated: null,
				recommendation: null,
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: false,
				sub_checks_total: 0,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [],
				generated_media_ids: [],
			},
		]);
		expect(flattenSubChecks(session)).toEqual([]);
		expect(summarizeSession(session)).toMatchObject({ decision: 'PENDING', checks_total: 2, checks_done: 0 });
	});
});

describe('identity profile fixtures (.NET ones start with a BOM)', () => {
	const cases: Array<[string, 'identity_profile' | 'advanced_identity_profile', string[]]> = [
		['dotnet-GetSessionResultWithIdentityProfile.json', 'identity_profile', []],
		['dotnet-GetSessionResultWithAdvancedIdentityProfile.json', 'advanced_identity_profile', []],
		['go-GetSessionResultWithIdentityProfile.json', 'identity_profile', ['ID_DOCUMENT_AUTHENTICITY']],
		['go-GetSessionResultWithAdvancedIdentityProfile.json', 'advanced_identity_profile', ['ID_DOCUMENT_AUTHENTICITY']],
		['php-sessionResultIdentityProfileResult.json', 'identity_profile', ['someStringHere']],
	];

	test('the .NET files really start with EF BB BF and plain JSON.parse refuses them', () => {
		const bytes = fixtureBytes('dotnet-GetSessionResultWithIdentityProfile.json');
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(() => JSON.parse(bytes.toString('utf8'))).toThrow();
	});

	// Each of these profiles is DONE but carries failure_reason MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED:
	// Yoti returned a profile yet could not meet the scheme, so Yoti could not verify (rule 3).
	test.each(cases)('%s: no checks, profile DONE with a failure reason -> NOT_AVAILABLE', (name, key, requirementsNotMet) => {
		const session = load(name) as Record<string, unknown>;
		expect(key in session).toBe(true);
		expect(flattenChecks(session)).toEqual([]);
		expect(identityProfileResult(session)).toBe('DONE');
		expect(summarizeSession(session)).toEqual({
			session_id: 'a1746488-efcc-4c59-bd28-f849dcb933a2',
			session_state: 'COMPLETED',
			user_tracking_id: 'user-tracking-id',
			decision: 'NOT_AVAILABLE',
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
			identity_profile_requirements_not_met: requirementsNotMet,
			// every scheme in these reports has requirements_met: true
			identity_profile_schemes_not_met: [],
			identity_profile_source: key,
		});
	});

	test('the BOM file also parses from a string', () => {
		const text = fixtureBytes('dotnet-GetSessionResultWithAdvancedIdentityProfile.json').toString('utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(identityProfileResult(parseJsonText(text))).toBe('DONE');
	});
});

describe('payloads that are not session results', () => {
	test.each([
		['php-session-creation.json', 'someSessionId'],
		['py-response_create_docs_scan_session.json', '<uuid2>'],
		['py-session_create_success.json', 'someSessionId'],
		['py-retrieve_session_success.json', 'someSessionId'],
	])('%s: session id only, no checks', (name, sessionId) => {
		const body = load(name);
		expect(flattenChecks(body)).toEqual([]);
		expect(summarizeSession(body)).toMatchObject({ session_id: sessionId, session_state: null, decision: 'PENDING', checks_total: 0 });
	});

	test('py-failed_request.txt: an error body gives no checks', () => {
		const body = load('py-failed_request.txt');
		expect(body).toEqual({ error: 'MALFORMED_REQUEST' });
		expect(flattenChecks(body)).toEqual([]);
		expect(summarizeSession(body).session_id).toBeNull();
	});

	test('py-response_get_docs_scan_media_json.txt: JSON media', () => {
		expect(flattenDocumentFields(load('py-response_get_docs_scan_media_json.txt'))).toEqual({ value: 'example' });
	});

	test('py-supported_documents_success.json: countries without documents give no rows', () => {
		expect(flattenSupportedDocuments(load('py-supported_documents_success.json'))).toEqual([]);
	});

	test('go resource containers: liveness resources only, never checks or documents', () => {
		for (const name of ['go-resource-container.json', 'go-resource-container-static.json']) {
			const resources = load(name);
			expect(flattenChecks({ resources })).toEqual([]);
			expect(identityDocuments({ resources })).toEqual([]);
		}
	});

	test('go-RTWIdentityProfileReport.json flattens as JSON media (nested objects, lists by index)', () => {
		const fields = flattenDocumentFields(load('go-RTWIdentityProfileReport.json'));
		expect(fields).toMatchObject({
			identity_assertion_current_name_full_name: 'JOHN JIM FRED FOO',
			identity_assertion_date_of_birth: '1979-01-01',
			verification_report_trust_framework: 'UK_TFIDA',
			verification_report_schemes_compliance_0_scheme_type: 'RTW',
			verification_report_schemes_compliance_0_requirements_met: true,
			verification_report_assurance_process_assurance_2_evidence_links: [
				'41960172-ca91-487c-8bb3-2c547f80fe54',
				'fb0880ca-5dd5-4776-badb-17549123c50b',
			],
			verification_report_evidence_documents_0_document_fields_document_number: '123456789',
			verification_report_evidence_documents_0_document_fields_mrz_type: 2,
			verification_report_evidence_documents_0_document_fields_mrz_line1: 'P<GBRFOO<<JOHN<JIM<FRED<<<<<<<<<<<<<<<<<<<<<',
			verification_report_evidence_documents_0_passed_checks_1_check: 'AUTOMATED_FACE_MATCH',
			authentication_report_level: 'MEDIUM',
			proof: '<signature provided here>',
		});
		for (const value of Object.values(fields)) {
			expect(value === null || typeof value !== 'object' || Array.isArray(value)).toBe(true);
		}
	});
});

test('every fixture is covered above and flattens to flat items in every mode', () => {
	const all = fs.readdirSync(FIXTURES).filter((name) => name !== 'SOURCES.txt');
	expect(all.filter((name) => !covered.has(name))).toEqual([]);
	for (const name of all) {
		const body = parseJsonText(fixtureBytes(name));
		for (const mode of ['checks', 'subChecks', 'summary'] as const) {
			for (const item of sessionItems(body, mode)) expect(isFlat(item)).toBe(true);
		}
		// raw is the response unchanged but for the echoed watchlist api_key
		const expected = JSON.parse(JSON.stringify(body));
		for (const check of expected.checks ?? []) {
			const searchConfig = check?.report?.watchlist_summary?.search_config;
			if (searchConfig && 'api_key' in searchConfig) searchConfig.api_key = '[redacted]';
		}
		expect(sessionItems(body, 'raw')).toEqual([expected]);
	}
});

test('raw output redacts only the watchlist search_config.api_key and leaves the input untouched', () => {
	const body = load('go-watchlist_advanced_ca_profile_custom.json') as any;
	const [raw] = sessionItems(body, 'raw') as any[];
	expect(raw.checks[2].report.watchlist_summary.search_config).toEqual({
		type: 'WITH_CUSTOM_ACCOUNT',
		remove_deceased: true,
		share_url: true,
		matching_strategy: { type: 'FUZZY', fuzziness: 0.6 },
		sources: { type: 'PROFILE', search_profile: 'b41d82de-9a1d-4494-97a6-8b1b9895a908' },
		api_key: '[redacted]',
		client_ref: '111111',
		monitoring: true,
	});
	expect(JSON.stringify(raw)).not.toContain('gQ2vf0STnF5nGy9SSdyuGJuYMFfNASmV');
	expect(body.checks[2].report.watchlist_summary.search_config.api_key).toBe('gQ2vf0STnF5nGy9SSdyuGJuYMFfNASmV');
	// everything else is the very same objects
	expect(raw.resources).toBe(body.resources);
	expect(raw.checks[0]).toBe(body.checks[0]);
	expect(raw.checks[2].report.breakdown).toBe(body.checks[2].report.breakdown);
	// a session with nothing to hide comes back as it is
	const plain = load('php-session.json');
	expect(sessionItems(plain, 'raw')[0]).toBe(plain);
});
