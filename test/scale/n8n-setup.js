'use strict';
// Getting the pinned n8n and this package ready for the scale run. The install of n8n itself
// and of the package into a user folder belong to the end-to-end harness (test/e2e); this
// module calls it, and only keeps a fallback for the package install so the scale run can
// also be tried on a tree whose harness is not there yet.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const E2E_INSTALLER = path.join(REPO, 'test', 'e2e', 'install-n8n.js');
const E2E_LIBRARY = path.join(REPO, 'test', 'e2e', 'n8n.js');

function firstString(obj, keys) {
	for (const k of keys) if (typeof obj?.[k] === 'string' && obj[k]) return obj[k];
	return undefined;
}

/**
 * Resolves { nodeBin, n8nBin, version } of the pinned real n8n. Runs test/e2e/install-n8n.js
 * (cached after the first run) and reads the JSON it prints on its last line.
 * N8N_SCALE_NODE_BIN + N8N_SCALE_N8N_BIN override it (a local n8n you already have).
 */
function resolveN8n(log = console.log) {
	if (process.env.N8N_SCALE_NODE_BIN && process.env.N8N_SCALE_N8N_BIN) {
		return { nodeBin: process.env.N8N_SCALE_NODE_BIN, n8nBin: process.env.N8N_SCALE_N8N_BIN, version: process.env.N8N_SCALE_N8N_VERSION || 'local' };
	}
	if (!fs.existsSync(E2E_INSTALLER)) throw new Error(`${path.relative(REPO, E2E_INSTALLER)} is missing: cannot install the pinned n8n`);
	log('[scale] resolving the pinned n8n via test/e2e/install-n8n.js (cached after the first run)');
	const res = spawnSync(process.execPath, [E2E_INSTALLER], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
	if (res.status !== 0) throw new Error(`install-n8n.js exited ${res.status}:\n${(res.stdout || '').split('\n').slice(-20).join('\n')}`);
	const last = (res.stdout || '').trim().split('\n').pop();
	let info;
	try {
		info = JSON.parse(last);
	} catch {
		throw new Error(`install-n8n.js did not print JSON on its last line: ${last}`);
	}
	const nodeBin = firstString(info, ['nodeBin', 'node', 'nodePath', 'nodeBinary']);
	let n8nBin = firstString(info, ['n8nBin', 'n8n', 'n8nPath', 'bin', 'n8nBinary']);
	const n8nDir = firstString(info, ['n8nDir', 'n8nPackageDir', 'packageDir', 'prefix', 'dir']);
	if (!n8nBin && n8nDir) {
		for (const candidate of [path.join(n8nDir, 'bin', 'n8n'), path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n')]) {
			if (fs.existsSync(candidate)) n8nBin = candidate;
		}
	}
	if (!nodeBin || !n8nBin) throw new Error(`cannot find node / n8n paths in install-n8n.js output: ${last}`);
	return { nodeBin, n8nBin, version: info.version || info.n8nVersion || '2.x', info };
}

/**
 * Installs this package as a community node into `<userFolder>/.n8n/nodes`. Uses the e2e
 * library when it offers an installer; otherwise builds into a temp dir and copies it in the
 * layout a user's `npm install` gives (node types `n8n-nodes-yoti.*`).
 */
async function installPackage(userFolder, log = console.log) {
	if (fs.existsSync(E2E_LIBRARY)) {
		const lib = require(E2E_LIBRARY);
		const fn = ['installPackage', 'installCommunityPackage', 'installCommunityNode', 'installNodePackage'].map((n) => lib[n]).find((f) => typeof f === 'function');
		if (fn) {
			log('[scale] installing the package with test/e2e/n8n.js');
			return await fn(userFolder);
		}
	}
	log('[scale] test/e2e/n8n.js offers no package installer yet: building the package here');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-yoti-pkg-'));
	try {
		const tsc = path.join(REPO, 'node_modules', '.bin', 'tsc');
		const build = spawnSync(tsc, ['-p', 'tsconfig.json', '--outDir', path.join(work, 'dist')], { cwd: REPO, encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`tsc failed:\n${(build.stdout + build.stderr).split('\n').slice(0, 30).join('\n')}`);
		copyAssets(REPO, path.join(work, 'dist'));
		const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkg.name);
		fs.mkdirSync(target, { recursive: true });
		fs.cpSync(path.join(work, 'dist'), path.join(target, 'dist'), { recursive: true });
		fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));
		fs.writeFileSync(
			path.join(userFolder, '.n8n', 'nodes', 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2),
		);
		return { packageDir: target };
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** What gulp build:assets copies: icons and codex JSON of nodes, icons of credentials. */
function copyAssets(root, dist) {
	for (const top of ['nodes', 'credentials']) {
		const walk = (dir) => {
			if (!fs.existsSync(dir)) return;
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (/\.(png|svg)$/.test(entry.name) || (top === 'nodes' && entry.name.endsWith('.json'))) {
					const to = path.join(dist, path.relative(root, full));
					fs.mkdirSync(path.dirname(to), { recursive: true });
					fs.copyFileSync(full, to);
				}
			}
		};
		walk(path.join(root, top));
	}
}

/** Runs an n8n CLI command to completion; returns stdout+stderr. */
function n8nCli({ nodeBin, n8nBin, env }, args, { allowFail = false } = {}) {
	const res = spawnSync(nodeBin, [n8nBin, ...args], {
		env: { ...process.env, ...env, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		timeout: 300_000,
	});
	const out = `${res.stdout || ''}${res.stderr || ''}`;
	if (!allowFail && res.status !== 0) throw new Error(`n8n ${args.join(' ')} exited ${res.status ?? res.signal}:\n${out.split('\n').slice(-20).join('\n')}`);
	return out;
}

/** Async n8nCli, for commands that may run side by side. */
function n8nCliAsync({ nodeBin, n8nBin, env }, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [n8nBin, ...args], {
			env: { ...process.env, ...env, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => (out += c));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`n8n ${args.join(' ')} exited ${code}:\n${out.split('\n').slice(-20).join('\n')}`))));
	});
}

/** Imports credentials and workflows, then publishes (activates) the workflows. */
async function importAndPublish(n8n, { dir, credentials, workflows }) {
	const credFile = path.join(dir, 'credentials.json');
	fs.writeFileSync(credFile, JSON.stringify(credentials));
	n8nCli(n8n, ['import:credentials', `--input=${credFile}`]);
	fs.rmSync(credFile); // holds the demo private key in clear
	const wfFile = path.join(dir, 'workflows.json');
	fs.writeFileSync(wfFile, JSON.stringify(workflows));
	n8nCli(n8n, ['import:workflow', `--input=${wfFile}`]);
	// the first command migrated the empty database; these may run side by side
	await Promise.all(workflows.map((wf) => n8nCliAsync(n8n, ['publish:workflow', `--id=${wf.id}`])));
}

module.exports = { resolveN8n, installPackage, importAndPublish, n8nCli, REPO };
