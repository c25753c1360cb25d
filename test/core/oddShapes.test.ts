/* eslint-disable */
// Shapes real and broken responses take: nothing here may throw.
import type { IDataObject } from 'n8n-workflow';
import {
	decide,
	flattenChecks,
	flattenSubChecks,
	normaliseKey,
	redactSession,
	sessionItems,
	summarizeSession,
} from '../../nodes/Yoti/core';
import { isFlat } from './helpers';

const NOT_SESSIONS: unknown[] = [null, undefined, 'a string', '', 42, NaN, true, [], [{ checks: [] }], {}, () => 1];

describe('inputs that are not sessions', () => {
	test.each(NOT_SESSIONS.map((value) => [value]))('%p gives no checks and an empty PENDING summary', (value) => {
		expect(flattenChecks(value)).toEqual([]);
		expect(flattenSubChecks(value)).toEqual([]);
		expect(summarizeSession(value)).toEqual({
			session_id: null,
			session_state: null,
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
		});
	});

	test('raw keeps an object as it is and wraps anything else so the item is an object', () => {
		const session = { session_id: 'x', unknown_field: { nested: [1, 2] } };
		expect(sessionItems(session, 'raw')[0]).toBe(session);
		expect(sessionItems(null, 'raw')).toEqual([{ raw: null }]);
		expect(sessionItems([1, 2], 'raw')).toEqual([{ raw: [1, 2] }]);
		expect(sessionItems('text', 'raw')).toEqual([{ raw: 'text' }]);
	});

	test('an unknown output mode falls back to checks', () => {
		const session = { checks: [{ id: 'c', type: 'LIVENESS' }] };
		expect(sessionItems(session, 'nonsense' as any)).toEqual(flattenChecks(session));
	});

	test('the items are valid n8n item JSON (compile-time)', () => {
		const items: IDataObject[] = sessionItems({}, 'summary');
		expect(items).toHaveLength(1);
	});
});

describe('odd session fields', () => {
	test('checks that is an object, a string or null gives no items', () => {
		for (const checks of [{}, 'x', null, 5, { 0: { id: 'a' } }]) expect(flattenChecks({ session_id: 's', checks })).toEqual([]);
	});

	test('elements of checks that are not objects are skipped; {} is a check with nulls', () => {
		const items = flattenChecks({ checks: [null, 'x', 3, [], {}] });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ check_id: null, check_type: null, recommendation: null, approved: false, sub_checks_total: 0 });
	});

	test('numbers and booleans in text fields keep their text; objects become null', () => {
		const [item] = flattenChecks({
			session_id: 123,
			state: { value: 'DONE' },
			user_tracking_id: false,
			checks: [{ id: 7, type: ['LIVENESS'], state: 'DONE', resources_used: ['r1', 2, null, { id: 'x' }] }],
		});
		expect(item).toMatchObject({
			session_id: '123',
			session_state: null,
			user_tracking_id: 'false',
			check_id: '7',
			check_type: null,
			resources_used: ['r1', '2'],
		});
	});

	test('report: null, report: [], report: "x", and recommendation: null', () => {
		for (const report of [null, [], 'x', 0, { recommendation: null }, { recommendation: 'APPROVE' }, { recommendation: { value: null } }]) {
			const [item] = flattenChecks({ checks: [{ id: 'c', state: 'DONE', report }] });
			expect(item).toMatchObject({ recommendation: null, recommendation_reason: null, approved: false, sub_checks_total: 0 });
			expect(isFlat(item)).toBe(true);
		}
	});

	test('breakdown rows: missing/empty details, null result, non-object rows, rows without a name', () => {
		const session = {
			checks: [
				{
					id: 'c',
					type: 'ID_DOCUMENT_AUTHENTICITY',
					state: 'DONE',
					report: {
						recommendation: { value: 'APPROVE' },
						breakdown: [
							{ sub_check: 'a', result: 'PASS' },
							{ sub_check: 'b', result: null, details: null },
							{ sub_check: 'c', result: 'FAIL', details: {} },
							{ sub_check: 'd', result: 'PASS', details: [null, {}, { name: 'score', value: 0.68 }, { name: '', value: 'x' }, { value: 'no name' }] },
							null,
							'row',
							{ result: 'FAIL' },
							{ sub_check: '   ', result: 'FAIL' },
							{},
						],
					},
				},
			],
		};
		const [item] = flattenChecks(session);
		expect(item).toEqual({
			session_id: null,
			session_state: null,
			user_tracking_id: null,
			check_id: 'c',
			check_type: 'ID_DOCUMENT_AUTHENTICITY',
			check_state: 'DONE',
			check_created: null,
			check_last_updated: null,
			recommendation: 'APPROVE',
			recommendation_reason: null,
			recovery_suggestion: null,
			approved: true,
			sub_checks_total: 4,
			sub_checks_failed: 2,
			failed_sub_checks: ['b', 'c'],
			resources_used: [],
			breakdown_a: 'PASS',
			breakdown_b: null,
			breakdown_c: 'FAIL',
			breakdown_d: 'PASS',
			breakdown_d_score: 0.68,
			generated_media_ids: [],
		});
		expect(flattenSubChecks(session).map((row) => row.sub_check)).toEqual(['a', 'b', 'c', 'd']);
		expect(flattenSubChecks(session)[3]).toMatchObject({ detail_score: 0.68, process: null });
	});

	test('detail values: objects and lists become JSON text, non-finite numbers null', () => {
		const [row] = flattenSubChecks({
			checks: [
				{
					report: {
						breakdown: [
							{
								sub_check: 's',
								result: 'PASS',
								process: 'EXPERT_REVIEW',
								details: [
									{ name: 'obj', value: { a: 1 } },
									{ name: 'list', value: [1, 'b'] },
									{ name: 'missing' },
									{ name: 'flag', value: true },
									{ name: 'inf', value: Infinity },
								],
							},
						],
					},
				},
			],
		});
		expect(row).toMatchObject({
			process: 'EXPERT_REVIEW',
			detail_obj: '{"a":1}',
			detail_list: '[1,"b"]',
			detail_missing: null,
			detail_flag: true,
			detail_inf: null,
		});
	});

	test('recommendation other than the three (CONSIDER, lower case) counts as neither approve nor reject: REVIEW', () => {
		const summary = summarizeSession({
			checks: [
				{ state: 'DONE', report: { recommendation: { value: 'approve' } } },
				{ state: 'DONE', report: { recommendation: { value: 'CONSIDER' } } },
			],
		});
		expect(summary).toMatchObject({ decision: 'REVIEW', checks_approved: 0, checks_done: 2, checks_review: 2, review_check_types: [] });
	});
});

