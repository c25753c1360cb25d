#!/usr/bin/env node
'use strict';
// docs/editor-canvas.png: an example workflow with the Yoti nodes on the real n8n 2.x editor canvas.
//  1. installs the pinned n8n 2.x (cached) and this package, starts the Yoti simulator, imports the
//     examples with working credentials (as test/e2e/demo.js does) and starts n8n;
//  2. creates the owner account through n8n's REST API and logs in (the `n8n-auth` cookie);
//  3. drives headless Chromium over the DevTools Protocol: opens the workflow, waits for the canvas
//     nodes and their icons, captures the page.
//
// Needs Debian's `chromium` and a Node with a global WebSocket (the cached Node 24 n8n runs on):
//   "$(node test/e2e/install-n8n.js --line 2 | tail -1 | node -pe 'JSON.parse(require("fs").readFileSync(0)).nodeBin')" \
//     test/e2e/screenshot.js [--workflow YotiOnboarding01] [--out docs/editor-canvas.png] [--no-build]

const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');
const fx = require('./yoti-fixtures');
const { startSimulator } = require('../simulator');
const browser = require('./browser');

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
const WORKFLOW_ID = arg('--workflow', 'YotiOnboarding01');
const OUT = path.resolve(e2e.REPO, arg('--out', 'docs/editor-canvas.png'));
const CHROMIUM = arg('--chromium', process.env.CHROMIUM_BIN || '/usr/bin/chromium');
const VIEWPORT = { width: 1400, height: 800 };
const say = (msg) => console.log(`[screenshot] ${msg}`);
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

if (typeof WebSocket !== 'function') {
	console.error(`[screenshot] this Node (${process.version}) has no global WebSocket: run it with the cached Node 24 (see the header of ${__filename})`);
	process.exit(2);
}

// Owner set-up + login, Chromium and the DevTools session: test/e2e/browser.js (shared with editor.e2e.js).
const { ownerCookie } = browser;
const startChromium = () => browser.startChromium({ bin: CHROMIUM });
/** A bare CDP session (viewport and cookie are set below). */
const cdpPage = (port) => browser.openPage(port);

/** Polls `expression` in the page until it is truthy. */
async function waitFor(page, expression, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await page.evaluate(expression).catch(() => undefined);
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; page: ${await page.evaluate('location.href + " | " + document.title')}`);
		await delay(500);
	}
}

async function screenshot(baseUrl, cookie) {
	const chromium = await startChromium();
	try {
		const page = await cdpPage(chromium.port);
		try {
			await page.send('Page.enable');
			await page.send('Runtime.enable');
			await page.send('Network.enable');
			await page.send('Network.setCookie', { name: 'n8n-auth', value: cookie, domain: '127.0.0.1', path: '/', httpOnly: true });
			await page.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
			await page.send('Page.navigate', { url: `${baseUrl}/workflow/${WORKFLOW_ID}` });
			const count = await waitFor(page, `document.querySelectorAll('[data-test-id="canvas-node"]').length`, 'the canvas nodes');
			say(`canvas shows ${count} nodes`);
			// Node icons (the Yoti one is served by the package) load after the nodes themselves.
			await waitFor(page, `[...document.images].every((i) => i.complete)`, 'the node icons', 30_000);
			// Close whatever modal n8n opens on first visit, then let the canvas settle.
			for (let i = 0; i < 3; i++) {
				const closed = await page.evaluate(`(() => {
					const btns = [...document.querySelectorAll('.el-dialog__headerbtn, [data-test-id="modal-close-button"], .el-message-box__headerbtn, .el-notification__closeBtn')]
						.filter((b) => b.offsetParent !== null);
					btns.forEach((b) => b.click());
					return btns.length;
				})()`);
				if (!closed) break;
				await delay(800);
			}
			await page.evaluate(`document.activeElement && document.activeElement.blur && document.activeElement.blur()`);
			await delay(1500);
			const shot = await page.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
			fs.mkdirSync(path.dirname(OUT), { recursive: true });
			fs.writeFileSync(OUT, Buffer.from(shot.data, 'base64'));
			say(`wrote ${path.relative(process.cwd(), OUT)} (${VIEWPORT.width}x${VIEWPORT.height})`);
		} finally {
			page.close();
		}
	} finally {
		await chromium.stop();
	}
}

async function main() {
	let sim;
	let server;
	let n8n;
	let code = 0;
	try {
		say('installing n8n 2.x (cached) and this package ...');
		n8n = await e2e.createN8n({ line: 2 });
		await e2e.installPackage({ n8n, build: !args.includes('--no-build') });
		sim = await startSimulator({ port: 0 });
		await n8n.importCredentials(fx.credentials(sim).filter((c) => c.id !== 'YotiWrongKey0001'));
		await n8n.importWorkflow([fx.example('onboarding'), fx.example('nightly-audit'), fx.example('media-archive')]);
		server = await n8n.start();
		say(`n8n ${n8n.version} on ${server.url}; setting up the owner account ...`);
		const cookie = await ownerCookie(server.url);
		await screenshot(server.url, cookie);
	} catch (err) {
		console.error(`[screenshot] failed: ${err.stack || err.message}`);
		code = 1;
	} finally {
		if (server) await server.stop().catch(() => {});
		if (sim) await sim.close().catch(() => {});
		if (n8n) n8n.cleanup();
	}
	process.exit(code);
}

main();
