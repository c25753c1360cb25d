/* eslint-disable */
/**
 * The second-wave session lifecycle inside n8n's engine against the simulator: create (and
 * read back what was created), delete, deleteMedia, tracked devices, supported documents.
 * Deletions are in the simulator's memory; each test that deletes resets it afterwards.
 */
import { NOTIFY_TOKEN, S, UNKNOWN, errorText, itemsOf, jsons, out, pairedIndexes, startEnv, startListener, type Listener, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
let listener: Listener;
beforeAll(async () => {
	env = await startEnv();
	listener = await startListener();
});
afterAll(async () => {
	await listener?.close();
	await env?.close();
});
afterEach(() => {
	env.sim.clearFaults();
	env.sim.reset();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('session.create', () => {
	const create = (parameters: Record<string, unknown> = {}, options: Parameters<YotiEnv['run']>[1] = {}) =>
		env.run({ resource: 'session', operation: 'create', ...parameters }, options);

	test('returns the session ID, token, TTL and the end-user URL; the session is then readable', async () => {
		const mark = env.sim.requests.length;
		const result = await create({ userTrackingId: 'crm-contact-42' });
		const items = out(result);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const created = items[0].json as any;
		expect(Object.keys(created).sort()).toEqual(['client_session_token', 'client_session_token_ttl', 'session_id', 'user_url']);
		expect(created.session_id).toMatch(UUID);
		expect(created.client_session_token).toMatch(UUID);
		expect(created.client_session_token_ttl).toBe(600);
		expect(created.user_url).toBe(
			`${env.sim.idvBaseUrl}/web/index.html?sessionID=${created.session_id}&sessionToken=${created.client_session_token}`,
		);
		expect(env.requestsSince(mark).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /idverify/v1/sessions 201']);

		const raw = jsons(await env.run({ resource: 'session', operation: 'get', sessionId: created.session_id, output: 'raw' }))[0];
		expect(raw).toMatchObject({
			session_id: created.session_id,
			client_session_token: created.client_session_token,
			client_session_token_ttl: 600,
			state: 'ONGOING',
			user_tracking_id: 'crm-contact-42',
			checks: [],
		});
		const summary = jsons(await env.run({ resource: 'session', operation: 'get', sessionId: created.session_id, output: 'summary' }));
		expect(summary[0]).toMatchObject({ decision: 'PENDING', checks_total: 0, session_state: 'ONGOING' });
	});

	test('the default requested checks reach Yoti (the configuration lists them and their resources)', async () => {
		const created = jsons(await create())[0];
		const config = jsons(
			await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: created.session_id, output: 'raw' }),
		)[0];
		expect(config.requested_checks).toEqual(['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'LIVENESS']);
		expect(config.client_session_token_ttl).toBe(600);
		const resources = jsons(await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: created.session_id }));
		expect(resources.map((r) => [r.session_id, r.type, r.state, r.liveness_type])).toEqual([
			[created.session_id, 'ID_DOCUMENT', 'REQUIRED', null],
			[created.session_id, 'LIVENESS', 'REQUIRED', 'ZOOM'],
		]);
	});

	test('chosen checks, TTL, URLs and SDK options reach Yoti', async () => {
		const created = jsons(
			await create({
				requestedChecks: ['WATCHLIST_SCREENING', 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK'],
				clientSessionTokenTtl: 900,
				successUrl: 'https://example.com/verified',
				errorUrl: 'https://example.com/failed',
				additionalFields: { locale: 'fr-FR', primaryColour: '#123456' },
			}),
		)[0];
		expect(created.client_session_token_ttl).toBe(900);
		const config = jsons(
			await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: created.session_id, output: 'raw' }),
		)[0];
		expect(config.requested_checks).toEqual(['WATCHLIST_SCREENING', 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK']);
		expect(config.client_session_token_ttl).toBe(900);
		expect(config.sdk_config).toEqual({
			locale: 'fr-FR',
			primary_colour: '#123456',
			success_url: 'https://example.com/verified',
			error_url: 'https://example.com/failed',
		});
		expect(config.capture.required_resources.map((r: any) => r.type)).toEqual(['ID_DOCUMENT', 'SUPPLEMENTARY_DOCUMENT']);
	});

	test('Session Spec (JSON) is merged over the fields (sdk_config merged, other keys added)', async () => {
		const created = jsons(
			await create({
				requestedChecks: ['ID_DOCUMENT_AUTHENTICITY'],
				sessionSpecJson: JSON.stringify({
					required_documents: [{ type: 'SUPPLEMENTARY_DOCUMENT' }],
					sdk_config: { preset_issuing_country: 'GBR' },
				}),
				additionalFields: { locale: 'en-GB' },
			}),
		)[0];
		const config = jsons(
			await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: created.session_id, output: 'raw' }),
		)[0];
		expect(config.sdk_config).toEqual({ locale: 'en-GB', preset_issuing_country: 'GBR' });
		// a required SUPPLEMENTARY_DOCUMENT and, from the check, an ID_DOCUMENT
		expect(config.capture.required_resources.map((r: any) => r.type).sort()).toEqual(['ID_DOCUMENT', 'SUPPLEMENTARY_DOCUMENT']);
	});

	test('the notifications block carries the endpoint and the auth token of the credential (Basic)', async () => {
		listener.received.length = 0;
		const created = jsons(
			await create({ sendNotifications: true, notifications: { endpoint: listener.url, topics: ['session_completion', 'check_completion'] } }),
		)[0];
		const delivery = await env.sim.notify({ session_id: created.session_id, topic: 'SESSION_COMPLETION' });
		expect(delivery).toMatchObject({ delivered: true, status: 200 });
		expect(listener.received).toEqual([
			{
				method: 'POST',
				url: '/webhook/test-hook/webhook',
				authorization: `Basic ${Buffer.from(NOTIFY_TOKEN, 'utf8').toString('base64')}`,
				body: { session_id: created.session_id, topic: 'session_completion' },
			},
		]);
	});

	test('a Bearer notification credential makes Yoti send Bearer <token>', async () => {
		listener.received.length = 0;
		const created = jsons(
			await create(
				{ sendNotifications: true, notifications: { endpoint: listener.url } },
				{ credentials: { yotiNotificationAuthApi: { authType: 'bearer', authToken: NOTIFY_TOKEN } } },
			),
		)[0];
		await env.sim.notify({ session_id: created.session_id, topic: 'check_completion', check_id: 'c4ec0000-0000-4000-8000-0000000000aa' });
		expect(listener.received.map((r) => [r.authorization, r.body])).toEqual([
			[`Bearer ${NOTIFY_TOKEN}`, { session_id: created.session_id, topic: 'check_completion', check_id: 'c4ec0000-0000-4000-8000-0000000000aa' }],
		]);
	});

	test('without a notifications endpoint no notifications block is sent', async () => {
		const created = jsons(await create())[0];
		await expect(env.sim.notify({ session_id: created.session_id, topic: 'session_completion' })).rejects.toThrow(/no notifications endpoint/);
	});

	test('one session per input item, in order, each paired with its item', async () => {
		const result = await create({ userTrackingId: '={{ $json.user }}' }, { items: itemsOf('user', ['u-1', 'u-2', 'u-3']) });
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1, 2]);
		expect(new Set(items.map((item) => item.json.session_id)).size).toBe(3);
		for (const [index, item] of items.entries()) {
			const raw = jsons(await env.run({ resource: 'session', operation: 'get', sessionId: item.json.session_id as string, output: 'raw' }))[0];
			expect(raw.user_tracking_id).toBe(`u-${index + 1}`);
		}
	});

	describe('refused before any request', () => {
		// every row has all four elements: jest passes `done` in place of a missing last argument
		const refused: Array<[string, Record<string, unknown>, RegExp, string[]]> = [
			['Session Spec (JSON) that is not JSON', { sessionSpecJson: '{"requested_checks": [' }, /not valid JSON/i, []],
			['Session Spec (JSON) that is an array', { sessionSpecJson: '[1, 2]' }, /must be a JSON object/i, []],
			['a notifications endpoint that is not http(s)', { sendNotifications: true, notifications: { endpoint: 'ftp://example.com/hook' } }, /http\(s\) URL/i, []],
			[
				'notifications without a Yoti Notification Auth credential',
				{ sendNotifications: true, notifications: { endpoint: 'https://example.com/hook' } },
				/Notification Auth credential/i,
				['yotiNotificationAuthApi'],
			],
		];
		test.each(refused)('%s', async (_label, parameters, message, omit) => {
			const mark = env.sim.requests.length;
			const result = await create(parameters, { omitCredentials: omit });
			expect(result.error).toBeDefined();
			expect(errorText(result)).toMatch(message);
			expect(env.requestsSince(mark)).toEqual([]);
		});
	});

	describe('an http:// notifications endpoint', () => {
		// Yoti's schema requires https; the check runs before any request, so these never leave.
		test.each(['production', 'sandbox'])('%s: refused before any request', async (environment) => {
			const mark = env.sim.requests.length;
			for (const parameters of [
				{ sendNotifications: true, notifications: { endpoint: 'http://n8n.example.com/webhook/abc/webhook' } },
				{ sessionSpecJson: '{"notifications": {"endpoint": "HTTP://n8n.example.com/hook", "topics": ["SESSION_COMPLETION"]}}' },
			]) {
				const result = await create(parameters, { credentials: { yotiApi: { environment } } });
				expect(result.error).toBeDefined();
				expect(result.error!.message).toBe('The notifications endpoint must be an https:// URL: Yoti sends notifications only over HTTPS');
			}
			expect(env.requestsSince(mark)).toEqual([]);
		});

		test('custom base URL (a local simulator): allowed', async () => {
			const result = await create({ sendNotifications: true, notifications: { endpoint: 'http://127.0.0.1:1/webhook/abc/webhook' } });
			expect(result.error).toBeUndefined();
			expect(out(result)).toHaveLength(1);
		});
	});

	test('404 on create (an SDK ID that is no app here): says only that, no session is named', async () => {
		const result = await create({}, { credentials: { yotiApi: { sdkId: 'de30de30-0000-4000-8000-0000000000ff' } } });
		expect(String((result.error as any).httpCode)).toBe('404');
		expect(result.error!.message).toBe(
			"The SDK ID is not an application in this environment — check the SDK ID and the credential's environment (production or sandbox)",
		);
	});

	test("Yoti's validation errors (400 with errors[]) are shown", async () => {
		const result = await create({ sessionSpecJson: '{"client_session_token_ttl": -5}' });
		expect(result.error).toBeDefined();
		expect(String((result.error as any).httpCode)).toBe('400');
		expect(result.error!.message).toBe('Yoti refused the request as invalid: There were errors validating the payload');
		expect((result.error as any).description).toContain('PAYLOAD_VALIDATION');
		expect((result.error as any).description).toContain('client_session_token_ttl: must be a positive whole number');
	});
});

