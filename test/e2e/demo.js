#!/usr/bin/env node
'use strict';
// `npm run demo`: the Yoti package working in a real n8n with no Yoti account.
//  1. installs the pinned n8n 2.x (cached) and this package (built + packed) as a community package;
//  2. starts the Yoti simulator (bundled demo data) and imports the examples with working credentials;
//  3. runs the nightly-audit example and prints its check items as a table;
//     runs the media-archive example (Yoti Get with the `media` output -> Get Media -> Write Files)
//     and prints the folder it archived the session's media into;
//  4. activates the onboarding example under `n8n start`, has the simulator send session_completion
//     notifications for the APPROVE, REJECT, REVIEW and NOT_AVAILABLE (identity profile DONE but
//     its scheme not met) demo sessions, prints each decision and the
//     Switch branch that ran;
//  5. runs the onboarding kit (form -> Yoti Create -> link by e-mail -> outcomes, a review, the sweep,
//     retention) and prints its Data table rows;
//  6. prints the editor URL and keeps running until Ctrl-C (`--once`: exits after printing).
//
//   node test/e2e/demo.js [--once] [--no-build] [--port N] [--archive-dir DIR]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const e2e = require('./n8n');
const { waitForExecutions, nodesThatRan } = require('./executions');
const fx = require('./yoti-fixtures');
const { startSimulator } = require('../simulator');
const { prepareKit, runKitDemo, OWNER } = require('./kit.e2e');
const { startSmtpSink } = require('./smtp-sink');

const BRANCHES = Object.values(fx.ONBOARDING_BRANCHES);
const args = process.argv.slice(2);
const once = args.includes('--once');
const portArg = args.indexOf('--port') >= 0 ? Number(args[args.indexOf('--port') + 1]) : undefined;
const archiveDir = path.resolve(
	args.indexOf('--archive-dir') >= 0 ? args[args.indexOf('--archive-dir') + 1] : path.join(os.tmpdir(), 'n8n-nodes-yoti-demo', 'media-archive'),
);
const say = (msg) => console.log(`[demo] ${msg}`);

function table(rows, columns) {
	const cell = (v) => (Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v));
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
	const line = (vals) => vals.map((v, i) => v.padEnd(widths[i])).join(' | ');
	return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

async function main() {
	let sim;
	let server;
	let n8n;
	let sink;
	const shutdown = async (code) => {
		if (sink) await sink.close().catch(() => {});
		if (server) await server.stop().catch(() => {});
		if (sim) await sim.close().catch(() => {});
		if (n8n) n8n.cleanup();
		process.exit(code);
	};
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));
	try {
		say('installing n8n 2.x (cached after the first run) ...');
		fs.mkdirSync(archiveDir, { recursive: true });
		// n8n 2.x lets the Write Files node write only inside N8N_RESTRICT_FILE_ACCESS_TO.
		n8n = await e2e.createN8n({ line: 2, env: { N8N_RESTRICT_FILE_ACCESS_TO: archiveDir } });
		say(`n8n ${n8n.version} on Node ${n8n.info.nodeVersion}; building and installing n8n-nodes-yoti ...`);
		await e2e.installPackage({ n8n, build: !args.includes('--no-build') });
		sim = await startSimulator({ port: 0 });
		say(`Yoti simulator on ${sim.url} (demo SDK ID, demo key, bundled demo sessions)`);
		await n8n.importCredentials(fx.credentials(sim).filter((c) => c.id !== 'YotiWrongKey0001'));
		await n8n.importWorkflow([fx.example('onboarding'), fx.example('nightly-audit'), fx.mediaArchiveExample(archiveDir)]);
		say('imported the examples: onboarding, nightly-audit, media-archive');
		// The onboarding kit e-mails people and reviewers: a local SMTP sink catches every message.
		sink = await startSmtpSink();
		await prepareKit(n8n, sink);
		say(`imported the onboarding kit (e-mails go to a local SMTP sink on ${sink.host}:${sink.port})`);

		say('running the nightly audit example (n8n execute) ...');
		const audit = await n8n.executeWorkflow('YotiNightlyAudit');
		if (!audit.ok) throw new Error(`the audit example failed: ${JSON.stringify(audit.error)} (log ${audit.logFile})`);
		const rows = (e2e.nodeItems(audit, 'Yoti: checks of each session') || []).map((i) => i.json);
		console.log(`\nNightly audit: ${rows.length} check items\n`);
		console.log(table(rows, ['session_id', 'check_type', 'recommendation', 'approved', 'failed_sub_checks']));
		console.log('');

		say('running the media archive example (n8n execute) ...');
		const archive = await n8n.executeWorkflow('YotiMediaArchive');
		if (!archive.ok) throw new Error(`the media archive example failed: ${JSON.stringify(archive.error)} (log ${archive.logFile})`);
		const inventory = (e2e.nodeItems(archive, 'Yoti: media of the session') || []).map((i) => i.json);
		const written = (e2e.nodeItems(archive, 'Write to the archive folder') || []).map((i) => i.json.fileName);
		console.log(`\nMedia archive: the media output listed ${inventory.length} media items of session ${fx.S.approve}\n`);
		console.log(table(inventory, ['media_role', 'media_id', 'media_type', 'resource_type']));
		console.log(`\n${written.length} files archived into ${archiveDir}`);
		for (const file of written) console.log(`  ${file}`);
		console.log('');

		await n8n.activateWorkflow('YotiOnboarding01');
		server = await n8n.start(portArg ? { port: portArg } : undefined);
		const endpoint = e2e.webhookUrl(server.url, fx.ONBOARDING_WEBHOOK_ID);
		say(`n8n serving the onboarding example; Yoti Trigger URL ${endpoint}`);
		let seen = 0;
		for (const sessionId of [fx.S.approve, fx.S.reject, fx.S.review, fx.S.profileNotMet]) {
			const sent = await sim.notify({ session_id: sessionId, topic: 'session_completion', endpoint, auth_token: fx.NOTIFY_TOKEN, auth_type: 'BASIC' });
			say(`simulator sent session_completion for ${sessionId}: webhook answered ${sent.status}`);
			const runs = await waitForExecutions(n8n, (l) => l.filter((x) => x.workflowId === 'YotiOnboarding01').length > seen);
			const exec = runs.filter((x) => x.workflowId === 'YotiOnboarding01')[seen++];
			const summary = (e2e.nodeItems(exec, 'Yoti Trigger') || [])[0]?.json || {};
			const branch = BRANCHES.find((b) => nodesThatRan(exec).includes(b)) || '(no branch ran)';
			console.log(`Onboarding: session ${summary.session_id} decision ${summary.decision} -> branch "${branch}" (execution ${exec.id}, ${exec.status})`);
		}
		await runKitDemo({ n8n, server, sim, sink, say });
		console.log(`\nn8n editor: ${server.url}/  (log in as ${OWNER.email} / ${OWNER.password}; workflows and credentials are already imported)`);
		if (once) return shutdown(0);
		say('running until Ctrl-C');
	} catch (err) {
		console.error(`[demo] failed: ${err.stack || err.message}`);
		await shutdown(1);
	}
}

main();
