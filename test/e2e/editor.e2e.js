#!/usr/bin/env node
'use strict';
// The Yoti nodes in the real n8n 2.x editor, clicked through in Debian's headless Chromium
// over the DevTools Protocol (test/e2e/browser.js): the package packed and installed as a
// community package, the credentials imported (the demo simulator behind them), the owner set
// up through n8n's REST API, then every entry of CHECKS below is run in order, each on a fresh
// copy of the example workflow it names.
//
//   node test/e2e/editor.e2e.js [--no-build] [--screenshots DIR] [--only <name part>]
//
// Screenshots go to .e2e-work/editor/ unless --screenshots names a folder (`--screenshots docs`
// retakes the README's). Needs `chromium` (CHROMIUM_BIN to override) and a Node with a global
// WebSocket: started by an older Node it re-runs itself with the cached Node 24 of the 2.x line.
// Last line: "N passed, M failed".
//
// CHECKS is data: each entry names a `kind` (a runner in RUNNERS) and what the editor must
// show. Add entries to check more texts; add a runner for a new kind of interaction.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);

if (typeof WebSocket !== 'function') {
	// Node 20 (the machine's) has no global WebSocket: run this file with the cached Node 24.
	const { ensureN8n } = require('./install-n8n');
	const { nodeBin } = ensureN8n({ line: 2 });
	const res = spawnSync(nodeBin, [__filename, ...args], { stdio: 'inherit' });
	process.exit(res.status ?? 1);
}

const e2e = require('./n8n');
const fx = require('./yoti-fixtures');
const browser = require('./browser');
const { startSimulator } = require('../simulator');

const SHOTS = path.resolve(e2e.REPO, arg('--screenshots', '.e2e-work/editor'));
const ONLY = arg('--only', '');
// examples/<name>.json: every check opens its own fresh copy (the editor autosaves what a check changes).
const ONBOARDING = 'onboarding';
const AUDIT = 'nightly-audit';
const ARCHIVE = 'media-archive';
const YOTI_IN_AUDIT = 'Yoti: checks of each session';
const TRIGGER = 'Yoti Trigger';
// n8n's own settings, listed after a node's parameters in the same panel.
const N8N_SETTINGS = ['Always Output Data', 'Execute Once', 'Retry On Fail', 'On Error', 'Notes', 'Display Note in Flow?'];
const SESSION_OPERATIONS = [
	'Create',
	'Delete',
	'Delete Media',
	'Delete Tracked Devices',
	'Get',
	'Get Configuration',
	'Get Identity Data',
	'Get Instructions',
	'Get Instructions Contact Profile',
	'Get Instructions PDF',
	'Get Media',
	'Get Review Packet',
	'Get Tracked Devices',
	'Send Instructions Email',
	'Set Instructions',
];

