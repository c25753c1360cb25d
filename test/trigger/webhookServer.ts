/* eslint-disable */
/**
 * A small stand-in for n8n's webhook server: a real HTTP listener that, per request, does what
 * n8n's live-webhook path does around a trigger's `webhook()`:
 *   - reads the raw body into `req.rawBody` and parses JSON into `req.body`;
 *   - loads the workflow with its saved static data, builds n8n-core's real `WebhookContext`
 *     (parameters with defaults filled by NodeHelpers, credentials through a credentials helper
 *     that runs our credential classes' `authenticate`, real `httpRequestWithAuthentication`);
 *   - turns the `IWebhookResponseData` into the HTTP answer the way n8n does (noWebhookResponse →
 *     the node answered; no workflowData → `webhookResponse` or "Webhook call received";
 *     otherwise `onReceived` + `responseData: 'noData'` → empty 200) and records the run;
 *   - saves static data afterwards when it changed (as n8n does in the response callback).
 * n8n itself answers 422 before the node for a body that claims JSON but does not parse; here
 * the body is left `{}` so the node's own handling can be exercised.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';

process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-trigger-n8n-'));
}

import { WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { YotiTrigger } from '../../nodes/YotiTrigger/YotiTrigger.node';
import { TestCredentialsHelper } from '../engine/harness';

export const NODE_TYPE = 'n8n-nodes-yoti.yotiTrigger';

export interface Delivery {
	status: number;
	body: string;
	headers: http.IncomingHttpHeaders;
}

export interface Run {
	items: IDataObject[];
}

export interface WebhookServerOptions {
	parameters?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Replaces `new YotiTrigger().webhook`, e.g. to inject a clock into the handler. */
	invoke?: (ctx: IWebhookFunctions) => Promise<IWebhookResponseData>;
	workflowId?: string;
	staticData?: IDataObject;
	/** Another webhook trigger to run instead of the Yoti Trigger (e.g. the Yoti Sign Trigger). */
	nodeType?: INodeType;
}

export interface WebhookServer {
	url: string;
	runs: Run[];
	/** What n8n would have saved as the workflow's static data (JSON round-tripped). */
	staticData(): IDataObject;
	/** Whatever `webhook()` threw (n8n would answer 500). */
	errors: unknown[];
	post(body: string | Buffer | object, headers?: Record<string, string>): Promise<Delivery>;
	close(): Promise<void>;
}

let workflowCounter = 0;

export async function startWebhookServer(options: WebhookServerOptions = {}): Promise<WebhookServer> {
	const trigger = options.nodeType ?? new YotiTrigger();
	const nodeTypes: INodeTypes = {
		getByName: () => trigger as INodeType,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;

	const workflowId = options.workflowId ?? `wf-trigger-${process.pid}-${++workflowCounter}-${Date.now()}`;
	const credentials = options.credentials ?? {};
	const parameters =
		NodeHelpers.getNodeParameters(
			trigger.description.properties,
			(options.parameters ?? {}) as any,
			true,
			false,
			null,
			trigger.description,
		) ?? {};
	const node: INode = {
		id: 'node-yoti-trigger',
		name: 'Yoti Trigger',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: 'b1b0c7c2-0f3d-4a1e-9b0e-3f2d1c0b9a88',
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `cred-${type}`, name: type }]),
		),
	};

	let savedStaticData = JSON.stringify(options.staticData ?? {});
	const runs: Run[] = [];
	const errors: unknown[] = [];

	// n8n's CLI CredentialsHelper minus the database: fills the credential type's defaults,
	// runs its `authenticate`, has a (no-op) preAuthentication so the 401 retry path is live.
	const credentialsHelper = new TestCredentialsHelper(credentials);

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void handle(req, res, Buffer.concat(chunks)).catch((error) => {
				errors.push(error);
				if (!res.headersSent) {
					res.statusCode = 500;
					res.setHeader('Content-Type', 'application/json');
					res.end(JSON.stringify({ message: 'Error in workflow' }));
				}
			});
		});
	});

	async function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer) {
		const request = req as any;
		request.rawBody = rawBody;
		request.body = {};
		if ((req.headers['content-type'] ?? '').includes('json') && rawBody.length > 0) {
			try {
				request.body = JSON.parse(rawBody.toString('utf8'));
			} catch {}
		}
		request.params = {};
		request.query = {};

		const workflow = new Workflow({
			id: workflowId,
			name: 'Yoti Trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(savedStaticData),
		});
		const additionalData = {
			credentialsHelper,
			httpRequest: request,
			httpResponse: res,
			restApiUrl: 'http://localhost/rest',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription: trigger.description.webhooks![0],
			workflowId,
			workflowExecuteAdditionalData: additionalData,
		} as unknown as IWebhookData;

		const ctx = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		const result = options.invoke
			? await options.invoke(ctx)
			: await trigger.webhook!.call(ctx as unknown as IWebhookFunctions);

		if (result.workflowData !== undefined) {
			runs.push({ items: result.workflowData[0].map((item) => item.json) });
		}
		if (result.noWebhookResponse !== true) {
			res.statusCode = 200;
			if (result.workflowData === undefined) {
				res.setHeader('Content-Type', 'application/json');
				res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
			} else {
				// responseMode onReceived + responseData noData
				res.end();
			}
		}
		const staticData = workflow.staticData as IDataObject;
		if (staticData.__dataChanged === true) {
			const { __dataChanged, ...rest } = JSON.parse(JSON.stringify(staticData));
			savedStaticData = JSON.stringify(rest);
		}
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}/webhook/${node.webhookId}/webhook`;

	return {
		url,
		runs,
		errors,
		staticData: () => JSON.parse(savedStaticData),
		post: (body, headers = {}) => post(url, body, headers),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export async function post(
	url: string,
	body: string | Buffer | object,
	headers: Record<string, string> = {},
): Promise<Delivery> {
	const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	return await new Promise<Delivery>((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers, 'Content-Length': Buffer.byteLength(payload) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
				);
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** Waits until the trigger has started `n` runs; throws the trigger's first error, or after `timeoutMs`. */
export async function waitForRuns(server: WebhookServer, n: number, timeoutMs = 15000): Promise<void> {
	const started = Date.now();
	while (server.runs.length < n) {
		if (server.errors.length) throw server.errors[0];
		if (Date.now() - started > timeoutMs) throw new Error(`expected ${n} runs, got ${server.runs.length}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}
