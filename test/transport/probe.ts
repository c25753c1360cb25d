/* eslint-disable */
/**
 * Shared pieces of the transport suites: a test-only node type whose only job is one
 * `yotiRequest` (so the transport runs inside n8n's real engine with the real credential and
 * n8n-core's real `httpRequestWithAuthentication`), the simulator's demo identity, and a
 * recorder for the backoff waits the transport asks for.
 */
import * as path from 'path';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { retryTiming, yotiRequest, type YotiRequest } from '../../nodes/Yoti/transport';
import { runNode, testNodeDescription, type RunNodeResult } from '../engine/harness';

const simulator = require('../simulator');
export const { startSimulator, DEMO } = simulator as {
	startSimulator: (opts?: Record<string, unknown>) => Promise<Simulator>;
	DEMO: { sdkId: string; privateKey: string; publicKey: string; signApiKey: string };
};

export interface SimulatorRequest {
	method: string;
	path: string;
	status: number;
	fault?: string;
}
export interface Simulator {
	url: string;
	idvBaseUrl: string;
	signBaseUrl: string;
	requests: SimulatorRequest[];
	setFaults(faults: string[]): void;
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
}

/** Demo data (test/simulator/README.md). */
export const SESSION_APPROVED = '5e551000-0000-4000-8000-000000000001';
export const SESSION_EXPIRED = '5e551000-0000-4000-8000-000000000005';
export const MEDIA_DOCUMENT_FIELDS = '3ed1a000-0000-4000-8000-000000000103';
export const MEDIA_IMAGE_JPEG = '3ed1a000-0000-4000-8000-000000000101';
export const MEDIA_EMPTY = '3ed1a000-0000-4000-8000-000000000107';
export const UNKNOWN_SESSION = '5e551000-0000-4000-8000-0000000000ff';
export const UNKNOWN_MEDIA = '3ed1a000-0000-4000-8000-00000000ffff';
export const RECIPIENT_COMPLETED = '5191e000-0000-4000-8000-000000000001';

export const PROBE_PARAMETERS = ['api', 'method', 'path', 'qs', 'download', 'resource', 'body', 'attempts', 'timeoutMs', 'readsAnswer', 'maxDownloadBytes', 'downloadDeadlineMs'];

/**
 * Test-only node: performs exactly one `yotiRequest` described by its parameters and emits
 * `{statusCode, contentType, body}` (JSON) or the bytes as binary `data` (download).
 */
export const probeNode: INodeType = {
	description: testNodeDescription('Transport Probe', 'transportProbe', 'Test-only: one Yoti request through the transport', {
		credentials: [
			{ name: 'yotiApi', required: false },
			{ name: 'yotiSignApi', required: false },
		],
		properties: PROBE_PARAMETERS.map((name) => ({
			displayName: name,
			name,
			type: 'json' as const,
			default: '',
		})),
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const param = (name: string) => {
			const value = this.getNodeParameter(name, 0, '') as unknown;
			return value === '' ? undefined : value;
		};
		const req: YotiRequest = {
			api: (param('api') as 'idv' | 'sign') ?? 'idv',
			method: (param('method') as YotiRequest['method']) ?? 'GET',
			path: String(param('path')),
			qs: param('qs') as Record<string, string> | undefined,
			download: param('download') === true,
			resource: param('resource') as YotiRequest['resource'],
			body: param('body'),
			...(param('readsAnswer') === true ? { readsAnswer: true } : {}),
		};
		const opts = {
			attempts: param('attempts') as number | undefined,
			timeoutMs: param('timeoutMs') as number | undefined,
			maxDownloadBytes: param('maxDownloadBytes') as number | undefined,
			downloadDeadlineMs: param('downloadDeadlineMs') as number | undefined,
			itemIndex: 0,
		};
		const response = await yotiRequest(this, req, opts);
		const contentType = response.headers['content-type'];
		const json: IDataObject = { statusCode: response.statusCode, contentType: contentType as string };
		if (response.alreadyDeleted !== undefined) json.alreadyDeleted = response.alreadyDeleted;
		if (response.bodyUnreadable !== undefined) json.bodyUnreadable = response.bodyUnreadable;
		if (req.download) {
			json.isBuffer = Buffer.isBuffer(response.body);
			if (!Buffer.isBuffer(response.body)) return [[{ json, pairedItem: { item: 0 } }]];
			const binary = await this.helpers.prepareBinaryData(response.body, 'download', String(contentType ?? ''));
			return [[{ json, binary: { data: binary }, pairedItem: { item: 0 } }]];
		}
		json.body = response.body as IDataObject;
		json.bodyIsUndefined = response.body === undefined;
		return [[{ json, pairedItem: { item: 0 } }]];
	},
};

export function idvCredentials(sim: Simulator, overrides: IDataObject = {}) {
	return {
		yotiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl, ...overrides },
	};
}

export function signCredentials(baseUrl: string, apiKey = DEMO.signApiKey) {
	return { yotiSignApi: { apiKey, environment: 'custom', baseUrl } };
}

/** Runs the probe node inside the engine. */
export async function probe(
	parameters: Record<string, unknown>,
	credentials: Record<string, IDataObject>,
): Promise<RunNodeResult> {
	return await runNode({ nodeType: probeNode, parameters: parameters as any, credentials: credentials as any });
}

/**
 * Replaces the transport's sleep with a recorder (no real waiting) for the current test file;
 * `restore()` puts the real one back.
 */
export function recordSleeps(): { waits: number[]; restore(): void } {
	const original = retryTiming.sleep;
	const waits: number[] = [];
	retryTiming.sleep = async (ms: number) => {
		waits.push(ms);
	};
	return { waits, restore: () => (retryTiming.sleep = original) };
}

/** The simulator's log of Yoti calls (admin calls are never logged). */
export function yotiCalls(sim: Simulator): SimulatorRequest[] {
	return sim.requests.slice();
}

export const SHARED_DIR = path.resolve(__dirname, '../../../shared');

import * as http from 'http';
import type { AddressInfo } from 'net';

export interface RawAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: string | Buffer;
}
export interface RawServer {
	/** Base URL to use as a credential's custom base, e.g. `http://127.0.0.1:<port>/v2`. */
	baseUrl: string;
	/** Every request received: method, URL and headers. */
	received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
	/** The answer to every request from now on. */
	answer(answer: RawAnswer): void;
	close(): Promise<void>;
}

/**
 * A plain HTTP server for answers the simulator never gives (Yoti's older `{"error": …}` body,
 * HTML error pages, BOM-prefixed JSON). It checks nothing; pair it with the Sign credential.
 */
export async function startRawServer(): Promise<RawServer> {
	let current: RawAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
	const received: RawServer['received'] = [];
	const server = http.createServer((req, res) => {
		received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		req.resume();
		req.on('end', () => {
			res.writeHead(current.status, current.headers ?? {});
			// `ECHO` answers with the request's own headers (a server that reflects what it got).
			const echoed = Object.entries(req.headers).map(([name, value]) => `${name}: ${value}`).join('\n');
			res.end(
				current.body === 'ECHO'
					? JSON.stringify({ code: 'ECHO', message: echoed, headers: req.headers })
					: current.body === 'ECHO_TEXT'
						? `You sent:\n${echoed}`
						: current.body ?? '',
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v2`,
		received,
		answer: (answer) => (current = answer),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** A loopback port with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
