#!/usr/bin/env node
'use strict';
// Yoti Sign envelopes in a real n8n, served by `n8n start`: the example
// examples/sign-after-approval.json. A Yoti IDV session_completion with decision APPROVE →
// the verified name → the agreement template (served here by a local HTTP server) → Envelope
// Create at the simulator; the simulator's recipient signs → envelope_completion reaches the
// Yoti Sign Trigger, which confirms it with Yoti → Download Completed Documents → the zip is
// written to a folder the test reads back. A forged completion starts no execution.
//
// Used by yoti.e2e.js (prepareEnvelopes before `n8n start`, envelopeChecks after, closeEnvelopes
// at the end; the n8n instance must allow file writes to prepared.signedDir, see envelopeEnv), or alone:
//   node test/e2e/envelopes.e2e.js [--line 1|2] [--no-build]     (default line 2)

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const e2e = require('./n8n');
const { waitForExecutions, listExecutions, nodesThatRan } = require('./executions');
const fx = require('./yoti-fixtures');
const { minimalPdf, readStoredZip } = require('../simulator/zip');

const WORKFLOW_ID = 'YotiSignEnvelop1';
const IDV_WEBHOOK_ID = '5e9a0000-0000-4000-8000-0000000000a1';
const SIGN_WEBHOOK_ID = '5e9a0000-0000-4000-8000-0000000000b1';
const TEMPLATE_URL = 'https://example.com/templates/account-agreement.pdf';
const SIGNED_FOLDER = '/home/node/.n8n-files/yoti-signed-documents/';
const TEMPLATE = minimalPdf('Account agreement (e2e template)');
// The verified name in the APPROVE demo session's document fields (test/simulator/data/media/…/…0103.json).
const VERIFIED_NAME = 'Jane Ann Example';

/** The folder the example writes to, replaced by `signedDir`; the template URL by the local server's. */
function envelopeWorkflow({ signedDir, templateUrl, n8nPort }) {
	const wf = fx.example('sign-after-approval');
	const byName = (name) => {
		const node = wf.nodes.find((n) => n.name === name);
		assert.ok(node, `examples/sign-after-approval.json has a "${name}" node`);
		return node;
	};
	const template = byName('Download the agreement template');
	assert.equal(template.parameters.url, TEMPLATE_URL);
	template.parameters.url = templateUrl;
	const store = byName('Store the signed documents');
	assert.ok(store.parameters.fileName.includes(SIGNED_FOLDER));
	store.parameters.fileName = store.parameters.fileName.replace(SIGNED_FOLDER, `${path.resolve(signedDir)}/`);
	const create = byName('Create the envelope');
	// What the user pastes: the Yoti Sign Trigger's Production URL (n8n's own port here).
	create.parameters.notifications.destination = e2e.webhookUrl(`http://127.0.0.1:${n8nPort}`, SIGN_WEBHOOK_ID, 'sign');
	return wf;
}

/**
 * The environment the n8n instance needs: writes allowed into the signed-documents folder, next to
 * any folders already allowed (n8n takes a `;`-separated list).
 */
function envelopeEnv(signedDir, ...alsoAllowed) {
	return { N8N_RESTRICT_FILE_ACCESS_TO: [...alsoAllowed, signedDir].join(';') };
}

/** Starts the template server, imports and activates the example (call before `n8n.start()`). */
async function prepareEnvelopes(n8n, { signedDir }) {
	const served = [];
	const templateServer = http.createServer((req, res) => {
		served.push(req.url);
		res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': TEMPLATE.length, 'Content-Disposition': 'attachment; filename="account-agreement.pdf"' });
		res.end(TEMPLATE);
	});
	await new Promise((resolve) => templateServer.listen(0, '127.0.0.1', resolve));
	const templateUrl = `http://127.0.0.1:${templateServer.address().port}/templates/account-agreement.pdf`;
	await n8n.importWorkflow(envelopeWorkflow({ signedDir, templateUrl, n8nPort: n8n.port }));
	await n8n.activateWorkflow(WORKFLOW_ID);
	return { templateServer, served, signedDir };
}

