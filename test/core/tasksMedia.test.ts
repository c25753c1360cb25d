/* eslint-disable */
// The `tasks` and `media` output modes and the new check fields over the official SDKs' own
// fixtures (../shared/conformance/sdk-fixtures). Every expected item below was written by
// reading the fixture file, not by running the code under test.
import * as fs from 'fs';
import {
	flattenChecks,
	flattenMedia,
	flattenTasks,
	parseJsonText,
	sessionItems,
} from '../../nodes/Yoti/core';
import { FIXTURES, fixtureBytes, isFlat } from './helpers';

const load = (name: string): unknown => parseJsonText(fixtureBytes(name));

const MEDIA_ROLES = [
	'document_page',
	'document_frame',
	'document_fields',
	'document_id_photo',
	'liveness_frame',
	'liveness_facemap',
	'face_capture_image',
	'supplementary_file',
	'supplementary_fields',
	'check_generated',
	'task_generated',
	'watchlist_raw_results',
	'identity_profile_report',
	'share_code_lookup_profile',
	'share_code_returned_profile',
	'share_code_id_photo',
	'share_code_file',
	'identity_profile_preview',
	'advanced_identity_profile_preview',
	'import_token',
	'applicant_profile',
	'other',
];
const TASK_KEYS = [
	'session_id',
	'session_state',
	'resource_id',
	'resource_type',
	'task_id',
	'task_type',
	'task_state',
	'task_created',
	'task_last_updated',
	'recommendation',
	'recommendation_reason',
	'generated_check_ids',
	'generated_media_ids',
];
const MEDIA_KEYS = [
	'session_id',
	'resource_id',
	'resource_type',
	'media_id',
	'media_type',
	'media_role',
	'media_created',
	'media_last_updated',
	'check_id',
	'task_id',
];

/** A media item as the contract lists its fields, with the session/check/task parts defaulted. */
function media(fields: Record<string, unknown>) {
	return {
		session_id: null,
		resource_id: null,
		resource_type: null,
		media_id: null,
		media_type: null,
		media_role: null,
		media_created: null,
		media_last_updated: null,
		check_id: null,
		task_id: null,
		...fields,
	};
}

describe('php-session.json', () => {
	const session = load('php-session.json');
	const T = '2019-03-24T03:55:12Z';
	const U = '<uuid>';

	test('tasks: the one text-extraction task of the passport', () => {
		expect(flattenTasks(session)).toEqual([
			{
				session_id: U,
				session_state: 'ONGOING',
				resource_id: U,
				resource_type: 'ID_DOCUMENT',
				task_id: U,
				task_type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: T,
				task_last_updated: T,
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: [U],
				generated_media_ids: [U],
			},
		]);
	});

	test('media: page, hologram frame, fields, task media, face photo, facemap, frame, check media', () => {
		const doc = { session_id: U, resource_id: U, resource_type: 'ID_DOCUMENT' };
		expect(flattenMedia(session)).toEqual([
			media({ ...doc, media_id: U, media_type: 'IMAGE', media_role: 'document_page', media_created: T, media_last_updated: T }),
			media({ ...doc, media_id: U, media_type: 'IMAGE', media_role: 'document_frame', media_created: T, media_last_updated: T }),
			media({ ...doc, media_id: U, media_type: 'JSON', media_role: 'document_fields', media_created: T, media_last_updated: T }),
			media({ ...doc, media_id: U, media_type: 'JSON', media_role: 'task_generated', task_id: U }),
			media({
				session_id: U,
				resource_id: U,
				resource_type: 'FACE_CAPTURE',
				media_id: U,
				media_type: 'IMAGE',
				media_role: 'face_capture_image',
				media_created: T,
				media_last_updated: T,
			}),
			media({
				session_id: U,
				resource_id: U,
				resource_type: 'LIVENESS',
				media_id: U,
				media_type: 'BINARY',
				media_role: 'liveness_facemap',
				media_created: T,
				media_last_updated: T,
			}),
			// the second frame is `{ "media": null }`: nothing to list
			media({
				session_id: U,
				resource_id: U,
				resource_type: 'LIVENESS',
				media_id: U,
				media_type: 'IMAGE',
				media_role: 'liveness_frame',
				media_created: T,
				media_last_updated: T,
			}),
			media({ session_id: U, media_id: U, media_type: 'JSON', media_role: 'check_generated', check_id: U }),
		]);
	});

	test('every check lists its generated media; none is a watchlist check', () => {
		const checks = flattenChecks(session);
		expect(checks.map((check) => check.generated_media_ids)).toEqual([[], [], [], [U], []]);
		for (const check of checks) expect('watchlist_raw_results_media_id' in check).toBe(false);
	});
});

