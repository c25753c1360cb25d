/* eslint-disable */
/**
 * Get Identity Data's supplementary documents, `document_category`, `has_document_fields` and
 * the document-fields parse failure, plus the `tasks` output of the same demo session, inside
 * n8n's engine against the simulator. Demo sessions …1301 and …1302
 * (test/simulator/data/5e551000-0000-4000-8000-00000000130{1,2}.json); expected items are
 * written by hand from those files and their media.
 */
import { S, errorText, itemsOf, jsons, out, startEnv, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});

const RETRY = '5e551000-0000-4000-8000-000000001301';
const BROKEN = '5e551000-0000-4000-8000-000000001302';
const BROKEN_FIELDS = '3ed1a000-0000-4000-8000-000000130201';

const identity = (sessionId: string, extra: Record<string, unknown> = {}) =>
	env.run({ resource: 'session', operation: 'getIdentityData', sessionId, ...extra });

describe('…1301: a passport whose fields media is empty (204) and a bank statement', () => {
	test('one item per document, supplementary included, has_document_fields on both', async () => {
		const mark = env.sim.requests.length;
		const result = await identity(RETRY);
		expect(out(result).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(jsons(result)).toEqual([
			{
				session_id: RETRY,
				resource_id: '5e50c000-0000-4000-8000-000000130101',
				document_category: 'ID_DOCUMENT',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				has_document_fields: false,
				identity_profile_result: null,
			},
			{
				full_name: 'Jane Ann Example',
				structured_postal_address_postal_code: 'SW1A 1AA',
				structured_postal_address_country_iso: 'GBR',
				date_of_issue: '2024-04-30',
				session_id: RETRY,
				resource_id: '5e50c000-0000-4000-8000-000000130102',
				document_category: 'SUPPLEMENTARY_DOCUMENT',
				document_type: 'BANK_STATEMENT',
				issuing_country: 'GBR',
				has_document_fields: true,
				identity_profile_result: null,
			},
		]);
		expect(env.requestsSince(mark).map((r) => `${r.path} ${r.status}`)).toEqual([
			`/idverify/v1/sessions/${RETRY} 200`,
			`/idverify/v1/sessions/${RETRY}/media/3ed1a000-0000-4000-8000-000000130102/content 204`,
			`/idverify/v1/sessions/${RETRY}/media/3ed1a000-0000-4000-8000-000000130103/content 200`,
		]);
	});

	test('tasks output: Yoti asks the user to try the passport again', async () => {
		expect(jsons(await env.run({ resource: 'session', operation: 'get', sessionId: RETRY, output: 'tasks' }))).toEqual([
			{
				session_id: RETRY,
				session_state: 'COMPLETED',
				resource_id: '5e50c000-0000-4000-8000-000000130101',
				resource_type: 'ID_DOCUMENT',
				task_id: '7a5c0000-0000-4000-8000-000000130101',
				task_type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: '2024-05-14T09:30:00Z',
				task_last_updated: '2024-05-14T09:34:12Z',
				recommendation: 'MUST_TRY_AGAIN',
				recommendation_reason: 'QUALITY',
				generated_check_ids: [],
				generated_media_ids: [],
			},
			{
				session_id: RETRY,
				session_state: 'COMPLETED',
				resource_id: '5e50c000-0000-4000-8000-000000130102',
				resource_type: 'SUPPLEMENTARY_DOCUMENT',
				task_id: '7a5c0000-0000-4000-8000-000000130102',
				task_type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: '2024-05-14T09:30:00Z',
				task_last_updated: '2024-05-14T09:34:12Z',
				recommendation: 'PROGRESS',
				recommendation_reason: null,
				generated_check_ids: ['c4ec0000-0000-4000-8000-000000130101'],
				generated_media_ids: ['3ed1a000-0000-4000-8000-000000130103'],
			},
		]);
	});

	test('media output: the supplementary file and fields under their roles', async () => {
		const items = jsons(await env.run({ resource: 'session', operation: 'get', sessionId: RETRY, output: 'media' }));
		expect(items.map((item) => [item.media_id, item.media_role, item.resource_type])).toEqual([
			['3ed1a000-0000-4000-8000-000000130101', 'document_page', 'ID_DOCUMENT'],
			['3ed1a000-0000-4000-8000-000000130102', 'document_fields', 'ID_DOCUMENT'],
			['3ed1a000-0000-4000-8000-000000130103', 'task_generated', 'SUPPLEMENTARY_DOCUMENT'],
			['3ed1a000-0000-4000-8000-000000130104', 'supplementary_file', 'SUPPLEMENTARY_DOCUMENT'],
			['3ed1a000-0000-4000-8000-000000130103', 'supplementary_fields', 'SUPPLEMENTARY_DOCUMENT'],
			['3ed1a000-0000-4000-8000-000000130103', 'check_generated', null],
		]);
	});
});

describe('…1302: document fields media that is not JSON', () => {
	test('the run fails with an error naming the media and the session', async () => {
		const result = await identity(BROKEN);
		expect((result.error as any)?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`The document fields media ${BROKEN_FIELDS} of session ${BROKEN} is not valid JSON`);
		expect(errorText(result)).toMatch(/Get Media/);
	});

	test('Continue On Fail: an error item for that session, the next session still read', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'getIdentityData', sessionId: '={{ $json.sessionId }}' },
			{ items: itemsOf('sessionId', [BROKEN, S.approve]), continueOnFail: true },
		);
		const items = out(result);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toEqual({
			error: `The document fields media ${BROKEN_FIELDS} of session ${BROKEN} is not valid JSON`,
			error_description: 'Yoti returned this media as the document fields, but it could not be read as JSON. Download it with Get Media to look at it.',
		});
		expect(items[1].json).toMatchObject({ session_id: S.approve, full_name: 'Jane Ann Example', has_document_fields: true });
	});
});
