/* eslint-disable */
/**
 * Runs one node inside n8n's real execution engine, as n8n 1.122 does for a manual run:
 *   - a real `Workflow` (n8n-workflow) of two nodes: a test-only source node that emits the
 *     given input items, connected to the node under test;
 *   - n8n-core's `WorkflowExecute` with real lifecycle hooks, so parameters (with defaults),
 *     continueOnFail, pairedItem checks and error handling are the engine's own;
 *   - n8n-core's real `httpRequestWithAuthentication` (axios underneath), with a credentials
 *     helper that behaves like n8n's CLI `CredentialsHelper`: `getDecrypted` fills the credential
 *     type's defaults, `authenticate` runs the credential class's `authenticate` (a function or a
 *     generic `IAuthenticateGeneric`), `preAuthentication` is a no-op that is defined (so n8n's
 *     401 re-authenticate-and-retry path is live, as in production);
 *   - n8n-core's `BinaryDataService` in `default` mode (binary kept in memory as base64), read
 *     back with `getAsBuffer` as `getBinaryDataBuffer` does;
 *   - n8n's logger (LoggerProxy and the DI `Logger`) captured into `logs` so tests can scan them.
 * Webhook triggers: see test/trigger/webhookServer.ts, which builds n8n-core's `WebhookContext`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// InstanceSettings (read by every node execution context) keeps its settings file in the user
// folder; point it at a throwaway directory before n8n-core creates it.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-engine-n8n-'));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	LoggerProxy,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	createDeferredPromise,
	type ExecutionError,
	type IAuthenticateGeneric,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentialsHelper,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeTypeDescription,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IRequestOptionsSimplified,
} from 'n8n-workflow';

/** `@n8n/di` and `@n8n/backend-common` as n8n-core itself resolves them (nested copies). */
function coreRequire<T>(id: string): T {
	const corePath = require.resolve('n8n-core');
	return require(require.resolve(id, { paths: [path.dirname(corePath)] })) as T;
}
const { Container } = coreRequire<typeof import('@n8n/di')>('@n8n/di');
const { Logger } = coreRequire<any>('@n8n/backend-common');
const { SSHClientsManager } = require(path.join(
	path.dirname(require.resolve('n8n-core')),
	'execution-engine/ssh-clients-manager',
)) as { SSHClientsManager: new (...args: any[]) => unknown };

/** Credential type classes shipped by this package, by n8n type name. */
const CREDENTIAL_FILES: Record<string, string> = {
	yotiApi: '../../credentials/YotiApi.credentials',
	yotiSignApi: '../../credentials/YotiSignApi.credentials',
	yotiNotificationAuthApi: '../../credentials/YotiNotificationAuthApi.credentials',
};

function loadCredentialType(name: string): ICredentialType {
	const file = CREDENTIAL_FILES[name];
	if (!file) throw new Error(`harness: unknown credential type "${name}"`);
	const module = require(file) as Record<string, new () => ICredentialType>;
	for (const Exported of Object.values(module)) {
		if (typeof Exported !== 'function') continue;
		const instance = new Exported();
		if (instance?.name === name) return instance;
	}
	throw new Error(`harness: ${file} exports no credential class named "${name}"`);
}

// ---------------------------------------------------------------------------------------------
// Logging: one capturing logger shared by LoggerProxy (n8n-workflow) and the DI Logger that
// node contexts expose as `this.logger`.

export const capturedLogs: string[] = [];

function formatLog(level: string, message: unknown, meta?: unknown): string {
	let metaText = '';
	if (meta !== undefined) {
		try {
			metaText = ' ' + JSON.stringify(meta, (_k, v) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v));
		} catch {
			metaText = ' ' + String(meta);
		}
	}
	return `${level}: ${String(message)}${metaText}`;
}

