/* eslint-disable */
/**
 * DELETE whose answer was lost (spec § Transport, since 2026-12-04), inside n8n's engine against
 * the simulator: a retried DELETE whose earlier try may have reached Yoti and whose retry gets
 * 404 succeeded — `already_deleted: true`, not an error; a first-try 404 is still "not found";
 * a DELETE's 2xx body is never parsed for session / media delete (nothing to retry on a cut or
 * garbled body); Delete Tracked Devices reads its events but never resends the DELETE for an
 * unreadable 2xx body. Expected items are written from the contract (`{session_id, deleted:
 * true}` / `{session_id, media_id, deleted: true}`) plus the new field.
 */
import { R, S, UNKNOWN, errorText, jsons, out, startEnv, type YotiEnv } from './yotiFixtures';
import { retryTiming } from '../../nodes/Yoti/transport';

let env: YotiEnv;
const realSleep = retryTiming.sleep;
beforeAll(async () => {
	env = await startEnv();
	retryTiming.sleep = async (ms: number) => await realSleep(Math.min(ms, 5));
});
afterAll(async () => {
	retryTiming.sleep = realSleep;
	await env?.close();
});
afterEach(() => {
	env.sim.clearFaults();
	env.sim.reset();
});

const MEDIA_0801 = '3ed1a000-0000-4000-8000-000000000801';

async function withFaults(faults: string[], parameters: Record<string, unknown>) {
	env.sim.setFaults(faults);
	const mark = env.sim.requests.length;
	const result = await env.run(parameters);
	env.sim.clearFaults();
	return { result, log: env.requestsSince(mark).map((r) => `${r.method} ${r.status}${r.fault ? ` [${r.fault}]` : ''}`) };
}

const getSession = (sessionId: string) => env.run({ resource: 'session', operation: 'get', sessionId, output: 'raw' });

describe('the answer is lost after Yoti deleted (drop-after), the retry gets 404', () => {
	test('session delete → {session_id, deleted: true, already_deleted: true}; the session is gone', async () => {
		const { result, log } = await withFaults(['drop-after:times=1:method=DELETE'], { resource: 'session', operation: 'delete', sessionId: S.deletable });
		expect(log).toEqual(['DELETE 0 [drop-after:times=1:method=DELETE]', 'DELETE 404']);
		expect(out(result)).toEqual([{ json: { session_id: S.deletable, deleted: true, already_deleted: true }, pairedItem: { item: 0 } }]);
		const after = await getSession(S.deletable);
		expect(String((after.error as any).httpCode)).toBe('404');
	});

	test('media delete → {session_id, media_id, deleted: true, already_deleted: true}; the media is gone', async () => {
		const { result, log } = await withFaults(['lost-answer:times=1:method=DELETE'], {
			resource: 'session',
			operation: 'deleteMedia',
			sessionId: S.deletable,
			mediaId: MEDIA_0801,
		});
		expect(log).toEqual(['DELETE 0 [drop-after:times=1:method=DELETE]', 'DELETE 404']);
		expect(jsons(result)).toEqual([{ session_id: S.deletable, media_id: MEDIA_0801, deleted: true, already_deleted: true }]);
		const after = await env.run({ resource: 'session', operation: 'getMedia', sessionId: S.deletable, mediaId: MEDIA_0801 });
		expect(String((after.error as any).httpCode)).toBe('404');
	});

	test('tracked devices delete, retry answered 404 → its no-events item plus already_deleted', async () => {
		const { result, log } = await withFaults(['drop-after:times=1:route=tracked-devices', '404:times=1:route=tracked-devices'], {
			resource: 'session',
			operation: 'deleteTrackedDevices',
			sessionId: S.approve,
		});
		expect(log).toEqual(['DELETE 0 [drop-after:times=1:route=tracked-devices]', 'DELETE 404 [404:times=1:route=tracked-devices]']);
		expect(jsons(result)).toEqual([{ session_id: S.approve, deleted: true, already_deleted: true }]);
	});

	test('tracked devices delete, retry answered 204 (the events went with the lost answer) → the no-events item', async () => {
		const { result, log } = await withFaults(['drop-after:times=1:route=tracked-devices'], {
			resource: 'session',
			operation: 'deleteTrackedDevices',
			sessionId: S.approve,
		});
		expect(log).toEqual(['DELETE 0 [drop-after:times=1:route=tracked-devices]', 'DELETE 204']);
		expect(jsons(result)).toEqual([{ session_id: S.approve, deleted: true }]);
	});

	test('continueOnFail and several items: only the item whose answer was lost says already_deleted', async () => {
		env.sim.setFaults([`drop-after:times=1:route=${S.deletable}$`]);
		const result = await env.run(
			{ resource: 'session', operation: 'delete', sessionId: '={{ $json.id }}', options: { concurrency: 1 } },
			{ items: [{ json: { id: S.deletable } }, { json: { id: UNKNOWN.session } }, { json: { id: S.reject } }], continueOnFail: true },
		);
		const items = out(result);
		expect(items.map((item) => item.json)).toEqual([
			{ session_id: S.deletable, deleted: true, already_deleted: true },
			expect.objectContaining({ http_code: '404', error: expect.stringMatching(/^Session 5e551000-0000-4000-8000-0000000000ff not found or already deleted/) }),
			{ session_id: S.reject, deleted: true },
		]);
	});
});

