'use strict';
// The audit run: batches of session IDs posted to the audit webhook (one queued execution
// each), one worker SIGKILLed while it holds audit jobs, and whatever did not finish re-run.

const { readExecutions, nodeOutputItems } = require('./executions');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/** Execution ids a worker started / finished, from its log lines. */
function workerActivity(proc) {
	const started = new Set();
	const finished = new Set();
	for (const m of proc.log().matchAll(/Worker (started|finished) execution (\d+) \(job (\d+)\)/g)) {
		(m[1] === 'started' ? started : finished).add(m[2]);
	}
	return { started, finished };
}

async function postJson(url, body) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	if (res.status !== 200) throw new Error(`POST ${url} -> ${res.status}: ${text.slice(0, 300)}`);
	return text;
}

/**
 * Tracks the audit workflow's executions: statuses are polled cheaply, the batch an execution
 * carries is read from its data once (the queued start data already holds the webhook body).
 */
function batchTracker(psql, workflowId) {
	const batchOf = new Map();
	return function poll() {
		const rows = readExecutions(psql, { workflowIds: [workflowId], withData: false });
		const unknown = rows.filter((r) => !batchOf.has(r.id)).map((r) => r.id);
		if (unknown.length) {
			for (const row of readExecutions(psql, { ids: unknown })) {
				const fromRun = row.data ? nodeOutputItems(row.data, 'Audit batch')[0]?.body?.batch : undefined;
				const queued = row.data?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0]?.json?.body?.batch;
				const batch = fromRun ?? queued;
				if (batch !== undefined) batchOf.set(row.id, batch);
			}
		}
		const byBatch = new Map();
		for (const row of rows) if (batchOf.has(row.id)) push(byBatch, batchOf.get(row.id), row);
		return { rows, byBatch };
	};
}

function push(map, key, value) {
	if (!map.has(key)) map.set(key, []);
	map.get(key).push(value);
}

/**
 * Runs the audit. `batches` is an array of ID arrays. Kills `victim` (a worker handle) once it
 * has audit executions in flight. Returns the report pieces.
 */
async function runAudit({ webhookUrl, auditPath, batches, psql, workflowId, victim, workers, redisCli, log, timeoutMs = 420_000 }) {
	const t0 = Date.now();
	for (let b = 0; b < batches.length; b++) {
		await postJson(`${webhookUrl}${auditPath}`, { batch: b, session_ids: batches[b] });
	}
	log(`posted ${batches.length} audit batches to the webhook process`);

	// kill the victim while it is running audit executions and others still wait
	const poll = batchTracker(psql, workflowId);
	let killed = null;
	while (!killed && Date.now() - t0 < 300_000) {
		const { rows } = poll();
		const auditIds = new Set(rows.map((r) => r.id));
		const { started, finished } = workerActivity(victim);
		const inFlight = [...started].filter((id) => auditIds.has(id) && !finished.has(id));
		const finishedByVictim = [...finished].filter((id) => auditIds.has(id)).length;
		const done = rows.filter((r) => r.status === 'success').length;
		// late enough that the victim has finished audit work, early enough that some still waits
		if (done >= Math.ceil(batches.length * 0.3) && finishedByVictim > 0 && inFlight.length > 0 && done < batches.length - inFlight.length) {
			victim.kill('SIGKILL');
			killed = { inFlight, at: Date.now() - t0, doneBefore: done };
			log(`SIGKILLed ${victim.name} (pid ${victim.pid}) holding executions ${inFlight.join(', ')}; ${done}/${batches.length} batches done`);
			break;
		}
		await sleep(50);
	}
	if (!killed) throw new Error(`${victim.name} never had an audit execution in flight to kill`);

	// Wait until every batch has a successful execution. Only the victim's executions may end
	// otherwise: once n8n gives one up (marks it crashed, or its Bull job failed as stalled) the
	// test posts that batch again. Any other failed execution fails the run.
	const rerun = new Map();
	for (;;) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`audit did not settle in ${timeoutMs / 1000}s`);
		const { byBatch } = poll();
		let settled = 0;
		for (let b = 0; b < batches.length; b++) {
			const runs = byBatch.get(b) || [];
			if (runs.some((r) => r.status === 'success')) {
				settled++;
				continue;
			}
			for (const run of runs) {
				const victims = killed.inFlight.includes(run.id);
				if (!victims && TERMINAL.has(run.status)) {
					throw new Error(`audit batch ${b}: execution ${run.id} ended as ${run.status} without being killed`);
				}
				if (!victims || rerun.has(b)) continue;
				let verdict = null;
				if (TERMINAL.has(run.status)) verdict = `n8n marked it ${run.status}`;
				else {
					const job = bullJobFor(redisCli, run.id);
					if (job && job.state === 'failed') verdict = `status still "${run.status}", Bull job ${job.id} failed: ${job.failedReason}`;
				}
				if (!verdict) continue;
				rerun.set(b, { batch: b, execution: run.id, verdict, afterSeconds: (Date.now() - t0) / 1000 });
				log(`batch ${b}: killed execution ${run.id} was not re-queued by n8n (${verdict}); the test posts the batch again`);
				await postJson(`${webhookUrl}${auditPath}`, { batch: b, session_ids: batches[b] });
			}
		}
		if (settled === batches.length) break;
		await sleep(500);
	}

	const { rows, byBatch } = poll();
	const successIds = rows.filter((r) => r.status === 'success').map((r) => r.id);
	const items = [];
	const successByBatch = new Map();
	for (const row of readExecutions(psql, { ids: successIds })) {
		const trigger = nodeOutputItems(row.data, 'Audit batch')[0];
		push(successByBatch, trigger?.body?.batch, row.id);
		items.push(...nodeOutputItems(row.data, 'Get session checks'));
	}
	const perWorker = workers.map((w) => {
		const { started, finished } = workerActivity(w);
		const audit = new Set(rows.map((r) => r.id));
		return { name: w.name, started: [...started].filter((id) => audit.has(id)).length, finished: [...finished].filter((id) => audit.has(id)).length };
	});
	return {
		items,
		executions: rows,
		successByBatch,
		killed,
		rerun: [...rerun.values()],
		perWorker,
		seconds: (Date.now() - t0) / 1000,
		byBatch,
	};
}

/** Finds the Bull job (queue `jobs`, prefix `bull`) that carries an execution id. */
function bullJobFor(redisCli, executionId) {
	try {
		for (const state of ['failed', 'active']) {
			const ids =
				state === 'failed'
					? redisCli('zrange', `bull:jobs:${state}`, '0', '-1')
					: redisCli('lrange', `bull:jobs:${state}`, '0', '-1');
			for (const id of ids.split('\n').map((s) => s.trim()).filter(Boolean)) {
				const data = redisCli('hget', `bull:jobs:${id}`, 'data');
				if (data.includes(`"executionId":"${executionId}"`)) {
					const failedReason = state === 'failed' ? redisCli('hget', `bull:jobs:${id}`, 'failedReason').trim() : '';
					return { id, state, failedReason };
				}
			}
		}
	} catch {}
	return null;
}

module.exports = { runAudit, workerActivity, bullJobFor };
