/* eslint-disable */
/**
 * Age Verification → Create Session / Get Result inside n8n's engine against the simulator's
 * Age Verification routes. Expected items are written by hand from
 * test/simulator/data/age/*.json and Yoti's create-a-session and results pages.
 */
import { A, DEMO, errorText, jsons, out, startAgeEnv, type AgeEnv } from './yoti.ageFixtures';

let env: AgeEnv;
beforeAll(async () => {
	env = await startAgeEnv();
});
afterAll(async () => {
	await env?.close();
});

const create = (params: Record<string, unknown> = {}, options: any = {}) =>
	env.run({ resource: 'ageVerification', operation: 'createSession', ...params } as any, options);
const getResult = (sessionId: string, params: Record<string, unknown> = {}, options: any = {}) =>
	env.run({ resource: 'ageVerification', operation: 'getResult', sessionId, ...params } as any, options);

/** The body the simulator received for the session it created. */
async function createdBody(sessionId: string): Promise<any> {
	const result = jsons(await getResult(sessionId, { output: 'raw' }))[0];
	return result;
}

describe('Create Session', () => {
	test('defaults: OVER 18, three methods allowed and the other two sent allowed:false; session_id and the link', async () => {
		const before = env.sim.requests.length;
		const [item] = jsons(await create({ referenceId: 'signup-42' }));
		expect(item.session_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(item).toEqual({
			session_id: item.session_id,
			user_url: `${env.sim.url}/age?sessionId=${item.session_id}&sdkId=${DEMO.sdkId}`,
			status: 'PENDING',
			expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			reference_id: 'signup-42',
		});
		expect(env.sim.requests.slice(before).map((r: any) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /age/api/v1/sessions 200',
		]);
		const raw = await createdBody(item.session_id);
		expect(raw.type).toBe('OVER');
		expect(raw.age_estimation).toMatchObject({ allowed: true, threshold: 18 });
		expect(raw.digital_id).toMatchObject({ allowed: true, threshold: 18 });
		expect(raw.doc_scan).toMatchObject({ allowed: true, threshold: 18 });
		expect(raw.credit_card).toMatchObject({ allowed: false, threshold: 18 });
		expect(raw.mobile).toMatchObject({ allowed: false, threshold: 18 });
		expect(raw.reference_id).toBe('signup-42');
		expect(raw.status).toBe('PENDING');
	});

	test('every field reaches Yoti: UNDER 16, age estimation buffer, callback, notification, cancel, retry/resume, synchronous, rule; Options (JSON) merged', async () => {
		const [item] = jsons(
			await create({
				checkType: 'UNDER',
				threshold: 16,
				methods: ['age_estimation', 'mobile'],
				ttl: 120,
				callbackUrl: 'https://shop.example/done',
				notificationUrl: 'http://127.0.0.1:9/age-hook',
				cancelUrl: 'https://shop.example/cancel',
				additionalFields: {
					ageEstimationThreshold: 13,
					ageEstimationLevel: 'PASSIVE',
					callbackAuto: false,
					retryEnabled: true,
					resumeEnabled: true,
					synchronousChecks: true,
				},
				optionsJson: '{"doc_scan": {"authenticity": "AUTO"}, "mobile": {"retry_limit": 2}}',
			}),
		);
		const raw = await createdBody(item.session_id);
		expect(raw.type).toBe('UNDER');
		expect(raw.age_estimation).toMatchObject({ allowed: true, threshold: 13, level: 'PASSIVE' });
		expect(raw.mobile).toMatchObject({ allowed: true, threshold: 16 });
		// Options (JSON) merged into the method object: allowed:false stays.
		expect(raw.doc_scan).toMatchObject({ allowed: false, threshold: 16, authenticity: 'AUTO' });
		expect(raw.digital_id).toMatchObject({ allowed: false });
		expect(raw.callback).toEqual({ url: 'https://shop.example/done', auto: false });
		expect(raw.notification_url).toBe('http://127.0.0.1:9/age-hook');
		expect(raw.cancel_url).toBe('https://shop.example/cancel');
		expect(raw.retry_enabled).toBe(true);
		expect(raw.resume_enabled).toBe(true);
		expect(raw.synchronous_checks).toBe(true);
		// ttl 120 s: expires two minutes after creation
		expect(Date.parse(raw.expires_at) - Date.parse(raw.created_at)).toBe(120000);
	});

	test('AGE sends no thresholds', async () => {
		const [item] = jsons(await create({ checkType: 'AGE', methods: ['age_estimation'] }));
		const raw = await createdBody(item.session_id);
		expect(raw.type).toBe('AGE');
		expect(raw.age_estimation.threshold).toBe(0); // the simulator's "not given"
	});

	test.each([
		[{ ttl: 30 }, 'Link Valid For (Seconds) must be a whole number of seconds from 60 to 2592000 (30 days), not 30'],
		[{ ttl: 2592001 }, 'Link Valid For (Seconds) must be a whole number of seconds from 60 to 2592000 (30 days), not 2592001'],
		[{ threshold: 0 }, 'Threshold must be a whole number of years from 1 to 150, not 0'],
		[{ threshold: 17.5 }, 'Threshold must be a whole number of years from 1 to 150, not 17.5'],
		[{ methods: [] }, 'Methods choose at least one method the person may use'],
		[{ callbackUrl: 'shop.example/done' }, 'Callback URL must be an http(s) URL'],
		[{ optionsJson: '{"type": "OLDER"}' }, 'Check Type must be OVER, UNDER or AGE, not "OLDER"'],
	])('bad input %j refused before any request, naming the field', async (params, message) => {
		const before = env.sim.requests.length;
		const result = await create(params);
		expect(result.error?.message).toBe(message);
		expect(errorText(result)).toContain('Nothing was sent to Yoti');
		expect(env.sim.requests.length).toBe(before);
	});

	test('production refuses an http:// notification URL before sending (Yoti notifies over HTTPS only)', async () => {
		const result = await create(
			{ notificationUrl: 'http://n8n.example/webhook/age' },
			{ credentials: { yotiAgeVerificationApi: { environment: 'production' } } },
		);
		expect(result.error?.message).toBe(
			'Notification URL must be an https:// URL: Yoti sends notifications only over HTTPS (http:// is allowed only with a Custom base URL)',
		);
	});

	test('Options (JSON) that is not JSON is refused', async () => {
		const result = await create({ optionsJson: '{nope' });
		expect(result.error?.message).toContain('Options (JSON) is not valid JSON');
	});

	test('a wrong API key: 403 → the API key message; an unknown SDK ID: 401 → the SDK ID message; the POST is sent once', async () => {
		const before = env.sim.requests.length;
		const wrongKey = await create({}, { credentials: { yotiAgeVerificationApi: { apiKey: 'wrong-key-NOT-THE-DEMO' } } });
		expect(wrongKey.error?.message).toBe(
			"Yoti Age Verification rejected the API key — check the Yoti Age Verification API credential's API key (the Age Verification key from Yoti Hub, not the IDV .pem key)",
		);
		expect(errorText(wrongKey)).not.toContain('wrong-key-NOT-THE-DEMO');
		const wrongSdk = await create({}, { credentials: { yotiAgeVerificationApi: { sdkId: '00000000-0000-4000-8000-00000000abcd' } } });
		expect(wrongSdk.error?.message).toBe(
			"Yoti Age Verification did not accept the SDK ID — check the Yoti Age Verification API credential's SDK ID (sent as Yoti-SDK-Id)",
		);
		expect(env.sim.requests.slice(before).map((r: any) => r.status)).toEqual([403, 401]);
	});

	test('a 503 on POST is not retried (it may have reached Yoti)', async () => {
		env.sim.setFaults(['503:times=1:route=/age/api/v1/sessions']);
		const before = env.sim.requests.length;
		const result = await create();
		env.sim.clearFaults();
		expect(result.error?.message).toBe('Yoti is unavailable (HTTP 503) — tried once; try again later');
		expect(env.sim.requests.length - before).toBe(1);
	});

	test('Continue On Fail: one error item per bad item, the good ones go on', async () => {
		const items = [{ json: { ttl: 900 } }, { json: { ttl: 5 } }, { json: { ttl: 600 } }];
		const result = await create({ ttl: '={{ $json.ttl }}' }, { items, continueOnFail: true });
		const output = out({ ...result, error: undefined } as any).map((item) => item.json as any);
		expect(output).toHaveLength(3);
		expect(output[0].session_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(output[1]).toEqual({
			error: 'Link Valid For (Seconds) must be a whole number of seconds from 60 to 2592000 (30 days), not 5',
			error_description: 'Nothing was sent to Yoti.',
		});
		expect(output[2].session_id).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('Get Result', () => {
	const common = {
		created_at: '2026-11-20T10:00:00.000000Z',
		updated_at: '2026-11-20T10:03:12.500000Z',
		expires_at: '2026-11-20T10:15:00.000000Z',
	};

	test('COMPLETE over 18 by Digital ID: passed, threshold 18, the allowed methods flattened', async () => {
		expect(jsons(await getResult(A.complete))).toEqual([
			{
				session_id: A.complete,
				status: 'COMPLETE',
				passed: true,
				age: 18,
				type: 'OVER',
				threshold: 18,
				method: 'DIGITAL_ID',
				reference_id: 'signup-1001',
				evidence_id: 'e71d0000-0000-4000-8000-000000000001',
				attempts_used: 1,
				...common,
				final: true,
				age_estimation_allowed: true,
				age_estimation_attempts: 0,
				age_estimation_attempts_remaining: 1,
				digital_id_allowed: true,
				digital_id_attempts: 1,
				digital_id_attempts_remaining: 1,
			},
		]);
	});

	test('FAIL after two estimation attempts', async () => {
		expect(jsons(await getResult(A.fail))[0]).toEqual({
			session_id: A.fail,
			status: 'FAIL',
			passed: false,
			age: 25,
			type: 'OVER',
			threshold: 25,
			method: 'AGE_ESTIMATION',
			reference_id: 'signup-1002',
			evidence_id: 'e71d0000-0000-4000-8000-000000000002',
			attempts_used: 2,
			...common,
			final: true,
			age_estimation_allowed: true,
			age_estimation_attempts: 2,
			age_estimation_attempts_remaining: 1,
			doc_scan_allowed: true,
			doc_scan_attempts: 0,
			doc_scan_attempts_remaining: 1,
		});
	});

	test.each([
		[A.error, 'ERROR', null, 'DOC_SCAN', 18, true],
		[A.cancelled, 'CANCELLED', null, null, 18, true],
		[A.expired, 'EXPIRED', null, null, 18, true],
		[A.pending, 'PENDING', null, null, 18, false],
		[A.newStatus, 'MANUAL_REVIEW', null, 'DOC_SCAN', 21, false],
	])('%s: status %s passed through, passed false, age %s, method %s, threshold %s, final %s', async (id, status, age, method, threshold, final) => {
		const [item] = jsons(await getResult(id));
		expect(item).toMatchObject({ session_id: id, status, passed: false, age, method, threshold, final });
	});

	test('PENDING has no age, method or evidence_id: nulls, not missing fields', async () => {
		const [item] = jsons(await getResult(A.pending));
		expect(Object.keys(item).slice(0, 14)).toEqual([
			'session_id', 'status', 'passed', 'age', 'type', 'threshold', 'method', 'reference_id', 'evidence_id',
			'attempts_used', 'created_at', 'updated_at', 'expires_at', 'final',
		]);
		expect(item.evidence_id).toBeNull();
		expect(item.attempts_used).toBe(0);
	});

	test('AGE: COMPLETE with the age found, passed false (nothing compared), threshold null', async () => {
		expect(jsons(await getResult(A.ageOnly))[0]).toMatchObject({ status: 'COMPLETE', type: 'AGE', age: 34, passed: false, threshold: null });
	});

	test('UNDER 16 COMPLETE passes', async () => {
		expect(jsons(await getResult(A.under))[0]).toMatchObject({ status: 'COMPLETE', type: 'UNDER', passed: true, threshold: 16, age: 16 });
	});

	test('a session created here and finished in the simulator reads back', async () => {
		const [created] = jsons(await create({ methods: ['doc_scan'], threshold: 21 }));
		const pending = jsons(await getResult(created.session_id))[0];
		expect(pending).toMatchObject({ status: 'PENDING', passed: false, threshold: 21, doc_scan_attempts: 0, final: false });
		await env.admin(`/sessions/${created.session_id}/finish`, { status: 'COMPLETE', notify: false });
		const done = jsons(await getResult(created.session_id))[0];
		expect(done).toMatchObject({ status: 'COMPLETE', passed: true, age: 21, method: 'DOC_SCAN', doc_scan_attempts: 1, attempts_used: 1, final: true });
	});

	test('raw output is the response unchanged', async () => {
		const [raw] = jsons(await getResult(A.complete, { output: 'raw' }));
		expect(raw.digital_id).toEqual({ threshold: 18, allowed: true, level: 'NONE', authenticity: 'NOT_APPLICABLE', attempts: 1, attempts_remaining: 1 });
		expect(raw.sdk_id).toBe(DEMO.sdkId);
	});

	test('an unknown session: 404 message names it; a non-UUID is refused before any request', async () => {
		const unknown = await getResult(A.unknown);
		expect(unknown.error?.message).toBe(
			`Age verification session ${A.unknown} not found — check the session ID, and that it was created with this credential's SDK ID`,
		);
		const before = env.sim.requests.length;
		const bad = await getResult('not-a-session');
		expect(bad.error?.message).toBe('Session ID "not-a-session" is not a valid Yoti ID');
		expect(env.sim.requests.length).toBe(before);
	});

	test('GET is retried on 503 and succeeds', async () => {
		env.sim.setFaults(['503:times=1:route=/result']);
		const before = env.sim.requests.length;
		const [item] = jsons(await getResult(A.complete));
		env.sim.clearFaults();
		expect(item.status).toBe('COMPLETE');
		expect(env.sim.requests.slice(before).map((r: any) => r.status)).toEqual([503, 200]);
	});

	test('the API key never appears in an item or an error', async () => {
		const results = [await getResult(A.complete), await create({}, { credentials: { yotiAgeVerificationApi: { apiKey: 'leaky-key-0123456789' } } })];
		for (const result of results) {
			expect(JSON.stringify(result.items)).not.toContain(DEMO_KEY_FRAGMENT);
			expect(JSON.stringify(result.error ?? null)).not.toContain('leaky-key-0123456789');
			expect(result.logs.join('\n')).not.toContain('leaky-key-0123456789');
		}
	});
});

const DEMO_KEY_FRAGMENT = 'demo-age-api-key-TEST-ONLY';
