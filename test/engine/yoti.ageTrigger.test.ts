/* eslint-disable */
/**
 * The Yoti Age Verification Trigger behind a real HTTP listener (n8n-core's WebhookContext).
 * Yoti's notifications page gives no signed example ("signature": "some_signature"), so every
 * vector here is signed by the tests with the simulator's TEST-ONLY key
 * (test/simulator/demo-keys/age-notification-*.pem), injected as the trigger's Custom Public Key.
 */
import * as crypto from 'crypto';

import { YOTI_AGE_NOTIFICATION_PUBLIC_KEY, signedTextCandidates } from '../../nodes/Yoti/core/ageNotification';
import {
	DEMO,
	TEST_NOTIFICATION_PUBLIC_KEY,
	jsons,
	signNotification,
	startAgeEnv,
	startAgeTrigger,
	waitFor,
	type AgeEnv,
	type TriggerServer,
} from './yoti.ageFixtures';

let env: AgeEnv;
const servers: TriggerServer[] = [];
beforeAll(async () => {
	env = await startAgeEnv();
});
afterAll(async () => {
	for (const server of servers) await server.close();
	await env?.close();
});

async function trigger(parameters: Record<string, unknown> = {}, credentials: Record<string, any> = {}) {
	const server = await startAgeTrigger({ publicKey: 'custom', customPublicKey: TEST_NOTIFICATION_PUBLIC_KEY, ...parameters }, credentials);
	servers.push(server);
	return server;
}

const SESSION = '14010f56-3f04-4f1f-84e7-a43ff723ef86';
/** Yoti's example notification (notifications page), with our own IDs. */
function notification(overrides: Record<string, unknown> = {}) {
	return {
		method: 'AGE_ESTIMATION',
		result: false,
		age: 18,
		session_key: SESSION,
		reference_id: 'signup-42',
		id: '2480375e-ddc0-4832-9b82-b1d14af5cf75',
		timestamp: 1613482863,
		notification_url: 'https://n8n.example/webhook/x/age',
		evidence_id: 'da4070de-3d34-44d7-86d4-7d6fdf547740',
		state: 'FAIL',
		check_type: 'PASSIVE',
		sequence_number: 1,
		...overrides,
	};
}

test("the node carries Yoti's published key (3072-bit RSA), exactly as on Yoti's page", () => {
	const key = crypto.createPublicKey(YOTI_AGE_NOTIFICATION_PUBLIC_KEY);
	expect(key.asymmetricKeyType).toBe('rsa');
	expect(key.asymmetricKeyDetails?.modulusLength).toBe(3072);
	expect(YOTI_AGE_NOTIFICATION_PUBLIC_KEY).toContain('MIIBojANBgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEAune8+8vPz/pQD6IzdWvX');
	expect(YOTI_AGE_NOTIFICATION_PUBLIC_KEY).toContain('kyLtPA8ie6UNmwNqLYpOEN/pwayYw75FcENBDxnWhoe9AgMBAAE=');
});

test('the signed text: sequence_number and signature removed, compact, key order kept, whitespace stripped first', () => {
	const candidates = signedTextCandidates({ b: 1, a: 'x y', sequence_number: 2, signature: 'zz', é: 'ü' });
	expect(candidates[0]).toBe('{"b":1,"a":"xy","é":"ü"}');
	expect(candidates).toContain('{"b":1,"a":"x y","é":"ü"}');
	expect(candidates).toContain('{"b":1,"a":"x y","\\u00e9":"\\u00fc"}');
});

