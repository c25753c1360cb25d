/* eslint-disable */
// Each fault kind, as a plain client (axios or node:http) sees it.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import axios from 'axios';
import { S, M, R, SIGN_API_KEY, signedParts, signedRequest, rawRequest, json } from './helpers';

const { startSimulator, parseFault, DEMO } = require('./index');

const APPROVED_FILE = path.join(__dirname, 'data', `${S.approved}.json`);
let sim: any;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => {
	sim.clearFaults();
	sim.requests.splice(0);
});

const getSession = (id = S.approved) => signedRequest(sim.idvBaseUrl, { path: `/sessions/${id}`, privateKey: DEMO.privateKey });
const getMedia = (mediaId: string) => signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}/media/${mediaId}/content`, privateKey: DEMO.privateKey });

/** Sends a signed GET and reports what arrived before the connection ended. */
function partialGet(url: string, headers: Record<string, string>) {
	return new Promise<{ status?: number; contentLength?: number; received: Buffer; error?: string }>((resolve) => {
		const chunks: Buffer[] = [];
		let status: number | undefined;
		let contentLength: number | undefined;
		const done = (error?: string) => resolve({ status, contentLength, received: Buffer.concat(chunks), error });
		const req = http.get(url, { headers, agent: false }, (res) => {
			status = res.statusCode;
			contentLength = Number(res.headers['content-length']);
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => done());
			res.on('error', (e) => done(e.message));
			res.on('aborted', () => done('aborted'));
		});
		req.on('error', (e: any) => done(e.code || e.message));
	});
}

describe('status faults', () => {
	test('429 with Retry-After, twice, then success (axios)', async () => {
		sim.setFaults(['429:retry-after=1:times=2']);
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) {
			const { url, headers } = signedParts(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
			const res = await axios.get(url, { headers, validateStatus: () => true, responseType: 'arraybuffer' });
			statuses.push(res.status);
			if (i < 2) {
				expect(res.headers['retry-after']).toBe('1');
				expect(JSON.parse(Buffer.from(res.data).toString())).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests' });
			} else {
				expect(res.headers['retry-after']).toBeUndefined();
				expect(Buffer.compare(Buffer.from(res.data), fs.readFileSync(APPROVED_FILE))).toBe(0);
			}
		}
		expect(statuses).toEqual([429, 429, 200]);
		expect(sim.requests.map((r: any) => [r.status, r.fault])).toEqual([
			[429, '429:retry-after=1:times=2'],
			[429, '429:retry-after=1:times=2'],
			[200, undefined],
		]);
	});

	test.each([
		[500, 'INTERNAL_SERVER_ERROR'],
		[502, 'BAD_GATEWAY'],
		[503, 'SERVICE_UNAVAILABLE'],
		[504, 'GATEWAY_TIMEOUT'],
	])('%i once, then the real answer', async (status, code) => {
		sim.setFaults([`${status}:times=1`]);
		const first = await getSession();
		expect(first.status).toBe(status);
		expect(json(first).code).toBe(code);
		expect(first.headers['retry-after']).toBeUndefined();
		expect((await getSession()).status).toBe(200);
	});

	test('a fault without times stays on', async () => {
		sim.setFaults(['503:retry-after=7']);
		for (let i = 0; i < 3; i++) {
			const res = await getSession();
			expect(res.status).toBe(503);
			expect(res.headers['retry-after']).toBe('7');
		}
	});

	test('route and method filters pick the requests a fault applies to', async () => {
		sim.setFaults(['503:route=/media/', '500:method=DELETE']);
		expect((await getSession()).status).toBe(200);
		expect((await getMedia(M.jpeg)).status).toBe(503);
		const del = await signedRequest(sim.idvBaseUrl, { method: 'DELETE', path: `/sessions/${S.unknown}`, privateKey: DEMO.privateKey });
		expect(del.status).toBe(500);
	});

	test('faults are applied in order, each counting down its own times', async () => {
		sim.setFaults(['502:times=1', '504:times=1']);
		expect((await getSession()).status).toBe(502);
		expect((await getSession()).status).toBe(504);
		expect((await getSession()).status).toBe(200);
	});

	test('Yoti Sign routes are faulted too', async () => {
		sim.setFaults(['429:retry-after=2:times=1:route=^/v2/']);
		const url = `${sim.signBaseUrl}/idv/recipients/${R.completed}/sessions/signed/json`;
		const first = await rawRequest(url, { headers: { Authorization: `Bearer ${SIGN_API_KEY}` } });
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('2');
		expect((await rawRequest(url, { headers: { Authorization: `Bearer ${SIGN_API_KEY}` } })).status).toBe(200);
	});

	test('faults from the start options apply', async () => {
		const other = await startSimulator({ port: 0, faults: ['503:times=1'] });
		try {
			const one = await signedRequest(other.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
			const two = await signedRequest(other.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
			expect([one.status, two.status]).toEqual([503, 200]);
		} finally {
			await other.close();
		}
	});
});

describe('connection faults', () => {
	test('reset destroys the socket without an answer, then the next request succeeds', async () => {
		sim.setFaults(['reset:times=1']);
		await expect(getSession()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/) });
		expect((await getSession()).status).toBe(200);
		expect(sim.requests[0]).toEqual({ method: 'GET', path: `/idverify/v1/sessions/${S.approved}`, status: 0, fault: 'reset:times=1' });
	});

	test('axios sees the reset as a network error', async () => {
		sim.setFaults(['reset:times=1']);
		const { url, headers } = signedParts(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
		await expect(axios.get(url, { headers })).rejects.toMatchObject({ code: 'ECONNRESET' });
	});

	test('truncate announces more bytes than it sends, then cuts the connection', async () => {
		sim.setFaults(['truncate:times=1']);
		const { url, headers } = signedParts(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
		const got = await partialGet(url, headers);
		const file = fs.readFileSync(APPROVED_FILE);
		expect(got.status).toBe(200);
		expect(got.error).toBeDefined();
		expect(got.contentLength).toBeGreaterThan(file.length);
		expect(got.received.length).toBeLessThan(file.length);
		expect(Buffer.compare(got.received, file.subarray(0, got.received.length))).toBe(0);
		expect((await getSession()).status).toBe(200);
	});

	test('axios rejects a truncated body', async () => {
		sim.setFaults(['truncate:times=1']);
		const { url, headers } = signedParts(sim.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
		await expect(axios.get(url, { headers })).rejects.toBeDefined();
	});

	test('timeout never answers; the client gives up; close() still finishes', async () => {
		const other = await startSimulator({ port: 0, faults: ['timeout'] });
		const { url, headers } = signedParts(other.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
		await expect(rawRequest(url, { headers, timeoutMs: 150 })).rejects.toThrow('client timeout');
		expect(other.requests).toEqual([{ method: 'GET', path: `/idverify/v1/sessions/${S.approved}`, status: 0, fault: 'timeout' }]);
		const pending = rawRequest(url, { headers });
		const outcome = pending.then(
			() => 'answered',
			() => 'cut',
		);
		await new Promise((r) => setImmediate(r));
		await other.close();
		expect(await outcome).toBe('cut');
	});
});

describe('media faults', () => {
	test.each(['empty-media:times=1', '204:times=1'])('%s turns the next media answer into 204', async (spec) => {
		sim.setFaults([spec]);
		expect((await getSession()).status).toBe(200); // not a media route: untouched
		const empty = await getMedia(M.jpeg);
		expect(empty.status).toBe(204);
		expect(empty.body.length).toBe(0);
		const real = await getMedia(M.jpeg);
		expect(real.status).toBe(200);
		expect(real.headers['content-type']).toBe('image/jpeg');
	});

	test('empty-media still needs a valid signature', async () => {
		sim.setFaults(['empty-media']);
		const res = await signedRequest(sim.idvBaseUrl, { path: `/sessions/${S.approved}/media/${M.jpeg}/content`, privateKey: DEMO.privateKey, digest: () => 'AAAA' });
		expect(res.status).toBe(401);
	});
});

describe('latency', () => {
	test('a client with a shorter timeout gives up on a slow simulator', async () => {
		const slow = await startSimulator({ port: 0, latencyMs: 5000 });
		try {
			const { url, headers } = signedParts(slow.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
			await expect(rawRequest(url, { headers, timeoutMs: 200 })).rejects.toThrow('client timeout');
		} finally {
			await slow.close();
		}
	});
});

describe('fault specs and the admin fault API', () => {
	test('parseFault reads kinds and keys', () => {
		expect(parseFault('429:retry-after=1:times=2')).toMatchObject({ kind: '429', status: 429, retryAfter: '1', times: 2, route: null, method: null });
		expect(parseFault('503')).toMatchObject({ kind: '503', status: 503, times: Infinity });
		const routed = parseFault('reset:route=^/idverify/v1/sessions/[^/:]+$:method=get');
		expect(routed.route.test('/idverify/v1/sessions/abc')).toBe(true);
		expect(routed.route.test('/idverify/v1/sessions/abc/configuration')).toBe(false);
		expect(routed.spec).toBe('reset:method=GET:route=^/idverify/v1/sessions/[^/:]+$');
		expect(routed.method).toBe('GET');
		expect(parseFault('204').kind).toBe('empty-media');
		expect(parseFault('empty-media').route.test('/idverify/v1/sessions/a/media/b/content')).toBe(true);
		expect(parseFault({ kind: '429', retryAfter: 3, times: 1 })).toMatchObject({ status: 429, retryAfter: '3', times: 1 });
	});

	test.each(['teapot', '200', '429:times=two', '503:colour=red', 'reset:route=(', ''])('parseFault rejects %j', (spec) => {
		expect(() => parseFault(spec)).toThrow();
	});

	test('POST /__admin/faults sets, GET lists, DELETE clears; a bad list changes nothing', async () => {
		const admin = (method: string, body?: unknown) =>
			rawRequest(`${sim.url}/__admin/faults`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		const set = await admin('POST', ['503:times=1', '429:retry-after=1']);
		expect(set.status).toBe(200);
		expect(json(set).faults).toEqual([
			{ spec: '503:times=1', remaining: 1 },
			{ spec: '429:retry-after=1', remaining: null },
		]);
		const bad = await admin('POST', { faults: ['503', 'nonsense'] });
		expect(bad.status).toBe(400);
		expect(json(await admin('GET')).faults).toHaveLength(2);
		expect((await getSession()).status).toBe(503);
		expect(json(await admin('GET')).faults[0]).toEqual({ spec: '503:times=1', remaining: 0 });
		expect(json(await admin('DELETE')).faults).toEqual([]);
		expect((await getSession()).status).toBe(200);
	});

	test('admin calls are never faulted nor logged', async () => {
		sim.setFaults(['reset']);
		const res = await rawRequest(`${sim.url}/__admin/requests`);
		expect(res.status).toBe(200);
		expect(json(res).requests).toEqual([]);
	});
});

describe('answers that are not Yoti\'s (status faults with body=)', () => {
	const post = () =>
		signedRequest(sim.idvBaseUrl, { method: 'POST', path: '/sessions', body: '{"client_session_token_ttl":600}', privateKey: DEMO.privateKey });

	test('400:body=html — a proxy\'s HTML error page, before verification', async () => {
		sim.setFaults(['400:body=html:times=1']);
		const created = sim.createdSessionCount();
		const res = await post();
		expect(res.status).toBe(400);
		expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(res.body.toString()).toBe(
			'<!DOCTYPE html><html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>simulated proxy</center></body></html>',
		);
		expect(sim.requests[0]).toEqual({ method: 'POST', path: '/idverify/v1/sessions', status: 400, fault: '400:body=html:times=1' });
		expect(sim.createdSessionCount()).toBe(created);
	});

	test('400:body=json — JSON, but a gateway\'s shape, not Yoti\'s {code, message, errors[]}', async () => {
		sim.setFaults(['400:body=json:times=1']);
		const res = await post();
		expect(res.status).toBe(400);
		expect(res.headers['content-type']).toBe('application/json');
		expect(json(res)).toEqual({ timestamp: '2026-12-04T00:00:00.000Z', status: 400, error: 'Bad Request', path: '/idverify/v1/sessions' });
	});

	test('200:body=html — a web page where the API should be; text and empty bodies', async () => {
		sim.setFaults(['200:body=html:times=1', '502:body=text:times=1', '400:body=empty:times=1']);
		const page = await post();
		expect(page.status).toBe(200);
		expect(page.body.toString()).toContain('<title>200 OK</title>');
		const text = await post();
		expect([text.status, text.headers['content-type'], text.body.toString()]).toEqual([502, 'text/plain; charset=utf-8', '502 Bad Gateway']);
		const empty = await post();
		expect([empty.status, empty.headers['content-type'], empty.body.length]).toEqual([400, undefined, 0]);
	});
});

describe('accept (a lenient server)', () => {
	const PROBE = '{"client_session_token_ttl":1,"resources_ttl":1,"requested_checks":"n8n-credential-test"}';

	beforeEach(() => sim.reset());

	test('without it the probe body is refused: 400 PAYLOAD_VALIDATION naming each probe field', async () => {
		const res = await signedRequest(sim.idvBaseUrl, { method: 'POST', path: '/sessions', body: PROBE, privateKey: DEMO.privateKey });
		expect(res.status).toBe(400);
		expect(json(res)).toEqual({
			code: 'PAYLOAD_VALIDATION',
			message: 'There were errors validating the payload',
			errors: [
				{ property: 'client_session_token_ttl', message: 'must be at least 300 seconds' },
				{ property: 'resources_ttl', message: 'must be at least client_session_token_ttl + 86400 seconds' },
				{ property: 'requested_checks', message: 'must be an array' },
			],
		});
		expect(sim.createdSessionCount()).toBe(0);
	});

	test('with it the same body creates a session (201), once; the signature is still checked', async () => {
		sim.setFaults(['accept:times=2']);
		const bad = await signedRequest(sim.idvBaseUrl, { method: 'POST', path: '/sessions', body: PROBE, privateKey: DEMO.privateKey, digest: () => 'AAAA' });
		expect(bad.status).toBe(401);
		const res = await signedRequest(sim.idvBaseUrl, { method: 'POST', path: '/sessions', body: PROBE, privateKey: DEMO.privateKey });
		expect(res.status).toBe(201);
		expect(json(res).client_session_token_ttl).toBe(1);
		expect(sim.createdSessionCount()).toBe(1);
		const after = await signedRequest(sim.idvBaseUrl, { method: 'POST', path: '/sessions', body: PROBE, privateKey: DEMO.privateKey });
		expect(after.status).toBe(400);
		sim.reset();
	});

	test('accept applies to POST /sessions only by default', () => {
		const fault = parseFault('accept');
		expect(fault.method).toBe('POST');
		expect(fault.route.test('/idverify/v1/sessions')).toBe(true);
		expect(fault.route.test('/idverify/v1/sessions/abc')).toBe(false);
	});
});

describe('answers lost or spoiled after the route ran', () => {
	afterEach(() => sim.reset());
	const del = () => signedRequest(sim.idvBaseUrl, { method: 'DELETE', path: `/sessions/${S.deletable}`, privateKey: DEMO.privateKey });

	test.each(['drop-after:times=1', 'lost-answer:times=1'])('%s: the DELETE is done, the client gets no answer; a second DELETE is 404', async (spec) => {
		sim.setFaults([spec]);
		await expect(del()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/) });
		expect(sim.requests[0]).toEqual({ method: 'DELETE', path: `/idverify/v1/sessions/${S.deletable}`, status: 0, fault: 'drop-after:times=1' });
		expect((await del()).status).toBe(404);
		expect((await getSession(S.deletable)).status).toBe(404);
	});

	test('garbage-body: the DELETE is done, its 204 becomes a 200 whose complete body is not JSON', async () => {
		sim.setFaults(['garbage-body:times=1']);
		const res = await del();
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.headers['content-length']).toBe('15');
		expect(res.body.toString()).toBe('{"garbage": tru');
		expect((await getSession(S.deletable)).status).toBe(404);
	});

	test('garbage-body leaves error answers alone', async () => {
		sim.setFaults(['garbage-body']);
		const res = await getSession(S.unknown);
		expect(res.status).toBe(404);
		expect(json(res).code).toBe('NOT_FOUND');
	});

	test('truncate on a DELETE: done, then a 200 announcing 64 bytes with one sent', async () => {
		sim.setFaults(['truncate:times=1']);
		const { url, headers } = signedParts(sim.idvBaseUrl, { method: 'DELETE', path: `/sessions/${S.deletable}`, privateKey: DEMO.privateKey });
		const got = await new Promise<{ status?: number; received: Buffer }>((resolve) => {
			const chunks: Buffer[] = [];
			let status: number | undefined;
			const req = http.request(url, { method: 'DELETE', headers, agent: false }, (res) => {
				status = res.statusCode;
				res.on('data', (c) => chunks.push(c));
				res.on('close', () => resolve({ status, received: Buffer.concat(chunks) }));
			});
			req.on('error', () => resolve({ status, received: Buffer.concat(chunks) }));
			req.end();
		});
		expect(got.status).toBe(200);
		expect(got.received.toString()).toBe('{');
		expect((await getSession(S.deletable)).status).toBe(404);
	});
});

describe('download shapes: drip and large-body', () => {
	test('drip: the real bytes, in pieces over time', async () => {
		sim.setFaults(['drip:interval=40:times=1']);
		const started = Date.now();
		const res = await getMedia(M.jpeg);
		const elapsed = Date.now() - started;
		expect(res.status).toBe(200);
		expect(Buffer.compare(res.body, fs.readFileSync(path.join(__dirname, 'data', 'media', S.approved, `${M.jpeg}.jpg`)))).toBe(0);
		// 16 pieces, 40 ms apart
		expect(elapsed).toBeGreaterThanOrEqual(16 * 40 - 20);
		expect(parseFault('drip').intervalMs).toBe(200);
	});

	test('large-body: N bytes with a Content-Length, or chunked with length=none; media routes by default', async () => {
		sim.setFaults(['large-body:bytes=300000:times=1']);
		expect((await getSession()).status).toBe(200); // not a download route: untouched, fault not used
		const declared = await getMedia(M.jpeg);
		expect(declared.status).toBe(200);
		expect(declared.headers['content-type']).toBe('image/jpeg');
		expect(declared.headers['content-length']).toBe('300000');
		expect(declared.body.length).toBe(300000);

		sim.setFaults(['large-body:bytes=200000:length=none:times=1']);
		const chunked = await getMedia(M.jpeg);
		expect(chunked.headers['content-length']).toBeUndefined();
		expect(chunked.headers['transfer-encoding']).toBe('chunked');
		expect(chunked.body.length).toBe(200000);
	});

	test('large-body: 404s stay 404s; the default size is 2 MiB', async () => {
		sim.setFaults(['large-body']);
		expect((await getMedia(M.unknown)).status).toBe(404);
		expect(parseFault('large-body').bytes).toBe(2 * 1024 * 1024);
	});

	test('large-body stops sending when the client goes away', async () => {
		sim.setFaults(['large-body:bytes=500000000:times=1']);
		const { url, headers } = signedParts(sim.idvBaseUrl, { path: `/sessions/${S.approved}/media/${M.jpeg}/content`, privateKey: DEMO.privateKey });
		const got = await new Promise<number>((resolve) => {
			let size = 0;
			const req = http.get(url, { headers, agent: false }, (res) => {
				res.on('data', (c: Buffer) => {
					size += c.length;
					if (size > 1_000_000) req.destroy();
				});
				res.on('close', () => resolve(size));
			});
			req.on('error', () => resolve(size));
		});
		expect(got).toBeLessThan(500000000);
		// the simulator notices and is idle again
		for (let i = 0; i < 50 && sim.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 20));
		expect(sim.inFlight()).toBe(0);
	});
});

describe('in-flight high-water mark', () => {
	test('counts Yoti requests handled at once (latency holds them), not admin calls', async () => {
		const slow = await startSimulator({ port: 0, latencyMs: 150 });
		try {
			expect(slow.maxInFlight()).toBe(0);
			await Promise.all(Array.from({ length: 7 }, () => signedRequest(slow.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey })));
			expect(slow.maxInFlight()).toBe(7);
			expect(slow.inFlight()).toBe(0);
			const admin = await rawRequest(`${slow.url}/__admin/in-flight`);
			expect(json(admin)).toEqual({ in_flight: 0, max_in_flight: 7 });
			slow.resetMaxInFlight();
			expect(slow.maxInFlight()).toBe(0);
			await signedRequest(slow.idvBaseUrl, { path: `/sessions/${S.approved}`, privateKey: DEMO.privateKey });
			expect(json(await rawRequest(`${slow.url}/__admin/in-flight`, { method: 'DELETE' }))).toEqual({ in_flight: 0, max_in_flight: 0 });
		} finally {
			await slow.close();
		}
	});
});

describe('new fault specs', () => {
	test('parseFault reads body, interval, bytes and length', () => {
		expect(parseFault('400:body=html')).toMatchObject({ status: 400, body: 'html', spec: '400:body=html' });
		expect(parseFault('200:body=json:times=1')).toMatchObject({ status: 200, body: 'json', times: 1 });
		expect(parseFault('lost-answer:method=DELETE')).toMatchObject({ kind: 'drop-after', method: 'DELETE', spec: 'drop-after:method=DELETE' });
		expect(parseFault('drip:interval=25')).toMatchObject({ kind: 'drip', intervalMs: 25 });
		expect(parseFault('large-body:bytes=10:length=none')).toMatchObject({ kind: 'large-body', bytes: 10, chunked: true, spec: 'large-body:bytes=10:length=none' });
		const large = parseFault('large-body');
		for (const p of [`/idverify/v1/sessions/a/media/b/content`, '/v2/idv/recipients/r/sessions/signed/media/m', '/v2/idv/recipients/r/sessions/signed/pdf', '/idverify/v1/sessions/a/instructions/pdf']) {
			expect(large.route.test(p)).toBe(true);
		}
		expect(large.route.test('/idverify/v1/sessions/a')).toBe(false);
	});

	test.each(['200', '200:body=xml', 'reset:body=html', 'drip:interval=soon', 'large-body:bytes=-1', 'large-body:length=some', 'reset:bytes=3'])(
		'parseFault rejects %j',
		(spec) => {
			expect(() => parseFault(spec)).toThrow();
		},
	);
});
