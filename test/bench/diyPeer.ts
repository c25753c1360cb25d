/* eslint-disable */
// The do-it-yourself peer: what an n8n user builds without this package to audit sessions, run
// in the same n8n-core engine as the node (test/engine/harness.ts's engine set-up):
//   Input Items → Code "Sign" (Node crypto, as Yoti's docs show: RSA-SHA256 over
//   `GET&/sessions/<id>?sdkId=…&nonce=…&timestamp=…`, the PEM passed to sign() each time)
//   → HTTP Request (GET {{$json.url}}, header X-Yoti-Auth-Digest, Options → Batching)
//   → Code "Flatten" (one item per check).
// HTTP Request's batching fires `batchSize` requests, then waits `batchInterval` ms, then fires
// the next batch, without waiting for answers; the bench sets the interval to the simulator's
// latency, the tightest setting that keeps about `concurrency` requests in flight (a user who
// does not know the latency would pick a longer one).
import { createDeferredPromise, NodeConnectionTypes, Workflow, type INode, type INodeExecutionData, type INodeType, type IRun, type IVersionedNodeType } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { engineAdditionalData, setupEngine, TestCredentialsHelper } from '../engine/harness';
import { DEMO } from './fixtures';
import { loadPeerNodes, type PeerNodes } from './peerNodes';

const signCode = (idvBaseUrl: string) => `const crypto = require('crypto');
const PEM = ${JSON.stringify(DEMO.privateKey)};
const SDK_ID = ${JSON.stringify(DEMO.sdkId)};
const BASE_URL = ${JSON.stringify(idvBaseUrl)};
return $input.all().map((item) => {
  const path = '/sessions/' + item.json.sessionId + '?sdkId=' + SDK_ID + '&nonce=' + crypto.randomUUID() + '&timestamp=' + Date.now();
  const digest = crypto.createSign('RSA-SHA256').update('GET&' + path).sign(PEM, 'base64');
  return { json: { url: BASE_URL + path, digest } };
});`;

const flattenCode = `const out = [];
$input.all().forEach((item, index) => {
  const session = item.json;
  for (const check of session.checks || []) {
    const report = check.report || {};
    const recommendation = report.recommendation || {};
    out.push({
      json: {
        session_id: session.session_id,
        session_state: session.state,
        check_id: check.id,
        check_type: check.type,
        check_state: check.state,
        recommendation: recommendation.value ?? null,
        reason: recommendation.reason ?? null,
        sub_checks: (report.breakdown || []).length,
        created: check.created,
        last_updated: check.last_updated,
      },
      pairedItem: { item: index },
    });
  }
});
return out;`;

let peer: PeerNodes | undefined;

export function peerWhere(): string {
	peer ??= loadPeerNodes();
	return peer.where;
}

interface ChainNode {
	name: string;
	nodeType: INodeType | IVersionedNodeType;
	typeVersion: number;
	parameters: INode['parameters'];
}

