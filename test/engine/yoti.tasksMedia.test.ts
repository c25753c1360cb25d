/**
 * The `tasks` and `media` output modes of session.get and signRecipient.getSignedResult inside
 * n8n's engine against the simulator. Expected items are written by hand from
 * test/simulator/data/<session_id>.json and the contract's "Task item" / "Media item".
 */
import { R, S, jsons, out, pairedIndexes, startEnv, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});

const get = (sessionId: string, output: string) => env.run({ resource: 'session', operation: 'get', sessionId, output });
const signed = (recipientId: string, output: string) =>
	env.run({ resource: 'signRecipient', operation: 'getSignedResult', recipientId, output });

const RES = (n: string) => `5e50c000-0000-4000-8000-000000000${n}`;
const CHK = (n: string) => `c4ec0000-0000-4000-8000-000000000${n}`;
const MED = (n: string) => `3ed1a000-0000-4000-8000-000000000${n}`;
const CREATED = '2024-05-14T09:30:00Z';
const UPDATED = '2024-05-14T09:34:12Z';

function media(fields: Record<string, unknown>) {
	return {
		session_id: null,
		resource_id: null,
		resource_type: null,
		media_type: null,
		media_created: null,
		media_last_updated: null,
		check_id: null,
		task_id: null,
		...fields,
	};
}

describe('APPROVE session …0001', () => {
	const id = S.approve;

	test('tasks: the passport text extraction, which generated the text-data check and the fields media', async () => {
		const result = await get(id, 'tasks');
		expect(pairedIndexes(out(result))).toEqual([0]);
		expect(jsons(result)).toEqual([
			{
				session_id: id,
				session_state: 'COMPLETED',
				resource_id: RES('101'),
				resource_type: 'ID_DOCUMENT',
				task_id: '7a5c0000-0000-4000-8000-000000000101',
				task_type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: CREATED,
				task_last_updated: UPDATED,
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: [CHK('102')],
				generated_media_ids: [MED('103')],
			},
		]);
	});

	test('media: every media of the session with its role', async () => {
		const result = await get(id, 'media');
		const items = jsons(result);
		expect(pairedIndexes(out(result))).toEqual(items.map(() => 0));
		const doc = { session_id: id, resource_id: RES('101'), resource_type: 'ID_DOCUMENT' };
		const live = { session_id: id, resource_id: RES('102'), resource_type: 'LIVENESS' };
		const at = (time: string) => ({ media_created: time, media_last_updated: time });
		expect(items).toEqual([
			media({ ...doc, media_id: MED('103'), media_type: 'JSON', media_role: 'task_generated', task_id: '7a5c0000-0000-4000-8000-000000000101' }),
			media({ ...doc, media_id: MED('101'), media_type: 'IMAGE', media_role: 'document_page', ...at(CREATED) }),
			media({ ...doc, media_id: MED('102'), media_type: 'IMAGE', media_role: 'document_frame', ...at(CREATED) }),
			media({ ...doc, media_id: MED('103'), media_type: 'JSON', media_role: 'document_fields', ...at(UPDATED) }),
			media({ ...doc, media_id: MED('104'), media_type: 'IMAGE', media_role: 'document_id_photo', ...at(UPDATED) }),
			media({ ...live, media_id: MED('105'), media_type: 'BINARY', media_role: 'liveness_facemap', ...at(CREATED) }),
			media({ ...live, media_id: MED('106'), media_type: 'IMAGE', media_role: 'liveness_frame', ...at(CREATED) }),
			media({ ...live, media_id: MED('107'), media_type: 'IMAGE', media_role: 'liveness_frame', ...at(CREATED) }),
			media({ session_id: id, media_id: MED('103'), media_type: 'JSON', media_role: 'check_generated', check_id: CHK('102') }),
		]);
	});

	test('each media item feeds Get Media unchanged: every ID downloads (107 is the 204 one)', async () => {
		const inventory = out(await get(id, 'media'));
		const result = await env.run(
			{
				resource: 'session',
				operation: 'getMedia',
				sessionId: '={{ $json.session_id }}',
				mediaId: '={{ $json.media_id }}',
			},
			{ items: inventory.map((item) => ({ json: item.json })) },
		);
		const downloaded = out(result);
		expect(downloaded.map((item) => [item.json.media_id, item.json.has_content])).toEqual([
			[MED('103'), true],
			[MED('101'), true],
			[MED('102'), true],
			[MED('103'), true],
			[MED('104'), true],
			[MED('105'), true],
			[MED('106'), true],
			[MED('107'), false],
			[MED('103'), true],
		]);
		expect(downloaded[1].binary?.data?.fileName).toBe(`${MED('101')}.jpg`);
	});
});

