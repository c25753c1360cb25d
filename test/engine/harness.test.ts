/* eslint-disable */
import {
	NodeApiError,
	NodeConnectionTypes,
	type ICredentialType,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { yotiRequest } from '../../nodes/Yoti/transport';
import { DEMO, SESSION_APPROVED, idvCredentials, startRawServer, startSimulator, type RawServer, type Simulator } from '../transport/probe';
import { runNode, testNodeDescription } from './harness';

/** A tiny node: for every input item, GET /sessions/<item.json.sessionId> through the transport. */
const sessionNode: INodeType = {
	description: testNodeDescription('Harness Session Getter', 'harnessSessionGetter', 'Test-only', {
		credentials: [{ name: 'yotiApi', required: true }],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			try {
				const { body } = await yotiRequest<{ session_id: string; state: string }>(
					this,
					{ api: 'idv', method: 'GET', path: `/sessions/${item.json.sessionId}`, resource: 'session' },
					{ itemIndex, attempts: 1 },
				);
				output.push({ json: { session_id: body.session_id, state: body.state }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	},
};

/** A node exercising the engine's other services: parameters with defaults, binary data, logger, credentials. */
const servicesNode: INodeType = {
	description: testNodeDescription('Harness Services', 'harnessServices', 'Test-only', {
		version: [1, 2],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		credentials: [{ name: 'yotiApi', required: false }],
		properties: [
			{ displayName: 'Text', name: 'text', type: 'string', default: 'default text' },
			{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
		],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('fail', 0)) {
			throw new NodeApiError(this.getNode(), {}, { message: 'Deliberate failure', description: 'from the test node', httpCode: '418' });
		}
		const text = this.getNodeParameter('text', 0) as string;
		this.logger.info(`services node says ${text}`);
		const credentials = await this.getCredentials('yotiApi').catch(() => undefined);
		const binary = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), 'text.txt', 'text/plain');
		const items = this.getInputData().map((item, index) => ({
			json: { ...item.json, text, typeVersion: this.getNode().typeVersion, environment: credentials?.environment ?? null },
			binary: { file: binary },
			pairedItem: { item: index },
		}));
		return [items, [{ json: { second: true }, pairedItem: { item: 0 } }]];
	},
};

let sim: Simulator;
let raw: RawServer;
beforeAll(async () => {
	sim = await startSimulator({ port: 0 });
	raw = await startRawServer();
});
afterAll(async () => {
	await sim.close();
	await raw.close();
});

describe('runNode: a node inside n8n-core\'s WorkflowExecute', () => {
	test('the transport signs through the real credential and httpRequestWithAuthentication; the simulator verifies it', async () => {
		const before = sim.requests.length;
		const result = await runNode({
			nodeType: sessionNode,
			credentials: idvCredentials(sim),
			items: [{ json: { sessionId: SESSION_APPROVED } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([[{ json: { session_id: SESSION_APPROVED, state: 'COMPLETED' }, pairedItem: { item: 0 } }]]);
		expect(sim.requests.slice(before)).toEqual([{ method: 'GET', path: `/idverify/v1/sessions/${SESSION_APPROVED}`, status: 200 }]);
		const calls = result.credentialsHelper.authenticateCalls;
		expect(calls).toHaveLength(1);
		expect(calls[0].typeName).toBe('yotiApi');
		expect(calls[0].url).toMatch(new RegExp(`^${sim.idvBaseUrl}/sessions/${SESSION_APPROVED}\\?sdkId=${DEMO.sdkId}&nonce=`));
		expect(calls[0].headers['X-Yoti-Auth-Digest']).toEqual(expect.any(String));
	});

	test('input items flow in from the source node; output keeps order and pairedItem', async () => {
		const result = await runNode({
			nodeType: sessionNode,
			credentials: idvCredentials(sim),
			items: [{ json: { sessionId: SESSION_APPROVED } }, { json: { sessionId: '5e551000-0000-4000-8000-000000000004' } }],
		});
		expect(result.items[0].map((item) => [item.json.state, item.pairedItem])).toEqual([
			['COMPLETED', { item: 0 }],
			['ONGOING', { item: 1 }],
		]);
	});

	test('without continueOnFail the node\'s error stops the run and is returned as `error`', async () => {
		const result = await runNode({
			nodeType: sessionNode,
			credentials: idvCredentials(sim),
			items: [{ json: { sessionId: '5e551000-0000-4000-8000-0000000000ff' } }],
		});
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Session 5e551000-0000-4000-8000-0000000000ff not found or already deleted — check the session ID, or the SDK ID is not an application in this environment');
	});

	test('continueOnFail is the node setting n8n reads (onError: continueRegularOutput)', async () => {
		const result = await runNode({
			nodeType: sessionNode,
			credentials: idvCredentials(sim),
			continueOnFail: true,
			items: [{ json: { sessionId: '5e551000-0000-4000-8000-0000000000ff' } }, { json: { sessionId: SESSION_APPROVED } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].map((item) => item.json)).toEqual([
			{ error: 'Session 5e551000-0000-4000-8000-0000000000ff not found or already deleted — check the session ID, or the SDK ID is not an application in this environment' },
			{ session_id: SESSION_APPROVED, state: 'COMPLETED' },
		]);
	});

	test('a node that throws despite continueOnFail: n8n records the error and passes the input through', async () => {
		const result = await runNode({ nodeType: servicesNode, parameters: { fail: true }, continueOnFail: true, items: [{ json: { a: 1 } }] });
		expect(result.nodeError?.message).toBe('Deliberate failure');
		// n8n-core marks the run as failed when its last node threw, even under continue-on-fail.
		expect(result.error?.message).toBe('Deliberate failure');
		expect(result.items[0].map((item) => item.json)).toEqual([{ a: 1 }]);
	});

	test('a node that throws without continueOnFail: `error` and `nodeError` are that error', async () => {
		const result = await runNode({ nodeType: servicesNode, parameters: { fail: true } });
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Deliberate failure');
		expect((result.error as any).httpCode).toBe('418');
		expect(result.nodeError?.message).toBe('Deliberate failure');
	});

	test('parameter defaults, typeVersion, several outputs, binary data, logger and credential defaults', async () => {
		const result = await runNode({
			nodeType: servicesNode,
			typeVersion: 1,
			// no environment given: n8n fills the credential type's default
			credentials: { yotiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey } },
			items: [{ json: { a: 1 } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		const [item] = result.items[0];
		expect(item.json).toEqual({ a: 1, text: 'default text', typeVersion: 1, environment: 'production' });
		expect((await result.binary(item, 'file')).toString('utf8')).toBe('default text');
		expect(item.binary?.file).toMatchObject({ mimeType: 'text/plain', fileName: 'text.txt' });
		expect(result.items[1]).toEqual([{ json: { second: true }, pairedItem: { item: 0 } }]);
		expect(result.logs).toContain('info: services node says default text');
		expect(result.logs.some((line) => line.includes('Running node "Node Under Test" finished successfully'))).toBe(true);
	});

	test('without the node declaring a credential, n8n refuses to hand it out', async () => {
		const result = await runNode({ nodeType: servicesNode, parameters: { text: 'x' }, typeVersion: 2 });
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json).toMatchObject({ text: 'x', typeVersion: 2, environment: null });
	});

	test('a generic (declarative) credential: expressions resolved, and n8n\'s own 401 re-authenticate-and-resend', async () => {
		const genericTestApi: ICredentialType = {
			name: 'genericTestApi',
			displayName: 'Generic Test',
			properties: [{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' }],
			authenticate: { type: 'generic', properties: { headers: { 'X-Token': '={{$credentials.token}}' } } },
		};
		const node: INodeType = {
			description: {
				...sessionNode.description,
				name: 'genericCaller',
				credentials: [{ name: 'genericTestApi', required: true }],
			},
			async execute(this: IExecuteFunctions) {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'genericTestApi', {
					method: 'GET',
					url: `${raw.baseUrl}/generic`,
					returnFullResponse: true,
				})) as { statusCode: number };
				return [[{ json: { statusCode: response.statusCode }, pairedItem: { item: 0 } }]];
			},
		};
		raw.answer({ status: 200, body: '{}' });
		const before = raw.received.length;
		const ok = await runNode({ nodeType: node, credentials: { genericTestApi: { token: 't-123' } }, credentialTypes: { genericTestApi } });
		expect(ok.items[0][0].json).toEqual({ statusCode: 200 });
		expect(raw.received[before].headers['x-token']).toBe('t-123');

		// Status errors thrown on a 401 make n8n re-run authenticate and resend once — the path
		// the Yoti transport avoids with ignoreHttpStatusErrors.
		raw.answer({ status: 401, body: '{}' });
		const again = raw.received.length;
		const rejected = await runNode({ nodeType: node, credentials: { genericTestApi: { token: 't-123' } }, credentialTypes: { genericTestApi } });
		expect(rejected.error).toBeDefined();
		expect(raw.received.length - again).toBe(2);
	});
});
