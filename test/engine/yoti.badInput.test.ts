/* eslint-disable */
/**
 * IDs that are not UUIDs are refused with a clear error before any request reaches Yoti, for
 * every operation that takes an ID; continueOnFail turns each failing item into one error item
 * (paired with its input) while the others go on; without it the first failing item (in item
 * order) fails the run.
 */
import { BAD_IDS, R, S, UNKNOWN, errorText, itemsOf, out, pairedIndexes, startEnv, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});

const MEDIA = '3ed1a000-0000-4000-8000-000000000101';

/** Every operation that takes IDs, with good values for all of them. */
const OPERATIONS: Array<{ resource: string; operation: string; ids: Record<string, string> }> = [
	{ resource: 'session', operation: 'get', ids: { sessionId: S.approve } },
	{ resource: 'session', operation: 'getConfiguration', ids: { sessionId: S.approve } },
	{ resource: 'session', operation: 'getMedia', ids: { sessionId: S.approve, mediaId: MEDIA } },
	{ resource: 'session', operation: 'getIdentityData', ids: { sessionId: S.approve } },
	{ resource: 'session', operation: 'getTrackedDevices', ids: { sessionId: S.approve } },
	{ resource: 'session', operation: 'deleteTrackedDevices', ids: { sessionId: S.approve } },
	{ resource: 'session', operation: 'delete', ids: { sessionId: S.deletable } },
	{ resource: 'session', operation: 'deleteMedia', ids: { sessionId: S.deletable, mediaId: '3ed1a000-0000-4000-8000-000000000801' } },
	{ resource: 'signRecipient', operation: 'getSignedResult', ids: { recipientId: R.completed } },
	{ resource: 'signRecipient', operation: 'getSignedMedia', ids: { recipientId: R.completed, mediaId: '3ed1a000-0000-4000-8000-000000005101' } },
	{ resource: 'signRecipient', operation: 'getSignedPdf', ids: { recipientId: R.completed } },
];

const LABELS: Record<string, string> = { sessionId: 'Session ID', mediaId: 'Media ID', recipientId: 'Recipient ID' };

const CASES = OPERATIONS.flatMap(({ resource, operation, ids }) =>
	Object.keys(ids).flatMap((field) =>
		BAD_IDS.map(([label, value]) => ({ name: `${resource}.${operation} ${field} = ${label}`, resource, operation, ids, field, value })),
	),
);

describe('a bad ID is refused before any request', () => {
	test.each(CASES)('$name', async ({ resource, operation, ids, field, value }) => {
		// through an expression, as a workflow fills IDs (n8n itself refuses to start a node
		// whose required parameter is literally empty)
		const mark = env.sim.requests.length;
		const result = await env.run({ resource, operation, ...ids, [field]: '={{ $json.value }}' }, { items: [{ json: { value } }] });
		expect(result.error).toBeDefined();
		const message = String(result.error!.message);
		expect(message).toContain(LABELS[field]);
		if (value === '') expect(message).toMatch(/is empty/);
		else expect(message).toBe(`${LABELS[field]} "${value}" is not a valid Yoti ID`);
		expect((result.error as any).description).toMatch(/UUID/);
		expect(out({ ...result, error: undefined } as any)).toEqual([]);
		expect(env.requestsSince(mark)).toEqual([]);
	});
});

test('a very long bad ID is shortened in the message', async () => {
	const long = 'x'.repeat(500);
	const result = await env.run({ resource: 'session', operation: 'get', sessionId: long });
	expect(result.error!.message.length).toBeLessThan(200);
	expect(result.error!.message).toContain('x'.repeat(60));
	expect(result.error!.message).not.toContain('x'.repeat(61));
});

describe('continueOnFail on', () => {
	test('one error item per bad input, the rest normal, in input order', async () => {
		const inputs = [S.approve, 'abc', S.reject, '', '<uuid>', UNKNOWN.session, S.ongoing];
		const mark = env.sim.requests.length;
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary' },
			{ items: itemsOf('sessionId', inputs), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(items[0].json).toMatchObject({ session_id: S.approve, decision: 'APPROVE' });
		expect(items[1].json).toEqual({
			error: 'Session ID "abc" is not a valid Yoti ID',
			error_description: expect.stringMatching(/UUID/),
		});
		expect(items[2].json).toMatchObject({ session_id: S.reject, decision: 'REJECT' });
		expect(items[3].json.error).toBe('Session ID is empty');
		expect(items[4].json.error).toBe('Session ID "<uuid>" is not a valid Yoti ID');
		expect(items[5].json.error).toMatch(/not found/i);
		expect(items[5].json.http_code).toBe('404');
		expect(items[6].json).toMatchObject({ session_id: S.ongoing, decision: 'PENDING' });
		// the three bad IDs never reached the simulator; the unknown one did
		expect(env.requestsSince(mark).map((r) => r.path.split('/').pop()).sort()).toEqual([S.approve, S.reject, S.ongoing, UNKNOWN.session].sort());
	});

	test('checks output: a good input still yields its several items next to error items', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}' },
			{ items: itemsOf('sessionId', ['nope', S.approve, 'nope-2']), continueOnFail: true },
		);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1, 1, 1, 1, 2]);
		expect(items[0].json.error).toBe('Session ID "nope" is not a valid Yoti ID');
		expect(items[1].json.check_type).toBe('ID_DOCUMENT_AUTHENTICITY');
		expect(items[5].json.error).toBe('Session ID "nope-2" is not a valid Yoti ID');
	});

	test('bad media IDs in getMedia', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: '={{ $json.mediaId }}' },
			{ items: itemsOf('mediaId', ['3ed1a000-0000-4000-8000-000000000104', '3ed1a000-0000-4000-8000-000000000104.png']), continueOnFail: true },
		);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1]);
		expect(items[0].json).toMatchObject({ has_content: true, mime_type: 'image/png' });
		expect(items[1].json.error).toBe('Media ID "3ed1a000-0000-4000-8000-000000000104.png" is not a valid Yoti ID');
		expect(items[1].binary).toBeUndefined();
	});
});

describe('continueOnFail off', () => {
	test.each([1, 5])('the run fails with the first bad item\'s message (concurrency %i)', async (concurrency) => {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', options: { concurrency } },
			{ items: itemsOf('sessionId', [S.approve, 'abc', '<uuid>', S.reject]) },
		);
		expect(result.error).toBeDefined();
		expect(result.error!.message).toBe('Session ID "abc" is not a valid Yoti ID');
		expect(result.items).toEqual([]);
	});

	test.each([1, 5])('the first failure in item order wins even when a later item fails sooner (concurrency %i)', async (concurrency) => {
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', options: { concurrency } },
			{ items: itemsOf('sessionId', [UNKNOWN.session, 'abc']) },
		);
		expect(errorText(result)).toMatch(/not found/i);
		expect(result.error!.message).not.toContain('abc');
	});

	test('no new items start after a failure (concurrency 1)', async () => {
		const mark = env.sim.requests.length;
		const result = await env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', options: { concurrency: 1 } },
			{ items: itemsOf('sessionId', ['abc', S.approve, S.reject]) },
		);
		expect(result.error!.message).toBe('Session ID "abc" is not a valid Yoti ID');
		expect(env.requestsSince(mark)).toEqual([]);
	});
});
