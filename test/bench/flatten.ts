/* eslint-disable */
// flatten_sessions_per_s: the pure core turning one parsed seed-size session into its check
// items and its summary item, in a tight loop on one core (no I/O, no engine). The rate is per
// CPU second of this process (process.cpuUsage), so other work on a shared machine that takes
// the core away does not count against it; the wall-clock rate is reported beside it.
import { sessionItems } from '../../nodes/Yoti/core';

export interface FlattenFigure {
	sessionsPerS: number;
	wallSessionsPerS: number;
	withParseSessionsPerS: number;
	/** The `tasks` and `media` output modes of the same parsed session, per CPU second. */
	tasksSessionsPerS: number;
	mediaSessionsPerS: number;
}

function cpuMs(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

/** Runs `work` for at least `minCpuMs` of CPU time; rates per CPU second and per wall second. */
function rate(work: () => void, minCpuMs: number): { cpu: number; wall: number } {
	for (let i = 0; i < 2000; i += 1) work(); // warm up the JIT
	let count = 0;
	const wallStart = process.hrtime.bigint();
	const cpuStart = cpuMs();
	let cpuElapsed = 0;
	while (cpuElapsed < minCpuMs) {
		for (let i = 0; i < 500; i += 1) work();
		count += 500;
		cpuElapsed = cpuMs() - cpuStart;
	}
	const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
	return { cpu: count / (cpuElapsed / 1000), wall: count / (wallMs / 1000) };
}

export function measureFlatten(seedText: string, minMs = 1500): FlattenFigure {
	const session = JSON.parse(seedText);
	let sink = 0;
	const flat = rate(() => {
		sink += sessionItems(session, 'checks').length + sessionItems(session, 'summary').length;
	}, minMs);
	const withParse = rate(() => {
		const parsed = JSON.parse(seedText);
		sink += sessionItems(parsed, 'checks').length + sessionItems(parsed, 'summary').length;
	}, minMs / 2);
	const tasks = rate(() => {
		sink += sessionItems(session, 'tasks').length;
	}, minMs / 2);
	const media = rate(() => {
		sink += sessionItems(session, 'media').length;
	}, minMs / 2);
	if (sink === 0) throw new Error('flatten produced no items');
	return {
		sessionsPerS: flat.cpu,
		wallSessionsPerS: flat.wall,
		withParseSessionsPerS: withParse.cpu,
		tasksSessionsPerS: tasks.cpu,
		mediaSessionsPerS: media.cpu,
	};
}
