/* eslint-disable */
/**
 * What a no-code operator meets in the editor, run inside n8n's engine: Create's TTL rule
 * (resources >= link time + one day) checked before anything is sent, the Send Notifications
 * switch, IDs taken out of a pasted Yoti Hub link or a UUID broken by spaces, and the leading
 * fields of Session → Get's items (the first columns of n8n's table view).
 *
 * Create's request body is read by pointing the IDV credential at a plain listener, so the test
 * sees exactly what would reach Yoti.
 */
import { Yoti } from '../../nodes/Yoti/Yoti.node';
import { NOTIFY_TOKEN, S, errorText, jsons, out, startEnv, startListener, type Listener, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
let yoti: Listener;
let trigger: Listener;
beforeAll(async () => {
	env = await startEnv();
	yoti = await startListener();
	trigger = await startListener();
});
afterAll(async () => {
	await yoti?.close();
	await trigger?.close();
	await env?.close();
});
beforeEach(() => {
	yoti.received.length = 0;
});

/** Create against the listener standing in for Yoti; returns the run and the bodies it received. */
async function createAgainstListener(parameters: Record<string, unknown>, options: Parameters<YotiEnv['run']>[1] = {}) {
	const base = `${new URL(yoti.url).origin}/idverify/v1`;
	const result = await env.run(
		{ resource: 'session', operation: 'create', ...parameters },
		{ ...options, credentials: { yotiApi: { baseUrl: base }, ...(options.credentials ?? {}) } },
	);
	return { result, sent: yoti.received.filter((r) => r.method === 'POST').map((r) => r.body) };
}

describe('Create: Link Valid For / Keep Captured Media For (Yoti: resources >= link time + 86,400 s)', () => {
	test('by default the media TTL follows the link TTL: 600 s link → 87,000 s', async () => {
		const { result, sent } = await createAgainstListener({});
		expect(result.error).toBeUndefined();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ client_session_token_ttl: 600, resources_ttl: 87000 });
	});

	test('raising only the link TTL keeps the default valid: 3,600 s link → 90,000 s', async () => {
		const { sent } = await createAgainstListener({ clientSessionTokenTtl: 3600 });
		expect(sent[0]).toMatchObject({ client_session_token_ttl: 3600, resources_ttl: 90000 });
	});

	test('a media TTL typed at exactly the minimum is sent as typed', async () => {
		const { result, sent } = await createAgainstListener({ clientSessionTokenTtl: 900, resourcesTtl: 87300 });
		expect(result.error).toBeUndefined();
		expect(sent[0]).toMatchObject({ client_session_token_ttl: 900, resources_ttl: 87300 });
	});

	test('a media TTL shorter than link time + one day is refused before any request, saying the minimum', async () => {
		const { result, sent } = await createAgainstListener({ clientSessionTokenTtl: 3600, resourcesTtl: 86400 });
		expect(sent).toEqual([]);
		expect(result.error!.message).toBe(
			'Keep Captured Media For (86,400 s) must be at least Link Valid For (3,600 s) plus one day: 90,000 s or more',
		);
		expect((result.error as any).description).toContain('client_session_token_ttl + 86,400 seconds');
	});

	test('the rule is checked on the body about to be sent, Session Spec (JSON) included', async () => {
		const { result, sent } = await createAgainstListener({ sessionSpecJson: JSON.stringify({ client_session_token_ttl: 7200 }) });
		expect(sent).toEqual([]);
		expect(result.error!.message).toBe(
			'Keep Captured Media For (87,000 s) must be at least Link Valid For (7,200 s) plus one day: 93,600 s or more',
		);
	});

	test('with Continue On Fail the refused item becomes an error item and the next one is created', async () => {
		const { result, sent } = await createAgainstListener(
			{ clientSessionTokenTtl: '={{ $json.link }}', resourcesTtl: '={{ $json.media }}' },
			{ items: [{ json: { link: 600, media: 1000 } }, { json: { link: 600, media: 0 } }], continueOnFail: true },
		);
		const items = jsons(result);
		expect(items).toHaveLength(2);
		expect(items[0].error).toMatch(/^Keep Captured Media For \(1,000 s\) must be at least/);
		expect(items[1].error).toBeUndefined();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ resources_ttl: 87000 });
	});
});

