#!/usr/bin/env node
'use strict';
// The Yoti package in a real n8n (2.x on Node 24 and 1.x on Node 20): packed and installed as
// a community package, credentials + workflows imported, workflows run with `n8n execute --id`
// (the printed run data is judged), the onboarding trigger served by `n8n start` and called
// by the simulator; saved executions are read from n8n's sqlite database.
//
//   node test/e2e/yoti.e2e.js [--line 1|2|all]   (default all; last line "N passed, M failed")

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const e2e = require('./n8n');
const { waitForExecutions, listExecutions, nodesThatRan } = require('./executions');
const fx = require('./yoti-fixtures');
const { startSimulator } = require('../simulator');
const { startSmtpSink } = require('./smtp-sink');
const { prepareInBranch, inBranchChecks } = require('./in-branch.e2e');
const { prepareShapes, shapesExecuteChecks, shapesServerChecks, closeShapes } = require('./shapes.e2e');
const { prepareEnvelopes, envelopeChecks, closeEnvelopes, envelopeEnv } = require('./envelopes.e2e');
const { prepareKit, kitChecks, SQLITE_POOL_SIZE } = require('./kit.e2e');
const { prepareAge, ageChecks } = require('./age.e2e');

const { S, R, M } = fx;
const SIGNATURE_REJECTED =
	"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// A throwaway owner of a throwaway instance that only listens on 127.0.0.1.
const OWNER = { email: 'e2e@example.com', firstName: 'E2e', lastName: 'Owner', password: 'E2e-Owner-2x' };

/** Owner setup + login on a fresh n8n (as the editor does), once per instance; returns the `n8n-auth` cookie. */
const cookies = new Map();
function ownerCookie(baseUrl) {
	if (!cookies.has(baseUrl)) cookies.set(baseUrl, loginOwner(baseUrl));
	return cookies.get(baseUrl);
}
async function loginOwner(baseUrl) {
	const setup = await e2e.request(`${baseUrl}/rest/owner/setup`, { body: OWNER });
	assert.equal(setup.status, 200, `owner setup: ${setup.text.slice(0, 300)}`);
	const login = await e2e.request(`${baseUrl}/rest/login`, { body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password } });
	assert.equal(login.status, 200, `login: ${login.text.slice(0, 300)}`);
	const match = /(?:^|[\s,])n8n-auth=([^;]+)/.exec(login.headers['set-cookie'] || '');
	assert.ok(match, 'login set no n8n-auth cookie');
	return match[1];
}