async function closeEnvelopes(prepared) {
	if (prepared && prepared.templateServer) await new Promise((resolve) => prepared.templateServer.close(resolve));
}

const jsons = (exec, node) => (e2e.nodeItems(exec, node) || []).map((i) => i.json);

async function envelopeChecks({ n8n, server, sim, check, tag, prepared }) {
	const mine = (list) => list.filter((x) => x.workflowId === WORKFLOW_ID);
	const signUrl = e2e.webhookUrl(server.url, SIGN_WEBHOOK_ID, 'sign');
	let envelopeId;

	await check(`${tag} envelopes: session_completion APPROVE -> verified name -> template -> Envelope Create at Yoti Sign`, async () => {
		const before = mine(await listExecutions(n8n)).length;
		const sent = await sim.notify({ session_id: fx.S.approve, topic: 'session_completion', endpoint: e2e.webhookUrl(server.url, IDV_WEBHOOK_ID), auth_token: fx.NOTIFY_TOKEN, auth_type: 'BASIC' });
		assert.equal(sent.status, 200, `webhook answered ${sent.status} ${sent.body}`);
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success', `execution ${exec.id} ${exec.status}; ran: ${nodesThatRan(exec).join(', ')}`);
		const [created] = jsons(exec, 'Create the envelope');
		assert.ok(created, `ran: ${nodesThatRan(exec).join(', ')}`);
		envelopeId = created.envelope_id;
		assert.deepEqual(created, { envelope_id: envelopeId, envelope_name: 'Account agreement', embedded: false, status: 'QUEUED', recipients_total: 1, file_names: ['account-agreement.pdf'] });
		const atYoti = sim.envelopes.get(envelopeId);
		assert.ok(atYoti, 'the simulator holds the envelope');
		assert.deepEqual(
			atYoti.options.recipients.map((r) => [r.name, r.email, r.type, r.tags.length]),
			[[VERIFIED_NAME, 'new.customer@example.com', 'SIGNER', 1]],
		);
		assert.ok(atYoti.files[0].data.equals(TEMPLATE), 'the uploaded file is the template, byte for byte');
		assert.deepEqual(atYoti.notifications, { destination: e2e.webhookUrl(`http://127.0.0.1:${n8n.port}`, SIGN_WEBHOOK_ID, 'sign'), subscriptions: ['envelope_completion'] });
	});

	await check(`${tag} envelopes: a forged envelope_completion for the envelope still being signed starts no execution`, async () => {
		assert.ok(envelopeId, 'an envelope was created');
		const started = Date.now();
		while (sim.envelopes.get(envelopeId).status !== 'ACTIVE' && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
		const before = mine(await listExecutions(n8n)).length;
		const forged = await e2e.request(signUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ envelope_id: envelopeId, subscription_name: 'envelope_completion', status: 'COMPLETE', details: { recipients: [], completed_at: '2026-12-04T00:00:00Z' } }),
		});
		assert.equal(forged.status, 200);
		await new Promise((r) => setTimeout(r, 3000));
		assert.equal(mine(await listExecutions(n8n)).length, before, 'no execution for the forged completion');
		assert.deepEqual(fs.readdirSync(prepared.signedDir), []);
	});

	await check(`${tag} envelopes: the recipient signs -> envelope_completion -> Yoti Sign Trigger (confirmed) -> the signed zip is stored`, async () => {
		const before = mine(await listExecutions(n8n)).length;
		const signed = await sim.envelopes.sign(envelopeId);
		assert.deepEqual(signed.deliveries.map((d) => [d.topic, d.status]), [['envelope_completion', 200]]);
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success', `execution ${exec.id} ${exec.status}; ran: ${nodesThatRan(exec).join(', ')}`);
		const [notification] = jsons(exec, 'Yoti Sign Trigger');
		assert.equal(notification.envelope_id, envelopeId);
		assert.equal(notification.topic, 'envelope_completion');
		assert.equal(notification.confirmed, true);
		assert.equal(notification.status, 'COMPLETED');
		const [download] = jsons(exec, 'Download the signed documents');
		assert.equal(download.file_name, `${envelopeId}.zip`);
		const file = path.join(prepared.signedDir, `${envelopeId}.zip`);
		assert.ok(fs.existsSync(file), `stored: ${fs.readdirSync(prepared.signedDir).join(', ')}`);
		const entries = readStoredZip(fs.readFileSync(file));
		assert.deepEqual(entries.map((x) => x.name), ['signed-account-agreement.pdf', 'coversheet.pdf', 'signature.xml']);
		assert.ok(entries[0].data.equals(TEMPLATE));
	});

	await check(`${tag} envelopes: a REJECT session sends nothing to sign`, async () => {
		const before = mine(await listExecutions(n8n)).length;
		const created = sim.envelopes.created().length;
		const sent = await sim.notify({ session_id: fx.S.reject, topic: 'session_completion', endpoint: e2e.webhookUrl(server.url, IDV_WEBHOOK_ID), auth_token: fx.NOTIFY_TOKEN, auth_type: 'BASIC' });
		assert.equal(sent.status, 200);
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success');
		assert.ok(nodesThatRan(exec).includes('Not approved: nothing to sign'), `ran: ${nodesThatRan(exec).join(', ')}`);
		assert.equal(sim.envelopes.created().length, created);
	});
}

