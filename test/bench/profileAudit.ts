/* eslint-disable */
// The audit path alone, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=DIR test/bench/run.js --profile-audit --window-file DIR/window.json
//   node test/bench/profileSummary.js DIR DIR/window.json
// runs the bench's warm-up (AUDIT_WARM_UP_ROUNDS x AUDIT_WARM_UP_SESSIONS at concurrency 20: steady state),
// then 1,000 items of Session → get, output Checks, concurrency 5, 50 ms latency, against the
// simulator in its own process (so the profile holds the client only). It writes the measured
// window (process.hrtime, µs — the clock V8's profiler stamps samples with) beside the profile,
// so test/bench/profileSummary.js bills only the measured items.
import * as fs from 'fs';
import * as path from 'path';

import { measureAudit } from './audit';
import { AUDIT_WARM_UP_ROUNDS, AUDIT_WARM_UP_SESSIONS } from './auditRuns';
import { runGetSessions } from './clients';
import { createBenchData, DEMO_DATA_DIR, startBenchServer } from './fixtures';

const ITEMS = 1000;
const LATENCY_MS = 50;

export async function main(argv: string[]): Promise<number> {
	const dirIndex = argv.indexOf('--window-file');
	const windowFile = dirIndex >= 0 ? argv[dirIndex + 1] : path.join(process.cwd(), 'audit-window.json');
	const concurrency = argv.includes('--c20') ? 20 : 5;
	const data = createBenchData(ITEMS + 50, 1);
	const server = await startBenchServer({ sessionsDir: [data.dir, DEMO_DATA_DIR], latencyMs: LATENCY_MS });
	try {
		const warmIds = Array.from({ length: AUDIT_WARM_UP_SESSIONS }, (_, k) => data.sessionIds[k % data.sessionIds.length]);
		for (let round = 0; round < AUDIT_WARM_UP_ROUNDS; round += 1) {
			const warm = await runGetSessions(server.idvBaseUrl, warmIds, { output: 'checks', concurrency: 20 });
			if (warm.result.error) throw new Error(`warm-up failed: ${warm.result.error.message}`);
		}
		const startUs = Math.round(Number(process.hrtime.bigint()) / 1000);
		const figure = await measureAudit(server.idvBaseUrl, data.sessionIds.slice(0, ITEMS), data.seedText, concurrency, LATENCY_MS);
		const endUs = Math.round(Number(process.hrtime.bigint()) / 1000);
		if (figure.correct !== ITEMS) throw new Error(`only ${figure.correct}/${ITEMS} items correct`);
		fs.writeFileSync(windowFile, JSON.stringify({ startUs, endUs, items: ITEMS, concurrency, clientCpuMsPerItem: figure.clientCpuMsPerItem, seconds: figure.seconds }));
		process.stderr.write(`profiled audit: ${ITEMS} items, c${concurrency}, ${figure.seconds.toFixed(2)} s, client CPU ${figure.clientCpuMsPerItem.toFixed(3)} ms/item\n`);
	} finally {
		await server.close();
		data.remove();
	}
	return 0;
}
