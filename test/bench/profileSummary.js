#!/usr/bin/env node
// @ts-check
'use strict';
// Summarises a .cpuprofile of the audit path (npm run bench:profile) as "where the client's
// milliseconds per item go". Each sample inside the measured window is billed to the innermost
// frame on its stack that matches a bucket below (so RSA signing inside `authenticate` counts as
// signing, and the socket work under axios as the HTTP client); a stack matching none is "other".
//   node test/bench/profileSummary.js <file.cpuprofile | dir> [window.json] [--json]
// window.json (written by --profile-audit): { startUs, endUs, items }; without it the whole
// profile is billed and per-item figures are divided by --items N (default 1000).

const fs = require('fs');
const path = require('path');

/**
 * Buckets, checked innermost frame first. `fn` matches the function name, `url` the script
 * (path fragments, node: modules). The first bucket a frame matches wins for that frame.
 * @type {Array<{ name: string, match: (fn: string, url: string) => boolean }>}
 */
const BUCKETS = [
	{ name: 'RSA signing', match: (fn, url) => (url.endsWith('internal/crypto/sig') && /^(sign|Sign|update)$/.test(fn)) || (url.includes('core/signing') && /^sign(Message|Request)$/.test(fn)) },
	{ name: 'JSON parse', match: (fn, url) => (url.includes('core/json') || fn === 'parse' && url === '') || (url.includes('n8n-workflow') && fn === 'jsonParse') },
	{ name: 'flatten (core)', match: (_fn, url) => /nodes\/Yoti\/core\/(checks|subChecks|summary|output|keys|breakdown|read|flattenObject|session\.schema)/.test(url) },
	{ name: 'credential decryption + authenticate', match: (fn, url) => url.includes('/credentials/') || url.includes('core/signing') || (url.includes('test/engine/harness') && /authenticate|getDecrypted/.test(fn)) || /^(getCredentials|_getCredentials|getDecrypted|authenticate)$/.test(fn) && /n8n-core|n8n-workflow/.test(url) },
	{ name: 'engine parameter reads', match: (fn, url) => /getNodeParameter|getParameterValue|resolveSimpleParameterValue|getDataProxy|initializeGlobalContext|getNodeParameters|getParameterResolveOrder|expression/i.test(fn) || url.includes('n8n-workflow/dist/cjs/expression') || url.includes('workflow-data-proxy') || url.includes('@n8n/tournament') || url.includes('@n8n/expression-runtime') || url.includes('luxon') },
	{ name: 'HTTP client (n8n-core + axios + sockets)', match: (fn, url) => /axios|follow-redirects|proxy-from-env|form-data|http-proxy|request-helper-functions/.test(url) || /^node:(_http_|net|dns|internal\/(stream|streams|net|dns|http|url)|stream|tls|url|events|buffer|zlib)/.test(url) || /^(writeLatin1String|writeUtf8String|writev|writeBuffer|connect|shutdown|readStop|readStart)$/.test(fn) },
	{ name: 'node router + transport', match: (_fn, url) => url.includes('nodes/Yoti/') },
	{ name: 'engine (WorkflowExecute, contexts)', match: (_fn, url) => /n8n-core|n8n-workflow|@n8n\//.test(url) },
	{ name: 'garbage collector', match: (fn) => fn === '(garbage collector)' },
];
const IGNORED = new Set(['(idle)', '(root)']);

/** @param {string} target @returns {any} */
function loadProfile(target) {
	const stat = fs.statSync(target);
	const file = stat.isDirectory()
		? fs.readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f)).sort().pop()
		: target;
	if (!file) throw new Error(`no .cpuprofile in ${target}`);
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** @param {any} profile @param {{ startUs: number, endUs: number } | undefined} window */
function summarise(profile, window) {
	const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	/** @type {Map<number, string>} sample node -> bucket, memoised */
	const bucketOf = new Map();
	const classify = (/** @type {number} */ id) => {
		const known = bucketOf.get(id);
		if (known) return known;
		let bucket = 'other';
		const leaf = byId.get(id).callFrame.functionName;
		if (IGNORED.has(leaf)) bucket = 'idle';
		else if (leaf === '(program)') bucket = 'other';
		else {
			for (let at = id; at !== undefined; at = parent.get(at)) {
				const { functionName, url } = byId.get(at).callFrame;
				const shortUrl = url.replace(/^file:\/\//, '');
				const found = BUCKETS.find((b) => b.match(functionName, shortUrl));
				if (found) {
					bucket = found.name;
					break;
				}
			}
		}
		bucketOf.set(id, bucket);
		return bucket;
	};
	/** @type {Map<string, number>} bucket -> µs */
	const totals = new Map();
	let t = profile.startTime;
	for (let i = 0; i < profile.samples.length; i += 1) {
		t += profile.timeDeltas[i];
		// A sample stands for the time until the next one.
		const span = profile.timeDeltas[i + 1] ?? 0;
		if (window && (t < window.startUs || t > window.endUs)) continue;
		const bucket = classify(profile.samples[i]);
		totals.set(bucket, (totals.get(bucket) ?? 0) + span);
	}
	return totals;
}

/** @param {string[]} argv */
function main(argv) {
	const args = argv.filter((a) => !a.startsWith('--'));
	const asJson = argv.includes('--json');
	const itemsFlag = argv.indexOf('--items');
	if (args.length === 0) throw new Error('usage: profileSummary.js <file.cpuprofile | dir> [window.json] [--json] [--items N]');
	const profile = loadProfile(args[0]);
	const window = args[1] ? JSON.parse(fs.readFileSync(args[1], 'utf8')) : undefined;
	const items = window?.items ?? (itemsFlag >= 0 ? Number(argv[itemsFlag + 1]) : 1000);
	if (window && (window.startUs < profile.startTime || window.endUs > profile.endTime)) {
		throw new Error('the measured window is not inside the profile (was the window file written by the same run?)');
	}
	const totals = summarise(profile, window);
	const order = [...BUCKETS.map((b) => b.name), 'other'];
	const rows = order.filter((name) => totals.has(name)).map((name) => ({ bucket: name, msPerItem: (totals.get(name) ?? 0) / 1000 / items }));
	const busy = rows.reduce((sum, r) => sum + r.msPerItem, 0);
	if (asJson) {
		process.stdout.write(`${JSON.stringify({ items, busyMsPerItem: busy, idleMsPerItem: (totals.get('idle') ?? 0) / 1000 / items, rows })}\n`);
		return;
	}
	// V8 bills each sample with the wall time to the next one, so on a loaded machine the sampled
	// total runs above the CPU the process really used: the shares are the profile's, and
	// "ms per item (CPU)" spreads the process's measured CPU per item (process.cpuUsage) by them.
	const cpu = window ? Number(window.clientCpuMsPerItem) : NaN;
	const scaled = Number.isFinite(cpu);
	const lines = scaled
		? ['| where | ms per item (CPU) | share | sampled ms per item |', '|---|---:|---:|---:|']
		: ['| where | sampled ms per item | share |', '|---|---:|---:|'];
	for (const r of rows) {
		const share = r.msPerItem / busy;
		lines.push(
			scaled
				? `| ${r.bucket} | ${(share * cpu).toFixed(2)} | ${(100 * share).toFixed(0)} % | ${r.msPerItem.toFixed(2)} |`
				: `| ${r.bucket} | ${r.msPerItem.toFixed(3)} | ${(100 * share).toFixed(0)} % |`,
		);
	}
	lines.push(scaled ? `| **total** | **${cpu.toFixed(2)}** | | ${busy.toFixed(2)} |` : `| **total on CPU** | **${busy.toFixed(3)}** | |`);
	process.stdout.write(`${lines.join('\n')}\n`);
	if (window) process.stdout.write(`\n${items} items, concurrency ${window.concurrency}, ${Number(window.seconds).toFixed(2)} s wall; process.cpuUsage: ${Number(window.clientCpuMsPerItem).toFixed(3)} ms/item\n`);
}

main(process.argv.slice(2));
