#!/usr/bin/env node
// @ts-check
'use strict';
// npm run simulator -- [--port 4010] [--host 127.0.0.1] [--sdk-id ID --public-key FILE]
//   [--sessions DIR] [--latency MS] [--fault SPEC]... [--sign-api-key KEY] [--quiet]
// Without flags: the bundled TEST-ONLY demo SDK ID, key pair and data (see README.md).

const fs = require('fs');
const { startSimulator } = require('./index');

const USAGE = `Usage: node test/simulator/cli.js [--port N] [--host H] [--sdk-id ID] [--public-key FILE]
  [--sessions DIR] [--latency MS] [--fault SPEC]... [--sign-api-key KEY] [--quiet]`;

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, any>} */
	const opts = { faults: [] };
	const takesValue = new Set(['--port', '--host', '--sdk-id', '--public-key', '--sessions', '--latency', '--fault', '--sign-api-key']);
	for (let i = 0; i < argv.length; i++) {
		let flag = argv[i];
		let value;
		const eq = flag.indexOf('=');
		if (flag.startsWith('--') && eq > 0) {
			value = flag.slice(eq + 1);
			flag = flag.slice(0, eq);
		}
		if (flag === '--help' || flag === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		}
		if (flag === '--quiet') {
			opts.quiet = true;
			continue;
		}
		if (!takesValue.has(flag)) throw new Error(`unknown option ${flag}`);
		if (value === undefined) {
			value = argv[++i];
			if (value === undefined) throw new Error(`${flag} needs a value`);
		}
		switch (flag) {
			case '--port':
				if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error('--port must be 0-65535');
				opts.port = Number(value);
				break;
			case '--host':
				opts.host = value;
				break;
			case '--sdk-id':
				opts.sdkId = value;
				break;
			case '--public-key':
				opts.publicKey = fs.readFileSync(value, 'utf8');
				break;
			case '--sessions':
				if (!fs.statSync(value).isDirectory()) throw new Error(`--sessions ${value} is not a directory`);
				opts.sessionsDir = value;
				break;
			case '--latency':
				if (!/^\d+$/.test(value)) throw new Error('--latency must be a number of milliseconds');
				opts.latencyMs = Number(value);
				break;
			case '--fault':
				opts.faults.push(value);
				break;
			case '--sign-api-key':
				opts.signApiKey = value;
				break;
		}
	}
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${err instanceof Error ? err.message : err}\n${USAGE}\n`);
		process.exit(2);
	}
	const sim = await startSimulator({ ...opts, log: !opts.quiet });
	process.stdout.write(`Yoti simulator listening on ${sim.url}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`Yoti simulator failed to start: ${err instanceof Error ? err.message : err}\n`);
	process.exit(1);
});
