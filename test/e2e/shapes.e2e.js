'use strict';
// Issue 23 in a real n8n: the shapes Yoti sends that nobody on this project wrote (a profile
// DONE but not met, both profiles, share codes, previews, import tokens, id-less generated
// items) and a forged notification on a trigger without authentication.
//
// Used by yoti.e2e.js: `prepareShapes(n8n)` and `shapesExecuteChecks` before `n8n start`,
// `shapesServerChecks` after it. Expected values are written from the demo session files
// (test/simulator/data/5e551000-…-0000000d000{7,8,9}.json), not from the node's output.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const e2e = require('./n8n');
const { waitForExecutions, listExecutions } = require('./executions');
const fx = require('./yoti-fixtures');
const { startSimulator, DEMO } = require('../simulator');

const SHAPES_WORKFLOW = 'YotiE2eShapes001';
const LIMITS_WORKFLOW = 'YotiE2eLimits001';
/** A simulator answering every request after 150 ms, so that concurrency shows in its in-flight count. */
const SLOW_CRED = { id: 'YotiE2eSlowSim01', name: 'Yoti IDV API (slow simulator)' };
const LIMITS = {
	clampItems: 60,
	/** COMPLETED, deletable: its DELETE's answer is lost and the retry gets 404. */
	deleteLost: '5e551000-0000-4000-8000-000000000007',
	mediaSession: '5e551000-0000-4000-8000-000000000001',
	mediaId: '3ed1a000-0000-4000-8000-000000000101',
};
const FORGERY_WORKFLOW = 'YotiE2eNoAuth001';
const FORGERY_WEBHOOK_ID = '0b0a1d00-0000-4000-8000-0000000000f7';
const FORGERY_CRED = { id: 'YotiE2eForgeryS1', name: 'Yoti IDV API (forgery simulator)' };
const D = {
	profileNotMet: '5e551000-0000-4000-8000-0000000d0007',
	bothProfiles: '5e551000-0000-4000-8000-0000000d0008',
	shareCode: '5e551000-0000-4000-8000-0000000d0009',
	/** ONGOING, both checks DONE + APPROVE: COMPLETED once the user finishes. */
	finishing: '5e551000-0000-4000-8000-0000000d0006',
};
const DATA_DIR = path.join(__dirname, '..', 'simulator', 'data');

