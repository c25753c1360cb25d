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

/**
 * The floor: a bare keep-alive HTTP client (node:http, one Agent) doing the same GETs, the
 * body read and nothing else. The client signs nothing while timed: every URL and digest is
 * made before the clock starts, so the simulator does the same work for it (verify, read, send)
 * as for the other clients while the client does only HTTP. (Literally unsigned GETs would be
 * answered 401 without the session, i.e. a different, cheaper exchange.)
 */
export async function floorGetSessionsConcurrent(
	idvBaseUrl: string,
	sessionIds: string[],
	concurrency: number,
): Promise<{ ms: number; cpuMsPerCall: number; bytes: number }> {
	const http = require('http') as typeof import('http');
	const { createPrivateKey, createSign, randomUUID } = require('crypto') as typeof import('crypto');
	const key = createPrivateKey(DEMO.privateKey);
	const base = new URL(idvBaseUrl);
	const requests = sessionIds.map((id) => {
		const pathAndQuery = `/sessions/${id}?sdkId=${DEMO.sdkId}&nonce=${randomUUID()}&timestamp=${Date.now()}`;
		const digest = createSign('RSA-SHA256').update(`GET&${pathAndQuery}`).sign(key, 'base64');
		return { path: `${base.pathname}${pathAndQuery}`, digest };
	});
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	let bytes = 0;
	const get = (request: (typeof requests)[number]) =>
		new Promise<void>((resolve, reject) => {
			const req = http.get(
				{ host: base.hostname, port: base.port, path: request.path, agent, headers: { 'X-Yoti-Auth-Digest': request.digest, Accept: 'application/json' } },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => {
						if (res.statusCode !== 200) return reject(new Error(`floor: HTTP ${res.statusCode} for ${request.path}`));
						bytes += Buffer.concat(chunks).length;
						resolve();
					});
					res.on('error', reject);
				},
			);
			req.on('error', reject);
		});
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	try {
		await mapConcurrent(requests, concurrency, get);
	} finally {
		agent.destroy();
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	return { ms, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / sessionIds.length, bytes };
}
