#!/usr/bin/env node
'use strict';
// The onboarding kit (examples/onboarding-kit/, issue 24) in a real n8n, served by `n8n start`:
// the Data table is created through n8n's REST API (as an operator would in the editor), the
// kit's workflows are imported with the credentials picked, the table picked where the n8n line
// needs it, and activated through the REST API. Then, over HTTP only:
//   - people submit the kit's form; the kit creates each session at the simulator (notifications
//     to the kit's own Yoti Trigger), writes a PENDING row and e-mails the link (SMTP sink);
//   - the simulator plays each person and finishes the session with an outcome (approve, reject,
//     review, not_available, expire) and sends — or drops — its session_completion;
//   - one REVIEW is approved and another rejected through the real resume URL found in the
//     reviewer's e-mail (the review packet: flagged checks, name, date of birth, images inline);
//   - dropped notifications are recovered by the sweep, run on demand ("Run the sweep now",
//     POST /rest/workflows/:id/run as the editor's Execute button does); a late notification
//     after the sweep decided, and a notification racing the sweep, act once;
//   - retention deletes old decided sessions (deleted_at), a session Yoti still holds ONGOING
//     answers 409 and is deleted on the next run;
// then every row's final state, every e-mail and the simulator's DELETEs are checked against
// what the journey must do (written by hand below).
//
// Used by yoti.e2e.js (prepareKit before `n8n start`, kitChecks after, last: it logs in as the
// owner the credential-Test checks set up), by demo.js (runKitDemo), or alone:
//   node test/e2e/kit.e2e.js [--line 1|2] [--no-build] [--sqlite-pool N]   (default line 2; 1.x gets pool 3)

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');
const { listExecutions, nodesThatRan } = require('./executions');
const fx = require('./yoti-fixtures');
const { startSmtpSink, parseMime } = require('./smtp-sink');
const { DEMO } = require('../simulator');

const KIT_DIR = path.join(e2e.REPO, 'examples', 'onboarding-kit');
const JOURNEY_ID = 'YotiKitJourney01';
const RETENTION_ID = 'YotiKitRetention';
const TRIGGER_WEBHOOK_ID = '4b170000-0000-4000-8000-0000000000a1';
const FORM_PATH = 'yoti-verify';
const SMTP_CRED = { id: 'YotiKitSmtpSink1', name: 'SMTP (kit e2e local sink)' };
const REVIEWER = 'reviewer@example.com';
const SWEEP_NODE = 'Run the sweep now';
/** n8n 1.x only: the pooled SQLite driver (2.x's default); 1.x's default single-connection driver fails simultaneous Data table writes. */
const SQLITE_POOL_SIZE = '3';
const RETENTION_NODE = 'Run retention now';
const DEMO_MEDIA = path.join(__dirname, '..', 'simulator', 'data', 'media', '5e551000-0000-4000-8000-000000000001');
// The same throwaway owner yoti.e2e.js sets up for the credential-Test checks.
const OWNER = { email: 'e2e@example.com', firstName: 'E2e', lastName: 'Owner', password: 'E2e-Owner-2x' };

const SUBJECT = {
	link: 'Verify your identity',
	newLink: 'Your new identity verification link',
	verified: 'Your identity is verified',
	declined: 'We could not verify your identity',
};

/** DELETE /sessions/{id} signed as the official SDKs sign it: a session Yoti no longer has when retention comes (its own limit ran out, or deleted elsewhere). */
async function deleteAtYoti(sim, sessionId) {
	const crypto = require('node:crypto');
	const rel = `/sessions/${sessionId}?sdkId=${DEMO.sdkId}&nonce=${crypto.randomUUID()}&timestamp=${Date.now()}`;
	const digest = crypto.createSign('RSA-SHA256').update(`DELETE&${rel}`).sign(DEMO.privateKey, 'base64');
	const res = await e2e.request(`${sim.idvBaseUrl}${rel}`, { method: 'DELETE', headers: { 'X-Yoti-Auth-Digest': digest } });
	assert.equal(res.status, 204, res.text);
}

const table = () => JSON.parse(fs.readFileSync(path.join(KIT_DIR, 'data-table.json'), 'utf8'));
const load = (file) => JSON.parse(fs.readFileSync(path.join(KIT_DIR, file), 'utf8'));
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, { timeoutMs = 60_000, intervalMs = 300 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last) return last;
		} catch (err) {
			last = err;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
		await delay(intervalMs);
	}
}

/**
 * The kit's workflows as an operator has them after import: every credential picked (the kit
 * ships none), the Create node's notification endpoint set to this n8n's Yoti Trigger URL.
 */
function kitWorkflows(baseUrl) {
	const journey = load('onboarding-journey.json');
	const retention = load('retention.json');
	const endpoint = e2e.webhookUrl(baseUrl, TRIGGER_WEBHOOK_ID);
	for (const wf of [journey, retention]) {
		for (const node of wf.nodes) {
			assert.equal(node.credentials, undefined, `${wf.id} "${node.name}" ships without credentials`);
			if (node.type === 'n8n-nodes-yoti.yoti') {
				node.credentials = { yotiApi: { id: fx.IDV_CRED.id, name: fx.IDV_CRED.name } };
				if (node.parameters.operation === 'create') {
					node.credentials.yotiNotificationAuthApi = { id: fx.NOTIFY_CRED.id, name: fx.NOTIFY_CRED.name };
					assert.equal(node.parameters.notifications.endpoint, `https://n8n.example.com/webhook/${TRIGGER_WEBHOOK_ID}/webhook`);
					node.parameters.notifications.endpoint = endpoint;
				}
			}
			if (node.type === 'n8n-nodes-yoti.yotiTrigger') {
				assert.equal(node.webhookId, TRIGGER_WEBHOOK_ID);
				node.credentials = {
					yotiNotificationAuthApi: { id: fx.NOTIFY_CRED.id, name: fx.NOTIFY_CRED.name },
					yotiApi: { id: fx.IDV_CRED.id, name: fx.IDV_CRED.name },
				};
			}
			if (node.type === 'n8n-nodes-base.emailSend') node.credentials = { smtp: { id: SMTP_CRED.id, name: SMTP_CRED.name } };
		}
	}
	return [journey, retention];
}

