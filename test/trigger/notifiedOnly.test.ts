/* eslint-disable */
/**
 * The trigger's `notifiedOnly` (default on) with Fetch Session, against the local simulator:
 * a notification naming a check, task or resource emits only that check's (`checks`,
 * `subChecks`), task's (`tasks`) or resource's (`media`) items; `summary` is whole. The session
 * below is written by hand and every expected item is read off it by hand.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startWebhookServer, post, waitForRuns, type WebhookServer } from './webhookServer';

const { startSimulator, DEMO } = require('../simulator');

const TOKEN = 'notified-only-token-31c9';
const SESSION_ID = '5e551000-0000-4000-8000-0000000013a1';
const DOC = '5e50c000-0000-4000-8000-0000000013a1';
const SUP = '5e50c000-0000-4000-8000-0000000013a2';
const TASK_DOC = '7a5c0000-0000-4000-8000-0000000013a1';
const TASK_SUP = '7a5c0000-0000-4000-8000-0000000013a2';
const CHECK_TEXT = 'c4ec0000-0000-4000-8000-0000000013a1';
const CHECK_SUP = 'c4ec0000-0000-4000-8000-0000000013a2';
const M_PAGE = '3ed1a000-0000-4000-8000-0000000013a1';
const M_FIELDS = '3ed1a000-0000-4000-8000-0000000013a2';
const M_FILE = '3ed1a000-0000-4000-8000-0000000013a3';
const T = '2026-02-01T10:00:00Z';

const session = {
	session_id: SESSION_ID,
	state: 'ONGOING',
	resources: {
		id_documents: [
			{
				id: DOC,
				document_type: 'PASSPORT',
				tasks: [
					{
						id: TASK_DOC,
						type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION',
						state: 'DONE',
						created: T,
						last_updated: T,
						recommendation: { value: 'PROGRESS' },
						generated_checks: [{ id: CHECK_TEXT, type: 'ID_DOCUMENT_TEXT_DATA_CHECK' }],
						generated_media: [{ id: M_FIELDS, type: 'JSON' }],
					},
				],
				pages: [{ media: { id: M_PAGE, type: 'IMAGE', created: T, last_updated: T } }],
				document_fields: { media: { id: M_FIELDS, type: 'JSON', created: T, last_updated: T } },
			},
		],
		supplementary_documents: [
			{
				id: SUP,
				document_type: 'UTILITY_BILL',
				tasks: [
					{
						id: TASK_SUP,
						type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION',
						state: 'DONE',
						created: T,
						last_updated: T,
						recommendation: { value: 'MUST_TRY_AGAIN', reason: { value: 'QUALITY', detail: 'BLUR' } },
						generated_checks: [],
						generated_media: [],
					},
				],
				file: { media: { id: M_FILE, type: 'BINARY', created: T, last_updated: T } },
			},
		],
	},
	checks: [
		{
			id: CHECK_TEXT,
			type: 'ID_DOCUMENT_TEXT_DATA_CHECK',
			state: 'DONE',
			resources_used: [DOC],
			generated_media: [{ id: M_FIELDS, type: 'JSON' }],
			report: { recommendation: { value: 'APPROVE' }, breakdown: [{ sub_check: 'text_data_readable', result: 'PASS' }] },
			created: T,
			last_updated: T,
		},
		{
			id: CHECK_SUP,
			type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK',
			state: 'DONE',
			resources_used: [SUP],
			generated_media: [],
			report: {
				recommendation: { value: 'NOT_AVAILABLE', reason: 'EXTRACTION_FAILED' },
				breakdown: [{ sub_check: 'document_fields_readable', result: 'FAIL' }],
			},
			created: T,
			last_updated: T,
		},
	],
};

let sim: any;
let sessionsDir: string;
const servers: WebhookServer[] = [];

beforeAll(async () => {
	sessionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-notified-only-'));
	fs.writeFileSync(path.join(sessionsDir, `${SESSION_ID}.json`), JSON.stringify(session));
	sim = await startSimulator({ port: 0, sessionsDir: [sessionsDir] });
});
afterAll(async () => {
	await sim?.close();
	fs.rmSync(sessionsDir, { recursive: true, force: true });
});
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function runOnce(parameters: Record<string, unknown>, notification: Record<string, unknown>) {
	const server = await startWebhookServer({
		parameters: { fetchSession: true, ...parameters } as any,
		credentials: {
			yotiNotificationAuthApi: { authType: 'basic', authToken: TOKEN },
			yotiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl } as any,
		},
	});
	servers.push(server);
	const res = await post(`${sim.url}/__admin/notify`, {
		session_id: SESSION_ID,
		endpoint: server.url,
		auth_token: TOKEN,
		auth_type: 'BASIC',
		...notification,
	});
	expect(JSON.parse(res.body)).toMatchObject({ delivered: true, status: 200 });
	await waitForRuns(server, 1);
	// Every item of one notification carries the same dedupe_key (its value is pinned in
	// dedupe.test.ts); the expectations below are about the rest of each item.
	const items = server.runs[0].items as Record<string, unknown>[];
	const keys = new Set(items.map((item) => item.dedupe_key));
	expect(keys.size).toBe(1);
	expect(String([...keys][0])).toMatch(/^[A-Za-z0-9_-]{22}$/);
	return items.map(({ dedupe_key, ...rest }) => rest);
}

const checkCompletion = { topic: 'CHECK_COMPLETION', check_id: CHECK_SUP };
const taskCompletion = { topic: 'TASK_COMPLETION', task_id: TASK_SUP, resource_id: SUP };
const resourceUpdate = { topic: 'RESOURCE_UPDATE', resource_id: DOC };

describe('notifiedOnly on (the default)', () => {
	test('checks: a check_completion emits only the notified check', async () => {
		const items = await runOnce({ output: 'checks' }, checkCompletion);
		expect(items).toEqual([
			{
				session_id: SESSION_ID,
				session_state: 'ONGOING',
				user_tracking_id: null,
				check_id: CHECK_SUP,
				check_type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK',
				check_state: 'DONE',
				check_created: T,
				check_last_updated: T,
				recommendation: 'NOT_AVAILABLE',
				recommendation_reason: 'EXTRACTION_FAILED',
				recovery_suggestion: null,
				approved: false,
				sub_checks_total: 1,
				sub_checks_failed: 1,
				failed_sub_checks: ['document_fields_readable'],
				resources_used: [SUP],
				breakdown_document_fields_readable: 'FAIL',
				generated_media_ids: [],
				topic: 'check_completion',
				notification_check_id: CHECK_SUP,
			},
		]);
	});

	test('subChecks: only the notified check’s rows', async () => {
		const items = await runOnce({ output: 'subChecks' }, checkCompletion);
		expect(items.map((item) => [item.check_id, item.sub_check, item.result])).toEqual([[CHECK_SUP, 'document_fields_readable', 'FAIL']]);
	});

	test('tasks: a task_completion emits only the notified task', async () => {
		const items = await runOnce({ output: 'tasks' }, taskCompletion);
		expect(items).toEqual([
			{
				session_id: SESSION_ID,
				session_state: 'ONGOING',
				resource_id: SUP,
				resource_type: 'SUPPLEMENTARY_DOCUMENT',
				task_id: TASK_SUP,
				task_type: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION',
				task_state: 'DONE',
				task_created: T,
				task_last_updated: T,
				recommendation: 'MUST_TRY_AGAIN',
				recommendation_reason: 'QUALITY',
				generated_check_ids: [],
				generated_media_ids: [],
				topic: 'task_completion',
				notification_task_id: TASK_SUP,
				notification_resource_id: SUP,
			},
		]);
	});

	test('media: a resource_update emits only the notified resource’s media (its task media too)', async () => {
		const items = await runOnce({ output: 'media' }, resourceUpdate);
		const base = { session_id: SESSION_ID, resource_id: DOC, resource_type: 'ID_DOCUMENT', check_id: null };
		const notified = { topic: 'resource_update', notification_resource_id: DOC };
		expect(items).toEqual([
			{
				...base,
				media_id: M_FIELDS,
				media_type: 'JSON',
				media_role: 'task_generated',
				media_created: null,
				media_last_updated: null,
				task_id: TASK_DOC,
				...notified,
			},
			{ ...base, media_id: M_PAGE, media_type: 'IMAGE', media_role: 'document_page', media_created: T, media_last_updated: T, task_id: null, ...notified },
			{ ...base, media_id: M_FIELDS, media_type: 'JSON', media_role: 'document_fields', media_created: T, media_last_updated: T, task_id: null, ...notified },
		]);
	});

	test('summary stays whole: one item for the session', async () => {
		const items = await runOnce({ output: 'summary' }, checkCompletion);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ session_id: SESSION_ID, checks_total: 2, topic: 'check_completion' });
	});

	test('a notification that names no check leaves checks whole', async () => {
		const items = await runOnce({ output: 'checks' }, taskCompletion);
		expect(items.map((item) => item.check_id)).toEqual([CHECK_TEXT, CHECK_SUP]);
	});

	test('a check the session does not list (yet): the run still starts with the notification', async () => {
		const items = await runOnce({ output: 'checks' }, { topic: 'CHECK_COMPLETION', check_id: 'c4ec0000-0000-4000-8000-0000000013ff' });
		expect(items).toEqual([
			{
				session_id: SESSION_ID,
				topic: 'check_completion',
				check_id: 'c4ec0000-0000-4000-8000-0000000013ff',
				session_state: 'ONGOING',
			},
		]);
	});
});

describe('notifiedOnly off', () => {
	test('checks: every check of the session for a check_completion', async () => {
		const items = await runOnce({ output: 'checks', notifiedOnly: false }, checkCompletion);
		expect(items.map((item) => item.check_id)).toEqual([CHECK_TEXT, CHECK_SUP]);
	});

	test('tasks: every task; media: every media', async () => {
		const tasks = await runOnce({ output: 'tasks', notifiedOnly: false }, taskCompletion);
		expect(tasks.map((item) => item.task_id)).toEqual([TASK_DOC, TASK_SUP]);
		const media = await runOnce({ output: 'media', notifiedOnly: false }, resourceUpdate);
		expect(media.map((item) => [item.media_id, item.media_role])).toEqual([
			[M_FIELDS, 'task_generated'],
			[M_PAGE, 'document_page'],
			[M_FIELDS, 'document_fields'],
			[M_FILE, 'supplementary_file'],
			[M_FIELDS, 'check_generated'],
		]);
	});
});
