/* eslint-disable */
/**
 * Limits in code, not only in the UI (spec § Transport, since 2026-12-04), inside n8n's engine
 * against the simulator:
 *  - Concurrency is clamped to 1–50: the simulator's in-flight high-water mark never passes 50,
 *    whatever the option holds (the UI's maxValue does not bind an expression or imported JSON);
 *  - a download has a size cap (option Max Download Size (MB), default 100) and an overall
 *    deadline (option Download Time Limit (Seconds), default 120), and each error names its limit.
 * The deadline is made short through the node option; time is never faked.
 */
import { R, S, errorText, itemsOf, jsons, out, startEnv, type YotiEnv } from './yotiFixtures';
import { Yoti } from '../../nodes/Yoti/Yoti.node';

const MEDIA_JPEG = '3ed1a000-0000-4000-8000-000000000101'; // 815 bytes
const IBV_WITH_PDF = '1bf00000-0000-4000-8000-000000000001';
const SIGN_MEDIA_JPEG = '3ed1a000-0000-4000-8000-000000005102';
const MiB = 1024 * 1024;

const TOO_LARGE_1MB =
	"The download from Yoti is larger than this node's limit of 1 MB (Options → Max Download Size (MB)) — raise that option if the file is expected to be this large";

describe('concurrency is clamped to 1–50 in code', () => {
	let env: YotiEnv;
	beforeAll(async () => {
		env = await startEnv({ latencyMs: 150 });
	});
	afterAll(async () => {
		await env?.close();
	});

	const runMany = (count: number, concurrency: unknown) =>
		env.run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}', output: 'summary', options: { concurrency } },
			{ items: itemsOf('sessionId', Array(count).fill(S.approve)) },
		);

	test('Concurrency 500 → at most 50 requests in flight at the simulator (and it does reach 50)', async () => {
		env.sim.resetMaxInFlight();
		const mark = env.sim.requests.length;
		const result = await runMany(120, 500);
		expect(jsons(result)).toHaveLength(120);
		expect(jsons(result).every((item) => item.decision === 'APPROVE')).toBe(true);
		expect(env.requestsSince(mark)).toHaveLength(120);
		expect(env.sim.maxInFlight()).toBe(50);
	});

	test('Concurrency 20 → exactly 20 in flight (the counter measures what the node does)', async () => {
		env.sim.resetMaxInFlight();
		await runMany(40, 20);
		expect(env.sim.maxInFlight()).toBe(20);
	});

	test.each([
		[0, 1],
		[-7, 1],
		['many', 1],
		[2.9, 2],
	])('Concurrency %j → %i at a time', async (concurrency, expected) => {
		env.sim.resetMaxInFlight();
		const result = await runMany(4, concurrency);
		expect(jsons(result)).toHaveLength(4);
		expect(env.sim.maxInFlight()).toBe(expected);
	});
});

