/* eslint-disable */
// The two clients being compared: this package's Yoti node inside n8n's engine (the engine
// harness: real WorkflowExecute, real httpRequestWithAuthentication, the credential's signing)
// and the official `yoti` SDK.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { mapConcurrent } from '../../nodes/Yoti/core';
import { runNode, type RunNodeResult } from '../engine/harness';
import { DEMO } from './fixtures';

const { IDVClient } = require('yoti') as {
	IDVClient: new (sdkId: string, pem: string, options: { apiUrl: string }) => { getSession(id: string): Promise<unknown> };
};

function loadNode() {
	const { Yoti } = require('../../nodes/Yoti/Yoti.node.ts') as /* not Yoti.node.json */ typeof import('../../nodes/Yoti/Yoti.node');
	return new Yoti();
}

export function credentials(idvBaseUrl: string) {
	return { yotiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: idvBaseUrl } };
}

export interface NodeRun {
	ms: number;
	result: RunNodeResult;
}

async function timed(parameters: INodeParameters, items: INodeExecutionData[], idvBaseUrl: string, continueOnFail = false): Promise<NodeRun> {
	const nodeType = loadNode();
	const started = process.hrtime.bigint();
	const result = await runNode({ nodeType, parameters, credentials: credentials(idvBaseUrl), items, continueOnFail });
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	return { ms, result };
}

/** Session → get for every ID (one input item each), `output` shape, `concurrency` at a time. */
export function runGetSessions(
	idvBaseUrl: string,
	sessionIds: string[],
	options: { output: 'checks' | 'summary' | 'raw'; concurrency: number; continueOnFail?: boolean },
): Promise<NodeRun> {
	return timed(
		{
			resource: 'session',
			operation: 'get',
			sessionId: '={{ $json.sessionId }}',
			output: options.output,
			options: { concurrency: options.concurrency },
		},
		sessionIds.map((sessionId) => ({ json: { sessionId } })),
		idvBaseUrl,
		options.continueOnFail,
	);
}

/** Session → get media for one media item. */
export function runGetMedia(idvBaseUrl: string, sessionId: string, mediaId: string): Promise<NodeRun> {
	return timed(
		{ resource: 'session', operation: 'getMedia', sessionId, mediaId, binaryPropertyName: 'data' },
		[{ json: {} }],
		idvBaseUrl,
	);
}

/** The official SDK: `getSession` for every ID, one after another. */
export async function sdkGetSessionsSequential(idvBaseUrl: string, sessionIds: string[]): Promise<number> {
	const client = new IDVClient(DEMO.sdkId, DEMO.privateKey, { apiUrl: idvBaseUrl });
	const started = process.hrtime.bigint();
	for (const id of sessionIds) await client.getSession(id);
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * The official SDK, `concurrency` calls at a time: the machine's own reference for an audit
 * (same simulator, same latency), so a ratio to the limit can be told apart from this machine's
 * CPU budget. Returns wall ms and this process's CPU ms per call.
 */
export async function sdkGetSessionsConcurrent(
	idvBaseUrl: string,
	sessionIds: string[],
	concurrency: number,
): Promise<{ ms: number; cpuMsPerCall: number }> {
	const client = new IDVClient(DEMO.sdkId, DEMO.privateKey, { apiUrl: idvBaseUrl });
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	await mapConcurrent(sessionIds, concurrency, (id) => client.getSession(id));
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	return { ms, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / sessionIds.length };
}
