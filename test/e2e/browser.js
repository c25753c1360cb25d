'use strict';
// Headless Chromium driven over the DevTools Protocol (CDP) with Node's global WebSocket
// (Node >= 22; the cached Node 24 the 2.x line runs on). No browser library.
//
//   const browser = require('./browser');
//   const cookie = await browser.ownerCookie(server.url);     // owner set-up + login (REST)
//   const chromium = await browser.startChromium();
//   const page = await browser.openPage(chromium.port, { cookie, viewport });
//   await page.goto(url); await page.waitFor(() => document.title, 'a title');
//   await page.run((a, b) => a + b, 1, 2);                     // a function run in the page
//   await page.clickOn((text) => [...document.querySelectorAll('button')].find((b) => b.textContent.includes(text)), 'Save');
//   await page.screenshot('docs/x.png'); page.close(); await chromium.stop();

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const e2e = require('./n8n');

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// A throwaway owner of a throwaway instance that only listens on 127.0.0.1.
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Owner', password: 'Demo-Owner-2x' };
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Owner setup + login on a fresh n8n; returns the value of the `n8n-auth` cookie. */
async function ownerCookie(baseUrl) {
	const setup = await e2e.request(`${baseUrl}/rest/owner/setup`, { body: OWNER });
	if (setup.status !== 200) throw new Error(`owner setup answered ${setup.status}: ${setup.text.slice(0, 300)}`);
	const login = await e2e.request(`${baseUrl}/rest/login`, { body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password } });
	if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text.slice(0, 300)}`);
	const match = /(?:^|[\s,])n8n-auth=([^;]+)/.exec(login.headers['set-cookie'] || '');
	if (!match) throw new Error('login set no n8n-auth cookie');
	return match[1];
}

/**
 * Headless Chromium with DevTools on a free port and a new empty profile; resolves
 * { port, stop() } once /json/version answers.
 */
async function startChromium({ bin = CHROMIUM } = {}) {
	if (typeof WebSocket !== 'function') throw new Error(`this Node (${process.version}) has no global WebSocket: use Node >= 22`);
	if (!fs.existsSync(bin)) throw new Error(`no Chromium at ${bin} (Debian: apt-get install -y chromium; or set CHROMIUM_BIN)`);
	const port = await e2e.freePort();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-chromium-'));
	const flags = [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--hide-scrollbars',
		`--user-data-dir=${profile}`,
		`--remote-debugging-port=${port}`,
		'about:blank',
	];
	const child = spawn(bin, flags, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-4000)));
	let exited = false;
	child.on('exit', () => (exited = true));
	child.on('error', (err) => {
		exited = true;
		stderr += `\n${err.message}`;
	});
	const stop = async () => {
		if (!exited) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
			for (let i = 0; i < 20 && !exited; i++) await delay(250);
			try {
				if (!exited) process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}
		fs.rmSync(profile, { recursive: true, force: true });
	};
	for (let i = 0; i < 120; i++) {
		if (exited) break;
		try {
			const res = await fetch(`http://127.0.0.1:${port}/json/version`, { signal: AbortSignal.timeout(1000) });
			if (res.ok) return { port, stop };
		} catch {}
		await delay(250);
	}
	await stop();
	throw new Error(`chromium did not open DevTools on port ${port}:\n${stderr}`);
}

