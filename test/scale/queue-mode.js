'use strict';
/* eslint-disable */
// npm run test:scale — the package under n8n's queue mode.
// PostgreSQL + Redis (Debian packages, throwaway, loopback) -> pinned n8n: main, webhook
// process, 2 workers -> nightly audit over 2,000 sessions against the simulator (one worker
// SIGKILLed mid-audit) + 500 notifications through the simulator at the Yoti Trigger.
// Last line: `queue mode: <n> executions, <w> workers, <lost> lost, <dup> duplicated`.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const { startServices, runCleanups, registerCleanup } = require('./services');
const { queueEnv, startCluster } = require('./cluster');
const { resolveN8n, installPackage, importAndPublish, REPO } = require('./n8n-setup');
const { readExecutions, nodeOutputItems } = require('./executions');
const { pickTemplates, writeAuditSessions, compareAudit } = require('./fixtures');
const wf = require('./workflows');
const { keyOf, sequentialPlan, crossProcessPlan, concurrentPlan, runLimited, judge } = require('./notifications');
const { runAudit, workerActivity } = require('./audit');

const CONFIG = {
	sessions: Number(process.env.SCALE_SESSIONS || 2000),
	batchSize: Number(process.env.SCALE_BATCH || 100),
	notifications: Number(process.env.SCALE_NOTIFICATIONS || 500),
	probe: Number(process.env.SCALE_PROBE || 40),
	notifyInFlight: 4,
	latencyMs: Number(process.env.SCALE_LATENCY_MS || 40),
	workers: 2,
	workerConcurrency: 2,
	yotiConcurrency: 5,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const t0 = Date.now();
const log = (...args) => console.log(`[scale +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);

const failures = [];
function check(ok, message) {
	if (ok) log(`ok: ${message}`);
	else {
		failures.push(message);
		log(`FAIL: ${message}`);
	}
}

function loadSimulator() {
	const sim = require(path.join(REPO, 'test', 'simulator'));
	if (typeof sim.startSimulator !== 'function') throw new Error('test/simulator does not export startSimulator');
	return sim;
}

/** Demo sessions bundled with the simulator (index.json lists their IDs). */
function demoSessions() {
	const dataDir = path.join(REPO, 'test', 'simulator', 'data');
	const files = fs
		.readdirSync(dataDir)
		.filter((f) => f.endsWith('.json') && f !== 'index.json')
		.sort();
	const sessions = [];
	for (const f of files) {
		try {
			const doc = JSON.parse(fs.readFileSync(path.join(dataDir, f), 'utf8').replace(/^\uFEFF/, ''));
			if (doc && typeof doc.session_id === 'string' && Array.isArray(doc.checks)) sessions.push(doc);
		} catch {}
	}
	return sessions;
}

function demoCredentials(sim) {
	const demo = sim.DEMO || {};
	const sdkId = demo.sdkId || demo.SDK_ID || demo.clientSdkId;
	let privateKey = demo.privateKey || demo.privateKeyPem || demo.PRIVATE_KEY;
	if (!privateKey && demo.privateKeyFile) privateKey = fs.readFileSync(demo.privateKeyFile, 'utf8');
	if (!privateKey && demo.privateKeyPath) privateKey = fs.readFileSync(demo.privateKeyPath, 'utf8');
	if (!sdkId || !privateKey) throw new Error(`simulator DEMO export lacks sdkId/privateKey (keys: ${Object.keys(demo).join(', ')})`);
	return { sdkId, privateKey };
}

/** Fires one notification through the simulator's admin API at `endpoint`. */
async function notify(simUrl, { notification, endpoint, authToken }) {
	const res = await fetch(`${simUrl}/__admin/notify`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...notification, endpoint, auth_token: authToken, auth_type: 'BEARER' }),
	});
	const text = await res.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = { raw: text };
	}
	// the simulator reports what the webhook answered: {delivered: true, status, body} or
	// {delivered: false, error} (e.g. the endpoint did not answer within its 10 s)
	if (body.delivered === false) return { adminStatus: res.status, webhookStatus: `not delivered (${body.error})`, body };
	if (res.status >= 400) throw new Error(`simulator notify -> ${res.status}: ${text.slice(0, 300)}`);
	return { adminStatus: res.status, webhookStatus: typeof body.status === 'number' ? body.status : undefined, body };
}

/** key -> number of executions of the trigger workflow whose trigger output is that notification. */
function triggerExecutions(psql) {
	const rows = readExecutions(psql, { workflowIds: [wf.TRIGGER_WORKFLOW_ID] });
	const byKey = new Map();
	const byId = new Map();
	for (const row of rows) {
		const item = row.data ? nodeOutputItems(row.data, 'Yoti Trigger')[0] || queuedItem(row.data) : undefined;
		if (!item) continue;
		const key = keyOf(item);
		byKey.set(key, (byKey.get(key) || 0) + 1);
		byId.set(row.id, { key, status: row.status });
	}
	return { rows, byKey, byId };
}

function queuedItem(data) {
	return data?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0]?.json;
}

async function waitAllFinished(psql, workflowId, expectedAtLeast, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = readExecutions(psql, { workflowIds: [workflowId], withData: false });
		const open = rows.filter((r) => !['success', 'error', 'crashed', 'canceled'].includes(r.status));
		if (rows.length >= expectedAtLeast && open.length === 0) return rows;
		if (Date.now() > deadline) throw new Error(`${workflowId}: ${open.length} of ${rows.length} executions still open after ${timeoutMs / 1000}s`);
		await sleep(500);
	}
}

/** Published workflows are activated by main (asynchronously on 2.x): wait for their webhook rows. */
async function waitWebhooksRegistered(psql, workflowIds, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	const list = workflowIds.map((id) => `'${id}'`).join(',');
	for (;;) {
		const n = Number(psql(`SELECT count(DISTINCT "workflowId") FROM webhook_entity WHERE "workflowId" IN (${list})`).trim());
		if (n === workflowIds.length) return;
		if (Date.now() > deadline) throw new Error(`only ${n}/${workflowIds.length} workflows have registered webhooks after ${timeoutMs / 1000}s`);
		await sleep(500);
	}
}

async function main() {
	log(`config ${JSON.stringify(CONFIG)}`);
	const n8n = resolveN8n(log);
	log(`n8n ${n8n.version}: ${n8n.n8nBin} on ${n8n.nodeBin}`);
	const simulator = loadSimulator();

	const svc = await startServices();
	const { postgres, redis, baseDir } = svc;

	// 2,000 sessions cloned from the demo data with fresh IDs and known outcomes
	const sessionsDir = path.join(baseDir, 'sessions');
	const templates = pickTemplates(demoSessions());
	const { ids, expected } = writeAuditSessions({ templates, count: CONFIG.sessions, dir: sessionsDir });
	log(`generated ${ids.length} sessions from ${templates.length} demo templates (${[...expected.values()].reduce((a, c) => a + c.length, 0)} checks)`);

	const sim = await simulator.startSimulator({ port: 0, latencyMs: CONFIG.latencyMs, sessionsDir });
	registerCleanup(async () => sim.close && (await sim.close()));
	const idvBaseUrl = sim.idvBaseUrl || `${sim.url}/idverify/v1`;
	log(`simulator ${sim.url} (latency ${CONFIG.latencyMs} ms)`);

	const userFolder = path.join(baseDir, 'n8n-user');
	fs.mkdirSync(userFolder, { recursive: true });
	await installPackage(userFolder, log);

	const authToken = crypto.randomBytes(18).toString('base64url');
	const baseEnv = queueEnv({
		userFolder,
		encryptionKey: crypto.randomBytes(24).toString('hex'),
		postgres,
		redis,
		extra: {
			// keep failed Bull jobs so the report can say why a killed job ended
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '1000',
			// n8n's own sweep that marks executions of dead workers as crashed (minutes; default 180)
			N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			// a dead worker's job lock expires after this (default 60 s)
			QUEUE_WORKER_LOCK_DURATION: '20000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '10000',
		},
	});
	const n8nCtx = { ...n8n, env: baseEnv };
	await importAndPublish(n8nCtx, {
		dir: baseDir,
		credentials: wf.credentials({ ...demoCredentials(simulator), idvBaseUrl, authToken }),
		workflows: [wf.auditWorkflow({ concurrency: CONFIG.yotiConcurrency }), wf.triggerWorkflow()],
	});
	log('credentials and workflows imported and published');

	const cluster = await startCluster({
		nodeBin: n8n.nodeBin,
		n8nBin: n8n.n8nBin,
		baseEnv,
		logDir: baseDir,
		workers: CONFIG.workers,
		workerConcurrency: CONFIG.workerConcurrency,
	});
	registerCleanup(() => cluster.stop());
	await waitWebhooksRegistered(postgres.psql, [wf.AUDIT_WORKFLOW_ID, wf.TRIGGER_WORKFLOW_ID]);
	log(`queue mode up: main ${cluster.main.url}, webhook ${cluster.webhook.url}, workers ${cluster.workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`);

	try {
		const notif = await notificationPhase({ sim, cluster, postgres, ids, expected, authToken });
		const audit = await auditPhase({ cluster, postgres, redis, ids, expected });
		const all = readExecutions(postgres.psql, { withData: false });
		const lost = audit.result.lost + notif.judged.lost;
		const dup = audit.result.duplicated + notif.judged.duplicated + notif.judged.fromRefused;
		log(`audit: ${audit.result.receivedItems}/${audit.result.expectedItems} check items from ${audit.run.successByBatch.size} batches in ${audit.run.seconds.toFixed(1)}s; per worker ${JSON.stringify(audit.run.perWorker)}`);
		log(`notifications at the webhook process: ${notif.judged.valid} valid -> ${notif.executions} executions, ${notif.judged.lost} lost, ${notif.judged.duplicated} repeats ran`);
		log(`known limit (not asserted, see test/scale/FINDINGS.md): repeats at a second process ran again ${notif.cross.duplicated}/${notif.cross.valid} times when sequential, ${notif.concurrent.duplicated}/${notif.concurrent.valid} when concurrent`);
		if (failures.length) {
			log(`${failures.length} assertion(s) failed:`);
			for (const f of failures) log(`  - ${f}`);
		}
		await shutdown(cluster, sim, svc);
		log(`done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
		console.log(`queue mode: ${all.length} executions, ${CONFIG.workers} workers, ${lost} lost, ${dup} duplicated`);
		process.exitCode = failures.length ? 1 : 0;
	} catch (err) {
		for (const p of cluster.all) {
			console.error(`--- last lines of ${p.name} (${p.logFile})`);
			console.error(p.log().split('\n').slice(-25).join('\n'));
		}
		throw err;
	}
}

async function notificationPhase({ sim, cluster, postgres, ids, expected, authToken }) {
	const endpoints = { primary: `${cluster.webhook.url}${wf.triggerPath()}`, secondary: `${cluster.main.url}${wf.triggerPath()}` };
	const fire = (d) => notify(sim.url, { notification: d.notification, endpoint: endpoints[d.target], authToken: d.kind === 'badAuth' ? `${authToken}-wrong` : authToken });

	// 1. asserted: the storm at the webhook process
	const plan = sequentialPlan({ sessionIds: ids, expected, total: CONFIG.notifications, repeatsAt: 'primary' });
	log(`notifications: ${plan.length} through the simulator at the webhook process, ${CONFIG.notifyInFlight} in flight`);
	const statuses = { valid: {}, duplicate: {}, badAuth: {} };
	const latencies = [];
	const started = Date.now();
	await runLimited(plan, CONFIG.notifyInFlight, async (d) => {
		const t = Date.now();
		const r = await fire(d);
		latencies.push(Date.now() - t);
		const s = r.webhookStatus ?? `admin ${r.adminStatus}`;
		statuses[d.kind][s] = (statuses[d.kind][s] || 0) + 1;
	});
	latencies.sort((a, b) => a - b);
	const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
	log(`fired ${plan.length} in ${((Date.now() - started) / 1000).toFixed(1)}s (delivery round trip median ${pct(0.5)} ms, p95 ${pct(0.95)} ms); webhook answers ${JSON.stringify(statuses)}`);
	check(Object.keys(statuses.valid).every((s) => s === '200'), 'every valid notification answered 200');
	check(Object.keys(statuses.duplicate).every((s) => s === '200'), 'every repeat answered 200');
	check(Object.keys(statuses.badAuth).every((s) => s === '401'), 'every bad-auth notification answered 401');

	const validCount = plan.filter((d) => d.kind === 'valid').length;
	await waitAllFinished(postgres.psql, wf.TRIGGER_WORKFLOW_ID, validCount, 180_000);
	const { rows, byKey } = triggerExecutions(postgres.psql);
	const judged = judge(plan, byKey);
	const statusCount = rows.reduce((acc, r) => ((acc[r.status] = (acc[r.status] || 0) + 1), acc), {});
	log(`trigger executions: ${rows.length} ${JSON.stringify(statusCount)}; ${JSON.stringify({ ...judged, examples: undefined })}`);
	for (const e of judged.examples) log(`  ${e}`);
	check(rows.length === validCount, `${validCount} valid notifications -> ${rows.length} executions`);
	check(judged.lost === 0, `no valid notification without an execution (${judged.lost})`);
	check(judged.duplicated === 0, `no repeat started a second execution (${judged.duplicated})`);
	check(judged.fromRefused === 0 && judged.unknown === 0, `no bad-auth or unknown notification ran (${judged.fromRefused}, ${judged.unknown})`);
	check(rows.every((r) => r.status === 'success'), 'every trigger execution succeeded');
	const ran = cluster.workers.map((w) => [...workerActivity(w).finished].filter((id) => rows.some((r) => r.id === id)).length);
	check(ran.every((n) => n > 0), `trigger executions ran on both workers (${ran.join(' / ')})`);

	// 2. measured: repeats at another process (main also serves production webhooks)
	const probe = async (label, deliveries, run) => {
		const before = new Set(triggerExecutions(postgres.psql).rows.map((r) => r.id));
		await run();
		const valid = deliveries.filter((d) => d.kind === 'valid').length;
		await waitAllFinished(postgres.psql, wf.TRIGGER_WORKFLOW_ID, before.size + valid, 180_000);
		const after = triggerExecutions(postgres.psql);
		const keys = new Map();
		for (const [id, { key }] of after.byId) if (!before.has(id)) keys.set(key, (keys.get(key) || 0) + 1);
		const j = judge(deliveries, keys);
		log(`${label}: ${valid} notifications, each also repeated at main -> ${[...keys.values()].reduce((a, b) => a + b, 0)} executions (${j.duplicated} repeats ran again)`);
		check(j.lost === 0, `${label}: every notification still ran at least once (${j.lost} lost)`);
		return j;
	};
	const crossPlan = crossProcessPlan({ sessionIds: ids, expected, offset: plan.length, count: CONFIG.probe });
	const cross = await probe('cross-process probe (repeat after the original was answered)', crossPlan, async () => {
		for (const d of crossPlan) await fire(d);
	});
	const pairs = concurrentPlan({ sessionIds: ids, expected, offset: plan.length + CONFIG.probe, count: CONFIG.probe });
	const concurrent = await probe('concurrent probe (original and repeat at the same moment)', pairs.flat(), async () => {
		await runLimited(pairs, 4, async (pair) => {
			await Promise.all(pair.map(fire));
		});
	});
	return { plan, judged, executions: rows.length, cross, concurrent };
}

async function auditPhase({ cluster, postgres, redis, ids, expected }) {
	const batches = [];
	for (let i = 0; i < ids.length; i += CONFIG.batchSize) batches.push(ids.slice(i, i + CONFIG.batchSize));
	log(`audit: ${ids.length} sessions as ${batches.length} executions of ${CONFIG.batchSize}; worker concurrency ${CONFIG.workerConcurrency}, Yoti node concurrency ${CONFIG.yotiConcurrency}`);
	const run = await runAudit({
		webhookUrl: cluster.webhook.url,
		auditPath: wf.auditPath(),
		batches,
		psql: postgres.psql,
		workflowId: wf.AUDIT_WORKFLOW_ID,
		victim: cluster.workers[0],
		workers: cluster.workers,
		redisCli: redis.cli,
		log,
	});
	const result = compareAudit(expected, run.items);
	log(`audit compared: ${JSON.stringify({ ...result, examples: undefined })}`);
	for (const e of result.examples) log(`  ${JSON.stringify(e)}`);
	check(result.lost === 0, `every audit item present (${result.lost} missing)`);
	check(result.duplicated === 0, `no audit item doubled (${result.duplicated})`);
	check(result.wrong === 0 && result.unknown === 0, `every audit item correct (${result.wrong} wrong, ${result.unknown} unknown)`);
	const doubleBatches = [...run.successByBatch.entries()].filter(([, execs]) => execs.length > 1);
	check(doubleBatches.length === 0, `every batch succeeded exactly once (${doubleBatches.length} twice)`);
	check(run.perWorker.every((w) => w.started > 0), `audit work spread over both workers (${run.perWorker.map((w) => `${w.name} started ${w.started}`).join(', ')})`);
	check(cluster.workers[0].exited, `${cluster.workers[0].name} was killed mid-audit (${run.killed.inFlight.length} executions in flight)`);
	if (run.rerun.length) {
		log(`n8n did not re-queue the killed worker's executions: ${run.rerun.map((r) => `#${r.execution} (${r.verdict}, after ${r.afterSeconds.toFixed(0)}s)`).join('; ')}. The test re-posted those ${run.rerun.length} batches.`);
	} else {
		log('the killed worker\'s executions finished elsewhere without the test re-posting anything');
	}
	return { run, result };
}

async function shutdown(cluster, sim, svc) {
	await cluster.stop();
	if (sim.close) await sim.close();
	await svc.stop();
}

main().catch(async (err) => {
	console.error(`[scale] ${err.stack || err}`);
	await runCleanups();
	console.log(`queue mode: 0 executions, ${CONFIG.workers} workers, run failed`);
	process.exit(1);
});
