/* eslint-disable */
/**
 * Shared set-up for the Yoti action node's engine suites (test/engine/yoti.*.test.ts): one
 * simulator per test file on a random port, the three credentials pointing at it, a `run`
 * that executes the real node inside n8n's engine (./harness), the demo data IDs and files,
 * and the secret scanner used by the leak checks.
 *
 * Expected values in the suites are written by hand from the demo data files
 * (test/simulator/data) and the contract (../shared/spec/product.md); nothing here computes
 * an expected value with the code under test.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode, type RunNodeResult } from './harness';
import { Yoti } from '../../nodes/Yoti/Yoti.node';
import { YotiApi } from '../../credentials/YotiApi.credentials';
import { YotiSignApi } from '../../credentials/YotiSignApi.credentials';

const { startSimulator, DEMO } = require('../simulator');
export { DEMO };

export const DATA_DIR = path.resolve(__dirname, '../simulator/data');

/** Session IDs of the demo data (test/simulator/data/index.json). */
export const S = {
	approve: '5e551000-0000-4000-8000-000000000001',
	reject: '5e551000-0000-4000-8000-000000000002',
	notAvailable: '5e551000-0000-4000-8000-000000000003',
	ongoing: '5e551000-0000-4000-8000-000000000004',
	expired: '5e551000-0000-4000-8000-000000000005',
	identityProfile: '5e551000-0000-4000-8000-000000000006',
	advancedProfile: '5e551000-0000-4000-8000-000000000007',
	deletable: '5e551000-0000-4000-8000-000000000008',
	noChecks: '5e551000-0000-4000-8000-000000000009',
} as const;

/** Demo sessions that exercise each rung of the summary's decision ladder (index.json). */
export const D = {
	reviewWatchlist: '5e551000-0000-4000-8000-0000000d0001',
	profileDone: '5e551000-0000-4000-8000-0000000d0002',
	profileFail: '5e551000-0000-4000-8000-0000000d0003',
	profileFraud: '5e551000-0000-4000-8000-0000000d0004',
	expiredApproved: '5e551000-0000-4000-8000-0000000d0005',
	ongoingApproved: '5e551000-0000-4000-8000-0000000d0006',
	profileNotMet: '5e551000-0000-4000-8000-0000000d0007',
	bothProfiles: '5e551000-0000-4000-8000-0000000d0008',
	shareCode: '5e551000-0000-4000-8000-0000000d0009',
} as const;

/** The customer's own ComplyAdvantage key Yoti echoes in D.reviewWatchlist: never in output. */
export const WATCHLIST_API_KEY = 'demo-complyadvantage-key-d0001-DoNotLeak';

/** Yoti Sign recipients. */
export const R = {
	completed: '5191e000-0000-4000-8000-000000000001',
	ongoing: '5191e000-0000-4000-8000-000000000002',
} as const;

/** Well-formed IDs that exist nowhere (index.json `unknownIds`). */
export const UNKNOWN = {
	session: '5e551000-0000-4000-8000-0000000000ff',
	media: '3ed1a000-0000-4000-8000-00000000ffff',
	recipient: '5191e000-0000-4000-8000-0000000000ff',
} as const;

/** IDs that are not UUIDs: each must be refused before any request. */
export const BAD_IDS: ReadonlyArray<[label: string, value: string]> = [
	['abc', 'abc'],
	['empty', ''],
	['placeholder <uuid>', '<uuid>'],
	['UUID with extra chars', '5e551000-0000-4000-8000-000000000001x'],
	['UUID in braces', '{5e551000-0000-4000-8000-000000000001}'],
	['path traversal', '../5e551000-0000-4000-8000-000000000001'],
];

export const NOTIFY_TOKEN = 'engine-notify-token-Qm9vYmFyLTIwMjY';
export const WRONG_SIGN_API_KEY = 'wrong-sign-api-key-NOT-THE-DEMO-ONE';

export function dataBytes(rel: string): Buffer {
	return fs.readFileSync(path.join(DATA_DIR, rel));
}

