/* eslint-disable */
// The nightly-audit figures: N input items (one session ID each) through Session → get with
// output Checks, the simulator answering after `latencyMs`. The physical limit of such a run is
// N × latency ÷ concurrency: every request has to wait for its answer, nothing else must.
import { flattenChecks } from '../../nodes/Yoti/core';
import { runGetSessions } from './clients';
import type { FlakyPlan } from './fixtures';

export interface AuditFigure {
	seconds: number;
	limitSeconds: number;
	ratioToLimit: number;
	concurrency: number;
	items: number;
	correct: number;
	errorItems: number;
	/** CPU time this process spent per input item (engine, node, signing, HTTP client). */
	clientCpuMsPerItem: number;
}

/**
 * How many input items came back right: exactly the seed's check items, each carrying its
 * own input's session ID and pointing back at that input (pairedItem), and no error item.
 */
function countCorrect(output: any[], sessionIds: string[], seedText: string): { correct: number; errorItems: number } {
	const expected = flattenChecks(JSON.parse(seedText));
	const perInput: any[][] = sessionIds.map(() => []);
	let errorItems = 0;
	for (const item of output) {
		if (item.json?.error !== undefined) errorItems += 1;
		const index = item.pairedItem?.item;
		if (typeof index === 'number' && perInput[index]) perInput[index].push(item.json);
	}
	let correct = 0;
	sessionIds.forEach((id, index) => {
		const got = perInput[index];
		if (got.length !== expected.length) return;
		const same = got.every((json, k) => {
			const want = { ...expected[k], session_id: id };
			return JSON.stringify(json) === JSON.stringify(want);
		});
		if (same) correct += 1;
	});
	return { correct, errorItems };
}

export async function measureAudit(
	idvBaseUrl: string,
	sessionIds: string[],
	seedText: string,
	concurrency: number,
	latencyMs: number,
	continueOnFail = false,
): Promise<AuditFigure> {
	const cpuBefore = process.cpuUsage();
	const { ms, result } = await runGetSessions(idvBaseUrl, sessionIds, { output: 'checks', concurrency, continueOnFail });
	const cpu = process.cpuUsage(cpuBefore);
	if (result.error && !continueOnFail) throw new Error(`audit at concurrency ${concurrency} failed: ${result.error.message}`);
	const { correct, errorItems } = countCorrect(result.items[0] ?? [], sessionIds, seedText);
	const limitSeconds = (sessionIds.length * latencyMs) / concurrency / 1000;
	return {
		seconds: ms / 1000,
		limitSeconds,
		ratioToLimit: ms / 1000 / limitSeconds,
		concurrency,
		items: sessionIds.length,
		correct,
		errorItems,
		clientCpuMsPerItem: (cpu.user + cpu.system) / 1000 / sessionIds.length,
	};
}

/**
 * The retry plan, about 5% of all requests: every 20th session's first GET is answered 503 or
 * 429 + Retry-After: 1 (alternating), and every 100th session's second GET too. No request is
 * failed three times, so the default 3 attempts must recover every item.
 */
export function retryPlan(sessionIds: string[], latencyMs: number): FlakyPlan {
	const plan: FlakyPlan['plan'] = {};
	let k = 0;
	sessionIds.forEach((id, index) => {
		if (index % 20 !== 10) return;
		const path = `/idverify/v1/sessions/${id}`;
		const fault = () => (k++ % 2 === 0 ? { kind: '503' as const } : { kind: '429' as const, retryAfter: '1' });
		plan[path] = { '1': fault() };
		if (index % 100 === 10) plan[path]['2'] = fault();
	});
	return { plan, latencyMs };
}
