/* eslint-disable */
/**
 * In-branch verification (IBV) inside n8n's engine against the simulator: Create with IBV
 * options, Get Instructions, Get Instructions Contact Profile, Get Instructions PDF, Set
 * Instructions, Send Instructions Email — happy paths, 404, 409, 204 PDF, POST never retried,
 * bad IDs refused before any request, Continue On Fail. Expected values written by hand from
 * test/simulator/data/instructions-1bf…*.json, data/ibv-index.json and the contract.
 */
import { retryTiming } from '../../nodes/Yoti/transport';
import { BAD_IDS, dataBytes, errorText, itemsOf, jsons, out, pairedIndexes, startEnv, type YotiEnv } from './yotiFixtures';

const IBV = {
	awaitingVisit: '1bf00000-0000-4000-8000-000000000001',
	visited: '1bf00000-0000-4000-8000-000000000002',
	fresh: '1bf00000-0000-4000-8000-000000000003',
	expired: '1bf00000-0000-4000-8000-000000000004',
	unknown: '1bf00000-0000-4000-8000-0000000000ff',
};
const REQ = (n: string) => `1bf0e000-0000-4000-8000-0000000000${n}`;

let env: YotiEnv;
const realSleep = retryTiming.sleep;
beforeAll(async () => {
	env = await startEnv();
	retryTiming.sleep = async (ms: number) => realSleep(Math.min(ms, 5));
});
afterAll(async () => {
	retryTiming.sleep = realSleep;
	await env?.close();
});
afterEach(() => {
	env.sim.clearFaults();
	env.sim.reset();
});

const op = (operation: string, parameters: Record<string, unknown> = {}, options: Parameters<YotiEnv['run']>[1] = {}) =>
	env.run({ resource: 'session', operation, ...parameters }, options);

function logSince(mark: number): string[] {
	return env.requestsSince(mark).map((r) => `${r.method} ${r.path.replace('/idverify/v1', '')} ${r.status}`);
}

describe('session.create with IBV options', () => {
	test('MANDATORY, guidance URL, user price: ibv_options reach Yoti as the SDKs build them', async () => {
		const created = jsons(
			await op('create', {
				requestedChecks: ['ID_DOCUMENT_AUTHENTICITY'],
				ibvOptions: { support: 'MANDATORY', guidanceUrl: 'https://example.com/branch', userPriceAmount: '5.00', userPriceCurrency: 'GBP' },
			}),
		)[0];
		expect(env.sim.createdSpec(created.session_id).ibv_options).toEqual({
			support: 'MANDATORY',
			guidance_url: 'https://example.com/branch',
			user_price: { amount: '5.00', currency: 'GBP' },
		});
		const resources = jsons(await op('getConfiguration', { sessionId: created.session_id }));
		expect(resources.map((r) => [r.type, r.allowed_sources, r.allowed_providers])).toEqual([['ID_DOCUMENT', ['IBV'], ['UK_POST_OFFICE']]]);
	});

	test('NOT_ALLOWED alone; no IBV section → no ibv_options key', async () => {
		const notAllowed = jsons(await op('create', { ibvOptions: { support: 'NOT_ALLOWED' } }))[0];
		expect(env.sim.createdSpec(notAllowed.session_id).ibv_options).toEqual({ support: 'NOT_ALLOWED' });
		const plain = jsons(await op('create'))[0];
		expect(env.sim.createdSpec(plain.session_id)).not.toHaveProperty('ibv_options');
	});

	test('Session Spec (JSON) ibv_options wins key by key', async () => {
		const created = jsons(
			await op('create', {
				ibvOptions: { support: 'MANDATORY', guidanceUrl: 'https://example.com/a' },
				sessionSpecJson: JSON.stringify({ ibv_options: { guidance_url: 'https://example.com/b' } }),
			}),
		)[0];
		expect(env.sim.createdSpec(created.session_id).ibv_options).toEqual({ support: 'MANDATORY', guidance_url: 'https://example.com/b' });
	});

	test.each([
		[{ guidanceUrl: 'https://example.com' }, /Support must be MANDATORY or NOT_ALLOWED/],
		[{ support: 'MANDATORY', userPriceAmount: 'five' }, /Amount must be a number/],
		[{ support: 'MANDATORY', userPriceAmount: '5', userPriceCurrency: 'gbp' }, /ISO 4217/],
		[{ support: 'MANDATORY', guidanceUrl: 'not a url' }, /Guidance URL/],
	])('refused before any request: %j', async (ibvOptions, message) => {
		const mark = env.sim.requests.length;
		const result = await op('create', { ibvOptions });
		expect(errorText(result)).toMatch(message);
		expect(logSince(mark)).toEqual([]);
	});
});

