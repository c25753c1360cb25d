/* eslint-disable */
/**
 * The per-item cost cuts keep behaviour (issue 17): a parameter holding an expression is still
 * read per item while one without is read once per execution, and a redirect is answered as it
 * is rather than followed with the signed request. Expected values from the simulator's demo
 * sessions (test/simulator/data) and the contract's output shapes.
 */
import * as http from 'http';

import { S, errorText, itemsOf, jsons, pairedIndexes, out, startEnv, startListener, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});

test('Output as an expression is read for every item: each item gets the shape its input asks for', async () => {
	const result = await env.run(
		{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}', output: '={{ $json.shape }}' },
		{
			items: [
				{ json: { id: S.approve, shape: 'summary' } },
				{ json: { id: S.approve, shape: 'raw' } },
				{ json: { id: S.approve, shape: 'summary' } },
			],
		},
	);
	const items = jsons(result);
	expect(pairedIndexes(out(result))).toEqual([0, 1, 2]);
	// summary: one flat item with the decision; raw: Yoti's body as stored (its `checks` array).
	expect(items[0].decision).toBe('APPROVE');
	expect(items[0].checks).toBeUndefined();
	expect(Array.isArray(items[1].checks)).toBe(true);
	expect(items[1].session_id).toBe(S.approve);
	expect(items[2].decision).toBe('APPROVE');
});

test('Options as an expression (Attempts per item) are read for every item', async () => {
	const mark = env.sim.requests.length;
	const setFaults = async (faults: string[]) => {
		const response = await fetch(`${env.sim.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
		expect(response.status).toBe(200);
	};
	await setFaults(['503:times=1']);
	const result = await env.run(
		{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}', output: 'summary', options: { attempts: '={{ $json.attempts }}', concurrency: 1 } },
		{ items: [{ json: { id: S.approve, attempts: 1 } }, { json: { id: S.approve, attempts: 3 } }], continueOnFail: true },
	);
	const items = jsons(result);
	// Item 0 may try once: the one 503 is its answer. Item 1 may try three times: no fault is left.
	expect(items[0].error).toMatch(/HTTP 503/);
	expect(items[1].decision).toBe('APPROVE');
	expect(env.requestsSince(mark).map((r) => r.status)).toEqual([503, 200]);
	await setFaults([]);
});

test('A fixed Output (no expression) gives every item the same shape', async () => {
	const ids = [S.approve, S.approve, S.approve];
	const result = await env.run({ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary' }, { items: itemsOf('sessionId', ids) });
	expect(jsons(result).map((item) => [item.session_id, item.decision])).toEqual(ids.map((id) => [id, 'APPROVE']));
});

test('A redirect is reported, not followed: the signed request never goes to the other URL', async () => {
	const elsewhere = await startListener();
	const redirecting = http.createServer((req, res) => {
		req.resume();
		res.writeHead(302, { Location: `${elsewhere.url}${req.url}` });
		res.end();
	});
	await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', () => resolve()));
	const { port } = redirecting.address() as any;
	try {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: S.approve },
			{ credentials: { yotiApi: { baseUrl: `http://127.0.0.1:${port}/idverify/v1` } } },
		);
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/HTTP 302/);
		expect(elsewhere.received).toEqual([]);
	} finally {
		redirecting.closeAllConnections();
		await new Promise<void>((resolve) => redirecting.close(() => resolve()));
		await elsewhere.close();
	}
});

test('The credential is read once per execution, not once per request: every request is still signed by it', async () => {
	const ids = [S.approve, S.reject, S.ongoing, S.approve, S.identityProfile];
	const mark = env.sim.requests.length;
	const result = await env.run({ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary' }, { items: itemsOf('sessionId', ids) });
	expect(jsons(result).map((item) => item.session_id)).toEqual(ids);
	expect(result.credentialsHelper.decryptedReads.filter((type) => type === 'yotiApi')).toHaveLength(1);
	expect(result.credentialsHelper.authenticateCalls.map((call) => call.typeName)).toEqual(ids.map(() => 'yotiApi'));
	// The simulator checks every digest against the demo key: all five were accepted.
	expect(env.requestsSince(mark).map((r) => r.status)).toEqual(ids.map(() => 200));
});

test('A credential that cannot be read fails each item with its own error, and nothing is sent', async () => {
	const mark = env.sim.requests.length;
	const result = await env.run(
		{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary' },
		{ items: itemsOf('sessionId', [S.approve, S.reject]), continueOnFail: true, omitCredentials: ['yotiApi'] },
	);
	const items = jsons(result);
	expect(items).toHaveLength(2);
	for (const item of items) expect(String(item.error)).toMatch(/credential/i);
	expect(env.requestsSince(mark)).toEqual([]);
});
