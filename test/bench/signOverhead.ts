/* eslint-disable */
// sign_overhead_ratio_vs_sdk: sequential signed GET /sessions/{id} calls, this package (credential
// signing + transport inside n8n's engine, output Raw, concurrency 1) against the official SDK,
// same simulator at zero latency, interleaved rounds so drift on a shared machine hits both.
import { runGetSessions, sdkGetSessionsSequential } from './clients';

export interface SignFigure {
	ratio: number;
	/** The same comparison in CPU time of this process: what each client costs, whatever else runs. */
	cpuRatio: number;
	medianRoundRatio: number;
	nodeMs: number;
	sdkMs: number;
	nodeMsPerCall: number;
	sdkMsPerCall: number;
	calls: number;
	roundRatios: number[];
}

export async function measureSignOverhead(idvBaseUrl: string, sessionIds: string[], rounds: number, perRound: number): Promise<SignFigure> {
	// Warm-up of both clients (module loading, JIT, key parsing caches, sockets).
	const warm = sessionIds.slice(0, 50);
	await sdkGetSessionsSequential(idvBaseUrl, warm);
	await runGetSessions(idvBaseUrl, warm, { output: 'raw', concurrency: 1 });

	let nodeMs = 0;
	let sdkMs = 0;
	let nodeCpuMs = 0;
	let sdkCpuMs = 0;
	const cpuMs = (since: NodeJS.CpuUsage) => {
		const used = process.cpuUsage(since);
		return (used.user + used.system) / 1000;
	};
	const roundRatios: number[] = [];
	for (let round = 0; round < rounds; round += 1) {
		const ids = sessionIds.slice(round * perRound, (round + 1) * perRound);
		let roundNode = 0;
		let roundSdk = 0;
		const nodeRound = async () => {
			const cpu = process.cpuUsage();
			const { ms, result } = await runGetSessions(idvBaseUrl, ids, { output: 'raw', concurrency: 1 });
			const items = result.items[0] ?? [];
			if (result.error || items.length !== ids.length) throw new Error(`node round failed: ${result.error?.message ?? `${items.length} items`}`);
			roundNode = ms;
			nodeCpuMs += cpuMs(cpu);
		};
		const sdkRound = async () => {
			const cpu = process.cpuUsage();
			roundSdk = await sdkGetSessionsSequential(idvBaseUrl, ids);
			sdkCpuMs += cpuMs(cpu);
		};
		if (round % 2 === 0) {
			await sdkRound();
			await nodeRound();
		} else {
			await nodeRound();
			await sdkRound();
		}
		nodeMs += roundNode;
		sdkMs += roundSdk;
		roundRatios.push(roundNode / roundSdk);
	}
	const calls = rounds * perRound;
	const sorted = [...roundRatios].sort((a, b) => a - b);
	const medianRoundRatio = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
	return { ratio: nodeMs / sdkMs, cpuRatio: nodeCpuMs / sdkCpuMs, medianRoundRatio, nodeMs, sdkMs, nodeMsPerCall: nodeMs / calls, sdkMsPerCall: sdkMs / calls, calls, roundRatios };
}

/**
 * The signing step alone, CPU per request: this package's credential `authenticate` on n8n
 * request options vs the SDK's request builder (which signs in `build()`), no I/O, alternating
 * blocks. Separates what the credential costs from what n8n's engine and HTTP client cost.
 */
export async function measureSignStep(idvBaseUrl: string, sessionIds: string[], blocks = 6, perBlock = 300): Promise<{ ratio: number; nodeUs: number; sdkUs: number }> {
	const { YotiApi } = require('../../credentials/YotiApi.credentials.ts') as typeof import('../../credentials/YotiApi.credentials');
	const { RequestBuilder } = require('yoti/src/request/request.builder') as { RequestBuilder: new () => any };
	const { DEMO } = require('./fixtures') as typeof import('./fixtures');
	const credential = new YotiApi();
	const data = { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: idvBaseUrl };
	const pem = DEMO.privateKey;
	const ours = async (id: string) => {
		await credential.authenticate(data, { method: 'GET', url: `/sessions/${id}` });
	};
	const sdk = async (id: string) => {
		new RequestBuilder().withPemString(pem).withBaseUrl(idvBaseUrl).withEndpoint(`/sessions/${id}`).withQueryParam('sdkId', DEMO.sdkId).withGet().build();
	};
	const cpuUs = async (fn: (id: string) => Promise<void>) => {
		const before = process.cpuUsage();
		for (let i = 0; i < perBlock; i += 1) await fn(sessionIds[i % sessionIds.length]);
		const used = process.cpuUsage(before);
		return used.user + used.system;
	};
	await cpuUs(ours);
	await cpuUs(sdk);
	let oursTotal = 0;
	let sdkTotal = 0;
	for (let block = 0; block < blocks; block += 1) {
		if (block % 2 === 0) {
			oursTotal += await cpuUs(ours);
			sdkTotal += await cpuUs(sdk);
		} else {
			sdkTotal += await cpuUs(sdk);
			oursTotal += await cpuUs(ours);
		}
	}
	const calls = blocks * perBlock;
	return { ratio: oursTotal / sdkTotal, nodeUs: oursTotal / calls, sdkUs: sdkTotal / calls };
}
