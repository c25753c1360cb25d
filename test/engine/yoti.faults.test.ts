/* eslint-disable */
/**
 * Faults injected by the simulator, seen through n8n's engine: retries of GET/DELETE on 429
 * (Retry-After honoured), 502/503/504, resets and truncated bodies; clear errors once the
 * attempts are used up; no retry of POST or of other 4xx/500; the contract's messages for a
 * wrong key, a wrong Sign API key and unknown sessions. Request counts come from the
 * simulator's request log.
 */
import { R, S, UNKNOWN, WRONG_SIGN_API_KEY, errorText, generateWrongKey, itemsOf, jsons, out, pairedIndexes, startEnv, type YotiEnv } from './yotiFixtures';
import { retryTiming } from '../../nodes/Yoti/transport';

let env: YotiEnv;
/** Every wait the transport asked for between tries (ms); the real sleep is cut to 10 ms. */
let waits: number[] = [];
const realSleep = retryTiming.sleep;

beforeAll(async () => {
	env = await startEnv();
	// The transport's documented hook for tests: record the waits instead of sitting them out.
	retryTiming.sleep = async (ms: number) => {
		waits.push(ms);
		await realSleep(Math.min(ms, 10));
	};
});
afterAll(async () => {
	retryTiming.sleep = realSleep;
	await env?.close();
});
beforeEach(() => {
	waits = [];
});
afterEach(() => {
	env.sim.clearFaults();
	env.sim.reset();
});

const SESSION_PATH = `/idverify/v1/sessions/${S.approve}`;
const getSummary = (options: Record<string, any> = {}) =>
	env.run({ resource: 'session', operation: 'get', sessionId: S.approve, output: 'summary', ...(Object.keys(options).length ? { options } : {}) });

/** Runs `fn` with the faults set and returns the simulator's log lines for it as `STATUS[fault]`. */
async function withFaults<T>(faults: string[], fn: () => Promise<T>) {
	env.sim.setFaults(faults);
	const mark = env.sim.requests.length;
	const result = await fn();
	const log = env.requestsSince(mark);
	env.sim.clearFaults();
	return { result, log, statuses: log.map((r) => r.status) };
}

// The contract's words ("Errors a user sees"), then the likeliest cause: the other environment.
const SIGNATURE_MESSAGE =
	"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in";
const SIGN_KEY_MESSAGE =
	"Yoti Sign rejected the API key — check the API key, and that the credential's Environment (Demo or Production) is the one the key was issued for";

describe('retried, then success', () => {
	test('429 with Retry-After, then 200', async () => {
		const { result, statuses, log } = await withFaults(['429:retry-after=2:times=1'], () => getSummary());
		expect(statuses).toEqual([429, 200]);
		expect(waits).toEqual([2000]); // Retry-After: 2 (seconds) honoured
		expect(log.every((r) => r.path === SESSION_PATH)).toBe(true);
		expect(jsons(result)[0]).toMatchObject({ session_id: S.approve, decision: 'APPROVE' });
		expect(out(result)[0].pairedItem).toEqual({ item: 0 });
	});

	test('503 twice, then 200 (three attempts by default)', async () => {
		const { result, statuses } = await withFaults(['503:times=2'], () => getSummary());
		expect(statuses).toEqual([503, 503, 200]);
		// exponential backoff with jitter: two positive waits, the second no shorter than the first
		expect(waits).toHaveLength(2);
		expect(waits[0]).toBeGreaterThan(0);
		expect(waits[1]).toBeGreaterThanOrEqual(waits[0]);
		expect(jsons(result)[0].decision).toBe('APPROVE');
	});

	test.each(['502', '504'])('%s once, then 200', async (status) => {
		const { result, statuses } = await withFaults([`${status}:times=1`], () => getSummary());
		expect(statuses).toEqual([Number(status), 200]);
		expect(jsons(result)[0].decision).toBe('APPROVE');
	});

	test('connection reset, then 200', async () => {
		const { result, log } = await withFaults(['reset:times=1'], () => getSummary());
		expect(log.map((r) => [r.status, r.fault ?? ''])).toEqual([
			[0, 'reset:times=1'],
			[200, ''],
		]);
		expect(jsons(result)[0].decision).toBe('APPROVE');
	});

	test('truncated body, then the full answer', async () => {
		const { result, log } = await withFaults(['truncate:times=1'], () => getSummary());
		expect(log).toHaveLength(2);
		expect(log[0].fault).toBe('truncate:times=1');
		expect(log[1].fault).toBeUndefined();
		expect(jsons(result)[0].decision).toBe('APPROVE');
	});

	test('a truncated media download is retried and the bytes are whole', async () => {
		const { result, log } = await withFaults(['truncate:times=1:route=/media/'], () =>
			env.run({ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: '3ed1a000-0000-4000-8000-000000000101' }),
		);
		expect(log).toHaveLength(2);
		const [item] = out(result);
		expect(item.json.size).toBe(815);
		expect((await result.binary(item)).length).toBe(815);
	});

	test('DELETE is retried on 503', async () => {
		const { result, statuses } = await withFaults(['503:times=1:method=DELETE'], () =>
			env.run({ resource: 'session', operation: 'delete', sessionId: S.deletable }),
		);
		expect(statuses).toEqual([503, 204]);
		expect(jsons(result)).toEqual([{ session_id: S.deletable, deleted: true }]);
	});

	test('Yoti Sign GET is retried on 429 too', async () => {
		const { result, statuses } = await withFaults(['429:retry-after=1:times=1'], () =>
			env.run({ resource: 'signRecipient', operation: 'getSignedResult', recipientId: R.completed, output: 'summary' }),
		);
		expect(statuses).toEqual([429, 200]);
		expect(jsons(result)[0]).toMatchObject({ recipient_id: R.completed, decision: 'APPROVE' });
	});
});

