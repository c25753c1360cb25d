/* eslint-disable */
/**
 * Authentication "None" (contract § Trigger node, `authentication`): anyone who knows a session
 * ID can post a notification, so a forged one must not suppress the genuine one. Runs the
 * trigger through n8n-core's real WebhookContext (webhookServer.ts) against the local
 * simulator, whose session files are re-read on every request: the test rewrites a session's
 * file to move it from ONGOING to COMPLETED between two notifications.
 * Expected values are written by hand from the contract's decision ladder; dedupe keys were
 * computed with openssl from the documented recipe (sha256 of the JSON array, base64url, 22).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IWebhookResponseData } from 'n8n-workflow';

import { handleNotification } from '../../nodes/YotiTrigger/webhook';
import { isSessionFinished } from '../../nodes/YotiTrigger/finished';
import { startWebhookServer, post, waitForRuns, type WebhookServer } from './webhookServer';

const { startSimulator, DEMO } = require('../simulator');

const SESSION_ID = 'c0ffee00-1d2e-4f3a-8b4c-5d6e7f809a1b';
const CHECK_ID = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
const MISSING_SESSION_ID = '0badf00d-0000-4000-8000-00000000dead';
const TOKEN = 'noauth-test-token-41';
// printf '["c0ffee00-1d2e-4f3a-8b4c-5d6e7f809a1b","session_completion",null,null,null]' | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | cut -c1-22
const COMPLETION_KEY = '_o3HCs2nsDDEXpBp5Qhqj6';
// the same with "check_completion" and CHECK_ID
const CHECK_KEY = 'HCds3e5aZqwYIPzw5Lu4NW';

const ongoingSession = {
	client_session_token_ttl: 600,
	session_id: SESSION_ID,
	state: 'ONGOING',
	user_tracking_id: 'user-noauth',
	resources: { id_documents: [], liveness_capture: [] },
	checks: [
		{
			type: 'ID_DOCUMENT_AUTHENTICITY',
			id: CHECK_ID,
			state: 'PENDING',
			resources_used: [],
			created: '2026-12-04T09:00:00Z',
			last_updated: '2026-12-04T09:00:00Z',
		},
	],
};
const completedSession = {
	...ongoingSession,
	state: 'COMPLETED',
	checks: [
		{
			...ongoingSession.checks[0],
			state: 'DONE',
			resources_used: ['res-doc-1'],
			last_updated: '2026-12-04T09:05:00Z',
			report: {
				recommendation: { value: 'APPROVE' },
				breakdown: [{ sub_check: 'document_in_date', result: 'PASS', details: [] }],
			},
		},
	],
};

let sim: any;
let sessionsDir: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
	sessionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-trigger-noauth-'));
	sim = await startSimulator({ port: 0, sessionsDir: [sessionsDir] });
});
afterAll(async () => {
	await sim?.close();
	fs.rmSync(sessionsDir, { recursive: true, force: true });
});
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

function writeSession(session: object) {
	fs.writeFileSync(path.join(sessionsDir, `${SESSION_ID}.json`), JSON.stringify(session));
}

interface Tracked extends WebhookServer {
	/** How many webhook() calls have returned (a delivery answered before the read is not yet done). */
	handled: IWebhookResponseData[];
}

/** A trigger whose finished webhook() calls are counted, so a test can wait for "no run". */
async function trigger(parameters: Record<string, unknown>, options: { idvBaseUrl?: string; credential?: boolean } = {}): Promise<Tracked> {
	const handled: IWebhookResponseData[] = [];
	const server = await startWebhookServer({
		parameters: parameters as any,
		credentials: {
			yotiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: options.idvBaseUrl ?? sim.idvBaseUrl } as any,
			...(options.credential ? { yotiNotificationAuthApi: { authType: 'bearer', authToken: TOKEN } } : {}),
		},
		invoke: async (ctx) => {
			const result = await handleNotification.call(ctx);
			handled.push(result);
			return result;
		},
	});
	closers.push(() => server.close());
	return Object.assign(server, { handled });
}