const captureLogger: any = {
	error: (m: unknown, meta?: unknown) => capturedLogs.push(formatLog('error', m, meta)),
	warn: (m: unknown, meta?: unknown) => capturedLogs.push(formatLog('warn', m, meta)),
	info: (m: unknown, meta?: unknown) => capturedLogs.push(formatLog('info', m, meta)),
	debug: (m: unknown, meta?: unknown) => capturedLogs.push(formatLog('debug', m, meta)),
	verbose: (m: unknown, meta?: unknown) => capturedLogs.push(formatLog('verbose', m, meta)),
	scoped: () => captureLogger,
};

// ---------------------------------------------------------------------------------------------
// One-time engine setup (per jest module registry, i.e. per test file).

let setupDone: Promise<void> | undefined;

export function setupEngine(): Promise<void> {
	setupDone ??= (async () => {
		LoggerProxy.init(captureLogger);
		Container.set(Logger, captureLogger);
		const binaryDataService = new BinaryDataService(
			{ mode: 'default', availableModes: ['default'], localStoragePath: '', signingSecret: 'test', dbMaxFileSize: 512 } as any,
			{ error() {}, warn() {}, info() {} } as any,
			captureLogger,
		);
		await binaryDataService.init();
		Container.set(BinaryDataService, binaryDataService);
		// Every execute context creates the SSH tunnel manager, whose cleanup interval would keep
		// jest's process alive; let it go quietly.
		(Container.get(SSHClientsManager as any) as { cleanupTimer?: NodeJS.Timeout }).cleanupTimer?.unref();
	})();
	return setupDone;
}

// ---------------------------------------------------------------------------------------------
// Credentials helper: what n8n's CLI CredentialsHelper does, minus the database.

export class TestCredentialsHelper implements ICredentialsHelper {
	/** Every `authenticate` call, in order: the type name and the URL and headers it returned. */
	readonly authenticateCalls: Array<{ typeName: string; url: string | undefined; headers: IDataObject }> = [];
	/** Every credential read (`getDecrypted`: in n8n, a database query and a decryption), by type name. */
	readonly decryptedReads: string[] = [];

	constructor(
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		private readonly types: Record<string, ICredentialType> = {},
	) {}

	private type(name: string): ICredentialType {
		this.types[name] ??= loadCredentialType(name);
		return this.types[name];
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		let result = requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			result = await authenticate(credentials, requestOptions as IHttpRequestOptions);
		} else if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			result.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries((authenticate as IAuthenticateGeneric).properties)) {
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const resolve = (text: string) =>
						String(
							text.startsWith('=')
								? workflow.expression.getSimpleParameterValue(node, text, 'internal', { $credentials: credentials } as any, undefined, '') ?? ''
								: text,
						);
					const target = ((result as any)[outerKey] ??= {});
					target[resolve(key)] = resolve(String(value));
				}
			}
		}
		this.authenticateCalls.push({ typeName, url: result.url, headers: { ...((result.headers ?? {}) as IDataObject) } });
		return result;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<any> {
		throw new Error('harness: getCredentials is not used by node executions');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptedReads.push(type);
		const stored = this.data[type];
		if (!stored) throw new Error(`harness: no credential data given for "${type}"`);
		// n8n fills the credential type's defaults (e.g. environment) over the stored data.
		return NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			{ ...stored } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

// ---------------------------------------------------------------------------------------------
// Node types.

const SOURCE_TYPE = 'test.inputItems';
const TARGET_TYPE = 'test.nodeUnderTest';

/**
 * The description of a test-only node type: one main input, one main output, version 1, its
 * display name as the default node name. `extra` adds credentials, properties or another group.
 */
export function testNodeDescription(
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeTypeDescription> = {},
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

function sourceNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: testNodeDescription('Input Items', 'inputItems', 'Test-only: emits the harness input items', { group: ['input'] }),
		async execute(this: IExecuteFunctions) {
			return [items.map((item) => ({ ...item, json: { ...item.json }, pairedItem: { item: 0 } }))];
		},
	};
}

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(type: string) {
		return this.types[type];
	}
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[type], version);
	}
	getKnownTypes() {
		return {};
	}
}

