/* eslint-disable */
// sign_overhead_ratio_vs_sdk: sequential signed GET /sessions/{id} calls, this package (credential
// signing + transport inside n8n's engine, output Raw, concurrency 1) against the official SDK,
// same simulator at zero latency, interleaved rounds so drift on a shared machine hits both.
import { runGetSessions, sdkGetSessionsSequential } from './clients';

export interface SignFigure {
	ratio: number;
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
	const roundRatios: number[] = [];
	for (let round = 0; round < rounds; round += 1) {
		const ids = sessionIds.slice(round * perRound, (round + 1) * perRound);
		let roundNode = 0;
		let roundSdk = 0;
		const nodeRound = async () => {
			const { ms, result } = await runGetSessions(idvBaseUrl, ids, { output: 'raw', concurrency: 1 });
			const items = result.items[0] ?? [];
			if (result.error || items.length !== ids.length) throw new Error(`node round failed: ${result.error?.message ?? `${items.length} items`}`);
			roundNode = ms;
		};
		const sdkRound = async () => {
			roundSdk = await sdkGetSessionsSequential(idvBaseUrl, ids);
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
	return { ratio: nodeMs / sdkMs, nodeMs, sdkMs, nodeMsPerCall: nodeMs / calls, sdkMsPerCall: sdkMs / calls, calls, roundRatios };
}