describe('go-watchlist_screening.json', () => {
	const session = load('go-watchlist_screening.json');
	const S = 'd7445779-5e70-4a27-8fec-dd7835106e88';
	const R = '20deead7-4cb6-4921-a56c-ea10fa0a5595';
	const C = '8f4a89a1-4614-47ab-9506-2c82352b66d2';

	test('tasks', () => {
		expect(flattenTasks(session)).toEqual([
			{
				session_id: S,
				session_state: 'COMPLETED',
				resource_id: R,
				resource_type: 'ID_DOCUMENT',
				task_id: '738e0007-68b8-466a-bd1d-30448b157cd8',
				task_type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: '2021-07-20T15:14:42Z',
				task_last_updated: '2021-07-20T15:15:53Z',
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: [],
				generated_media_ids: ['cfd85b6d-e78f-4c14-994c-78ad0671312d'],
			},
		]);
	});

	test('media: the fields media twice (task-generated and document fields), the profile once with its dates', () => {
		const doc = { session_id: S, resource_id: R, resource_type: 'ID_DOCUMENT' };
		expect(flattenMedia(session)).toEqual([
			media({
				...doc,
				media_id: 'cfd85b6d-e78f-4c14-994c-78ad0671312d',
				media_type: 'JSON',
				media_role: 'task_generated',
				task_id: '738e0007-68b8-466a-bd1d-30448b157cd8',
			}),
			media({
				...doc,
				media_id: '6b58c356-1e68-4ee2-af54-3264406de92a',
				media_type: 'IMAGE',
				media_role: 'document_page',
				media_created: '2021-07-20T15:15:52Z',
				media_last_updated: '2021-07-20T15:15:52Z',
			}),
			media({
				...doc,
				media_id: 'cfd85b6d-e78f-4c14-994c-78ad0671312d',
				media_type: 'JSON',
				media_role: 'document_fields',
				media_created: '2021-07-20T15:15:53Z',
				media_last_updated: '2021-07-20T15:15:53Z',
			}),
			media({
				...doc,
				media_id: 'd8f8051e-c5d7-4334-b5af-6b9a07fdb38c',
				media_type: 'IMAGE',
				media_role: 'document_id_photo',
				media_created: '2021-07-20T15:15:53Z',
				media_last_updated: '2021-07-20T15:15:53Z',
			}),
			// generated_media[] has only id and type; generated_profile.media names the same
			// media with its dates
			media({
				session_id: S,
				media_id: '2f5bbedd-cc1b-4d9f-a424-90bb5ee0fc99',
				media_type: 'JSON',
				media_role: 'check_generated',
				media_created: '2021-07-20T15:15:55Z',
				media_last_updated: '2021-07-20T15:15:55Z',
				check_id: C,
			}),
			media({
				session_id: S,
				media_id: 'b0fb459c-f573-4205-9847-5ab72301325c',
				media_type: 'JSON',
				media_role: 'watchlist_raw_results',
				media_created: '2021-07-20T15:15:55Z',
				media_last_updated: '2021-07-20T15:15:55Z',
				check_id: C,
			}),
		]);
	});

	test('the watchlist check: raw results media, countries, no search type, generated media once', () => {
		const [check] = flattenChecks(session);
		expect(check).toMatchObject({
			watchlist_total_hits: 0,
			watchlist_raw_results_media_id: 'b0fb459c-f573-4205-9847-5ab72301325c',
			watchlist_associated_country_codes: ['GBR'],
			watchlist_search_type: null,
			generated_media_ids: ['2f5bbedd-cc1b-4d9f-a424-90bb5ee0fc99'],
		});
		// added after every field the check had before
		expect(Object.keys(check).slice(-5)).toEqual([
			'watchlist_total_hits',
			'watchlist_raw_results_media_id',
			'watchlist_associated_country_codes',
			'watchlist_search_type',
			'generated_media_ids',
		]);
	});
});

