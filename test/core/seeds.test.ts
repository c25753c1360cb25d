// Flattening over every JSON example in Yoti's doc pages (../shared/seeds). Expected values
// are read off the pages by hand.
import {
	flattenChecks,
	flattenConfiguration,
	flattenDocumentFields,
	flattenSubChecks,
	identityDocuments,
	sessionItems,
	summarizeSession,
} from '../../nodes/Yoti/core';
import { bareObjects, codeBlocks, isFlat, looseJson, seedText } from './helpers';

const SEED_UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

function blocks(prefix: string): unknown[] {
	const page = seedText(prefix);
	const sources = codeBlocks(page);
	return (sources.length > 0 ? sources : bareObjects(page)).map(looseJson);
}

describe('seed 000 — IBV "Retrieve results"', () => {
	const [configuration, session] = blocks('000');

	test('both examples parse', () => {
		expect(configuration).toBeDefined();
		expect(session).toBeDefined();
	});

	test('configuration: one item per required resource, sources and providers', () => {
		expect(flattenConfiguration(configuration)).toEqual([
			{
				session_id: SEED_UUID,
				type: 'ID_DOCUMENT',
				id: SEED_UUID,
				state: 'REQUIRED',
				liveness_type: null,
				allowed_sources: ['END_USER', 'IBV'],
				allowed_providers: ['UK_POST_OFFICE'],
			},
			{
				session_id: SEED_UUID,
				type: 'SUPPLEMENTARY_DOCUMENT',
				id: SEED_UUID,
				state: 'REQUIRED',
				liveness_type: null,
				allowed_sources: [],
				allowed_providers: [],
			},
			{
				session_id: SEED_UUID,
				type: 'LIVENESS',
				id: SEED_UUID,
				state: 'REQUIRED',
				liveness_type: 'ZOOM',
				allowed_sources: [],
				allowed_providers: [],
			},
			{
				session_id: SEED_UUID,
				type: 'FACE_CAPTURE',
				id: SEED_UUID,
				state: 'REQUIRED',
				liveness_type: null,
				allowed_sources: ['END_USER', 'RELYING_BUSINESS', 'IBV'],
				allowed_providers: [],
			},
		]);
	});

	test('ongoing session: two checks without reports', () => {
		const checks = flattenChecks(session);
		expect(checks).toEqual([
			{
				session_id: 'd6f48ec7-b6ff-4b86-b51e-d96c79ad8a13',
				session_state: 'ONGOING',
				user_tracking_id: null,
				check_id: 'd6793869-27ac-478e-b9b1-fdec58291b6b',
				check_type: 'ID_DOCUMENT_AUTHENTICITY',
				check_state: 'READY',
				check_created: '2021-11-23T13:46:30Z',
				check_last_updated: '2021-11-23T13:46:30Z',
				recommendation: null,
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: false,
				sub_checks_total: 0,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: ['5e1c9917-a7a2-4d25-8f42-c0d712e0dfee'],
				generated_media_ids: [],
			},
			{
				session_id: 'd6f48ec7-b6ff-4b86-b51e-d96c79ad8a13',
				session_state: 'ONGOING',
				user_tracking_id: null,
				check_id: '8683a83a-cdfc-45a1-8f85-4b09d4814370',
				check_type: 'ID_DOCUMENT_TEXT_DATA_CHECK',
				check_state: 'PENDING',
				check_created: '2021-11-23T13:46:30Z',
				check_last_updated: '2021-11-23T13:46:30Z',
				recommendation: null,
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: false,
				sub_checks_total: 0,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: ['5e1c9917-a7a2-4d25-8f42-c0d712e0dfee'],
				generated_media_ids: [],
			},
		]);
		expect(flattenSubChecks(session)).toEqual([]);
		expect(summarizeSession(session)).toEqual({
			session_id: 'd6f48ec7-b6ff-4b86-b51e-d96c79ad8a13',
			session_state: 'ONGOING',
			user_tracking_id: null,
			decision: 'PENDING',
			checks_total: 2,
			checks_done: 0,
			checks_approved: 0,
			checks_rejected: 0,
			checks_not_available: 0,
			checks_review: 0,
			rejected_check_types: [],
			review_check_types: [],
			not_available_reasons: [],
			identity_profile_result: null,
			identity_profile_failure_reason: null,
			identity_profile_requirements_not_met: [],
			identity_profile_schemes_not_met: [],
			identity_profile_source: null,
		});
	});

	test('two passports, neither with document fields yet', () => {
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: '5e1c9917-a7a2-4d25-8f42-c0d712e0dfee',
				document_type: 'PASSPORT',
				issuing_country: 'USA',
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
			{
				resource_id: '5f709804-9995-4d98-b8d5-41818c05d9fe',
				document_type: 'PASSPORT',
				issuing_country: 'USA',
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
		]);
	});
});