async function main() {
	const { startSimulator } = require('../simulator');
	const i = process.argv.indexOf('--line');
	const line = i > 0 ? Number(process.argv[i + 1]) : 2;
	const results = [];
	const check = async (name, fn) => {
		const t = Date.now();
		try {
			await fn();
			results.push(true);
			console.log(`  ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		} catch (err) {
			results.push(false);
			console.log(`  FAIL ${name}: ${String(err && (err.stack || err.message)).split('\n').slice(0, 8).join('\n       ')}`);
		}
	};
	const sim = await startSimulator({ port: 0 });
	const tag = `[${line}.x]`;
	const signedDir = fs.mkdtempSync(path.join(os.tmpdir(), `yoti-signed-${line}-`));
	// Another allowed folder first, as in yoti.e2e.js (the media archive's): the list form is what runs there.
	const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), `yoti-other-${line}-`));
	let n8n;
	let server;
	let prepared;
	try {
		e2e.packPackage({ build: !process.argv.includes('--no-build') });
		n8n = await e2e.createN8n({ line, env: envelopeEnv(signedDir, otherDir) });
		await check(`${tag} install package, import credentials and the sign-after-approval example, activate, n8n start`, async () => {
			await e2e.installPackage({ n8n });
			await n8n.importCredentials(fx.credentials(sim));
			prepared = await prepareEnvelopes(n8n, { signedDir });
			server = await n8n.start();
		});
		if (server) await envelopeChecks({ n8n, server, sim, check, tag, prepared });
	} finally {
		if (server) await server.stop();
		await closeEnvelopes(prepared);
		if (n8n && !process.env.N8N_E2E_KEEP) n8n.cleanup();
		else if (n8n) console.log(`${tag} kept ${n8n.userFolder}`);
		fs.rmSync(signedDir, { recursive: true, force: true });
		fs.rmSync(otherDir, { recursive: true, force: true });
		await sim.close();
	}
	const passed = results.filter(Boolean).length;
	console.log(`${passed} passed, ${results.length - passed} failed`);
	process.exit(results.length - passed ? 1 : 0);
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err);
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
}

module.exports = { prepareEnvelopes, envelopeChecks, closeEnvelopes, envelopeEnv, envelopeWorkflow, WORKFLOW_ID, IDV_WEBHOOK_ID, SIGN_WEBHOOK_ID };