const results = [];
async function check(name, fn) {
	const t = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`  ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	} catch (err) {
		results.push({ name, ok: false });
		console.log(`  FAIL ${name}: ${String(err && (err.stack || err.message)).split('\n').slice(0, 8).join('\n       ')}`);
	}
}

const items = (run, node, opts) => {
	const list = e2e.nodeItems(run, node, opts);
	assert.ok(list, `node "${node}" did not run`);
	return list;
};
/**
 * n8n's default binary data mode: 1.x keeps the bytes in the item (base64 `data`), 2.x stores
 * them on disk and the item carries a `filesystem…:` id instead.
 */
function assertDefaultBinaryMode(line, bin) {
	if (line === 1) {
		const bytes = Buffer.from(bin.data, 'base64');
		assert.equal(bytes.subarray(0, 2).toString('hex'), 'ffd8', 'JPEG bytes in the item');
	} else {
		assert.match(String(bin.id), /^filesystem(-v2)?:/, `binary id ${bin.id}`);
	}
}
const jsons = (run, node, opts) => items(run, node, opts).map((i) => i.json);

async function runLine(line, sim, sink) {
	const tag = `[${line}.x]`;
	console.log(`${tag} starting`);
	sim.reset();
	// The media-archive example writes files; n8n 2.x only lets nodes write where this allows.
	const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), `yoti-media-archive-${line}-`));
	// The sign-after-approval example stores signed documents; n8n 2.x allows writes only where this says.
	const signedDir = fs.mkdtempSync(path.join(os.tmpdir(), `yoti-signed-${line}-`));
	// 1.x's default single-connection SQLite breaks Data tables when runs overlap (examples/onboarding-kit/README.md).
	const n8n = await e2e.createN8n({ line, env: { ...envelopeEnv(signedDir, archiveDir), ...(line < 2 ? { DB_SQLITE_POOL_SIZE: SQLITE_POOL_SIZE } : {}) } });
	let server;
	let shapes;
	let envelopes;
	const runs = {};
	try {
		let ready = false;
		await check(`${tag} install package, import credentials and workflows (n8n ${n8n.version}, node ${n8n.info.nodeVersion})`, async () => {
			await e2e.installPackage({ n8n });
			await n8n.importCredentials(fx.credentials(sim));
			await n8n.importWorkflow([fx.operationsWorkflow(), fx.wrongKeyWorkflow(), fx.example('nightly-audit'), fx.mediaArchiveExample(archiveDir), fx.example('onboarding')]);
			await prepareInBranch(n8n, sink);
			shapes = await prepareShapes(n8n);
			envelopes = await prepareEnvelopes(n8n, { signedDir });
			await prepareKit(n8n, sink);
			await prepareAge(n8n, sim);
			ready = true;
		});
		if (!ready) return;

		await check(`${tag} execute: every operation workflow`, async () => {
			runs.ops = await n8n.executeWorkflow('YotiE2eOps000001');
			assert.ok(runs.ops.ok, `run failed: ${JSON.stringify(runs.ops.error)} (log ${runs.ops.logFile})`);
		});
		const ops = runs.ops;
		if (ops && ops.ok) {
			await check(`${tag} session.get checks: one item per check of ${S.approve}`, () => {
				const got = jsons(ops, 'Get checks');
				assert.deepEqual(got.map((j) => j.check_type), ['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_TEXT_DATA_CHECK', 'ID_DOCUMENT_FACE_MATCH', 'LIVENESS']);
				for (const j of got) assert.equal(j.session_id, S.approve);
				assert.ok(got.every((j) => j.approved === true && j.recommendation === 'APPROVE'));
				assert.ok(Array.isArray(got[0].failed_sub_checks));
			});
			await check(`${tag} session.get subChecks: breakdown rows of the REJECT session`, () => {
				const got = jsons(ops, 'Get sub-checks');
				assert.equal(got.length, 10);
				assert.ok(got.some((j) => j.check_type === 'ID_DOCUMENT_AUTHENTICITY' && j.sub_check === 'hologram_movement' && j.result === 'FAIL'));
			});
			await check(`${tag} session.get summary: decision REJECT`, () => {
				const [j, ...rest] = jsons(ops, 'Get summary');
				assert.equal(rest.length, 0);
				assert.equal(j.decision, 'REJECT');
				assert.deepEqual(j.rejected_check_types, ['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'WATCHLIST_SCREENING']);
			});
			await check(`${tag} session.get raw: the API response`, () => {
				const [j] = jsons(ops, 'Get raw');
				assert.equal(j.session_id, S.notAvailable);
				assert.equal(j.checks.length, 3);
			});
			await check(`${tag} session.getConfiguration: required resources`, () => {
				const got = jsons(ops, 'Get configuration');
				assert.ok(got.length >= 1);
				for (const j of got) {
					assert.equal(j.session_id, S.approve);
					assert.equal(typeof j.type, 'string');
				}
			});
			await check(`${tag} session.getMedia: JPEG page as binary (default binary mode)`, () => {
				const [item, ...rest] = items(ops, 'Get media page');
				assert.equal(rest.length, 0);
				assert.ok(item.binary && item.binary.data, 'item has binary.data');
				assert.equal(item.binary.data.mimeType, 'image/jpeg');
				assert.equal(item.binary.data.fileName, `${M.page}.jpg`);
				assertDefaultBinaryMode(line, item.binary.data);
				assert.equal(item.json.has_content, true);
				assert.equal(item.json.media_id, M.page);
				assert.equal(item.json.mime_type, 'image/jpeg');
			});
			await check(`${tag} session.getMedia: JSON media parsed into content`, () => {
				const [item] = items(ops, 'Get media fields');
				assert.equal(item.binary.data.mimeType, 'application/json');
				assert.equal(typeof item.json.content.full_name, 'string');
			});
			await check(`${tag} session.getMedia: 204 -> has_content false, no binary`, () => {
				const [item] = items(ops, 'Get media empty');
				assert.equal(item.json.has_content, false);
				assert.ok(!item.binary || !item.binary.data);
			});
			await check(`${tag} session.getIdentityData: document fields flattened`, () => {
				const got = jsons(ops, 'Get identity data');
				assert.ok(got.length >= 1);
				assert.equal(got[0].session_id, S.approve);
				assert.equal(typeof got[0].full_name, 'string');
				assert.equal(got[0].issuing_country, 'GBR');
			});
			await check(`${tag} session.getTrackedDevices: one item per event`, () => {
				const got = jsons(ops, 'Get tracked devices');
				assert.ok(got.length >= 1);
				assert.ok(got.every((j) => j.session_id === S.approve && typeof j.event === 'string'));
			});
			await check(`${tag} supportedDocuments.getAll: Latin documents only by default`, () => {
				const got = jsons(ops, 'Supported documents');
				const countries = new Set(got.map((j) => j.country_code));
				assert.ok(countries.has('GBR') && countries.has('FRA'));
				assert.ok(!countries.has('SAU'), 'SAU has non-Latin documents only');
				assert.ok(got.every((j) => j.is_strictly_latin === true));
			});
			await check(`${tag} session.create: new session id, token and user URL`, () => {
				const [j] = jsons(ops, 'Create session');
				assert.match(j.session_id, UUID);
				assert.equal(typeof j.client_session_token, 'string');
				assert.ok(j.user_url.includes(`sessionID=${j.session_id}`));
			});
			await check(`${tag} session.delete: deleted`, () => {
				assert.deepEqual(jsons(ops, 'Delete session'), [{ session_id: S.deletable, deleted: true }]);
			});
			await check(`${tag} signRecipient.getSignedResult summary: APPROVE`, () => {
				const [j] = jsons(ops, 'Signed result');
				assert.equal(j.decision, 'APPROVE');
			});
			await check(`${tag} signRecipient.getSignedPdf: zip binary`, () => {
				const [item] = items(ops, 'Signed PDF');
				assert.equal(item.binary.data.mimeType, 'application/zip');
			});
			await check(`${tag} Continue On Fail: the bad ID becomes an error item, the rest go on`, () => {
				const got = jsons(ops, 'Continue on fail');
				assert.equal(got.length, 3);
				assert.equal(got[0].decision, 'APPROVE');
				assert.ok(got[1].error, 'second item is an error item');
				assert.match(JSON.stringify(got[1].error), /not found|404/i);
				assert.equal(got[2].decision, 'REJECT');
			});
		}

		await check(`${tag} wrong key: the run fails with the contract's 401 message`, async () => {
			const run = await n8n.executeWorkflow('YotiE2eWrongKey1');
			assert.equal(run.ok, false);
			const err = e2e.nodeError(run, 'Wrong key') || run.error;
			assert.ok(String(err.message).includes(SIGNATURE_REJECTED), `message: ${err.message}`);
			assert.ok(!run.stdout.includes('BEGIN RSA PRIVATE KEY'), 'no key in the output');
		});

		await check(`${tag} example nightly-audit: check items of all six sessions, CSV`, async () => {
			const run = await n8n.executeWorkflow('YotiNightlyAudit');
			assert.ok(run.ok, `run failed: ${JSON.stringify(run.error)} (log ${run.logFile})`);
			const got = jsons(run, 'Yoti: checks of each session');
			const perSession = {};
			for (const j of got) perSession[j.session_id] = (perSession[j.session_id] || 0) + 1;
			assert.deepEqual(perSession, { [S.approve]: 4, [S.reject]: 5, [S.notAvailable]: 3, [S.ongoing]: 2, '5e551000-0000-4000-8000-000000000006': 2, '5e551000-0000-4000-8000-000000000007': 2 });
			const [csv] = items(run, 'Audit table (CSV)');
			assert.equal(csv.binary.data.fileName, 'yoti-audit.csv');
		});

		await check(`${tag} example media-archive: the media output, one download per media ID, files in the archive folder`, async () => {
			const run = await n8n.executeWorkflow('YotiMediaArchive');
			assert.ok(run.ok, `run failed: ${JSON.stringify(run.error)} (log ${run.logFile})`);
			// …0001 lists 7 media IDs; the fields media 103 appears under three roles
			const inventory = jsons(run, 'Yoti: media of the session');
			assert.deepEqual(inventory.map((j) => `${j.media_role}:${j.media_id.slice(-3)}`), [
				'task_generated:103', 'document_page:101', 'document_frame:102', 'document_fields:103', 'document_id_photo:104',
				'liveness_facemap:105', 'liveness_frame:106', 'liveness_frame:107', 'check_generated:103',
			]);
			const downloads = jsons(run, 'Yoti: download media');
			assert.deepEqual(downloads.map((j) => [j.media_id.slice(-3), j.has_content]), [
				['103', true], ['101', true], ['102', true], ['104', true], ['105', true], ['106', true], ['107', false],
			]);
			const written = items(run, 'Write to the archive folder');
			assert.equal(written.length, 6, 'the 204 media (107) is not written');
			const dataDir = path.join(__dirname, '..', 'simulator', 'data', 'media', S.approve);
			const expected = fs.readdirSync(dataDir).filter((name) => !name.endsWith('.empty')).sort();
			const files = fs.readdirSync(archiveDir).sort();
			assert.deepEqual(files, expected.map((name) => `${S.approve}_${name}`));
			for (const name of expected) {
				assert.ok(fs.readFileSync(path.join(archiveDir, `${S.approve}_${name}`)).equals(fs.readFileSync(path.join(dataDir, name))), `${name} bytes`);
			}
		});

		await shapesExecuteChecks({ n8n, check, tag, prepared: shapes });

		let started = false;
		await check(`${tag} onboarding example activated and served by n8n start`, async () => {
			await n8n.activateWorkflow('YotiOnboarding01');
			server = await n8n.start();
			started = true;
		});
		if (!started) return;
		const endpoint = e2e.webhookUrl(server.url, fx.ONBOARDING_WEBHOOK_ID);
		const notify = (session_id, extra = {}) => sim.notify({ session_id, topic: 'session_completion', endpoint, auth_token: fx.NOTIFY_TOKEN, auth_type: 'BASIC', ...extra });
		const onboarding = (list) => list.filter((x) => x.workflowId === 'YotiOnboarding01');

		const branchCase = async (sessionId, decision, branch) => {
			const before = onboarding(await listExecutions(n8n)).length;
			const sent = await notify(sessionId);
			assert.equal(sent.status, 200, `webhook answered ${sent.status} ${sent.body}`);
			const done = await waitForExecutions(n8n, (l) => onboarding(l).length === before + 1);
			const exec = onboarding(done).at(-1);
			assert.equal(exec.status, 'success');
			const [summary] = jsons(exec, 'Yoti Trigger');
			assert.equal(summary.session_id, sessionId);
			assert.equal(summary.decision, decision);
			assert.equal(summary.topic, 'session_completion');
			assert.ok(nodesThatRan(exec).includes(branch), `ran: ${nodesThatRan(exec).join(', ')}`);
		};
		const B = fx.ONBOARDING_BRANCHES;
		await check(`${tag} trigger: APPROVE session -> "Activate the account" branch`, () => branchCase(S.approve, 'APPROVE', B.APPROVE));
		await check(`${tag} trigger: REJECT session -> "Decline and notify the user" branch`, () => branchCase(S.reject, 'REJECT', B.REJECT));
		await check(`${tag} trigger: CONSIDER watchlist hit -> REVIEW branch`, () => branchCase(S.review, 'REVIEW', B.REVIEW));
		await check(`${tag} trigger: EXPIRED session -> EXPIRED branch`, () => branchCase(S.expired, 'EXPIRED', B.EXPIRED));
		await check(`${tag} trigger: session that cannot be read -> fetch_failed, decision ERROR, ERROR branch`, async () => {
			await branchCase(S.unknown, 'ERROR', B.ERROR);
			const exec = onboarding(await listExecutions(n8n)).at(-1);
			const [item] = jsons(exec, 'Yoti Trigger');
			assert.equal(item.fetch_failed, true);
			assert.match(item.error, /^Could not read the session from Yoti: .*not found/);
			for (const other of Object.values(B).filter((name) => name !== B.ERROR)) assert.ok(!nodesThatRan(exec).includes(other), `${other} ran too`);
		});

		const credentialTest = async (credential, data = {}) => {
			const cookie = await ownerCookie(server.url);
			const res = await e2e.request(`${server.url}/rest/credentials/test`, {
				headers: { cookie: `n8n-auth=${cookie}` },
				body: { credentials: { id: credential.id, name: credential.name, type: 'yotiApi', data: { ...credential.data, ...data } } },
			});
			assert.equal(res.status, 200, res.text.slice(0, 300));
			return res.json.data;
		};
		const probesSince = (before) => sim.requests.slice(before).map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
		await check(`${tag} credential Test button (POST /rest/credentials/test): right key OK, wrong key and unknown SDK ID refused`, async () => {
			const [right, , , wrong] = fx.credentials(sim);
			const before = sim.requests.length;
			assert.deepEqual(await credentialTest(right), { status: 'OK', message: 'Connection successful: Yoti accepted the credential' });
			assert.deepEqual(await credentialTest(wrong), { status: 'Error', message: SIGNATURE_REJECTED });
			const unknownApp = await credentialTest(right, { sdkId: 'de30de30-0000-4000-8000-0000000000ff' });
			assert.equal(unknownApp.status, 'Error');
			assert.match(unknownApp.message, /SDK ID is not an application in this environment/);
			// the probes: POST /sessions refused 400 / 401 / 404, no session created
			assert.deepEqual(probesSince(before), ['POST /idverify/v1/sessions 400', 'POST /idverify/v1/sessions 401', 'POST /idverify/v1/sessions 404']);
		});

		await check(`${tag} credential Test cannot mislead: a proxy's 400, a 400 that is not Yoti's refusal, a 2xx, a non-UUID SDK ID, an http:// host that is not loopback, user:pass@ never shown`, async () => {
			const [right] = fx.credentials(sim);
			const sessionsBefore = sim.createdSessionCount();
			const withFault = async (spec) => {
				sim.setFaults([spec]);
				try {
					return await credentialTest(right);
				} finally {
					sim.clearFaults();
				}
			};
			const proxy = await withFault('400:body=html:method=POST:route=/sessions$:times=1');
			assert.equal(proxy.status, 'Error');
			assert.match(proxy.message, /^Not confirmed: the test request got an answer that is not Yoti's JSON \(HTTP 400, text\/html/);
			const otherJson = await withFault('400:body=json:method=POST:route=/sessions$:times=1');
			assert.equal(otherJson.status, 'Error');
			assert.match(otherJson.message, /^Not confirmed: the test request got HTTP 400, but not Yoti's refusal of the test payload/);
			const accepted = await withFault('accept:times=1');
			assert.equal(accepted.status, 'Error');
			assert.match(accepted.message, /^Not confirmed: Yoti, or whatever answered at this Base URL, accepted the test request .* a session may have been created \(session_id [0-9a-f-]{36}\): delete it with the Yoti node \(Session → Delete/);
			assert.equal(sim.createdSessionCount(), sessionsBefore + 1, 'the 2xx did create a session, as the message warns');

			const before = sim.requests.length;
			const notUuid = await credentialTest(right, { sdkId: 'my-app' });
			assert.equal(notUuid.status, 'Error');
			assert.match(notUuid.message, /^The SDK ID is not a UUID .*nothing was sent to Yoti$/);
			assert.deepEqual(probesSince(before), [], 'nothing was sent');
			const remoteHttp = await credentialTest(right, { baseUrl: 'http://yoti.example.com/idverify/v1' });
			assert.equal(remoteHttp.status, 'Error');
			assert.match(remoteHttp.message, /uses http:\/\/ for yoti\.example\.com, which is not this machine — use https:\/\//);
			const userinfo = await credentialTest(right, { baseUrl: 'http://probe-user:s3cret-pass@127.0.0.1:9/idverify/v1' });
			assert.equal(userinfo.status, 'Error');
			assert.match(userinfo.message, /^Could not reach Yoti at /);
			assert.ok(!userinfo.message.includes('s3cret-pass') && !userinfo.message.includes('probe-user'), userinfo.message);
		});

		await check(`${tag} trigger: wrong auth -> 401, filtered topic -> 200, exact repeat -> 200, none executes`, async () => {
			const before = onboarding(await listExecutions(n8n)).length;
			const wrong = await notify(S.notAvailable, { auth_token: 'not-the-token' });
			assert.equal(wrong.status, 401);
			const filtered = await notify(S.notAvailable, { topic: 'resource_update', resource_id: 'e2e00000-0000-4000-8000-00000000f001' });
			assert.equal(filtered.status, 200);
			const repeat = await notify(S.reject);
			assert.equal(repeat.status, 200);
			await new Promise((r) => setTimeout(r, 3000));
			const after = onboarding(await listExecutions(n8n));
			assert.equal(after.length, before, `executions after: ${JSON.stringify(after.map((x) => ({ id: x.id, status: x.status, session: jsons(x, 'Yoti Trigger')[0]?.session_id })))}`);
		});

		await inBranchChecks({ n8n, server, sim, sink, check, tag });
		await shapesServerChecks({ n8n, server, sim, check, tag, prepared: shapes });
		await envelopeChecks({ n8n, server, sim, check, tag, prepared: envelopes });
		await ageChecks({ n8n, server, sim, check, tag });
		// last: it logs in as the owner the credential-Test checks set up
		await kitChecks({ n8n, server, sim, sink, check, tag, line });
	} catch (err) {
		await check(`${tag} unexpected error`, () => {
			throw err;
		});
	} finally {
		if (server) await server.stop();
		await closeShapes(shapes);
		await closeEnvelopes(envelopes);
		fs.rmSync(signedDir, { recursive: true, force: true });
		if (process.env.N8N_E2E_KEEP) console.log(`${tag} kept ${n8n.userFolder}`);
		n8n.cleanup();
		fs.rmSync(archiveDir, { recursive: true, force: true });
	}
}

function runDemoOnce(extraArgs = []) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [path.join(__dirname, 'demo.js'), '--once', '--no-build', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, 300_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, out });
		});
	});
}