export function dataJson(rel: string): any {
	return JSON.parse(dataBytes(rel).toString('utf8').replace(/^\uFEFF/, ''));
}

export const sessionFile = (id: string) => dataJson(`${id}.json`);

/** A throwaway RSA key the simulator does not know (PKCS#1 PEM). */
export function generateWrongKey(): string {
	const { privateKey } = crypto.generateKeyPairSync('rsa', {
		modulusLength: 2048,
		privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	});
	return privateKey;
}

// ---------------------------------------------------------------------------------------------
// Capturing credential types: the real classes, with every produced digest / Authorization
// header recorded so the leak checks can look for them.

export interface Captured {
	digests: string[];
	authorizations: string[];
}

function headerValues(headers: Record<string, unknown> | undefined, name: string): string[] {
	if (!headers) return [];
	return Object.entries(headers)
		.filter(([key]) => key.toLowerCase() === name)
		.map(([, value]) => String(value));
}

export function capturingCredentialTypes(captured: Captured): Record<string, ICredentialType> {
	const idv = new YotiApi();
	const signIdv = idv.authenticate;
	idv.authenticate = async (credentials, requestOptions) => {
		const out = await signIdv(credentials, requestOptions);
		captured.digests.push(...headerValues(out.headers as any, 'x-yoti-auth-digest'));
		return out;
	};
	const sign = new YotiSignApi();
	const bearer = sign.authenticate;
	sign.authenticate = async (credentials, requestOptions) => {
		const out = await bearer(credentials, requestOptions);
		captured.authorizations.push(...headerValues(out.headers as any, 'authorization'));
		return out;
	};
	return { yotiApi: idv, yotiSignApi: sign };
}

// ---------------------------------------------------------------------------------------------

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Credential data overrides by type, merged over the working ones. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential types left off the node, e.g. `['yotiNotificationAuthApi']`. */
	omitCredentials?: string[];
}

export interface YotiEnv {
	sim: any;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	captured: Captured;
	/** Every result `run` returned, for the leak checks. */
	results: RunNodeResult[];
	run(parameters: INodeParameters, options?: RunOptions): Promise<RunNodeResult>;
	/** Simulator requests logged since `mark` was taken (`mark = env.sim.requests.length`). */
	requestsSince(mark: number): Array<{ method: string; path: string; status: number; fault?: string }>;
	close(): Promise<void>;
}

export async function startEnv(simOptions: Record<string, unknown> = {}): Promise<YotiEnv> {
	const sim = await startSimulator({ port: 0, ...simOptions });
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		yotiApi: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl },
		yotiSignApi: { apiKey: DEMO.signApiKey, environment: 'custom', baseUrl: sim.signBaseUrl },
		yotiNotificationAuthApi: { authType: 'basic', authToken: NOTIFY_TOKEN },
	};
	const captured: Captured = { digests: [], authorizations: [] };
	const credentialTypes = capturingCredentialTypes(captured);
	const results: RunNodeResult[] = [];
	return {
		sim,
		credentials,
		captured,
		results,
		async run(parameters, options = {}) {
			const merged = { ...credentials };
			for (const [type, data] of Object.entries(options.credentials ?? {})) merged[type] = { ...merged[type], ...data };
			for (const type of options.omitCredentials ?? []) delete merged[type];
			const result = await runNode({
				nodeType: new Yoti(),
				parameters,
				credentials: merged,
				credentialTypes,
				items: options.items,
				continueOnFail: options.continueOnFail,
			});
			results.push(result);
			return result;
		},
		requestsSince(mark) {
			return sim.requests.slice(mark);
		},
		close: () => sim.close(),
	};
}

/** Input items carrying one field each, for parameters such as `={{ $json.sessionId }}`. */
export function itemsOf(field: string, values: string[]): INodeExecutionData[] {
	return values.map((value) => ({ json: { [field]: value } }));
}

