/* eslint-disable */
// POST /__admin/notify delivers Yoti's notification body to a local listener with Basic or
// Bearer auth, using the notifications block given at session creation.
import * as http from 'http';
import { AddressInfo } from 'net';
import { IDVClient, SessionSpecificationBuilder, NotificationConfigBuilder } from 'yoti';
import { S, rawRequest, json, signedRequest } from './helpers';

const { startSimulator, DEMO } = require('./index');

interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

let sim: any;
let listener: http.Server;
let listenerUrl: string;
let received: Received[] = [];
let answerStatus = 200;

beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	listener = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method || '', url: req.url || '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(answerStatus, { 'Content-Type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
	listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/yoti-hook`;
});
afterAll(async () => {
	await sim.close();
	await new Promise((r) => listener.close(r));
});
beforeEach(() => {
	received = [];
	answerStatus = 200;
});

const adminNotify = (payload: unknown) =>
	rawRequest(`${sim.url}/__admin/notify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });

async function createSessionNotifyingListener(authType: 'BASIC' | 'BEARER', authToken: string): Promise<string> {
	const client = new IDVClient(DEMO.sdkId, DEMO.privateKey, { apiUrl: sim.idvBaseUrl });
	const notifications = new NotificationConfigBuilder()
		.withEndpoint(listenerUrl)
		.withAuthToken(authToken)
		.withAuthTypeBasic();
	if (authType === 'BEARER') notifications.withAuthTypeBearer();
	const spec = new SessionSpecificationBuilder()
		.withClientSessionTokenTtl(600)
		.withNotifications(notifications.forSessionCompletion().forCheckCompletion().build())
		.build();
	return (await client.createSession(spec)).getSessionId();
}

test('Basic: a session created with a notifications block is notified at its endpoint', async () => {
	const sessionId = await createSessionNotifyingListener('BASIC', 'user:pass');
	const res = await adminNotify({ session_id: sessionId, topic: 'SESSION_COMPLETION' });
	expect(res.status).toBe(200);
	expect(json(res)).toMatchObject({ delivered: true, status: 200 });
	expect(received).toHaveLength(1);
	expect(received[0].method).toBe('POST');
	expect(received[0].url).toBe('/yoti-hook');
	expect(received[0].headers.authorization).toBe('Basic dXNlcjpwYXNz');
	expect(received[0].headers['content-type']).toBe('application/json');
	expect(JSON.parse(received[0].body)).toEqual({ session_id: sessionId, topic: 'session_completion' });
});

test('Bearer: the token is sent as is; check_id / task_id / resource_id are passed on', async () => {
	const sessionId = await createSessionNotifyingListener('BEARER', 'tok-123');
	const res = await adminNotify({
		session_id: sessionId,
		topic: 'CHECK_COMPLETION',
		check_id: 'c4ec0000-0000-4000-8000-000000000101',
		task_id: '7a5c0000-0000-4000-8000-000000000101',
		resource_id: '5e50c000-0000-4000-8000-000000000101',
	});
	expect(json(res).delivered).toBe(true);
	expect(received[0].headers.authorization).toBe('Bearer tok-123');
	expect(JSON.parse(received[0].body)).toEqual({
		session_id: sessionId,
		topic: 'check_completion',
		check_id: 'c4ec0000-0000-4000-8000-000000000101',
		task_id: '7a5c0000-0000-4000-8000-000000000101',
		resource_id: '5e50c000-0000-4000-8000-000000000101',
	});
});

test('endpoint and auth given in the admin call override; any session id works then', async () => {
	const res = await adminNotify({ session_id: S.approved, topic: 'resource_update', endpoint: listenerUrl, auth_token: 'a:b', auth_type: 'basic' });
	expect(json(res)).toMatchObject({ delivered: true, status: 200 });
	expect(received[0].headers.authorization).toBe(`Basic ${Buffer.from('a:b').toString('base64')}`);
	expect(JSON.parse(received[0].body)).toEqual({ session_id: S.approved, topic: 'resource_update' });
});

test("the listener's status is reported back", async () => {
	answerStatus = 401;
	const res = await adminNotify({ session_id: S.approved, topic: 'SESSION_COMPLETION', endpoint: listenerUrl, auth_token: 'x', auth_type: 'BEARER' });
	expect(res.status).toBe(200);
	expect(json(res)).toMatchObject({ delivered: true, status: 401 });
});

test('without an auth token no Authorization header is sent', async () => {
	await adminNotify({ session_id: S.approved, topic: 'SESSION_COMPLETION', endpoint: listenerUrl });
	expect(received[0].headers.authorization).toBeUndefined();
});

test('sim.notify() does the same in process', async () => {
	const sessionId = await createSessionNotifyingListener('BEARER', 'in-process');
	await expect(sim.notify({ session_id: sessionId, topic: 'CLIENT_SESSION_TOKEN_DELETED' })).resolves.toMatchObject({ delivered: true, status: 200 });
	expect(received[0].headers.authorization).toBe('Bearer in-process');
	expect(JSON.parse(received[0].body)).toEqual({ session_id: sessionId, topic: 'client_session_token_deleted' });
});

test('bad admin calls: missing fields 400, no known endpoint 404, unreachable endpoint 502', async () => {
	expect((await adminNotify({ topic: 'SESSION_COMPLETION' })).status).toBe(400);
	expect((await adminNotify({ session_id: S.approved })).status).toBe(400);
	expect((await rawRequest(`${sim.url}/__admin/notify`, { method: 'POST', body: 'not json' })).status).toBe(400);
	const unknown = await adminNotify({ session_id: S.approved, topic: 'SESSION_COMPLETION' });
	expect(unknown.status).toBe(404);
	const closed = http.createServer();
	await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
	const port = (closed.address() as AddressInfo).port;
	await new Promise((r) => closed.close(r));
	const unreachable = await adminNotify({ session_id: S.approved, topic: 'SESSION_COMPLETION', endpoint: `http://127.0.0.1:${port}/` });
	expect(unreachable.status).toBe(502);
	expect(json(unreachable).delivered).toBe(false);
	expect(received).toHaveLength(0);
});

test('a create-session body with a bad notifications block is 400 PAYLOAD_VALIDATION', async () => {
	const body = JSON.stringify({ notifications: { endpoint: 'not a url', auth_type: 'DIGEST', topics: 'SESSION_COMPLETION' } });
	const res = await signedRequest(sim.idvBaseUrl, { method: 'POST', path: '/sessions', body, privateKey: DEMO.privateKey });
	expect(res.status).toBe(400);
	const err = json(res);
	expect(err.code).toBe('PAYLOAD_VALIDATION');
	expect(err.errors.map((e: any) => e.property).sort()).toEqual(['notifications.auth_type', 'notifications.endpoint', 'notifications.topics']);
});