describe('go-watchlist_advanced_ca_profile_custom.json', () => {
	const session = load('go-watchlist_advanced_ca_profile_custom.json');
	const S = 'a3819be3-df1f-4d8c-9161-abfe1b19d9e8';
	const R = 'd99241db-243f-472d-84a2-d956b87db5f8';

	test('tasks: the extraction task generated the text-data check', () => {
		expect(flattenTasks(session)).toEqual([
			{
				session_id: S,
				session_state: 'COMPLETED',
				resource_id: R,
				resource_type: 'ID_DOCUMENT',
				task_id: 'e1995b9a-9b6f-43b9-a179-32bbe2d25586',
				task_type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: '2022-01-14T14:54:14Z',
				task_last_updated: '2022-01-14T14:59:13Z',
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: ['851cec96-7459-49d3-b9b2-bcbc4c759987'],
				generated_media_ids: ['a8c9e973-4e58-43d8-952d-17f36f12bce2'],
			},
		]);
	});

	test('media: two pages, fields, photo, check media and the hit list', () => {
		const doc = { session_id: S, resource_id: R, resource_type: 'ID_DOCUMENT' };
		const page = (id: string, at: string) =>
			media({ ...doc, media_id: id, media_type: 'IMAGE', media_role: 'document_page', media_created: at, media_last_updated: at });
		expect(flattenMedia(session)).toEqual([
			media({
				...doc,
				media_id: 'a8c9e973-4e58-43d8-952d-17f36f12bce2',
				media_type: 'JSON',
				media_role: 'task_generated',
				task_id: 'e1995b9a-9b6f-43b9-a179-32bbe2d25586',
			}),
			page('8c65cb1c-92cb-43df-bac1-65433ac3a1c1', '2022-01-14T14:54:30Z'),
			page('a7c8331c-6e29-4720-8818-27c02e6252b3', '2022-01-14T14:54:31Z'),
			media({
				...doc,
				media_id: 'b5cae0f3-ae43-41d3-b8a7-1b0d363938ef',
				media_type: 'JSON',
				media_role: 'document_fields',
				media_created: '2022-01-14T14:59:13Z',
				media_last_updated: '2022-01-14T14:59:13Z',
			}),
			media({
				...doc,
				media_id: 'ee3f9895-0552-4e16-ad9a-914e2f676c10',
				media_type: 'IMAGE',
				media_role: 'document_id_photo',
				media_created: '2022-01-14T14:54:34Z',
				media_last_updated: '2022-01-14T14:54:34Z',
			}),
			media({
				session_id: S,
				media_id: 'b5cae0f3-ae43-41d3-b8a7-1b0d363938ef',
				media_type: 'JSON',
				media_role: 'check_generated',
				check_id: '851cec96-7459-49d3-b9b2-bcbc4c759987',
			}),
			media({
				session_id: S,
				media_id: '7c405b5e-348d-4a2c-87ff-787d4fb139c0',
				media_type: 'JSON',
				media_role: 'check_generated',
				media_created: '2022-01-14T14:59:14Z',
				media_last_updated: '2022-01-14T14:59:14Z',
				check_id: '06e661c5-0e24-44ed-8f6c-8b99807efc12',
			}),
			media({
				session_id: S,
				media_id: '0ebadb40-670a-4dd8-b0cc-5079d5d74c1c',
				media_type: 'JSON',
				media_role: 'watchlist_raw_results',
				media_created: '2022-01-14T14:59:14Z',
				media_last_updated: '2022-01-14T14:59:14Z',
				check_id: '06e661c5-0e24-44ed-8f6c-8b99807efc12',
			}),
		]);
	});

	test('checks: generated media on every check, the search type of the advanced CA check', () => {
		const checks = flattenChecks(session);
		expect(checks.map((check) => check.generated_media_ids)).toEqual([
			[],
			['b5cae0f3-ae43-41d3-b8a7-1b0d363938ef'],
			['7c405b5e-348d-4a2c-87ff-787d4fb139c0'],
		]);
		expect(checks[2]).toMatchObject({
			watchlist_total_hits: 100,
			watchlist_raw_results_media_id: '0ebadb40-670a-4dd8-b0cc-5079d5d74c1c',
			watchlist_associated_country_codes: ['GBR'],
			watchlist_search_type: 'WITH_CUSTOM_ACCOUNT',
		});
		expect('watchlist_search_type' in checks[0]).toBe(false);
	});

	test('the watchlist api_key is in no tasks or media item', () => {
		for (const mode of ['tasks', 'media'] as const) {
			expect(JSON.stringify(sessionItems(session, mode))).not.toContain('gQ2vf0STnF5nGy9SSdyuGJuYMFfNASmV');
		}
	});
});