describe('session.delete', () => {
	test('a completed session: {session_id, deleted: true}; then get and delete answer not found', async () => {
		const result = await env.run({ resource: 'session', operation: 'delete', sessionId: S.deletable });
		expect(out(result)).toEqual([{ json: { session_id: S.deletable, deleted: true }, pairedItem: { item: 0 } }]);

		const after = await env.run({ resource: 'session', operation: 'get', sessionId: S.deletable });
		expect(after.error).toBeDefined();
		expect(errorText(after)).toMatch(/not found/i);
		expect(errorText(after)).toMatch(/deleted/i);
		expect(String((after.error as any).httpCode)).toBe('404');

		const again = await env.run({ resource: 'session', operation: 'delete', sessionId: S.deletable });
		expect(String((again.error as any).httpCode)).toBe('404');
	});

	test('an ONGOING session → 409 error that says the session is still in progress', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run({ resource: 'session', operation: 'delete', sessionId: S.ongoing });
		expect(result.error).toBeDefined();
		expect(String((result.error as any).httpCode)).toBe('409');
		expect(result.error!.message).toMatch(/not finished/i);
		expect((result.error as any).description).toContain('SESSION_NOT_COMPLETED');
		expect(env.requestsSince(mark).map((r) => r.status)).toEqual([409]);
		// still there
		expect(jsons(await env.run({ resource: 'session', operation: 'get', sessionId: S.ongoing, output: 'summary' }))[0].session_state).toBe('ONGOING');
	});

	test('unknown session → not found', async () => {
		const result = await env.run({ resource: 'session', operation: 'delete', sessionId: UNKNOWN.session });
		expect(errorText(result)).toMatch(/not found/i);
	});
});

