#!/usr/bin/env node
'use strict';
// The age-gated sign-up example (examples/age-gated-signup.json) in a real n8n under `n8n start`,
// against the local simulator's Age Verification routes:
//   the n8n Form is submitted → Create Session → the form answers with Yoti's link (redirectURL);
//   the simulator finishes the session FAIL, then COMPLETE (a retry), each time posting a
//   notification signed with its TEST-ONLY key (injected as the trigger's Custom Public Key) →
//   the trigger verifies it, re-reads /result → the Switch routes Failed, then Passed → the
//   record update; Yoti's retry of the same delivery starts nothing; a forged one gets 401.
//
// Used by yoti.e2e.js (prepareAge before `n8n start`, ageChecks after), or alone:
//   node test/e2e/age.e2e.js [--line 1|2] [--no-build]     (default line 2)

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const e2e = require('./n8n');
const { waitForExecutions, listExecutions, nodesThatRan } = require('./executions');
const fx = require('./yoti-fixtures');
const { DEMO } = require('../simulator');
const ageRoutes = require('../simulator/routes/age');

const WORKFLOW_ID = 'YotiAgeGatedSign';
const TRIGGER_WEBHOOK_ID = 'a9e0f000-0000-4000-8000-0000000000a1';
const FORM_PATH = 'age-gated-sign-up';
const AGE_CRED = { id: 'YotiDemoAgeApi01', name: 'Yoti Age Verification API (demo)' };
const AI_CRED = { id: 'YotiDemoAiApi001', name: 'Yoti AI Services API (demo)' };
const TEST_PUBLIC_KEY = fs.readFileSync(ageRoutes.AGE_NOTIFICATION_PUBLIC_KEY_PATH, 'utf8');

function ageCredentials(sim) {
	return [
		{ ...AGE_CRED, type: 'yotiAgeVerificationApi', data: { sdkId: DEMO.sdkId, apiKey: ageRoutes.DEMO_AGE_API_KEY, environment: 'custom', baseUrl: `${sim.url}/age/api/v1` } },
		{ ...AI_CRED, type: 'yotiAiApi', data: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: `${sim.url}/ai/v1` } },
	];
}

/**
 * The example as shipped, with what a user would fill in: the trigger's Production URL as the
 * Notification URL, and (test only) the simulator's notification key instead of Yoti's.
 */
function ageWorkflow(n8nPort) {
	const wf = fx.example('age-gated-signup');
	const create = wf.nodes.find((n) => n.name === 'Create age check');
	const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-yoti.yotiAgeTrigger');
	assert.ok(create && trigger, 'examples/age-gated-signup.json has its Create Session and trigger nodes');
	assert.equal(create.parameters.notificationUrl, `https://YOUR-N8N-HOST/webhook/${TRIGGER_WEBHOOK_ID}/age`);
	assert.equal(trigger.parameters.publicKey, 'yoti', "the example verifies with Yoti's published key");
	create.parameters.notificationUrl = `http://127.0.0.1:${n8nPort}/webhook/${TRIGGER_WEBHOOK_ID}/age`;
	trigger.parameters.publicKey = 'custom';
	trigger.parameters.customPublicKey = TEST_PUBLIC_KEY;
	return wf;
}

/** Imports the age credentials and the example, and activates it (call before `n8n.start()`). */
async function prepareAge(n8n, sim) {
	await n8n.importCredentials(ageCredentials(sim));
	await n8n.importWorkflow(ageWorkflow(n8n.port));
	await n8n.activateWorkflow(WORKFLOW_ID);
}