describe('Create: Send Notifications', () => {
	test('off (the default): no notifications block is sent, even with an endpoint left in the parameters', async () => {
		const { sent } = await createAgainstListener({ notifications: { endpoint: trigger.url } });
		expect(sent).toHaveLength(1);
		expect(sent[0]).not.toHaveProperty('notifications');
	});

	test('on: the endpoint, topics and the credential token are sent', async () => {
		const { sent } = await createAgainstListener({ sendNotifications: true, notifications: { endpoint: trigger.url } });
		expect(sent[0].notifications).toEqual({
			endpoint: trigger.url,
			topics: ['SESSION_COMPLETION'],
			auth_token: NOTIFY_TOKEN,
			auth_type: 'BASIC',
		});
	});

	test('on without an endpoint: a clear error before any request', async () => {
		const { result, sent } = await createAgainstListener({ sendNotifications: true });
		expect(sent).toEqual([]);
		expect(result.error!.message).toBe('Send Notifications is on but no Endpoint is set');
		expect((result.error as any).description).toContain("Yoti Trigger's Production URL");
	});
});

describe('IDs taken out of what the user pasted', () => {
	const HUB_LINK = `https://hub.yoti.com/idv/sessions/${S.approve}?tab=checks`;

	test('a pasted Yoti Hub session link: the session is read', async () => {
		const result = await env.run({ resource: 'session', operation: 'get', sessionId: HUB_LINK, output: 'summary' });
		expect(result.error).toBeUndefined();
		expect(jsons(result)[0]).toMatchObject({ session_id: S.approve, decision: 'APPROVE' });
	});

	test('a link with the app and the session IDs: the one after "sessions/" is taken', async () => {
		const link = `https://hub.yoti.com/apps/a9900000-0000-4000-8000-000000000001/sessions/${S.approve.toUpperCase()}`;
		const result = await env.run({ resource: 'session', operation: 'get', sessionId: link, output: 'summary' });
		expect(jsons(result)[0]).toMatchObject({ session_id: S.approve });
	});

	test('a UUID broken by spaces and a line break (copied from a table)', async () => {
		const broken = ` ${S.approve.slice(0, 19)} \n ${S.approve.slice(19)} `;
		const result = await env.run({ resource: 'session', operation: 'get', sessionId: broken, output: 'summary' });
		expect(jsons(result)[0]).toMatchObject({ session_id: S.approve });
	});

	test('a link with two IDs and nothing naming them is refused as ambiguous, before any request', async () => {
		const mark = env.sim.requests.length;
		const link = `https://example.com/compare/${S.approve}/${S.reject}`;
		const result = await env.run({ resource: 'session', operation: 'get', sessionId: link });
		expect(result.error!.message).toBe(`Session ID "${link.slice(0, 60)}…" holds several Yoti IDs`);
		expect(env.requestsSince(mark)).toEqual([]);
	});

	test('a typed bad value: the hint says to paste the ID or its link, not to check an expression', async () => {
		const result = await env.run({ resource: 'session', operation: 'get', sessionId: 'session 42' });
		expect(result.error!.message).toBe('Session ID "session 42" is not a valid Yoti ID');
		const description = String((result.error as any).description);
		expect(description).toContain('Paste the ID alone, or the link of the session page it comes from.');
		expect(description).not.toMatch(/expression/i);
	});

	test('a bad value from an expression: the hint points at the expression', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			{ items: [{ json: { id: 'session 42' } }] },
		);
		expect(String((result.error as any).description)).toContain('Check the expression that fills "Session ID"');
	});
});