/** The single output of a run (fails the test when the run errored). */
export function out(result: RunNodeResult): INodeExecutionData[] {
	if (result.error) throw new Error(`the run failed: ${result.error.message} ${(result.error as any).description ?? ''}`);
	return result.items[0] ?? [];
}

export const jsons = (result: RunNodeResult) => out(result).map((item) => item.json as any);

export function pairedIndexes(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => (item.pairedItem as any)?.item);
}

/** The run error's message and description as one text. */
export function errorText(result: RunNodeResult): string {
	const error = result.error as any;
	if (!error) return '';
	return `${error.message ?? ''} ${error.description ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// Concurrency: a pass-through HTTP proxy in front of the simulator that counts requests in flight.

export interface CountingProxy {
	url: string;
	maxInFlight: number;
	total: number;
	reset(): void;
	close(): Promise<void>;
}

/** `delayMs(path)` holds a request back before forwarding it, to make answers arrive out of order. */
export async function startCountingProxy(targetUrl: string, delayMs: (path: string) => number = () => 0): Promise<CountingProxy> {
	const target = new URL(targetUrl);
	let inFlight = 0;
	const proxy: CountingProxy = {
		url: '',
		maxInFlight: 0,
		total: 0,
		reset() {
			proxy.maxInFlight = 0;
			proxy.total = 0;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = http.createServer((req, res) => {
		inFlight += 1;
		proxy.total += 1;
		proxy.maxInFlight = Math.max(proxy.maxInFlight, inFlight);
		let done = false;
		const finish = () => {
			if (!done) {
				done = true;
				inFlight -= 1;
			}
		};
		res.on('close', finish);
		const forward = () => {
		const upstream = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
		};
		const delay = delayMs(req.url ?? '');
		if (delay > 0) setTimeout(forward, delay);
		else forward();
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as any;
	proxy.url = `http://127.0.0.1:${port}`;
	const close = proxy.close;
	proxy.close = () => {
		server.closeAllConnections?.();
		return close();
	};
	return proxy;
}

// ---------------------------------------------------------------------------------------------
// Secrets.

/** Every 24-character window of a PEM key's base64 body. */
export function keyWindows(pem: string, width = 24): string[] {
	const body = pem
		.replace(/-----(BEGIN|END)[^-]+-----/g, '')
		.replace(/\\n/g, '')
		.replace(/\s+/g, '');
	const windows: string[] = [];
	for (let start = 0; start + width <= body.length; start += 1) windows.push(body.slice(start, start + width));
	return windows;
}

/** Everything a user or an operator can see of a run: items, the error, log lines. */
export function visibleTexts(result: RunNodeResult): string[] {
	const texts = [
		JSON.stringify(result.items),
		JSON.stringify(result.error ?? null),
		JSON.stringify(result.run.data.resultData),
		...result.logs,
	];
	const error = result.error as any;
	if (error) texts.push(String(error.message), String(error.description ?? ''), String(error.stack ?? ''));
	return texts;
}

/** The secrets found in any visible text of the given runs (empty = no leak). */
export function findLeaks(results: RunNodeResult[], secrets: Array<{ name: string; values: string[] }>): string[] {
	const found = new Set<string>();
	for (const result of results) {
		for (const text of visibleTexts(result)) {
			const flat = text.replace(/\\n|\\r|\n|\r/g, '');
			for (const { name, values } of secrets) {
				if (values.some((value) => value.length > 0 && (text.includes(value) || flat.includes(value)))) found.add(name);
			}
		}
	}
	return [...found];
}

// ---------------------------------------------------------------------------------------------
// A plain HTTP listener standing in for a Yoti Trigger: records what Yoti (the simulator) sends.

export interface Listener {
	url: string;
	received: Array<{ method: string; url: string; authorization: string | undefined; body: any }>;
	close(): Promise<void>;
}

export async function startListener(): Promise<Listener> {
	const received: Listener['received'] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: any = text;
			try {
				body = JSON.parse(text);
			} catch {}
			received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as any;
	return {
		url: `http://127.0.0.1:${port}/webhook/test-hook/webhook`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}
