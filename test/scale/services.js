'use strict';
// Throwaway PostgreSQL + Redis servers for the queue-mode scale test.
// Both come from Debian packages (installed here when missing), run on free loopback
// ports out of a temp dir, and are stopped and deleted at the end, on failure and on SIGINT.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function log(...args) {
	console.log('[services]', ...args);
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function onPath(cmd) {
	for (const dir of (process.env.PATH || '').split(':')) {
		const candidate = path.join(dir, cmd);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {}
	}
	return null;
}

/** Debian keeps the server binaries in /usr/lib/postgresql/<major>/bin, off PATH. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const majors = fs
			.readdirSync(root)
			.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return path.join(root, majors[0], 'bin');
	}
	const initdb = onPath('initdb');
	return initdb ? path.dirname(fs.realpathSync(initdb)) : null;
}

function run(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, ...opts });
	if (res.error) throw res.error;
	if (res.status !== 0) {
		const out = `${res.stdout || ''}${res.stderr || ''}`.trim().split('\n').slice(-15).join('\n');
		throw new Error(`${cmd} ${args.join(' ')} exited ${res.status}:\n${out}`);
	}
	return res.stdout;
}

/**
 * Installs postgresql / redis-server from Debian when their binaries are missing.
 * A temporary policy-rc.d keeps the packages' postinst from starting system services:
 * we run our own instances and want nothing listening on 5432/6379 afterwards.
 */
function ensureInstalled() {
	const missing = [];
	if (!postgresBinDir() || !onPath('psql')) missing.push('postgresql');
	if (!onPath('redis-server') || !onPath('redis-cli')) missing.push('redis-server');
	if (!missing.length) return;
	const asRoot = process.getuid && process.getuid() === 0;
	const sudo = asRoot ? [] : ['sudo', '-n'];
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = asRoot && !fs.existsSync(policy);
	log(`installing ${missing.join(', ')} from Debian (apt-get)`);
	try {
		if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const apt = (...args) =>
			asRoot ? run('apt-get', args, { env }) : run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { env });
		apt('update');
		apt('install', '-y', '--no-install-recommends', ...missing);
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	if (!postgresBinDir()) throw new Error('postgresql installed but initdb not found');
	if (!onPath('redis-server')) throw new Error('redis-server installed but not on PATH');
}

/** uid/gid of the `postgres` user: initdb and postgres refuse to run as root. */
function postgresUser() {
	if (!process.getuid || process.getuid() !== 0) return null;
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root but there is no postgres user (install postgresql)');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function waitExit(child, ms) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

function tail(file, lines = 20) {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

async function waitFor(what, check, timeoutMs, logFile) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return;
		await sleep(200);
	}
	throw new Error(`${what} did not become ready in ${timeoutMs} ms\n${logFile ? tail(logFile) : ''}`);
}

async function startPostgres(baseDir, { database = 'n8n', user = 'n8n', password = 'n8n-scale-test' } = {}) {
	const bin = postgresBinDir();
	const owner = postgresUser();
	const dataDir = path.join(baseDir, 'pg-data');
	const sockDir = path.join(baseDir, 'pg-sock');
	const logFile = path.join(baseDir, 'postgres.log');
	for (const dir of [dataDir, sockDir]) {
		fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
		if (owner) fs.chownSync(dir, owner.uid, owner.gid);
	}
	// the postgres user must be able to walk into the temp dir
	fs.chmodSync(baseDir, 0o755);
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid, env: { ...process.env, HOME: baseDir } } : {};
	run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale'], {
		...asOwner,
		cwd: baseDir,
	});
	const port = await freePort();
	const out = fs.openSync(logFile, 'a');
	if (owner) fs.fchownSync(out, owner.uid, owner.gid);
	const child = spawn(
		path.join(bin, 'postgres'),
		[
			'-D', dataDir,
			'-p', String(port),
			'-k', sockDir,
			'-c', 'listen_addresses=127.0.0.1',
			'-c', 'max_connections=200',
			// a throwaway database: durability buys nothing here
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
		],
		// own process group: a Ctrl-C on the terminal must not stop it before n8n is down
		{ ...asOwner, cwd: baseDir, stdio: ['ignore', out, out], detached: true },
	);
	fs.closeSync(out);
	const isReady = () =>
		spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }).status === 0;
	await waitFor('postgres', () => child.exitCode === null && isReady(), 60_000, logFile);
	const psql = (sql, db = 'postgres') =>
		run('psql', ['-h', sockDir, '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql]);
	psql(`CREATE USER ${user} PASSWORD '${password}'`);
	psql(`CREATE DATABASE ${database} OWNER ${user}`);
	log(`postgres ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (db ${database}, user ${user})`);
	return {
		host: '127.0.0.1',
		port,
		database,
		user,
		password,
		socketDir: sockDir,
		pid: child.pid,
		child,
		/** Runs SQL as the superuser over the socket; returns unaligned tuples-only text. */
		psql: (sql) => psql(sql, database),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGINT'); // "fast" shutdown
				if (!(await waitExit(child, 15_000))) child.kill('SIGKILL');
			}
		},
	};
}