async function main() {
	const t0 = Date.now();
	const i = process.argv.indexOf('--line');
	const which = i > 0 ? process.argv[i + 1] : 'all';
	const lines = which === 'all' || which === 'both' ? [2, 1] : [Number(which)];
	const sim = await startSimulator({ port: 0 });
	const sink = await startSmtpSink();
	try {
		e2e.packPackage({ build: !process.argv.includes('--no-build') });
		for (const line of lines) await runLine(line, sim, sink);
	} finally {
		await sink.close();
		await sim.close();
	}
	if (lines.includes(2)) {
		await check('[demo] npm run demo -- --once prints the audit table, the media archive folder the APPROVE, REJECT, REVIEW and NOT_AVAILABLE decisions and the onboarding kit rows', async () => {
			const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-demo-archive-'));
			const { code, out } = await runDemoOnce(['--archive-dir', archiveDir]);
			const archived = fs.readdirSync(archiveDir).sort();
			fs.rmSync(archiveDir, { recursive: true, force: true });
			assert.equal(code, 0, out.slice(-3000));
			assert.ok(out.includes(`6 files archived into ${archiveDir}`), out.slice(-3000));
			assert.equal(archived.length, 6, archived.join(', '));
			assert.match(out, /document_id_photo/);
			assert.match(out, /ID_DOCUMENT_AUTHENTICITY/);
			assert.match(out, /decision APPROVE .*Activate the account/);
			assert.match(out, /decision REJECT .*Decline and notify the user/);
			assert.match(out, /decision REVIEW .*Send to a person for review/);
			assert.match(out, /session 5e551000-0000-4000-8000-0000000d0007 decision NOT_AVAILABLE .*Ask the user to retry/);
			assert.match(out, /Onboarding kit: the yoti_onboarding Data table/);
			assert.match(out, /the sweep decided his session/);
			assert.match(out, /http:\/\/127\.0\.0\.1:\d+\//);
		});
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`e2e wall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main().catch((err) => {
	console.error(err);
	console.log(`0 passed, 1 failed`);
	process.exit(1);
});
