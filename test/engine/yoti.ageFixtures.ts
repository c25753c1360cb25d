/* eslint-disable */
/**
 * Shared set-up for the age suites (yoti.age*.test.ts): the simulator with its Age Verification
 * and AI routes, the two age credentials pointing at it, `run` for the Yoti node inside n8n's
 * engine, a webhook server for the Yoti Age Verification Trigger (n8n-core's WebhookContext
 * behind a real HTTP listener), and test images. Expected values in the suites are written by
 * hand from test/simulator/data/age/*.json and Yoti's pages (../shared/reference/yoti-age.md).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as zlib from 'zlib';
import type { AddressInfo } from 'net';

import { WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookFunctions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { runNode, TestCredentialsHelper, type RunNodeResult } from './harness';
import { Yoti } from '../../nodes/Yoti/Yoti.node';
import { YotiAgeTrigger } from '../../nodes/YotiAgeTrigger/YotiAgeTrigger.node';
import { YotiAgeVerificationApi } from '../../credentials/YotiAgeVerificationApi.credentials';
import { YotiAiApi } from '../../credentials/YotiAiApi.credentials';

const { startSimulator, DEMO } = require('../simulator');
const ageRoutes = require('../simulator/routes/age');
export { DEMO };

export const DEMO_AGE_API_KEY: string = ageRoutes.DEMO_AGE_API_KEY;
/** The simulator's TEST-ONLY notification key pair (not Yoti's). */
export const TEST_NOTIFICATION_PRIVATE_KEY = fs.readFileSync(ageRoutes.AGE_NOTIFICATION_PRIVATE_KEY_PATH, 'utf8');
export const TEST_NOTIFICATION_PUBLIC_KEY = fs.readFileSync(ageRoutes.AGE_NOTIFICATION_PUBLIC_KEY_PATH, 'utf8');

/** Canned results (test/simulator/data/age/index.json). */
export const A = {
	complete: 'a9e00000-0000-4000-8000-000000000001',
	fail: 'a9e00000-0000-4000-8000-000000000002',
	error: 'a9e00000-0000-4000-8000-000000000003',
	cancelled: 'a9e00000-0000-4000-8000-000000000004',
	expired: 'a9e00000-0000-4000-8000-000000000005',
	pending: 'a9e00000-0000-4000-8000-000000000006',
	ageOnly: 'a9e00000-0000-4000-8000-000000000007',
	under: 'a9e00000-0000-4000-8000-000000000008',
	newStatus: 'a9e00000-0000-4000-8000-000000000009',
	unknown: 'a9e00000-0000-4000-8000-0000000000ff',
} as const;

export const credentialTypes = { yotiAgeVerificationApi: new YotiAgeVerificationApi(), yotiAiApi: new YotiAiApi() };

export interface AgeEnv {
	sim: any;
	ageBaseUrl: string;
	aiBaseUrl: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	run(parameters: INodeParameters, options?: { items?: INodeExecutionData[]; continueOnFail?: boolean; credentials?: Record<string, ICredentialDataDecryptedObject> }): Promise<RunNodeResult>;
	admin(pathname: string, body?: unknown, method?: string): Promise<any>;
	close(): Promise<void>;
}