describe('session.getInstructions', () => {
	test('one flat item (contract field list), documents as flat objects', async () => {
		const mark = env.sim.requests.length;
		const result = await op('getInstructions', { sessionId: IBV.awaitingVisit });
		expect(pairedIndexes(out(result))).toEqual([0]);
		expect(jsons(result)).toEqual([
			{
				session_id: IBV.awaitingVisit,
				contact_profile_exists: true,
				branch_type: 'UK_POST_OFFICE',
				branch_name: 'Simulator Street Post Office',
				branch_address: '1 Simulator Street, London',
				branch_post_code: 'SW1A 1AA',
				branch_fad_code: '0123456',
				branch_location_latitude: 51.501,
				branch_location_longitude: -0.1419,
				documents: [
					{ requirement_id: REQ('11'), type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'PASSPORT' },
					{ requirement_id: REQ('12'), type: 'SUPPLEMENTARY_DOCUMENT', country_code: 'GBR', document_type: 'UTILITY_BILL' },
				],
			},
		]);
		expect(logSince(mark)).toEqual([`GET /sessions/${IBV.awaitingVisit}/instructions 200`]);
	});

	test('nothing set: nulls, no documents, contact_profile_exists false', async () => {
		expect(jsons(await op('getInstructions', { sessionId: IBV.fresh }))).toEqual([
			{
				session_id: IBV.fresh,
				contact_profile_exists: false,
				branch_type: null,
				branch_name: null,
				branch_address: null,
				branch_post_code: null,
				branch_fad_code: null,
				branch_location_latitude: null,
				branch_location_longitude: null,
				documents: [],
			},
		]);
	});

	test('raw: the answer unchanged', async () => {
		const raw = jsons(await op('getInstructions', { sessionId: IBV.visited, output: 'raw' }));
		const file = JSON.parse(dataBytes(`instructions-${IBV.visited}.json`).toString('utf8'));
		expect(raw).toEqual([{ contact_profile_exists: false, documents: file.documents, branch: file.branch }]);
	});

	test('a GET is retried on 503', async () => {
		env.sim.setFaults(['503:times=1:route=/instructions$']);
		const mark = env.sim.requests.length;
		expect(jsons(await op('getInstructions', { sessionId: IBV.awaitingVisit }))[0].branch_fad_code).toBe('0123456');
		expect(logSince(mark).map((l) => l.split(' ').pop())).toEqual(['503', '200']);
	});
});

describe('session.getInstructionsContactProfile', () => {
	test('one item: session_id, first_name, last_name, email', async () => {
		const result = await op('getInstructionsContactProfile', { sessionId: IBV.awaitingVisit });
		expect(jsons(result)).toEqual([
			{ session_id: IBV.awaitingVisit, first_name: 'Alex', last_name: 'Example', email: 'alex.example@example.com' },
		]);
		expect(pairedIndexes(out(result))).toEqual([0]);
	});

	test('no contact profile set: a not-found error that shows Yoti’s message', async () => {
		const result = await op('getInstructionsContactProfile', { sessionId: IBV.visited });
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/not found/i);
		expect(errorText(result)).toMatch(/No contact profile has been set/);
	});
});