/** A CDP session on the first page target, with the helpers the editor tests use. */
async function openPage(port, { cookie, viewport = { width: 1400, height: 800 } } = {}) {
	const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	const target = targets.find((t) => t.type === 'page');
	if (!target) throw new Error('chromium has no page target');
	const ws = new WebSocket(target.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		ws.onopen = resolve;
		ws.onerror = () => reject(new Error('DevTools WebSocket failed to open'));
	});
	let nextId = 0;
	const pending = new Map();
	const consoleErrors = [];
	ws.onmessage = (ev) => {
		const msg = JSON.parse(ev.data);
		// "Leave site?" on a page with unsaved edits: leave (each check opens its own state).
		if (msg.method === 'Page.javascriptDialogOpening') send('Page.handleJavaScriptDialog', { accept: true }).catch(() => {});
		if (msg.method === 'Runtime.exceptionThrown') consoleErrors.push(msg.params.exceptionDetails?.exception?.description || msg.params.exceptionDetails?.text);
		const waiter = msg.id !== undefined && pending.get(msg.id);
		if (!waiter) return;
		pending.delete(msg.id);
		if (msg.error) waiter.reject(new Error(`${waiter.method}: ${msg.error.message}`));
		else waiter.resolve(msg.result);
	};
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, { resolve, reject, method });
			ws.send(JSON.stringify({ id, method, params }));
		});

	const page = {
		send,
		consoleErrors,
		/** Evaluates a JS expression in the page; returns its (JSON) value; page exceptions throw. */
		async evaluate(expression) {
			const res = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
			if (res.exceptionDetails) throw new Error(`in page: ${res.exceptionDetails.exception?.description || res.exceptionDetails.text}`);
			return res.result.value;
		},
		/** Runs `fn(...args)` in the page (fn is serialised: it may use only its arguments). */
		run(fn, ...args) {
			return page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`);
		},
		/** Polls `fn(...args)` in the page until it returns something truthy; returns that. */
		async waitFor(fn, what, { args = [], timeoutMs = 30_000 } = {}) {
			const deadline = Date.now() + timeoutMs;
			let lastError;
			for (;;) {
				try {
					const value = await page.run(fn, ...args);
					if (value) return value;
				} catch (err) {
					lastError = err;
				}
				if (Date.now() > deadline) {
					throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (${lastError.message})` : ''}; page: ${await page.evaluate('location.href').catch(() => '?')}`);
				}
				await delay(250);
			}
		},
		async goto(url) {
			await send('Page.navigate', { url });
		},
		/**
		 * A real mouse click (pressed + released at its centre) on the element `find(...args)`
		 * returns in the page, after scrolling it into view. Element-plus dropdowns and the
		 * canvas listen to mouse events, not to element.click().
		 */
		async clickOn(find, ...args) {
			const box = await page.evaluate(`(() => {
				const el = (${find.toString()})(...${JSON.stringify(args)});
				if (!el) return null;
				el.scrollIntoView({ block: 'center', inline: 'center' });
				const r = el.getBoundingClientRect();
				return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
			})()`);
			if (!box || !box.w || !box.h) throw new Error(`nothing visible to click: ${find.toString().slice(0, 200)} ${JSON.stringify(args)}`);
			await page.mouse(box.x, box.y);
		},
		async mouse(x, y, { clickCount = 1 } = {}) {
			await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
			for (let i = 1; i <= clickCount; i++) {
				await send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: i });
				await send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: i });
			}
		},
		async doubleClickOn(find, ...args) {
			const box = await page.evaluate(`(() => {
				const el = (${find.toString()})(...${JSON.stringify(args)});
				if (!el) return null;
				const r = el.getBoundingClientRect();
				return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width };
			})()`);
			if (!box || !box.w) throw new Error(`nothing visible to double-click: ${JSON.stringify(args)}`);
			await page.mouse(box.x, box.y, { clickCount: 2 });
		},
		/** Types text into the focused element. */
		async type(text) {
			await send('Input.insertText', { text });
		},
		async key(key, code = key, keyCode) {
			await send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: keyCode });
			await send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode });
		},
		async screenshot(file) {
			const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
		},
		close: () => ws.close(),
	};

	await send('Page.enable');
	await send('Runtime.enable');
	await send('Network.enable');
	if (cookie) await send('Network.setCookie', { name: 'n8n-auth', value: cookie, domain: '127.0.0.1', path: '/', httpOnly: true });
	await send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false });
	return page;
}

module.exports = { startChromium, openPage, ownerCookie, OWNER, CHROMIUM, delay };