export async function startAgeEnv(): Promise<AgeEnv> {
	const sim = await startSimulator({ port: 0 });
	const ageBaseUrl = `${sim.url}/age/api/v1`;
	const aiBaseUrl = `${sim.url}/ai/v1`;
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		yotiAgeVerificationApi: { sdkId: DEMO.sdkId, apiKey: DEMO_AGE_API_KEY, environment: 'custom', baseUrl: ageBaseUrl },
		yotiAiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: aiBaseUrl },
	};
	return {
		sim,
		ageBaseUrl,
		aiBaseUrl,
		credentials,
		async run(parameters, options = {}) {
			const merged = { ...credentials };
			for (const [type, data] of Object.entries(options.credentials ?? {})) merged[type] = { ...merged[type], ...data };
			return await runNode({ nodeType: new Yoti(), parameters, credentials: merged, credentialTypes, items: options.items, continueOnFail: options.continueOnFail });
		},
		async admin(pathname, body, method = 'POST') {
			const response = await fetch(`${sim.url}/__admin/age${pathname}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			try {
				return JSON.parse(text);
			} catch {
				return text;
			}
		},
		close: () => sim.close(),
	};
}

export function out(result: RunNodeResult): INodeExecutionData[] {
	if (result.error) throw new Error(`the run failed: ${result.error.message} ${(result.error as any).description ?? ''}`);
	return result.items[0] ?? [];
}
export const jsons = (result: RunNodeResult) => out(result).map((item) => item.json as any);
export function errorText(result: RunNodeResult): string {
	const error = result.error as any;
	return error ? `${error.message ?? ''} ${error.description ?? ''}` : '';
}

// ---------------------------------------------------------------------------------------------
// Images

function crc32(buffer: Buffer): number {
	let crc = ~0;
	for (const byte of buffer) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/**
 * A PNG of random pixels (so it does not compress below Yoti's 50 KB minimum), `colourType` 2
 * (RGB) or 0 (greyscale), with `yoti-sim:<directives>` in a tEXt chunk telling the simulator
 * what to answer.
 */
export function png(width: number, height: number, directives = '', colourType = 2, seed = 1): Buffer {
	const channels = colourType === 2 ? 3 : 1;
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = colourType;
	const rows: Buffer[] = [];
	let state = seed;
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * channels);
		for (let i = 1; i < row.length; i++) {
			state = (state * 1103515245 + 12345) & 0x7fffffff;
			row[i] = state >> 16;
		}
		rows.push(row);
	}
	const text = directives ? [chunk('tEXt', Buffer.from(`Comment\0yoti-sim:${directives};`, 'latin1'))] : [];
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		...text,
		chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 0 })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

export function binaryItem(bytes: Buffer, mimeType = 'image/png', fileName = 'face.png'): INodeExecutionData {
	return { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } };
}

// ---------------------------------------------------------------------------------------------
// The trigger behind a real listener, as test/trigger/webhookServer.ts does for the Yoti Trigger.

export interface TriggerServer {
	url: string;
	runs: IDataObject[][];
	errors: unknown[];
	staticData(): IDataObject;
	post(body: string | object): Promise<{ status: number; body: string }>;
	close(): Promise<void>;
}

let counter = 0;

export async function startAgeTrigger(
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	clock?: () => number,
): Promise<TriggerServer> {
	const trigger = new YotiAgeTrigger();
	const nodeTypes = { getByName: () => trigger as INodeType, getByNameAndVersion: () => trigger as INodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflowId = `wf-age-${process.pid}-${++counter}`;
	const filled = NodeHelpers.getNodeParameters(trigger.description.properties, parameters as any, true, false, null, trigger.description) ?? {};
	const node: INode = {
		id: `node-age-${counter}`,
		name: 'Yoti Age Verification Trigger',
		type: 'n8n-nodes-yoti.yotiAgeTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: filled,
		webhookId: 'a9e0b00c-0f3d-4a1e-9b0e-3f2d1c0b9a88',
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `cred-${type}`, name: type }])),
	};
	let saved = '{}';
	const runs: IDataObject[][] = [];
	const errors: unknown[] = [];
	const credentialsHelper = new TestCredentialsHelper(credentials, { ...credentialTypes });
	const { handleAgeNotification } = require('../../nodes/YotiAgeTrigger/webhook');

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void handle(req, res, Buffer.concat(chunks)).catch((error) => {
				errors.push(error);
				if (!res.headersSent) {
					res.statusCode = 500;
					res.end('{"message":"Error in workflow"}');
				}
			});
		});
	});

	async function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer) {
		const request = req as any;
		request.rawBody = rawBody;
		request.body = {};
		try {
			request.body = JSON.parse(rawBody.toString('utf8'));
		} catch {}
		request.params = {};
		request.query = {};
		const workflow = new Workflow({ id: workflowId, name: 'Age trigger test', nodes: [node], connections: {}, active: true, nodeTypes, staticData: JSON.parse(saved) });
		const additionalData = {
			credentialsHelper,
			httpRequest: request,
			httpResponse: res,
			restApiUrl: 'http://localhost/rest',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/age`,
			webhookDescription: trigger.description.webhooks![0],
			workflowId,
			workflowExecuteAdditionalData: additionalData,
		} as unknown as IWebhookData;
		const ctx = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null) as unknown as IWebhookFunctions;
		const result = clock ? await handleAgeNotification.call(ctx, clock) : await trigger.webhook.call(ctx);
		if (result.workflowData !== undefined) runs.push(result.workflowData[0].map((item: INodeExecutionData) => item.json));
		if (result.noWebhookResponse !== true) {
			res.statusCode = 200;
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
		}
		const staticData = workflow.staticData as IDataObject;
		if (staticData.__dataChanged === true) {
			const { __dataChanged, ...rest } = JSON.parse(JSON.stringify(staticData));
			saved = JSON.stringify(rest);
		}
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}/webhook/${node.webhookId}/age`;
	return {
		url,
		runs,
		errors,
		staticData: () => JSON.parse(saved),
		post: async (body) => {
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
			return { status: response.status, body: await response.text() };
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

export async function waitFor(check: () => boolean, timeoutMs = 10000): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Signs a notification body with `privateKey` as Yoti's page describes (RSA-PSS SHA-256). */
export function signNotification(fields: Record<string, unknown>, privateKey = TEST_NOTIFICATION_PRIVATE_KEY): Record<string, unknown> {
	const { sequence_number, signature, ...rest } = fields as any;
	const text = JSON.stringify(rest).replace(/\s/g, '');
	const sig = crypto.sign('sha256', Buffer.from(text, 'utf8'), {
		key: privateKey,
		padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
		saltLength: crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN,
	});
	return { ...rest, sequence_number: sequence_number ?? 1, signature: sig.toString('base64') };
}

export const DATA_AGE_DIR = path.resolve(__dirname, '../simulator/data/age');