/** Input Items → nodes[0] → nodes[1] → …, one WorkflowExecute run; the last node's output items. */
async function runChain(items: INodeExecutionData[], chain: ChainNode[]): Promise<{ items: INodeExecutionData[]; error?: Error }> {
	await setupEngine();
	const source: INode = { id: 'n0', name: 'Input Items', type: 'test.inputItems', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodes: INode[] = [source, ...chain.map((c, i) => ({ id: `n${i + 1}`, name: c.name, type: `test.${c.name.replace(/\W/g, '')}`, typeVersion: c.typeVersion, position: [200 * (i + 1), 0] as [number, number], parameters: c.parameters }))];
	const types: Record<string, INodeType | IVersionedNodeType> = {
		'test.inputItems': {
			description: { displayName: 'Input Items', name: 'inputItems', group: ['input'], version: 1, description: '', defaults: { name: 'Input Items' }, inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [] },
			async execute() {
				return [items.map((item) => ({ ...item, json: { ...item.json }, pairedItem: { item: 0 } }))];
			},
		} as INodeType,
	};
	chain.forEach((c, i) => (types[nodes[i + 1].type] = c.nodeType));
	const { NodeHelpers } = require('n8n-workflow');
	const nodeTypes = {
		getByName: (t: string) => types[t],
		getByNameAndVersion: (t: string, v?: number) => NodeHelpers.getVersionedNodeType(types[t], v),
		getKnownTypes: () => ({}),
	};
	const connections: Record<string, any> = {};
	for (let i = 0; i + 1 < nodes.length; i += 1) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: NodeConnectionTypes.Main, index: 0 }]] };
	const workflow = new Workflow({ id: 'diy-peer', name: 'DIY peer', nodes, connections, active: false, nodeTypes: nodeTypes as any, settings: { executionOrder: 'v1' } });
	const workflowData = { id: workflow.id, name: workflow.name, active: false, isArchived: false, createdAt: new Date(), updatedAt: new Date(), nodes, connections, activeVersionId: null } as any;
	const hooks = new ExecutionLifecycleHooks('manual', 'diy-execution', workflowData);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', async (run: IRun) => finished.resolve(run));
	const additionalData = engineAdditionalData({ credentialsHelper: new TestCredentialsHelper({}), hooks, executionId: 'diy-execution', userId: 'diy-user' });
	const runData = {
		startData: {},
		resultData: { runData: {} },
		executionData: { contextData: {}, metadata: {}, nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }], waitingExecution: {}, waitingExecutionSource: {} },
	} as any;
	const returned = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	const run = (await Promise.race([finished.promise, Promise.resolve(returned)])) ?? returned;
	const last = run.data.resultData.runData[nodes[nodes.length - 1].name]?.[0];
	return { items: last?.data?.main?.[0] ?? [], error: (run.data.resultData.error ?? last?.error) as Error | undefined };
}

export interface DiyFigure {
	ms: number;
	cpuMsPerItem: number;
	items: INodeExecutionData[];
}

/** The DIY workflow over `sessionIds`, `batchSize` requests per batch, `batchIntervalMs` apart. */
export async function runDiyPeer(idvBaseUrl: string, sessionIds: string[], batchSize: number, batchIntervalMs: number): Promise<DiyFigure> {
	peer ??= loadPeerNodes();
	const chain: ChainNode[] = [
		{ name: 'Sign', nodeType: peer.code, typeVersion: 2, parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: signCode(idvBaseUrl) } },
		{
			name: 'HTTP Request',
			nodeType: peer.httpRequest,
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url: '={{ $json.url }}',
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'X-Yoti-Auth-Digest', value: '={{ $json.digest }}' }] },
				options: { batching: { batch: { batchSize, batchInterval: batchIntervalMs } } },
			},
		},
		{ name: 'Flatten', nodeType: peer.code, typeVersion: 2, parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: flattenCode } },
	];
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const { items, error } = await runChain(
		sessionIds.map((sessionId) => ({ json: { sessionId } })),
		chain,
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	if (error) throw new Error(`DIY peer failed: ${error.message}`);
	return { ms, cpuMsPerItem: (cpu.user + cpu.system) / 1000 / sessionIds.length, items };
}

/** Right when every session came back with all its checks, each item naming its own session. */
export function countDiyCorrect(items: INodeExecutionData[], sessionIds: string[], checksPerSession: number): number {
	const perSession = new Map<string, number>();
	for (const item of items) {
		const id = String(item.json.session_id);
		perSession.set(id, (perSession.get(id) ?? 0) + 1);
	}
	// A short run (--quick) warms up on the same session more than once: each time it is asked counts.
	const asked = new Map<string, number>();
	for (const id of sessionIds) asked.set(id, (asked.get(id) ?? 0) + 1);
	return sessionIds.filter((id) => perSession.get(id) === checksPerSession * asked.get(id)!).length;
}
