/* eslint-disable */
// The simulator playing the person (journey.js, routes/journey.js): a session created through
// POST /sessions is finished with an outcome, its session_completion sent to the endpoint and
// with the auth it was created with, or dropped and sent later. The expected decisions are the
// contract's ladder applied by hand to what each outcome builds; they are checked with the
// package's own summary.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { AddressInfo } from 'net';
import { summarizeSession } from '../../nodes/Yoti/core';
import { json, rawRequest, signedRequest, S } from './helpers';

const { startSimulator, DEMO } = require('./index');
const { journeyClient } = require('./journey');

const DEMO_MEDIA = path.join(__dirname, 'data', 'media', '5e551000-0000-4000-8000-000000000001');
const TOKEN = 'journey-token';

let sim: any;
let listener: http.Server;
let endpoint: string;
let received: Array<{ authorization?: string; body: any }> = [];

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	listener = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			res.end('ok');
		});
	});
	await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
	endpoint = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await sim.close();
	await new Promise((r) => listener.close(r));
});
beforeEach(() => {
	received = [];
});

const signed = (method: string, p: string, body?: string) => signedRequest(sim.idvBaseUrl, { method, path: p, body, privateKey: DEMO.privateKey });

async function create(userTrackingId = 'journey-user'): Promise<string> {
	const body = JSON.stringify({
		client_session_token_ttl: 600,
		resources_ttl: 90000,
		user_tracking_id: userTrackingId,
		requested_checks: [{ type: 'ID_DOCUMENT_AUTHENTICITY', config: {} }, { type: 'LIVENESS', config: { liveness_type: 'ZOOM' } }],
		notifications: { endpoint, topics: ['SESSION_COMPLETION'], auth_token: TOKEN, auth_type: 'BASIC' },
	});
	const res = await signed('POST', '/sessions', body);
	expect(res.status).toBe(201);
	return json(res).session_id;
}
const admin = (p: string, body?: unknown, method = 'POST') =>
	rawRequest(`${sim.url}/__admin/journey${p}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const readSession = async (id: string) => json(await signed('GET', `/sessions/${id}`));

describe.each([
	['approve', 'APPROVE', 'COMPLETED', []],
	['reject', 'REJECT', 'COMPLETED', ['ID_DOCUMENT_AUTHENTICITY']],
	['review', 'REVIEW', 'COMPLETED', []],
	['not_available', 'NOT_AVAILABLE', 'COMPLETED', []],
	['expire', 'EXPIRED', 'EXPIRED', []],
])('finish %s over the admin API', (outcome, decision, state, rejected) => {
	test(`the session reads ${state} with decision ${decision}; session_completion sent with the session's Basic auth`, async () => {
		const id = await create(`user-${outcome}`);
		const res = await admin(`/sessions/${id}/finish`, { outcome, person: { full_name: 'Ada Lovelace', date_of_birth: '1815-12-10' } });
		expect(res.status).toBe(200);
		expect(json(res)).toMatchObject({ session_id: id, outcome, decision, state, notification: { delivered: true, status: 200 } });
		expect(received).toEqual([{ authorization: `Basic ${Buffer.from(TOKEN).toString('base64')}`, body: { session_id: id, topic: 'session_completion' } }]);
		const session = await readSession(id);
		expect(session).toMatchObject({ session_id: id, state, user_tracking_id: `user-${outcome}` });
		const summary = summarizeSession(session);
		expect(summary.decision).toBe(decision);
		expect(summary.rejected_check_types).toEqual(rejected);
	});
});