describe('REJECT session …0002: watchlist raw results and a STATIC liveness image', () => {
	test('media', async () => {
		const id = S.reject;
		const items = jsons(await get(id, 'media'));
		expect(items.map((item) => [item.media_id, item.media_role, item.resource_type, item.check_id])).toEqual([
			[MED('202'), 'task_generated', 'ID_DOCUMENT', null],
			[MED('201'), 'document_page', 'ID_DOCUMENT', null],
			[MED('202'), 'document_fields', 'ID_DOCUMENT', null],
			[MED('204'), 'liveness_frame', 'LIVENESS', null],
			[MED('203'), 'check_generated', null, CHK('204')],
			[MED('203'), 'watchlist_raw_results', null, CHK('204')],
			[MED('202'), 'check_generated', null, CHK('205')],
		]);
	});
});

describe('NOT_AVAILABLE session …0003: a supplementary document', () => {
	test('media: its file and fields; tasks: none', async () => {
		const id = S.notAvailable;
		expect(jsons(await get(id, 'tasks'))).toEqual([]);
		const items = jsons(await get(id, 'media'));
		expect(items).toEqual([
			media({
				session_id: id,
				resource_id: RES('301'),
				resource_type: 'ID_DOCUMENT',
				media_id: MED('303'),
				media_type: 'IMAGE',
				media_role: 'document_page',
				media_created: CREATED,
				media_last_updated: CREATED,
			}),
			media({
				session_id: id,
				resource_id: RES('302'),
				resource_type: 'SUPPLEMENTARY_DOCUMENT',
				media_id: MED('301'),
				media_type: 'BINARY',
				media_role: 'supplementary_file',
				media_created: CREATED,
				media_last_updated: CREATED,
			}),
			media({
				session_id: id,
				resource_id: RES('302'),
				resource_type: 'SUPPLEMENTARY_DOCUMENT',
				media_id: MED('302'),
				media_type: 'JSON',
				media_role: 'supplementary_fields',
				media_created: UPDATED,
				media_last_updated: UPDATED,
			}),
			media({ session_id: id, media_id: MED('302'), media_type: 'JSON', media_role: 'check_generated', check_id: CHK('303') }),
		]);
	});
});

describe('identity profile session …0006', () => {
	test('media: face capture, applicant profile, generated profile, identity profile report', async () => {
		const id = S.identityProfile;
		expect(jsons(await get(id, 'media'))).toEqual([
			media({
				session_id: id,
				resource_id: RES('601'),
				resource_type: 'FACE_CAPTURE',
				media_id: MED('602'),
				media_type: 'IMAGE',
				media_role: 'face_capture_image',
				media_created: CREATED,
				media_last_updated: CREATED,
			}),
			media({
				session_id: id,
				resource_id: RES('602'),
				resource_type: 'APPLICANT_PROFILES',
				media_id: MED('603'),
				media_type: 'JSON',
				media_role: 'applicant_profile',
				media_created: CREATED,
				media_last_updated: CREATED,
			}),
			media({
				session_id: id,
				media_id: MED('603'),
				media_type: 'JSON',
				media_role: 'check_generated',
				media_created: UPDATED,
				media_last_updated: UPDATED,
				check_id: CHK('601'),
			}),
			media({
				session_id: id,
				media_id: MED('601'),
				media_type: 'JSON',
				media_role: 'identity_profile_report',
				media_created: UPDATED,
				media_last_updated: UPDATED,
			}),
		]);
	});
});

