'use strict';
// A real n8n for end-to-end tests: a pinned n8n (test/e2e/install-n8n.js) run with its own
// user folder, this package installed as a community package, workflows run through the
// CLI (`import:*`, `execute --id`) or served by `n8n start` with activated workflows.
//
//   const e2e = require('./n8n');
//   const n8n = await e2e.createN8n({ line: 2 });          // install (cached) + fresh user folder
//   await e2e.installPackage({ n8n });                      // npm pack this repo -> .n8n/nodes
//   await n8n.importCredentials([{ id, name, type, data }]);
//   await n8n.importWorkflow(workflowJson);
//   const run = await n8n.executeWorkflow(id);              // { ok, data, error, ... }
//   e2e.nodeItems(run, 'Set');                              // [{ json }, ...]
//   await n8n.activateWorkflow(id);
//   const server = await n8n.start();                       // { url, port, stop() }
//   await e2e.postWebhook(server.url, webhookId, body);     // POST /webhook/<id>/webhook
//   await server.stop(); n8n.cleanup();

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureN8n } = require('./install-n8n');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-yoti';
const ENCRYPTION_KEY = 'n8n-nodes-yoti-e2e-fixed-encryption-key';

/** A TCP port nobody listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** The environment every n8n process of one instance shares. */
function baseEnv({ info, userFolder, port, brokerPort, extra }) {
	const env = {
		...process.env,
		PATH: `${path.dirname(info.nodeBin)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		// Nodes must not lean on $env: block it on both lines (2.x's default).
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		// Code nodes run in a task runner: always so on 2.x, opt-in on 1.x (same behaviour on both).
		N8N_RUNNERS_ENABLED: 'true',
		// Each instance gets its own task-runner broker port so instances can run side by side.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// 2.x (>= 2.3x) activates published workflows asynchronously through a publication
		// outbox + reconciler (every 10 s) after the server says it is ready; the classic path
		// activates them during start-up, before "Editor is now accessible", so tests can POST
		// right away. Ignored by 1.x.
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
		DB_TYPE: 'sqlite',
		EXECUTIONS_MODE: 'regular',
		...extra,
	};
	// Settings inherited from a developer's shell must not leak into the run.
	for (const key of ['N8N_CONFIG_FILES', 'N8N_CUSTOM_EXTENSIONS', 'NODE_OPTIONS', 'npm_config_nodedir']) {
		if (!(extra && key in extra)) delete env[key];
	}
	return env;
}

/**
 * A pinned n8n with a fresh user folder. Options: line (2 | 1, default 2), n8n (version,
 * default the line's pin), userFolder (default a new temp dir), env (extra variables).
 */
async function createN8n({ line = 2, n8n, userFolder, env: extra = {} } = {}) {
	const info = ensureN8n({ line, n8n });
	const ownFolder = !userFolder;
	userFolder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${info.line}-`));
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	const port = await freePort();
	const brokerPort = await freePort();
	const env = baseEnv({ info, userFolder, port, brokerPort, extra });
	const logDir = path.join(userFolder, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	let cliRuns = 0;

	const instance = {
		info,
		line: info.line,
		version: info.n8nVersion,
		userFolder,
		env,
		port,
		logDir,

		/**
		 * Runs `n8n <args>` to completion in its own process group; resolves { status, signal,
		 * stdout, stderr, logFile }. Whatever the command leaves behind (a task runner after a
		 * crash) is killed with the group, so a dangling child can never hold the pipes open.
		 */
		cli(args, { timeoutMs = 300_000, allowFail = false } = {}) {
			const logFile = path.join(logDir, `cli-${String(++cliRuns).padStart(3, '0')}-${args[0].replace(/[^a-z0-9]+/gi, '-')}.log`);
			return runGroup(info.nodeBin, [info.n8nBin, ...args], { cwd: userFolder, env, timeoutMs }).then((out) => {
				out.logFile = logFile;
				fs.writeFileSync(logFile, `$ n8n ${args.join(' ')}\n# exit ${out.status} ${out.signal || ''}${out.timedOut ? ' (timed out)' : ''}\n--- stdout\n${out.stdout}\n--- stderr\n${out.stderr}\n`);
				if (out.error) throw new Error(`n8n ${args[0]} could not run: ${out.error.message} (log: ${logFile})`);
				if (!allowFail && out.status !== 0) {
					throw new Error(`n8n ${args.join(' ')} exited ${out.status ?? out.signal}:\n${tail(out.stdout + out.stderr)}\n(log: ${logFile})`);
				}
				return out;
			});
		},

		/** Imports credentials (plain `data`; n8n encrypts it with the fixed key). */
		importCredentials(creds) {
			return importJson(instance, 'import:credentials', Array.isArray(creds) ? creds : [creds]);
		},

		/** Imports one workflow (or an array). Each needs an `id` so it can be executed / activated. */
		async importWorkflow(wf) {
			const list = Array.isArray(wf) ? wf : [wf];
			for (const w of list) if (!w.id) throw new Error(`workflow "${w.name}" has no id`);
			await importJson(instance, 'import:workflow', list);
			return list.map((w) => w.id);
		},

		/**
		 * `n8n execute --id=<id>` and the run it printed. Returns { ok, data, error, lastNode,
		 * status, signal, stdout, stderr, logFile }: `data` is n8n's IRun ({ data: { resultData:
		 * { runData, error? } }, status, ... }). n8n 2.x may segfault (139) after printing a
		 * successful run, so success is judged from the printed run, never from the exit code.
		 */
		async executeWorkflow(id, { timeoutMs } = {}) {
			const res = await instance.cli(['execute', `--id=${id}`], { timeoutMs, allowFail: true });
			const data = extractRun(res.stdout) || extractRun(res.stderr);
			if (!data) {
				throw new Error(`n8n execute --id=${id} printed no run data (exit ${res.status ?? res.signal}):\n${tail(res.stdout + res.stderr)}\n(log: ${res.logFile})`);
			}
			const error = data.data?.resultData?.error;
			return { ...res, ok: !error, data, error, lastNode: data.data?.resultData?.lastNodeExecuted };
		},

		/** Makes an imported workflow active, for `start` to register its webhooks / triggers. */
		activateWorkflow(id) {
			if (info.line >= 2) return instance.cli(['publish:workflow', `--id=${id}`]);
			return instance.cli(['update:workflow', `--id=${id}`, '--active=true']);
		},

		/** `n8n start`, resolved once /healthz answers and the active workflows are registered. */
		start(opts) {
			return startN8n({ n8n: instance, ...opts });
		},

		/** Removes the user folder (only when createN8n made it). */
		cleanup() {
			if (ownFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return instance;
}

async function importJson(instance, command, list) {
	const file = path.join(instance.userFolder, `import-${process.pid}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
	try {
		return await instance.cli([command, `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true }); // credentials are in clear here
	}
}

/** Process groups started here and still alive: killed if this process exits first. */
const liveGroups = new Set();
process.on('exit', () => {
	if (packedTarball) fs.rmSync(path.dirname(packedTarball.file), { recursive: true, force: true });
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {}
	}
});