describe('key normalisation and collisions', () => {
	test('lower case; every character outside [a-z0-9_] becomes _', () => {
		expect(normaliseKey('Hologram-Movement')).toBe('hologram_movement');
		expect(normaliseKey('AI Face Match %')).toBe('ai_face_match__');
		expect(normaliseKey('été')).toBe('_t_');
		expect(normaliseKey('a.b/c')).toBe('a_b_c');
	});

	test('sub-check and detail names are normalised into keys; the item keeps the original name', () => {
		const session = {
			checks: [
				{ report: { breakdown: [{ sub_check: 'Hologram-Movement', result: 'FAIL', details: [{ name: 'Confidence Score', value: '0.5' }] }] } },
			],
		};
		expect(flattenChecks(session)[0]).toMatchObject({
			failed_sub_checks: ['Hologram-Movement'],
			'breakdown_hologram_movement': 'FAIL',
			'breakdown_hologram_movement_confidence_score': '0.5',
		});
		expect(flattenSubChecks(session)[0]).toMatchObject({ sub_check: 'Hologram-Movement', 'detail_confidence_score': '0.5' });
	});

	test('a sub-check result is not shadowed by another row detail; the first of equal keys wins', () => {
		const [item] = flattenChecks({
			checks: [
				{
					report: {
						breakdown: [
							{ sub_check: 'a', result: 'PASS', details: [{ name: 'b', value: 'detail of a' }] },
							{ sub_check: 'a_b', result: 'FAIL' },
							{ sub_check: 'A-B', result: 'PASS' },
						],
					},
				},
			],
		});
		expect(item.breakdown_a_b).toBe('FAIL');
		expect(item.sub_checks_total).toBe(3);
		expect(item.failed_sub_checks).toEqual(['a_b']);
	});

	test('fixed fields are never overwritten (they do not start with breakdown_ / detail_)', () => {
		const [item] = flattenChecks({
			session_id: 's',
			checks: [{ id: 'c', report: { breakdown: [{ sub_check: '', result: 'FAIL' }, { sub_check: 'x', result: 'PASS', details: [{ name: 'x', value: 1 }] }] } }],
		});
		expect(item.session_id).toBe('s');
		expect(item.check_id).toBe('c');
		expect(item.breakdown_x_x).toBe(1);
		const [row] = flattenSubChecks({
			checks: [{ report: { breakdown: [{ sub_check: 's', result: 'PASS', details: [{ name: 'x', value: 1 }, { name: 'X', value: 2 }] }] } }],
		});
		expect(row.detail_x).toBe(1);
		expect(row.sub_check).toBe('s');
	});

	test('a __proto__ name becomes an ordinary key and does not touch the prototype', () => {
		const [row] = flattenSubChecks({
			checks: [{ report: { breakdown: [{ sub_check: '__proto__', result: 'PASS', details: [{ name: '__proto__', value: 'v' }] }] } }],
		});
		expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
		expect(row.detail___proto__).toBe('v');
		const [item] = flattenChecks(JSON.parse('{"checks":[{"__proto__":{"id":"x"},"report":{"breakdown":[{"sub_check":"__proto__","result":"PASS"}]}}]}'));
		expect(item.check_id).toBeNull();
		expect(item.breakdown___proto__).toBe('PASS');
	});
});

