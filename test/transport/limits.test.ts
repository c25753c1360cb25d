/* eslint-disable */
// The transport's download limits and its DELETE semantics (spec § Transport, since 2026-12-04),
// through the test-only probe node inside n8n's engine against the simulator.
import { downloadLimits } from '../../nodes/Yoti/transport';
import { megabytes } from '../../nodes/Yoti/transport/messages';
import { MEDIA_IMAGE_JPEG, SESSION_APPROVED, idvCredentials, probe, recordSleeps, startSimulator, type Simulator } from './probe';

const MEDIA_PATH = `/sessions/${SESSION_APPROVED}/media/${MEDIA_IMAGE_JPEG}/content`; // 815 bytes
const DELETABLE = '5e551000-0000-4000-8000-000000000008';

let sim: Simulator & { inFlight(): number };
let sleeps: ReturnType<typeof recordSleeps>;
beforeAll(async () => {
	sim = (await startSimulator({ port: 0 })) as any;
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

async function withFaults(faults: string[], parameters: Record<string, unknown>) {
	sim.setFaults(faults);
	const before = sim.requests.length;
	const result = await probe(parameters, idvCredentials(sim));
	sim.clearFaults();
	for (let i = 0; i < 200 && sim.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 10));
	return { result, calls: sim.requests.slice(before), json: result.items[0]?.[0]?.json as any };
}

describe('downloadLimits', () => {
	test('defaults: 100 MB and 120 s', () => {
		expect(downloadLimits({})).toEqual({ maxBytes: 104857600, deadlineMs: 120000 });
	});
	test('clamped: 1 byte to 1024 MB, 1 ms to 3600 s; unreadable values give the defaults', () => {
		expect(downloadLimits({ maxDownloadBytes: 0, downloadDeadlineMs: -5 })).toEqual({ maxBytes: 1, deadlineMs: 1 });
		expect(downloadLimits({ maxDownloadBytes: 5e12, downloadDeadlineMs: 1e9 })).toEqual({ maxBytes: 1073741824, deadlineMs: 3600000 });
		expect(downloadLimits({ maxDownloadBytes: NaN, downloadDeadlineMs: 'soon' as any })).toEqual({ maxBytes: 104857600, deadlineMs: 120000 });
	});
	test('megabytes()', () => {
		expect([megabytes(1048576), megabytes(104857600), megabytes(1572864), megabytes(1000)]).toEqual(['1 MB', '100 MB', '1.5 MB', '1000 bytes']);
	});
});

describe('download size cap', () => {
	test('815 bytes under a cap of 815 → whole; under 814 → the cap error, one request, never retried', async () => {
		const ok = await withFaults([], { path: MEDIA_PATH, download: true, maxDownloadBytes: 815 });
		expect(ok.result.error).toBeUndefined();
		expect(ok.json).toMatchObject({ statusCode: 200, isBuffer: true });
		const over = await withFaults([], { path: MEDIA_PATH, download: true, maxDownloadBytes: 814 });
		expect(over.calls).toHaveLength(1);
		expect(over.result.error!.message).toBe(
			"The download from Yoti is larger than this node's limit of 814 bytes (Options → Max Download Size (MB)) — raise that option if the file is expected to be this large",
		);
		expect((over.result.error as any).description).toBe(
			'Yoti announced 815 bytes (Content-Length), over the limit of 814 bytes; nothing was read. Not retried: the same file would be refused again.',
		);
		expect(sleeps.waits).toEqual([]);
	});

	test('a JSON GET has no cap (only downloads do)', async () => {
		const { result } = await withFaults([], { path: `/sessions/${SESSION_APPROVED}`, maxDownloadBytes: 10 });
		expect(result.error).toBeUndefined();
	});
});

describe('download deadline', () => {
	test('a drip past the deadline is stopped at it: one request, not retried', async () => {
		const started = Date.now();
		const { result, calls } = await withFaults(['drip:interval=100'], { path: MEDIA_PATH, download: true, downloadDeadlineMs: 300 });
		const elapsed = Date.now() - started;
		expect(calls).toHaveLength(1);
		expect(result.error!.message).toBe(
			"The download from Yoti did not finish within 0.3 s, this node's time limit for a whole download (Options → Download Time Limit (Seconds)) — try again later, or raise that option for a slow network",
		);
		expect(elapsed).toBeLessThan(1600); // the whole drip takes 1.6 s
		expect(sleeps.waits).toEqual([]);
	});

	test('the deadline includes the wait for the headers', async () => {
		const slow = (await startSimulator({ port: 0, latencyMs: 400 })) as any;
		try {
			const result = await probe({ path: MEDIA_PATH, download: true, downloadDeadlineMs: 200 }, idvCredentials(slow));
			expect(result.error!.message).toMatch(/^The download from Yoti did not finish within 0\.2 s/);
		} finally {
			await slow.close();
		}
	});
});

describe('DELETE', () => {
	test('answer lost after the delete, retry 404 → statusCode 404, alreadyDeleted', async () => {
		const { json, calls } = await withFaults(['drop-after:times=1'], { method: 'DELETE', path: `/sessions/${DELETABLE}` });
		expect(calls.map((c) => c.status)).toEqual([0, 404]);
		expect(json).toMatchObject({ statusCode: 404, alreadyDeleted: true, bodyIsUndefined: true });
	});

	test('attempts = 1: nothing to retry, so the lost answer is the network error', async () => {
		const { result, calls } = await withFaults(['drop-after:times=1'], { method: 'DELETE', path: `/sessions/${DELETABLE}`, attempts: 1 });
		expect(calls).toHaveLength(1);
		expect(result.error!.message).toMatch(/closed the connection before answering — tried once/);
	});

	test("a 2xx body is not parsed unless the caller reads it; unreadable → bodyUnreadable, never resent", async () => {
		const ignored = await withFaults(['garbage-body:times=1'], { method: 'DELETE', path: `/sessions/${DELETABLE}` });
		expect(ignored.calls).toHaveLength(1);
		expect(ignored.json).toEqual({ statusCode: 200, contentType: 'application/json', body: undefined, bodyIsUndefined: true });
		const read = await withFaults(['garbage-body:times=1'], { method: 'DELETE', path: `/sessions/${SESSION_APPROVED}/tracked-devices`, readsAnswer: true });
		expect(read.calls).toHaveLength(1);
		expect(read.json).toMatchObject({ statusCode: 200, bodyUnreadable: true, bodyIsUndefined: true });
	});

	test('readsAnswer: whole events are parsed', async () => {
		const { json } = await withFaults([], { method: 'DELETE', path: `/sessions/${SESSION_APPROVED}/tracked-devices`, readsAnswer: true });
		expect(json.statusCode).toBe(200);
		expect(json.body.map((e: any) => e.event)).toEqual(['CONFIG_FIRST_LOADED', 'RESOURCE_CREATED', 'CLIENT_SESSION_TOKEN_DELETED']);
		expect(json.bodyUnreadable).toBeUndefined();
	});
});