describe('seed 001 — the same page as plain text (empty resources and checks)', () => {
	const [configuration, session] = blocks('001');

	test('configuration still gives four required resources', () => {
		const items = flattenConfiguration(configuration);
		expect(items.map((item) => item.type)).toEqual(['ID_DOCUMENT', 'SUPPLEMENTARY_DOCUMENT', 'LIVENESS', 'FACE_CAPTURE']);
		expect(items[0].allowed_providers).toEqual(['UK_POST_OFFICE']);
	});

	test('a session with no checks yields no check items and a PENDING summary', () => {
		expect(flattenChecks(session)).toEqual([]);
		expect(sessionItems(session, 'checks')).toEqual([]);
		expect(sessionItems(session, 'subChecks')).toEqual([]);
		expect(sessionItems(session, 'summary')).toEqual([
			{
				session_id: 'd6f48ec7-b6ff-4b86-b51e-d96c79ad8a13',
				session_state: 'ONGOING',
				user_tracking_id: null,
				decision: 'PENDING',
				checks_total: 0,
				checks_done: 0,
				checks_approved: 0,
				checks_rejected: 0,
				checks_not_available: 0,
				checks_review: 0,
				rejected_check_types: [],
				review_check_types: [],
				not_available_reasons: [],
				identity_profile_result: null,
				identity_profile_failure_reason: null,
				identity_profile_requirements_not_met: [],
				identity_profile_schemes_not_met: [],
				identity_profile_source: null,
			},
		]);
		expect(identityDocuments(session)).toEqual([]);
	});
});

describe('seed 003 — Yoti Sign "Get IDV Session Result"', () => {
	const [session] = blocks('003');
	const types = [
		'ID_DOCUMENT_AUTHENTICITY',
		'ID_DOCUMENT_TEXT_DATA_CHECK',
		'LIVENESS',
		'ID_DOCUMENT_FACE_MATCH',
		'ID_DOCUMENT_COMPARISON',
		'THIRD_PARTY_IDENTITY',
		'WATCHLIST_SCREENING',
		'WATCHLIST_ADVANCED_CA',
		'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK',
	];

	test('nine CREATED checks, each approved with one "string" sub-check', () => {
		const checks = flattenChecks(session);
		expect(checks.map((check) => check.check_type)).toEqual(types);
		for (const check of checks) {
			expect(check).toMatchObject({
				session_id: SEED_UUID,
				session_state: 'ONGOING',
				user_tracking_id: 'string',
				check_id: SEED_UUID,
				check_state: 'CREATED',
				check_created: '2021-06-11T11:39:24Z',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 1,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [SEED_UUID],
				breakdown_string: 'PASS',
			});
		}
	});

	test('watchlist_total_hits only on the two watchlist checks', () => {
		const checks = flattenChecks(session);
		const withHits = checks.filter((check) => 'watchlist_total_hits' in check).map((check) => check.check_type);
		expect(withHits).toEqual(['WATCHLIST_SCREENING', 'WATCHLIST_ADVANCED_CA']);
		expect(checks[6].watchlist_total_hits).toBe(0);
		expect(checks[7].watchlist_total_hits).toBe(0);
	});

	test('summary: all approved but none DONE -> PENDING', () => {
		expect(summarizeSession(session)).toMatchObject({
			decision: 'PENDING',
			checks_total: 9,
			checks_done: 0,
			checks_approved: 9,
			checks_rejected: 0,
			checks_not_available: 0,
			identity_profile_result: null,
		});
	});

	test('sub-checks: one per check', () => {
		const rows = flattenSubChecks(session);
		expect(rows).toHaveLength(9);
		expect(rows[3]).toEqual({
			session_id: SEED_UUID,
			check_id: SEED_UUID,
			check_type: 'ID_DOCUMENT_FACE_MATCH',
			check_state: 'CREATED',
			recommendation: 'APPROVE',
			sub_check: 'string',
			result: 'PASS',
			process: null,
		});
	});

	test('identity documents carry the document-fields and photo media IDs', () => {
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: SEED_UUID,
				document_type: 'string',
				issuing_country: 'string',
				document_fields_media_id: SEED_UUID,
				document_id_photo_media_id: SEED_UUID,
			},
		]);
	});
});