describe('retries used up → a clear error', () => {
	test('503 forever: 3 attempts, then an error naming the status', async () => {
		const { result, statuses } = await withFaults(['503'], () => getSummary());
		expect(statuses).toEqual([503, 503, 503]);
		expect(result.error).toBeDefined();
		expect(String((result.error as any).httpCode)).toBe('503');
		expect(result.error!.message).toBe('Yoti is unavailable (HTTP 503) — tried 3 times; try again later');
		// Yoti's error body is shown
		expect((result.error as any).description).toContain('SERVICE_UNAVAILABLE: Service unavailable');
		expect(waits).toHaveLength(2);
	});

	test('options.attempts = 1: a single try', async () => {
		const { result, statuses } = await withFaults(['503'], () => getSummary({ attempts: 1 }));
		expect(statuses).toEqual([503]);
		expect(String((result.error as any).httpCode)).toBe('503');
		expect(result.error!.message).toBe('Yoti is unavailable (HTTP 503) — tried once; try again later');
		expect(waits).toEqual([]);
	});

	test('options.attempts = 2 with 503 twice: still fails after two tries', async () => {
		const { result, statuses } = await withFaults(['503:times=2'], () => getSummary({ attempts: 2 }));
		expect(statuses).toEqual([503, 503]);
		expect(result.error).toBeDefined();
	});

	test('429 forever: error after 3 attempts', async () => {
		const { result, statuses } = await withFaults(['429:retry-after=0'], () => getSummary());
		expect(statuses).toEqual([429, 429, 429]);
		expect(String((result.error as any).httpCode)).toBe('429');
		expect(result.error!.message).toMatch(/^Yoti is rate-limiting requests \(HTTP 429\) — tried 3 times/);
		expect(waits).toEqual([0, 0]);
	});

	test('a Retry-After longer than the node waits (120 s) fails at once with a clear message', async () => {
		const { result, statuses } = await withFaults(['429:retry-after=120'], () => getSummary());
		expect(statuses).toEqual([429]);
		expect(result.error!.message).toMatch(/asked to wait 120 s/);
		expect(waits).toEqual([]);
	});

	test('reset forever: a network error after 3 attempts', async () => {
		const { result, statuses } = await withFaults(['reset'], () => getSummary());
		expect(statuses).toEqual([0, 0, 0]);
		expect(result.error).toBeDefined();
		expect(result.error!.message).toMatch(/closed the connection/);
		expect(result.error!.message).toMatch(/tried 3 times/);
		expect(result.error!.message).toContain(new URL(env.sim.url).host);
	});

	test('truncate forever: an error after 3 attempts', async () => {
		const { result, log } = await withFaults(['truncate'], () => getSummary());
		expect(log).toHaveLength(3);
		expect(result.error!.message).toMatch(/incomplete/);
		expect(result.error!.message).toMatch(/tried 3 times/);
	});

	test('continueOnFail: the exhausted item becomes an error item with http_code; the next item succeeds', async () => {
		const { result, statuses } = await withFaults([`503:route=${S.reject}`], () =>
			env.run(
				{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary', options: { concurrency: 1, attempts: 2 } },
				{ items: itemsOf('sessionId', [S.reject, S.approve]), continueOnFail: true },
			),
		);
		expect(statuses).toEqual([503, 503, 200]);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1]);
		expect(items[0].json.http_code).toBe('503');
		expect(items[0].json.error).toBe('Yoti is unavailable (HTTP 503) — tried 2 times; try again later');
		expect(items[0].json.error_description).toContain('SERVICE_UNAVAILABLE');
		expect(items[1].json).toMatchObject({ session_id: S.approve, decision: 'APPROVE' });
	});
});

