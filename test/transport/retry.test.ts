/* eslint-disable */
import { backoffMs, retryAfterMs, retryTiming } from '../../nodes/Yoti/transport/retry';
import {
	SESSION_APPROVED,
	closedPort,
	idvCredentials,
	probe,
	recordSleeps,
	startSimulator,
	type Simulator,
} from './probe';

const SESSION_PATH = `/sessions/${SESSION_APPROVED}`;

let sim: Simulator;
let sleeps: ReturnType<typeof recordSleeps>;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.clearFaults();
	sim.reset();
	sleeps = recordSleeps();
});
afterEach(() => sleeps.restore());

/** Runs the probe with the given faults and returns the result and the Yoti calls it caused. */
async function withFaults(faults: string[], parameters: Record<string, unknown>, credentials = idvCredentials(sim)) {
	sim.setFaults(faults);
	const before = sim.requests.length;
	const result = await probe(parameters, credentials);
	sim.clearFaults();
	return { result, calls: sim.requests.slice(before) };
}

describe('GET retries', () => {
	test('429 with Retry-After: 1 twice, then success: 3 calls, waits exactly 1000 ms twice', async () => {
		const { result, calls } = await withFaults(['429:retry-after=1:times=2'], { path: SESSION_PATH });
		expect(result.error).toBeUndefined();
		expect((result.items[0][0].json as any).body.session_id).toBe(SESSION_APPROVED);
		expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
		expect(sleeps.waits).toEqual([1000, 1000]);
	});

	test('503 twice then success: 3 calls, backoff grows (250 ms then 500 ms ceilings, jittered)', async () => {
		const { result, calls } = await withFaults(['503:times=2'], { path: SESSION_PATH });
		expect(result.error).toBeUndefined();
		expect(calls.map((c) => c.status)).toEqual([503, 503, 200]);
		expect(sleeps.waits).toHaveLength(2);
		expect(sleeps.waits[0]).toBeGreaterThanOrEqual(125);
		expect(sleeps.waits[0]).toBeLessThanOrEqual(250);
		expect(sleeps.waits[1]).toBeGreaterThanOrEqual(250);
		expect(sleeps.waits[1]).toBeLessThanOrEqual(500);
	});

	test.each([502, 504])('%i once then success', async (status) => {
		const { result, calls } = await withFaults([`${status}:times=1`], { path: SESSION_PATH });
		expect(result.error).toBeUndefined();
		expect(calls.map((c) => c.status)).toEqual([status, 200]);
	});

	test('503 forever: a clear error after the default 3 tries', async () => {
		const { result, calls } = await withFaults(['503'], { path: SESSION_PATH });
		expect(calls).toHaveLength(3);
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Yoti is unavailable (HTTP 503) — tried 3 times; try again later');
		expect(result.error?.description).toContain('SERVICE_UNAVAILABLE');
		expect((result.error as any).httpCode).toBe('503');
		expect(sleeps.waits).toHaveLength(2);
	});

	test('attempts is honoured: 5 tries, and 1 try means no retry', async () => {
		const five = await withFaults(['503'], { path: SESSION_PATH, attempts: 5 });
		expect(five.calls).toHaveLength(5);
		expect(five.result.error?.message).toBe('Yoti is unavailable (HTTP 503) — tried 5 times; try again later');
		const one = await withFaults(['503'], { path: SESSION_PATH, attempts: 1 });
		expect(one.calls).toHaveLength(1);
		expect(one.result.error?.message).toBe('Yoti is unavailable (HTTP 503) — tried once; try again later');
	});

	test('429 forever: the message says rate-limited and suggests lowering concurrency', async () => {
		const { result, calls } = await withFaults(['429'], { path: SESSION_PATH });
		expect(calls).toHaveLength(3);
		expect(result.error?.message).toBe(
			"Yoti is rate-limiting requests (HTTP 429) — tried 3 times; try again later or lower the node's Concurrency",
		);
	});

	test('a Retry-After longer than 60 s fails at once and says so', async () => {
		const { result, calls } = await withFaults(['429:retry-after=120'], { path: SESSION_PATH });
		expect(calls).toHaveLength(1);
		expect(sleeps.waits).toEqual([]);
		expect(result.error?.message).toBe(
			'Yoti asked to wait 120 s before retrying (HTTP 429), longer than this node waits — try again later',
		);
	});

	test('connection reset once, then success', async () => {
		const { result, calls } = await withFaults(['reset:times=1'], { path: SESSION_PATH });
		expect(result.error).toBeUndefined();
		expect(calls.map((c) => c.status)).toEqual([0, 200]);
	});

	test('truncated body once (Content-Length larger than sent), then success', async () => {
		const { result, calls } = await withFaults(['truncate:times=1'], { path: SESSION_PATH });
		expect(result.error).toBeUndefined();
		expect((result.items[0][0].json as any).body.session_id).toBe(SESSION_APPROVED);
		expect(calls).toHaveLength(2);
	});

	test('truncated download once, then the full bytes', async () => {
		const path = `${SESSION_PATH}/media/3ed1a000-0000-4000-8000-000000000101/content`;
		const { result, calls } = await withFaults(['truncate:times=1:route=/media/'], { path, download: true });
		expect(result.error).toBeUndefined();
		expect(calls).toHaveLength(2);
		expect((await result.binary(result.items[0][0], 'data')).length).toBeGreaterThan(0);
	});

	test('a hung server: the per-request timeout fires, then the retry succeeds', async () => {
		const { result, calls } = await withFaults(['timeout:times=1'], { path: SESSION_PATH, timeoutMs: 300 });
		expect(result.error).toBeUndefined();
		expect(calls).toHaveLength(2);
	});

	test('reset forever: error names the host (not the signed URL) and the tries', async () => {
		const { result, calls } = await withFaults(['reset'], { path: SESSION_PATH });
		expect(calls).toHaveLength(3);
		const host = new URL(sim.url).host;
		expect(result.error?.message).toBe(`Yoti (${host}) closed the connection before answering — tried 3 times; try again later`);
		expect(result.error?.description).toContain('ECONNRESET');
		expect(JSON.stringify(result.error)).not.toContain('nonce=');
	});

	test('truncate forever: incomplete response after 3 tries', async () => {
		const { result, calls } = await withFaults(['truncate'], { path: SESSION_PATH });
		expect(calls).toHaveLength(3);
		expect(result.error?.message).toMatch(/sent an incomplete or unreadable response — tried 3 times; try again later$/);
	});

	test('timeout forever: "did not answer in time" after 2 tries', async () => {
		const { result, calls } = await withFaults(['timeout'], { path: SESSION_PATH, timeoutMs: 200, attempts: 2 });
		expect(calls).toHaveLength(2);
		expect(result.error?.message).toMatch(/did not answer in time — tried 2 times; try again later$/);
	});

	test('connection refused: retried, then names the host', async () => {
		const port = await closedPort();
		const { result } = await withFaults([], { path: SESSION_PATH }, idvCredentials(sim, { baseUrl: `http://127.0.0.1:${port}/idverify/v1` }));
		expect(sleeps.waits).toHaveLength(2);
		expect(result.error?.message).toBe(`Yoti (127.0.0.1:${port}) refused the connection — tried 3 times; try again later`);
	});
});