describe('py-response_get_docs_scan_session.json', () => {
	const session = load('py-response_get_docs_scan_session.json');
	const T = '2020-01-30T15:00:00Z';
	const U = '<uuid>';

	test('tasks: the liveness capture has an empty task list', () => {
		expect(flattenTasks(session)).toEqual([
			{
				session_id: U,
				session_state: 'COMPLETED',
				resource_id: U,
				resource_type: 'ID_DOCUMENT',
				task_id: U,
				task_type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: T,
				task_last_updated: T,
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: [],
				generated_media_ids: [U],
			},
		]);
	});

	test('media: the three frames share the placeholder ID, so liveness_frame appears once; {} frames add nothing', () => {
		const doc = { session_id: U, resource_id: U, resource_type: 'ID_DOCUMENT' };
		const live = { session_id: U, resource_id: U, resource_type: 'LIVENESS' };
		expect(flattenMedia(session)).toEqual([
			media({ ...doc, media_id: U, media_type: 'JSON', media_role: 'task_generated', task_id: U }),
			media({ ...doc, media_id: U, media_type: 'IMAGE', media_role: 'document_page', media_created: T, media_last_updated: T }),
			media({ ...doc, media_id: U, media_type: 'JSON', media_role: 'document_fields', media_created: T, media_last_updated: T }),
			media({ ...live, media_id: U, media_type: 'IMAGE', media_role: 'liveness_frame', media_created: T, media_last_updated: T }),
			media({ ...live, media_id: U, media_type: 'BINARY', media_role: 'liveness_facemap', media_created: T, media_last_updated: T }),
		]);
	});
});

describe('identity profile fixtures: the report media and the preview', () => {
	test('go advanced profile: report media, and the preview media under its own role', () => {
		const session = load('go-GetSessionResultWithAdvancedIdentityProfile.json');
		const S = 'a1746488-efcc-4c59-bd28-f849dcb933a2';
		expect(flattenTasks(session)).toEqual([]);
		expect(flattenMedia(session)).toEqual([
			media({
				session_id: S,
				media_id: 'c69ff2db-6caf-4e74-8386-037711bbc8d7',
				media_type: 'IMAGE',
				media_role: 'identity_profile_report',
				media_created: '2022-03-29T11:39:24Z',
				media_last_updated: '2022-03-29T11:39:24Z',
			}),
			media({
				session_id: S,
				media_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				media_type: 'IMAGE',
				media_role: 'advanced_identity_profile_preview',
				media_created: '2021-06-11T11:39:24Z',
				media_last_updated: '2021-06-11T11:39:24Z',
			}),
		]);
	});

	test.each([
		'dotnet-GetSessionResultWithIdentityProfile.json',
		'php-sessionResultIdentityProfileResult.json',
	])('%s: the report media only', (name) => {
		expect(flattenMedia(load(name))).toEqual([
			media({
				session_id: 'a1746488-efcc-4c59-bd28-f849dcb933a2',
				media_id: 'c69ff2db-6caf-4e74-8386-037711bbc8d7',
				media_type: 'IMAGE',
				media_role: 'identity_profile_report',
				media_created: '2022-03-29T11:39:24Z',
				media_last_updated: '2022-03-29T11:39:24Z',
			}),
		]);
	});
});

