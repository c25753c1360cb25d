'use strict';
// npm run test:scale — the package under n8n's queue mode.
// PostgreSQL + Redis (Debian packages, throwaway, loopback) -> pinned n8n: main, 2 webhook
// processes, 2 workers -> nightly audit over 2,000 sessions against the simulator (one worker
// SIGKILLed mid-audit) + 500 notifications through the simulator at the Yoti Trigger, then
// repeats of delivered notifications at the second webhook process, guarded by a PostgreSQL
// claim on dedupe_key (asserted) and by Remove Duplicates (measured).
// Last line: `queue mode: <n> executions, <w> workers, <lost> lost, <dup> duplicated,
// cross-process repeats: <r> sent, <a> acted on`.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const { startServices, runCleanups, registerCleanup } = require('./services');
const { queueEnv, startCluster } = require('./cluster');
const { resolveN8n, installPackage, importAndPublish, REPO } = require('./n8n-setup');
const { readExecutions, nodeOutputItems } = require('./executions');
const { pickTemplates, writeAuditSessions, compareAudit } = require('./fixtures');
const wf = require('./workflows');
const { keyOf, sequentialPlan, crossProcessPlan, concurrentPlan, repeatPlan, runLimited, judge, judgeEffects } = require('./notifications');
const { startSink } = require('./sink');
const { runAudit, workerActivity } = require('./audit');