describe('session.deleteMedia', () => {
	const MEDIA_0801 = '3ed1a000-0000-4000-8000-000000000801';

	test('{session_id, media_id, deleted: true}; the media is gone afterwards', async () => {
		const result = await env.run({ resource: 'session', operation: 'deleteMedia', sessionId: S.deletable, mediaId: MEDIA_0801 });
		expect(out(result)).toEqual([{ json: { session_id: S.deletable, media_id: MEDIA_0801, deleted: true }, pairedItem: { item: 0 } }]);
		const after = await env.run({ resource: 'session', operation: 'getMedia', sessionId: S.deletable, mediaId: MEDIA_0801 });
		expect(errorText(after)).toMatch(/not found/i);
		expect(errorText(after)).toMatch(/media/i);
	});

	test('media of an EXPIRED session → 409', async () => {
		const result = await env.run({
			resource: 'session',
			operation: 'deleteMedia',
			sessionId: S.expired,
			mediaId: '3ed1a000-0000-4000-8000-000000000501',
		});
		expect(String((result.error as any).httpCode)).toBe('409');
		expect(errorText(result)).toMatch(/expired/i);
	});

	test('unknown media → not found', async () => {
		const result = await env.run({ resource: 'session', operation: 'deleteMedia', sessionId: S.deletable, mediaId: UNKNOWN.media });
		expect(String((result.error as any).httpCode)).toBe('404');
	});
});

