/**
 * Many input items: output order equals input order and every item's pairedItem points at its
 * input, whatever the concurrency; the number of requests in flight never exceeds the
 * Concurrency option. A counting proxy sits between the node and the simulator and delays
 * answers so that later items finish first.
 */
import { S, itemsOf, jsons, out, pairedIndexes, startCountingProxy, startEnv, type CountingProxy, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
let proxy: CountingProxy;

// Session …000N is held back (10 - N) * 15 ms, so an item that started later may finish first.
const delayFor = (path: string) => {
	const match = /\/sessions\/5e551000-0000-4000-8000-00000000000(\d)/.exec(path);
	return match ? (10 - Number(match[1])) * 15 : 0;
};

beforeAll(async () => {
	env = await startEnv();
	proxy = await startCountingProxy(env.sim.url, delayFor);
});
afterAll(async () => {
	await proxy?.close();
	await env?.close();
});

// 12 inputs with repeats: …01, …02, …05, …03, …01, …09, …04, …06, …07, …08, …02, …01
const INPUT = [S.approve, S.reject, S.expired, S.notAvailable, S.approve, S.noChecks, S.ongoing, S.identityProfile, S.advancedProfile, S.deletable, S.reject, S.approve];
// decision of each input, from the data files (see yoti.sessionGet.test.ts)
const DECISIONS = ['APPROVE', 'REJECT', 'EXPIRED', 'NOT_AVAILABLE', 'APPROVE', 'NOT_AVAILABLE', 'PENDING', 'APPROVE', 'APPROVE', 'APPROVE', 'REJECT', 'APPROVE'];
// number of checks in each input's session
const CHECK_COUNTS = [4, 5, 0, 3, 4, 0, 2, 2, 2, 1, 5, 4];

function runMany(concurrency: number, output: string) {
	return env.run(
		{
			resource: 'session',
			operation: 'get',
			sessionId: '={{ $json.sessionId }}',
			output,
			options: { concurrency },
		},
		{
			items: itemsOf('sessionId', INPUT),
			credentials: { yotiApi: { baseUrl: `${proxy.url}/idverify/v1` } },
		},
	);
}

describe.each([1, 5, 20])('concurrency %i', (concurrency) => {
	test('summary: one item per input, in input order, paired with its input', async () => {
		proxy.reset();
		const result = await runMany(concurrency, 'summary');
		const items = out(result);
		expect(items.map((item) => item.json.session_id)).toEqual(INPUT);
		expect(items.map((item) => item.json.decision)).toEqual(DECISIONS);
		expect(pairedIndexes(items)).toEqual(INPUT.map((_, index) => index));
		expect(proxy.total).toBe(12);
		expect(proxy.maxInFlight).toBeLessThanOrEqual(concurrency);
		if (concurrency === 1) expect(proxy.maxInFlight).toBe(1);
		else expect(proxy.maxInFlight).toBeGreaterThan(1);
	});

	test('checks: each input\'s check items together, in input order (sessions without checks add none)', async () => {
		const result = await runMany(concurrency, 'checks');
		const items = out(result);
		const expectedPairs = CHECK_COUNTS.flatMap((count, index) => Array(count).fill(index));
		expect(items).toHaveLength(32);
		expect(pairedIndexes(items)).toEqual(expectedPairs);
		expect(jsons(result).map((json) => json.session_id)).toEqual(expectedPairs.map((index) => INPUT[index]));
		// the first item of input 1 (…0002) is its authenticity check, the last of input 11 (…0001) its liveness check
		expect(items[4].json.check_id).toBe('c4ec0000-0000-4000-8000-000000000201');
		expect(items[31].json.check_id).toBe('c4ec0000-0000-4000-8000-000000000104');
	});
});

test('the default concurrency is 5', async () => {
	proxy.reset();
	const result = await env.run(
		{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary' },
		{ items: itemsOf('sessionId', INPUT), credentials: { yotiApi: { baseUrl: `${proxy.url}/idverify/v1` } } },
	);
	expect(out(result).map((item) => item.json.session_id)).toEqual(INPUT);
	expect(proxy.maxInFlight).toBeLessThanOrEqual(5);
	expect(proxy.maxInFlight).toBeGreaterThan(1);
});