describe('a static liveness resource list (go-resource-container-static.json, wrapped as a session)', () => {
	test('each STATIC image is the capture frame of its resource', () => {
		const resources = load('go-resource-container-static.json');
		const items = flattenMedia({ session_id: 's', resources });
		expect(items.map((item) => [item.resource_id, item.media_id, item.media_role, item.resource_type])).toEqual([
			['1bf432f3-63fd-4fa7-b243-84adc305dd5f', 'b73c5b58-cd54-4784-8a58-af936f31994f', 'liveness_frame', 'LIVENESS'],
			['1fb5120f-7e50-4c48-8753-8311f4a96ed4', '72bfb8eb-2333-4c24-8e39-cd67c408e68c', 'liveness_frame', 'LIVENESS'],
			['ea28dd83-c273-4d59-a91f-fd2d0df06640', 'e95bc897-a8cf-4c21-ba87-4415571d1a55', 'liveness_frame', 'LIVENESS'],
		]);
	});
});

describe('every fixture in ../shared/conformance/sdk-fixtures, every output mode', () => {
	const names = fs.readdirSync(FIXTURES).filter((name) => name !== 'SOURCES.txt');

	test.each(names)('%s never throws and gives flat items with the contract fields in order', (name) => {
		let body: unknown;
		try {
			body = parseJsonText(fixtureBytes(name));
		} catch {
			body = fixtureBytes(name).toString('utf8'); // a text fixture: still must not throw
		}
		for (const mode of ['checks', 'subChecks', 'summary', 'tasks', 'media', 'raw'] as const) {
			expect(() => sessionItems(body, mode)).not.toThrow();
		}
		for (const item of flattenTasks(body)) {
			expect(Object.keys(item)).toEqual(TASK_KEYS);
			expect(isFlat(item)).toBe(true);
		}
		for (const item of flattenMedia(body)) {
			expect(Object.keys(item)).toEqual(MEDIA_KEYS);
			expect(MEDIA_ROLES).toContain(item.media_role);
			expect(typeof item.media_id).toBe('string');
			expect(isFlat(item)).toBe(true);
		}
		for (const check of flattenChecks(body)) expect(Array.isArray(check.generated_media_ids)).toBe(true);
	});
});