/** spawn in a new process group, collect output, kill the group once the leader exits (or on timeout). */
function runGroup(cmd, args, { cwd, env, timeoutMs }) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		const out = { status: null, signal: null, stdout: '', stderr: '', timedOut: false };
		child.stdout.setEncoding('utf8').on('data', (d) => (out.stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (out.stderr += d));
		if (child.pid) liveGroups.add(child.pid);
		const killGroup = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			liveGroups.delete(child.pid);
		};
		const timer = setTimeout(() => {
			out.timedOut = true;
			killGroup();
		}, timeoutMs);
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			killGroup();
			resolve(out);
		};
		child.on('error', (err) => {
			out.error = err;
			finish();
		});
		child.on('exit', (code, signal) => {
			out.status = code;
			out.signal = signal;
			// Let the pipes drain; a grandchild still holding them is killed with the group.
			const grace = setTimeout(finish, 2000);
			child.on('close', () => {
				clearTimeout(grace);
				finish();
			});
		});
	});
}

/**
 * The run JSON `n8n execute` printed. Success prints "Execution was successful:" and a
 * "====" line then JSON.stringify(run, null, 2); a failed run is logged the same way after
 * "Execution error:". Log lines can come before and after (and a crash can cut the tail),
 * so each line that is exactly "{" starts a candidate and the last one that parses to a
 * run wins.
 */
function extractRun(text) {
	if (!text) return null;
	const lines = text.split('\n');
	let found = null;
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].replace(/\r$/, '') !== '{') continue;
		// The pretty-printed object ends at the first line that is exactly "}" (nested ones are indented).
		let end = i + 1;
		while (end < lines.length && lines[end].replace(/\r$/, '') !== '}') end++;
		if (end >= lines.length) continue;
		try {
			const obj = JSON.parse(lines.slice(i, end + 1).join('\n'));
			if (obj && typeof obj === 'object' && obj.data && obj.data.resultData) found = obj;
			i = end;
		} catch {}
	}
	return found;
}

