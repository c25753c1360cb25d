// The audit's clients run in turn (test/bench/auditClients.ts): each in a fresh process of
// its own, warmed up and then timed at once, with no idle gap (idle, V8's memory reducer shrinks
// the heap and the next thousand items pay to grow it back: measured up to 2x the CPU per item).
// The sessions are split in `passes` parts, each fetched by every client in turn, the order
// reversed every pass, so load from other work on this machine drifts over all of them.
import { startAuditClient, type AuditClient, type AuditClientName, type AuditPart, type AuditSetup } from './auditClients';
import { peerWhere } from './diyPeer';
import { round } from './report';

/**
 * Before the audit, every client fetches the same sessions, untimed: AUDIT_WARM_UP_ROUNDS parts
 * of AUDIT_WARM_UP_SESSIONS at concurrency 20. An audit is thousands of sessions, so its figures
 * are V8's optimised code: early on the node's path (engine, n8n-core, axios: far more code than
 * the SDK's) is still being compiled on V8's background threads, and the CPU per item measured
 * then falls part after part. The CPU per item of every warm-up part is printed, so a reader can
 * see it has levelled off before the timed rounds start.
 */
export const AUDIT_WARM_UP_SESSIONS = 500;
export const AUDIT_WARM_UP_ROUNDS = 4;

export type Part = { seconds: number; cpuMs: number; n: number };

export interface AuditRuns {
	/** `${name}@${concurrency}` -> the sum over the passes. */
	totals: Map<string, Part>;
	/** `${name}@${concurrency}` -> each pass's part, in pass order. */
	byPass: Map<string, Part[]>;
	/** name -> CPU ms per item of each warm-up part, per pass. */
	warmCpu: Record<string, number[][]>;
	/** The run `options.extra` asked for, if any. */
	extra?: Part;
}

export interface AuditRunOptions {
	label: string;
	names: readonly AuditClientName[];
	setup: AuditSetup;
	sessionIds: string[];
	concurrencies: number[];
	passes: number;
	/** Added to each client process's environment. */
	env?: Record<string, string>;
	/** Run once more in `name`'s last process, after its timed parts (the sequential audit). */
	extra?: { name: AuditClientName; concurrency: number; ids: string[]; note: string };
	log: (text: string) => void;
}

async function checked(client: AuditClient, name: AuditClientName, ids: string[], concurrency: number): Promise<AuditPart> {
	const part = await client.run(ids, concurrency);
	if (part.correct !== ids.length) throw new Error(`${name} at concurrency ${concurrency}: only ${part.correct}/${ids.length} sessions right`);
	return part;
}

export async function runAuditClients(options: AuditRunOptions): Promise<AuditRuns> {
	const { label, names, setup, sessionIds, concurrencies, passes, log } = options;
	const totals = new Map<string, Part>();
	const byPass = new Map<string, Part[]>();
	const add = (name: AuditClientName, concurrency: number, part: Part) => {
		const key = `${name}@${concurrency}`;
		const total = totals.get(key) ?? { seconds: 0, cpuMs: 0, n: 0 };
		totals.set(key, { seconds: total.seconds + part.seconds, cpuMs: total.cpuMs + part.cpuMs, n: total.n + part.n });
		byPass.set(key, [...(byPass.get(key) ?? []), part]);
	};
	const warmCpu: Record<string, number[][]> = Object.fromEntries(names.map((name) => [name, []]));
	let extra: Part | undefined;
	const size = Math.ceil(sessionIds.length / passes);
	// Warm-up and audit use the same sessions: nonces are fresh per request anyway.
	const warmIds = Array.from({ length: AUDIT_WARM_UP_SESSIONS }, (_, k) => sessionIds[k % sessionIds.length]);
	for (let pass = 0; pass < passes; pass += 1) {
		const ids = sessionIds.slice(pass * size, (pass + 1) * size);
		for (const name of pass % 2 === 0 ? names : [...names].reverse()) {
			const where = name === 'diy' ? ` (n8n-nodes-base ${peerWhere()})` : '';
			log(`${label} pass ${pass + 1}/${passes}, ${name}${where}: a fresh process, warm-up ${AUDIT_WARM_UP_ROUNDS} x ${AUDIT_WARM_UP_SESSIONS} sessions at concurrency 20, then ${ids.length} at ${concurrencies.map((c) => `concurrency ${c}`).join(', ')} ...`);
			const client = startAuditClient(name, setup, options.env);
			try {
				const warm: number[] = [];
				for (let r = 0; r < AUDIT_WARM_UP_ROUNDS; r += 1) {
					const part = await checked(client, name, warmIds, 20);
					warm.push(round(part.cpuMs / part.n, 2));
				}
				warmCpu[name].push(warm);
				for (const concurrency of concurrencies) add(name, concurrency, await checked(client, name, ids, concurrency));
				if (options.extra && name === options.extra.name && pass === passes - 1) {
					log(options.extra.note);
					extra = await checked(client, name, options.extra.ids, options.extra.concurrency);
				}
			} finally {
				await client.stop();
			}
		}
	}
	log(`${label} warm-up, CPU ms/item per part: ${names.map((name) => `${name} ${warmCpu[name].map((parts) => parts.join(' > ')).join(' | ')}`).join('; ')}`);
	return { totals, byPass, warmCpu, extra };
}

/** `name`'s CPU per item over the SDK's, pass by pass. */
export function perPassCpuRatio(runs: AuditRuns, name: AuditClientName, concurrency: number): number[] {
	const sdkParts = runs.byPass.get(`sdk@${concurrency}`) ?? [];
	return (runs.byPass.get(`${name}@${concurrency}`) ?? []).map((part, k) => round(part.cpuMs / part.n / (sdkParts[k].cpuMs / sdkParts[k].n), 3));
}