describe('resource types and roles the fixtures do not show', () => {
	const session = {
		session_id: 's1',
		state: 'COMPLETED',
		resources: {
			supplementary_documents: [
				{
					id: 'sup-1',
					document_type: 'UTILITY_BILL',
					pages: [{ media: { id: 'm-page', type: 'IMAGE' }, frames: [{ media: { id: 'm-frame', type: 'IMAGE' } }] }],
					document_fields: { media: { id: 'm-sfields', type: 'JSON' } },
					file: { media: { id: 'm-file', type: 'BINARY' } },
					tasks: [
						{
							id: 't-1',
							type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION',
							state: 'DONE',
							recommendation: { value: 'MUST_TRY_AGAIN', reason: { value: 'QUALITY', detail: 'BLUR' } },
							generated_media: [{ id: 'm-task', type: 'JSON' }],
						},
					],
				},
			],
			face_capture: [{ id: 'fc-1', image: { media: { id: 'm-face', type: 'IMAGE' } } }],
			applicant_profiles: [{ id: 'ap-1', media: { id: 'm-applicant', type: 'JSON' }, tasks: [{ id: 't-2', type: 'X', state: 'PENDING', recommendation: { value: 'SHOULD_TRY_AGAIN', reason: 'A_PLAIN_STRING' } }] }],
		},
		checks: [{ id: 'c-1', type: 'NEW_CHECK', report: { something: { media: { id: 'm-check-other' } } } }],
		extra: { deep: [{ media: [{ id: 'm-list-1' }, { id: 'm-list-2' }] }] },
	};

	test('tasks: the recommendation reason as Yoti sends it ({value, detail}) or as a plain string; an unknown resource key in upper case', () => {
		expect(flattenTasks(session)).toEqual([
			{
				session_id: 's1',
				session_state: 'COMPLETED',
				resource_id: 'sup-1',
				resource_type: 'SUPPLEMENTARY_DOCUMENT',
				task_id: 't-1',
				task_type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: null,
				task_last_updated: null,
				recommendation: 'MUST_TRY_AGAIN',
				recommendation_reason: 'QUALITY',
				generated_check_ids: [],
				generated_media_ids: ['m-task'],
			},
			{
				session_id: 's1',
				session_state: 'COMPLETED',
				resource_id: 'ap-1',
				resource_type: 'APPLICANT_PROFILES',
				task_id: 't-2',
				task_type: 'X',
				task_state: 'PENDING',
				task_created: null,
				task_last_updated: null,
				recommendation: 'SHOULD_TRY_AGAIN',
				recommendation_reason: 'A_PLAIN_STRING',
				generated_check_ids: [],
				generated_media_ids: [],
			},
		]);
	});

	test('media roles', () => {
		expect(flattenMedia(session).map((item) => [item.media_id, item.media_role, item.resource_type, item.check_id, item.task_id])).toEqual([
			['m-page', 'document_page', 'SUPPLEMENTARY_DOCUMENT', null, null],
			['m-frame', 'document_frame', 'SUPPLEMENTARY_DOCUMENT', null, null],
			['m-sfields', 'supplementary_fields', 'SUPPLEMENTARY_DOCUMENT', null, null],
			['m-file', 'supplementary_file', 'SUPPLEMENTARY_DOCUMENT', null, null],
			['m-task', 'task_generated', 'SUPPLEMENTARY_DOCUMENT', null, 't-1'],
			['m-face', 'face_capture_image', 'FACE_CAPTURE', null, null],
			['m-applicant', 'applicant_profile', 'APPLICANT_PROFILES', null, null],
			['m-check-other', 'other', null, 'c-1', null],
			['m-list-1', 'other', null, null, null],
			['m-list-2', 'other', null, null, null],
		]);
	});

	test('odd shapes: nothing, lists, strings, empty and non-string IDs', () => {
		for (const body of [null, undefined, 42, 'text', [], {}, { resources: [] }, { resources: { id_documents: 'x' } }, { checks: {} }]) {
			expect(flattenMedia(body)).toEqual([]);
			expect(flattenTasks(body)).toEqual([]);
		}
		expect(
			flattenMedia({ resources: { id_documents: [{ pages: [{ media: { id: '' } }, { media: { id: 7 } }, { media: {} }, { media: 'x' }] }] } }).map(
				(item) => item.media_id,
			),
		).toEqual(['7']);
	});

	test('a very deeply nested media is still found (no call-stack limit)', () => {
		let deep: Record<string, unknown> = { media: { id: 'm-deep' } };
		for (let i = 0; i < 20000; i++) deep = { x: deep };
		expect(flattenMedia({ extra: deep }).map((item) => item.media_id)).toEqual(['m-deep']);
	});
});

/*
 * Shapes from the official SDKs (2026-12-04 contract): a share-code resource as PHP's
 * ShareCodeResourceResponseTest / Python's test_share_code_resource_response build it
 * (`created_at` on the resource, `{media}` under lookup_profile / returned_profile / id_photo /
 * file, a VERIFY_SHARE_CODE_TASK), `import_token` as PHP's GetSessionResultTest
 * (`{media, failure_reason: "SOME_REASON"}`), `applicant_profiles[]` as Java's
 * ApplicantProfileResourceResponse (`{id, source, tasks, media}`).
 */
