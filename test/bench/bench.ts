/* eslint-disable */
// `npm run bench` (node test/bench/run.js): the figures of issues 7 and 17, measured side by side
// in one run on this machine, reported as ratios. The audit is measured beside three references
// on the same simulator, sessions, latency and concurrency: the official SDK, the floor (a bare
// keep-alive client) and the do-it-yourself peer (n8n's Code and HTTP Request nodes), plus, for
// information only, the node with n8n's per-request agent kept alive (keepAliveAgent.ts).
// Prints a table, then ONE JSON object as the last line.
// Timing claims live here only; `npm test` never asserts on time.
import { measureAudit, retryPlan } from './audit';
import { AUDIT_CLIENTS, type AuditClientName, type AuditSetup } from './auditClients';
import { perPassCpuRatio as perPassCpuRatioOf, runAuditClients, type AuditRuns, type Part } from './auditRuns';
import { runGetSessions } from './clients';
import { createBenchData, DEMO_DATA_DIR, makeLocalhostCertificate, SEED_SESSION_ID, startBenchServer } from './fixtures';
import { measureFlatten } from './flatten';
import { measureMedia } from './media';
import { round, table, type Row } from './report';
import { measureSignOverhead, measureSignStep } from './signOverhead';

const FIGURES = ['flatten', 'sign', 'audit', 'c20', 'https', 'media', 'retry'] as const;
type Figure = (typeof FIGURES)[number];

const AUDIT_LATENCY_MS = 50;
/** The audit's sessions are fetched in this many parts per client, in alternating order. */
const AUDIT_PASSES = 2;
const MEDIA_BYTES = 20 * 1024 * 1024;

function parseArgs(argv: string[]): { only: Set<Figure>; quick: boolean } {
	let only = new Set<Figure>(FIGURES);
	let quick = false;
	for (let i = 0; i < argv.length; i += 1) {
		if (argv[i] === '--quick') quick = true;
		else if (argv[i] === '--only') {
			const names = (argv[++i] ?? '').split(',').filter(Boolean);
			for (const name of names) if (!FIGURES.includes(name as Figure)) throw new Error(`--only: unknown figure "${name}" (${FIGURES.join(', ')})`);
			only = new Set(names as Figure[]);
		} else throw new Error(`unknown argument "${argv[i]}" (use --only ${FIGURES.join(',')} and/or --quick)`);
	}
	return { only, quick };
}

/**
 * One untimed run first: module loading (n8n-core loads parts lazily), the credential class, the
 * engine's one-time setup, JIT and sockets would otherwise be billed to the first timed figure.
 */
async function warmUp(idvBaseUrl: string, sessionIds: string[]): Promise<void> {
	const ids = sessionIds.slice(0, 50);
	const { result } = await runGetSessions(idvBaseUrl, ids.length > 0 ? ids : [SEED_SESSION_ID], { output: 'checks', concurrency: 5 });
	if (result.error) throw new Error(`warm-up failed: ${result.error.message}`);
}

const log = (text: string) => process.stderr.write(`${text}\n`);