// ---------------------------------------------------------------------------------------------

export interface RunNodeOptions {
	nodeType: INodeType | IVersionedNodeType;
	parameters?: INodeParameters;
	/** Decrypted credential data by type name, e.g. `{ yotiApi: { sdkId, privateKey, ... } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Overrides the credential type classes (by name) instead of loading ../../credentials. */
	credentialTypes?: Record<string, ICredentialType>;
	/** Input items (default one empty item). */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	typeVersion?: number;
	nodeName?: string;
}

export interface RunNodeResult {
	/** The node's output items, one array per output. */
	items: INodeExecutionData[][];
	/**
	 * n8n's workflow-level error, if any. Note n8n also sets it when the last node threw under
	 * "continue on fail" (the output then still holds the passed-through input).
	 */
	error?: ExecutionError;
	/**
	 * The error recorded on the node's task, also when "continue on fail" let the run go on
	 * (then n8n passes the input items through to the output).
	 */
	nodeError?: ExecutionError;
	/** Reads a binary property of an output item through n8n's BinaryDataService. */
	binary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	/** Log lines captured while this run executed. */
	logs: string[];
	/** The full run data, for anything else. */
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await setupEngine();
	const logStart = capturedLogs.length;
	const items = options.items ?? [{ json: {} }];
	const nodeName = options.nodeName ?? 'Node Under Test';
	const typeVersion = options.typeVersion ?? latestVersion(options.nodeType);
	const credentialData = options.credentials ?? {};

	const sourceNode: INode = {
		id: 'source-id',
		name: 'Input Items',
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const targetNode: INode = {
		id: 'target-id',
		name: nodeName,
		type: TARGET_TYPE,
		typeVersion,
		position: [200, 0],
		parameters: options.parameters ?? {},
		credentials: Object.fromEntries(
			Object.keys(credentialData).map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const nodeTypes = new TestNodeTypes({ [SOURCE_TYPE]: sourceNodeType(items), [TARGET_TYPE]: options.nodeType });
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness',
		nodes: [sourceNode, targetNode],
		connections: {
			[sourceNode.name]: { main: [[{ node: targetNode.name, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});

	const credentialsHelper = new TestCredentialsHelper(credentialData, { ...(options.credentialTypes ?? {}) });
	const workflowData = {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [sourceNode, targetNode],
		connections: workflow.connectionsBySourceNode,
		activeVersionId: null,
	} as any;
	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', workflowData);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', async (fullRunData: IRun) => finished.resolve(fullRunData));

	const additionalData = engineAdditionalData({ credentialsHelper, hooks, executionId: 'harness-execution', userId: 'harness-user' });

	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: sourceNode, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const returned = await workflowExecute.processRunExecutionData(workflow);
	const run = (await Promise.race([finished.promise, Promise.resolve(returned)])) ?? returned;

	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const binaryDataService = Container.get(BinaryDataService);
	return {
		items: (taskData?.data?.main ?? []).map((output) => output ?? []),
		error: run.data.resultData.error ?? taskData?.error,
		nodeError: taskData?.error,
		binary: async (item, property = 'data') => {
			const binaryData = item.binary?.[property];
			if (!binaryData) throw new Error(`harness: the item has no binary property "${property}"`);
			return await binaryDataService.getAsBuffer(binaryData);
		},
		logs: capturedLogs.slice(logStart),
		run,
		credentialsHelper,
	};
}

/**
 * What n8n-core's WorkflowExecute needs besides the workflow: URLs of a local n8n, no
 * sub-workflows and no task runners (nodes run in this process).
 */
export function engineAdditionalData(parts: {
	credentialsHelper: unknown;
	hooks: ExecutionLifecycleHooks;
	executionId: string;
	userId: string;
}): IWorkflowExecuteAdditionalData {
	return {
		...parts,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('harness: sub-workflows are not supported');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('harness: task runners are off (nodes run in this process)');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