describe('sessions without tasks or media', () => {
	test('ONGOING …0004 has a page; EXPIRED …0005 a page; no tasks anywhere', async () => {
		expect(jsons(await get(S.ongoing, 'tasks'))).toEqual([]);
		expect(jsons(await get(S.ongoing, 'media')).map((item) => item.media_id)).toEqual([MED('401')]);
		expect(jsons(await get(S.expired, 'tasks'))).toEqual([]);
	});
});

describe('signRecipient.getSignedResult', () => {
	test('media: recipient_id first, then the media of session …0051', async () => {
		const result = await signed(R.completed, 'media');
		const items = jsons(result);
		const base = {
			recipient_id: R.completed,
			session_id: '5e551000-0000-4000-8000-000000000051',
			resource_id: '5e50c000-0000-4000-8000-000000005101',
			resource_type: 'ID_DOCUMENT',
			check_id: null,
			task_id: null,
		};
		expect(items).toEqual([
			{ ...base, media_id: '3ed1a000-0000-4000-8000-000000005102', media_type: 'IMAGE', media_role: 'document_page', media_created: CREATED, media_last_updated: CREATED },
			{ ...base, media_id: '3ed1a000-0000-4000-8000-000000005101', media_type: 'JSON', media_role: 'document_fields', media_created: UPDATED, media_last_updated: UPDATED },
		]);
		expect(Object.keys(items[0])[0]).toBe('recipient_id');
	});

	test('tasks: none for this recipient', async () => {
		expect(jsons(await signed(R.completed, 'tasks'))).toEqual([]);
	});
});

describe('share code session …d0009 (2026-12-04 roles)', () => {
	const id = '5e551000-0000-4000-8000-0000000d0009';
	const M = (n: string) => `3ed1a000-0000-4000-8000-0000000d09${n}`;
	const SHARE = '5e50c000-0000-4000-8000-0000000d0901';

	test('tasks: the VERIFY_SHARE_CODE_TASK under SHARE_CODE; id-less generated checks and media skipped', async () => {
		expect(jsons(await get(id, 'tasks'))).toEqual([
			{
				session_id: id,
				session_state: 'COMPLETED',
				resource_id: SHARE,
				resource_type: 'SHARE_CODE',
				task_id: '7a5c0000-0000-4000-8000-0000000d0901',
				task_type: 'VERIFY_SHARE_CODE_TASK',
				task_state: 'DONE',
				task_created: '2026-01-14T10:01:00Z',
				task_last_updated: '2026-01-14T10:05:00Z',
				recommendation: null,
				recommendation_reason: null,
				generated_check_ids: ['c4ec0000-0000-4000-8000-0000000d0901'],
				generated_media_ids: [M('05')],
			},
		]);
	});

	test('media: share code, applicant profile, preview and import token roles; nothing is `other`', async () => {
		const items = jsons(await get(id, 'media'));
		expect(items.map((item: Record<string, unknown>) => [item.media_id, item.media_role, item.resource_type])).toEqual([
			[M('01'), 'share_code_lookup_profile', 'SHARE_CODE'],
			[M('02'), 'share_code_returned_profile', 'SHARE_CODE'],
			[M('03'), 'share_code_id_photo', 'SHARE_CODE'],
			[M('04'), 'share_code_file', 'SHARE_CODE'],
			[M('05'), 'task_generated', 'SHARE_CODE'],
			[M('06'), 'applicant_profile', 'APPLICANT_PROFILES'],
			[M('07'), 'check_generated', null],
			[M('08'), 'identity_profile_report', null],
			[M('09'), 'identity_profile_preview', null],
			[M('10'), 'import_token', null],
		]);
	});

	test('checks: generated_media_ids skips the generated media without an id', async () => {
		expect(jsons(await get(id, 'checks'))[0]).toMatchObject({ check_type: 'THIRD_PARTY_IDENTITY', generated_media_ids: [M('07')] });
	});
});
