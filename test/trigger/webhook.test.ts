/* eslint-disable */
/**
 * The trigger's webhook() through n8n-core's real WebhookContext behind a real HTTP listener
 * (see webhookServer.ts): auth, body checks, topic filter, de-duplication, static data.
 * Session fetching against the simulator is in simulator.test.ts.
 */
import { handleNotification } from '../../nodes/YotiTrigger/webhook';
import { YotiTrigger } from '../../nodes/YotiTrigger/YotiTrigger.node';
import { startWebhookServer, type WebhookServer } from './webhookServer';

const SESSION = 'a3d1f1e6-2c4b-4b8e-9f0a-1b2c3d4e5f60';
const OTHER_SESSION = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const TOKEN = 'n0tif-Token:with:colons';
const BASIC = `Basic ${Buffer.from(TOKEN).toString('base64')}`;
const BEARER = `Bearer ${TOKEN}`;

const servers: WebhookServer[] = [];
async function start(
	parameters: Record<string, unknown> = {},
	authType: 'basic' | 'bearer' = 'bearer',
	extra: Partial<Parameters<typeof startWebhookServer>[0]> = {},
) {
	const server = await startWebhookServer({
		parameters: parameters as any,
		credentials: { yotiNotificationAuthApi: { authType, authToken: TOKEN } },
		...extra,
	});
	servers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

const completion = { session_id: SESSION, topic: 'session_completion' };
// IDs the notification does not carry are left out of the item (not null).
const notificationItem = (over: Record<string, unknown> = {}) => ({
	session_id: SESSION,
	topic: 'session_completion',
	// pinned in dedupe.test.ts: SESSION + session_completion
	dedupe_key: '28nl0DpBbzt0pJmKY8DcPz',
	...over,
});

describe('node description', () => {
	const { description, webhookMethods } = new YotiTrigger();

	test('is a POST webhook trigger on path "webhook" answering an empty 200 on receipt', () => {
		expect(description.name).toBe('yotiTrigger');
		expect(description.displayName).toBe('Yoti Trigger');
		expect(description.version).toBe(1);
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.icon).toEqual({ light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' });
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
		]);
	});

	test('the trigger panel says how to test: a session notifying the Test URL, public https only', () => {
		const panel = description.triggerPanel as any;
		expect(panel.header).toBe('Finish a Yoti session that notifies the Test URL');
		expect(panel.executionsHelp.inactive).toContain('<b>Test URL</b>');
		expect(panel.executionsHelp.inactive).toContain('public <b>https</b> URLs');
		expect(panel.executionsHelp.active).toContain('<b>Production URL</b>');
		expect(panel.activationHint).toMatch(/notifications endpoint/);
	});

	test('its description reads as the whole app (n8n shows it for the merged Yoti entry in the node creator)', () => {
		expect(description.description).toBe(
			'Verify identities with Yoti: start a workflow when a session finishes, create sessions, read results and media',
		);
	});

	test('lifecycle methods succeed without calling anything', async () => {
		const ctx = new Proxy({}, { get: () => { throw new Error('lifecycle must not touch the context'); } });
		await expect(webhookMethods!.default.checkExists.call(ctx as any)).resolves.toBe(true);
		await expect(webhookMethods!.default.create.call(ctx as any)).resolves.toBe(true);
		await expect(webhookMethods!.default.delete.call(ctx as any)).resolves.toBe(true);
	});

	test('parameters and credentials follow the contract', () => {
		const byName = Object.fromEntries(description.properties.map((p) => [p.name, p]));
		expect(byName.topics.type).toBe('multiOptions');
		expect(byName.topics.default).toEqual([]);
		// the usual choice first, the in-branch (IBV) topics last — not alphabetical
		expect((byName.topics.options as any[]).map((o) => o.value)).toEqual([
			'session_completion', 'check_completion', 'task_completion', 'resource_update', 'client_session_token_deleted',
			'new_pdf_supplied', 'instructions_email_requested', 'thank_you_email_requested', 'first_branch_visit',
		]);
		expect((byName.topics.options as any[])[0].name).toBe('Session Completion');
		expect(byName.authentication.default).toBe('yotiNotificationAuthApi');
		expect((byName.authentication.options as any[]).map((o) => o.value).sort()).toEqual(['none', 'yotiNotificationAuthApi']);
		expect(byName.fetchSession).toMatchObject({ type: 'boolean', default: false });
		expect(byName.output.default).toBe('summary');
		expect((byName.output.options as any[]).map((o) => o.value).sort()).toEqual(['checks', 'media', 'raw', 'subChecks', 'summary', 'tasks']);
		expect(byName.notifiedOnly).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { fetchSession: [true] } } });
		expect(byName.output.displayOptions).toEqual({ show: { fetchSession: [true] } });
		expect(byName.notice.type).toBe('notice');
		// three numbered steps (n8n's notice keeps only <a>, <ul>, <li>), details behind a link
		const steps = [...String(byName.notice.displayName).matchAll(/<li>(\d)\. /g)].map((m) => m[1]);
		expect(steps).toEqual(['1', '2', '3']);
		expect(byName.notice.displayName).toContain('Send Notifications');
		expect(byName.notice.displayName).toContain('Test URL');
		expect(byName.notice.displayName).not.toMatch(/<(?!\/?(a|ul|li)\b)[a-z]/i);
		expect(byName.notice.displayName).not.toMatch(/queue mode|notifications\.endpoint/);
		// no second warning with Fetch Session on
		expect(description.properties.filter((p) => p.type === 'notice').map((p) => p.name)).toEqual(['notice', 'noAuthWarning']);
		expect(byName.noAuthWarning.displayOptions).toEqual({ show: { authentication: ['none'] } });
		expect(description.credentials).toEqual([
			{
				name: 'yotiNotificationAuthApi',
				required: true,
				testedBy: 'yotiNotificationAuthTest',
				displayOptions: { show: { authentication: ['yotiNotificationAuthApi'] } },
			},
			{ name: 'yotiApi', required: true, testedBy: 'yotiApiTest', displayOptions: { show: { fetchSession: [true] } } },
		]);
		// every testedBy resolves on this node too
		const trigger = new YotiTrigger();
		for (const c of description.credentials!) {
			expect(typeof (trigger.methods!.credentialTest as any)[c.testedBy as string]).toBe('function');
		}
	});
});