/** Manual trigger → one Yoti node with these parameters, on the demo simulator's credential. */
function oneYotiNode(name, parameters) {
	return {
		id: 'unused',
		name: `editor check: ${name}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'e21d0000-0000-4000-8000-000000000001', name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'e21d0000-0000-4000-8000-000000000002',
				name,
				type: 'n8n-nodes-yoti.yoti',
				typeVersion: 1,
				position: [240, 0],
				parameters,
				credentials: { yotiApi: { id: fx.IDV_CRED.id, name: fx.IDV_CRED.name } },
			},
		],
		connections: { 'Run now': { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}

/**
 * What the editor must show. Kinds:
 *  canvas        { workflow, nodes: {name: type} }              the workflow opens with exactly these nodes, icons loaded
 *  nodeCreator   { workflow, search, expect: [{name, description}] }  the node creator's search results
 *  options       { workflow, node, set: {param: option}, param, expect: [names] }  a dropdown's options, in order
 *  fields        { workflow, node, set, expect: [labels] }       the parameters shown, in order (n8n's settings excluded)
 *  panelText     { workflow, node, set?, expect: [texts] }       texts shown in the node's panel (whitespace-normalised)
 *  webhookUrls   { workflow, node, webhookId, path }            Test and Production URL of a trigger
 *  listening     { workflow, node, expect: [texts] }            the trigger panel after "Execute step" (listening)
 *  credentialTest { credentialId, expect }                       the credential dialog's test result after Retry
 *  executeStep   { workflow, node, columns?: [names], error?: text }  "Execute step" in the panel: the output
 *                table's first column headers, or the error the panel shows
 * `shot: 'file.png'` saves a screenshot of the page once the check passed.
 */
const CHECKS = [
	{
		name: 'the onboarding kit opens on the canvas: every node known, every icon loaded',
		kind: 'canvas',
		workflow: 'onboarding-kit/onboarding-journey',
		nodes: Object.fromEntries(fx.example('onboarding-kit/onboarding-journey').nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => [n.name, n.type])),
		shot: 'onboarding-kit-canvas.png',
	},
	{
		name: 'the onboarding example opens on the canvas with the Yoti Trigger',
		kind: 'canvas',
		workflow: ONBOARDING,
		nodes: {
			'Yoti Trigger': 'n8n-nodes-yoti.yotiTrigger',
			'Claim notification once': 'n8n-nodes-base.postgres',
			'Route on decision': 'n8n-nodes-base.switch',
			'Activate the account (CRM, Slack …)': 'n8n-nodes-base.noOp',
			'Decline and notify the user': 'n8n-nodes-base.noOp',
			'Send to a person for review (possible watchlist match, fraud signal)': 'n8n-nodes-base.noOp',
			'Ask the user to retry (Yoti could not verify)': 'n8n-nodes-base.noOp',
			'Send the user a new verification link': 'n8n-nodes-base.noOp',
			'Wait for the next notification': 'n8n-nodes-base.noOp',
			'Alert the team: the session could not be read': 'n8n-nodes-base.noOp',
		},
	},
	{
		name: 'the nightly-audit example opens on the canvas with the Yoti node',
		kind: 'canvas',
		workflow: AUDIT,
		nodes: {
			'Every night at 02:00': 'n8n-nodes-base.scheduleTrigger',
			'Run now': 'n8n-nodes-base.manualTrigger',
			'Sessions to audit': 'n8n-nodes-base.set',
			'One item per session': 'n8n-nodes-base.splitOut',
			[YOTI_IN_AUDIT]: 'n8n-nodes-yoti.yoti',
			'Audit table (CSV)': 'n8n-nodes-base.convertToFile',
		},
	},
	{
		name: 'the media-archive example opens on the canvas with two Yoti nodes and no Code node',
		kind: 'canvas',
		workflow: ARCHIVE,
		nodes: {
			'Run now': 'n8n-nodes-base.manualTrigger',
			'Yoti: media of the session': 'n8n-nodes-yoti.yoti',
			'One download per media ID': 'n8n-nodes-base.removeDuplicates',
			'Yoti: download media': 'n8n-nodes-yoti.yoti',
			'Has content?': 'n8n-nodes-base.filter',
			'Write to the archive folder': 'n8n-nodes-base.readWriteFile',
		},
	},
	{
		// One "Yoti" entry stands for both nodes; n8n shows it with the trigger's description,
		// which therefore describes the whole app.
		name: 'node creator: "What happens next?" finds Yoti, its actions by resource and its trigger',
		kind: 'nodeCreator',
		workflow: AUDIT,
		search: 'Yoti',
		item: 'Yoti',
		description: 'Verify identities with Yoti: start a workflow when a session finishes, create sessions, read results and media',
		expectLines: [
			'Yoti',
			'Actions (34)',
			'AGE ESTIMATION ACTIONS',
			'Estimate age from a face image',
			'Estimate age and check the image is a real face',
			'AGE VERIFICATION ACTIONS',
			'Create an age verification session',
			'Get an age verification result',
			'ENVELOPE ACTIONS',
			'Archive an envelope',
			'Create an envelope',
			'Download completed documents',
			'Edit an envelope recipient',
			'Extend recipient tokens',
			'Find envelopes by ID',
			'Get an envelope',
			'Get envelope recipients',
			'Get envelope status',
			'Search envelopes',
			'Send a signing reminder',
			'SESSION ACTIONS',
			'Create a session',
			'Delete a session',
			'Delete session media',
			'Delete session tracked devices',
			'Get session result',
			'Get session configuration',
			'Get session identity data',
			'Get branch visit instructions',
			'Get instructions contact profile',
			'Download instructions PDF',
			'Download session media',
			'Get a review packet',
			'Get session tracked devices',
			'Send instructions email',
			'Set branch visit instructions',
			'SIGN RECIPIENT ACTIONS',
			'Download signed session media',
			'Download signed report PDF',
			'Get signed identity result',
			'SUPPORTED DOCUMENT ACTIONS',
			'Get supported documents',
			'Triggers (1)',
		],
	},
	{
		name: 'Yoti node: the resources (n8n adds Custom API Call to every list)',
		kind: 'options',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		param: 'resource',
		expect: ['Age Estimation', 'Age Verification', 'Envelope', 'Session', 'Sign Recipient', 'Supported Document', 'Custom API Call'],
	},
	{
		name: 'Yoti node: Session operations',
		kind: 'options',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Session' },
		param: 'operation',
		expect: [...SESSION_OPERATIONS, 'Custom API Call'],
	},
	{
		name: 'Yoti node: Sign Recipient operations',
		kind: 'options',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Sign Recipient' },
		param: 'operation',
		expect: ['Get Signed Media', 'Get Signed PDF', 'Get Signed Result', 'Custom API Call'],
	},
	{
		name: 'Yoti node: Supported Document operations',
		kind: 'options',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Supported Document' },
		param: 'operation',
		expect: ['Get Many', 'Custom API Call'],
	},
	{
		name: 'Yoti node: Session → Get shows Session ID, Output and the options',
		kind: 'fields',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Session', operation: 'Get' },
		expect: ['Resource', 'Credential for Yoti IDV API', 'Operation', 'Session ID', 'Output', 'Options', 'Concurrency'],
	},
	{
		name: 'Yoti node: Session → Get offers the output modes',
		kind: 'options',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Session', operation: 'Get' },
		param: 'output',
		// n8n's lint wants six or more options in alphabetical order.
		expect: ['Checks', 'Media', 'Raw', 'Sub-Checks', 'Summary', 'Tasks'],
		shot: 'editor-node-panel.png',
	},
	{
		name: 'Yoti node: Sign Recipient → Get Signed Result shows Recipient ID and Output',
		kind: 'fields',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Sign Recipient', operation: 'Get Signed Result' },
		expect: ['Resource', 'Credential for Yoti Sign API', 'Operation', 'Recipient ID', 'Output', 'Options', 'Concurrency'],
	},
	{
		name: 'Yoti node: Session → Create shows the session fields',
		kind: 'fields',
		workflow: AUDIT,
		node: YOTI_IN_AUDIT,
		set: { resource: 'Session', operation: 'Create' },
		expect: [
			'Resource',
			'Operation',
			'Credential for Yoti IDV API',
			// the notification credential and section appear only once this is on
			'Send Notifications',
			'Requested Checks',
			'Requested Tasks',
			'User Tracking ID',
			'Link Valid For (Seconds)',
			'Keep Captured Media For (Seconds)',
			'Success URL',
			'Error URL',
			'Additional Fields',
			'In-Branch Verification (IBV)',
			'Session Spec (JSON)',
			'Options',
			'Concurrency',
		],
	},
	{
		name: 'Yoti node: Session → Get, executed, shows what an operator reads in the first columns',
		kind: 'executeStep',
		workflow: oneYotiNode('Get session result', { resource: 'session', operation: 'get', sessionId: fx.S.approve, output: 'checks', options: {} }),
		node: 'Get session result',
		columns: ['session_id', 'check_type', 'recommendation', 'approved', 'failed_sub_checks'],
		shot: 'editor-get-table.png',
	},
	{
		name: "Yoti node: Session → Create refuses media kept for less than the link's time plus a day, before any request",
		kind: 'executeStep',
		workflow: oneYotiNode('Create a session', { resource: 'session', operation: 'create', clientSessionTokenTtl: 3600, resourcesTtl: 86400, options: {} }),
		node: 'Create a session',
		error: 'Keep Captured Media For (86,400 s) must be at least Link Valid For (3,600 s) plus one day: 90,000 s or more',
		noRequestTo: '/sessions',
	},
	{
		name: 'Yoti Trigger: Test and Production webhook URLs',
		kind: 'webhookUrls',
		workflow: ONBOARDING,
		node: TRIGGER,
		webhookId: '0b0a1d00-0000-4000-8000-0000000000a1',
		path: 'webhook',
	},
	{
		name: 'Yoti Trigger: the panel says how a notification arrives, in three steps',
		kind: 'panelText',
		workflow: ONBOARDING,
		node: TRIGGER,
		expect: [
			'Finish a Yoti session that notifies the Test URL',
			"Nothing arrives on its own: only sessions created with this node's URL as their notifications endpoint are sent here, and only to a public https address.",
			'Yoti calls this node only for sessions that name its URL:',
			'1. Copy the Production URL from Webhook URLs above (the Test URL while you test with "Execute step").',
			"2. In the Yoti node's Session → Create, turn on Send Notifications and paste it as the Endpoint.",
			'3. Select the same Yoti Notification Auth credential there and here.',
			'More about notifications',
		],
	},
	{
		name: 'Yoti Trigger: listening for a test event, Production URL shown',
		kind: 'listening',
		workflow: ONBOARDING,
		node: TRIGGER,
		expect: ['Listening for test event'],
		shot: 'editor-trigger-panel.png',
	},
	{
		name: 'Yoti IDV API credential: Test with a wrong key says the signature was rejected',
		kind: 'credentialTest',
		credentialId: 'YotiWrongKey0001',
		expect:
			"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in",
		shot: 'editor-credential-test.png',
	},
];

// ---- in-page helpers (serialised into the page: they may use only their arguments) ----

const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

function inPageVisibleOptions() {
	const isVisible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
	return [...document.querySelectorAll('.el-select-dropdown__item')].filter(isVisible).map((el) => el.innerText.split('\n')[0].trim());
}

// ---- runners ----

let ctx; // { baseUrl, page, sim }

/**
 * Opens a fresh copy of examples/<example>.json, created through n8n's REST API as the
 * editor's import does (the examples name their credentials by id: the imported ones).
 */
async function openWorkflow(example) {
	const { page, baseUrl, cookie } = ctx;
	const { id, ...workflow } = typeof example === 'string' ? fx.example(example) : example;
	const created = await e2e.request(`${baseUrl}/rest/workflows`, { body: { ...workflow, active: false }, headers: { cookie: `n8n-auth=${cookie}` } });
	if (created.status !== 200) throw new Error(`creating a copy of ${example} answered ${created.status}: ${created.text.slice(0, 300)}`);
	const url = `${baseUrl}/workflow/${created.json.data.id}`;
	await page.goto(url);
	await page.waitFor((u) => location.href === u && document.querySelectorAll('[data-test-id="canvas-node"]').length > 0, `the canvas of ${workflow.name}`, { args: [url] });
	// Node icons (the Yoti ones are served by the package) load after the nodes themselves.
	await page.waitFor(() => [...document.images].every((i) => i.complete), 'the node icons');
	await closePopups();
}

async function closePopups() {
	for (let i = 0; i < 3; i++) {
		const closed = await ctx.page.run(() => {
			const btns = [...document.querySelectorAll('.el-notification__closeBtn, .el-message-box__headerbtn, [data-test-id="nps-survey-modal"] .el-dialog__headerbtn')].filter((b) => b.getClientRects().length > 0);
			btns.forEach((b) => b.click());
			return btns.length;
		});
		if (!closed) break;
		await browser.delay(500);
	}
}

/** Opens the workflow (fresh from the database) and the named node's panel. */
async function openNode(workflow, node) {
	const { page } = ctx;
	await openWorkflow(workflow);
	await page.doubleClickOn((name) => document.querySelector(`[data-test-id="canvas-node"][data-node-name="${name}"]`), node);
	await page.waitFor((name) => {
		const ndv = document.querySelector('[data-test-id="ndv"]');
		return ndv && ndv.getClientRects().length > 0 && ndv.querySelector('[data-test-id="node-title-container"]')?.innerText.includes(name);
	}, `the panel of "${node}"`, { args: [node] });
	await browser.delay(300);
}

/** Picks `option` (its displayed name) in the dropdown parameter `param` of the open panel. */
async function selectOption(param, option) {
	const { page } = ctx;
	const current = await page.run((p) => document.querySelector(`[data-test-id="ndv"] [data-test-id="parameter-input-${p}"] input`)?.value, param);
	if (current === option) return;
	await page.clickOn((p) => document.querySelector(`[data-test-id="ndv"] [data-test-id="parameter-input-${p}"]`), param);
	const item = (name) => [...document.querySelectorAll('.el-select-dropdown__item')].find((el) => el.getClientRects().length > 0 && el.innerText.split('\n')[0].trim() === name);
	await page.waitFor(item, `option "${option}" of ${param}`, { args: [option] });
	await browser.delay(200); // the dropdown slides in
	await page.clickOn(item, option);
	await page.waitFor(
		(p, o) => document.querySelector(`[data-test-id="ndv"] [data-test-id="parameter-input-${p}"] input`)?.value === o,
		`${param} = ${option}`,
		{ args: [param, option] },
	);
	await page.waitFor(() => window.__visibleOptions().length === 0, 'the dropdown to close').catch(() => {});
	await browser.delay(300);
}

async function applySettings(set = {}) {
	for (const [param, option] of Object.entries(set)) await selectOption(param, option);
}

/** The labels of the parameters shown in the open panel, in order, without n8n's own settings. */
async function shownFields() {
	const labels = await ctx.page.run(() =>
		[...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="node-parameters"] :is([data-test-id="input-label"], [data-test-id="credentials-label"])')]
			.filter((el) => el.getClientRects().length > 0)
			.map((el) => el.innerText.split('\n')[0].replace(/\s*\*$/, '').trim()),
	);
	return labels.filter((l) => l && !N8N_SETTINGS.includes(l));
}

async function panelText() {
	return norm(await ctx.page.run(() => document.querySelector('[data-test-id="ndv"]')?.innerText));
}

function assertEqual(actual, expected, what) {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) {
		throw new Error(`${what}:\n       expected ${JSON.stringify(expected)}\n       shown    ${JSON.stringify(actual)}`);
	}
}

function assertContains(text, parts, what) {
	const missing = parts.filter((p) => !text.includes(norm(p)));
	if (missing.length) throw new Error(`${what}: not shown: ${JSON.stringify(missing)}\n       shown: ${text.slice(0, 1500)}`);
}

const RUNNERS = {
	async canvas(check) {
		await openWorkflow(check.workflow);
		const shown = await ctx.page.run(() =>
			Object.fromEntries([...document.querySelectorAll('[data-test-id="canvas-node"]')].map((n) => [n.getAttribute('data-node-name'), n.getAttribute('data-node-type')])),
		);
		assertEqual(Object.entries(shown).sort(), Object.entries(check.nodes).sort(), 'canvas nodes (name, type)');
		const broken = await ctx.page.run(() => [...document.querySelectorAll('[data-test-id="canvas-node"] img')].filter((i) => !i.naturalWidth).map((i) => i.src));
		assertEqual(broken, [], 'node icons that did not load');
	},

	async nodeCreator(check) {
		const { page } = ctx;
		await openWorkflow(check.workflow);
		const item = (name) =>
			[...document.querySelectorAll('[data-test-id="item-iterator-item"]')].find(
				(el) => el.getClientRects().length > 0 && el.querySelector('[data-test-id="node-creator-item-name"]')?.innerText.trim() === name,
			);
		// A click on the search bar while the creator is still sliding in can land on the canvas
		// and close it, and text typed then is lost: wait for the slide, focus the input from the
		// page itself, and start over (creator opened again) if no result shows.
		for (let attempt = 1; ; attempt++) {
			const open = await page.run(() => document.querySelector('[data-test-id="node-creator-search-bar"]')?.getClientRects().length > 0);
			if (!open) {
				// The "+" after the last node: n8n's "What happens next?".
				await page.clickOn(() => [...document.querySelectorAll('[data-test-id="canvas-handle-plus"]')].find((el) => el.getClientRects().length > 0));
				await page.waitFor(() => document.querySelector('[data-test-id="node-creator-search-bar"]')?.getClientRects().length, 'the node creator');
			}
			await browser.delay(800);
			const focused = await page.run(() => {
				const bar = document.querySelector('[data-test-id="node-creator-search-bar"]');
				const input = bar && (bar.matches('input') ? bar : bar.querySelector('input'));
				if (!input) return false;
				input.focus();
				input.select();
				return document.activeElement === input;
			});
			if (focused) await page.type(check.search);
			try {
				await page.waitFor(item, `"${check.item}" in the search results for "${check.search}"`, { args: [check.item], timeoutMs: attempt < 3 ? 8_000 : 30_000 });
				break;
			} catch (err) {
				if (attempt >= 3) throw err;
				await page.key('Escape', 'Escape', 27);
				await browser.delay(500);
			}
		}
		const description = await page.run((name) => {
			const el = [...document.querySelectorAll('[data-test-id="item-iterator-item"]')].find((e) => e.getClientRects().length > 0 && e.querySelector('[data-test-id="node-creator-item-name"]')?.innerText.trim() === name);
			return el.querySelector('[data-test-id="node-creator-item-description"]')?.innerText ?? '';
		}, check.item);
		assertEqual(norm(description), norm(check.description), `description of "${check.item}" in the search results`);
		await page.clickOn(item, check.item);
		// n8n renders a long action list as it scrolls into view: scroll it down until every
		// expected line is there (or the wait gives up and the order check below says what is not).
		const readLines = (wanted) => {
			const root = document.querySelector('[data-test-id="node-creator"]');
			for (const el of root ? root.querySelectorAll('*') : []) if (el.scrollHeight > el.clientHeight + 4) el.scrollTop = el.scrollHeight;
			const lines = (root?.innerText || '').split('\n').map((l) => l.trim()).filter(Boolean);
			return lines.includes(lines.find((l) => l.startsWith('Actions (')) ?? '\0') && wanted.every((w) => lines.includes(w)) && lines;
		};
		let lines;
		try {
			lines = await page.waitFor(readLines, `the details of "${check.item}"`, { args: [check.expectLines] });
		} catch {
			lines = await page.run(() => (document.querySelector('[data-test-id="node-creator"]')?.innerText || '').split('\n').map((l) => l.trim()).filter(Boolean));
		}
		// expectLines appear in this order (other lines may sit between them).
		let at = 0;
		for (const want of check.expectLines) {
			const found = lines.indexOf(want, at);
			if (found < 0) throw new Error(`node details: "${want}" not shown after line ${at}\n       shown: ${JSON.stringify(lines)}`);
			at = found + 1;
		}
		await page.key('Escape', 'Escape', 27);
	},

	async options(check) {
		const { page } = ctx;
		await openNode(check.workflow, check.node);
		await applySettings(check.set);
		await page.clickOn((p) => document.querySelector(`[data-test-id="ndv"] [data-test-id="parameter-input-${p}"]`), check.param);
		const shown = await page.waitFor(() => window.__visibleOptions().length && window.__visibleOptions(), `the options of ${check.param}`);
		assertEqual(shown, check.expect, `options of ${check.param}`);
		if (!check.shot) await page.key('Escape', 'Escape', 27);
	},

	async fields(check) {
		await openNode(check.workflow, check.node);
		await applySettings(check.set);
		assertEqual(await shownFields(), check.expect, `fields shown for ${JSON.stringify(check.set)}`);
	},

	async panelText(check) {
		await openNode(check.workflow, check.node);
		await applySettings(check.set);
		assertContains(await panelText(), check.expect, `panel of ${check.node}`);
	},

	async webhookUrls(check) {
		const { page, baseUrl } = ctx;
		await openNode(check.workflow, check.node);
		await page.clickOn(() => document.querySelector('[data-test-id="ndv"] .webhooks .headline'));
		const read = async (kind) => {
			await page.clickOn((k) => document.querySelector(`[data-test-id="ndv"] [data-test-id="radio-button-${k}"]`), kind);
			const want = `${baseUrl}/${kind === 'test' ? 'webhook-test' : 'webhook'}/${check.webhookId}/${check.path}`;
			await page.waitFor((w) => document.querySelector('[data-test-id="ndv"] .webhook-url')?.innerText.trim() === w, `the ${kind} URL ${want}`, { args: [want] });
		};
		await read('test');
		await read('production');
		const method = await page.run(() => document.querySelector('[data-test-id="ndv"] .http-method')?.innerText.trim());
		assertEqual(method, 'POST', 'webhook method');
	},

	async listening(check) {
		const { page } = ctx;
		await openNode(check.workflow, check.node);
		await page.clickOn(() => document.querySelector('[data-test-id="ndv"] .webhooks .headline'));
		await page.clickOn(() => document.querySelector('[data-test-id="ndv"] [data-test-id="radio-button-production"]'));
		await page.clickOn(() => document.querySelector('[data-test-id="trigger-execute-button"]'));
		await page.waitFor((texts) => texts.every((t) => document.querySelector('[data-test-id="ndv"]').innerText.includes(t)), 'the listening panel', { args: [check.expect] });
		assertContains(await panelText(), check.expect, 'listening trigger panel');
		await browser.delay(500);
	},

	async executeStep(check) {
		const { page, sim } = ctx;
		await openNode(check.workflow, check.node);
		const before = sim.requests.length;
		await page.clickOn(() => document.querySelector('[data-test-id="ndv"] [data-test-id="node-execute-button"]'));
		if (check.columns) {
			const headers = await page.waitFor(
				(n) => {
					const ths = [...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="output-panel"] table th')];
					const names = ths.map((th) => th.innerText.split('\n')[0].trim()).filter(Boolean);
					return names.length >= n && names;
				},
				'the output table',
				{ args: [check.columns.length] },
			);
			assertEqual(headers.slice(0, check.columns.length), check.columns, 'first columns of the output table');
		}
		if (check.error) {
			const text = await page.waitFor(
				(want) => {
					const panel = document.querySelector('[data-test-id="ndv"] [data-test-id="output-panel"]');
					return panel && panel.innerText.includes(want) && panel.innerText;
				},
				'the error in the output panel',
				{ args: [check.error] },
			);
			assertContains(text, [check.error], 'output panel');
		}
		if (check.noRequestTo) {
			const sent = sim.requests.slice(before).filter((r) => r.path.endsWith(check.noRequestTo));
			assertEqual(sent.length, 0, `requests to ${check.noRequestTo} while the node ran`);
		}
	},

	async credentialTest(check) {
		const { page, baseUrl, sim } = ctx;
		const url = `${baseUrl}/home/credentials/${check.credentialId}`;
		await page.goto(url);
		const modal = '[data-test-id="editCredential-modal"]';
		// Opening a saved credential runs its test once; then Retry (the dialog's Test) runs it again.
		const retry = (sel) => [...document.querySelectorAll(`${sel} button`)].find((b) => b.getClientRects().length > 0 && b.innerText.trim() === 'Retry');
		await page.waitFor(retry, 'the first test result (Retry button)', { args: [modal] });
		const rejectedBefore = sim.requests.filter((r) => r.status === 401).length;
		await page.clickOn(retry, modal);
		const deadline = Date.now() + 30_000;
		while (sim.requests.filter((r) => r.status === 401).length === rejectedBefore) {
			if (Date.now() > deadline) throw new Error('Retry sent no request that Yoti (the simulator) answered 401');
			await browser.delay(200);
		}
		await page.waitFor(retry, 'the new test result', { args: [modal] });
		await page.clickOn((sel) => [...document.querySelectorAll(`${sel} *`)].find((e) => e.children.length === 0 && e.textContent.trim() === 'More details'), modal);
		const text = await page.waitFor((sel, want) => {
			const t = document.querySelector(sel)?.innerText || '';
			return t.includes(want) && t;
		}, 'the test message', { args: [modal, check.expect] });
		assertContains(norm(text), ['Couldn’t connect with these settings', check.expect], 'credential dialog');
	},
};

async function runChecks(results) {
	for (const check of CHECKS) {
		if (ONLY && !check.name.includes(ONLY)) continue;
		const t = Date.now();
		try {
			const runner = RUNNERS[check.kind];
			if (!runner) throw new Error(`no runner for kind "${check.kind}"`);
			await runner(check);
			if (check.shot) {
				await browser.delay(1000); // dropdowns and panels finish sliding in
				const file = path.join(SHOTS, check.shot);
				await ctx.page.screenshot(file);
				console.log(`       screenshot ${path.relative(e2e.REPO, file)}`);
			}
			results.push({ name: check.name, ok: true });
			console.log(`  ok   ${check.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		} catch (err) {
			results.push({ name: check.name, ok: false });
			const file = path.join(SHOTS, 'failed', `${results.length}.png`);
			await ctx.page.screenshot(file).catch(() => {});
			console.log(`  FAIL ${check.name}: ${String(err && (err.stack || err.message)).split('\n').slice(0, 8).join('\n       ')}\n       (page: ${path.relative(e2e.REPO, file)})`);
		}
	}
}