describe("Session → Get: the first columns are what an operator reads (contract 'Field order matters')", () => {
	test('check items start with session_id, check_type, recommendation, approved, failed_sub_checks', async () => {
		const items = jsons(await env.run({ resource: 'session', operation: 'get', sessionId: S.reject }));
		expect(items.length).toBeGreaterThan(1);
		for (const item of items) {
			expect(Object.keys(item).slice(0, 5)).toEqual(['session_id', 'check_type', 'recommendation', 'approved', 'failed_sub_checks']);
		}
	});

	test('the summary item starts with session_id, decision', async () => {
		const [item] = jsons(await env.run({ resource: 'session', operation: 'get', sessionId: S.reject, output: 'summary' }));
		expect(Object.keys(item).slice(0, 2)).toEqual(['session_id', 'decision']);
	});
});

describe('node description', () => {
	const { description } = new Yoti();
	const createProps = description.properties.filter((p) => p.displayOptions?.show?.operation?.includes('create'));
	const byName = Object.fromEntries(createProps.map((p) => [p.name, p]));

	test("Create: plain TTL names; no Attempts option (its POST is never repeated once it may have reached Yoti)", () => {
		expect(byName.clientSessionTokenTtl).toMatchObject({ displayName: 'Link Valid For (Seconds)', default: 600 });
		expect(byName.resourcesTtl).toMatchObject({ displayName: 'Keep Captured Media For (Seconds)', default: 0 });
		expect(byName.resourcesTtl.hint).toContain('0 = Link Valid For plus one day');
		expect((byName.options.options as any[]).map((o) => o.name)).toEqual(['concurrency']);
		const getOptions = description.properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('get'));
		expect((getOptions!.options as any[]).map((o) => o.name)).toContain('attempts');
	});

	test('Attempts says how it differs from Settings → Retry On Fail', () => {
		const getOptions = description.properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('get'));
		const attempts = (getOptions!.options as any[]).find((o) => o.name === 'attempts');
		expect(attempts.description).toContain('Unlike Settings → Retry On Fail');
	});

	test('Create: the Send Notifications switch shows the notification credential and the Notifications section', () => {
		expect(byName.sendNotifications).toMatchObject({ type: 'boolean', default: false });
		expect(byName.notifications.displayOptions).toEqual({
			show: { resource: ['session'], operation: ['create'], sendNotifications: [true] },
		});
		const names = createProps.map((p) => p.name);
		expect(names.indexOf('notifications')).toBe(names.indexOf('sendNotifications') + 1);
		expect(description.credentials!.find((c) => c.name === 'yotiNotificationAuthApi')).toEqual({
			name: 'yotiNotificationAuthApi',
			required: true,
			testedBy: 'yotiNotificationAuthTest',
			displayOptions: { show: { resource: ['session'], operation: ['create'], sendNotifications: [true] } },
		});
	});

	test('action names read naturally, and the canvas subtitle is the chosen action', () => {
		const actions: Record<string, string> = {};
		for (const p of description.properties.filter((p) => p.name === 'operation')) {
			for (const o of p.options as any[]) actions[o.value] = o.action;
		}
		expect(actions).toMatchObject({
			get: 'Get session result',
			getMedia: 'Download session media',
			deleteMedia: 'Delete session media',
			getSignedMedia: 'Download signed session media',
		});
		// the subtitle is a literal (n8n's lint), so it must carry every operation's action
		const table = JSON.parse(/\(\s*(\{.*\})\s*\)/.exec(description.subtitle!)![1]);
		expect(table).toEqual(actions);
		expect(description.subtitle).toMatch(/\|\| \$parameter\["operation"\] \}\}$/);
	});
});

test('errorText is readable for the refused TTL (what the editor shows)', async () => {
	const { result } = await createAgainstListener({ resourcesTtl: 100 });
	expect(errorText(result)).toContain('Keep Captured Media For (100 s)');
	expect(out({ ...result, error: undefined } as any)).toEqual([]);
});
