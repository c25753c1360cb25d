#!/usr/bin/env node
'use strict';
// The in-branch example (examples/in-branch.json) in a real n8n, served by `n8n start`: the
// simulator sends `instructions_email_requested` → the workflow reads the contact profile and
// the instructions PDF and n8n's own Send Email node sends it to a local SMTP sink started here
// (./smtp-sink.js, no message leaves the machine); the test reads the PDF attachment that
// arrived. Then `session_completion` for the visited IBV session routes on the decision.
//
// Used by yoti.e2e.js (prepareInBranch before `n8n start`, inBranchChecks after), or alone:
//   node test/e2e/in-branch.e2e.js [--line 1|2] [--no-build]     (default line 2)

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');
const { waitForExecutions, listExecutions, nodesThatRan } = require('./executions');
const fx = require('./yoti-fixtures');
const { startSmtpSink, parseMime } = require('./smtp-sink');

const WORKFLOW_ID = 'YotiInBranch0001';
const WEBHOOK_ID = '1bf0f000-0000-4000-8000-0000000000a1';
const SMTP_CRED = { id: 'YotiE2eSmtpSink1', name: 'SMTP (e2e local sink)' };
const SEND_EMAIL_NODE = 'Send the instructions by e-mail';
const IBV = {
	awaitingVisit: '1bf00000-0000-4000-8000-000000000001',
	visited: '1bf00000-0000-4000-8000-000000000002',
};
const STORED_PDF = path.join(__dirname, '..', 'simulator', 'data', `instructions-${IBV.awaitingVisit}.pdf`);

/** The example as shipped, with the SMTP credential the user would pick set to the sink's. */
function inBranchWorkflow() {
	const wf = fx.example('in-branch');
	const send = wf.nodes.find((n) => n.name === SEND_EMAIL_NODE);
	assert.ok(send, `examples/in-branch.json has a "${SEND_EMAIL_NODE}" node`);
	assert.equal(send.type, 'n8n-nodes-base.emailSend');
	assert.equal(send.credentials, undefined, 'the example leaves the SMTP credential to the user');
	send.credentials = { smtp: { id: SMTP_CRED.id, name: SMTP_CRED.name } };
	return wf;
}

/** Imports the SMTP credential and the example, and activates it (call before `n8n.start()`). */
async function prepareInBranch(n8n, sink) {
	await n8n.importCredentials([
		{ ...SMTP_CRED, type: 'smtp', data: { user: '', password: '', host: sink.host, port: sink.port, secure: false, disableStartTls: true } },
	]);
	await n8n.importWorkflow(inBranchWorkflow());
	await n8n.activateWorkflow(WORKFLOW_ID);
}

const jsons = (exec, node) => (e2e.nodeItems(exec, node) || []).map((i) => i.json);

async function inBranchChecks({ n8n, server, sim, sink, check, tag }) {
	const endpoint = e2e.webhookUrl(server.url, WEBHOOK_ID);
	const notify = (session_id, topic) => sim.notify({ session_id, topic, endpoint, auth_token: fx.NOTIFY_TOKEN, auth_type: 'BASIC' });
	const mine = (list) => list.filter((x) => x.workflowId === WORKFLOW_ID);

	await check(`${tag} in-branch: instructions_email_requested -> contact profile -> PDF -> Send Email; the PDF arrives at the SMTP sink`, async () => {
		const before = mine(await listExecutions(n8n)).length;
		const mailsBefore = sink.messages.length;
		const sent = await notify(IBV.awaitingVisit, 'instructions_email_requested');
		assert.equal(sent.status, 200, `webhook answered ${sent.status} ${sent.body}`);
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success', `execution ${exec.id} ${exec.status}; ran: ${nodesThatRan(exec).join(', ')}`);
		for (const node of ['Get Instructions Contact Profile', 'Get Instructions PDF', SEND_EMAIL_NODE]) {
			assert.ok(nodesThatRan(exec).includes(node), `ran: ${nodesThatRan(exec).join(', ')}`);
		}
		assert.ok(!nodesThatRan(exec).includes('Get session summary'));
		assert.deepEqual(jsons(exec, 'Get Instructions Contact Profile'), [
			{ session_id: IBV.awaitingVisit, first_name: 'Alex', last_name: 'Example', email: 'alex.example@example.com' },
		]);
		const pdfItem = jsons(exec, 'Get Instructions PDF')[0];
		const stored = fs.readFileSync(STORED_PDF);
		assert.deepEqual(pdfItem, { session_id: IBV.awaitingVisit, mime_type: 'application/pdf', size: stored.length, has_content: true });

		await sink.waitFor(mailsBefore + 1, 30_000);
		const mail = sink.messages[mailsBefore];
		assert.deepEqual(mail.to, ['alex.example@example.com']);
		assert.equal(mail.from, 'verification@example.com');
		const mime = parseMime(mail.data);
		assert.equal(mime.headers.subject, 'Your in-branch identity check: what to bring');
		const text = mime.parts.find((p) => /^text\/plain/i.test(p.headers['content-type'] || ''));
		assert.ok(text && /Hello Alex,/.test(text.content.toString('utf8')), 'greets the contact by first name');
		const attachment = mime.parts.find((p) => /^application\/pdf/i.test(p.headers['content-type'] || ''));
		assert.ok(attachment, `a PDF part among ${mime.parts.map((p) => p.headers['content-type']).join(', ')}`);
		assert.match(attachment.headers['content-type'] + ' ' + (attachment.headers['content-disposition'] || ''), new RegExp(`instructions-${IBV.awaitingVisit}\\.pdf`));
		assert.ok(attachment.content.equals(stored), 'the attachment is the instructions PDF byte for byte');
	});

	await check(`${tag} in-branch: session_completion of the visited IBV session -> decision APPROVE -> "Activate the account"`, async () => {
		const before = mine(await listExecutions(n8n)).length;
		const mailsBefore = sink.messages.length;
		const sent = await notify(IBV.visited, 'session_completion');
		assert.equal(sent.status, 200);
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success');
		const [summary] = jsons(exec, 'Get session summary');
		assert.equal(summary.session_id, IBV.visited);
		assert.equal(summary.decision, 'APPROVE');
		assert.ok(nodesThatRan(exec).includes('Activate the account (CRM, Slack …)'), `ran: ${nodesThatRan(exec).join(', ')}`);
		assert.equal(sink.messages.length, mailsBefore, 'no e-mail on completion');
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
	const sink = await startSmtpSink();
	const tag = `[${line}.x]`;
	let n8n;
	let server;
	try {
		e2e.packPackage({ build: !process.argv.includes('--no-build') });
		n8n = await e2e.createN8n({ line });
		await check(`${tag} install package, import credentials and the in-branch example, activate, n8n start`, async () => {
			await e2e.installPackage({ n8n });
			await n8n.importCredentials(fx.credentials(sim));
			await prepareInBranch(n8n, sink);
			server = await n8n.start();
		});
		if (server) await inBranchChecks({ n8n, server, sim, sink, check, tag });
	} finally {
		if (server) await server.stop();
		if (n8n) n8n.cleanup();
		await sink.close();
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

module.exports = { prepareInBranch, inBranchChecks, inBranchWorkflow, WORKFLOW_ID, WEBHOOK_ID };