describe('signature', () => {
	test('a signed COMPLETE: 200, one run, one item to route on', async () => {
		const server = await trigger();
		const delivery = await server.post(signNotification(notification({ state: 'COMPLETE', result: true, age: 25 })));
		expect(delivery).toEqual({ status: 200, body: '' });
		expect(server.runs).toEqual([
			[
				{
					session_id: SESSION,
					state: 'COMPLETE',
					passed: true,
					age: 25,
					method: 'AGE_ESTIMATION',
					reference_id: 'signup-42',
					evidence_id: 'da4070de-3d34-44d7-86d4-7d6fdf547740',
					sequence_number: 1,
					check_type: 'PASSIVE',
					error_code: null,
					notification_id: '2480375e-ddc0-4832-9b82-b1d14af5cf75',
					notified_at: '2021-02-16T13:41:03.000Z',
					dedupe_key: '2480375e-ddc0-4832-9b82-b1d14af5cf75:da4070de-3d34-44d7-86d4-7d6fdf547740',
				},
			],
		]);
	});

	test.each([
		['a signed field changed after signing (age 18 → 19)', (n: any) => ({ ...n, age: 19 })],
		['the state changed FAIL → COMPLETE', (n: any) => ({ ...n, state: 'COMPLETE' })],
		['no signature', (n: any) => { const { signature, ...rest } = n; return rest; }],
		['"some_signature" (the docs\' placeholder)', (n: any) => ({ ...n, signature: 'some_signature' })],
		['a signature by another key', (n: any) => signNotification(n, crypto.generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey)],
	])('%s: 401, no run', async (_label, change) => {
		const server = await trigger();
		const delivery = await server.post(change(signNotification(notification())));
		expect(delivery).toEqual({ status: 401, body: '{"error":"The notification signature does not verify"}' });
		expect(server.runs).toEqual([]);
		expect(server.staticData()).toEqual({});
	});

	test("with Yoti's published key (the default), a notification signed by the test key is refused", async () => {
		const server = await startAgeTrigger({});
		servers.push(server);
		expect((await server.post(signNotification(notification()))).status).toBe(401);
		expect(server.runs).toEqual([]);
	});

	test('sequence_number is not signed: a different one still verifies (and is reported)', async () => {
		const server = await trigger();
		const signed = signNotification(notification());
		expect((await server.post({ ...signed, sequence_number: 7 })).status).toBe(200);
		expect(server.runs[0][0].sequence_number).toBe(7);
	});

	test('signed over the compact text with spaces kept inside values (PHP/Python style) also verifies', async () => {
		const server = await trigger();
		const { sequence_number, ...rest } = notification({ reference_id: 'order 42 (web shop)' }) as any;
		const text = JSON.stringify(rest);
		const signature = crypto
			.sign('sha256', Buffer.from(text), { key: require('fs').readFileSync(require('../simulator/routes/age').AGE_NOTIFICATION_PRIVATE_KEY_PATH), padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
			.toString('base64');
		expect((await server.post({ ...rest, sequence_number: 1, signature })).status).toBe(200);
		expect(server.runs[0][0].reference_id).toBe('order 42 (web shop)');
	});

	test('not JSON: 400; signed but no session_key: 400; no run', async () => {
		const server = await trigger();
		expect(await server.post('{nope')).toEqual({ status: 400, body: '{"error":"The body is not JSON"}' });
		const { session_key, ...noSession } = notification() as any;
		expect(await server.post(signNotification(noSession))).toEqual({
			status: 400,
			body: '{"error":"Not a Yoti age verification notification: no session_key"}',
		});
		expect(server.runs).toEqual([]);
	});
});

describe('repeats and attempts', () => {
	test('the same notification again: 200, no second run; a later attempt (sequence 2 after FAIL) is a new item', async () => {
		const server = await trigger();
		const first = signNotification(notification());
		expect((await server.post(first)).status).toBe(200);
		expect(await server.post(first)).toEqual({ status: 200, body: '{"received":true,"skipped":"duplicate"}' });
		const second = signNotification(
			notification({ id: '3a1c0b7e-0000-4000-8000-000000000002', evidence_id: 'f0e1d2c3-0000-4000-8000-000000000002', state: 'COMPLETE', result: true, sequence_number: 2 }),
		);
		expect((await server.post(second)).status).toBe(200);
		expect(server.runs.map((run) => run.map((item) => [item.state, item.sequence_number, item.passed]))).toEqual([
			[['FAIL', 1, false]],
			[['COMPLETE', 2, true]],
		]);
		const remembered = () => ((server.staticData()['node:Yoti Age Verification Trigger'] as any)?.recentAgeNotifications ?? []) as any[];
		await waitFor(() => remembered().length === 2);
		expect(remembered().map((entry: any) => entry[0])).toEqual([
			'2480375e-ddc0-4832-9b82-b1d14af5cf75:da4070de-3d34-44d7-86d4-7d6fdf547740',
			'3a1c0b7e-0000-4000-8000-000000000002:f0e1d2c3-0000-4000-8000-000000000002',
		]);
	});

	test('the same notification id with a new evidence_id (an attempt, if Yoti reused the id) is new', async () => {
		const server = await trigger();
		await server.post(signNotification(notification()));
		await server.post(signNotification(notification({ evidence_id: 'aaaaaaaa-0000-4000-8000-000000000003', sequence_number: 2 })));
		expect(server.runs).toHaveLength(2);
	});

	test('States filter: a FAIL when only COMPLETE is selected: 200, no run', async () => {
		const server = await trigger({ states: ['COMPLETE'] });
		expect(await server.post(signNotification(notification()))).toEqual({ status: 200, body: '{"received":true,"skipped":"state not selected"}' });
		expect((await server.post(signNotification(notification({ id: 'bbbbbbbb-0000-4000-8000-000000000004', state: 'COMPLETE' })))).status).toBe(200);
		expect(server.runs.map((run) => run[0].state)).toEqual(['COMPLETE']);
	});

	test('a state Yoti may add passes through when no filter is set', async () => {
		const server = await trigger();
		await server.post(signNotification(notification({ state: 'REVIEW' })));
		expect(server.runs[0][0]).toMatchObject({ state: 'REVIEW', passed: false });
	});
});

describe('with the simulator: create, finish, notify, re-read', () => {
	test('Create Session with the trigger as Notification URL; the simulator finishes FAIL then COMPLETE (retry): two items, each with the result re-read', async () => {
		const server = await trigger({ fetchResult: true }, { yotiAgeVerificationApi: env.credentials.yotiAgeVerificationApi });
		const [created] = jsons(
			await env.run({
				resource: 'ageVerification',
				operation: 'createSession',
				methods: ['age_estimation'],
				threshold: 18,
				referenceId: 'signup-77',
				notificationUrl: server.url,
				additionalFields: { retryEnabled: true },
				optionsJson: '{"age_estimation": {"retry_limit": 2}}',
			} as any),
		);
		const fail = await env.admin(`/sessions/${created.session_id}/finish`, { status: 'FAIL', age: 18 });
		expect(fail).toMatchObject({ finished: true, delivered: true, status: 200 });
		const complete = await env.admin(`/sessions/${created.session_id}/finish`, { status: 'COMPLETE' });
		expect(complete).toMatchObject({ delivered: true, status: 200 });
		await waitFor(() => server.runs.length === 2);
		const [first, second] = server.runs.map((run) => run[0]);
		// The re-read result is the session as it is when read (the second attempt's), the notification fields say which attempt.
		expect(first).toMatchObject({
			session_id: created.session_id,
			reference_id: 'signup-77',
			notification_state: 'FAIL',
			sequence_number: 1,
			notification_id: fail.sent.id,
		});
		expect(second).toMatchObject({
			session_id: created.session_id,
			status: 'COMPLETE',
			passed: true,
			age: 18,
			threshold: 18,
			method: 'AGE_ESTIMATION',
			age_estimation_attempts: 2,
			age_estimation_attempts_remaining: 0,
			notification_state: 'COMPLETE',
			sequence_number: 2,
			notification_id: complete.sent.id,
			dedupe_key: `${complete.sent.id}:${complete.sent.evidence_id}`,
		});
		// Yoti retries until it gets 200: the same delivery again starts nothing.
		expect((await server.post(complete.sent)).status).toBe(200);
		expect(server.runs).toHaveLength(2);
	});

	test('re-read fails (wrong API key): the run still starts, with fetch_failed and the error', async () => {
		const server = await trigger({ fetchResult: true }, { yotiAgeVerificationApi: { ...env.credentials.yotiAgeVerificationApi, apiKey: 'wrong' } });
		expect((await server.post(signNotification(notification({ session_key: 'a9e00000-0000-4000-8000-000000000001' })))).status).toBe(200);
		// Yoti gets its 200 before the result is read: the run starts after the read.
		await waitFor(() => server.runs.length === 1);
		expect(server.runs[0][0]).toMatchObject({
			session_id: 'a9e00000-0000-4000-8000-000000000001',
			state: 'FAIL',
			fetch_failed: true,
			error:
				"Could not read the result from Yoti: Yoti Age Verification rejected the API key — check the Yoti Age Verification API credential's API key (the Age Verification key from Yoti Hub, not the IDV .pem key)",
		});
		expect(JSON.stringify(server.runs)).not.toContain('wrong"');
	});

	test('a misconfigured Custom Public Key refuses everything (500), no run', async () => {
		const server = await trigger({ customPublicKey: 'not a key' });
		expect(await server.post(signNotification(notification()))).toEqual({
			status: 500,
			body: '{"error":"The notification public key is not a PEM public key: paste it with its BEGIN and END lines"}',
		});
		expect(server.runs).toEqual([]);
	});
});

test('the simulator signs with the test key the tests inject (GET /__admin/age/public-key)', async () => {
	expect(await env.admin('/public-key', undefined, 'GET')).toBe(TEST_NOTIFICATION_PUBLIC_KEY);
	expect(DEMO.sdkId).toBe('de30de30-0000-4000-8000-000000000001');
});
