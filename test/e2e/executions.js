'use strict';
// Executions an n8n instance saved, read straight from its sqlite database (works while
// `n8n start` runs: sqlite allows a reader next to the writer). Uses the sqlite3 and flatted
// modules of the n8n install itself, run by that install's Node (sqlite3 is built for its ABI),
// so no login, API key or extra workflow node is needed.
//
//   const { listExecutions } = require('./executions');
//   const runs = await listExecutions(n8n);  // [{ id, workflowId, status, mode, finished, data }]
//   nodeItems(runs[0], 'Approved?')          // `data` is n8n's IRunExecutionData

const path = require('node:path');
const { spawn } = require('node:child_process');

// Runs inside the n8n install's Node: argv[1] = database file; prints one JSON line.
const READER = `
const [dbFile] = process.argv.slice(1);
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (err) => { if (err) fail(err); });
db.configure('busyTimeout', 5000);
const sql = 'SELECT e.id, e.workflowId, e.status, e.mode, e.finished, d.data FROM execution_entity e ' +
	'LEFT JOIN execution_data d ON d.executionId = e.id ORDER BY e.id';
db.all(sql, (err, rows) => {
	if (err) fail(err);
	const out = rows.map((r) => ({ id: String(r.id), workflowId: r.workflowId, status: r.status, mode: r.mode,
		finished: !!r.finished, data: r.data ? parse(r.data) : null }));
	process.stdout.write(JSON.stringify(out) + '\\n');
	db.close();
});
function fail(err) { process.stderr.write(String(err && err.message || err)); process.exit(2); }
`;

/** Every saved execution of the instance (createN8n result), oldest first. */
function listExecutions(n8n) {
	const dbFile = path.join(n8n.userFolder, '.n8n', 'database.sqlite');
	return new Promise((resolve, reject) => {
		const child = spawn(n8n.info.nodeBin, ['-e', READER, dbFile], {
			cwd: n8n.info.n8nDir,
			env: { ...process.env, NODE_PATH: path.join(n8n.info.n8nDir, 'node_modules') },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`reading executions from ${dbFile} failed (${code}): ${stderr.slice(-2000)}`));
			try {
				resolve(JSON.parse(stdout));
			} catch (err) {
				reject(new Error(`execution reader printed no JSON: ${stdout.slice(0, 500)} ${stderr.slice(-500)}`));
			}
		});
	});
}

/** Polls until `predicate(executions)` holds (finished runs only), or throws after timeoutMs. */
async function waitForExecutions(n8n, predicate, { timeoutMs = 30_000, intervalMs = 300 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = [];
	for (;;) {
		last = (await listExecutions(n8n)).filter((e) => isDone(e) && isSaved(e));
		if (predicate(last)) return last;
		if (Date.now() > deadline) {
			throw new Error(`executions did not reach the expected state in ${timeoutMs} ms; saw ${JSON.stringify(last.map((e) => ({ id: e.id, workflowId: e.workflowId, status: e.status })))}`);
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

function isDone(e) {
	return e.finished || (e.status && !['new', 'running', 'waiting'].includes(e.status));
}

/**
 * n8n writes an execution's status and its run data in separate statements, so a reader can
 * see `success` while the data is still the placeholder saved at start: wait for the run data
 * (or the run's error) too.
 */
function isSaved(e) {
	const result = e.data?.resultData;
	return Boolean(result && (Object.keys(result.runData || {}).length > 0 || result.error));
}

/** Names of the nodes that ran in a saved execution. */
function nodesThatRan(execution) {
	return Object.keys(execution?.data?.resultData?.runData || {});
}

module.exports = { listExecutions, waitForExecutions, nodesThatRan };