describe('watchlist_total_hits', () => {
	test('present on watchlist types (null without a summary) and on any check with a summary', () => {
		const items = flattenChecks({
			checks: [
				{ type: 'WATCHLIST_SCREENING' },
				{ type: 'WATCHLIST_ADVANCED_CA', report: { watchlist_summary: { total_hits: '12' } } },
				{ type: 'CUSTOM_SCREENING', report: { watchlist_summary: { total_hits: 3 } } },
				{ type: 'LIVENESS', report: { watchlist_summary: null } },
				{ type: 'WATCHLIST_SCREENING', report: { watchlist_summary: { total_hits: 'many' } } },
			],
		});
		expect(items.map((item) => ('watchlist_total_hits' in item ? item.watchlist_total_hits : 'absent'))).toEqual([
			null,
			12,
			3,
			'absent',
			null,
		]);
	});
});

describe('decide', () => {
	const check = (check_state: string | null, recommendation: string | null) => ({ check_state, recommendation });

	test('the contract rule, case by case', () => {
		expect(decide([])).toBe('PENDING');
		expect(decide([check('DONE', 'APPROVE')], 'COMPLETED')).toBe('APPROVE');
		expect(decide([check('DONE', 'APPROVE')])).toBe('PENDING');
		expect(decide([check('DONE', 'APPROVE'), check('PENDING', null)], 'COMPLETED')).toBe('PENDING');
		expect(decide([check('CREATED', 'APPROVE')], 'COMPLETED')).toBe('PENDING');
		expect(decide([check('DONE', 'APPROVE'), check('DONE', 'NOT_AVAILABLE')], 'COMPLETED')).toBe('NOT_AVAILABLE');
		expect(decide([check('DONE', 'NOT_AVAILABLE'), check('DONE', 'REJECT')])).toBe('REJECT');
		expect(decide([check('PENDING', 'REJECT'), check('DONE', 'APPROVE')])).toBe('REJECT');
		expect(decide([check('DONE', 'CONSIDER')], 'COMPLETED')).toBe('REVIEW');
		expect(decide([check(null, null)])).toBe('PENDING');
	});

	test('summary lists each rejected type and not-available reason once', () => {
		const summary = summarizeSession({
			checks: [
				{ type: 'LIVENESS', state: 'DONE', report: { recommendation: { value: 'REJECT' } } },
				{ type: 'LIVENESS', state: 'DONE', report: { recommendation: { value: 'REJECT' } } },
				{ type: 'ID_DOCUMENT_AUTHENTICITY', state: 'DONE', report: { recommendation: { value: 'REJECT' } } },
				{ state: 'DONE', report: { recommendation: { value: 'REJECT' } } },
				{ type: 'X', state: 'DONE', report: { recommendation: { value: 'NOT_AVAILABLE', reason: 'PHOTO_TOO_DARK' } } },
				{ type: 'Y', state: 'DONE', report: { recommendation: { value: 'NOT_AVAILABLE', reason: 'PHOTO_TOO_DARK' } } },
				{ type: 'Z', state: 'DONE', report: { recommendation: { value: 'NOT_AVAILABLE' } } },
			],
		});
		expect(summary).toMatchObject({
			decision: 'REJECT',
			checks_total: 7,
			checks_rejected: 4,
			checks_not_available: 3,
			rejected_check_types: ['LIVENESS', 'ID_DOCUMENT_AUTHENTICITY'],
			not_available_reasons: ['PHOTO_TOO_DARK'],
		});
	});

	test('identity_profile_result: identity_profile first, then advanced, else null', () => {
		expect(summarizeSession({ identity_profile: { result: 'ABORTED' }, advanced_identity_profile: { result: 'DONE' } }).identity_profile_result).toBe('ABORTED');
		expect(summarizeSession({ identity_profile: null, advanced_identity_profile: { result: 'DONE' } }).identity_profile_result).toBe('DONE');
		expect(summarizeSession({ identity_profile: { result: null } }).identity_profile_result).toBeNull();
		expect(summarizeSession({ identity_profile: 'DONE' }).identity_profile_result).toBeNull();
	});
});

describe('redactSession (raw output)', () => {
	test('odd shapes come back as they are', () => {
		for (const session of [
			{ checks: 'x' },
			{ checks: [null, 1, { report: null }, { report: { watchlist_summary: null } }, { report: { watchlist_summary: { search_config: [] } } }] },
			{ checks: [{ report: { watchlist_summary: { search_config: { type: 'WITH_YOTI_ACCOUNT' } } } }] },
		]) {
			expect(redactSession(session)).toBe(session);
		}
	});

	test('an api_key of any value (null, an object) is replaced, beside odd checks', () => {
		const session = { checks: [null, { report: { watchlist_summary: { search_config: { api_key: { nested: 'k' }, client_ref: 'c' } } } }] };
		expect(redactSession(session)).toEqual({
			checks: [null, { report: { watchlist_summary: { search_config: { api_key: '[redacted]', client_ref: 'c' } } } }],
		});
		expect(session.checks[1]!.report.watchlist_summary.search_config.api_key).toEqual({ nested: 'k' });
	});
});
