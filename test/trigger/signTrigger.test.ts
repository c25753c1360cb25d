/* eslint-disable */
/**
 * The Yoti Sign Trigger inside n8n-core's WebhookContext (webhookServer.ts) against the
 * simulator: the simulator's envelopes sign and send Yoti Sign's notification bodies to the
 * trigger, which re-reads the envelope with the Sign credential (Confirm With Yoti). Expected
 * items are written by hand from test/simulator/data/envelopes/envelopes.json and the Sign
 * notification examples in ../shared/reference/yoti-sign-envelopes.md.
 */
import { YotiSignTrigger } from '../../nodes/YotiSignTrigger/YotiSignTrigger.node';
import { startWebhookServer, waitForRuns, type WebhookServer } from './webhookServer';

const { startSimulator, DEMO } = require('../simulator');

const E = (n: number) => `e0000000-0000-4000-8000-00000000000${n}`;
const RCP = (n: string) => `5191e000-0000-4000-8000-0000000e0${n}`;

let sim: any;
const servers: WebhookServer[] = [];
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
	await Promise.all(servers.map((s) => s.close()));
	await sim?.close();
});
beforeEach(() => sim.reset());

async function trigger(parameters: Record<string, unknown> = {}): Promise<WebhookServer> {
	const server = await startWebhookServer({
		nodeType: new YotiSignTrigger(),
		parameters,
		credentials: { yotiSignApi: { apiKey: DEMO.signApiKey, environment: 'custom', baseUrl: sim.signBaseUrl } },
	});
	servers.push(server);
	return server;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The documented envelope_completion example with another envelope's ID: what a forger would post. */
function forgedCompletion(envelopeId: string) {
	return {
		envelope_id: envelopeId,
		status: 'COMPLETE',
		platform: { type: 'API' },
		marked_for_deletion: false,
		details: {
			recipients: [{ id: RCP('202'), sign_status: 'SIGNED', name: 'Dan Manager', email: 'dan@example.com', auth_type: 'no-auth', type: 'SIGNER', sign_group_order: 2, role: 'Employer', signed_at: '2026-12-01T10:00:00.000Z', last_email_status: 'SENT' }],
			completed_at: '2026-12-01T10:00:01.000Z',
			files: [{ id: 'f0000000-0000-4000-8000-000000000021', name: 'contract.pdf' }],
		},
		subscription_name: 'envelope_completion',
		envelope_name: 'Employment contract',
	};
}

test('genuine: a signer signs and the envelope completes; each notification is one confirmed item', async () => {
	const server = await trigger();
	sim.envelopes.get(E(2)).notifications = { destination: server.url, subscriptions: ['signer_completion', 'envelope_completion'] };
	const signed = await sim.envelopes.sign(E(2));
	expect(signed.deliveries.map((d: any) => [d.topic, d.status])).toEqual([['signer_completion', 200], ['envelope_completion', 200]]);
	await waitForRuns(server, 2);
	const byTopic = Object.fromEntries(server.runs.map((r) => [r.items[0].topic, r.items]));
	expect(byTopic.signer_completion).toHaveLength(1);
	expect(byTopic.signer_completion[0]).toMatchObject({
		envelope_id: E(2),
		topic: 'signer_completion',
		confirmed: true,
		envelope_name: 'Employment contract',
		recipient_id: RCP('202'),
		recipient_email: 'dan@example.com',
		recipients_total: 2,
		recipients_signed: 2,
	});
	const completedAt = sim.envelopes.get(E(2)).completed_at;
	expect(byTopic.envelope_completion).toEqual([
		{
			envelope_id: E(2),
			topic: 'envelope_completion',
			confirmed: true,
			status: 'COMPLETED',
			complete: true,
			envelope_name: 'Employment contract',
			recipient_id: null,
			recipient_email: null,
			completed_at: completedAt,
			archived_at: null,
			recipients_total: 2,
			recipients_signed: 2,
			errors: [],
			status_raw: 'COMPLETE',
			dedupe_key: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
		},
	]);
	expect(byTopic.envelope_completion[0].dedupe_key).not.toBe(byTopic.signer_completion[0].dedupe_key);
});

test('forged: a completion for an envelope still ACTIVE starts no run, and does not suppress the genuine one', async () => {
	const server = await trigger();
	const mark = sim.requests.length;
	const forged = await server.post(forgedCompletion(E(2)));
	expect(forged.status).toBe(200);
	await sleep(150);
	expect(server.runs).toHaveLength(0);
	expect(sim.requests.slice(mark).map((r: any) => `${r.method} ${r.path}`)).toEqual([`GET /v2/envelopes/${E(2)}`]);

	sim.envelopes.get(E(2)).notifications = { destination: server.url, subscriptions: ['envelope_completion'] };
	await sim.envelopes.sign(E(2));
	await waitForRuns(server, 1);
	expect(server.runs[0].items[0]).toMatchObject({ envelope_id: E(2), topic: 'envelope_completion', confirmed: true, status: 'COMPLETED' });
});

test('forged: an envelope Yoti does not know (404) starts no run', async () => {
	const server = await trigger();
	expect((await server.post(forgedCompletion('e0000000-0000-4000-8000-0000000000ff'))).status).toBe(200);
	await sleep(150);
	expect(server.runs).toHaveLength(0);
});

test('a repeat of a confirmed notification within 10 minutes starts no second run', async () => {
	const server = await trigger();
	for (let i = 0; i < 3; i++) await sim.envelopes.notify(E(1), 'envelope_completion', { destination: server.url });
	await waitForRuns(server, 1);
	await sleep(150);
	expect(server.runs).toHaveLength(1);
	expect(server.runs[0].items[0]).toMatchObject({ envelope_id: E(1), topic: 'envelope_completion', confirmed: true, status: 'COMPLETED', recipients_total: 3, recipients_signed: 2 });
	expect((server.staticData()['node:Yoti Trigger'] as any).recentSignNotifications).toEqual([[server.runs[0].items[0].dedupe_key, expect.any(Number)]]);
});

test('Confirm With Yoti off: every notification runs, confirmed false, nothing read from Yoti', async () => {
	const server = await trigger({ confirmWithYoti: false });
	const mark = sim.requests.length;
	await server.post(forgedCompletion(E(2)));
	await server.post(forgedCompletion(E(2)));
	await waitForRuns(server, 2);
	expect(server.runs[0].items).toEqual([
		{
			envelope_id: E(2),
			topic: 'envelope_completion',
			status: 'COMPLETED',
			complete: true,
			envelope_name: 'Employment contract',
			recipient_id: null,
			completed_at: '2026-12-01T10:00:01.000Z',
			recipients_total: 1,
			recipients_signed: 1,
			file_names: ['contract.pdf'],
			errors: [],
			recipient_email: null,
			confirmed: false,
			dedupe_key: expect.any(String),
		},
	]);
	expect(server.runs[1].items[0].dedupe_key).toBe(server.runs[0].items[0].dedupe_key);
	expect(sim.requests.slice(mark)).toEqual([]);
});

test('Yoti Sign unavailable: the run still starts, confirmed false with the error', async () => {
	const server = await trigger({ options: { attempts: 1 } });
	sim.setFaults(['503:route=/v2/envelopes/']);
	await sim.envelopes.notify(E(1), 'envelope_completion', { destination: server.url });
	await waitForRuns(server, 1);
	sim.clearFaults();
	expect(server.runs[0].items[0]).toMatchObject({
		envelope_id: E(1),
		topic: 'envelope_completion',
		confirmed: false,
		confirm_failed: true,
		error: 'Could not read the envelope from Yoti Sign: Yoti is unavailable (HTTP 503) — tried once; try again later',
	});
});

test('envelope_ready ({Token, Email} as Yoti documents it, or lower case): the tokens for embedded signing', async () => {
	const server = await trigger();
	await sim.envelopes.notify(E(2), 'envelope_ready', { destination: server.url });
	await server.post({ envelope_id: E(3), subscription_name: 'envelope_ready', recipients: [{ token: '70000000-0000-4000-8000-000000000031', email: 'eve@example.com' }], envelope_name: 'Withdrawn offer' });
	await waitForRuns(server, 2);
	const byEnvelope = Object.fromEntries(server.runs.map((r) => [r.items[0].envelope_id, r.items[0]]));
	expect(byEnvelope[E(2)]).toMatchObject({
		topic: 'envelope_ready',
		confirmed: true,
		status: 'ACTIVE',
		envelope_name: 'Employment contract',
		recipient_tokens: [
			{ email: 'cara@example.com', token: '70000000-0000-4000-8000-000000000021' },
			{ email: 'dan@example.com', token: '70000000-0000-4000-8000-000000000022' },
		],
	});
	expect(byEnvelope[E(3)]).toMatchObject({ status: 'ARCHIVED', recipient_tokens: [{ email: 'eve@example.com', token: '70000000-0000-4000-8000-000000000031' }] });
});

test('upload_errors is confirmed by an ERRORED envelope and carries its errors', async () => {
	const server = await trigger();
	await sim.envelopes.notify(E(4), 'upload_errors', { destination: server.url });
	await waitForRuns(server, 1);
	expect(server.runs[0].items[0]).toMatchObject({ envelope_id: E(4), topic: 'upload_errors', confirmed: true, status: 'ERRORED', status_raw: 'FILE_UPLOAD_ERROR', errors: ['lease.pdf: TAG_PAGE_NOT_FOUND'] });
	// …and an upload_errors claim for a healthy envelope is dropped.
	await server.post({ envelope_id: E(2), subscription_name: 'upload_errors', status: 'ERRORED', details: { errors: [{ file_name: 'contract.pdf', code: 'X' }] } });
	await sleep(150);
	expect(server.runs).toHaveLength(1);
});

test('signer_completion for a legacy envelope (GET without recipient IDs) is confirmed by the signer\'s e-mail', async () => {
	const server = await trigger();
	await sim.envelopes.notify(E(5), 'signer_completion', { destination: server.url });
	await waitForRuns(server, 1);
	expect(server.runs[0].items[0]).toMatchObject({ envelope_id: E(5), topic: 'signer_completion', confirmed: true, recipient_id: RCP('501'), recipient_email: 'fay@example.com', status: 'COMPLETED' });
	// …and a signer_completion naming someone who has not signed is dropped.
	await server.post({ envelope_id: E(2), subscription_name: 'signer_completion', status: 'ACTIVE', details: { recipients: [{ id: RCP('202'), email: 'dan@example.com', sign_status: 'SIGNED', signed_at: '2026-12-01T00:00:00Z' }] } });
	await sleep(150);
	expect(server.runs).toHaveLength(1);
});

test('refusals: not JSON, not a Sign notification, an envelope_id that is not a UUID → 400; a topic not selected → 200 without a run', async () => {
	const server = await trigger({ topics: ['envelope_completion'] });
	expect((await server.post('{nope', { 'Content-Type': 'application/json' })).status).toBe(400);
	const missing = await server.post({ envelope_id: E(1) });
	expect(missing.status).toBe(400);
	expect(JSON.parse(missing.body)).toEqual({ error: 'Not a Yoti Sign notification: envelope_id and subscription_name are required' });
	const notUuid = await server.post({ envelope_id: '../x', subscription_name: 'envelope_completion' });
	expect(JSON.parse(notUuid.body)).toEqual({ error: 'envelope_id is not a UUID' });
	const skipped = await server.post({ envelope_id: E(1), subscription_name: 'signer_completion' });
	expect([skipped.status, JSON.parse(skipped.body)]).toEqual([200, { received: true, skipped: 'topic not selected' }]);
	await sleep(100);
	expect(server.runs).toHaveLength(0);
});

test('the Sign API key never reaches an item', async () => {
	const server = await trigger();
	await sim.envelopes.notify(E(1), 'envelope_completion', { destination: server.url });
	await waitForRuns(server, 1);
	expect(JSON.stringify(server.runs)).not.toContain(DEMO.signApiKey);
});