/** runData of an executeWorkflow() result or of a bare n8n IRun. */
function runDataOf(run) {
	const irun = run?.data?.resultData ? run : run?.data;
	return irun?.data?.resultData?.runData;
}

/** The items node `nodeName` output on `output` (default 0) in its last (or `run`-th) run; takes an executeWorkflow() result or an IRun. */
function nodeItems(run, nodeName, { output = 0, run: runIndex } = {}) {
	const runs = runDataOf(run)?.[nodeName];
	if (!runs || !runs.length) return undefined;
	const task = runs[runIndex === undefined ? runs.length - 1 : runIndex];
	return task?.data?.main?.[output] ?? [];
}

/** The error one node raised in its last run (task-level error), if any. */
function nodeError(run, nodeName) {
	const runs = runDataOf(run)?.[nodeName];
	return runs?.[runs.length - 1]?.error;
}

/**
 * `n8n start` on the instance's port (or `port`), stdout+stderr to `<userFolder>/logs/start-<n>.log`.
 * Resolves { url, port, logFile, process, stop() } once GET /healthz is 200 and n8n has logged
 * that the editor is accessible (active workflows are registered before that line).
 */
async function startN8n({ n8n, port, timeoutMs = 180_000, env: extra = {} } = {}) {
	if (!n8n) throw new Error('startN8n needs { n8n } from createN8n()');
	port = port || n8n.port;
	const env = { ...n8n.env, ...extra, N8N_PORT: String(port), WEBHOOK_URL: `http://127.0.0.1:${port}/` };
	const logFile = path.join(n8n.logDir, `start-${Date.now()}.log`);
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(n8n.info.nodeBin, [n8n.info.n8nBin, 'start'], { cwd: n8n.userFolder, env, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	let exited = null;
	liveGroups.add(child.pid);
	child.on('exit', (code, signal) => {
		exited = { code, signal };
		try {
			process.kill(-child.pid, 'SIGKILL'); // leftover task runners
		} catch {}
		liveGroups.delete(child.pid);
	});
	const url = `http://127.0.0.1:${port}`;
	const stop = () => stopChild(child, () => exited);
	const deadline = Date.now() + timeoutMs;
	try {
		for (;;) {
			if (exited) throw new Error(`n8n start exited (${exited.code ?? exited.signal}) before it was ready:\n${tail(readLog(logFile))}`);
			if (Date.now() > deadline) throw new Error(`n8n start not ready after ${timeoutMs} ms:\n${tail(readLog(logFile))}`);
			if ((await httpStatus(`${url}/healthz`)) === 200 && /Editor is now accessible via/.test(readLog(logFile))) break;
			await delay(500);
		}
	} catch (err) {
		await stop();
		throw err;
	}
	return { url, port, logFile, process: child, stop, log: () => readLog(logFile) };
}

function stopChild(child, exitedFn) {
	return new Promise((resolve) => {
		if (exitedFn()) return resolve(exitedFn());
		const kill = (sig) => {
			try {
				process.kill(-child.pid, sig); // the whole group: n8n spawns task runners
			} catch {}
		};
		const hard = setTimeout(() => kill('SIGKILL'), 15_000);
		child.once('exit', (code, signal) => {
			clearTimeout(hard);
			resolve({ code, signal });
		});
		kill('SIGTERM');
	});
}

async function httpStatus(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

/**
 * An HTTP request, answered as { status, headers, text, json } (json undefined unless the
 * body parses). `body` objects are sent as JSON; strings and Buffers as they are.
 */
async function request(url, { method = 'POST', body, headers = {}, timeoutMs = 60_000 } = {}) {
	const h = { ...headers };
	let payload = body;
	if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
		payload = JSON.stringify(body);
		if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
	}
	const res = await fetch(url, { method, headers: h, body: payload, signal: AbortSignal.timeout(timeoutMs) });
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {}
	return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
}

/** Production URL of an activated webhook node: `<base>/webhook/<webhookId>/<path>` (the Yoti Trigger's path is `webhook`). */
function webhookUrl(baseUrl, webhookId, webhookPath = 'webhook') {
	return `${baseUrl}/webhook/${webhookId}/${webhookPath}`;
}

/** POST to an activated webhook node (see webhookUrl). */
function postWebhook(baseUrl, webhookId, body, { path: webhookPath = 'webhook', ...opts } = {}) {
	return request(webhookUrl(baseUrl, webhookId, webhookPath), { method: 'POST', body, ...opts });
}

/**
 * Node type names a started n8n loaded. `n8n start` writes the editor's node catalogue to
 * `<userFolder>/.cache/n8n/public/types/nodes.json` (both lines); over HTTP 2.x serves it
 * only to a logged-in user, so it is read from disk. Takes the instance from createN8n.
 */
function loadedNodeTypes(n8n) {
	const file = path.join(n8n.userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
	const list = JSON.parse(fs.readFileSync(file, 'utf8'));
	return [...new Set(list.map((t) => t.name))];
}

let packedTarball = null;

/**
 * `npm run build` + `npm pack` of a package dir (default this repo), once per process.
 * Returns the tarball path (in a temp dir).
 */
function packPackage({ dir = REPO, build = true } = {}) {
	if (packedTarball && packedTarball.dir === dir && fs.existsSync(packedTarball.file)) return packedTarball.file;
	const npmEnv = { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' };
	if (build) {
		const res = spawnSync('npm', ['run', 'build'], { cwd: dir, env: npmEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		if (res.status !== 0) throw new Error(`npm run build failed in ${dir}:\n${tail(res.stdout + res.stderr)}`);
	}
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'));
	const res = spawnSync('npm', ['pack', '--pack-destination', dest, '--ignore-scripts', '--json'], { cwd: dir, env: npmEnv, encoding: 'utf8' });
	if (res.status !== 0) throw new Error(`npm pack failed in ${dir}:\n${tail(res.stdout + res.stderr)}`);
	const file = path.join(dest, JSON.parse(res.stdout)[0].filename);
	packedTarball = { dir, file };
	return file;
}

/**
 * Installs a package (default: this repo, built and packed) as a community package the way
 * n8n 2.x's own installer does (CommunityPackagesService.downloadPackage): the tarball is
 * unpacked into `<userFolder>/.n8n/nodes/node_modules/<name>`, its package.json loses
 * dev/peer/optional dependencies, `npm install` runs inside it (shallow, no scripts, no
 * lockfile), and `<userFolder>/.n8n/nodes/package.json` lists `<name>: <version>`. n8n (both
 * lines) loads every `n8n-nodes-*` directory there, so node types are `<name>.<node>`.
 * Takes { n8n } (from createN8n) or { userFolder }, or a user folder path (as test/scale
 * calls it). Options: dir (package source dir), tarball (skip build + pack), build.
 * Returns { name, version, packageDir, nodesDir, tarball }.
 */
async function installPackage(arg = {}) {
	const opts = typeof arg === 'string' ? { userFolder: arg } : arg;
	const userFolder = opts.userFolder || opts.n8n?.userFolder;
	if (!userFolder) throw new Error('installPackage needs { n8n } or { userFolder }');
	const tarball = opts.tarball || packPackage({ dir: opts.dir || REPO, build: opts.build !== false });
	const meta = JSON.parse(runOk('tar', ['xzfO', tarball, 'package/package.json']).stdout);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', meta.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	runOk('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const { devDependencies, peerDependencies, optionalDependencies, ...trimmed } = meta;
	fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(trimmed, null, 2));
	runOk(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
		{ cwd: packageDir, env: { ...process.env, npm_config_update_notifier: 'false' } },
	);
	const pkgJson = path.join(nodesDir, 'package.json');
	let nodesPkg = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		nodesPkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
	} catch {}
	nodesPkg.dependencies = { ...nodesPkg.dependencies, [meta.name]: meta.version };
	fs.writeFileSync(pkgJson, JSON.stringify(nodesPkg, null, 2));
	return { name: meta.name, version: meta.version, packageDir, nodesDir, tarball };
}

function runOk(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
	if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status ?? res.signal}):\n${tail((res.stdout || '') + (res.stderr || ''))}`);
	return res;
}

function readLog(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function tail(text, n = 40) {
	return String(text || '').trimEnd().split('\n').slice(-n).join('\n');
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = {
	createN8n,
	installPackage,
	packPackage,
	startN8n,
	extractRun,
	nodeItems,
	nodeError,
	request,
	webhookUrl,
	postWebhook,
	loadedNodeTypes,
	freePort,
	ensureN8n,
	PACKAGE_NAME,
	ENCRYPTION_KEY,
	REPO,
};