describe('auth', () => {
	test('Bearer: the right token starts one run with the notification, answered with an empty 200', async () => {
		const s = await start();
		const res = await s.post(completion, { Authorization: BEARER });
		expect(res.status).toBe(200);
		expect(res.body).toBe('');
		expect(s.runs).toEqual([{ items: [notificationItem()] }]);
	});

	test('Basic: base64 of the token is accepted', async () => {
		const s = await start({}, 'basic');
		const res = await s.post(completion, { Authorization: BASIC });
		expect(res.status).toBe(200);
		expect(s.runs).toHaveLength(1);
	});

	test.each([
		['missing header', 'bearer', undefined],
		['wrong Bearer token', 'bearer', 'Bearer n0tif-Token:with:colonz'],
		['Bearer token with a suffix', 'bearer', `${BEARER}x`],
		['right token under the Basic scheme', 'bearer', `Basic ${TOKEN}`],
		['base64 of the token under Bearer', 'bearer', `Bearer ${Buffer.from(TOKEN).toString('base64')}`],
		['Basic of the wrong token', 'basic', `Basic ${Buffer.from('n0tif-Token:with:colonZ').toString('base64')}`],
		['raw token under Basic', 'basic', `Basic ${TOKEN}`],
		['right base64 under the Bearer scheme', 'basic', `Bearer ${Buffer.from(TOKEN).toString('base64')}`],
		['no scheme', 'basic', Buffer.from(TOKEN).toString('base64')],
	] as const)('%s → 401, no run, no secret in the answer', async (_name, authType, header) => {
		const s = await start({}, authType);
		const res = await s.post(completion, header === undefined ? {} : { Authorization: header });
		expect(res.status).toBe(401);
		expect(JSON.parse(res.body)).toEqual({ error: 'Missing or wrong Authorization header' });
		expect(res.headers['www-authenticate']).toBe(`${authType === 'basic' ? 'Basic' : 'Bearer'} realm="Yoti notifications"`);
		expect(res.body).not.toContain(TOKEN);
		expect(s.runs).toEqual([]);
	});

	test('Bearer with several spaces after the scheme and a lower-case scheme is accepted', async () => {
		const s = await start();
		expect((await s.post(completion, { Authorization: `bearer    ${TOKEN}` })).status).toBe(200);
		expect(s.runs).toHaveLength(1);
	});

	test('auth is checked before the body: a bad body with wrong auth is a 401, not a 400', async () => {
		const s = await start();
		expect((await s.post('not json', { 'Content-Type': 'text/plain' })).status).toBe(401);
		expect((await s.post(Buffer.alloc(70000, 0x41), { Authorization: 'Bearer nope' })).status).toBe(401);
	});

	test('authentication none: any or no header starts a run', async () => {
		const server = await startWebhookServer({ parameters: { authentication: 'none' } });
		servers.push(server);
		expect((await server.post(completion)).status).toBe(200);
		expect((await server.post({ ...completion, topic: 'check_completion', check_id: 'c1' }, { Authorization: 'Bearer whatever' })).status).toBe(200);
		expect(server.runs).toHaveLength(2);
	});

	test('credential missing while authentication is on → the node fails (n8n answers 500), no run', async () => {
		const server = await startWebhookServer({ parameters: {} });
		servers.push(server);
		const res = await server.post(completion, { Authorization: BEARER });
		expect(res.status).toBe(500);
		expect(server.errors).toHaveLength(1);
		expect(server.runs).toEqual([]);
	});

	test('a credential saved without an auth type uses its default, Basic', async () => {
		const server = await startWebhookServer({ credentials: { yotiNotificationAuthApi: { authToken: TOKEN } } });
		servers.push(server);
		expect((await server.post(completion, { Authorization: BEARER })).status).toBe(401);
		expect((await server.post(completion, { Authorization: BASIC })).status).toBe(200);
		expect(server.runs).toHaveLength(1);
	});

	test('a credential with an empty token refuses everything', async () => {
		const server = await startWebhookServer({ credentials: { yotiNotificationAuthApi: { authType: 'bearer', authToken: '' } } });
		servers.push(server);
		expect((await server.post(completion, { Authorization: 'Bearer ' })).status).toBe(401);
		expect((await server.post(completion)).status).toBe(401);
		expect(server.runs).toEqual([]);
	});
});