describe('downloads: a size cap and an overall deadline', () => {
	let env: YotiEnv;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(async () => {
		await env?.close();
	});
	afterEach(() => env.sim.clearFaults());

	async function download(parameters: Record<string, unknown>, faults: string[]) {
		env.sim.setFaults(faults);
		const mark = env.sim.requests.length;
		const started = Date.now();
		const result = await env.run(parameters);
		const elapsedMs = Date.now() - started;
		env.sim.clearFaults();
		// A stopped download is logged once the simulator sees the connection go.
		for (let i = 0; i < 200 && env.sim.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 10));
		expect(env.sim.inFlight()).toBe(0);
		return { result, elapsedMs, log: env.requestsSince(mark) };
	}

	const getMedia = (options: Record<string, unknown> = {}) => ({ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: MEDIA_JPEG, options });

	test('a media announced larger than the cap → refused unread, one request, the error names the cap', async () => {
		const { result, log } = await download(getMedia({ maxDownloadMb: 1 }), ['large-body:bytes=3145728']);
		expect(log).toHaveLength(1);
		expect(result.error!.message).toBe(TOO_LARGE_1MB);
		expect((result.error as any).description).toBe(
			'Yoti announced 3145728 bytes (Content-Length), over the limit of 1048576 bytes; nothing was read. Not retried: the same file would be refused again.',
		);
	});

	test('a media sent without a length (chunked) → stopped as soon as it passes the cap', async () => {
		const { result, log } = await download(getMedia({ maxDownloadMb: 1 }), ['large-body:bytes=52428800:length=none']);
		expect(log).toHaveLength(1);
		expect(result.error!.message).toBe(TOO_LARGE_1MB);
		const stoppedAt = Number(/^Stopped at (\d+) bytes, over the limit of 1048576 bytes; nothing was kept\. Not retried/.exec((result.error as any).description)?.[1]);
		expect(stoppedAt).toBeGreaterThan(MiB);
		expect(stoppedAt).toBeLessThan(2 * MiB);
	});

	test('exactly the cap is accepted; one byte more is not', async () => {
		const exact = await download(getMedia({ maxDownloadMb: 1 }), ['large-body:bytes=1048576']);
		const [item] = out(exact.result);
		expect(item.json).toMatchObject({ session_id: S.approve, media_id: MEDIA_JPEG, mime_type: 'image/jpeg', size: MiB, has_content: true });
		expect((await exact.result.binary(item)).length).toBe(MiB);
		const over = await download(getMedia({ maxDownloadMb: 1 }), ['large-body:bytes=1048577']);
		expect(over.result.error!.message).toBe(TOO_LARGE_1MB);
	});

	test('the default cap is 100 MB', async () => {
		const { result } = await download(getMedia(), ['large-body:bytes=104857601']);
		expect(result.error!.message).toBe(
			"The download from Yoti is larger than this node's limit of 100 MB (Options → Max Download Size (MB)) — raise that option if the file is expected to be this large",
		);
		expect((result.error as any).description).toContain('Yoti announced 104857601 bytes (Content-Length), over the limit of 104857600 bytes');
	});

	test.each([
		['getInstructionsPdf', { resource: 'session', operation: 'getInstructionsPdf', sessionId: IBV_WITH_PDF }],
		['getSignedMedia', { resource: 'signRecipient', operation: 'getSignedMedia', recipientId: R.completed, mediaId: SIGN_MEDIA_JPEG }],
		['getSignedPdf', { resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.completed }],
	])('%s has the cap too', async (_name, parameters) => {
		const { result, log } = await download({ ...parameters, options: { maxDownloadMb: 1 } }, ['large-body:bytes=2097152']);
		expect(log).toHaveLength(1);
		expect(result.error!.message).toBe(TOO_LARGE_1MB);
	});

	test('a slow-drip body past the deadline → stopped at the deadline, one request, the error names the deadline', async () => {
		// 16 pieces, 250 ms apart: 4 s in all; the limit is 1 s
		const { result, log, elapsedMs } = await download(getMedia({ downloadTimeLimitSeconds: 1 }), ['drip:interval=250']);
		expect(log).toHaveLength(1);
		expect(result.error!.message).toBe(
			"The download from Yoti did not finish within 1 s, this node's time limit for a whole download (Options → Download Time Limit (Seconds)) — try again later, or raise that option for a slow network",
		);
		expect((result.error as any).description).toMatch(
			/^\d+ bytes had arrived when the limit of 1 s passed; nothing was kept\. The limit covers the whole download, not only pauses\. Not retried\.$/,
		);
		expect(elapsedMs).toBeGreaterThanOrEqual(900);
		expect(elapsedMs).toBeLessThan(3000);
	});

	test('Sign PDF has the deadline too', async () => {
		const { result } = await download(
			{ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.completed, options: { downloadTimeLimitSeconds: 1 } },
			['drip:interval=200'],
		);
		expect(result.error!.message).toMatch(/^The download from Yoti did not finish within 1 s/);
	});

	test('a drip that finishes inside the deadline is whole', async () => {
		const { result } = await download(getMedia({ downloadTimeLimitSeconds: 5 }), ['drip:interval=20']);
		const [item] = out(result);
		expect(item.json).toMatchObject({ size: 815, has_content: true });
		expect((await result.binary(item)).length).toBe(815);
	});

	test('continueOnFail: an item over the cap becomes an error item; the next downloads', async () => {
		env.sim.setFaults(['large-body:bytes=2097152:times=1']);
		const result = await env.run(
			{ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: '={{ $json.m }}', options: { maxDownloadMb: 1, concurrency: 1 } },
			{ items: itemsOf('m', [MEDIA_JPEG, MEDIA_JPEG]), continueOnFail: true },
		);
		const items = out(result);
		expect(items[0].json).toEqual({
			error: TOO_LARGE_1MB,
			error_description:
				'Yoti announced 2097152 bytes (Content-Length), over the limit of 1048576 bytes; nothing was read. Not retried: the same file would be refused again.',
		});
		expect(items[1].json).toMatchObject({ media_id: MEDIA_JPEG, size: 815 });
	});
});

describe('the options, as the editor shows them', () => {
	const { properties } = new Yoti().description;
	const optionsOf = (operation: string) =>
		(properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes(operation))!.options as any[]).map((o) => [o.name, o.default]);

	test.each(['getMedia', 'getInstructionsPdf', 'getSignedMedia', 'getSignedPdf'])('%s offers Max Download Size (MB) = 100 and Download Time Limit (Seconds) = 120', (operation) => {
		expect(optionsOf(operation)).toEqual(expect.arrayContaining([['maxDownloadMb', 100], ['downloadTimeLimitSeconds', 120]]));
	});

	test('operations that download nothing do not offer them', () => {
		for (const operation of ['get', 'delete', 'getTrackedDevices']) {
			expect(optionsOf(operation).map(([name]) => name)).not.toContain('maxDownloadMb');
		}
	});

	test('Concurrency says 1 to 50', () => {
		const concurrency = (properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('get'))!.options as any[]).find(
			(o) => o.name === 'concurrency',
		);
		expect(concurrency.typeOptions).toEqual({ minValue: 1, maxValue: 50 });
		expect(concurrency.default).toBe(5);
	});
});
