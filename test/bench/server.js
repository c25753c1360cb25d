#!/usr/bin/env node
// @ts-check
'use strict';
// A simulator in its own process, so its work (verifying each digest, reading files) runs
// beside the client being measured instead of inside its event loop. Optionally fronted by a
// proxy that answers a planned set of requests 503 / 429 + Retry-After itself (`flaky`), and/or
// serves HTTPS as Yoti's API does (`tls`: PEM files of a key and a certificate for localhost).
//   node test/bench/server.js '{"sessionsDir": "...", "latencyMs": 50, "flaky": {...}, "tls": {...}}'
// Prints one JSON line `{ "url", "idvBaseUrl" }` once listening; stops on SIGTERM or stdin end.
// GET <url>/__bench/stats -> { requests, faulted, byKind } (the proxy's own counts).

const fs = require('fs');
const http = require('http');
const https = require('https');
const { startSimulator } = require('../simulator');

/**
 * @typedef {{ kind: '503' | '429', retryAfter?: string }} PlannedFault
 * @typedef {{ plan: Record<string, Record<string, PlannedFault>>, latencyMs: number }} FlakyOptions
 *   plan: URL path (no query) -> attempt number ("1", "2", ...) -> the answer for that attempt
 */

const FAULT_BODIES = {
	503: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' },
	429: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests' },
};

/**
 * @param {string} targetUrl
 * @param {FlakyOptions | undefined} flaky
 * @param {{ keyFile: string, certFile: string } | undefined} tls
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
function startFront(targetUrl, flaky, tls) {
	const target = new URL(targetUrl);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	/** @type {Map<string, number>} */
	const attemptsByPath = new Map();
	const stats = { requests: 0, faulted: 0, byKind: /** @type {Record<string, number>} */ ({}) };

	/** @type {import('http').RequestListener} */
	const handle = (req, res) => {
		const pathname = (req.url || '/').split('?')[0];
		if (pathname === '/__bench/stats') {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(stats));
			return;
		}
		stats.requests += 1;
		const attempt = (attemptsByPath.get(pathname) ?? 0) + 1;
		attemptsByPath.set(pathname, attempt);
		const fault = flaky?.plan[pathname]?.[String(attempt)];
		if (fault) {
			stats.faulted += 1;
			stats.byKind[fault.kind] = (stats.byKind[fault.kind] ?? 0) + 1;
			req.resume();
			setTimeout(() => {
				/** @type {Record<string, string>} */
				const headers = { 'content-type': 'application/json' };
				if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
				res.writeHead(Number(fault.kind), headers);
				res.end(JSON.stringify(FAULT_BODIES[fault.kind]));
			}, flaky?.latencyMs ?? 0);
			return;
		}
		const upstream = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	};
	const server = tls
		? https.createServer({ key: fs.readFileSync(tls.keyFile), cert: fs.readFileSync(tls.certFile) }, handle)
		: http.createServer(handle);
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {import('net').AddressInfo} */ (server.address());
			resolve({
				url: tls ? `https://localhost:${address.port}` : `http://127.0.0.1:${address.port}`,
				close: () =>
					new Promise((done) => {
						agent.destroy();
						server.closeAllConnections();
						server.close(() => done(undefined));
					}),
			});
		});
	});
}

async function main() {
	const options = JSON.parse(process.argv[2] || '{}');
	const sim = await startSimulator({ port: 0, sessionsDir: options.sessionsDir, latencyMs: options.latencyMs ?? 0 });
	const proxy = options.flaky || options.tls ? await startFront(sim.url, options.flaky, options.tls) : undefined;
	const url = proxy ? proxy.url : sim.url;
	const stop = async () => {
		await proxy?.close();
		await sim.close();
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.stdin.on('end', stop);
	process.stdin.resume();
	process.stdout.write(`${JSON.stringify({ url, idvBaseUrl: `${url}/idverify/v1` })}\n`);
}

main().catch((error) => {
	process.stderr.write(`bench server: ${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