describe('which earlier tries count as "may have reached Yoti"', () => {
	test('503 (a gateway may have passed it on), then 404 → already_deleted', async () => {
		const { result, log } = await withFaults(['503:times=1:method=DELETE'], { resource: 'session', operation: 'delete', sessionId: UNKNOWN.session });
		expect(log).toEqual(['DELETE 503 [503:times=1:method=DELETE]', 'DELETE 404']);
		expect(jsons(result)).toEqual([{ session_id: UNKNOWN.session, deleted: true, already_deleted: true }]);
	});

	test('a connection reset, then 404 → already_deleted (the client cannot tell whether it arrived)', async () => {
		const { result } = await withFaults(['reset:times=1:method=DELETE'], { resource: 'session', operation: 'delete', sessionId: UNKNOWN.session });
		expect(jsons(result)).toEqual([{ session_id: UNKNOWN.session, deleted: true, already_deleted: true }]);
	});

	test('429 (Yoti itself refused to act), then 404 → still the not-found error', async () => {
		const { result, log } = await withFaults(['429:retry-after=0:times=1:method=DELETE'], { resource: 'session', operation: 'delete', sessionId: UNKNOWN.session });
		expect(log).toEqual(['DELETE 429 [429:retry-after=0:times=1:method=DELETE]', 'DELETE 404']);
		expect(String((result.error as any).httpCode)).toBe('404');
		expect(result.error!.message).toBe(
			`Session ${UNKNOWN.session} not found or already deleted — check the session ID, or the SDK ID is not an application in this environment`,
		);
	});

	test('a first-try 404 is the not-found error, one request', async () => {
		const { result, log } = await withFaults([], { resource: 'session', operation: 'deleteMedia', sessionId: S.deletable, mediaId: UNKNOWN.media });
		expect(log).toEqual(['DELETE 404']);
		expect(result.error!.message).toBe(
			`Media ${UNKNOWN.media} not found or already deleted — check the media ID, or the SDK ID is not an application in this environment`,
		);
	});

	test('GET is unchanged: a retry that gets 404 is not found', async () => {
		const { result, log } = await withFaults(['503:times=1'], { resource: 'session', operation: 'get', sessionId: UNKNOWN.session });
		expect(log).toEqual(['GET 503 [503:times=1]', 'GET 404']);
		expect(String((result.error as any).httpCode)).toBe('404');
	});
});

describe("a DELETE's 2xx body is never a reason to resend it", () => {
	test('session delete, 2xx cut short (truncate) → done, one request, no already_deleted', async () => {
		const { result, log } = await withFaults(['truncate:times=1:method=DELETE'], { resource: 'session', operation: 'delete', sessionId: S.deletable });
		expect(log).toHaveLength(1);
		expect(jsons(result)).toEqual([{ session_id: S.deletable, deleted: true }]);
		expect(String(((await getSession(S.deletable)).error as any).httpCode)).toBe('404');
	});

	test('session delete, 2xx whose body is not JSON → done, one request', async () => {
		const { result, log } = await withFaults(['garbage-body:times=1'], { resource: 'session', operation: 'delete', sessionId: S.deletable });
		expect(log).toEqual(['DELETE 200 [garbage-body:times=1]']);
		expect(jsons(result)).toEqual([{ session_id: S.deletable, deleted: true }]);
	});

	test('media delete, 2xx cut short or garbled → done, one request each', async () => {
		const cut = await withFaults(['truncate:times=1'], { resource: 'session', operation: 'deleteMedia', sessionId: S.deletable, mediaId: MEDIA_0801 });
		expect(cut.log).toHaveLength(1);
		expect(jsons(cut.result)).toEqual([{ session_id: S.deletable, media_id: MEDIA_0801, deleted: true }]);
		env.sim.reset();
		const garbled = await withFaults(['garbage-body:times=1'], { resource: 'session', operation: 'deleteMedia', sessionId: S.deletable, mediaId: MEDIA_0801 });
		expect(garbled.log).toEqual(['DELETE 200 [garbage-body:times=1]']);
		expect(jsons(garbled.result)).toEqual([{ session_id: S.deletable, media_id: MEDIA_0801, deleted: true }]);
	});

	test('tracked devices, 2xx whose events are not JSON → one request, the no-events item with events_unreadable; the events are gone', async () => {
		const { result, log } = await withFaults(['garbage-body:times=1'], { resource: 'session', operation: 'deleteTrackedDevices', sessionId: S.approve });
		expect(log).toEqual(['DELETE 200 [garbage-body:times=1]']);
		expect(jsons(result)).toEqual([{ session_id: S.approve, deleted: true, events_unreadable: true }]);
		expect(out(await env.run({ resource: 'session', operation: 'getTrackedDevices', sessionId: S.approve }))).toEqual([]);
	});

	test('tracked devices, 2xx cut short → one request, events_unreadable', async () => {
		const { result, log } = await withFaults(['truncate:times=1'], { resource: 'session', operation: 'deleteTrackedDevices', sessionId: S.approve });
		expect(log).toHaveLength(1);
		expect(jsons(result)).toEqual([{ session_id: S.approve, deleted: true, events_unreadable: true }]);
	});

	test('tracked devices still lists the deleted events when the answer is whole', async () => {
		const result = await env.run({ resource: 'session', operation: 'deleteTrackedDevices', sessionId: S.approve });
		expect(jsons(result).map((item) => item.event)).toEqual(['CONFIG_FIRST_LOADED', 'RESOURCE_CREATED', 'CLIENT_SESSION_TOKEN_DELETED']);
	});
});
