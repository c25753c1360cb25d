/* eslint-disable */
// The audit's five clients (the fifth a counterfactual, keepAliveAgent.ts), each in its own
// process (`node test/bench/run.js --audit-client <name>`, driven over IPC), as each runs in
// production: an n8n process does not also run the SDK. Sharing one process, every client's
// garbage, heap growth and V8 feedback (the same Node http internals driven by axios,
// superagent and bare http) is billed to whichever runs next; measured that way both the node
// and the SDK spend more CPU per item than either does alone.
// The parent still interleaves the rounds, so load from other work drifts over all of them.
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';

import { measureAudit } from './audit';
import { floorGetSessionsConcurrent, sdkGetSessionsConcurrent } from './clients';
import { countDiyCorrect, runDiyPeer } from './diyPeer';
import { keepAliveSocketsOpened, shareOneKeepAliveAgentPerProtocol } from './keepAliveAgent';

/** `nodeKeepAlive`: the node again, with n8n's per-request agent kept alive (keepAliveAgent.ts). */
export const AUDIT_CLIENTS = ['node', 'sdk', 'floor', 'diy', 'nodeKeepAlive'] as const;
export type AuditClientName = (typeof AUDIT_CLIENTS)[number];

export interface AuditSetup {
	idvBaseUrl: string;
	latencyMs: number;
	seedText: string;
	checksPerSession: number;
}

export interface AuditPart {
	seconds: number;
	/** This client's process CPU (all threads: main, GC, compiler, libuv) over the part. */
	cpuMs: number;
	n: number;
	correct: number;
}

type Request = { id: number; kind: 'run'; ids: string[]; concurrency: number } | { id: number; kind: 'stop' };
type Reply = { id: number; part?: AuditPart; error?: string };

/** One part in this process: `ids` fetched by `name` at `concurrency`, timed and checked. */
async function runPart(name: AuditClientName, setup: AuditSetup, ids: string[], concurrency: number): Promise<AuditPart> {
	const { idvBaseUrl, latencyMs } = setup;
	switch (name) {
		case 'node':
		case 'nodeKeepAlive': {
			const socketsBefore = keepAliveSocketsOpened();
			const figure = await measureAudit(idvBaseUrl, ids, setup.seedText, concurrency, latencyMs);
			// With a proxy in the environment n8n-core builds proxy agents the patch does not reach:
			// the figure would silently be the plain node's.
			if (name === 'nodeKeepAlive' && keepAliveSocketsOpened() - socketsBefore > ids.length / 2) {
				throw new Error('nodeKeepAlive: n8n-core did not reuse the shared keep-alive agent (HTTP_PROXY / HTTPS_PROXY / ALL_PROXY set?)');
			}
			return { seconds: figure.seconds, cpuMs: figure.clientCpuMsPerItem * ids.length, n: ids.length, correct: figure.correct };
		}
		case 'sdk': {
			const { ms, cpuMsPerCall } = await sdkGetSessionsConcurrent(idvBaseUrl, ids, concurrency);
			return { seconds: ms / 1000, cpuMs: cpuMsPerCall * ids.length, n: ids.length, correct: ids.length };
		}
		case 'floor': {
			const { ms, cpuMsPerCall } = await floorGetSessionsConcurrent(idvBaseUrl, ids, concurrency);
			return { seconds: ms / 1000, cpuMs: cpuMsPerCall * ids.length, n: ids.length, correct: ids.length };
		}
		case 'diy': {
			const { ms, cpuMsPerItem, items } = await runDiyPeer(idvBaseUrl, ids, concurrency, latencyMs);
			return { seconds: ms / 1000, cpuMs: cpuMsPerItem * ids.length, n: ids.length, correct: countDiyCorrect(items, ids, setup.checksPerSession) };
		}
	}
}

/** The child's side: `run.js --audit-client <name> <setup json>`, answering the parent's requests. */
export function main(argv: string[]): Promise<number> {
	const name = argv[1] as AuditClientName;
	const setup = JSON.parse(argv[2]) as AuditSetup;
	if (!AUDIT_CLIENTS.includes(name) || typeof process.send !== 'function') throw new Error('--audit-client runs under the bench only');
	if (name === 'nodeKeepAlive') shareOneKeepAliveAgentPerProtocol();
	return new Promise((resolve) => {
		process.on('message', async (request: Request) => {
			if (request.kind === 'stop') return resolve(0);
			let reply: Reply;
			try {
				reply = { id: request.id, part: await runPart(name, setup, request.ids, request.concurrency) };
			} catch (error) {
				reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
			}
			process.send!(reply);
		});
	});
}

export interface AuditClient {
	run(ids: string[], concurrency: number): Promise<AuditPart>;
	stop(): Promise<void>;
}

/** The parent's side: a process for `name`, ready for parts. */
export function startAuditClient(name: AuditClientName, setup: AuditSetup, env: Record<string, string> = {}): AuditClient {
	const child: ChildProcess = fork(path.join(__dirname, 'run.js'), ['--audit-client', name, JSON.stringify(setup)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: { ...process.env, ...env },
	});
	const pending = new Map<number, { resolve: (part: AuditPart) => void; reject: (error: Error) => void }>();
	let nextId = 1;
	let exited: Error | undefined;
	child.on('message', (reply: Reply) => {
		const waiting = pending.get(reply.id);
		if (!waiting) return;
		pending.delete(reply.id);
		if (reply.part) waiting.resolve(reply.part);
		else waiting.reject(new Error(`${name}: ${reply.error}`));
	});
	child.on('exit', (code) => {
		exited = new Error(`the ${name} client's process ended (${code})`);
		for (const waiting of pending.values()) waiting.reject(exited);
		pending.clear();
	});
	return {
		run(ids, concurrency) {
			if (exited) return Promise.reject(exited);
			const id = nextId++;
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve, reject });
				child.send({ id, kind: 'run', ids, concurrency } satisfies Request);
			});
		},
		stop() {
			if (exited) return Promise.resolve();
			return new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.send({ id: 0, kind: 'stop' } satisfies Request);
			});
		},
	};
}