describe('seed 004 — "Session retrieval" fragments', () => {
	const parsed = blocks('004');

	test('all twelve examples parse', () => {
		expect(parsed).toHaveLength(12);
		parsed.forEach((value) => expect(value).toBeDefined());
	});

	test('state-only session: no checks, PENDING', () => {
		expect(flattenChecks(parsed[0])).toEqual([]);
		expect(summarizeSession(parsed[0])).toMatchObject({
			session_id: '<uuid>',
			session_state: 'ONGOING',
			user_tracking_id: '<uuid>',
			decision: 'PENDING',
			checks_total: 0,
		});
	});

	test('approved authenticity report', () => {
		const [check] = flattenChecks(parsed[4]);
		expect(check).toMatchObject({
			session_id: null,
			check_type: 'ID_DOCUMENT_AUTHENTICITY',
			check_state: 'DONE',
			recommendation: 'APPROVE',
			approved: true,
			sub_checks_total: 6,
			sub_checks_failed: 0,
			failed_sub_checks: [],
			check_created: '<yyyy-mm-ddThh:mm:ssZ>',
			breakdown_no_sign_of_tampering: 'PASS',
			breakdown_real_document: 'PASS',
			breakdown_data_in_correct_position: 'PASS',
			breakdown_expected_data_present: 'PASS',
			breakdown_other_security_features: 'PASS',
			breakdown_document_in_date: 'PASS',
		});
		// a report fragment carries no session state, and APPROVE needs a COMPLETED session
		expect(summarizeSession(parsed[4]).decision).toBe('PENDING');
		expect(summarizeSession({ state: 'COMPLETED', ...(parsed[4] as object) }).decision).toBe('APPROVE');
	});

	test('rejected authenticity report', () => {
		const [check] = flattenChecks(parsed[5]);
		expect(check).toMatchObject({
			recommendation: 'REJECT',
			recommendation_reason: 'NOT_GENUINE',
			recovery_suggestion: null,
			approved: false,
			sub_checks_total: 6,
			sub_checks_failed: 3,
			failed_sub_checks: ['data_in_correct_position', 'other_security_features', 'document_in_date'],
			breakdown_real_document: 'PASS',
			breakdown_data_in_correct_position: 'FAIL',
			breakdown_other_security_features: 'FAIL',
			breakdown_document_in_date: 'FAIL',
		});
		expect(summarizeSession(parsed[5])).toMatchObject({
			decision: 'REJECT',
			checks_rejected: 1,
			rejected_check_types: ['ID_DOCUMENT_AUTHENTICITY'],
		});
		const failing = flattenSubChecks(parsed[5]).filter((row) => row.result === 'FAIL');
		expect(failing.map((row) => row.sub_check)).toEqual([
			'data_in_correct_position',
			'other_security_features',
			'document_in_date',
		]);
	});

	test('NOT_AVAILABLE report (the example misses commas; the extractor restores them)', () => {
		const [check] = flattenChecks(parsed[6]);
		expect(check).toMatchObject({
			check_state: 'DONE',
			recommendation: 'NOT_AVAILABLE',
			recommendation_reason: 'PICTURE_TOO_DARK',
			recovery_suggestion: 'BETTER_LIGHTING',
			approved: false,
			sub_checks_total: 1,
			sub_checks_failed: 0,
			breakdown_issuing_authority_verification: 'PASS',
		});
		expect(summarizeSession(parsed[6])).toMatchObject({
			decision: 'NOT_AVAILABLE',
			checks_not_available: 1,
			not_available_reasons: ['PICTURE_TOO_DARK'],
		});
	});

	test('liveness report', () => {
		expect(flattenChecks(parsed[7])[0]).toMatchObject({
			check_type: 'LIVENESS',
			approved: true,
			breakdown_liveness_auth: 'PASS',
		});
	});

	test('face-match check (a bare check object): details become breakdown_<sub>_<detail>', () => {
		const session = { checks: [parsed[8]] };
		const [check] = flattenChecks(session);
		expect(check).toMatchObject({
			check_type: 'ID_DOCUMENT_FACE_MATCH',
			resources_used: ['<uuid>', '<uuid>'],
			breakdown_manual_face_match: 'PASS',
			breakdown_ai_face_match: 'PASS',
			breakdown_ai_face_match_confidence_score: '1.00',
			sub_checks_total: 2,
		});
		expect(flattenSubChecks(session)[1]).toEqual({
			session_id: null,
			check_id: '<uuid>',
			check_type: 'ID_DOCUMENT_FACE_MATCH',
			check_state: 'DONE',
			recommendation: 'APPROVE',
			sub_check: 'ai_face_match',
			result: 'PASS',
			process: null,
			detail_confidence_score: '1.00',
		});
		// The check object alone is not a session: no items.
		expect(flattenChecks(parsed[8])).toEqual([]);
	});

	test('full payload: one approved DONE check; placeholder media IDs are not used', () => {
		const checks = flattenChecks(parsed[9]);
		expect(checks).toHaveLength(1);
		expect(checks[0]).toMatchObject({ session_id: '<uuid>', user_tracking_id: '<uuid>', sub_checks_total: 6 });
		// the page's example session is still ONGOING: Yoti may create more checks, so not APPROVE yet
		expect(summarizeSession(parsed[9])).toMatchObject({ session_state: 'ONGOING', decision: 'PENDING', checks_approved: 1 });
		expect(identityDocuments(parsed[9])).toEqual([
			{
				resource_id: '<uuid>',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
		]);
	});

	test('document fields example flattens to 24 fields; empty objects add nothing', () => {
		const fields = flattenDocumentFields(parsed[10]);
		expect(Object.keys(fields)).toHaveLength(24);
		expect(fields).toMatchObject({
			full_name: 'Jon Jim Foo',
			date_of_birth: '2000-12-01',
			nationality: 'GBR',
			document_number: 'EF1523467',
			expiration_date: '2030-12-01',
			issuing_authority: 'DVLA',
			first_name_alias: '',
		});
		expect('structured_postal_address' in fields).toBe(false);
		expect('mrz' in fields).toBe(false);
	});

	test('MRZ example nests under mrz_', () => {
		expect(flattenDocumentFields({ full_name: 'A', mrz: parsed[11] })).toEqual({
			full_name: 'A',
			mrz_type: 1,
			mrz_line1: '<<<<<...',
			mrz_line2: '<<<<<...',
			mrz_line3: '<<<<<...',
		});
	});
});

test('every seed example, in every mode, gives flat items without throwing', () => {
	for (const prefix of ['000', '001', '003', '004']) {
		for (const value of blocks(prefix)) {
			for (const mode of ['checks', 'subChecks', 'summary'] as const) {
				for (const item of sessionItems(value, mode)) expect(isFlat(item)).toBe(true);
			}
			expect(sessionItems(value, 'raw')).toEqual([value]);
		}
	}
});