function shapesWorkflow() {
	const node = (name, sessionId, output) => fx.yotiNode(name, { resource: 'session', operation: 'get', sessionId, output, options: {} });
	const nodes = [
		{ id: 'e2e00000-0000-4000-8000-c00000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		node('Summary: profile not met', D.profileNotMet, 'summary'),
		node('Summary: both profiles', D.bothProfiles, 'summary'),
		node('Media: share code', D.shareCode, 'media'),
		node('Tasks: share code', D.shareCode, 'tasks'),
	];
	const targets = nodes.slice(1).map((n) => ({ node: n.name, type: 'main', index: 0 }));
	return { id: SHAPES_WORKFLOW, name: 'e2e: Yoti shapes (2026-12-04)', active: false, settings: { executionOrder: 'v1' }, nodes, connections: { Start: { main: [targets] } } };
}

/**
 * Issue 23 points 5 and 6 against the slow simulator: Concurrency 500 (only the UI caps it),
 * a DELETE whose answer is lost, a download over Max Download Size. Continue On Fail, so each
 * node's item (or error item) can be read from one run.
 */
function limitsWorkflow() {
	const slow = { cred: SLOW_CRED, extra: { continueOnFail: true, onError: 'continueRegularOutput' } };
	const nodes = [
		{ id: 'e2e00000-0000-4000-8000-c00000000011', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'e2e00000-0000-4000-8000-c00000000012',
			name: 'Many sessions',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return Array.from({ length: ${LIMITS.clampItems} }, () => ({ json: { session_id: ${JSON.stringify(LIMITS.mediaSession)} } }));` },
		},
		fx.yotiNode('Concurrency 500', { resource: 'session', operation: 'get', sessionId: '={{ $json.session_id }}', output: 'summary', options: { concurrency: 500 } }, slow),
		fx.yotiNode('Delete, answer lost', { resource: 'session', operation: 'delete', sessionId: LIMITS.deleteLost, options: {} }, slow),
		fx.yotiNode('Download over the cap', { resource: 'session', operation: 'getMedia', sessionId: LIMITS.mediaSession, mediaId: LIMITS.mediaId, binaryPropertyName: 'data', options: { maxDownloadMb: 1 } }, slow),
	];
	const connections = {
		Start: { main: [[{ node: 'Many sessions', type: 'main', index: 0 }, { node: 'Delete, answer lost', type: 'main', index: 0 }, { node: 'Download over the cap', type: 'main', index: 0 }]] },
		'Many sessions': { main: [[{ node: 'Concurrency 500', type: 'main', index: 0 }]] },
	};
	return { id: LIMITS_WORKFLOW, name: 'e2e: Yoti limits and lost answers', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** A Yoti Trigger with Authentication "None" and Fetch Session on (summary), reading the forgery simulator. */
function forgeryWorkflow() {
	return {
		id: FORGERY_WORKFLOW,
		name: 'e2e: trigger without authentication',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'e2e00000-0000-4000-8000-c00000000002',
				name: 'Yoti Trigger (no auth)',
				type: 'n8n-nodes-yoti.yotiTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: FORGERY_WEBHOOK_ID,
				parameters: { authentication: 'none', topics: [], fetchSession: true, output: 'summary', options: {} },
				credentials: { yotiApi: { id: FORGERY_CRED.id, name: FORGERY_CRED.name } },
			},
		],
		connections: {},
	};
}

/**
 * A second simulator whose sessions folder this suite owns: the session a forger names is
 * rewritten from ONGOING to COMPLETED mid-test, as when the person finishes (the store reads
 * files on every request).
 */
async function startForgerySimulator() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-forgery-'));
	const file = path.join(dir, `${D.finishing}.json`);
	fs.copyFileSync(path.join(DATA_DIR, `${D.finishing}.json`), file);
	const sim = await startSimulator({ port: 0, sessionsDir: dir, log: () => {} });
	return {
		sim,
		finish() {
			const session = JSON.parse(fs.readFileSync(file, 'utf8'));
			assert.equal(session.state, 'ONGOING');
			session.state = 'COMPLETED';
			fs.writeFileSync(file, JSON.stringify(session));
		},
		async close() {
			await sim.close();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function prepareShapes(n8n) {
	const forgery = await startForgerySimulator();
	const slow = await startSimulator({ port: 0, latencyMs: 150, log: () => {} });
	const idv = (cred, sim) => ({ ...cred, type: 'yotiApi', data: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl } });
	await n8n.importCredentials([idv(FORGERY_CRED, forgery.sim), idv(SLOW_CRED, slow)]);
	await n8n.importWorkflow([shapesWorkflow(), limitsWorkflow(), forgeryWorkflow()]);
	await n8n.activateWorkflow(FORGERY_WORKFLOW);
	return { forgery, slow };
}

const jsons = (exec, node) => {
	const items = e2e.nodeItems(exec, node);
	assert.ok(items, `node "${node}" did not run`);
	return items.map((i) => i.json);
};

/** Runs with `n8n execute`, so before `n8n start` (the two cannot share the task broker's port). */
async function shapesExecuteChecks({ n8n, check, tag, prepared }) {
	await check(`${tag} shapes: a profile DONE with a failure reason and an unmet scheme -> NOT_AVAILABLE; both profiles -> the advanced one decides; share codes, previews and import token by role`, async () => {
		const run = await n8n.executeWorkflow(SHAPES_WORKFLOW);
		assert.ok(run.ok, `run failed: ${JSON.stringify(run.error)} (log ${run.logFile})`);
		const [notMet] = jsons(run, 'Summary: profile not met');
		assert.equal(notMet.decision, 'NOT_AVAILABLE');
		assert.equal(notMet.checks_approved, 2);
		assert.equal(notMet.identity_profile_failure_reason, 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED');
		assert.deepEqual(notMet.identity_profile_requirements_not_met, ['ID_DOCUMENT_AUTHENTICITY']);
		assert.deepEqual(notMet.identity_profile_schemes_not_met, ['RTW']);
		assert.equal(notMet.identity_profile_source, 'identity_profile');
		const [both] = jsons(run, 'Summary: both profiles');
		assert.equal(both.decision, 'NOT_AVAILABLE');
		assert.deepEqual(both.identity_profile_schemes_not_met, ['DBS:ENHANCED']);
		assert.equal(both.identity_profile_source, 'advanced_identity_profile');
		const media = jsons(run, 'Media: share code').map((j) => `${j.media_role}:${j.media_id.slice(-2)}`);
		assert.deepEqual(media, [
			'share_code_lookup_profile:01', 'share_code_returned_profile:02', 'share_code_id_photo:03', 'share_code_file:04',
			'task_generated:05', 'applicant_profile:06', 'check_generated:07', 'identity_profile_report:08',
			'identity_profile_preview:09', 'import_token:10',
		]);
		const tasks = jsons(run, 'Tasks: share code');
		assert.equal(tasks.length, 1);
		assert.equal(tasks[0].resource_type, 'SHARE_CODE');
		assert.equal(tasks[0].task_type, 'VERIFY_SHARE_CODE_TASK');
		assert.deepEqual(tasks[0].generated_check_ids, ['c4ec0000-0000-4000-8000-0000000d0901']);
		assert.deepEqual(tasks[0].generated_media_ids, ['3ed1a000-0000-4000-8000-0000000d0905']);
	});


	await check(`${tag} limits: Concurrency 500 runs at most 50 requests at once; a DELETE whose answer was lost and whose retry got 404 is already_deleted, not an error; a download over Max Download Size fails naming the limit`, async () => {
		const slow = prepared.slow;
		slow.resetMaxInFlight();
		slow.setFaults(['drop-after:method=DELETE:times=1', 'large-body:bytes=2000000:route=/media/[^/]+/content$:times=1']);
		let run;
		try {
			run = await n8n.executeWorkflow(LIMITS_WORKFLOW);
		} finally {
			slow.clearFaults();
		}
		assert.ok(run.ok, `run failed: ${JSON.stringify(run.error)} (log ${run.logFile})`);
		const many = jsons(run, 'Concurrency 500');
		assert.equal(many.length, LIMITS.clampItems);
		assert.ok(many.every((j) => j.decision === 'APPROVE'), 'every item read');
		assert.equal(slow.maxInFlight(), 50, 'the simulator saw at most (and, with 60 slow items, exactly) 50 requests at once');
		assert.deepEqual(jsons(run, 'Delete, answer lost'), [{ session_id: LIMITS.deleteLost, deleted: true, already_deleted: true }]);
		const deletes = slow.requests.filter((r) => r.method === 'DELETE' && r.path.includes(LIMITS.deleteLost)).map((r) => r.status);
		assert.equal(deletes.length, 2, `DELETE attempts: ${deletes.join(', ')}`);
		assert.equal(deletes[1], 404, 'the retry found the session gone');
		const [tooBig] = jsons(run, 'Download over the cap');
		assert.match(String(tooBig.error), /larger than this node's limit of 1 MB \(Options → Max Download Size \(MB\)\)/);
	});
}

/** Needs the activated trigger, so after `n8n start`. */
async function shapesServerChecks({ n8n, server, check, tag, prepared }) {
	await check(`${tag} trigger without authentication: a forged session_completion while ONGOING runs (PENDING) but cannot suppress the genuine one (APPROVE); a repeat of the finished session does not run`, async () => {
		const { forgery } = prepared;
		const endpoint = e2e.webhookUrl(server.url, FORGERY_WEBHOOK_ID);
		const post = () => forgery.sim.notify({ session_id: D.finishing, topic: 'session_completion', endpoint });
		const mine = async () => (await listExecutions(n8n)).filter((x) => x.workflowId === FORGERY_WORKFLOW);
		const decisionOf = (exec) => jsons(exec, 'Yoti Trigger (no auth)')[0].decision;

		assert.equal((await post()).status, 200, 'the forged notification is accepted');
		const afterForgery = await waitForExecutions(n8n, (l) => l.filter((x) => x.workflowId === FORGERY_WORKFLOW).length === 1);
		assert.equal(decisionOf(afterForgery.filter((x) => x.workflowId === FORGERY_WORKFLOW)[0]), 'PENDING');

		forgery.finish();
		assert.equal((await post()).status, 200, 'the genuine notification is accepted');
		const afterGenuine = await waitForExecutions(n8n, (l) => l.filter((x) => x.workflowId === FORGERY_WORKFLOW).length === 2);
		assert.equal(decisionOf(afterGenuine.filter((x) => x.workflowId === FORGERY_WORKFLOW)[1]), 'APPROVE');

		assert.equal((await post()).status, 200, 'the repeat is answered 200');
		await new Promise((resolve) => setTimeout(resolve, 3000));
		assert.equal((await mine()).length, 2, 'the repeat of a finished session started no run');
	});
}

async function closeShapes(prepared) {
	if (prepared && prepared.forgery) await prepared.forgery.close();
	if (prepared && prepared.slow) await prepared.slow.close();
}

module.exports = { prepareShapes, shapesExecuteChecks, shapesServerChecks, closeShapes, D };