describe('not retried', () => {
	test('POST /sessions (create) under 503: exactly one request', async () => {
		const { result, log } = await withFaults(['503'], () => env.run({ resource: 'session', operation: 'create' }));
		expect(log.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 503']);
		expect(result.error).toBeDefined();
		expect(String((result.error as any).httpCode)).toBe('503');
	});

	test('POST /sessions under a connection reset: exactly one request', async () => {
		const { result, log } = await withFaults(['reset:method=POST'], () => env.run({ resource: 'session', operation: 'create' }));
		expect(log.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 0']);
		expect((result.error as any).description).toMatch(/not resent because it may have reached Yoti/);
	});

	test('POST /sessions under 429: exactly one request', async () => {
		const { log } = await withFaults(['429:retry-after=0'], () => env.run({ resource: 'session', operation: 'create' }));
		expect(log.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 429']);
	});

	test.each(['400', '403', '500'])('GET under %s: one request', async (status) => {
		const { result, statuses } = await withFaults([status], () => getSummary());
		expect(statuses).toEqual([Number(status)]);
		expect(String((result.error as any).httpCode)).toBe(status);
	});

	test('unknown session: one request, the not-found message', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run({ resource: 'session', operation: 'get', sessionId: UNKNOWN.session });
		expect(env.requestsSince(mark).map((r) => r.status)).toEqual([404]);
		expect(String((result.error as any).httpCode)).toBe('404');
		expect(result.error!.message).toBe(`Session ${UNKNOWN.session} not found or already deleted — check the session ID, or the SDK ID is not an application in this environment`);
	});
});

describe('credentials', () => {
	let wrongKey: string;
	beforeAll(() => {
		wrongKey = generateWrongKey();
	});

	test("a private key Yoti does not know → the contract's 401 message", async () => {
		const mark = env.sim.requests.length;
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: S.approve },
			{ credentials: { yotiApi: { privateKey: wrongKey } } },
		);
		expect(result.error).toBeDefined();
		expect(errorText(result)).toContain(SIGNATURE_MESSAGE);
		expect(String((result.error as any).httpCode)).toBe('401');
		// never retried, and n8n's own 401 re-authenticate-and-resend does not fire either
		expect(env.requestsSince(mark).map((r) => r.status)).toEqual([401]);
		expect(result.error!.message).toBe(SIGNATURE_MESSAGE);
		// Yoti's reason is shown
		expect((result.error as any).description).toContain('UNAUTHORIZED');
	});

	test('an unknown SDK ID → Yoti\'s 404 "Session or App not found": the message names the app too', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: S.approve },
			{ credentials: { yotiApi: { sdkId: 'de30de30-0000-4000-8000-0000000000ff' } } },
		);
		expect(errorText(result)).toContain('or the SDK ID is not an application in this environment');
	});

	test('the wrong key with continueOnFail: one 401 error item per input item', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}' },
			{ credentials: { yotiApi: { privateKey: wrongKey } }, continueOnFail: true, items: itemsOf('sessionId', [S.approve, S.reject]) },
		);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1]);
		for (const item of items) {
			expect(item.json.error).toContain(SIGNATURE_MESSAGE);
			expect(item.json.http_code).toBe('401');
		}
	});

	test('a private key that is not PEM → says so, without a request', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: S.approve },
			{ credentials: { yotiApi: { privateKey: 'this is not a key at all' } } },
		);
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/PEM private key/i);
		expect(errorText(result)).not.toContain('this is not a key at all');
		expect(env.requestsSince(mark)).toEqual([]);
	});

	test('a wrong Yoti Sign API key → a 401 error about the API key, not retried', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run(
			{ resource: 'signRecipient', operation: 'getSignedResult', recipientId: R.completed },
			{ credentials: { yotiSignApi: { apiKey: WRONG_SIGN_API_KEY } } },
		);
		expect(result.error).toBeDefined();
		expect(String((result.error as any).httpCode)).toBe('401');
		expect(result.error!.message).toBe(SIGN_KEY_MESSAGE);
		expect(env.requestsSince(mark).map((r) => r.status)).toEqual([401]);
	});
});