/** An n8n Form submission as the form page sends it: multipart, fields `field-<index>`. */
function formBody(values) {
	const boundary = `----n8nAgeE2e${crypto.randomBytes(8).toString('hex')}`;
	const parts = values.map((value, index) => `--${boundary}\r\nContent-Disposition: form-data; name="field-${index}"\r\n\r\n${value}\r\n`);
	return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function admin(sim, pathname, body) {
	const res = await fetch(`${sim.url}/__admin/age${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return res.json();
}

/** A GET that follows no redirect and keeps the raw Location (node:http, as a browser reads it). */
function rawGet(url) {
	return new Promise((resolve, reject) => {
		const req = require('node:http')
			.get(url, (res) => {
				let text = '';
				res.setEncoding('utf8').on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, text }));
			})
			.on('error', reject);
		// n8n holds a form-waiting request that comes before the execution reached the form's
		// last page: give up on it after a few seconds and ask again.
		req.setTimeout(3000, () => req.destroy(new Error('no answer in 3 s')));
	});
}

/** Where the form's next page sends the browser: a 3xx Location, or the Yoti URL the page names. */
async function redirectOf(url) {
	const deadline = Date.now() + 30_000;
	let last = '';
	while (Date.now() < deadline) {
		const res = await rawGet(url).catch((error) => ({ status: 0, location: undefined, text: String(error.message) }));
		const text = res.text;
		if (res.status >= 300 && res.status < 400 && res.location) return res.location;
		const named = /(http:\/\/127\.0\.0\.1:\d+\/age\?sessionId=[0-9a-f-]{36}&(?:amp;)?sdkId=[0-9a-f-]{36})/.exec(text);
		if (named) return named[1].replace('&amp;', '&');
		// n8n 2.x's completion page: "Redirecting to <a href='…'>", with = and & as HTML entities.
		const page = /id='redirectUrl' href='([^']+)'/.exec(text);
		if (page) return page[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
		last = `${res.status} ${text.slice(0, 500)}`;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`the form's next page never sent the browser to Yoti; last answer ${last}`);
}

const trace = (text) => process.env.AGE_E2E_TRACE && process.stderr.write(`[age ${new Date().toISOString()}] ${text}\n`);

const jsons = (exec, node) => (e2e.nodeItems(exec, node) || []).map((i) => i.json);

async function ageChecks({ n8n, server, sim, check, tag }) {
	const mine = (list) => list.filter((x) => x.workflowId === WORKFLOW_ID);
	const triggerUrl = e2e.webhookUrl(server.url, TRIGGER_WEBHOOK_ID, 'age');
	let sessionId;
	let signupExecutions = 0;
	// Finished executions only: the sign-up's stays "waiting" on the form's last page.
	const doneCount = async () => mine(await waitForExecutions(n8n, () => true)).length;

	await check(`${tag} age: the sign-up form creates an age check and answers with Yoti's link`, async () => {
		trace('listing executions');
		trace('posting the form');
		const form = formBody(['Alex Example', 'alex.example@example.com']);
		const res = await e2e.request(`${server.url}/form/${FORM_PATH}`, { body: form.body, headers: { 'content-type': form.contentType } });
		assert.equal(res.status, 200, `form answered ${res.status} ${res.text.slice(0, 2000)}`);
		// A Form node follows the trigger: n8n answers with the page to show next, which (once the
		// session is created) sends the browser on to Yoti.
		assert.ok(res.json && typeof res.json.formWaitingUrl === 'string', `form answer ${res.text.slice(0, 2000)}`);
		trace('form answered; reading the next page');
		const location = await redirectOf(res.json.formWaitingUrl);
		trace(`next page sends the browser to ${location}`);
		const match = /^http:\/\/127\.0\.0\.1:\d+\/age\?sessionId=([0-9a-f-]{36})&sdkId=([0-9a-f-]{36})$/.exec(location);
		assert.ok(match, location);
		assert.equal(location.startsWith(`${sim.url}/age?`), true);
		assert.equal(match[2], DEMO.sdkId);
		sessionId = match[1];
		// The sign-up execution waits on the form's last page (n8n's "form-waiting"), so it is read
		// as soon as its Create Session step is saved, finished or not.
		let exec;
		const deadline = Date.now() + 60_000;
		while (!exec && Date.now() < deadline) {
			exec = mine(await listExecutions(n8n)).find((e) => e.id !== undefined && e.data && (e2e.nodeItems(e, 'Create age check') || []).length > 0);
			if (!exec) await new Promise((r) => setTimeout(r, 300));
		}
		assert.ok(exec, 'the sign-up execution ran Create age check');
		signupExecutions += 1;
		assert.ok(['waiting', 'success'].includes(exec.status), exec.status);
		const [created] = jsons(exec, 'Create age check');
		assert.deepEqual(Object.keys(created), ['session_id', 'user_url', 'status', 'expires_at', 'reference_id']);
		assert.equal(created.session_id, sessionId);
		assert.equal(created.status, 'PENDING');
		assert.equal(created.reference_id, String(exec.id), 'the reference is the sign-up execution ID');
	});

	await check(`${tag} age: a signed FAIL notification → result re-read → Switch "Failed" → the under-age record update`, async () => {
		assert.ok(sessionId, 'the form check created a session');
		const before = await doneCount();
		const sent = await admin(sim, `/sessions/${sessionId}/finish`, { status: 'FAIL', age: 18 });
		assert.equal(sent.delivered, true, JSON.stringify(sent));
		assert.equal(sent.status, 200, `trigger answered ${sent.status} ${sent.body}`);
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success', `execution ${exec.id} ${exec.status}; ran: ${nodesThatRan(exec).join(', ')}`);
		const [notified] = jsons(exec, 'Age check finished');
		assert.equal(notified.session_id, sessionId);
		assert.equal(notified.status, 'FAIL');
		assert.equal(notified.passed, false);
		assert.equal(notified.notification_state, 'FAIL');
		assert.equal(notified.sequence_number, 1);
		assert.ok(nodesThatRan(exec).includes('Update the sign-up record: under age'), `ran: ${nodesThatRan(exec).join(', ')}`);
		assert.ok(!nodesThatRan(exec).includes('Update the sign-up record: age verified'));
		const [record] = jsons(exec, 'Update the sign-up record: under age');
		assert.equal(record.age_verified, false);
		assert.equal(record.age_verification_session, sessionId);
		assert.equal(record.attempts_used, 1);
	});

	let completeDelivery;
	await check(`${tag} age: the retry COMPLETE (sequence 2) → Switch "Passed" → the record marked age-verified`, async () => {
		const before = await doneCount();
		const sent = await admin(sim, `/sessions/${sessionId}/finish`, { status: 'COMPLETE' });
		assert.equal(sent.status, 200, `trigger answered ${sent.status} ${sent.body}`);
		completeDelivery = sent.sent;
		const done = await waitForExecutions(n8n, (l) => mine(l).length === before + 1, { timeoutMs: 60_000 });
		const exec = mine(done).at(-1);
		assert.equal(exec.status, 'success');
		assert.ok(nodesThatRan(exec).includes('Update the sign-up record: age verified'), `ran: ${nodesThatRan(exec).join(', ')}`);
		const [record] = jsons(exec, 'Update the sign-up record: age verified');
		assert.equal(record.age_verified, true);
		assert.equal(record.age_verification_session, sessionId);
		assert.equal(record.age_verification_method, 'AGE_ESTIMATION');
		assert.match(record.reference_id, /^\d+$/);
		const [notified] = jsons(exec, 'Age check finished');
		assert.equal(notified.sequence_number, 2);
		assert.equal(notified.dedupe_key, `${completeDelivery.id}:${completeDelivery.evidence_id}`);
	});

	await check(`${tag} age: Yoti's retry of the same delivery → 200, no new execution; a forged one → 401, no execution`, async () => {
		assert.ok(completeDelivery, 'the COMPLETE check ran');
		const before = await doneCount();
		const again = await e2e.request(triggerUrl, { body: completeDelivery });
		assert.equal(again.status, 200, `${again.status} ${again.text}`);
		const forged = await e2e.request(triggerUrl, { body: { ...completeDelivery, id: crypto.randomUUID(), age: 40 } });
		assert.equal(forged.status, 401, `${forged.status} ${forged.text}`);
		assert.deepEqual(forged.json, { error: 'The notification signature does not verify' });
		await new Promise((r) => setTimeout(r, 3000));
		assert.equal(await doneCount(), before, 'neither started an execution');
		assert.equal(mine(await listExecutions(n8n)).filter((e) => !['waiting', 'success'].includes(e.status)).length, 0, 'nothing running or failed');
	});
	return { signupExecutions };
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
	let n8n;
	let server;
	try {
		e2e.packPackage({ build: !process.argv.includes('--no-build') });
		n8n = await e2e.createN8n({ line });
		await check(`${tag} install package, import the age credentials and the age-gated sign-up example, activate, n8n start`, async () => {
			await e2e.installPackage({ n8n });
			await prepareAge(n8n, sim);
			server = await n8n.start();
			const types = e2e.loadedNodeTypes(n8n);
			assert.ok(types.some((t) => /yotiAgeTrigger$/.test(t)), `loaded: ${types.filter((t) => /yoti/i.test(t)).join(', ')}`);
		});
		if (server) await ageChecks({ n8n, server, sim, check, tag });
	} finally {
		if (server) await server.stop();
		if (n8n) n8n.cleanup();
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

module.exports = { prepareAge, ageChecks, ageWorkflow, ageCredentials, WORKFLOW_ID, TRIGGER_WEBHOOK_ID };
