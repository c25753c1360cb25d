/* eslint-disable */
/**
 * The simulator's Yoti Sign envelopes (routes/envelopes.js) over plain HTTP, as Yoti's pages
 * describe them (../shared/reference/yoti-sign-envelopes.md). Requests are built by hand here,
 * not with the node's code.
 */
import * as http from 'http';

const { startSimulator, DEMO } = require('./index');
const { minimalPdf } = require('./zip');

let sim: any;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim?.close());
beforeEach(() => sim.reset());

const AUTH = { authorization: `Bearer ${DEMO.signApiKey}` };

async function call(method: string, rel: string, body?: Buffer | string, headers: Record<string, string> = {}) {
	const res = await fetch(`${sim.signBaseUrl}${rel}`, { method, headers: { ...AUTH, ...headers }, body });
	const text = Buffer.from(await res.arrayBuffer());
	let json: any;
	try {
		json = JSON.parse(text.toString('utf8'));
	} catch {}
	return { status: res.status, json, bytes: text, type: res.headers.get('content-type') };
}

function multipart(files: Array<{ name: string; type: string; data: Buffer }>, options: unknown) {
	const b = 'XyZboundary42';
	const parts: Buffer[] = [];
	for (const f of files) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="options"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(options)}\r\n--${b}--\r\n`));
	return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const PDF = minimalPdf('one page');
const options = (tags: unknown[] = [{ page_number: 1, x: 0.1, y: 0.1, type: 'signature', optional: false, file_name: 'a.pdf' }], extra = {}) => ({
	name: 'Test envelope',
	emails: { invitation: { body: { message: 'Please sign' } } },
	recipients: [{ name: 'Ada', email: 'ada@example.com', role: 'Signee', auth_type: 'no-auth', sign_group: 1, tags }],
	...extra,
});

test('a wrong key → 401', async () => {
	const res = await fetch(`${sim.signBaseUrl}/envelopes/e0000000-0000-4000-8000-000000000001`, { headers: { authorization: 'Bearer nope' } });
	expect(res.status).toBe(401);
});

test('POST /envelopes: 202 {envelope_id}, QUEUED then ACTIVE; GET spells completion COMPLETE and /status COMPLETED', async () => {
	const { body, headers } = multipart([{ name: 'a.pdf', type: 'application/pdf', data: PDF }], options());
	const created = await call('POST', '/envelopes', body, headers);
	expect(created.status).toBe(202);
	expect(Object.keys(created.json)).toEqual(['envelope_id']);
	const id = created.json.envelope_id;
	expect((await call('GET', `/envelopes/${id}`)).json.status).toBe('QUEUED');
	await new Promise((r) => setTimeout(r, 60));
	expect((await call('GET', `/envelopes/${id}/status`)).json).toEqual({ status: 'ACTIVE' });
	await sim.envelopes.sign(id);
	expect((await call('GET', `/envelopes/${id}`)).json.status).toBe('COMPLETE');
	expect((await call('GET', `/envelopes/${id}/status`)).json).toEqual({ status: 'COMPLETED' });
	const zip = await call('GET', `/envelopes/${id}/completed-documents`);
	expect([zip.status, zip.type, zip.bytes.subarray(0, 2).toString('latin1')]).toEqual([200, 'application/octet-stream', 'PK']);
});

test('validation: 422 with errors for a recipient without an e-mail; 422 for a file that is not a PDF', async () => {
	const noEmail = multipart([{ name: 'a.pdf', type: 'application/pdf', data: PDF }], { ...options(), recipients: [{ name: 'Ada', auth_type: 'no-auth', tags: [] }] });
	const res = await call('POST', '/envelopes', noEmail.body, noEmail.headers);
	expect(res.status).toBe(422);
	expect(res.json.errors).toContainEqual({ property: 'recipients[0].email', message: 'must be an e-mail address' });
	const notPdf = multipart([{ name: 'a.pdf', type: 'application/pdf', data: Buffer.from('hello') }], options());
	expect((await call('POST', '/envelopes', notPdf.body, notPdf.headers)).status).toBe(422);
	expect((await call('POST', '/envelopes', 'not multipart', { 'content-type': 'text/plain' })).status).toBe(400);
});

test('a tag on a page the file does not have: accepted, then ERRORED with upload_errors sent to the destination', async () => {
	const received: any[] = [];
	const hook = http.createServer((req, res) => {
		let data = '';
		req.on('data', (c) => (data += c));
		req.on('end', () => {
			received.push(JSON.parse(data));
			res.end();
		});
	});
	await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
	const destination = `http://127.0.0.1:${(hook.address() as any).port}/sign`;
	const { body, headers } = multipart(
		[{ name: 'a.pdf', type: 'application/pdf', data: PDF }],
		options([{ page_number: 3, x: 0.1, y: 0.1, type: 'signature', optional: false, file_name: 'a.pdf' }], { notifications: { destination, subscriptions: ['upload_errors'] } }),
	);
	const created = await call('POST', '/envelopes', body, headers);
	expect(created.status).toBe(202);
	const started = Date.now();
	while (received.length === 0 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
	hook.close();
	expect(received).toEqual([{ envelope_id: created.json.envelope_id, subscription_name: 'upload_errors', status: 'ERRORED', details: { errors: [{ file_name: 'a.pdf', code: 'TAG_PAGE_NOT_FOUND' }] } }]);
	expect((await call('GET', `/envelopes/${created.json.envelope_id}/status`)).json).toEqual({
		envelope_id: created.json.envelope_id,
		status: 'ERRORED',
		details: { errors: [{ file_name: 'a.pdf', code: 'TAG_PAGE_NOT_FOUND' }] },
	});
});