test('a finished session serves its media: the document fields name the person, the images are the demo images', async () => {
	const id = await create();
	await sim.journey.finish(id, 'review', { person: { full_name: 'Ada Lovelace', date_of_birth: '1815-12-10' } });
	const session = await readSession(id);
	const doc = session.resources.id_documents[0];
	const fields = json(await signed('GET', `/sessions/${id}/media/${doc.document_fields.media.id}/content`));
	expect(fields).toMatchObject({ full_name: 'Ada Lovelace', given_names: 'Ada', family_name: 'Lovelace', date_of_birth: '1815-12-10', document_type: 'PASSPORT' });
	const page = await signed('GET', `/sessions/${id}/media/${doc.pages[0].media.id}/content`);
	expect(page.headers['content-type']).toBe('image/jpeg');
	expect(page.body.equals(fs.readFileSync(path.join(DEMO_MEDIA, '3ed1a000-0000-4000-8000-000000000101.jpg')))).toBe(true);
	const frame = session.resources.liveness_capture[0].frames[0].media.id;
	expect((await signed('GET', `/sessions/${id}/media/${frame}/content`)).body.equals(fs.readFileSync(path.join(DEMO_MEDIA, '3ed1a000-0000-4000-8000-000000000106.png')))).toBe(true);
	const watchlist = session.checks.find((c: any) => c.type === 'WATCHLIST_SCREENING');
	expect(watchlist.report).toMatchObject({ recommendation: { value: 'CONSIDER', reason: 'POTENTIAL_MATCH' }, watchlist_summary: { total_hits: 2 } });
});

test('a dropped notification is not sent; notify sends it later (a late notification)', async () => {
	const id = await create();
	const result = await sim.journey.finish(id, 'approve', { notify: false });
	expect(result).toMatchObject({ decision: 'APPROVE', notification: { dropped: true } });
	await new Promise((r) => setTimeout(r, 200));
	expect(received).toEqual([]);
	expect(sim.journey.sessions().find((s: any) => s.session_id === id)).toMatchObject({ outcome: 'approve', notification_dropped: true, state: 'COMPLETED' });
	const late = await admin(`/sessions/${id}/notify`, {});
	expect(json(late)).toMatchObject({ delivered: true, status: 200 });
	expect(received.map((r) => r.body)).toEqual([{ session_id: id, topic: 'session_completion' }]);
});

test('a rejected document on a session still ONGOING: DELETE answers 409 until the state changes, then 204 and the media is gone', async () => {
	const id = await create();
	await sim.journey.finish(id, 'reject', { notify: false, state: 'ONGOING' });
	const session = await readSession(id);
	expect(summarizeSession(session)).toMatchObject({ session_state: 'ONGOING', decision: 'REJECT' });
	expect((await signed('DELETE', `/sessions/${id}`)).status).toBe(409);
	expect(json(await admin(`/sessions/${id}/state`, { state: 'COMPLETED' }))).toEqual({ session_id: id, state: 'COMPLETED' });
	expect((await signed('DELETE', `/sessions/${id}`)).status).toBe(204);
	expect((await signed('GET', `/sessions/${id}`)).status).toBe(404);
	expect((await signed('GET', `/sessions/${id}/media/${session.resources.id_documents[0].pages[0].media.id}/content`)).status).toBe(404);
	expect(sim.journey.sessions().find((s: any) => s.session_id === id).deleted).toBe(true);
	expect((await admin(`/sessions/${id}/finish`, { outcome: 'approve' })).status).toBe(404);
});

test('refusals: an unknown outcome 400, a session not created here 404, an unknown route 404', async () => {
	const id = await create();
	const bad = await admin(`/sessions/${id}/finish`, { outcome: 'maybe' });
	expect(bad.status).toBe(400);
	expect(json(bad).error).toMatch(/outcome must be one of approve, reject, review, not_available, expire/);
	expect((await admin(`/sessions/${S.approved}/finish`, { outcome: 'approve' })).status).toBe(404);
	expect((await admin(`/sessions/${crypto.randomUUID()}/notify`, {})).status).toBe(404);
	expect((await admin(`/sessions/${id}/explode`, {})).status).toBe(404);
	expect((await admin('/sessions', undefined, 'GET')).status).toBe(200);
});

test('journeyClient drives the same over HTTP; reset forgets finished sessions', async () => {
	const client = journeyClient(sim.url);
	const id = await create('via-client');
	await expect(client.finish(id, 'expire')).resolves.toMatchObject({ decision: 'EXPIRED', state: 'EXPIRED' });
	expect((await client.sessions()).find((s: any) => s.session_id === id)).toMatchObject({ user_tracking_id: 'via-client', outcome: 'expire', notifications_endpoint: endpoint });
	sim.reset();
	expect(await client.sessions()).toEqual([]);
	expect((await signed('GET', `/sessions/${id}`)).status).toBe(404);
});
