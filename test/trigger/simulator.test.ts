/* eslint-disable */
/**
 * End to end against the local Yoti simulator: sessions are created through the official
 * `yoti` SDK with a notifications block pointing at a real HTTP listener that runs the
 * trigger's webhook() inside n8n-core's WebhookContext (webhookServer.ts); the simulator's
 * admin call `POST /__admin/notify` delivers each notification the way Yoti does (Basic or
 * Bearer). With Fetch Session on, the trigger reads the session back from the simulator
 * through n8n-core's real httpRequestWithAuthentication and the signing credential.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IDVClient, SessionSpecificationBuilder, NotificationConfigBuilder } from 'yoti';
import { startWebhookServer, post, waitForRuns, type WebhookServer } from './webhookServer';

const { startSimulator, DEMO } = require('../simulator');

const TOKEN = 'sim-notify-token-7f3a';
const ALL_TOPICS = [
	'RESOURCE_UPDATE', 'TASK_COMPLETION', 'CHECK_COMPLETION', 'SESSION_COMPLETION', 'CLIENT_SESSION_TOKEN_DELETED',
	'NEW_PDF_SUPPLIED', 'INSTRUCTIONS_EMAIL_REQUESTED', 'THANK_YOU_EMAIL_REQUESTED', 'FIRST_BRANCH_VISIT',
];

// A finished session with two checks, written by hand; expected items below are derived by
// hand from the contract's "Check item" / "Sub-check item" / "Summary item" tables.
const DONE_SESSION_ID = '5b1f7c1e-8a57-4a1a-9a4e-1d2c3b4a5f60';
const WATCHLIST_FIXTURE = 'go-watchlist_advanced_ca_profile_custom.json';
const WATCHLIST_SESSION_ID = 'a3819be3-df1f-4d8c-9161-abfe1b19d9e8';
const WATCHLIST_API_KEY = 'gQ2vf0STnF5nGy9SSdyuGJuYMFfNASmV';
const DOC_CHECK_ID = '0c6b9a3e-1f2d-4c5b-8a79-6e5d4c3b2a10';
const LIVENESS_CHECK_ID = '7d8e9f00-1a2b-4c3d-9e4f-5a6b7c8d9e0f';
const doneSession = {
	client_session_token_ttl: 0,
	session_id: DONE_SESSION_ID,
	state: 'COMPLETED',
	user_tracking_id: 'user-42',
	resources: { id_documents: [], liveness_capture: [] },
	checks: [
		{
			type: 'ID_DOCUMENT_AUTHENTICITY',
			id: DOC_CHECK_ID,
			state: 'DONE',
			resources_used: ['res-doc-1'],
			created: '2026-01-05T10:00:00Z',
			last_updated: '2026-01-05T10:02:00Z',
			report: {
				recommendation: { value: 'APPROVE' },
				breakdown: [
					{ sub_check: 'document_in_date', result: 'PASS', details: [] },
					{ sub_check: 'hologram_movement', result: 'PASS', details: [] },
				],
			},
		},
		{
			type: 'LIVENESS',
			id: LIVENESS_CHECK_ID,
			state: 'DONE',
			resources_used: ['res-live-1'],
			created: '2026-01-05T10:00:01Z',
			last_updated: '2026-01-05T10:03:00Z',
			report: {
				recommendation: { value: 'REJECT', reason: 'QUALITY', recovery_suggestion: 'BETTER_LIGHTING' },
				breakdown: [
					{ sub_check: 'liveness_auth', result: 'FAIL', details: [{ name: 'confidence_score', value: '0.12' }] },
				],
			},
		},
	],
};

// Check and sub-check items keep their own check_id; the notification's ids that do not clash
// are added under their own names, and all of them under notification_* — only those the
// notification carries (this one names a check only).
const fromNotification = {
	topic: 'check_completion',
	notification_check_id: LIVENESS_CHECK_ID,
	// sha256 of ["<DONE_SESSION_ID>","check_completion","<LIVENESS_CHECK_ID>",null,null], base64url, 22 chars (openssl)
	dedupe_key: 'VeBjeX7p4VP3m1voSB-G6V',
};
/** The documented dedupe_key recipe (values pinned in dedupe.test.ts), for sessions created at run time. */
const keyFor = (n: { session_id: string; topic: string; check_id: string | null; task_id: string | null; resource_id: string | null }) =>
	crypto.createHash('sha256').update(JSON.stringify([n.session_id, n.topic, n.check_id, n.task_id, n.resource_id])).digest('base64url').slice(0, 22);