/** Imports the kit's SMTP credential and its workflows, inactive (call before `n8n.start()`; Yoti credentials come from fx.credentials). */
async function prepareKit(n8n, sink) {
	await n8n.importCredentials([
		{ ...SMTP_CRED, type: 'smtp', data: { user: '', password: '', host: sink.host, port: sink.port, secure: false, disableStartTls: true } },
	]);
	await n8n.importWorkflow(kitWorkflows(`http://127.0.0.1:${n8n.port}`));
}

/** n8n's REST API as the editor calls it, logged in as the owner (set up here when nobody has yet). */
async function restClient(baseUrl) {
	const setup = await e2e.request(`${baseUrl}/rest/owner/setup`, { body: OWNER });
	// 200 on a fresh n8n; 400 once an owner exists (yoti.e2e.js's credential-Test checks set it up)
	assert.ok([200, 400].includes(setup.status), `owner setup: ${setup.status} ${setup.text.slice(0, 200)}`);
	const login = await e2e.request(`${baseUrl}/rest/login`, { body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password } });
	assert.equal(login.status, 200, `login: ${login.text.slice(0, 300)}`);
	const cookie = /(?:^|[\s,])n8n-auth=([^;]+)/.exec(login.headers['set-cookie'] || '')[1];
	const call = async (method, p, body) => {
		const res = await e2e.request(`${baseUrl}/rest${p}`, { method, body, headers: { cookie: `n8n-auth=${cookie}` } });
		if (res.status >= 300) throw new Error(`${method} /rest${p}: ${res.status} ${res.text.slice(0, 500)}`);
		return res.json && 'data' in res.json ? res.json.data : res.json;
	};
	return { call, cookie };
}

/**
 * Drives the kit in a started n8n: set-up (table, picking, activation), the person's side
 * (form, simulator outcomes, reviewer form), runs on demand, and reads of the table.
 */
class Kit {
	constructor({ n8n, server, sim, sink }) {
		Object.assign(this, { n8n, server, sim, sink });
		// The SMTP sink outlives one n8n line (yoti.e2e.js runs 2.x then 1.x against the same sink):
		// only mails sent after this kit run started are this run's.
		this.firstMessage = sink.messages.length;
		this.people = {}; // label -> { name, email, sessions: [session ids, oldest first] }
		this.sessionRuns = new Map();
	}

	async setup() {
		this.rest = await restClient(this.server.url);
		const projects = await this.rest.call('GET', '/projects/my-projects');
		const personal = projects.find((p) => p.type === 'personal');
		assert.ok(personal, `a personal project among ${JSON.stringify(projects.map((p) => p.type))}`);
		this.projectId = personal.id;
		const spec = table();
		const created = await this.rest.call('POST', `/projects/${this.projectId}/data-tables`, {
			name: spec.name,
			columns: spec.columns.map(({ name, type }) => ({ name, type })),
		});
		this.tableId = created.id;
		for (const id of [JOURNEY_ID, RETENTION_ID]) {
			const wf = await this.rest.call('GET', `/workflows/${id}`);
			let versionId = wf.versionId;
			if (this.n8n.line < 2) {
				// n8n 1.x's Data table node has no "By Name" mode: the operator picks the table in each node.
				for (const node of wf.nodes.filter((x) => x.type === 'n8n-nodes-base.dataTable')) {
					assert.deepEqual(node.parameters.dataTableId, { __rl: true, mode: 'name', value: spec.name });
					node.parameters.dataTableId = { __rl: true, mode: 'list', value: this.tableId, cachedResultName: spec.name };
				}
				const saved = await this.rest.call('PATCH', `/workflows/${id}`, { nodes: wf.nodes, connections: wf.connections, versionId });
				versionId = saved.versionId;
			}
			await this.rest.call('POST', `/workflows/${id}/activate`, { versionId });
		}
	}

	formUrl() {
		return `${this.server.url}/form/${FORM_PATH}`;
	}