async function main() {
	const t0 = Date.now();
	const results = [];
	let sim;
	let server;
	let n8n;
	let chromium;
	try {
		console.log('[editor] n8n 2.x (cached) with this package, examples and credentials ...');
		n8n = await e2e.createN8n({ line: 2 });
		await e2e.installPackage({ n8n, build: !args.includes('--no-build') });
		sim = await startSimulator({ port: 0 });
		await n8n.importCredentials(fx.credentials(sim));
		server = await n8n.start();
		const cookie = await browser.ownerCookie(server.url);
		chromium = await browser.startChromium();
		const page = await browser.openPage(chromium.port, { cookie, viewport: { width: 1400, height: 800 } });
		await page.send('Page.addScriptToEvaluateOnNewDocument', { source: `window.__visibleOptions = ${inPageVisibleOptions.toString()};` });
		ctx = { baseUrl: server.url, page, sim, cookie };
		console.log(`[editor] n8n ${n8n.version} on ${server.url}, Chromium ready after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
		await runChecks(results);
		page.close();
	} catch (err) {
		results.push({ name: 'set-up', ok: false });
		console.log(`  FAIL set-up: ${err.stack || err.message}`);
	} finally {
		if (chromium) await chromium.stop().catch(() => {});
		if (server) await server.stop().catch(() => {});
		if (sim) await sim.close().catch(() => {});
		if (n8n) n8n.cleanup();
	}
	const passed = results.filter((r) => r.ok).length;
	console.log(`editor wall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	console.log(`${passed} passed, ${results.length - passed} failed`);
	process.exit(results.length && passed === results.length ? 0 : 1);
}

main();