describe('tracked devices', () => {
	const device = (model: string) => ({
		device_ip_address: '203.0.113.10',
		device_ip_iso_country_code: 'GBR',
		device_manufacture_name: 'Apple',
		device_model_name: model,
		device_os_name: 'iOS',
		device_os_version: '17.4.1',
		device_browser_name: 'Safari',
		device_browser_version: '17.4',
		device_locale: 'en-GB',
		device_client_version: '2.31.0',
	});

	test('getTrackedDevices: one item per event of tracked-devices-…0001.json', async () => {
		const result = await env.run({ resource: 'session', operation: 'getTrackedDevices', sessionId: S.approve });
		expect(pairedIndexes(out(result))).toEqual([0, 0, 0]);
		expect(jsons(result)).toEqual([
			{ session_id: S.approve, event: 'CONFIG_FIRST_LOADED', created: '2024-05-14T09:29:30.511Z', resource_id: null, ...device('iPhone 14') },
			{
				session_id: S.approve,
				event: 'RESOURCE_CREATED',
				created: '2024-05-14T09:30:02.245Z',
				resource_id: '5e50c000-0000-4000-8000-000000000101',
				...device('iPhone 14'),
			},
			{
				session_id: S.approve,
				event: 'CLIENT_SESSION_TOKEN_DELETED',
				created: '2024-05-14T09:34:12.000Z',
				resource_id: null,
				...device('iPhone 14 Pro'),
			},
		]);
	});

	test('a session without tracked devices: no items, no error', async () => {
		const result = await env.run({ resource: 'session', operation: 'getTrackedDevices', sessionId: S.reject });
		expect(result.error).toBeUndefined();
		expect(out(result)).toEqual([]);
	});

	test('deleteTrackedDevices: one item per deleted event (the contract, as Get), then there are none', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run({ resource: 'session', operation: 'deleteTrackedDevices', sessionId: S.approve });
		expect(pairedIndexes(out(result))).toEqual([0, 0, 0]);
		expect(jsons(result).map((item) => [item.session_id, item.event, item.created, item.resource_id, item.device_model_name])).toEqual([
			[S.approve, 'CONFIG_FIRST_LOADED', '2024-05-14T09:29:30.511Z', null, 'iPhone 14'],
			[S.approve, 'RESOURCE_CREATED', '2024-05-14T09:30:02.245Z', '5e50c000-0000-4000-8000-000000000101', 'iPhone 14'],
			[S.approve, 'CLIENT_SESSION_TOKEN_DELETED', '2024-05-14T09:34:12.000Z', null, 'iPhone 14 Pro'],
		]);
		expect(jsons(result)[0]).toEqual({ session_id: S.approve, event: 'CONFIG_FIRST_LOADED', created: '2024-05-14T09:29:30.511Z', resource_id: null, ...device('iPhone 14') });
		expect(env.requestsSince(mark).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`DELETE /idverify/v1/sessions/${S.approve}/tracked-devices 200`,
		]);
		expect(out(await env.run({ resource: 'session', operation: 'getTrackedDevices', sessionId: S.approve }))).toEqual([]);
	});

	test('deleteTrackedDevices answered without events (204): one item saying so, so the workflow goes on', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run({ resource: 'session', operation: 'deleteTrackedDevices', sessionId: S.reject });
		expect(out(result)).toEqual([{ json: { session_id: S.reject, deleted: true }, pairedItem: { item: 0 } }]);
		expect(env.requestsSince(mark).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`DELETE /idverify/v1/sessions/${S.reject}/tracked-devices 204`,
		]);
	});

	test('unknown session → not found', async () => {
		for (const operation of ['getTrackedDevices', 'deleteTrackedDevices']) {
			const result = await env.run({ resource: 'session', operation, sessionId: UNKNOWN.session });
			expect(errorText(result)).toMatch(/not found/i);
		}
	});
});