const CONFIG = {
	sessions: Number(process.env.SCALE_SESSIONS || 2000),
	batchSize: Number(process.env.SCALE_BATCH || 100),
	notifications: Number(process.env.SCALE_NOTIFICATIONS || 500),
	probe: Number(process.env.SCALE_PROBE || 40),
	notifyInFlight: 4,
	latencyMs: Number(process.env.SCALE_LATENCY_MS || 40),
	webhooks: 2,
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

/** key -> number of executions of a notification workflow whose trigger output is that notification. */
function triggerExecutions(psql, workflowId = wf.TRIGGER_WORKFLOW_ID) {
	const rows = readExecutions(psql, { workflowIds: [workflowId] });
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

/** Median and p95 of a node's run time (ms, as n8n records it) over a workflow's executions. */
function nodeTimes(psql, workflowId, nodeName) {
	const times = [];
	for (const row of readExecutions(psql, { workflowIds: [workflowId] })) {
		for (const run of row.data?.resultData?.runData?.[nodeName] ?? []) if (typeof run.executionTime === 'number') times.push(run.executionTime);
	}
	times.sort((a, b) => a - b);
	const at = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(times.length * p))] : null);
	return { runs: times.length, median: at(0.5), p95: at(0.95) };
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

	// the claim table + function a team creates once in its PostgreSQL (docs/scale.md)
	postgres.psql(`SET ROLE ${postgres.user};\n${wf.CLAIM_SETUP_SQL}`);
	const sink = await startSink();
	registerCleanup(() => sink.close());
	log(`side-effect sink ${sink.url}; claim table yoti_notification_claims created`);

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
		credentials: wf.credentials({ ...demoCredentials(simulator), idvBaseUrl, authToken, postgres }),
		workflows: [
			wf.auditWorkflow({ concurrency: CONFIG.yotiConcurrency }),
			wf.triggerWorkflow({ sinkUrl: sink.url }),
			wf.removeDuplicatesWorkflow({ sinkUrl: sink.url }),
		],
	});
	log('credentials and workflows imported and published');

	const cluster = await startCluster({
		nodeBin: n8n.nodeBin,
		n8nBin: n8n.n8nBin,
		baseEnv,
		logDir: baseDir,
		webhooks: CONFIG.webhooks,
		workers: CONFIG.workers,
		workerConcurrency: CONFIG.workerConcurrency,
	});
	registerCleanup(() => cluster.stop());
	await waitWebhooksRegistered(postgres.psql, [wf.AUDIT_WORKFLOW_ID, wf.TRIGGER_WORKFLOW_ID, wf.REMOVE_DUPLICATES_WORKFLOW_ID]);
	log(`queue mode up: main ${cluster.main.url}, webhook processes ${cluster.webhooks.map((w) => w.url).join(', ')}, workers ${cluster.workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`);

	try {
		const notif = await notificationPhase({ sim, sink, cluster, postgres, ids, expected, authToken });
		const audit = await auditPhase({ cluster, postgres, redis, ids, expected });
		const all = readExecutions(postgres.psql, { withData: false });
		const lost = audit.result.lost + notif.judged.lost + notif.effects.lost;
		const dup = audit.result.duplicated + notif.judged.duplicated + notif.judged.fromRefused + notif.effects.duplicated + notif.effects.unknown;
		log(`audit: ${audit.result.receivedItems}/${audit.result.expectedItems} check items from ${audit.run.successByBatch.size} batches in ${audit.run.seconds.toFixed(1)}s; per worker ${JSON.stringify(audit.run.perWorker)}`);
		log(`notifications at the first webhook process: ${notif.judged.valid} valid -> ${notif.executions} executions, ${notif.judged.lost} lost, ${notif.judged.duplicated} repeats ran`);
		log(`cross-process repeats at the second webhook process (claim in PostgreSQL): ${notif.repeatsSent} sent, ${notif.repeatRuns} started an execution past the trigger, ${notif.effects.actedOn} acted on`);
		log(`measured, not asserted (test/scale/FINDINGS.md): with Remove Duplicates instead, ${notif.removeDuplicates.sent} repeats -> ${notif.removeDuplicates.actedOn} acted on (simultaneous ${notif.removeDuplicates.simultaneousActedOn}, spaced ${notif.removeDuplicates.spacedActedOn}); ${notif.removeDuplicates.lost} notifications without any effect; executions ${JSON.stringify(notif.removeDuplicates.statuses)}`);
		if (failures.length) {
			log(`${failures.length} assertion(s) failed:`);
			for (const f of failures) log(`  - ${f}`);
		}
		await shutdown(cluster, sim, svc);
		log(`done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
		console.log(`queue mode: ${all.length} executions, ${CONFIG.workers} workers, ${lost} lost, ${dup} duplicated, cross-process repeats: ${notif.repeatsSent} sent, ${notif.effects.actedOn} acted on`);
		process.exitCode = failures.length ? 1 : 0;
	} catch (err) {
		for (const p of cluster.all) {
			console.error(`--- last lines of ${p.name} (${p.logFile})`);
			console.error(p.log().split('\n').slice(-25).join('\n'));
		}
		throw err;
	}
}

async function notificationPhase({ sim, sink, cluster, postgres, ids, expected, authToken }) {
	const [first, second] = cluster.webhooks;
	const endpoints = {
		claim: { primary: `${first.url}${wf.triggerPath()}`, secondary: `${second.url}${wf.triggerPath()}` },
		removeDuplicates: { primary: `${first.url}${wf.removeDuplicatesPath()}`, secondary: `${second.url}${wf.removeDuplicatesPath()}` },
	};
	const fireAt = (flow) => (d) =>
		notify(sim.url, { notification: d.notification, endpoint: endpoints[flow][d.target], authToken: d.kind === 'badAuth' ? `${authToken}-wrong` : authToken });
	const fire = fireAt('claim');
	const keysOf = (deliveries) => new Set(deliveries.map((d) => keyOf(d.notification)));
	/** Waits until every execution of the workflow ended, then once more: a trigger answers before n8n creates its execution. */
	const settle = async (workflowId, atLeast) => {
		await waitAllFinished(postgres.psql, workflowId, atLeast, 600_000);
		await sleep(3000);
		return waitAllFinished(postgres.psql, workflowId, atLeast, 600_000);
	};

	// 1. asserted: the storm at the first webhook process
	const plan = sequentialPlan({ sessionIds: ids, expected, total: CONFIG.notifications, repeatsAt: 'primary' });
	log(`notifications: ${plan.length} through the simulator at the first webhook process, ${CONFIG.notifyInFlight} in flight`);
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
	await settle(wf.TRIGGER_WORKFLOW_ID, validCount);
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
	const stormKeys = keysOf(plan.filter((d) => d.kind === 'valid'));
	const stormEffects = judgeEffects({ validKeys: stormKeys, repeatedKeys: new Set(), effectsByKey: sink.effectsByKey('claim') });
	check(stormEffects.lost === 0 && stormEffects.duplicated === 0 && stormEffects.unknown === 0, `storm: one side effect per valid notification (${JSON.stringify({ ...stormEffects, examples: undefined })})`);

	// 2. asserted: repeats of delivered notifications at the second webhook process, guarded by the claim
	let offset = plan.length;
	const spaced = crossProcessPlan({ sessionIds: ids, expected, offset, count: CONFIG.probe });
	offset += CONFIG.probe;
	const spacedPairs = [];
	for (let i = 0; i < spaced.length; i += 2) spacedPairs.push([spaced[i], spaced[i + 1]]);
	const simultaneous = concurrentPlan({ sessionIds: ids, expected, offset, count: CONFIG.probe });
	offset += CONFIG.probe;
	const stormOriginals = [];
	for (const d of plan) if (d.kind === 'valid' && stormOriginals.length < CONFIG.probe) stormOriginals.push(d.notification);
	const late = repeatPlan(stormOriginals, 'secondary');
	const crossStarted = Date.now();
	// spaced: the repeat goes to the second process once the first answered the original
	await runLimited(spacedPairs, CONFIG.notifyInFlight, async ([original, repeat]) => {
		await fire(original);
		await fire(repeat);
	});
	// simultaneous: original at the first process, repeat at the second, at the same moment
	await runLimited(simultaneous, CONFIG.notifyInFlight, async (pair) => {
		await Promise.all(pair.map(fire));
	});
	// late: notifications the storm delivered minutes ago, again at the second process
	await runLimited(late, CONFIG.notifyInFlight, fire);
	const crossValid = [...spaced, ...simultaneous.flat()].filter((d) => d.kind === 'valid');
	await settle(wf.TRIGGER_WORKFLOW_ID, validCount + crossValid.length);
	const repeatsSent = spacedPairs.length + simultaneous.length + late.length;
	const validKeys = new Set([...stormKeys, ...keysOf(crossValid)]);
	const repeatedKeys = new Set([...keysOf(spaced), ...keysOf(simultaneous.flat()), ...keysOf(late)]);
	const effects = judgeEffects({ validKeys, repeatedKeys, effectsByKey: sink.effectsByKey('claim') });
	const after = triggerExecutions(postgres.psql);
	const pastTrigger = (keys) => [...keys].reduce((n, key) => n + Math.max(0, (after.byKey.get(key) || 0) - 1), 0);
	const repeatRuns = pastTrigger(repeatedKeys);
	const runsByKind = `spaced ${pastTrigger(keysOf(spaced))}, simultaneous ${pastTrigger(keysOf(simultaneous.flat()))}, late ${pastTrigger(keysOf(late))}`;
	log(`cross-process: ${repeatsSent} repeats at the second webhook process in ${((Date.now() - crossStarted) / 1000).toFixed(1)}s (${spacedPairs.length} spaced, ${simultaneous.length} simultaneous, ${late.length} late); ${repeatRuns} got past the trigger into an execution (${runsByKind}); side effects ${JSON.stringify({ ...effects, examples: undefined })}`);
	for (const e of effects.examples) log(`  ${e}`);
	check(repeatsSent >= 40, `at least 40 cross-process repeats sent (${repeatsSent})`);
	check(effects.lost === 0, `every notification acted on at least once (${effects.lost} without a side effect)`);
	check(effects.actedOn === 0, `no cross-process repeat acted on (${effects.actedOn})`);
	check(effects.duplicated === 0 && effects.unknown === 0, `no other doubled or unknown side effect (${effects.duplicated}, ${effects.unknown})`);
	const claimRows = Number(postgres.psql('SELECT count(*) FROM yoti_notification_claims').trim());
	check(claimRows === validKeys.size, `one claim row per notification (${claimRows} for ${validKeys.size})`);
	log(`claim node run time: ${JSON.stringify(nodeTimes(postgres.psql, wf.TRIGGER_WORKFLOW_ID, 'Claim notification once'))} ms`);

	// 3. measured, not asserted: the same repeats with Remove Duplicates as the guard
	const removeDuplicates = await removeDuplicatesProbe({ sink, postgres, ids, expected, offset, fire: fireAt('removeDuplicates'), settle });
	return { plan, judged, executions: rows.length, effects, repeatsSent, repeatRuns, removeDuplicates };
}

/**
 * Remove Duplicates (previous executions, dedupe_key, scope workflow) in the place of the claim,
 * on its own workflow: (1) notifications delivered to both webhook processes at once; (2) once
 * those executions ended, each again at the second process; (3) a burst of new notifications
 * at the first process, 8 in flight (different keys at once: lost history updates), then, once
 * ended, each again at the second process.
 */
async function removeDuplicatesProbe({ sink, postgres, ids, expected, offset, fire, settle }) {
	const flow = 'removeDuplicates';
	const runs = () => readExecutions(postgres.psql, { workflowIds: [wf.REMOVE_DUPLICATES_WORKFLOW_ID], withData: false }).length;
	const extra = (keys) => {
		const effectsByKey = sink.effectsByKey(flow);
		return [...keys].reduce((n, k) => n + Math.max(0, (effectsByKey.get(k) || 0) - 1), 0);
	};
	// twice the pairs: the window it races in is a few milliseconds, so a repeat gets through only now and then
	const pairs = concurrentPlan({ sessionIds: ids, expected, offset, count: 2 * CONFIG.probe });
	const pairKeys = new Set(pairs.map(([d]) => keyOf(d.notification)));
	await runLimited(pairs, CONFIG.notifyInFlight, async (pair) => {
		await Promise.all(pair.map(fire));
	});
	await settle(wf.REMOVE_DUPLICATES_WORKFLOW_ID, pairs.length);
	const simultaneousActedOn = extra(pairKeys);
	const afterPairs = repeatPlan(pairs.map(([d]) => d.notification), 'secondary');
	await runLimited(afterPairs, CONFIG.notifyInFlight, fire);
	await settle(wf.REMOVE_DUPLICATES_WORKFLOW_ID, runs());
	const afterPairsActedOn = extra(pairKeys) - simultaneousActedOn;

	const burst = concurrentPlan({ sessionIds: ids, expected, offset: offset + pairs.length, count: CONFIG.probe }).map(([d]) => d);
	const burstKeys = keysOfDeliveries(burst);
	await runLimited(burst, 2 * CONFIG.notifyInFlight, fire);
	await settle(wf.REMOVE_DUPLICATES_WORKFLOW_ID, pairs.length + burst.length);
	const storedAfterBurst = storedHistory(postgres);
	const burstRepeats = repeatPlan(burst.map((d) => d.notification), 'secondary');
	const runsBefore = runs();
	await runLimited(burstRepeats, CONFIG.notifyInFlight, fire);
	await settle(wf.REMOVE_DUPLICATES_WORKFLOW_ID, runsBefore);
	const burstActedOn = extra(burstKeys);
	const burstPastTrigger = runs() - runsBefore;

	const effectsByKey = sink.effectsByKey(flow);
	const keys = new Set([...pairKeys, ...burstKeys]);
	const lost = [...keys].filter((k) => !effectsByKey.get(k)).length;
	const rows = readExecutions(postgres.psql, { workflowIds: [wf.REMOVE_DUPLICATES_WORKFLOW_ID], withData: false });
	const statuses = rows.reduce((acc, r) => ((acc[r.status] = (acc[r.status] || 0) + 1), acc), {});
	const sent = pairs.length + afterPairs.length + burstRepeats.length;
	const actedOn = simultaneousActedOn + afterPairsActedOn + burstActedOn;
	log(`Remove Duplicates node run time: ${JSON.stringify(nodeTimes(postgres.psql, wf.REMOVE_DUPLICATES_WORKFLOW_ID, 'Remove Duplicates'))} ms`);
	log(
		`Remove Duplicates probe: ${sent} repeats -> ${actedOn} acted on: ${pairs.length} simultaneous at both processes -> ${simultaneousActedOn}; ` +
			`the same again at the second -> ${afterPairsActedOn}; ${burst.length} new at once at the first (history then held ${storedAfterBurst} keys of ${keys.size}), ` +
			`then again at the second -> ${burstPastTrigger} past the trigger, ${burstActedOn} acted on; ${lost} notifications without any effect; executions ${JSON.stringify(statuses)}`,
	);
	return { sent, actedOn, simultaneousActedOn, spacedActedOn: afterPairsActedOn + burstActedOn, lost, statuses, storedAfterBurst };
}

function keysOfDeliveries(deliveries) {
	return new Set(deliveries.map((d) => keyOf(d.notification)));
}

/** How many keys Remove Duplicates' history row holds for its workflow (n8n's processed_data). */
function storedHistory(postgres) {
	try {
		return postgres.psql(`SELECT json_array_length(value::json->'data') FROM processed_data WHERE "workflowId" = '${wf.REMOVE_DUPLICATES_WORKFLOW_ID}'`).trim() || 'none';
	} catch (err) {
		return `unreadable (${err.message.split('\n')[0]})`;
	}
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
		// the machine is shared: generous, but the run still ends by itself
		timeoutMs: 900_000,
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

// The machine may be shared and slow, but the run must end by itself.
const WATCHDOG_MS = Number(process.env.SCALE_TIMEOUT_MS || 75 * 60_000);
setTimeout(() => {
	console.error(`[scale] still running after ${WATCHDOG_MS / 60_000} min: stopping everything`);
	runCleanups().finally(() => {
		console.log(`queue mode: 0 executions, ${CONFIG.workers} workers, run failed`);
		process.exit(1);
	});
}, WATCHDOG_MS).unref();

main().catch(async (err) => {
	console.error(`[scale] ${err.stack || err}`);
	await runCleanups();
	console.log(`queue mode: 0 executions, ${CONFIG.workers} workers, run failed`);
	process.exit(1);
});
