/* eslint-disable */
// The simulator's five in-branch (IBV) endpoints: signed and verified like every IDV route,
// answers read through a faithful reading of the PHP and Java SDK models (./ibvSdkModels),
// Set Instructions stored so Get Instructions returns it, 404 / 409 / 204, e-mails logged,
// each IBV notification topic sent, and ibv_options checked at session creation.
// Expected values written by hand from data/instructions-1bf…*.json and data/ibv-index.json.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { AddressInfo } from 'net';
import { json, rawRequest, signedRequest } from './helpers';
import { javaReadContactProfile, javaReadInstructions, phpReadContactProfile, phpReadInstructions } from './ibvSdkModels';

const { startSimulator, DEMO } = require('./index');

const IBV = {
	awaitingVisit: '1bf00000-0000-4000-8000-000000000001',
	visited: '1bf00000-0000-4000-8000-000000000002',
	fresh: '1bf00000-0000-4000-8000-000000000003',
	expired: '1bf00000-0000-4000-8000-000000000004',
	unknown: '1bf00000-0000-4000-8000-0000000000ff',
};
const REQ = (n: string) => `1bf0e000-0000-4000-8000-0000000000${n}`;

const BRANCH = {
	type: 'UK_POST_OFFICE',
	name: 'Simulator Street Post Office',
	address: '1 Simulator Street, London',
	post_code: 'SW1A 1AA',
	fad_code: '0123456',
	location: { latitude: 51.501, longitude: -0.1419 },
};

let sim: any;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => {
	sim.reset();
	sim.clearFaults();
});

const call = (method: string, p: string, body?: string, privateKey: string = DEMO.privateKey) =>
	signedRequest(sim.idvBaseUrl, { method, path: p, body, privateKey });