test('embedded: 202 with each signer\'s token; event_notifications is required', async () => {
	const missing = multipart([{ name: 'a.pdf', type: 'application/pdf', data: PDF }], options());
	expect((await call('POST', '/embedded-envelopes', missing.body, missing.headers)).status).toBe(422);
	const opts = options();
	(opts.recipients[0] as any).event_notifications = [];
	const ok = multipart([{ name: 'a.pdf', type: 'application/pdf', data: PDF }], opts);
	const res = await call('POST', '/embedded-envelopes', ok.body, ok.headers);
	expect(res.status).toBe(202);
	expect(res.json.recipients).toEqual([{ token: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'ada@example.com' }]);
});

test('search: offset is 1-based (0 counts as 1), total counts every match; status[] filters', async () => {
	const first = await call('GET', '/organisations/envelopes/search?offset=0&limit=2');
	const one = await call('GET', '/organisations/envelopes/search?offset=1&limit=2');
	const two = await call('GET', '/organisations/envelopes/search?offset=2&limit=2');
	expect(first.json).toEqual(one.json);
	expect(first.json.total).toBe(5);
	expect(first.json.envelopes.map((e: any) => e.envelope_id)).toEqual(['e0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000002']);
	expect(two.json.envelopes.map((e: any) => e.envelope_id)).toEqual(['e0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000003']);
	const archived = await call('GET', '/organisations/envelopes/search?status[]=archived');
	expect(archived.json).toEqual({ envelopes: [{ envelope_id: 'e0000000-0000-4000-8000-000000000003', envelope: 'Withdrawn offer', status: 'ARCHIVED', created_at: '2026-11-15T15:45:00.000Z' }], total: 1 });
	expect((await call('GET', '/organisations/envelopes/search?from_date=yesterday')).status).toBe(400);
});

test('archive: 204, then 409; reminders to a signed recipient → 400; admin sign over HTTP', async () => {
	const id = 'e0000000-0000-4000-8000-000000000002';
	expect((await call('PATCH', `/envelopes/${id}`)).status).toBe(204);
	expect((await call('PATCH', `/envelopes/${id}`)).status).toBe(409);
	sim.reset();
	expect((await call('POST', `/envelopes/${id}/recipients/5191e000-0000-4000-8000-0000000e0201/send-reminder`)).status).toBe(400);
	const signed = await fetch(`${sim.url}/__admin/envelopes/${id}/sign`, { method: 'POST', body: '{}' });
	expect(await signed.json()).toEqual({ envelope_id: id, recipient_id: '5191e000-0000-4000-8000-0000000e0202', status: 'COMPLETE', deliveries: [] });
});