	/** GET a form page, then POST its fields (by label, in the page's order) as the browser does. */
	async submitForm(url, values) {
		const page = await e2e.request(url, { method: 'GET', headers: { 'user-agent': 'Mozilla/5.0 kit-e2e' } });
		assert.equal(page.status, 200, `GET ${url}: ${page.status} ${page.text.slice(0, 300)}`);
		const names = [...new Set([...page.text.matchAll(/name=['"](field-\d+)['"]/g)].map((m) => m[1]))];
		const form = new FormData();
		Object.values(values).forEach((value, i) => form.append(names[i] || `field-${i}`, value));
		const res = await fetch(url, { method: 'POST', body: form, headers: { 'user-agent': 'Mozilla/5.0 kit-e2e' }, signal: AbortSignal.timeout(60_000) });
		return { status: res.status, text: await res.text(), page: page.text };
	}

	async rows() {
		const out = await this.rest.call('GET', `/projects/${this.projectId}/data-tables/${this.tableId}/rows?take=1000&skip=0`);
		return out.data;
	}

	async rowOf(sessionId) {
		return (await this.rows()).find((r) => r.session_id === sessionId);
	}

	async setRow(sessionId, data) {
		await this.rest.call('PATCH', `/projects/${this.projectId}/data-tables/${this.tableId}/rows`, {
			filter: { type: 'and', filters: [{ columnName: 'session_id', condition: 'eq', value: sessionId }] },
			data,
		});
	}

	/** Messages the SMTP sink holds for `to`, as { subject, text, html, mime }. */
	mails(to) {
		return this.sink.messages
			.slice(this.firstMessage)
			.filter((m) => m.to.includes(to))
			.map((m) => {
				const mime = parseMime(m.data);
				const part = (type) => mime.parts.find((p) => (p.headers['content-type'] || 'text/plain').toLowerCase().startsWith(type));
				return {
					subject: mime.headers.subject,
					text: part('text/plain')?.content.toString('utf8') ?? '',
					html: part('text/html')?.content.toString('utf8') ?? '',
					mime,
				};
			});
	}

	/** A person submits the form; resolves their first session id once the row and the link e-mail exist. */
	async signUp(label, name, email) {
		const res = await this.submitForm(this.formUrl(), { Name: name, 'E-mail': email });
		assert.equal(res.status, 200, `form answered ${res.status}: ${res.text.slice(0, 300)}`);
		this.people[label] = { name, email, sessions: [] };
		const row = await until(`the PENDING row of ${email}`, async () => (await this.rows()).find((r) => r.email === email));
		this.people[label].sessions.push(row.session_id);
		await until(`the link e-mail to ${email}`, () => this.mails(email).length >= 1);
		return row.session_id;
	}

	session(label, n = 0) {
		return this.people[label].sessions[n];
	}

	/** The simulator finishes the person's session; waits for the row to leave `fromStatus` (unless the notification is dropped). */
	async finish(label, outcome, { n = 0, notify = true, state, waitFor } = {}) {
		const { name } = this.people[label];
		const sessionId = this.session(label, n);
		const result = await this.sim.journey.finish(sessionId, outcome, { notify, state, person: { full_name: name, date_of_birth: '1990-04-12' } });
		if (notify) assert.equal(result.notification.status, 200, `the kit's Yoti Trigger answered ${JSON.stringify(result.notification)}`);
		if (waitFor) await until(`row ${sessionId} ${waitFor}`, async () => (await this.rowOf(sessionId))?.status === waitFor);
		return result;
	}

	/** The next session of a person (a new link after NOT_AVAILABLE / EXPIRED), once its row exists. */
	async nextSession(label) {
		const person = this.people[label];
		const row = await until(`a new row for ${person.email}`, async () =>
			(await this.rows()).find((r) => r.email === person.email && !person.sessions.includes(r.session_id)),
		);
		person.sessions.push(row.session_id);
		return row;
	}

	/** "Execute workflow" from a trigger node, as the editor does (POST /rest/workflows/:id/run). */
	async runManually(workflowId, triggerName) {
		const workflowData = await this.rest.call('GET', `/workflows/${workflowId}`);
		const out = await this.rest.call('POST', `/workflows/${workflowId}/run`, { workflowData, triggerToStartFrom: { name: triggerName } });
		assert.ok(out && out.executionId, `manual run of ${workflowId} from "${triggerName}": ${JSON.stringify(out)}`);
		return String(out.executionId);
	}

	/** Waits until no execution of the kit is running (waiting ones — reviews — excepted), returns them all. */
	async settled() {
		let stable = 0;
		return until('the kit\'s executions to finish', async () => {
			const list = (await listExecutions(this.n8n)).filter((x) => [JOURNEY_ID, RETENTION_ID].includes(x.workflowId));
			const busy = list.filter((x) => ['new', 'running'].includes(x.status) || (!x.finished && x.status !== 'waiting' && !x.data));
			stable = busy.length ? 0 : stable + 1;
			return stable >= 3 ? list : null;
		}, { timeoutMs: 90_000, intervalMs: 400 });
	}

	/** The reviewer's e-mails about a person (the subject names them). */
	reviewMails(name) {
		return this.mails(REVIEWER).filter((m) => m.subject.includes(name));
	}
}

async function kitChecks({ n8n, server, sim, sink, check, tag }) {
	const kit = new Kit({ n8n, server, sim, sink });
	if (n8n.line < 2 && !(Number(n8n.env.DB_SQLITE_POOL_SIZE) >= 1) && (n8n.env.DB_TYPE || 'sqlite') === 'sqlite') {
		// Measured: 2 of 10 simultaneous form submissions failed ("SQLITE_ERROR: no such savepoint"),
		// and the REST API's row reads failed after that. The README tells operators the same.
		await check(`${tag} kit: n8n 1.x runs the kit with DB_SQLITE_POOL_SIZE >= 1 or PostgreSQL (createN8n env)`, () => {
			throw new Error("n8n 1.x's default single-connection SQLite driver breaks simultaneous Data table writes; start this n8n with env DB_SQLITE_POOL_SIZE=3");
		});
		return kit;
	}
	let ready = false;
	await check(`${tag} kit: Data table "${table().name}" created through n8n's REST API, picked in the nodes (1.x), both workflows activated`, async () => {
		await kit.setup();
		const columns = await kit.rest.call('GET', `/projects/${kit.projectId}/data-tables/${kit.tableId}/columns`);
		assert.deepEqual(columns.map((c) => `${c.name}:${c.type}`), table().columns.map((c) => `${c.name}:${c.type}`));
		ready = true;
	});
	if (!ready) return;

	const people = [
		['ada', 'Ada Lovelace', 'ada@example.com'],
		['ben', 'Ben Rejected', 'ben@example.com'],
		['cleo', 'Cleo Reviewed', 'cleo@example.com'],
		['dan', 'Dan Declined', 'dan@example.com'],
		['eve', 'Eve Retry', 'eve@example.com'],
		['finn', 'Finn Expired', 'finn@example.com'],
		['gus', 'Gus Lost', 'gus@example.com'],
		['hana', 'Hana Ongoing', 'hana@example.com'],
		['ivy', 'Ivy Unfinished', 'ivy@example.com'],
		['jack', 'Jack Race', 'jack@example.com'],
	];
	let signedUp = false;
	await check(`${tag} kit start: ${people.length} form submissions over HTTP -> Yoti Create (notifications to the kit's trigger, user_tracking_id = the row's) -> PENDING rows -> the link by e-mail`, async () => {
		await Promise.all(people.map(([label, name, email]) => kit.signUp(label, name, email)));
		const rows = await kit.rows();
		assert.equal(rows.length, people.length);
		for (const [label, name, email] of people) {
			const row = rows.find((r) => r.email === email);
			assert.equal(row.session_id, kit.session(label));
			assert.equal(row.status, 'PENDING');
			assert.equal(row.name, name);
			assert.equal(row.attempt, 1);
			assert.equal(row.retry_of, '');
			assert.match(row.tracking_id, /^kit-\d+-0$/);
			assert.ok(!Number.isNaN(Date.parse(row.created_at)), `created_at ${row.created_at}`);
			for (const empty of ['decision', 'decided_at', 'deleted_at', 'reviewer']) assert.equal(row[empty] ?? null, null, `${label} ${empty}`);
			const spec = sim.createdSpec(row.session_id);
			assert.equal(spec.user_tracking_id, row.tracking_id);
			assert.deepEqual(spec.notifications, {
				endpoint: e2e.webhookUrl(server.url, TRIGGER_WEBHOOK_ID),
				topics: ['SESSION_COMPLETION'],
				auth_token: fx.NOTIFY_TOKEN,
				auth_type: 'BASIC',
			});
			const [mail, ...more] = kit.mails(email);
			assert.equal(more.length, 0);
			assert.equal(mail.subject, SUBJECT.link);
			assert.match(mail.text, new RegExp(`Hello ${name},`));
			assert.ok(mail.text.includes(`sessionID=${row.session_id}`), mail.text);
		}
		signedUp = true;
	});
	if (!signedUp) return;

	await check(`${tag} kit result: approve -> APPROVED by the notification, "${SUBJECT.verified}"`, async () => {
		await kit.finish('ada', 'approve', { waitFor: 'APPROVED' });
		await until('the verified e-mail', () => kit.mails('ada@example.com').length === 2);
		assert.deepEqual(kit.mails('ada@example.com').map((m) => m.subject), [SUBJECT.link, SUBJECT.verified]);
	});
	await check(`${tag} kit result: reject -> REJECTED, "${SUBJECT.declined}"`, async () => {
		await kit.finish('ben', 'reject', { waitFor: 'REJECTED' });
		await until('the declined e-mail', () => kit.mails('ben@example.com').length === 2);
		assert.deepEqual(kit.mails('ben@example.com').map((m) => m.subject), [SUBJECT.link, SUBJECT.declined]);
	});
	await check(`${tag} kit result: not_available -> NOT_AVAILABLE and a new link (attempt 2, retry_of), which then approves`, async () => {
		await kit.finish('eve', 'not_available', { waitFor: 'NOT_AVAILABLE' });
		const second = await kit.nextSession('eve');
		assert.equal(second.status, 'PENDING');
		assert.equal(second.attempt, 2);
		assert.equal(second.retry_of, kit.session('eve', 0));
		await until('the new link', () => kit.mails('eve@example.com').length === 2);
		const newLink = kit.mails('eve@example.com')[1];
		assert.equal(newLink.subject, SUBJECT.newLink);
		assert.ok(newLink.text.includes(`sessionID=${second.session_id}`));
		await kit.finish('eve', 'approve', { n: 1, waitFor: 'APPROVED' });
		await until('the verified e-mail', () => kit.mails('eve@example.com').length === 3);
	});
	await check(`${tag} kit result: expire three times -> EXPIRED, new links for attempts 2 and 3, then no more links`, async () => {
		await kit.finish('finn', 'expire', { waitFor: 'EXPIRED' });
		await kit.nextSession('finn');
		await kit.finish('finn', 'expire', { n: 1, waitFor: 'EXPIRED' });
		const third = await kit.nextSession('finn');
		assert.equal(third.attempt, 3);
		await kit.finish('finn', 'expire', { n: 2, waitFor: 'EXPIRED' });
		const runs = await kit.settled();
		const last = runs.filter((x) => x.workflowId === JOURNEY_ID && nodesThatRan(x).includes('Mark EXPIRED (only if still PENDING)')).at(-1);
		assert.ok(nodesThatRan(last).includes('No more links: hand over to the team'), `ran: ${nodesThatRan(last).join(', ')}`);
		assert.deepEqual(kit.mails('finn@example.com').map((m) => m.subject), [SUBJECT.link, SUBJECT.newLink, SUBJECT.newLink]);
	});

	const review = async (label, answer, reviewer, note) => {
		const { name, email } = kit.people[label];
		await kit.finish(label, 'review', { waitFor: 'IN_REVIEW' });
		await until(`the reviewer's e-mail about ${name}`, () => kit.reviewMails(name).length === 1);
		const [mail] = kit.reviewMails(name);
		const sessionId = kit.session(label);
		// the review packet: what was flagged, who the person is, the images inline
		assert.equal(mail.subject, `Identity review: ${name} (WATCHLIST_SCREENING)`);
		for (const text of [
			`<strong>${name}</strong>, born 1990-04-12 (PASSPORT, GBR)`,
			`Session ${sessionId}: REVIEW, COMPLETED`,
			'WATCHLIST_SCREENING: CONSIDER (POTENTIAL_MATCH); failed sub-checks: politically_exposed_person; 2 watchlist hits',
			'Watchlist hits in total: 2',
			'src="cid:document_page"',
			'src="cid:document_photo"',
			'src="cid:face"',
		]) {
			assert.ok(mail.html.includes(text), `the reviewer's e-mail has ${text}:\n${mail.html}`);
		}
		const images = Object.fromEntries(
			mail.mime.parts.filter((p) => /^image\//.test(p.headers['content-type'] || '')).map((p) => [(p.headers['content-id'] || '').replace(/[<>]/g, ''), p.content]),
		);
		assert.deepEqual(Object.keys(images).sort(), ['document_page', 'document_photo', 'face']);
		assert.ok(images.document_page.equals(fs.readFileSync(path.join(DEMO_MEDIA, '3ed1a000-0000-4000-8000-000000000101.jpg'))));
		assert.ok(images.document_photo.equals(fs.readFileSync(path.join(DEMO_MEDIA, '3ed1a000-0000-4000-8000-000000000104.png'))));
		assert.ok(images.face.equals(fs.readFileSync(path.join(DEMO_MEDIA, '3ed1a000-0000-4000-8000-000000000106.png'))));
		// the button: the waiting run's resume form
		const href = /href="([^"]+)"[^>]*>Approve or reject</.exec(mail.html);
		assert.ok(href, `a resume link in ${mail.html}`);
		const url = href[1].replace(/&amp;/g, '&');
		assert.ok(url.startsWith(`${server.url}/form-waiting/`), url);
		const row = await kit.rowOf(sessionId);
		assert.equal(row.status, 'IN_REVIEW');
		assert.equal(row.decision, 'REVIEW');
		const before = kit.mails(email).length;
		const submitted = await kit.submitForm(url, { Decision: answer, 'Your name': reviewer, Note: note });
		assert.equal(submitted.status, 200, submitted.text.slice(0, 300));
		assert.ok(submitted.page.includes('Identity review'), 'the resume form is the kit\'s');
		assert.ok(submitted.page.includes('POTENTIAL_MATCH'), 'the form shows what was flagged');
		const status = answer === 'Approve' ? 'APPROVED' : 'REJECTED';
		await until(`row ${sessionId} ${status}`, async () => (await kit.rowOf(sessionId)).status === status);
		await until(`the person's e-mail`, () => kit.mails(email).length === before + 1);
		assert.equal(kit.mails(email).at(-1).subject, answer === 'Approve' ? SUBJECT.verified : SUBJECT.declined);
		// the same form again: the run has moved on, nothing acts twice
		const again = await kit.submitForm(url, { Decision: answer === 'Approve' ? 'Reject' : 'Approve', 'Your name': 'Someone Else', Note: '' }).catch((err) => ({ status: 0, text: err.message }));
		assert.notEqual(again.status, 500, again.text.slice(0, 200));
		await delay(1500);
		assert.equal(kit.mails(email).length, before + 1, 'a second answer does nothing');
		assert.equal((await kit.rowOf(sessionId)).reviewer, reviewer);
	};
	await check(`${tag} kit review: REVIEW -> IN_REVIEW -> the reviewer's e-mail (flags, name, date of birth, 3 images) -> approved through the real resume URL`, () =>
		review('cleo', 'Approve', 'Rita Reviewer', 'PEP hit is a namesake'),
	);
	await check(`${tag} kit review: a second REVIEW rejected through its resume URL`, () => review('dan', 'Reject', 'Sam Second', 'Could not rule out the match'));

	await check(`${tag} kit sweep: two notifications dropped (one session still ONGOING with a rejected document), one person who never finished; the sweep, run on demand, decides the two and leaves the rest`, async () => {
		await kit.finish('gus', 'approve', { notify: false });
		await kit.finish('hana', 'reject', { notify: false, state: 'ONGOING' });
		await delay(1000);
		for (const label of ['gus', 'hana', 'ivy']) assert.equal((await kit.rowOf(kit.session(label))).status, 'PENDING');
		// the rows are older than the kit's 30 minutes (written through the REST API: the test's clock)
		const old = new Date(Date.now() - 45 * 60_000).toISOString();
		for (const label of ['gus', 'hana', 'ivy']) await kit.setRow(kit.session(label), { created_at: old });
		const mark = sim.requests.length;
		await kit.runManually(JOURNEY_ID, SWEEP_NODE);
		await until('gus APPROVED and hana REJECTED by the sweep', async () => {
			const [g, h] = [await kit.rowOf(kit.session('gus')), await kit.rowOf(kit.session('hana'))];
			return g.status === 'APPROVED' && h.status === 'REJECTED';
		});
		await kit.settled();
		const gus = await kit.rowOf(kit.session('gus'));
		const hana = await kit.rowOf(kit.session('hana'));
		assert.deepEqual([gus.decided_by, gus.decision, hana.decided_by, hana.decision], ['sweep', 'APPROVE', 'sweep', 'REJECT']);
		assert.equal((await kit.rowOf(kit.session('ivy'))).status, 'PENDING', 'a session still ONGOING with no decision stays PENDING');
		const read = sim.requests.slice(mark).filter((r) => r.method === 'GET' && /^\/idverify\/v1\/sessions\/[^/]+$/.test(r.path)).map((r) => r.path.split('/').pop());
		assert.deepEqual([...new Set(read)].sort(), [kit.session('gus'), kit.session('hana'), kit.session('ivy')].sort(), 'only rows PENDING for more than 30 minutes are read');
		assert.deepEqual(kit.mails('gus@example.com').map((m) => m.subject), [SUBJECT.link, SUBJECT.verified]);
		assert.deepEqual(kit.mails('hana@example.com').map((m) => m.subject), [SUBJECT.link, SUBJECT.declined]);
	});

	await check(`${tag} kit guard: the late notification after the sweep decided runs, finds no PENDING row and acts on nothing`, async () => {
		const before = (await listExecutions(n8n)).filter((x) => x.workflowId === JOURNEY_ID).length;
		const sent = await sim.journey.notify(kit.session('gus'));
		assert.equal(sent.status, 200);
		const runs = await until('the late notification\'s run', async () => {
			const list = (await kit.settled()).filter((x) => x.workflowId === JOURNEY_ID);
			return list.length > before ? list : null;
		});
		const late = runs.slice(before).find((x) => nodesThatRan(x).includes('Decision from the notification'));
		assert.ok(late, 'the notification ran the workflow');
		assert.ok(nodesThatRan(late).includes('Mark APPROVED (only if still PENDING)'));
		assert.deepEqual(e2e.nodeItems(late, 'Mark APPROVED (only if still PENDING)'), [], 'the guard matched no row');
		assert.ok(!nodesThatRan(late).includes('E-mail: you are verified'), `ran: ${nodesThatRan(late).join(', ')}`);
		assert.equal(kit.mails('gus@example.com').length, 2, 'no second e-mail');
	});

	await check(`${tag} kit guard: a notification racing the sweep for the same session acts once`, async () => {
		await kit.finish('jack', 'approve', { notify: false });
		await kit.setRow(kit.session('jack'), { created_at: new Date(Date.now() - 45 * 60_000).toISOString() });
		await Promise.all([kit.runManually(JOURNEY_ID, SWEEP_NODE), sim.journey.notify(kit.session('jack'))]);
		await until('jack APPROVED', async () => (await kit.rowOf(kit.session('jack'))).status === 'APPROVED');
		const runs = await kit.settled();
		await delay(1000);
		assert.deepEqual(kit.mails('jack@example.com').map((m) => m.subject), [SUBJECT.link, SUBJECT.verified]);
		const claim = (await kit.rowOf(kit.session('jack'))).claim;
		const acted = runs.filter((x) => (e2e.nodeItems(x, 'Mark APPROVED (only if still PENDING)') || []).some((i) => i.json.session_id === kit.session('jack')));
		assert.deepEqual(acted.map((x) => x.id), [claim], 'one run moved the row, the one its claim names');
	});

	await check(`${tag} kit retention: decided sessions older than 30 days deleted at Yoti with deleted_at; one already gone (404) gets its receipt; an ONGOING one answers 409, is noted, and is deleted on the next run`, async () => {
		const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
		for (const label of ['ada', 'ben', 'hana', 'finn']) await kit.setRow(kit.session(label), { decided_at: old });
		await deleteAtYoti(sim, kit.session('finn')); // gone before retention comes
		const mark = sim.requests.length;
		await kit.runManually(RETENTION_ID, RETENTION_NODE);
		await until('ada, ben and finn deleted, hana noted', async () => {
			const [a, b, h, f] = await Promise.all(['ada', 'ben', 'hana', 'finn'].map((l) => kit.rowOf(kit.session(l))));
			return a.deleted_at && b.deleted_at && f.deleted_at && /409/.test(h.retention_note || '');
		});
		await kit.settled();
		const deletes = () => sim.requests.slice(mark).filter((r) => r.method === 'DELETE').map((r) => `${r.path.split('/').pop()} ${r.status}`);
		assert.deepEqual(deletes().sort(), [`${kit.session('ada')} 204`, `${kit.session('ben')} 204`, `${kit.session('hana')} 409`, `${kit.session('finn')} 404`].sort());
		assert.equal((await kit.rowOf(kit.session('ada'))).retention_note, 'Deleted at Yoti: session, media and results');
		assert.match((await kit.rowOf(kit.session('finn'))).retention_note, /^Already gone at Yoti \(404/);
		const hana = await kit.rowOf(kit.session('hana'));
		assert.equal(hana.deleted_at ?? null, null);
		assert.match(hana.retention_note, /^Not deleted yet: Yoti says the session is still ongoing \(409\) — tried again on the next run/);
		// Yoti completes the session; the next run deletes it and nothing else
		sim.journey.setState(kit.session('hana'), 'COMPLETED');
		await kit.runManually(RETENTION_ID, RETENTION_NODE);
		await until('hana deleted', async () => (await kit.rowOf(kit.session('hana'))).deleted_at);
		await kit.settled();
		assert.deepEqual(deletes().sort(), [`${kit.session('ada')} 204`, `${kit.session('ben')} 204`, `${kit.session('hana')} 409`, `${kit.session('finn')} 404`, `${kit.session('hana')} 204`].sort());
		for (const label of ['ada', 'ben', 'hana']) {
			const got = await e2e.request(`${sim.url}/__admin/journey/sessions`, { method: 'GET' });
			assert.ok(got.json.sessions.find((s) => s.session_id === kit.session(label)).deleted, `${label}'s session is gone at the simulator`);
		}
	});

	await check(`${tag} kit final state: every row as the journey must leave it, every e-mail once, no run failed`, async () => {
		const runs = await kit.settled();
		const S = (label, n = 0) => kit.session(label, n);
		const D = 'deleted';
		// session -> [status, decision, decided_by, attempt, review_answer, reviewer, deleted?]
		const expected = [
			[S('ada'), 'APPROVED', 'APPROVE', 'notification', 1, null, null, D],
			[S('ben'), 'REJECTED', 'REJECT', 'notification', 1, null, null, D],
			[S('cleo'), 'APPROVED', 'REVIEW', 'notification', 1, 'APPROVE', 'Rita Reviewer', null],
			[S('dan'), 'REJECTED', 'REVIEW', 'notification', 1, 'REJECT', 'Sam Second', null],
			[S('eve'), 'NOT_AVAILABLE', 'NOT_AVAILABLE', 'notification', 1, null, null, null],
			[S('eve', 1), 'APPROVED', 'APPROVE', 'notification', 2, null, null, null],
			[S('finn'), 'EXPIRED', 'EXPIRED', 'notification', 1, null, null, D],
			[S('finn', 1), 'EXPIRED', 'EXPIRED', 'notification', 2, null, null, null],
			[S('finn', 2), 'EXPIRED', 'EXPIRED', 'notification', 3, null, null, null],
			[S('gus'), 'APPROVED', 'APPROVE', 'sweep', 1, null, null, null],
			[S('hana'), 'REJECTED', 'REJECT', 'sweep', 1, null, null, D],
			[S('ivy'), 'PENDING', null, null, 1, null, null, null],
		];
		const rows = await kit.rows();
		const jack = rows.find((r) => r.session_id === S('jack'));
		const got = rows
			.filter((r) => r !== jack)
			.map((r) => [r.session_id, r.status, r.decision ?? null, r.decided_by ?? null, r.attempt, r.review_answer ?? null, r.reviewer ?? null, r.deleted_at ? D : null]);
		const order = (list) => [...list].sort((a, b) => a[0].localeCompare(b[0]));
		assert.deepEqual(order(got), order(expected));
		assert.deepEqual([jack.status, jack.decision, ['sweep', 'notification'].includes(jack.decided_by)], ['APPROVED', 'APPROVE', true]);
		for (const r of rows) {
			if (r.status !== 'PENDING') assert.ok(r.decided_at && r.claim, `${r.email} has decided_at and claim`);
			if (r.deleted_at) assert.match(r.retention_note, /^(Deleted at Yoti|Already gone at Yoti \(404)/);
		}
		assert.equal(rows.filter((r) => r.retry_of).map((r) => r.retry_of).sort().join(), [S('eve'), S('finn'), S('finn', 1)].sort().join());
		// every person got exactly the e-mails their journey sends; the reviewer exactly two
		const mailbox = {
			'ada@example.com': [SUBJECT.link, SUBJECT.verified],
			'ben@example.com': [SUBJECT.link, SUBJECT.declined],
			'cleo@example.com': [SUBJECT.link, SUBJECT.verified],
			'dan@example.com': [SUBJECT.link, SUBJECT.declined],
			'eve@example.com': [SUBJECT.link, SUBJECT.newLink, SUBJECT.verified],
			'finn@example.com': [SUBJECT.link, SUBJECT.newLink, SUBJECT.newLink],
			'gus@example.com': [SUBJECT.link, SUBJECT.verified],
			'hana@example.com': [SUBJECT.link, SUBJECT.declined],
			'ivy@example.com': [SUBJECT.link],
			'jack@example.com': [SUBJECT.link, SUBJECT.verified],
		};
		for (const [to, subjects] of Object.entries(mailbox)) assert.deepEqual(kit.mails(to).map((m) => m.subject), subjects, to);
		assert.equal(kit.mails(REVIEWER).length, 2);
		// no session was acted on twice: each row left PENDING in exactly one run
		const movers = {};
		for (const x of runs) {
			for (const node of Object.keys(x.data?.resultData?.runData || {}).filter((n) => /^Mark /.test(n))) {
				for (const item of e2e.nodeItems(x, node) || []) movers[item.json.session_id] = (movers[item.json.session_id] || 0) + 1;
			}
		}
		assert.ok(Object.values(movers).every((count) => count === 1), JSON.stringify(movers));
		assert.equal(Object.keys(movers).length, rows.filter((r) => r.status !== 'PENDING').length);
		const failed = runs.filter((x) => !['success', 'waiting'].includes(x.status));
		assert.deepEqual(failed.map((x) => `${x.id} ${x.status} ${x.data?.resultData?.error?.message}`), []);
		kit.finalRows = rows;
	});
	return kit;
}

/**
 * `npm run demo`: the kit in the demo's n8n (prepareKit before start), a short journey — one
 * person per outcome, a REVIEW approved through the reviewer's form, a dropped notification the
 * sweep recovers, retention of an old session — then the table's rows printed.
 */
async function runKitDemo({ n8n, server, sim, sink, say = (m) => console.log(`[demo] ${m}`) }) {
	const kit = new Kit({ n8n, server, sim, sink });
	await kit.setup();
	say(`onboarding kit: Data table "${table().name}" created, kit workflows active; form at ${kit.formUrl()}`);
	const people = [
		['ada', 'Ada Lovelace', 'ada@example.com', 'approve'],
		['ben', 'Ben Rejected', 'ben@example.com', 'reject'],
		['cleo', 'Cleo Reviewed', 'cleo@example.com', 'review'],
		['eve', 'Eve Retry', 'eve@example.com', 'not_available'],
		['finn', 'Finn Expired', 'finn@example.com', 'expire'],
		['gus', 'Gus Lost', 'gus@example.com', 'approve'],
	];
	await Promise.all(people.map(([label, name, email]) => kit.signUp(label, name, email)));
	say(`${people.length} people submitted the form; each got a link by e-mail`);
	const status = { approve: 'APPROVED', reject: 'REJECTED', review: 'IN_REVIEW', not_available: 'NOT_AVAILABLE', expire: 'EXPIRED' };
	for (const [label, , , outcome] of people.slice(0, 5)) {
		await kit.finish(label, outcome, { waitFor: status[outcome] });
		say(`${label} finished with outcome ${outcome}: row ${status[outcome]}`);
	}
	await until('the reviewer e-mail', () => kit.reviewMails('Cleo Reviewed').length === 1);
	const url = /href="([^"]+)"[^>]*>Approve or reject</.exec(kit.reviewMails('Cleo Reviewed')[0].html)[1].replace(/&amp;/g, '&');
	await kit.submitForm(url, { Decision: 'Approve', 'Your name': 'Demo Reviewer', Note: 'namesake' });
	await until('cleo APPROVED', async () => (await kit.rowOf(kit.session('cleo'))).status === 'APPROVED');
	say('the reviewer approved cleo through the resume form in the e-mail');
	await kit.finish('gus', 'approve', { notify: false });
	await kit.setRow(kit.session('gus'), { created_at: new Date(Date.now() - 45 * 60_000).toISOString() });
	await kit.runManually(JOURNEY_ID, SWEEP_NODE);
	await until('gus APPROVED by the sweep', async () => (await kit.rowOf(kit.session('gus'))).status === 'APPROVED');
	say("gus's notification was dropped; the sweep decided his session");
	await kit.setRow(kit.session('ada'), { decided_at: new Date(Date.now() - 40 * 86_400_000).toISOString() });
	await kit.runManually(RETENTION_ID, RETENTION_NODE);
	await until('ada deleted', async () => (await kit.rowOf(kit.session('ada'))).deleted_at);
	say("retention deleted ada's session (decided 40 days ago) at Yoti");
	await kit.settled();
	const rows = await kit.rows();
	console.log(`\nOnboarding kit: the ${table().name} Data table\n`);
	console.log(rowTable(rows));
	console.log('');
	return rows;
}

/** Rows as the demo prints them. */
function rowTable(rows) {
	const columns = ['email', 'status', 'decision', 'decided_by', 'attempt', 'reviewer', 'deleted_at', 'session_id'];
	const cell = (v) => (v === null || v === undefined ? '' : String(v));
	const list = [...rows].sort((a, b) => a.id - b.id);
	const widths = columns.map((c) => Math.max(c.length, ...list.map((r) => cell(r[c]).length)));
	const line = (vals) => vals.map((v, i) => v.padEnd(widths[i])).join(' | ');
	return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...list.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
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
			console.log(`  FAIL ${name}: ${String(err && (err.stack || err.message)).split('\n').slice(0, 10).join('\n       ')}`);
		}
	};
	const t0 = Date.now();
	const sim = await startSimulator({ port: 0 });
	const sink = await startSmtpSink();
	const tag = `[${line}.x]`;
	let n8n;
	let server;
	try {
		e2e.packPackage({ build: !process.argv.includes('--no-build') });
		// n8n 1.x: the pooled SQLite driver (2.x's default), as the kit's README asks; `--sqlite-pool 0`
		// runs 1.x's default single-connection driver, where simultaneous Data table writes fail.
		const pool = process.argv.indexOf('--sqlite-pool');
		const poolSize = pool > 0 ? process.argv[pool + 1] : line < 2 ? SQLITE_POOL_SIZE : undefined;
		n8n = await e2e.createN8n({ line, env: poolSize === undefined ? {} : { DB_SQLITE_POOL_SIZE: poolSize } });
		await check(`${tag} install package, import credentials and the kit, n8n start (n8n ${n8n.version})`, async () => {
			await e2e.installPackage({ n8n });
			await n8n.importCredentials(fx.credentials(sim));
			await prepareKit(n8n, sink);
			server = await n8n.start();
		});
		if (server) {
			const kit = await kitChecks({ n8n, server, sim, sink, check, tag, line });
			if (kit && kit.finalRows) console.log(`\n${rowTable(kit.finalRows)}\n`);
		}
	} finally {
		if (server) await server.stop();
		if (n8n && process.env.N8N_E2E_KEEP) console.log(`kept ${n8n.userFolder}`);
		if (n8n) n8n.cleanup();
		await sink.close();
		await sim.close();
	}
	const passed = results.filter(Boolean).length;
	console.log(`kit wall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
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

module.exports = { prepareKit, kitChecks, runKitDemo, kitWorkflows, rowTable, Kit, SQLITE_POOL_SIZE, OWNER, JOURNEY_ID, RETENTION_ID, TRIGGER_WEBHOOK_ID, FORM_PATH, SMTP_CRED };