describe('body', () => {
	test.each([
		['text that is not JSON', 'session_id=1&topic=x', 'text/plain', 'Body is not valid JSON'],
		['invalid JSON sent as JSON', '{"session_id": ', 'application/json', 'Body is not valid JSON'],
		['a JSON array', JSON.stringify([completion]), 'application/json', 'Body must be a JSON object'],
		['no session_id', JSON.stringify({ topic: 'session_completion' }), 'application/json', 'Missing session_id'],
		['no topic', JSON.stringify({ session_id: SESSION }), 'application/json', 'Missing topic'],
		['a session_id that is not a UUID', JSON.stringify({ session_id: 'abc', topic: 'session_completion' }), 'application/json', 'session_id is not a UUID'],
		['an empty body', '', 'application/json', 'Missing session_id'],
	])('%s → 400, no run', async (_name, body, contentType, message) => {
		const s = await start();
		const res = await s.post(body, { Authorization: BEARER, 'Content-Type': contentType });
		expect(res.status).toBe(400);
		expect(JSON.parse(res.body)).toEqual({ error: message });
		expect(s.runs).toEqual([]);
	});

	test('a body over 64 KiB → 413, no run', async () => {
		const s = await start();
		const res = await s.post({ ...completion, padding: 'x'.repeat(70000) }, { Authorization: BEARER });
		expect(res.status).toBe(413);
		expect(s.runs).toEqual([]);
	});

	test('JSON sent as text/plain is still read from the raw body', async () => {
		const s = await start();
		const res = await s.post(JSON.stringify(completion), { Authorization: BEARER, 'Content-Type': 'text/plain' });
		expect(res.status).toBe(200);
		expect(s.runs).toEqual([{ items: [notificationItem()] }]);
	});

	test('ids from the notification are passed on, unknown fields are not', async () => {
		const s = await start();
		await s.post(
			{ session_id: SESSION, topic: 'resource_update', resource_id: 'r-9', task_id: 't-2', check_id: 'c-3', secret_field: 'x' },
			{ Authorization: BEARER },
		);
		expect(s.runs[0].items).toEqual([
			{ session_id: SESSION, topic: 'resource_update', check_id: 'c-3', task_id: 't-2', resource_id: 'r-9', dedupe_key: 'BOMQO6qDE8TOK-WjIDHIgQ' },
		]);
	});
});