describe('no retry where it is not safe or useful', () => {
	test.each([
		['404', `/sessions/5e551000-0000-4000-8000-0000000000ff`, []],
		['400', SESSION_PATH, ['400:times=5']],
		['403', SESSION_PATH, ['403:times=5']],
		['500', SESSION_PATH, ['500:times=5']],
	])('GET answered %s: exactly one call', async (_status, path, faults) => {
		const { result, calls } = await withFaults(faults as string[], { path });
		expect(result.error).toBeDefined();
		expect(calls).toHaveLength(1);
		expect(sleeps.waits).toEqual([]);
	});

	test('POST answered 503: not retried (it may have reached Yoti)', async () => {
		const { result, calls } = await withFaults(['503'], { method: 'POST', path: '/sessions', body: { client_session_token_ttl: 600 } });
		expect(calls).toHaveLength(1);
		expect(result.error?.message).toBe('Yoti is unavailable (HTTP 503) — tried once; try again later');
	});

	test('POST whose connection was reset: not retried, and the error says why', async () => {
		const { result, calls } = await withFaults(['reset'], { method: 'POST', path: '/sessions', body: { client_session_token_ttl: 600 } });
		expect(calls).toHaveLength(1);
		expect(result.error?.description).toContain('The request was not resent because it may have reached Yoti.');
	});

	test('POST whose connection was refused: retried (it cannot have reached Yoti)', async () => {
		const port = await closedPort();
		const { result } = await withFaults(
			[],
			{ method: 'POST', path: '/sessions', body: {} },
			idvCredentials(sim, { baseUrl: `http://127.0.0.1:${port}/idverify/v1` }),
		);
		expect(sleeps.waits).toHaveLength(2);
		expect(result.error?.message).toContain('refused the connection — tried 3 times');
	});

	test('DELETE is retried like GET', async () => {
		const { calls } = await withFaults(['503:times=2'], { method: 'DELETE', path: '/sessions/5e551000-0000-4000-8000-000000000008/tracked-devices' });
		expect(calls.map((c) => c.status)).toEqual([503, 503, 204]);
	});
});

describe('backoff and Retry-After arithmetic', () => {
	test('backoff stays within [ceiling/2, ceiling] and the ceiling doubles up to the cap', () => {
		const expectedCeilings = [250, 500, 1000, 2000, 4000, 8000, 8000];
		expectedCeilings.forEach((ceiling, index) => {
			for (let i = 0; i < 200; i++) {
				const wait = backoffMs(index + 1);
				expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
				expect(wait).toBeLessThanOrEqual(ceiling);
			}
		});
		expect(retryTiming.maxRetryAfterMs).toBe(60000);
	});

	test('Retry-After: seconds, HTTP date, junk', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs('1', now)).toBe(1000);
		expect(retryAfterMs('0', now)).toBe(0);
		expect(retryAfterMs(' 2 ', now)).toBe(2000);
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30000);
		expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs('-5', now)).toBeUndefined();
	});
});