let sim: any;
let sessionsDir: string;
const servers: WebhookServer[] = [];

beforeAll(async () => {
	sessionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-trigger-sessions-'));
	fs.writeFileSync(path.join(sessionsDir, `${DONE_SESSION_ID}.json`), JSON.stringify(doneSession));
	// Yoti's own payload of a CONSIDER watchlist hit whose search_config echoes the customer's api_key
	fs.copyFileSync(path.resolve(__dirname, '../../../shared/conformance/sdk-fixtures', WATCHLIST_FIXTURE), path.join(sessionsDir, `${WATCHLIST_SESSION_ID}.json`));
	sim = await startSimulator({ port: 0, sessionsDir: [sessionsDir] });
});
afterAll(async () => {
	await sim?.close();
	fs.rmSync(sessionsDir, { recursive: true, force: true });
});
afterEach(async () => {
	sim.clearFaults();
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

function idvCredentials(over: Record<string, unknown> = {}) {
	return { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl, ...over };
}

async function trigger(parameters: Record<string, unknown>, authType: 'basic' | 'bearer' = 'basic', yotiApi = idvCredentials()) {
	const server = await startWebhookServer({
		parameters: parameters as any,
		credentials: { yotiNotificationAuthApi: { authType, authToken: TOKEN }, yotiApi: yotiApi as any },
	});
	servers.push(server);
	return server;
}

/** Creates a session through the official SDK with a notifications block for `endpoint`. */
async function createSession(endpoint: string, authType: 'BASIC' | 'BEARER'): Promise<string> {
	const client = new IDVClient(DEMO.sdkId, DEMO.privateKey, { apiUrl: sim.idvBaseUrl });
	const notifications = new NotificationConfigBuilder().withEndpoint(endpoint).withAuthToken(TOKEN);
	if (authType === 'BASIC') notifications.withAuthTypeBasic();
	else notifications.withAuthTypeBearer();
	for (const topic of ALL_TOPICS) notifications.withTopic(topic);
	const spec = new SessionSpecificationBuilder()
		.withClientSessionTokenTtl(600)
		.withUserTrackingId('trigger-e2e')
		.withNotifications(notifications.build())
		.build();
	const result = await client.createSession(spec);
	return result.getSessionId();
}

/** The simulator's admin call: sends the notification as Yoti would and reports our answer. */
async function adminNotify(payload: Record<string, unknown>) {
	const res = await post(`${sim.url}/__admin/notify`, payload);
	return JSON.parse(res.body);
}

/** Notification for the hand-written finished session, sent with explicit endpoint and auth. */
function notifyDone(server: WebhookServer, extra: Record<string, unknown> = {}) {
	return adminNotify({
		session_id: DONE_SESSION_ID,
		topic: 'CHECK_COMPLETION',
		check_id: LIVENESS_CHECK_ID,
		endpoint: server.url,
		auth_token: TOKEN,
		auth_type: 'BASIC',
		...extra,
	});
}

describe('sessions created through the official SDK, notifications from the simulator', () => {
	test.each(['BASIC', 'BEARER'] as const)('%s: every topic starts one run with the notification', async (authType) => {
		const server = await trigger({}, authType === 'BASIC' ? 'basic' : 'bearer');
		const sessionId = await createSession(server.url, authType);
		const sent = [];
		for (const [i, topic] of ALL_TOPICS.entries()) {
			const ids: Record<string, string> =
				topic === 'CHECK_COMPLETION' ? { check_id: `check-${i}` } :
				topic === 'TASK_COMPLETION' ? { task_id: `task-${i}` } :
				topic === 'RESOURCE_UPDATE' ? { resource_id: `resource-${i}` } : {};
			const result = await adminNotify({ session_id: sessionId, topic, ...ids });
			expect(result).toMatchObject({ delivered: true, status: 200, body: '' });
			// IDs the notification does not carry are left out, not null (no red nulls in every row).
			const n = { session_id: sessionId, topic: topic.toLowerCase(), check_id: ids.check_id ?? null, task_id: ids.task_id ?? null, resource_id: ids.resource_id ?? null };
			sent.push({ session_id: sessionId, topic: topic.toLowerCase(), ...ids, dedupe_key: keyFor(n) });
		}
		expect(server.runs).toEqual(sent.map((n) => ({ items: [n] })));
	});

	test('a session whose notifications carry another token is refused with 401 and never runs', async () => {
		const server = await trigger({}, 'bearer');
		const sessionId = await createSession(server.url, 'BEARER');
		const result = await adminNotify({ session_id: sessionId, topic: 'SESSION_COMPLETION', auth_token: 'not-the-token' });
		expect(result).toMatchObject({ delivered: true, status: 401 });
		const basic = await adminNotify({ session_id: sessionId, topic: 'SESSION_COMPLETION', auth_type: 'BASIC' });
		expect(basic).toMatchObject({ delivered: true, status: 401 });
		expect(server.runs).toEqual([]);
	});

	test('topic filter and repeats: only selected topics run, a repeat is answered 200 without a run', async () => {
		const server = await trigger({ topics: ['SESSION_COMPLETION'] });
		const sessionId = await createSession(server.url, 'BASIC');
		expect(await adminNotify({ session_id: sessionId, topic: 'CHECK_COMPLETION', check_id: 'c1' })).toMatchObject({ status: 200 });
		expect(await adminNotify({ session_id: sessionId, topic: 'SESSION_COMPLETION' })).toMatchObject({ status: 200, body: '' });
		const repeat = await adminNotify({ session_id: sessionId, topic: 'SESSION_COMPLETION' });
		expect(repeat.status).toBe(200);
		expect(JSON.parse(repeat.body)).toEqual({ received: true, skipped: 'duplicate' });
		expect(server.runs.map((r) => r.items[0].topic)).toEqual(['session_completion']);
	});
});

describe('Fetch Session: the session is read back from the simulator', () => {
	test('output checks: one item per check, each carrying the notification', async () => {
		// notifiedOnly off: every check of the session (notifiedOnly.test.ts covers the default)
		const server = await trigger({ fetchSession: true, output: 'checks', notifiedOnly: false });
		expect(await notifyDone(server)).toMatchObject({ delivered: true, status: 200, body: '' });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([
			{
				session_id: DONE_SESSION_ID,
				session_state: 'COMPLETED',
				user_tracking_id: 'user-42',
				check_id: DOC_CHECK_ID,
				check_type: 'ID_DOCUMENT_AUTHENTICITY',
				check_state: 'DONE',
				check_created: '2026-01-05T10:00:00Z',
				check_last_updated: '2026-01-05T10:02:00Z',
				recommendation: 'APPROVE',
				recommendation_reason: null,
				recovery_suggestion: null,
				approved: true,
				sub_checks_total: 2,
				sub_checks_failed: 0,
				failed_sub_checks: [],
				resources_used: ['res-doc-1'],
				breakdown_document_in_date: 'PASS',
				breakdown_hologram_movement: 'PASS',
				generated_media_ids: [],
				...fromNotification,
			},
			{
				session_id: DONE_SESSION_ID,
				session_state: 'COMPLETED',
				user_tracking_id: 'user-42',
				check_id: LIVENESS_CHECK_ID,
				check_type: 'LIVENESS',
				check_state: 'DONE',
				check_created: '2026-01-05T10:00:01Z',
				check_last_updated: '2026-01-05T10:03:00Z',
				recommendation: 'REJECT',
				recommendation_reason: 'QUALITY',
				recovery_suggestion: 'BETTER_LIGHTING',
				approved: false,
				sub_checks_total: 1,
				sub_checks_failed: 1,
				failed_sub_checks: ['liveness_auth'],
				resources_used: ['res-live-1'],
				breakdown_liveness_auth: 'FAIL',
				breakdown_liveness_auth_confidence_score: '0.12',
				generated_media_ids: [],
				...fromNotification,
			},
		]);
	});

	test('output subChecks: one item per breakdown row', async () => {
		const server = await trigger({ fetchSession: true, output: 'subChecks', notifiedOnly: false });
		await notifyDone(server);
		await waitForRuns(server, 1);
		const common = { session_id: DONE_SESSION_ID, process: null, ...fromNotification };
		expect(server.runs[0].items).toEqual([
			{ ...common, check_id: DOC_CHECK_ID, check_type: 'ID_DOCUMENT_AUTHENTICITY', check_state: 'DONE', recommendation: 'APPROVE', sub_check: 'document_in_date', result: 'PASS' },
			{ ...common, check_id: DOC_CHECK_ID, check_type: 'ID_DOCUMENT_AUTHENTICITY', check_state: 'DONE', recommendation: 'APPROVE', sub_check: 'hologram_movement', result: 'PASS' },
			{ ...common, check_id: LIVENESS_CHECK_ID, check_type: 'LIVENESS', check_state: 'DONE', recommendation: 'REJECT', sub_check: 'liveness_auth', result: 'FAIL', detail_confidence_score: '0.12' },
		]);
	});

	test('output summary: one item with the decision', async () => {
		const server = await trigger({ fetchSession: true, output: 'summary' });
		await notifyDone(server, { topic: 'SESSION_COMPLETION', check_id: undefined });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([
			{
				session_id: DONE_SESSION_ID,
				session_state: 'COMPLETED',
				user_tracking_id: 'user-42',
				decision: 'REJECT',
				checks_total: 2,
				checks_done: 2,
				checks_approved: 1,
				checks_rejected: 1,
				checks_not_available: 0,
				checks_review: 0,
				rejected_check_types: ['LIVENESS'],
				review_check_types: [],
				not_available_reasons: [],
				identity_profile_result: null,
				identity_profile_failure_reason: null,
				identity_profile_requirements_not_met: [],
				identity_profile_schemes_not_met: [],
				identity_profile_source: null,
				topic: 'session_completion',
				dedupe_key: 'VirvmE57U7sEFIN2XoOsN9',
			},
		]);
	});

	test('output defaults to summary: one item per notification, session_id and decision first', async () => {
		const server = await trigger({ fetchSession: true });
		await notifyDone(server);
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toHaveLength(1);
		const [item] = server.runs[0].items;
		expect(Object.keys(item).slice(0, 2)).toEqual(['session_id', 'decision']);
		expect(item).toMatchObject({ session_id: DONE_SESSION_ID, decision: 'REJECT', topic: 'check_completion', check_id: LIVENESS_CHECK_ID, notification_check_id: LIVENESS_CHECK_ID });
		expect(item).not.toHaveProperty('task_id');
		expect(item).not.toHaveProperty('notification_resource_id');
	});

	test('check items start with what an operator reads; the notification fields come last', async () => {
		const server = await trigger({ fetchSession: true, output: 'checks' });
		await notifyDone(server);
		await waitForRuns(server, 1);
		for (const item of server.runs[0].items) {
			const keys = Object.keys(item);
			expect(keys.slice(0, 5)).toEqual(['session_id', 'check_type', 'recommendation', 'approved', 'failed_sub_checks']);
			expect(keys.slice(-3)).toEqual(['topic', 'notification_check_id', 'dedupe_key']);
		}
	});

	test('output raw: the session as served, plus the notification fields', async () => {
		const server = await trigger({ fetchSession: true, output: 'raw' });
		await notifyDone(server, { topic: 'RESOURCE_UPDATE', check_id: undefined, resource_id: 'res-live-1' });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([
			{
				...doneSession,
				resource_id: 'res-live-1',
				topic: 'resource_update',
				notification_resource_id: 'res-live-1',
				dedupe_key: 'NlHl4xXnV47AWlhWLzdOlu',
			},
		]);
	});

	test('a session without checks yet still yields one item (the notification and the session state)', async () => {
		const server = await trigger({ fetchSession: true, output: 'checks' });
		const sessionId = await createSession(server.url, 'BASIC');
		expect(await adminNotify({ session_id: sessionId, topic: 'RESOURCE_UPDATE', resource_id: 'r-1' })).toMatchObject({ status: 200 });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([
			{
				session_id: sessionId, topic: 'resource_update', resource_id: 'r-1', session_state: 'ONGOING',
				dedupe_key: keyFor({ session_id: sessionId, topic: 'resource_update', check_id: null, task_id: null, resource_id: 'r-1' }),
			},
		]);
	});

	test('Yoti gets its 200 before the session is read', async () => {
		const slow = await startSimulator({ port: 0, sessionsDir: [sessionsDir], latencyMs: 400 });
		try {
			const server = await trigger({ fetchSession: true, output: 'summary' }, 'basic', idvCredentials({ baseUrl: slow.idvBaseUrl }));
			const result = await notifyDone(server);
			expect(result).toMatchObject({ delivered: true, status: 200, body: '' });
			// answered, but the run (which needs the slow read) has not started yet
			expect(server.runs).toEqual([]);
			await waitForRuns(server, 1);
			expect(server.runs[0].items[0]).toMatchObject({ session_id: DONE_SESSION_ID, decision: 'REJECT' });
		} finally {
			await slow.close();
		}
	});

	test('a repeat arriving while the first read is still running is caught', async () => {
		const slow = await startSimulator({ port: 0, sessionsDir: [sessionsDir], latencyMs: 300 });
		try {
			const server = await trigger({ fetchSession: true, output: 'summary' }, 'basic', idvCredentials({ baseUrl: slow.idvBaseUrl }));
			const [a, b] = await Promise.all([notifyDone(server), notifyDone(server)]);
			expect([a.status, b.status]).toEqual([200, 200]);
			const bodies = [a.body, b.body].sort();
			expect(bodies[0]).toBe('');
			expect(JSON.parse(bodies[1])).toEqual({ received: true, skipped: 'duplicate' });
			await waitForRuns(server, 1);
			// both deliveries have been answered by now; only one of them started a run
			expect(server.runs).toHaveLength(1);
		} finally {
			await slow.close();
		}
	});

	test('a CONSIDER watchlist hit: summary REVIEW; raw output with the echoed api_key redacted', async () => {
		const summary = await trigger({ fetchSession: true, output: 'summary' });
		await notifyDone(summary, { session_id: WATCHLIST_SESSION_ID, check_id: null });
		await waitForRuns(summary, 1);
		expect(summary.runs[0].items).toEqual([
			expect.objectContaining({ session_id: WATCHLIST_SESSION_ID, decision: 'REVIEW', checks_review: 1, review_check_types: ['WATCHLIST_ADVANCED_CA'] }),
		]);
		const raw = await trigger({ fetchSession: true, output: 'raw' });
		await notifyDone(raw, { session_id: WATCHLIST_SESSION_ID, topic: 'SESSION_COMPLETION', check_id: null });
		await waitForRuns(raw, 1);
		const [item] = raw.runs[0].items as any[];
		expect(item.checks[2].report.watchlist_summary.search_config.api_key).toBe('[redacted]');
		expect(JSON.stringify(raw.runs)).not.toContain(WATCHLIST_API_KEY);
	});

	test('a retryable failure (503 once) is retried and the run gets the session', async () => {
		sim.setFaults(['503:times=1:route=/sessions/']);
		const logged = sim.requests.length;
		const server = await trigger({ fetchSession: true, output: 'summary', options: { attempts: 3 } });
		await notifyDone(server);
		await waitForRuns(server, 1);
		expect(server.runs[0].items[0]).toMatchObject({ decision: 'REJECT', topic: 'check_completion' });
		expect(sim.requests.slice(logged).filter((r: any) => r.path === `/idverify/v1/sessions/${DONE_SESSION_ID}`).map((r: any) => r.status)).toEqual([503, 200]);
	});
});

describe('Fetch Session failures: Yoti still gets 200 and one item carries the error', () => {
	const errorItem = (error: unknown) => ({
		session_id: DONE_SESSION_ID,
		topic: 'check_completion',
		check_id: LIVENESS_CHECK_ID,
		// The trigger's default output is summary, where a failed read routes as ERROR.
		decision: 'ERROR',
		fetch_failed: true,
		error,
		dedupe_key: 'VeBjeX7p4VP3m1voSB-G6V',
	});

	test('wrong private key → Yoti 401 → error item naming the signature problem, no key in it', async () => {
		const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
		const wrongPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const server = await trigger({ fetchSession: true }, 'basic', idvCredentials({ privateKey: wrongPem }));
		expect(await notifyDone(server)).toMatchObject({ delivered: true, status: 200, body: '' });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([errorItem(expect.stringMatching(/^Could not read the session from Yoti: .*signature/i))]);
		const text = JSON.stringify(server.runs);
		expect(text).not.toContain('PRIVATE KEY');
		expect(text).not.toContain(TOKEN);
	});

	test('unknown session → 404 → error item saying the session was not found', async () => {
		const server = await trigger({ fetchSession: true });
		const missing = '11111111-2222-4333-8444-555555555555';
		expect(await notifyDone(server, { session_id: missing })).toMatchObject({ status: 200 });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([
			{ ...errorItem(expect.stringMatching(/not found/i)), session_id: missing, dedupe_key: 'nra5630KKHBE8IS-OSi8QS' },
		]);
	});

	test('Yoti unreachable → error item after the configured attempts', async () => {
		const closed = await startSimulator({ port: 0 });
		const deadUrl = closed.idvBaseUrl;
		await closed.close();
		const server = await trigger({ fetchSession: true, options: { attempts: 1 } }, 'basic', idvCredentials({ baseUrl: deadUrl }));
		expect(await notifyDone(server)).toMatchObject({ status: 200, body: '' });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([errorItem(expect.stringMatching(/^Could not read the session from Yoti: /))]);
	});

	test('summary output: the failure item says decision ERROR, so one Switch on decision routes it', async () => {
		const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
		const wrongPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const server = await trigger({ fetchSession: true, output: 'summary' }, 'basic', idvCredentials({ privateKey: wrongPem }));
		expect(await notifyDone(server)).toMatchObject({ status: 200, body: '' });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([{ ...errorItem(expect.stringMatching(/signature/i)), decision: 'ERROR' }]);
		expect(Object.keys(server.runs[0].items[0]).slice(0, 2)).toEqual(['session_id', 'decision']);
	});

	test('items read successfully never carry fetch_failed', async () => {
		for (const output of ['summary', 'checks', 'raw']) {
			const server = await trigger({ fetchSession: true, output });
			await notifyDone(server);
			await waitForRuns(server, 1);
			expect(server.runs[0].items.length).toBeGreaterThan(0);
			for (const item of server.runs[0].items) expect(item).not.toHaveProperty('fetch_failed');
		}
	});

	test('missing IDV credential → error item (the notification is not lost)', async () => {
		const server = await startWebhookServer({
			parameters: { fetchSession: true } as any,
			credentials: { yotiNotificationAuthApi: { authType: 'basic', authToken: TOKEN } },
		});
		servers.push(server);
		expect(await notifyDone(server)).toMatchObject({ status: 200 });
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([errorItem(expect.stringMatching(/^Could not read the session from Yoti: /))]);
	});
});