describe('topic filter', () => {
	test('configured upper case, payload lower case → runs', async () => {
		const s = await start({ topics: ['SESSION_COMPLETION'] });
		expect((await s.post(completion, { Authorization: BEARER })).status).toBe(200);
		expect(s.runs).toHaveLength(1);
	});

	test('a topic not selected → 200, no run', async () => {
		const s = await start({ topics: ['session_completion'] });
		const res = await s.post({ session_id: SESSION, topic: 'check_completion', check_id: 'c1' }, { Authorization: BEARER });
		expect(res.status).toBe(200);
		expect(JSON.parse(res.body)).toEqual({ received: true, skipped: 'topic not selected' });
		expect(s.runs).toEqual([]);
	});

	test('payload in upper case is normalised to lower case', async () => {
		const s = await start({ topics: ['check_completion'] });
		await s.post({ session_id: SESSION, topic: 'CHECK_COMPLETION', check_id: 'c1' }, { Authorization: BEARER });
		expect(s.runs[0].items[0].topic).toBe('check_completion');
	});

	test('empty selection accepts every topic, including in-branch ones', async () => {
		const s = await start({ topics: [] });
		const topics = [
			'resource_update', 'task_completion', 'check_completion', 'session_completion', 'client_session_token_deleted',
			'new_pdf_supplied', 'instructions_email_requested', 'thank_you_email_requested', 'first_branch_visit',
		];
		for (const topic of topics) {
			expect((await s.post({ session_id: SESSION, topic }, { Authorization: BEARER })).status).toBe(200);
		}
		expect(s.runs.map((r) => r.items[0].topic)).toEqual(topics);
	});
});

