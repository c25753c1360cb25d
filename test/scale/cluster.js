'use strict';
// Starts the pinned n8n in queue mode: one main, M webhook processes, N workers, all on
// loopback, sharing one PostgreSQL database, one Redis, one encryption key and one user folder.

const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const { spawn } = require('node:child_process');
const { freePort, registerCleanup } = require('./services');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.on('data', (c) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/** Environment shared by every n8n process of the cluster (and the import/CLI commands). */
function queueEnv({ userFolder, encryptionKey, postgres, redis, webhookUrl, extra = {} }) {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		...(webhookUrl ? { WEBHOOK_URL: webhookUrl } : {}),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
		...extra,
	};
}

/**
 * One n8n process. Runs in its own process group so that its task-runner children go with
 * it; `kill(signal)` signals the whole group.
 */
function spawnN8n({ name, nodeBin, n8nBin, args, env, logDir }) {
	const logFile = path.join(logDir, `${name}.log`);
	const out = fs.openSync(logFile, 'a');
	const child = spawn(nodeBin, [n8nBin, ...args], {
		env: { ...process.env, ...env, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` },
		stdio: ['ignore', out, out],
		detached: true,
	});
	fs.closeSync(out);
	const proc = {
		name,
		child,
		pid: child.pid,
		logFile,
		exited: false,
		log: () => {
			try {
				return fs.readFileSync(logFile, 'utf8');
			} catch {
				return '';
			}
		},
		kill(signal = 'SIGTERM') {
			if (proc.exited) return;
			try {
				process.kill(-child.pid, signal);
			} catch {
				try {
					child.kill(signal);
				} catch {}
			}
		},
		async stop(graceMs = 15_000) {
			if (proc.exited) return;
			proc.kill('SIGTERM');
			const deadline = Date.now() + graceMs;
			while (!proc.exited && Date.now() < deadline) await sleep(100);
			if (!proc.exited) proc.kill('SIGKILL');
			// the group may outlive the leader (task runners): make sure it is gone
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		},
	};
	child.on('exit', (code, signal) => {
		proc.exited = true;
		proc.exitCode = code;
		proc.exitSignal = signal;
	});
	registerCleanup(
		() => proc.stop(),
		() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		},
	);
	return proc;
}

async function waitReady(proc, url, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc.exited) {
			throw new Error(`${proc.name} exited (${proc.exitCode ?? proc.exitSignal}) before ready:\n${proc.log().split('\n').slice(-30).join('\n')}`);
		}
		const res = await httpGet(url);
		if (res.status === 200) return;
		await sleep(500);
	}
	throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs} ms:\n${proc.log().split('\n').slice(-30).join('\n')}`);
}

/**
 * Starts main, `webhooks` webhook processes and `workers` workers. Returns handles with their
 * ports; `webhook` is the first webhook process. `workerConcurrency` is passed as
 * `n8n worker --concurrency`.
 */
async function startCluster({ nodeBin, n8nBin, baseEnv, logDir, webhooks = 1, workers = 2, workerConcurrency = 5, startupTimeoutMs = 300_000 }) {
	const mainPort = await freePort();
	const common = { nodeBin, n8nBin, logDir };

	const main = spawnN8n({
		...common,
		name: 'main',
		args: ['start'],
		env: { ...baseEnv, N8N_PORT: String(mainPort), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
	});
	main.port = mainPort;
	main.url = `http://127.0.0.1:${mainPort}`;
	// main runs the migrations: the others start once it is up
	await waitReady(main, `${main.url}/healthz/readiness`, startupTimeoutMs);

	const webhookProcs = [];
	for (let i = 1; i <= webhooks; i++) {
		const port = await freePort();
		const w = spawnN8n({
			...common,
			name: i === 1 ? 'webhook' : `webhook${i}`,
			args: ['webhook'],
			env: { ...baseEnv, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		});
		w.port = port;
		w.url = `http://127.0.0.1:${port}`;
		webhookProcs.push(w);
	}

	const workerProcs = [];
	for (let i = 1; i <= workers; i++) {
		const healthPort = await freePort();
		const w = spawnN8n({
			...common,
			name: `worker${i}`,
			args: ['worker', `--concurrency=${workerConcurrency}`],
			env: {
				...baseEnv,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_PORT: String(await freePort()),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			},
		});
		w.port = healthPort;
		w.url = `http://127.0.0.1:${healthPort}`;
		workerProcs.push(w);
	}
	await Promise.all(
		[...webhookProcs, ...workerProcs].map((p) => waitReady(p, `${p.url}/healthz/readiness`, startupTimeoutMs)),
	);
	const all = [main, ...webhookProcs, ...workerProcs];
	return {
		main,
		webhook: webhookProcs[0],
		webhooks: webhookProcs,
		workers: workerProcs,
		all,
		async stop() {
			await Promise.all([...webhookProcs, ...workerProcs].map((p) => p.stop()));
			await main.stop();
		},
	};
}

module.exports = { queueEnv, spawnN8n, startCluster, waitReady, httpGet };