export async function main(argv: string[]): Promise<number> {
	const { only, quick } = parseArgs(argv);
	const items = quick ? 200 : 1000;
	// Alternating rounds spread load from other work over both clients; each node round is one
	// workflow run, so a round must be long enough (200 items) that the run's fixed start-up
	// (~30 ms: workflow, engine, first credential read) is not billed as per-call overhead.
	const rounds = quick ? 2 : 5;
	const perRound = quick ? 100 : 200;
	const started = Date.now();
	const loadAtStart = require('os').loadavg()[0] as number;
	// Sign rounds use IDs [0, rounds*perRound); audits [0, items); the retry warm-up the 50 after.
	const data = createBenchData(Math.max(items, rounds * perRound) + 50, MEDIA_BYTES);
	const sessionsDir = [data.dir, DEMO_DATA_DIR];
	const sessionIds = data.sessionIds.slice(0, items);
	/** What an audit client needs to know of the run (test/bench/auditClients.ts). */
	const auditSetup = (idvBaseUrl: string): AuditSetup => ({
		idvBaseUrl,
		latencyMs: AUDIT_LATENCY_MS,
		seedText: data.seedText,
		checksPerSession: (JSON.parse(data.seedText).checks as unknown[]).length,
	});
	const json: Record<string, unknown> = {};
	const rows: Row[] = [];

	try {
		if (only.has('flatten')) {
			log('flatten: core, one core ...');
			const flatten = measureFlatten(data.seedText);
			json.flatten_sessions_per_s = Math.round(flatten.sessionsPerS);
			json.flatten_wall_sessions_per_s = Math.round(flatten.wallSessionsPerS);
			json.flatten_with_json_parse_sessions_per_s = Math.round(flatten.withParseSessionsPerS);
			rows.push({ figure: 'flatten_sessions_per_s', value: String(json.flatten_sessions_per_s), target: '>= 20000', pass: flatten.sessionsPerS >= 20000 });
			rows.push({ figure: '  per wall second (shared machine)', value: String(json.flatten_wall_sessions_per_s), target: '(info)' });
			rows.push({ figure: '  incl. JSON.parse of the body', value: String(json.flatten_with_json_parse_sessions_per_s), target: '(info)' });
			json.flatten_tasks_sessions_per_s = Math.round(flatten.tasksSessionsPerS);
			json.flatten_media_sessions_per_s = Math.round(flatten.mediaSessionsPerS);
			rows.push({ figure: '  output tasks', value: String(json.flatten_tasks_sessions_per_s), target: '(info)' });
			rows.push({ figure: '  output media', value: String(json.flatten_media_sessions_per_s), target: '(info)' });
		}

		if (only.has('sign') || only.has('media')) {
			const server = await startBenchServer({ sessionsDir, latencyMs: 0 });
			try {
				if (only.has('sign')) {
					log(`sign: ${rounds} x ${perRound} sequential GET session, node vs SDK, interleaved, 0 ms latency ...`);
					const sign = await measureSignOverhead(server.idvBaseUrl, data.sessionIds, rounds, perRound);
					json.sign_overhead_ratio_vs_sdk = round(sign.ratio, 3);
					json.sign_node_ms_per_call = round(sign.nodeMsPerCall, 3);
					json.sign_sdk_ms_per_call = round(sign.sdkMsPerCall, 3);
					json.sign_cpu_ratio_vs_sdk = round(sign.cpuRatio, 3);
					json.sign_median_round_ratio = round(sign.medianRoundRatio, 3);
					rows.push({ figure: 'sign_overhead_ratio_vs_sdk', value: sign.ratio.toFixed(3), target: '<= 1.15', pass: sign.ratio <= 1.15 });
					rows.push({ figure: '  CPU-time ratio / median round', value: `${sign.cpuRatio.toFixed(3)} / ${sign.medianRoundRatio.toFixed(3)}`, target: '(info)' });
					const step = await measureSignStep(server.idvBaseUrl, data.sessionIds);
					json.sign_step_cpu_ratio_vs_sdk = round(step.ratio, 3);
					json.sign_step_us = { node: Math.round(step.nodeUs), sdk: Math.round(step.sdkUs) };
					rows.push({ figure: '  signing step alone, CPU ratio', value: step.ratio.toFixed(3), target: `(${Math.round(step.nodeUs)} vs ${Math.round(step.sdkUs)} us)` });
					rows.push({ figure: '  node / SDK ms per call', value: `${sign.nodeMsPerCall.toFixed(2)} / ${sign.sdkMsPerCall.toFixed(2)}`, target: `(${sign.calls} calls each)` });
				}
				if (only.has('media')) {
					log(`media: one ${MEDIA_BYTES / 1024 / 1024} MB media item in a fresh process ...`);
					const media = await measureMedia(server.idvBaseUrl, data.dir, data.media);
					json.media_peak_rss_ratio = round(media.ratio, 3);
					json.media_peak_rss_growth_mb = round(media.growthBytes / 1024 / 1024, 1);
					json.media_fetch_s = round(media.seconds, 3);
					json.media_bytes_intact = media.intact;
					rows.push({ figure: 'media_peak_rss_ratio', value: media.ratio.toFixed(2), target: '<= 3', pass: media.ratio <= 3 && media.intact });
					rows.push({ figure: '  peak RSS growth / bytes intact', value: `${(media.growthBytes / 1024 / 1024).toFixed(1)} MB / ${media.intact}`, target: '(info)' });
				}
			} finally {
				await server.close();
			}
		}

		if (only.has('audit') || only.has('c20')) {
			const server = await startBenchServer({ sessionsDir, latencyMs: AUDIT_LATENCY_MS });
			try {
				const setup = auditSetup(server.idvBaseUrl);
				type Figure = { seconds: number; limitSeconds: number; ratioToLimit: number; cpuMsPerItem: number };
				const concurrencies = [...(only.has('audit') ? [5] : []), ...(only.has('c20') ? [20] : [])];
				const runs = await runAuditClients({
					label: 'audit',
					names: AUDIT_CLIENTS,
					setup,
					sessionIds,
					concurrencies,
					passes: AUDIT_PASSES,
					extra: only.has('audit')
						? { name: 'node', concurrency: 1, ids: sessionIds, note: `audit: ${items} items, checks, concurrency 1, ${AUDIT_LATENCY_MS} ms latency (node) ...` }
						: undefined,
					log,
				});
				const { totals, extra: sequential } = runs;
				json.audit_warm_up_cpu_ms_per_item = runs.warmCpu;
				const perPassCpuRatio = (name: AuditClientName, concurrency: number) => perPassCpuRatioOf(runs, name, concurrency);
				const group = (concurrency: number) => {
					const limitSeconds = (items * AUDIT_LATENCY_MS) / concurrency / 1000;
					const figure = (part: Part): Figure => ({ seconds: part.seconds, limitSeconds, ratioToLimit: part.seconds / limitSeconds, cpuMsPerItem: part.cpuMs / part.n });
					const of = (name: AuditClientName) => figure(totals.get(`${name}@${concurrency}`)!);
					return { node: of('node'), sdk: of('sdk'), floor: of('floor'), diy: of('diy'), keepAlive: of('nodeKeepAlive') };
				};
				/**
				 * The node/SDK CPU ratio of every pass (the claim is the whole run's), and the same node
				 * with n8n's agent kept alive: what an upstream fix would give (info, not the claim).
				 */
				const keepAliveRows = (concurrency: number, keepAlive: Figure, sdk: Figure) => {
					const suffix = concurrency === 5 ? '' : `_c${concurrency}`;
					const passes = perPassCpuRatio('node', concurrency);
					json[`client${suffix}_cpu_ratio_vs_sdk_per_pass`] = passes;
					rows.push({ figure: '  node / SDK CPU, per pass', value: passes.map((r) => r.toFixed(3)).join(' / '), target: `(c${concurrency})` });
					const share = keepAlive.cpuMsPerItem / sdk.cpuMsPerItem;
					json[`keepalive${suffix}_cpu_ms_per_item`] = round(keepAlive.cpuMsPerItem, 3);
					json[`keepalive${suffix}_cpu_ratio_vs_sdk`] = round(share, 3);
					json[`keepalive${suffix}_ratio_to_limit`] = round(keepAlive.ratioToLimit, 3);
					rows.push({
						figure: '  if n8n kept its agent alive',
						value: `${keepAlive.cpuMsPerItem.toFixed(2)} ms; ${share.toFixed(3)} x SDK`,
						target: `(c${concurrency}, info; per pass ${perPassCpuRatio('nodeKeepAlive', concurrency).map((r) => r.toFixed(3)).join(' / ')})`,
					});
				};
				if (only.has('audit')) {
					const g5 = group(5);
					const { sdk: sdk5, floor: floor5, diy: diy5 } = g5;
					const c5 = { ...g5.node, clientCpuMsPerItem: g5.node.cpuMsPerItem };
					const c1 = { seconds: sequential!.seconds, limitSeconds: (items * AUDIT_LATENCY_MS) / 1000, ratioToLimit: sequential!.seconds / ((items * AUDIT_LATENCY_MS) / 1000) };
					const speedup = c1.seconds / c5.seconds;
					json.audit_1000_concurrent_s = round(c5.seconds, 3);
					json.audit_speedup_vs_sequential = round(speedup, 2);
					json.audit_ratio_to_limit = round(c5.ratioToLimit, 3);
					json.audit_sequential_s = round(c1.seconds, 3);
					json.audit_sequential_ratio_to_limit = round(c1.ratioToLimit, 3);
					json.audit_items = items;
					json.audit_client_cpu_ms_per_item = round(c5.clientCpuMsPerItem, 3);
					rows.push({ figure: `audit_${items}_concurrent_s`, value: c5.seconds.toFixed(2), target: `<= ${(c5.limitSeconds * 1.2).toFixed(1)} (limit ${c5.limitSeconds})`, pass: c5.ratioToLimit <= 1.2 });
					rows.push({ figure: 'audit_ratio_to_limit', value: c5.ratioToLimit.toFixed(3), target: '<= 1.2', pass: c5.ratioToLimit <= 1.2 });
					rows.push({ figure: 'audit_speedup_vs_sequential', value: speedup.toFixed(2), target: '>= 4', pass: speedup >= 4 });
					json.sdk_audit_ratio_to_limit = round(sdk5.ratioToLimit, 3);
					json.sdk_audit_client_cpu_ms_per_item = round(sdk5.cpuMsPerItem, 3);
					rows.push({ figure: '  SDK reference ratio to limit', value: sdk5.ratioToLimit.toFixed(3), target: '(same machine, c5)' });
					rows.push({ figure: '  client CPU ms/item node / SDK', value: `${c5.clientCpuMsPerItem.toFixed(2)} / ${sdk5.cpuMsPerItem.toFixed(2)}`, target: '(c5)' });
					json.client_cpu_ms_per_item = round(c5.clientCpuMsPerItem, 3);
					json.sdk_cpu_ms_per_item = round(sdk5.cpuMsPerItem, 3);
					json.floor_ratio_to_limit = round(floor5.ratioToLimit, 3);
					json.floor_cpu_ms_per_item = round(floor5.cpuMsPerItem, 3);
					json.audit_ratio_to_floor = round(c5.ratioToLimit / floor5.ratioToLimit, 3);
					json.diy_ratio_to_limit = round(diy5.ratioToLimit, 3);
					json.diy_cpu_ms_per_item = round(diy5.cpuMsPerItem, 3);
					const cpuShare = c5.clientCpuMsPerItem / sdk5.cpuMsPerItem;
					json.client_cpu_ratio_vs_sdk = round(cpuShare, 3);
					rows.push({ figure: 'client CPU per item / SDK', value: cpuShare.toFixed(3), target: '<= 0.8', pass: cpuShare <= 0.8 });
					keepAliveRows(5, g5.keepAlive, sdk5);
					rows.push({ figure: 'floor_ratio_to_limit', value: floor5.ratioToLimit.toFixed(3), target: `(c5; ${floor5.cpuMsPerItem.toFixed(2)} ms CPU/item)` });
					rows.push({ figure: 'audit_ratio_to_floor', value: (c5.ratioToLimit / floor5.ratioToLimit).toFixed(3), target: '<= 1.1 (if floor > 1.2)', pass: c5.ratioToLimit <= 1.2 || c5.ratioToLimit / floor5.ratioToLimit <= 1.1 });
					rows.push({ figure: 'diy_ratio_to_limit', value: diy5.ratioToLimit.toFixed(3), target: `> node's (${diy5.cpuMsPerItem.toFixed(2)} ms CPU/item)`, pass: diy5.ratioToLimit > c5.ratioToLimit });
					rows.push({ figure: '  sequential s / ratio to limit', value: `${c1.seconds.toFixed(2)} / ${c1.ratioToLimit.toFixed(3)}`, target: `(limit ${c1.limitSeconds})` });
				}
				if (only.has('c20')) {
					const g20 = group(20);
					const { sdk: sdk20, floor: floor20, diy: diy20 } = g20;
					const c20 = { ...g20.node, clientCpuMsPerItem: g20.node.cpuMsPerItem };
					json.sdk_audit_c20_ratio_to_limit = round(sdk20.ratioToLimit, 3);
					json.sdk_audit_c20_client_cpu_ms_per_item = round(sdk20.cpuMsPerItem, 3);
					json.audit_c20_ratio_to_limit = round(c20.ratioToLimit, 3);
					json.audit_c20_s = round(c20.seconds, 3);
					json.audit_c20_client_cpu_ms_per_item = round(c20.clientCpuMsPerItem, 3);
					rows.push({ figure: 'audit_c20_ratio_to_limit', value: c20.ratioToLimit.toFixed(3), target: '<= 1.5', pass: c20.ratioToLimit <= 1.5 });
					rows.push({ figure: '  concurrency 20 seconds', value: c20.seconds.toFixed(2), target: `(limit ${c20.limitSeconds})` });
					rows.push({ figure: '  SDK reference ratio to limit', value: sdk20.ratioToLimit.toFixed(3), target: '(same machine, c20)' });
					rows.push({ figure: '  client CPU ms/item node / SDK', value: `${c20.clientCpuMsPerItem.toFixed(2)} / ${sdk20.cpuMsPerItem.toFixed(2)}`, target: '(c20)' });
					const c20CpuShare = c20.clientCpuMsPerItem / sdk20.cpuMsPerItem;
					json.client_c20_cpu_ratio_vs_sdk = round(c20CpuShare, 3);
					rows.push({ figure: 'client CPU per item / SDK, c20', value: c20CpuShare.toFixed(3), target: '<= 0.8', pass: c20CpuShare <= 0.8 });
					keepAliveRows(20, g20.keepAlive, sdk20);
					json.floor_c20_ratio_to_limit = round(floor20.ratioToLimit, 3);
					json.floor_c20_cpu_ms_per_item = round(floor20.cpuMsPerItem, 3);
					json.audit_c20_ratio_to_floor = round(c20.ratioToLimit / floor20.ratioToLimit, 3);
					json.diy_c20_ratio_to_limit = round(diy20.ratioToLimit, 3);
					json.diy_c20_cpu_ms_per_item = round(diy20.cpuMsPerItem, 3);
					rows.push({ figure: 'floor_c20_ratio_to_limit', value: floor20.ratioToLimit.toFixed(3), target: `(c20; ${floor20.cpuMsPerItem.toFixed(2)} ms CPU/item)` });
					rows.push({ figure: 'audit_c20_ratio_to_floor', value: (c20.ratioToLimit / floor20.ratioToLimit).toFixed(3), target: '<= 1.1 (if floor > 1.5)', pass: c20.ratioToLimit <= 1.5 || c20.ratioToLimit / floor20.ratioToLimit <= 1.1 });
					rows.push({ figure: 'diy_c20_ratio_to_limit', value: diy20.ratioToLimit.toFixed(3), target: `> node's (${diy20.cpuMsPerItem.toFixed(2)} ms CPU/item)`, pass: diy20.ratioToLimit > c20.ratioToLimit });
				}
			} finally {
				await server.close();
			}
		}

		/** One concurrency of the HTTPS audit: node, SDK and the keep-alive node (all info). */
		const httpsRows = (runs: AuditRuns, concurrency: number) => {
			const total = (name: AuditClientName) => runs.totals.get(`${name}@${concurrency}`)!;
			const cpu = (name: AuditClientName) => total(name).cpuMs / total(name).n;
			const limitSeconds = (items * AUDIT_LATENCY_MS) / concurrency / 1000;
			const [node, sdk, keepAlive] = [cpu('node'), cpu('sdk'), cpu('nodeKeepAlive')];
			const suffix = concurrency === 5 ? '' : `_c${concurrency}`;
			const passes = perPassCpuRatioOf(runs, 'node', concurrency);
			json[`https${suffix}_client_cpu_ms_per_item`] = round(node, 3);
			json[`https${suffix}_sdk_cpu_ms_per_item`] = round(sdk, 3);
			json[`https${suffix}_client_cpu_ratio_vs_sdk`] = round(node / sdk, 3);
			json[`https${suffix}_client_cpu_ratio_vs_sdk_per_pass`] = passes;
			json[`https${suffix}_keepalive_cpu_ms_per_item`] = round(keepAlive, 3);
			json[`https${suffix}_keepalive_cpu_ratio_vs_sdk`] = round(keepAlive / sdk, 3);
			json[`https${suffix}_ratio_to_limit`] = round(total('node').seconds / limitSeconds, 3);
			json[`https${suffix}_sdk_ratio_to_limit`] = round(total('sdk').seconds / limitSeconds, 3);
			rows.push({
				figure: `https audit c${concurrency}: CPU ms/item node / SDK`,
				value: `${node.toFixed(2)} / ${sdk.toFixed(2)}`,
				target: `(info; ${(node / sdk).toFixed(3)} x SDK, per pass ${passes.map((r) => r.toFixed(3)).join(' / ')})`,
			});
			rows.push({
				figure: '  ratio to the limit node / SDK',
				value: `${(total('node').seconds / limitSeconds).toFixed(3)} / ${(total('sdk').seconds / limitSeconds).toFixed(3)}`,
				target: '(info)',
			});
			rows.push({ figure: '  if n8n kept its agent alive', value: `${keepAlive.toFixed(2)} ms; ${(keepAlive / sdk).toFixed(3)} x SDK`, target: '(info)' });
		};

		if (only.has('https')) {
			// Yoti's API is HTTPS, and a new connection per request (n8n-core's new agent per
			// request; the SDK's superagent alike) means a TLS handshake per request. The same audit
			// over HTTPS (a TLS front on the simulator, certificate made here) shows what that costs,
			// and what the node would cost with n8n's agent kept alive.
			const certificate = makeLocalhostCertificate();
			if (!certificate) rows.push({ figure: 'https audit', value: 'skipped', target: '(openssl missing, or its `req` failed)' });
			else {
				try {
					const server = await startBenchServer({ sessionsDir, latencyMs: AUDIT_LATENCY_MS, tls: certificate });
					try {
						const setup = auditSetup(server.idvBaseUrl);
						const runs = await runAuditClients({
							label: 'https audit',
							names: ['node', 'sdk', 'nodeKeepAlive'],
							setup,
							sessionIds,
							concurrencies: [5, 20],
							passes: AUDIT_PASSES,
							env: { NODE_EXTRA_CA_CERTS: certificate.certFile },
							log,
						});
						json.https_warm_up_cpu_ms_per_item = runs.warmCpu;
						for (const concurrency of [5, 20]) httpsRows(runs, concurrency);
					} finally {
						await server.close();
					}
				} finally {
					certificate.remove();
				}
			}
		}

		if (only.has('retry')) {
			const flaky = retryPlan(sessionIds, AUDIT_LATENCY_MS);
			const server = await startBenchServer({ sessionsDir, latencyMs: AUDIT_LATENCY_MS, flaky });
			try {
				await warmUp(server.idvBaseUrl, data.sessionIds.slice(items)); // IDs outside the fault plan
				log(`retry: ${items} items, concurrency 5, ~5% of requests 503 / 429 + Retry-After: 1 ...`);
				const before = await server.stats();
				const retry = await measureAudit(server.idvBaseUrl, sessionIds, data.seedText, 5, AUDIT_LATENCY_MS, true);
				const after = await server.stats();
				const stats = {
					requests: after.requests - before.requests,
					faulted: after.faulted - before.faulted,
					byKind: Object.fromEntries(Object.entries(after.byKind).map(([kind, n]) => [kind, n - (before.byKind[kind] ?? 0)])),
				};
				const ok = retry.correct === items && retry.errorItems === 0;
				json.retry_recovery_ok = `${retry.correct}/${items}`;
				json.retry_error_items = retry.errorItems;
				json.retry_requests = stats.requests;
				json.retry_faulted_requests = stats.faulted;
				json.retry_faulted_share = round(stats.faulted / stats.requests, 4);
				json.retry_audit_s = round(retry.seconds, 3);
				rows.push({ figure: 'retry_recovery_ok', value: `${retry.correct}/${items}`, target: `all ${items}`, pass: ok });
				rows.push({
					figure: '  faulted requests (503 / 429)',
					value: `${stats.faulted}/${stats.requests}`,
					target: `(${(stats.byKind['503'] ?? 0)} / ${(stats.byKind['429'] ?? 0)}, ${retry.seconds.toFixed(1)} s)`,
				});
			} finally {
				await server.close();
			}
		}
	} finally {
		data.remove();
	}

	json.bench_total_s = round((Date.now() - started) / 1000, 1);
	// Other work on this machine moves every wall-clock figure: the 1-minute load average at the
	// start and the end tell a reader how far to trust them (2 cores: above 2 means contention).
	json.load_avg_1m = { start: round(loadAtStart, 2), end: round(require('os').loadavg()[0], 2) };
	process.stdout.write(`\nn8n-nodes-yoti benchmark (${quick ? 'QUICK, not the claim' : 'full'}; node ${process.version}; ${require('os').cpus().length} cores)\n`);
	process.stdout.write(`${table(rows)}\n\n`);
	process.stdout.write(`${JSON.stringify(json)}\n`);
	return 0; // a miss is a finding shown in the table, not a crash; errors (wrong items) exit 1
}