async function waitForHandled(server: Tracked, n: number, timeoutMs = 15000) {
	const started = Date.now();
	while (server.handled.length < n) {
		if (server.errors.length) throw server.errors[0];
		if (Date.now() - started > timeoutMs) throw new Error(`expected ${n} handled deliveries, got ${server.handled.length}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** What Yoti would send, delivered by the simulator (no Authorization: the session has no auth token). */
async function genuine(server: WebhookServer, payload: Record<string, unknown> = {}) {
	const res = await post(`${sim.url}/__admin/notify`, { session_id: SESSION_ID, topic: 'SESSION_COMPLETION', endpoint: server.url, ...payload });
	return JSON.parse(res.body);
}

const sessionReads = () => sim.requests.filter((r: any) => r.path === `/idverify/v1/sessions/${SESSION_ID}`).length;
const remembered = (server: WebhookServer) => ((server.staticData()['node:Yoti Trigger'] as any)?.recentNotifications ?? []).map(([key]: [string, number]) => key);

describe('Authentication None + Fetch Session: only a finished session counts as a repeat', () => {
	test('a forged session_completion while ONGOING runs (PENDING) and is not remembered; the genuine one after COMPLETED runs too (APPROVE)', async () => {
		writeSession(ongoingSession);
		const server = await trigger({ authentication: 'none', fetchSession: true, output: 'summary' });

		// The end user knows the session ID (it is in their link) and posts the completion early.
		const forged = await server.post({ session_id: SESSION_ID, topic: 'session_completion' });
		expect(forged.status).toBe(200);
		expect(forged.body).toBe('');
		await waitForRuns(server, 1);
		expect(server.runs[0].items).toEqual([
			expect.objectContaining({
				session_id: SESSION_ID,
				decision: 'PENDING',
				session_state: 'ONGOING',
				user_tracking_id: 'user-noauth',
				checks_total: 1,
				checks_done: 0,
				topic: 'session_completion',
				dedupe_key: COMPLETION_KEY,
			}),
		]);
		await waitForHandled(server, 1);
		expect(server.staticData()).toEqual({});

		// The user finishes; Yoti sends the real notification minutes later.
		writeSession(completedSession);
		expect(await genuine(server)).toMatchObject({ delivered: true, status: 200, body: '' });
		await waitForRuns(server, 2);
		expect(server.runs[1].items).toEqual([
			expect.objectContaining({
				session_id: SESSION_ID,
				decision: 'APPROVE',
				session_state: 'COMPLETED',
				checks_total: 1,
				checks_done: 1,
				checks_approved: 1,
				topic: 'session_completion',
				dedupe_key: COMPLETION_KEY,
			}),
		]);
		await waitForHandled(server, 2);
		// the finished session's notification is remembered
		expect(remembered(server)).toEqual([COMPLETION_KEY]);
	});

	test('a repeat of a finished session within the window: read, then no second run', async () => {
		writeSession(completedSession);
		const server = await trigger({ authentication: 'none', fetchSession: true, output: 'summary' });
		const readsBefore = sessionReads();
		expect(await genuine(server)).toMatchObject({ status: 200, body: '' });
		await waitForHandled(server, 1);
		// Yoti's answer went out before the read, so the repeat is answered the same way
		expect(await genuine(server)).toMatchObject({ status: 200, body: '' });
		await waitForHandled(server, 2);
		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].items[0]).toMatchObject({ decision: 'APPROVE', dedupe_key: COMPLETION_KEY });
		// without authentication the session is read before the repeat window is checked
		expect(sessionReads() - readsBefore).toBe(2);
		expect(server.handled[1]).toEqual({ noWebhookResponse: true });
		expect(remembered(server)).toEqual([COMPLETION_KEY]);
	});

	test('an EXPIRED session is finished too: the repeat does not run', async () => {
		writeSession({ ...ongoingSession, state: 'EXPIRED' });
		const server = await trigger({ authentication: 'none', fetchSession: true, output: 'summary' });
		await server.post({ session_id: SESSION_ID, topic: 'session_completion' });
		await server.post({ session_id: SESSION_ID, topic: 'session_completion' });
		await waitForHandled(server, 2);
		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].items[0]).toMatchObject({ decision: 'EXPIRED', session_state: 'EXPIRED' });
	});

	test('COMPLETED with a check still PENDING is not finished: a repeat runs and nothing is remembered', async () => {
		writeSession({ ...ongoingSession, state: 'COMPLETED' });
		const server = await trigger({ authentication: 'none', fetchSession: true, output: 'checks' });
		const forged = { session_id: SESSION_ID, topic: 'check_completion', check_id: CHECK_ID };
		await server.post(forged);
		await server.post(forged);
		await waitForHandled(server, 2);
		expect(server.runs).toHaveLength(2);
		for (const run of server.runs) {
			expect(run.items).toEqual([expect.objectContaining({ check_id: CHECK_ID, check_state: 'PENDING', recommendation: null, dedupe_key: CHECK_KEY })]);
		}
		expect(server.staticData()).toEqual({});
	});

	test('two concurrent repeats of a finished session: one run', async () => {
		writeSession(completedSession);
		const slow = await startSimulator({ port: 0, sessionsDir: [sessionsDir], latencyMs: 300 });
		closers.push(() => slow.close());
		const server = await trigger({ authentication: 'none', fetchSession: true, output: 'summary' }, { idvBaseUrl: slow.idvBaseUrl });
		const body = { session_id: SESSION_ID, topic: 'session_completion' };
		const [a, b] = await Promise.all([server.post(body), server.post(body)]);
		// both answered before either read finished
		expect([a.status, a.body, b.status, b.body]).toEqual([200, '', 200, '']);
		expect(server.runs).toEqual([]);
		await waitForHandled(server, 2);
		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].items[0]).toMatchObject({ decision: 'APPROVE', dedupe_key: COMPLETION_KEY });
	});

	test('a failed read is not remembered: every delivery runs with the error item', async () => {
		const server = await trigger({ authentication: 'none', fetchSession: true, output: 'summary' });
		const body = { session_id: MISSING_SESSION_ID, topic: 'session_completion' };
		await server.post(body);
		await server.post(body);
		await waitForHandled(server, 2);
		expect(server.runs).toHaveLength(2);
		for (const run of server.runs) {
			expect(run.items).toEqual([expect.objectContaining({ session_id: MISSING_SESSION_ID, decision: 'ERROR', fetch_failed: true })]);
		}
		expect(server.staticData()).toEqual({});
	});
});

describe('Authentication None without Fetch Session: no de-duplication', () => {
	test('two identical posts → two runs, each with its dedupe_key; nothing in static data', async () => {
		const server = await trigger({ authentication: 'none' });
		const body = { session_id: SESSION_ID, topic: 'session_completion' };
		const first = await server.post(body);
		const second = await server.post(body);
		expect([first.status, first.body, second.status, second.body]).toEqual([200, '', 200, '']);
		const item = { session_id: SESSION_ID, topic: 'session_completion', dedupe_key: COMPLETION_KEY };
		expect(server.runs).toEqual([{ items: [item] }, { items: [item] }]);
		expect(server.staticData()).toEqual({});
	});
});

describe('with the Yoti Notification Auth credential (default): unchanged', () => {
	test('the repeat is dropped before the session is read, even while ONGOING', async () => {
		writeSession(ongoingSession);
		const server = await trigger({ fetchSession: true, output: 'summary' }, { credential: true });
		const readsBefore = sessionReads();
		const body = { session_id: SESSION_ID, topic: 'session_completion' };
		expect(await server.post(body, { Authorization: `Bearer ${TOKEN}` })).toMatchObject({ status: 200, body: '' });
		await waitForHandled(server, 1);
		const repeat = await server.post(body, { Authorization: `Bearer ${TOKEN}` });
		expect(repeat.status).toBe(200);
		expect(JSON.parse(repeat.body)).toEqual({ received: true, skipped: 'duplicate' });
		await waitForHandled(server, 2);
		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].items[0]).toMatchObject({ decision: 'PENDING', dedupe_key: COMPLETION_KEY });
		expect(sessionReads() - readsBefore).toBe(1);
		expect(remembered(server)).toEqual([COMPLETION_KEY]);
	});

	test('without Fetch Session the repeat is dropped too', async () => {
		const server = await trigger({}, { credential: true });
		const body = { session_id: SESSION_ID, topic: 'session_completion' };
		await server.post(body, { Authorization: `Bearer ${TOKEN}` });
		const repeat = await server.post(body, { Authorization: `Bearer ${TOKEN}` });
		expect(JSON.parse(repeat.body)).toEqual({ received: true, skipped: 'duplicate' });
		expect(server.runs).toHaveLength(1);
	});
});

describe('isSessionFinished', () => {
	const doneCheck = { type: 'LIVENESS', id: 'c1', state: 'DONE' };
	test.each([
		['EXPIRED', { state: 'EXPIRED', checks: [{ id: 'c1', state: 'PENDING' }] }, true],
		['COMPLETED, every check DONE', { state: 'COMPLETED', checks: [doneCheck] }, true],
		['COMPLETED, no checks', { state: 'COMPLETED' }, true],
		['COMPLETED, a task DONE and one FAILED', { state: 'COMPLETED', checks: [doneCheck], resources: { id_documents: [{ tasks: [{ state: 'DONE' }, { state: 'FAILED' }] }] } }, true],
		['COMPLETED, identity profile with its result', { state: 'COMPLETED', identity_profile: { result: 'DONE' } }, true],
		['ONGOING', { state: 'ONGOING', checks: [doneCheck] }, false],
		['COMPLETED, a check READY', { state: 'COMPLETED', checks: [doneCheck, { id: 'c2', state: 'READY' }] }, false],
		['COMPLETED, a check without a state', { state: 'COMPLETED', checks: [{ id: 'c2' }] }, false],
		['COMPLETED, a share-code task PENDING', { state: 'COMPLETED', resources: { share_codes: [{ tasks: [{ type: 'VERIFY_SHARE_CODE_TASK', state: 'PENDING' }] }] } }, false],
		['COMPLETED, advanced identity profile without a result yet', { state: 'COMPLETED', advanced_identity_profile: { subject_id: 's' } }, false],
		['state in lower case', { state: 'completed' }, false],
		['no state', { checks: [doneCheck] }, false],
		['an unknown state', { state: 'CANCELLED' }, false],
		['not an object', null, false],
		['an array', [{ state: 'COMPLETED' }], false],
	])('%s → %s', (_name, session, expected) => {
		expect(isSessionFinished(session)).toBe(expected);
	});
});