describe('de-duplication', () => {
	test('the same notification twice → one run; the repeat gets 200 "duplicate"', async () => {
		const s = await start();
		expect((await s.post(completion, { Authorization: BEARER })).status).toBe(200);
		const again = await s.post(completion, { Authorization: BEARER });
		expect(again.status).toBe(200);
		expect(JSON.parse(again.body)).toEqual({ received: true, skipped: 'duplicate' });
		expect(s.runs).toHaveLength(1);
	});

	test('different check_ids, topics, sessions, task or resource ids are not duplicates', async () => {
		const s = await start();
		const bodies = [
			{ session_id: SESSION, topic: 'check_completion', check_id: 'c1' },
			{ session_id: SESSION, topic: 'check_completion', check_id: 'c2' },
			{ session_id: SESSION, topic: 'task_completion', task_id: 'c1' },
			{ session_id: SESSION, topic: 'resource_update', resource_id: 'c1' },
			{ session_id: OTHER_SESSION, topic: 'check_completion', check_id: 'c1' },
			{ session_id: SESSION, topic: 'session_completion' },
		];
		for (const b of bodies) await s.post(b, { Authorization: BEARER });
		expect(s.runs).toHaveLength(6);
	});

	test('dedupe_key: the same from two trigger processes (no shared state), whatever the topic case or empty ids', async () => {
		const a = await start();
		const b = await start();
		await a.post(completion, { Authorization: BEARER });
		await b.post({ ...completion, topic: ' SESSION_COMPLETION ', check_id: '', task_id: null }, { Authorization: BEARER });
		expect(a.runs[0].items).toEqual([notificationItem()]);
		expect(b.runs[0].items).toEqual([notificationItem()]);
		await a.post({ ...completion, check_id: 'c1' }, { Authorization: BEARER });
		expect(a.runs[1].items[0].dedupe_key).not.toBe('28nl0DpBbzt0pJmKY8DcPz');
	});

	test('topic case does not defeat de-duplication', async () => {
		const s = await start();
		await s.post(completion, { Authorization: BEARER });
		await s.post({ ...completion, topic: 'SESSION_COMPLETION' }, { Authorization: BEARER });
		expect(s.runs).toHaveLength(1);
	});

	test('after 10 minutes (injected clock) the same notification runs again', async () => {
		let now = 1_800_000_000_000;
		const s = await start({}, 'bearer', { invoke: (ctx) => handleNotification.call(ctx, () => now) });
		await s.post(completion, { Authorization: BEARER });
		now += 9 * 60_000 + 59_999;
		await s.post(completion, { Authorization: BEARER });
		expect(s.runs).toHaveLength(1);
		now += 1;
		expect((await s.post(completion, { Authorization: BEARER })).body).toBe('');
		expect(s.runs).toHaveLength(2);
	});

	test('state is kept in the node static data, hashed, and survives a restart', async () => {
		const first = await start();
		await first.post(completion, { Authorization: BEARER });
		const saved = first.staticData();
		const entries = (saved['node:Yoti Trigger'] as any).recentNotifications;
		expect(entries).toHaveLength(1);
		expect(entries[0][0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(JSON.stringify(saved)).not.toContain(SESSION);
		// a "restarted" n8n: new process memory scope (new workflow id here), same saved static data
		const second = await start({}, 'bearer', { staticData: saved, workflowId: `restart-${Date.now()}` });
		const res = await second.post(completion, { Authorization: BEARER });
		expect(JSON.parse(res.body)).toEqual({ received: true, skipped: 'duplicate' });
		expect(second.runs).toEqual([]);
	});

	test('static data stays bounded at 1000 notifications, oldest evicted, expired pruned', async () => {
		const now = 1_800_000_000_000;
		const seeded = Array.from({ length: 1000 }, (_, i) => [`seed${i}`, now - 1000 + i]);
		const expired = ['old', now - 10 * 60_000];
		const s = await start({}, 'bearer', {
			invoke: (ctx) => handleNotification.call(ctx, () => now),
			staticData: { 'node:Yoti Trigger': { recentNotifications: [expired, ...seeded] } },
		});
		for (let i = 0; i < 3; i++) {
			await s.post({ session_id: SESSION, topic: 'check_completion', check_id: `c${i}` }, { Authorization: BEARER });
		}
		expect(s.runs).toHaveLength(3);
		const entries = (s.staticData()['node:Yoti Trigger'] as any).recentNotifications as [string, number][];
		expect(entries).toHaveLength(1000);
		expect(entries[0]).toEqual(['seed3', now - 997]);
		expect(entries.slice(-3).map(([, t]) => t)).toEqual([now, now, now]);
		expect(entries.some(([k]) => k === 'old')).toBe(false);
	});

	test('refused and filtered deliveries are not recorded', async () => {
		const s = await start({ topics: ['session_completion'] });
		await s.post(completion, { Authorization: 'Bearer wrong' });
		await s.post({ session_id: SESSION, topic: 'check_completion' }, { Authorization: BEARER });
		expect(s.staticData()).toEqual({});
		expect((await s.post(completion, { Authorization: BEARER })).status).toBe(200);
		expect(s.runs).toHaveLength(1);
	});
});

describe('secrets', () => {
	test('the token appears in no item, answer or saved state', async () => {
		const s = await start({}, 'basic');
		const answers = [
			await s.post(completion, { Authorization: BASIC }),
			await s.post(completion, { Authorization: BASIC }),
			await s.post(completion, { Authorization: 'Basic d3Jvbmc=' }),
			await s.post('nope', { Authorization: BASIC, 'Content-Type': 'text/plain' }),
		];
		const everything = JSON.stringify({ runs: s.runs, answers, state: s.staticData() });
		expect(everything).not.toContain(TOKEN);
		expect(everything).not.toContain(Buffer.from(TOKEN).toString('base64'));
	});
});