describe('session.getInstructionsPdf', () => {
	test('binary PDF named instructions-<sessionId>.pdf, bytes equal the stored file', async () => {
		const result = await op('getInstructionsPdf', { sessionId: IBV.awaitingVisit, binaryPropertyName: 'pdf' });
		const [item] = out(result);
		const file = dataBytes(`instructions-${IBV.awaitingVisit}.pdf`);
		expect(item.json).toEqual({ session_id: IBV.awaitingVisit, mime_type: 'application/pdf', size: file.length, has_content: true });
		expect(item.binary!.pdf).toMatchObject({ mimeType: 'application/pdf', fileName: `instructions-${IBV.awaitingVisit}.pdf` });
		expect((await result.binary(item, 'pdf')).equals(file)).toBe(true);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('204 (no PDF yet): has_content false, no binary, not an error', async () => {
		const result = await op('getInstructionsPdf', { sessionId: IBV.fresh });
		const [item] = out(result);
		expect(item.json).toEqual({ session_id: IBV.fresh, mime_type: null, size: 0, has_content: false });
		expect(item.binary).toBeUndefined();
	});
});

describe('session.setInstructions', () => {
	test('the body from the fields (Java model JSON names) is stored: Get Instructions and the contact profile read it back', async () => {
		const mark = env.sim.requests.length;
		const result = await op('setInstructions', {
			sessionId: IBV.fresh,
			contactProfile: { firstName: 'Robin', lastName: 'Newcomer', email: 'robin@example.com' },
			documents: { document: [{ requirementId: REQ('31'), type: 'ID_DOCUMENT', countryCode: 'GBR', documentType: 'DRIVING_LICENCE' }] },
			branch: { name: 'Another Post Office', address: '2 Example Road', postCode: 'EC1A 1BB', fadCode: '7654321', latitude: 51.5, longitude: -0.1 },
		});
		expect(jsons(result)).toEqual([{ session_id: IBV.fresh, instructions_set: true }]);
		expect(logSince(mark)).toEqual([`PUT /sessions/${IBV.fresh}/instructions 204`]);

		const raw = jsons(await op('getInstructions', { sessionId: IBV.fresh, output: 'raw' }))[0];
		expect(raw).toEqual({
			contact_profile_exists: true,
			documents: [{ requirement_id: REQ('31'), document: { type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'DRIVING_LICENCE' } }],
			branch: {
				type: 'UK_POST_OFFICE',
				name: 'Another Post Office',
				address: '2 Example Road',
				post_code: 'EC1A 1BB',
				fad_code: '7654321',
				location: { latitude: 51.5, longitude: -0.1 },
			},
		});
		expect(jsons(await op('getInstructionsContactProfile', { sessionId: IBV.fresh }))[0]).toEqual({
			session_id: IBV.fresh,
			first_name: 'Robin',
			last_name: 'Newcomer',
			email: 'robin@example.com',
		});
		// and now the simulator has a PDF for it
		expect(jsons(await op('getInstructionsPdf', { sessionId: IBV.fresh }))[0].has_content).toBe(true);
	});

	test('Instructions (JSON) is merged over the fields', async () => {
		await op('setInstructions', {
			sessionId: IBV.fresh,
			contactProfile: { email: 'robin@example.com' },
			instructionsJson: JSON.stringify({ contact_profile: { first_name: 'From JSON' } }),
		});
		expect(jsons(await op('getInstructionsContactProfile', { sessionId: IBV.fresh }))[0]).toMatchObject({
			first_name: 'From JSON',
			email: 'robin@example.com',
		});
	});

	test.each([
		[{}, /needs a contact profile, a document or a branch/],
		[{ contactProfile: { email: 'not-an-email' } }, /is not an e-mail address/],
		[{ documents: { document: [{ type: 'ID_DOCUMENT' }] } }, /Document 1 needs a Requirement ID/],
		[{ branch: { latitude: 51.5 } }, /both Latitude and Longitude/],
		[{ branch: { latitude: 95, longitude: 0 } }, /within ±90/],
		[{ instructionsJson: '[1]' }, /must be a JSON object/],
	])('refused before any request: %j', async (parameters, message) => {
		const mark = env.sim.requests.length;
		const result = await op('setInstructions', { sessionId: IBV.fresh, ...parameters });
		expect(errorText(result)).toMatch(message);
		expect(logSince(mark)).toEqual([]);
	});

	test('a PUT is not retried on 503', async () => {
		env.sim.setFaults(['503:times=1:method=PUT']);
		const mark = env.sim.requests.length;
		const result = await op('setInstructions', { sessionId: IBV.fresh, contactProfile: { email: 'a@example.com' } });
		expect(result.error).toBeDefined();
		expect(logSince(mark)).toEqual([`PUT /sessions/${IBV.fresh}/instructions 503`]);
	});
});

describe('session.sendInstructionsEmail', () => {
	test('POST with no body: {session_id, email_sent: true}; Yoti sends to the contact profile', async () => {
		const mark = env.sim.requests.length;
		const result = await op('sendInstructionsEmail', { sessionId: IBV.awaitingVisit });
		expect(jsons(result)).toEqual([{ session_id: IBV.awaitingVisit, email_sent: true }]);
		expect(pairedIndexes(out(result))).toEqual([0]);
		expect(logSince(mark)).toEqual([`POST /sessions/${IBV.awaitingVisit}/instructions/email 204`]);
		expect(env.sim.instructionEmails).toEqual([{ session_id: IBV.awaitingVisit, email: 'alex.example@example.com' }]);
	});

	test.each([
		['503', '503:times=1:method=POST', '503'],
		['429', '429:retry-after=1:times=1:method=POST', '429'],
		['a connection reset', 'reset:times=1:method=POST', '0'],
	])('never retried once sent: %s → one request, an error, no e-mail', async (_label, fault, status) => {
		env.sim.setFaults([fault]);
		const mark = env.sim.requests.length;
		const result = await op('sendInstructionsEmail', { sessionId: IBV.awaitingVisit, options: { attempts: 5 } });
		expect(result.error).toBeDefined();
		expect(logSince(mark)).toEqual([`POST /sessions/${IBV.awaitingVisit}/instructions/email ${status}`]);
		expect(env.sim.instructionEmails).toEqual([]);
	});
});

const ALL_OPERATIONS: Array<{ operation: string; extra?: Record<string, unknown> }> = [
	{ operation: 'getInstructions' },
	{ operation: 'getInstructionsContactProfile' },
	{ operation: 'getInstructionsPdf' },
	{ operation: 'setInstructions', extra: { contactProfile: { email: 'a@example.com' } } },
	{ operation: 'sendInstructionsEmail' },
];

describe('every IBV operation', () => {
	test.each(ALL_OPERATIONS)('$operation: unknown session → 404 not-found error', async ({ operation, extra }) => {
		const result = await op(operation, { sessionId: IBV.unknown, ...extra });
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/not found/i);
		expect(String((result.error as any).httpCode)).toBe('404');
	});

	test.each(ALL_OPERATIONS)('$operation: expired session → 409 error saying so', async ({ operation, extra }) => {
		const result = await op(operation, { sessionId: IBV.expired, ...extra });
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/expired/i);
		expect(String((result.error as any).httpCode)).toBe('409');
	});

	const BAD = ALL_OPERATIONS.flatMap(({ operation, extra }) => BAD_IDS.map(([label, value]) => ({ operation, extra, label, value })));
	test.each(BAD)('$operation: Session ID = $label refused before any request', async ({ operation, extra, value }) => {
		const mark = env.sim.requests.length;
		const result = await op(operation, { sessionId: '={{ $json.value }}', ...extra }, { items: [{ json: { value } }] });
		expect(String(result.error?.message)).toMatch(value === '' ? /Session ID is empty/ : /is not a valid Yoti ID/);
		expect(logSince(mark)).toEqual([]);
	});

	test.each(ALL_OPERATIONS)('$operation with Continue On Fail: an error item per failing input, the others go on, in order', async ({ operation, extra }) => {
		const result = await op(
			operation,
			{ sessionId: '={{ $json.sessionId }}', ...extra },
			{ items: itemsOf('sessionId', [IBV.awaitingVisit, IBV.unknown, 'abc', IBV.expired]), continueOnFail: true },
		);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1, 2, 3]);
		expect(items[0].json.error).toBeUndefined();
		expect(items[0].json.session_id).toBe(IBV.awaitingVisit);
		expect(items[1].json).toMatchObject({ http_code: '404' });
		expect(String(items[2].json.error)).toMatch(/not a valid Yoti ID/);
		expect(items[3].json).toMatchObject({ http_code: '409' });
	});
});