describe('share codes, previews, import token and applicant profiles', () => {
	const session = {
		session_id: 'sess-1',
		state: 'COMPLETED',
		resources: {
			share_codes: [
				{
					id: 'share-code-123',
					source: { type: 'END_USER' },
					created_at: '2026-01-14T10:00:00Z',
					last_updated: '2026-01-14T11:00:00Z',
					lookup_profile: { media: { id: 'm1', type: 'JSON' } },
					returned_profile: { media: { id: 'm2', type: 'JSON' } },
					id_photo: { media: { id: 'm3', type: 'IMAGE' } },
					file: { media: { id: 'm4', type: 'PDF' } },
					tasks: [
						{
							type: 'VERIFY_SHARE_CODE_TASK',
							id: 't1',
							state: 'DONE',
							generated_checks: [{ id: 'c1', type: 'THIRD_PARTY_IDENTITY' }, { type: 'THIRD_PARTY_IDENTITY' }, { id: '' }],
							generated_media: [{ id: 'gm-1', type: 'PDF' }, { type: 'IMAGE' }, { id: null, type: 'JSON' }],
						},
					],
				},
			],
			applicant_profiles: [{ id: 'ap-1', source: { type: 'RELYING_BUSINESS' }, tasks: [], media: { id: 'm-ap', type: 'JSON' } }],
		},
		checks: [{ id: 'c1', type: 'THIRD_PARTY_IDENTITY', state: 'DONE', generated_media: [{ type: 'JSON' }, { id: 'gm-c', type: 'JSON' }] }],
		identity_profile_preview: { media: { id: 'm-prev', type: 'IMAGE' } },
		advanced_identity_profile_preview: { media: { id: 'm-aprev', type: 'IMAGE' } },
		import_token: { media: { id: 'm-token', type: 'JSON' }, failure_reason: 'SOME_REASON' },
	};

	test('tasks: share_codes -> SHARE_CODE; generated checks and media without an id are skipped, never null', () => {
		expect(flattenTasks(session)).toEqual([
			{
				session_id: 'sess-1',
				session_state: 'COMPLETED',
				resource_id: 'share-code-123',
				resource_type: 'SHARE_CODE',
				task_id: 't1',
				task_type: 'VERIFY_SHARE_CODE_TASK',
				task_state: 'DONE',
				task_created: null,
				task_last_updated: null,
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: ['c1'],
				generated_media_ids: ['gm-1'],
			},
		]);
	});

	test('media: every new place has its own role; id-less generated media are skipped', () => {
		expect(flattenMedia(session).map((item) => [item.media_id, item.media_role, item.resource_id, item.resource_type, item.check_id, item.task_id])).toEqual([
			['m1', 'share_code_lookup_profile', 'share-code-123', 'SHARE_CODE', null, null],
			['m2', 'share_code_returned_profile', 'share-code-123', 'SHARE_CODE', null, null],
			['m3', 'share_code_id_photo', 'share-code-123', 'SHARE_CODE', null, null],
			['m4', 'share_code_file', 'share-code-123', 'SHARE_CODE', null, null],
			['gm-1', 'task_generated', 'share-code-123', 'SHARE_CODE', null, 't1'],
			['m-ap', 'applicant_profile', 'ap-1', 'APPLICANT_PROFILES', null, null],
			['gm-c', 'check_generated', null, null, 'c1', null],
			['m-prev', 'identity_profile_preview', null, null, null, null],
			['m-aprev', 'advanced_identity_profile_preview', null, null, null, null],
			['m-token', 'import_token', null, null, null, null],
		]);
	});

	test('check items: generated_media_ids skip the id-less entry', () => {
		expect(flattenChecks(session)[0].generated_media_ids).toEqual(['gm-c']);
	});

	test('a share code key that is not one of the four stays `other`, not dropped', () => {
		const odd = { session_id: 's', resources: { share_codes: [{ id: 'sc', something_new: { media: { id: 'm-new' } } }] } };
		expect(flattenMedia(odd).map((item) => [item.media_id, item.media_role, item.resource_type])).toEqual([['m-new', 'other', 'SHARE_CODE']]);
	});

	test('go basic profile fixture: identity_profile_preview under its own role', () => {
		const roles = flattenMedia(load('go-GetSessionResultWithIdentityProfile.json')).map((item) => [item.media_id, item.media_role]);
		expect(roles).toEqual([
			['c69ff2db-6caf-4e74-8386-037711bbc8d7', 'identity_profile_report'],
			['3fa85f64-5717-4562-b3fc-2c963f66afa6', 'identity_profile_preview'],
		]);
	});
});