describe('supportedDocuments.getAll', () => {
	const latin = [
		{ country_code: 'GBR', document_type: 'PASSPORT', is_strictly_latin: true },
		{ country_code: 'GBR', document_type: 'DRIVING_LICENCE', is_strictly_latin: true },
		{ country_code: 'GBR', document_type: 'NATIONAL_ID', is_strictly_latin: true },
		{ country_code: 'FRA', document_type: 'PASSPORT', is_strictly_latin: true },
		{ country_code: 'FRA', document_type: 'NATIONAL_ID', is_strictly_latin: true },
		{ country_code: 'JPN', document_type: 'PASSPORT', is_strictly_latin: true },
	];

	test('Latin documents only by default (the resource/operation defaults)', async () => {
		const result = await env.run({ resource: 'supportedDocuments', operation: 'getAll' });
		expect(jsons(result)).toEqual(latin);
		expect(pairedIndexes(out(result))).toEqual(latin.map(() => 0));
	});

	test('includeNonLatin adds the non-Latin documents', async () => {
		const result = await env.run({ resource: 'supportedDocuments', operation: 'getAll', options: { includeNonLatin: true } });
		expect(jsons(result)).toEqual([
			...latin,
			{ country_code: 'JPN', document_type: 'RESIDENCE_PERMIT', is_strictly_latin: false },
			{ country_code: 'SAU', document_type: 'NATIONAL_ID', is_strictly_latin: false },
		]);
	});

	test('includeNonLatin false is the same as leaving it out', async () => {
		expect(jsons(await env.run({ resource: 'supportedDocuments', operation: 'getAll', options: { includeNonLatin: false } }))).toEqual(latin);
	});
});
