/**
 * session.get and signRecipient.getSignedResult inside n8n's engine against the simulator, in
 * every output mode, for every demo session. Expected items are written by hand from
 * test/simulator/data/<session_id>.json and the contract's "Check item", "Sub-check item" and
 * "Summary item" tables.
 */
import { R, S, jsons, out, pairedIndexes, sessionFile, startEnv, dataJson, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});

const get = (sessionId: string, output?: string) =>
	env.run({ resource: 'session', operation: 'get', sessionId, ...(output ? { output } : {}) });

const RES = (n: string) => `5e50c000-0000-4000-8000-000000000${n}`;
const CHK = (n: string) => `c4ec0000-0000-4000-8000-000000000${n}`;
const CREATED = '2024-05-14T09:30:00Z';
const UPDATED = '2024-05-14T09:34:12Z';

function base(sessionId: string, state: string, tracking: string) {
	return { session_id: sessionId, session_state: state, user_tracking_id: tracking };
}

function expectPaired(result: Awaited<ReturnType<typeof get>>) {
	const items = out(result);
	expect(pairedIndexes(items)).toEqual(items.map(() => 0));
}

describe('APPROVE session …0001', () => {
	const id = S.approve;
	const common = { ...base(id, 'COMPLETED', 'demo-user-approved'), check_created: CREATED, check_last_updated: UPDATED };

	test('checks (the default output): one full item per check', async () => {
		const result = await get(id);
		expectPaired(result);
		expect(jsons(result)).toEqual([
			{
				...common,
				check_id: CHK('101'),
				check_type: 'ID_DOCUMENT_AUTHENTICITY',
				check_state: 'DONE',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 5,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('101')],
				breakdown_doc_number_validation: 'PASS',
				breakdown_document_in_date: 'PASS',
				breakdown_fraud_list_check: 'PASS',
				breakdown_hologram_movement: 'PASS',
				breakdown_mrz_validation: 'PASS',
				generated_media_ids: [],
			},
			{
				...common,
				check_id: CHK('102'),
				check_type: 'ID_DOCUMENT_TEXT_DATA_CHECK',
				check_state: 'DONE',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 1,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('101')],
				breakdown_text_data_readable: 'PASS',
				generated_media_ids: ['3ed1a000-0000-4000-8000-000000000103'],
			},
			{
				...common,
				check_id: CHK('103'),
				check_type: 'ID_DOCUMENT_FACE_MATCH',
				check_state: 'DONE',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 1,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('101'), RES('102')],
				breakdown_ai_face_match: 'PASS',
				breakdown_ai_face_match_confidence_score: '0.91',
				generated_media_ids: [],
			},
			{
				...common,
				check_id: CHK('104'),
				check_type: 'LIVENESS',
				check_state: 'DONE',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 1,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('102')],
				breakdown_liveness_auth: 'PASS',
				breakdown_liveness_auth_liveness_probability: '0.99',
				generated_media_ids: [],
			},
		]);
	});

	test('output "checks" given explicitly is the same as the default', async () => {
		const explicit = jsons(await get(id, 'checks'));
		expect(explicit.map((item) => item.check_id)).toEqual([CHK('101'), CHK('102'), CHK('103'), CHK('104')]);
	});

	test('subChecks: one item per breakdown row (5 + 1 + 1 + 1)', async () => {
		const result = await get(id, 'subChecks');
		expectPaired(result);
		const items = jsons(result);
		expect(items).toHaveLength(8);
		const row = (check: string, type: string, sub_check: string, process: string | null, details = {}) => ({
			session_id: id,
			check_id: CHK(check),
			check_type: type,
			check_state: 'DONE',
			recommendation: 'APPROVE',
			sub_check,
			result: 'PASS',
			process,
			...details,
		});
		expect(items).toEqual([
			row('101', 'ID_DOCUMENT_AUTHENTICITY', 'doc_number_validation', 'AUTOMATED'),
			row('101', 'ID_DOCUMENT_AUTHENTICITY', 'document_in_date', 'AUTOMATED'),
			row('101', 'ID_DOCUMENT_AUTHENTICITY', 'fraud_list_check', 'AUTOMATED'),
			row('101', 'ID_DOCUMENT_AUTHENTICITY', 'hologram_movement', 'EXPERT_REVIEW'),
			row('101', 'ID_DOCUMENT_AUTHENTICITY', 'mrz_validation', 'AUTOMATED'),
			row('102', 'ID_DOCUMENT_TEXT_DATA_CHECK', 'text_data_readable', null),
			row('103', 'ID_DOCUMENT_FACE_MATCH', 'ai_face_match', 'AUTOMATED', { detail_confidence_score: '0.91' }),
			row('104', 'LIVENESS', 'liveness_auth', 'AUTOMATED', { detail_liveness_probability: '0.99' }),
		]);
	});

	test('summary: decision APPROVE', async () => {
		const result = await get(id, 'summary');
		expectPaired(result);
		expect(jsons(result)).toEqual([
			{
				...base(id, 'COMPLETED', 'demo-user-approved'),
				decision: 'APPROVE',
				checks_total: 4,
				checks_done: 4,
				checks_approved: 4,
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
	});

	test('raw: the file unchanged (including the `{}` frames)', async () => {
		const result = await get(id, 'raw');
		expectPaired(result);
		expect(jsons(result)).toEqual([sessionFile(id)]);
		expect(jsons(result)[0].resources.id_documents[0].pages[0].frames[0]).toEqual({});
	});
});

describe('REJECT session …0002', () => {
	const id = S.reject;

	test('checks: reasons, failed sub-checks, breakdown details and the watchlist hits', async () => {
		const result = await get(id, 'checks');
		expectPaired(result);
		const items = jsons(result);
		expect(items.map((i) => [i.check_type, i.recommendation, i.approved])).toEqual([
			['ID_DOCUMENT_AUTHENTICITY', 'REJECT', false],
			['ID_DOCUMENT_FACE_MATCH', 'REJECT', false],
			['LIVENESS', 'APPROVE', true],
			['WATCHLIST_SCREENING', 'REJECT', false],
			['ID_DOCUMENT_TEXT_DATA_CHECK', 'APPROVE', true],
		]);
		expect(items[0]).toEqual({
			...base(id, 'COMPLETED', 'demo-user-rejected'),
			check_id: CHK('201'),
			check_type: 'ID_DOCUMENT_AUTHENTICITY',
			check_state: 'DONE',
			check_created: CREATED,
			check_last_updated: UPDATED,
			recommendation: 'REJECT',
			recommendation_reason: 'COUNTERFEIT',
			recovery_suggestion: null,
			approved: false,
			sub_checks_total: 4,
			sub_checks_failed: 1,
			failed_sub_checks: ['hologram_movement'],
			resources_used: [RES('201')],
			breakdown_doc_number_validation: 'PASS',
			breakdown_document_in_date: 'PASS',
			breakdown_hologram_movement: 'FAIL',
			breakdown_fraud_list_check: 'PASS',
			generated_media_ids: [],
		});
		expect(items[1]).toMatchObject({
			check_id: CHK('202'),
			recommendation_reason: 'FACE_NOT_MATCHING',
			sub_checks_total: 2,
			sub_checks_failed: 2,
			failed_sub_checks: ['ai_face_match', 'manual_face_match'],
			breakdown_ai_face_match: 'FAIL',
			breakdown_ai_face_match_confidence_score: '0.12',
			breakdown_manual_face_match: 'FAIL',
			resources_used: [RES('201'), RES('202')],
		});
		expect(items[3]).toEqual({
			...base(id, 'COMPLETED', 'demo-user-rejected'),
			check_id: CHK('204'),
			check_type: 'WATCHLIST_SCREENING',
			check_state: 'DONE',
			check_created: CREATED,
			check_last_updated: UPDATED,
			recommendation: 'REJECT',
			recommendation_reason: 'WATCHLIST_HIT',
			recovery_suggestion: null,
			approved: false,
			sub_checks_total: 2,
			sub_checks_failed: 1,
			failed_sub_checks: ['sanctions'],
			resources_used: [RES('201')],
			breakdown_sanctions: 'FAIL',
			breakdown_sanctions_number_of_hits: '2',
			breakdown_sanctions_closest_match: 'name_exact,year_of_birth',
			breakdown_pep: 'PASS',
			breakdown_pep_number_of_hits: '0',
			watchlist_total_hits: 2,
			watchlist_raw_results_media_id: '3ed1a000-0000-4000-8000-000000000203',
			watchlist_associated_country_codes: ['GBR', 'FRA'],
			watchlist_search_type: 'WITH_YOTI_ACCOUNT',
			generated_media_ids: ['3ed1a000-0000-4000-8000-000000000203'],
		});
		// watchlist_total_hits only on watchlist checks
		for (const index of [0, 1, 2, 4]) expect(items[index]).not.toHaveProperty('watchlist_total_hits');
	});

	test('subChecks: 4 + 2 + 1 + 2 + 1 rows with their details', async () => {
		const items = jsons(await get(id, 'subChecks'));
		expect(items).toHaveLength(10);
		expect(items.map((i) => `${i.check_type}/${i.sub_check}=${i.result}`)).toEqual([
			'ID_DOCUMENT_AUTHENTICITY/doc_number_validation=PASS',
			'ID_DOCUMENT_AUTHENTICITY/document_in_date=PASS',
			'ID_DOCUMENT_AUTHENTICITY/hologram_movement=FAIL',
			'ID_DOCUMENT_AUTHENTICITY/fraud_list_check=PASS',
			'ID_DOCUMENT_FACE_MATCH/ai_face_match=FAIL',
			'ID_DOCUMENT_FACE_MATCH/manual_face_match=FAIL',
			'LIVENESS/liveness_auth=PASS',
			'WATCHLIST_SCREENING/sanctions=FAIL',
			'WATCHLIST_SCREENING/pep=PASS',
			'ID_DOCUMENT_TEXT_DATA_CHECK/text_data_readable=PASS',
		]);
		expect(items[7]).toEqual({
			session_id: id,
			check_id: CHK('204'),
			check_type: 'WATCHLIST_SCREENING',
			check_state: 'DONE',
			recommendation: 'REJECT',
			sub_check: 'sanctions',
			result: 'FAIL',
			process: null,
			detail_number_of_hits: '2',
			detail_closest_match: 'name_exact,year_of_birth',
		});
	});

	test('summary: decision REJECT listing the rejected check types once each', async () => {
		expect(jsons(await get(id, 'summary'))).toEqual([
			{
				...base(id, 'COMPLETED', 'demo-user-rejected'),
				decision: 'REJECT',
				checks_total: 5,
				checks_done: 5,
				checks_approved: 2,
				checks_rejected: 3,
				checks_not_available: 0,
				checks_review: 0,
				rejected_check_types: ['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'WATCHLIST_SCREENING'],
				review_check_types: [],
				not_available_reasons: [],
				identity_profile_result: null,
				identity_profile_failure_reason: null,
				identity_profile_requirements_not_met: [],
				identity_profile_schemes_not_met: [],
				identity_profile_source: null,
			},
		]);
	});

	test('raw', async () => {
		expect(jsons(await get(id, 'raw'))).toEqual([sessionFile(id)]);
	});
});

describe('NOT_AVAILABLE session …0003', () => {
	const id = S.notAvailable;

	test('checks: reason and recovery suggestion; NOT_AVAILABLE row counts as failed', async () => {
		const items = jsons(await get(id, 'checks'));
		expect(items).toHaveLength(3);
		expect(items[0]).toEqual({
			...base(id, 'COMPLETED', 'demo-user-not-available'),
			check_id: CHK('301'),
			check_type: 'ID_DOCUMENT_AUTHENTICITY',
			check_state: 'DONE',
			check_created: CREATED,
			check_last_updated: UPDATED,
			recommendation: 'NOT_AVAILABLE',
			recommendation_reason: 'QUALITY',
			recovery_suggestion: 'BETTER_LIGHTING',
			approved: false,
			sub_checks_total: 2,
			sub_checks_failed: 1,
			failed_sub_checks: ['hologram_movement'],
			resources_used: [RES('301')],
			breakdown_document_in_date: 'PASS',
			breakdown_hologram_movement: 'NOT_AVAILABLE',
			generated_media_ids: [],
		});
		expect(items[1]).toMatchObject({
			check_type: 'ID_DOCUMENT_COMPARISON',
			approved: true,
			sub_checks_total: 2,
			breakdown_name_match: 'PASS',
			breakdown_name_match_match_type: 'EXACT',
			breakdown_date_of_birth_match: 'PASS',
		});
		expect(items[2]).toMatchObject({ check_type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK', approved: true, sub_checks_total: 1 });
	});

	test('subChecks: 2 + 2 + 1', async () => {
		const items = jsons(await get(id, 'subChecks'));
		expect(items.map((i) => i.sub_check)).toEqual([
			'document_in_date',
			'hologram_movement',
			'name_match',
			'date_of_birth_match',
			'text_data_readable',
		]);
		expect(items[2]).toMatchObject({ detail_match_type: 'EXACT', recommendation: 'APPROVE' });
		expect(items[1]).toMatchObject({ result: 'NOT_AVAILABLE', recommendation: 'NOT_AVAILABLE', process: 'EXPERT_REVIEW' });
	});

	test('summary: decision NOT_AVAILABLE with the reason', async () => {
		expect(jsons(await get(id, 'summary'))).toEqual([
			{
				...base(id, 'COMPLETED', 'demo-user-not-available'),
				decision: 'NOT_AVAILABLE',
				checks_total: 3,
				checks_done: 3,
				checks_approved: 2,
				checks_rejected: 0,
				checks_not_available: 1,
				checks_review: 0,
				rejected_check_types: [],
				review_check_types: [],
				not_available_reasons: ['QUALITY'],
				identity_profile_result: null,
				identity_profile_failure_reason: null,
				identity_profile_requirements_not_met: [],
				identity_profile_schemes_not_met: [],
				identity_profile_source: null,
			},
		]);
	});
});

describe('ONGOING session …0004', () => {
	const id = S.ongoing;

	test('checks without reports: nulls, zero counts, not approved', async () => {
		const items = jsons(await get(id));
		expect(items).toEqual([
			{
				...base(id, 'ONGOING', 'demo-user-pending'),
				check_id: CHK('401'),
				check_type: 'ID_DOCUMENT_AUTHENTICITY',
				check_state: 'PENDING',
				check_created: CREATED,
				check_last_updated: UPDATED,
				recommendation: null,
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: false,
				sub_checks_total: 0,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('401')],
				generated_media_ids: [],
			},
			{
				...base(id, 'ONGOING', 'demo-user-pending'),
				check_id: CHK('402'),
				check_type: 'ID_DOCUMENT_FACE_MATCH',
				check_state: 'CREATED',
				check_created: CREATED,
				check_last_updated: UPDATED,
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
	});

	test('subChecks: no rows, no items, no error', async () => {
		const result = await get(id, 'subChecks');
		expect(result.error).toBeUndefined();
		expect(jsons(result)).toEqual([]);
	});

	test('summary: PENDING', async () => {
		expect(jsons(await get(id, 'summary'))).toEqual([
			{
				...base(id, 'ONGOING', 'demo-user-pending'),
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
			},
		]);
	});
});

describe('EXPIRED session …0005 (no checks)', () => {
	const id = S.expired;

	test('checks and subChecks: no items, no error', async () => {
		for (const output of ['checks', 'subChecks']) {
			const result = await get(id, output);
			expect(result.error).toBeUndefined();
			expect(out(result)).toEqual([]);
		}
	});

	test('summary: EXPIRED with zero counts (nothing more comes)', async () => {
		expect(jsons(await get(id, 'summary'))).toEqual([
			{
				...base(id, 'EXPIRED', 'demo-user-expired'),
				decision: 'EXPIRED',
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
	});

	test('raw', async () => {
		expect(jsons(await get(id, 'raw'))).toEqual([sessionFile(id)]);
	});
});

describe('identity profile session …0006', () => {
	const id = S.identityProfile;

	test('checks', async () => {
		const items = jsons(await get(id));
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			check_id: CHK('601'),
			check_type: 'THIRD_PARTY_IDENTITY',
			approved: true,
			resources_used: [RES('602')],
			breakdown_third_party_identity_check: 'PASS',
			breakdown_third_party_identity_check_provider: 'EXPERIAN',
		});
		expect(items[1]).toMatchObject({
			check_id: CHK('602'),
			check_type: 'FACE_COMPARISON',
			approved: true,
			breakdown_manual_face_match: 'PASS',
		});
	});

	test('summary: identity_profile_result from identity_profile', async () => {
		expect(jsons(await get(id, 'summary'))).toEqual([
			{
				...base(id, 'COMPLETED', 'demo-user-identity-profile'),
				decision: 'APPROVE',
				checks_total: 2,
				checks_done: 2,
				checks_approved: 2,
				checks_rejected: 0,
				checks_not_available: 0,
				checks_review: 0,
				rejected_check_types: [],
				review_check_types: [],
				not_available_reasons: [],
				identity_profile_result: 'DONE',
				identity_profile_failure_reason: null,
				identity_profile_requirements_not_met: [],
				identity_profile_schemes_not_met: [],
				identity_profile_source: 'identity_profile',
			},
		]);
	});

	test('raw keeps identity_profile', async () => {
		expect(jsons(await get(id, 'raw'))).toEqual([sessionFile(id)]);
	});
});

describe('advanced profile session …0007 with an unknown check type', () => {
	const id = S.advancedProfile;

	test('checks: the watchlist check has 0 hits; the unknown type is flattened like any other', async () => {
		const items = jsons(await get(id));
		expect(items).toEqual([
			{
				...base(id, 'COMPLETED', 'demo-user-advanced-profile'),
				check_id: CHK('701'),
				check_type: 'WATCHLIST_ADVANCED_CA',
				check_state: 'DONE',
				check_created: CREATED,
				check_last_updated: UPDATED,
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 3,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('701')],
				breakdown_adverse_media: 'PASS',
				breakdown_pep: 'PASS',
				breakdown_sanction: 'PASS',
				breakdown_adverse_media_number_of_hits: '0',
				breakdown_pep_number_of_hits: '0',
				breakdown_sanction_number_of_hits: '0',
				watchlist_total_hits: 0,
				watchlist_raw_results_media_id: '3ed1a000-0000-4000-8000-000000000702',
				watchlist_associated_country_codes: [],
				watchlist_search_type: 'WITH_YOTI_ACCOUNT',
				generated_media_ids: ['3ed1a000-0000-4000-8000-000000000702'],
			},
			{
				...base(id, 'COMPLETED', 'demo-user-advanced-profile'),
				check_id: CHK('702'),
				check_type: 'SIMULATOR_FUTURE_CHECK',
				check_state: 'DONE',
				check_created: CREATED,
				check_last_updated: UPDATED,
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 1,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: [RES('701')],
				breakdown_some_new_sub_check: 'PASS',
				breakdown_some_new_sub_check_new_detail: 'yes',
				generated_media_ids: [],
			},
		]);
	});

	test('subChecks: 3 + 1', async () => {
		const items = jsons(await get(id, 'subChecks'));
		expect(items.map((i) => [i.check_type, i.sub_check, i.detail_number_of_hits ?? i.detail_new_detail])).toEqual([
			['WATCHLIST_ADVANCED_CA', 'adverse_media', '0'],
			['WATCHLIST_ADVANCED_CA', 'pep', '0'],
			['WATCHLIST_ADVANCED_CA', 'sanction', '0'],
			['SIMULATOR_FUTURE_CHECK', 'some_new_sub_check', 'yes'],
		]);
	});

	test('summary: identity_profile_result from advanced_identity_profile', async () => {
		expect(jsons(await get(id, 'summary'))[0]).toMatchObject({
			decision: 'APPROVE',
			checks_total: 2,
			checks_approved: 2,
			identity_profile_result: 'DONE',
		});
	});

	test('raw passes the unknown check type through', async () => {
		const items = jsons(await get(id, 'raw'));
		expect(items).toEqual([sessionFile(id)]);
		expect(items[0].checks[1].type).toBe('SIMULATOR_FUTURE_CHECK');
	});
});

describe('no-checks session …0009', () => {
	const id = S.noChecks;

	test('checks: no items; summary NOT_AVAILABLE with the ABORTED profile', async () => {
		const checks = await get(id);
		expect(checks.error).toBeUndefined();
		expect(out(checks)).toEqual([]);
		expect(jsons(await get(id, 'summary'))).toEqual([
			{
				...base(id, 'COMPLETED', 'demo-user-profile-aborted'),
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
				identity_profile_result: 'ABORTED',
				identity_profile_failure_reason: 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED',
				identity_profile_requirements_not_met: ['ID_DOCUMENT_AUTHENTICITY'],
				identity_profile_schemes_not_met: [],
				identity_profile_source: 'identity_profile',
			},
		]);
	});
});

test('the deletable session …0008: one check, APPROVE', async () => {
	expect(jsons(await get(S.deletable, 'summary'))[0]).toMatchObject({ decision: 'APPROVE', checks_total: 1 });
});

test('an upper-case session ID (or one with spaces around it) is accepted and read as lower case', async () => {
	const items = jsons(await get(`  ${S.approve.toUpperCase()}\n`, 'summary'));
	expect(items[0]).toMatchObject({ session_id: S.approve, decision: 'APPROVE' });
});

describe('signRecipient.getSignedResult (Yoti Sign)', () => {
	const id = R.completed;
	const signed = (recipientId: string, output?: string) =>
		env.run({ resource: 'signRecipient', operation: 'getSignedResult', recipientId, ...(output ? { output } : {}) });

	test('checks (default): recipient_id + the check items of session …0051', async () => {
		const result = await signed(id);
		expectPaired(result);
		const items = jsons(result);
		expect(items).toEqual([
			{
				recipient_id: id,
				...base('5e551000-0000-4000-8000-000000000051', 'COMPLETED', 'demo-sign-recipient-completed'),
				check_id: 'c4ec0000-0000-4000-8000-000000005101',
				check_type: 'ID_DOCUMENT_AUTHENTICITY',
				check_state: 'DONE',
				check_created: CREATED,
				check_last_updated: UPDATED,
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 2,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: ['5e50c000-0000-4000-8000-000000005101'],
				breakdown_document_in_date: 'PASS',
				breakdown_hologram_movement: 'PASS',
				generated_media_ids: [],
			},
			{
				recipient_id: id,
				...base('5e551000-0000-4000-8000-000000000051', 'COMPLETED', 'demo-sign-recipient-completed'),
				check_id: 'c4ec0000-0000-4000-8000-000000005102',
				check_type: 'ID_DOCUMENT_FACE_MATCH',
				check_state: 'DONE',
				check_created: CREATED,
				check_last_updated: UPDATED,
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 1,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: ['5e50c000-0000-4000-8000-000000005101'],
				breakdown_ai_face_match: 'PASS',
				breakdown_ai_face_match_confidence_score: '0.87',
				generated_media_ids: [],
			},
		]);
	});

	test('subChecks', async () => {
		const items = jsons(await signed(id, 'subChecks'));
		expect(items.map((i) => [i.recipient_id, i.sub_check, i.process])).toEqual([
			[id, 'document_in_date', null],
			[id, 'hologram_movement', 'EXPERT_REVIEW'],
			[id, 'ai_face_match', null],
		]);
		expect(items[2].detail_confidence_score).toBe('0.87');
	});

	test('summary: APPROVE; the ONGOING recipient: PENDING with no checks', async () => {
		expect(jsons(await signed(id, 'summary'))).toEqual([
			{
				recipient_id: id,
				...base('5e551000-0000-4000-8000-000000000051', 'COMPLETED', 'demo-sign-recipient-completed'),
				decision: 'APPROVE',
				checks_total: 2,
				checks_done: 2,
				checks_approved: 2,
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
		expect(jsons(await signed(R.ongoing, 'summary'))[0]).toMatchObject({
			recipient_id: R.ongoing,
			session_state: 'ONGOING',
			decision: 'PENDING',
			checks_total: 0,
		});
		expect(out(await signed(R.ongoing, 'checks'))).toEqual([]);
	});

	test('raw: the Yoti Sign response unchanged', async () => {
		const result = await signed(id, 'raw');
		expectPaired(result);
		expect(jsons(result)).toEqual([dataJson(`sign/${id}.json`)]);
	});
});