describe('GET /sessions/{id}/instructions', () => {
	test('a session with instructions: contact_profile_exists, documents and the UK Post Office branch', async () => {
		const res = await call('GET', `/sessions/${IBV.awaitingVisit}/instructions`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		expect(json(res)).toEqual({
			contact_profile_exists: true,
			documents: [
				{ requirement_id: REQ('11'), document: { type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'PASSPORT' } },
				{ requirement_id: REQ('12'), document: { type: 'SUPPLEMENTARY_DOCUMENT', country_code: 'GBR', document_type: 'UTILITY_BILL' } },
			],
			branch: BRANCH,
		});
	});

	test('the PHP and Java SDK models read it', async () => {
		const body = json(await call('GET', `/sessions/${IBV.awaitingVisit}/instructions`));
		const expected = {
			contactProfileExists: true,
			documents: [
				{ requirementId: REQ('11'), type: 'ID_DOCUMENT', countryCode: 'GBR', documentType: 'PASSPORT' },
				{ requirementId: REQ('12'), type: 'SUPPLEMENTARY_DOCUMENT', countryCode: 'GBR', documentType: 'UTILITY_BILL' },
			],
			branch: {
				type: 'UK_POST_OFFICE',
				name: 'Simulator Street Post Office',
				address: '1 Simulator Street, London',
				postCode: 'SW1A 1AA',
				fadCode: '0123456',
				latitude: 51.501,
				longitude: -0.1419,
			},
		};
		expect(phpReadInstructions(body)).toEqual(expected);
		expect(javaReadInstructions(body)).toEqual(expected);
		// the visited session has no contact profile: both read contact_profile_exists false
		const visited = json(await call('GET', `/sessions/${IBV.visited}/instructions`));
		expect(phpReadInstructions(visited).contactProfileExists).toBe(false);
		expect(javaReadInstructions(visited).branch?.fadCode).toBe('0123456');
	});

	test('the model readers are strict where the SDKs are (they would catch a wrong simulator answer)', () => {
		const { location, ...withoutLocation } = BRANCH;
		expect(() => phpReadInstructions({ branch: withoutLocation })).toThrow(/"location"/);
		expect(() => javaReadInstructions({ branch: { type: 'SOMEWHERE_ELSE' } })).toThrow(/InvalidTypeIdException/);
		expect(() => phpReadInstructions({ documents: [{ document: { type: 'ID_DOCUMENT' } }] })).toThrow(/requirement_id/);
		expect(() => javaReadInstructions({ documents: [{ requirement_id: 'r', document: { type: 'PASSPORT' } }] })).toThrow(/InvalidTypeIdException/);
		expect(() => javaReadInstructions({ contact_profile_exists: 'yes' })).toThrow(/boolean/);
	});

	test('nothing set yet: {contact_profile_exists: false}', async () => {
		const res = await call('GET', `/sessions/${IBV.fresh}/instructions`);
		expect(res.status).toBe(200);
		expect(json(res)).toEqual({ contact_profile_exists: false });
		expect(phpReadInstructions(json(res))).toEqual({ contactProfileExists: false, documents: null, branch: null });
		expect(javaReadInstructions(json(res))).toEqual({ contactProfileExists: false, documents: null, branch: null });
	});
});

describe('PUT /sessions/{id}/instructions', () => {
	const body = {
		contact_profile: { first_name: 'Robin', last_name: 'Newcomer', email: 'robin@example.com' },
		documents: [{ requirement_id: REQ('31'), document: { type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'DRIVING_LICENCE' } }],
		branch: { ...BRANCH, name: 'Another Post Office' },
	};

	test('204, then GET returns it, the contact profile is readable and a PDF is generated', async () => {
		expect((await call('GET', `/sessions/${IBV.fresh}/instructions/pdf`)).status).toBe(204);
		const put = await call('PUT', `/sessions/${IBV.fresh}/instructions`, JSON.stringify(body));
		expect(put.status).toBe(204);
		expect(json(await call('GET', `/sessions/${IBV.fresh}/instructions`))).toEqual({
			contact_profile_exists: true,
			documents: body.documents,
			branch: body.branch,
		});
		const profile = json(await call('GET', `/sessions/${IBV.fresh}/instructions/contact-profile`));
		expect(profile).toEqual({ first_name: 'Robin', last_name: 'Newcomer', email: 'robin@example.com' });
		const pdf = await call('GET', `/sessions/${IBV.fresh}/instructions/pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers['content-type']).toBe('application/pdf');
		expect(pdf.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(pdf.body.toString('latin1')).toContain('DRIVING_LICENCE');
		expect(pdf.body.toString('latin1')).toContain('Another Post Office');
	});

	test('a PUT replaces the file-backed instructions until reset', async () => {
		await call('PUT', `/sessions/${IBV.awaitingVisit}/instructions`, JSON.stringify({ branch: BRANCH }));
		expect(json(await call('GET', `/sessions/${IBV.awaitingVisit}/instructions`))).toEqual({ contact_profile_exists: false, branch: BRANCH });
		sim.reset();
		expect(json(await call('GET', `/sessions/${IBV.awaitingVisit}/instructions`)).contact_profile_exists).toBe(true);
	});

	test.each([
		['not JSON', 'nope', 'MALFORMED_REQUEST'],
		['a list', '[]', 'PAYLOAD_VALIDATION'],
		['a branch without type', JSON.stringify({ branch: { name: 'x' } }), 'PAYLOAD_VALIDATION'],
		['a document without requirement_id', JSON.stringify({ documents: [{ document: { type: 'ID_DOCUMENT' } }] }), 'PAYLOAD_VALIDATION'],
		['a string latitude', JSON.stringify({ branch: { type: 'UK_POST_OFFICE', location: { latitude: '51', longitude: 0 } } }), 'PAYLOAD_VALIDATION'],
	])('400 for %s', async (_label, text, code) => {
		const res = await call('PUT', `/sessions/${IBV.fresh}/instructions`, text);
		expect(res.status).toBe(400);
		expect(json(res).code).toBe(code);
	});
});

describe('GET …/instructions/contact-profile and …/pdf', () => {
	test('contact profile: read by both SDK models', async () => {
		const res = await call('GET', `/sessions/${IBV.awaitingVisit}/instructions/contact-profile`);
		expect(res.status).toBe(200);
		const expected = { firstName: 'Alex', lastName: 'Example', email: 'alex.example@example.com' };
		expect(phpReadContactProfile(json(res))).toEqual(expected);
		expect(javaReadContactProfile(json(res))).toEqual(expected);
	});

	test('no contact profile set: 404', async () => {
		const res = await call('GET', `/sessions/${IBV.visited}/instructions/contact-profile`);
		expect(res.status).toBe(404);
		expect(json(res).code).toBe('NOT_FOUND');
	});

	test('the stored PDF, byte for byte', async () => {
		const res = await call('GET', `/sessions/${IBV.awaitingVisit}/instructions/pdf`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/pdf');
		expect(res.body.equals(fs.readFileSync(path.join(__dirname, 'data', `instructions-${IBV.awaitingVisit}.pdf`)))).toBe(true);
	});

	test('the empty-media fault makes the PDF answer 204', async () => {
		sim.setFaults(['empty-media:route=/instructions/pdf']);
		expect((await call('GET', `/sessions/${IBV.awaitingVisit}/instructions/pdf`)).status).toBe(204);
	});
});

describe('POST …/instructions/email', () => {
	test('no body, signed without a body part: 204 and the e-mail is logged', async () => {
		const res = await call('POST', `/sessions/${IBV.awaitingVisit}/instructions/email`);
		expect(res.status).toBe(204);
		expect(sim.instructionEmails).toEqual([{ session_id: IBV.awaitingVisit, email: 'alex.example@example.com' }]);
	});

	test('no contact profile: 404, nothing sent', async () => {
		const res = await call('POST', `/sessions/${IBV.visited}/instructions/email`);
		expect(res.status).toBe(404);
		expect(sim.instructionEmails).toEqual([]);
	});
});

describe('every IBV endpoint', () => {
	const ENDPOINTS: Array<{ method: string; suffix: string; body?: string }> = [
		{ method: 'GET', suffix: '/instructions' },
		{ method: 'PUT', suffix: '/instructions', body: JSON.stringify({ branch: BRANCH }) },
		{ method: 'GET', suffix: '/instructions/contact-profile' },
		{ method: 'GET', suffix: '/instructions/pdf' },
		{ method: 'POST', suffix: '/instructions/email' },
	];

	test.each(ENDPOINTS)('$method $suffix signed with another key: 401, nothing changes', async ({ method, suffix, body }) => {
		const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
		const res = await call(method, `/sessions/${IBV.awaitingVisit}${suffix}`, body, privateKey);
		expect(res.status).toBe(401);
		expect(json(res).code).toBe('UNAUTHORIZED');
		expect(sim.instructionEmails).toEqual([]);
		expect(json(await call('GET', `/sessions/${IBV.awaitingVisit}/instructions`)).contact_profile_exists).toBe(true);
	});

	test.each(ENDPOINTS)('$method $suffix on an unknown session: 404; on an expired one: 409 SESSION_EXPIRED', async ({ method, suffix, body }) => {
		const unknown = await call(method, `/sessions/${IBV.unknown}${suffix}`, body);
		expect(unknown.status).toBe(404);
		const expired = await call(method, `/sessions/${IBV.expired}${suffix}`, body);
		expect(expired.status).toBe(409);
		expect(json(expired).code).toBe('SESSION_EXPIRED');
	});

	test('a malformed escape in the session segment: 404, no crash', async () => {
		const res = await call('GET', '/sessions/%E0%A4%A/instructions');
		expect(res.status).toBe(404);
	});

	test('another method on a known path: 405 before verification', async () => {
		const res = await rawRequest(`${sim.idvBaseUrl}/sessions/${IBV.awaitingVisit}/instructions/pdf`, { method: 'DELETE' });
		expect(res.status).toBe(405);
	});
});

describe('ibv_options at session creation', () => {
	const create = (spec: unknown) => call('POST', '/sessions', JSON.stringify(spec));

	test('MANDATORY: the required resources can only come from the branch; the body is kept', async () => {
		const spec = {
			requested_checks: [{ type: 'ID_DOCUMENT_AUTHENTICITY', config: {} }],
			ibv_options: { support: 'MANDATORY', guidance_url: 'https://example.com/branch', user_price: { amount: '5.00', currency: 'GBP' } },
		};
		const res = await create(spec);
		expect(res.status).toBe(201);
		const sessionId = json(res).session_id;
		expect(sim.createdSpec(sessionId)).toEqual(spec);
		const config = json(await call('GET', `/sessions/${sessionId}/configuration`));
		expect(config.capture.required_resources[0].allowed_sources).toEqual([{ type: 'IBV', allowed_providers: ['UK_POST_OFFICE'] }]);
	});

	test('NOT_ALLOWED: the app only', async () => {
		const res = await create({ requested_checks: [{ type: 'ID_DOCUMENT_AUTHENTICITY' }], ibv_options: { support: 'NOT_ALLOWED' } });
		const config = json(await call('GET', `/sessions/${json(res).session_id}/configuration`));
		expect(config.capture.required_resources[0].allowed_sources).toEqual([{ type: 'END_USER' }]);
	});

	test.each([
		[{ support: 'OPTIONAL' }, 'ibv_options.support'],
		[{ support: 'MANDATORY', user_price: { amount: 5, currency: 'GBP' } }, 'ibv_options.user_price.amount'],
		['MANDATORY', 'ibv_options'],
	])('400 PAYLOAD_VALIDATION for %j', async (ibvOptions, property) => {
		const res = await create({ ibv_options: ibvOptions });
		expect(res.status).toBe(400);
		expect(json(res).errors.map((e: any) => e.property)).toContain(property);
	});
});

describe('IBV notifications', () => {
	let listener: http.Server;
	let url: string;
	const received: any[] = [];
	beforeAll(async () => {
		listener = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({ authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
				res.end('ok');
			});
		});
		await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook`;
	});
	afterAll(() => new Promise((r) => listener.close(r)));

	test.each(['NEW_PDF_SUPPLIED', 'INSTRUCTIONS_EMAIL_REQUESTED', 'THANK_YOU_EMAIL_REQUESTED', 'FIRST_BRANCH_VISIT'])(
		'/__admin/notify sends %s in lower case',
		async (topic) => {
			received.length = 0;
			const res = await rawRequest(`${sim.url}/__admin/notify`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ session_id: IBV.awaitingVisit, topic, endpoint: url, auth_token: 'ibv:token' }),
			});
			expect(json(res)).toMatchObject({ delivered: true, status: 200 });
			expect(received).toEqual([
				{ authorization: `Basic ${Buffer.from('ibv:token').toString('base64')}`, body: { session_id: IBV.awaitingVisit, topic: topic.toLowerCase() } },
			]);
		},
	);
});

test('data/ibv-index.json lists the IBV demo sessions and their files', () => {
	const index = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', 'ibv-index.json'), 'utf8'));
	expect(index.sessions.map((s: any) => s.session_id)).toEqual([IBV.awaitingVisit, IBV.visited, IBV.fresh, IBV.expired]);
	for (const s of index.sessions) {
		expect(fs.existsSync(path.join(__dirname, 'data', `${s.session_id}.json`))).toBe(true);
		for (const file of s.files) expect(fs.existsSync(path.join(__dirname, 'data', file))).toBe(true);
	}
});