async function startRedis(baseDir) {
	const dir = path.join(baseDir, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(baseDir, 'redis.log');
	const port = await freePort();
	const out = fs.openSync(logFile, 'a');
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
		{ cwd: dir, stdio: ['ignore', out, out], detached: true },
	);
	fs.closeSync(out);
	const ping = () => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';
	await waitFor('redis', () => child.exitCode === null && ping(), 30_000, logFile);
	log(`redis on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		pid: child.pid,
		child,
		cli: (...args) => run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				if (!(await waitExit(child, 10_000))) child.kill('SIGKILL');
			}
		},
	};
}

// ---- cleanup registry: every child and temp dir is removed on exit, failure or signal ----
const cleanups = [];
let handlersInstalled = false;

function installHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	// last resort: synchronous kill of whatever is still registered
	process.on('exit', () => {
		for (const c of cleanups.splice(0).reverse()) {
			try {
				c.sync();
			} catch {}
		}
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			console.error(`[services] ${sig}: stopping everything`);
			runCleanups().finally(() => process.exit(130));
		});
	}
}

/**
 * Registers something to tear down. `stop` is async (graceful); `sync` must be synchronous
 * (used from process 'exit'). Returns an unregister function.
 */
function registerCleanup(stop, sync) {
	installHandlers();
	const entry = { stop, sync: sync || (() => {}) };
	cleanups.push(entry);
	return () => {
		const i = cleanups.indexOf(entry);
		if (i >= 0) cleanups.splice(i, 1);
	};
}

async function runCleanups() {
	while (cleanups.length) {
		const c = cleanups.pop();
		try {
			await c.stop();
		} catch (err) {
			console.error('[services] cleanup failed:', err.message);
		}
	}
}

function killSync(child) {
	if (child && child.exitCode === null && child.signalCode === null) {
		for (const pid of [-child.pid, child.pid]) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {}
		}
	}
}

/**
 * Installs (if needed) and starts PostgreSQL and Redis in a fresh temp dir.
 * Returns { baseDir, postgres, redis, stop() }; stop() is also run on exit/SIGINT.
 */
async function startServices({ tmpRoot = os.tmpdir() } = {}) {
	ensureInstalled();
	const baseDir = fs.mkdtempSync(path.join(tmpRoot, 'n8n-scale-'));
	const removeDir = () => fs.rmSync(baseDir, { recursive: true, force: true });
	registerCleanup(async () => removeDir(), removeDir);
	const postgres = await startPostgres(baseDir);
	registerCleanup(() => postgres.stop(), () => killSync(postgres.child));
	const redis = await startRedis(baseDir);
	registerCleanup(() => redis.stop(), () => killSync(redis.child));
	return { baseDir, postgres, redis, stop: runCleanups };
}

module.exports = { startServices, registerCleanup, runCleanups, freePort, killSync, ensureInstalled, onPath };

if (require.main === module) {
	// smoke: node test/scale/services.js
	startServices()
		.then(async ({ postgres, redis, stop }) => {
			console.log(postgres.psql('select version()').trim());
			console.log('redis', redis.cli('info', 'server').match(/redis_version:(\S+)/)[1]);
			await stop();
			console.log('stopped');
		})
		.catch(async (err) => {
			console.error(err);
			await runCleanups();
			process.exit(1);
		});
}
