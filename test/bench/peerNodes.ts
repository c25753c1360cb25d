/* eslint-disable */
// n8n's own Code and HTTP Request nodes for the do-it-yourself peer. n8n-nodes-base is not a
// dependency of this package (and must not become one: it is hundreds of packages), so the bench
// takes it from, in order: BENCH_N8N_NODES_BASE (a node_modules folder holding n8n-nodes-base, vm2 and acorn-walk),
// an installed `n8n-nodes-base`, or its own cache (~/.cache/n8n-nodes-yoti-bench), filled once
// with `npm pack` of the two tarballs alone. The versions are the ones n8n 1.123.50 pins (the
// 1.x line whose n8n-core 1.122 is this repo's devDependency). Their own dependencies (n8n-workflow,
// @n8n/config, @n8n/di, lodash, axios, ...) resolve to the copies n8n-core uses here, so the nodes
// share the engine's DI container and classes, as inside n8n.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

export const NODES_BASE_VERSION = '1.121.32';
/** The Code node's in-process sandbox (vm2) and the one dependency of it this repo lacks. */
const SANDBOX_PACKAGES: Array<[string, string]> = [
	['vm2', '3.11.4'],
	['acorn-walk', '8.3.4'],
];

function cacheDir(): string {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-yoti-bench', `n8n-nodes-base-${NODES_BASE_VERSION}`);
}

/** Unpacks `npm pack <spec>` into `<root>/node_modules/<name>`. */
function packInto(root: string, name: string, version: string): void {
	const target = path.join(root, 'node_modules', name);
	if (fs.existsSync(path.join(target, 'package.json'))) return;
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-bench-pack-'));
	try {
		const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
			.trim()
			.split('\n')
			.pop()!;
		fs.mkdirSync(path.join(scratch, 'x'));
		execFileSync('tar', ['xzf', path.join(scratch, tarball), '-C', path.join(scratch, 'x')]);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.renameSync(path.join(scratch, 'x', 'package'), target);
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

function locate(): { root: string; where: string } {
	if (process.env.BENCH_N8N_NODES_BASE) return { root: process.env.BENCH_N8N_NODES_BASE, where: 'BENCH_N8N_NODES_BASE' };
	try {
		const installed = path.dirname(require.resolve('n8n-nodes-base/package.json'));
		return { root: path.dirname(installed), where: 'installed' };
	} catch {}
	const root = cacheDir();
	packInto(root, 'n8n-nodes-base', NODES_BASE_VERSION);
	for (const [name, version] of SANDBOX_PACKAGES) packInto(root, name, version);
	return { root: path.join(root, 'node_modules'), where: root };
}

/**
 * Loaded at start-up by HTTP Request's response optimiser, which only runs when the node is used
 * as an AI agent's tool (never here). Rather than unpacking jsdom & co., each resolves to a stub
 * that throws if it is ever touched, so a bench run cannot use one silently.
 */
const UNUSED_HERE = new Set(['@mozilla/readability', 'cheerio', 'html-to-text', 'jsdom']);
const STUB_PREFIX = 'yoti-bench-unused:';

function installStub(request: string): string {
	const id = `${STUB_PREFIX}${request}`;
	if (!require.cache[id]) {
		const fail = () => {
			throw new Error(`${request} is not loaded in the bench (HTTP Request's AI-tool response optimiser only)`);
		};
		const stub = new Proxy(fail, { get: (_t, key) => (key === '__esModule' ? false : key === 'default' ? stub : fail), apply: fail, construct: fail });
		const Module = require('module') as any;
		const module = new Module(id);
		module.loaded = true;
		module.exports = stub;
		require.cache[id] = module;
	}
	return id;
}

let hookInstalled = false;

/** Requests from inside `root` that it cannot satisfy itself fall back to n8n-core's copies, then this repo's. */
function resolveMissingFrom(root: string): void {
	if (hookInstalled) return;
	hookInstalled = true;
	const Module = require('module') as any;
	const coreDir = path.dirname(require.resolve('n8n-core'));
	const repoDir = path.join(__dirname, '..', '..');
	const original = Module._resolveFilename;
	Module._resolveFilename = function (request: string, parent: any, ...rest: unknown[]) {
		try {
			return original.call(this, request, parent, ...rest);
		} catch (error) {
			if (!parent?.filename?.startsWith(root)) throw error;
			if (UNUSED_HERE.has(request)) return installStub(request);
			return original.call(this, request, parent, false, { paths: [coreDir, repoDir] });
		}
	};
}

export interface PeerNodes {
	code: INodeType | IVersionedNodeType;
	httpRequest: INodeType | IVersionedNodeType;
	where: string;
}

/**
 * The Code node runs JavaScript in-process in vm2, as n8n 1.x does when task runners are off
 * (its default on 1.x); `require('crypto')` is allowed there by NODE_FUNCTION_ALLOW_BUILTIN, which
 * the Code node reads when it is first loaded.
 */
export function loadPeerNodes(): PeerNodes {
	const { root, where } = locate();
	resolveMissingFrom(root);
	process.env.NODE_FUNCTION_ALLOW_BUILTIN ??= 'crypto';
	process.env.N8N_RUNNERS_ENABLED ??= 'false';
	const base = path.join(root, 'n8n-nodes-base', 'dist', 'nodes');
	const { Code } = require(path.join(base, 'Code', 'Code.node.js'));
	const { HttpRequest } = require(path.join(base, 'HttpRequest', 'HttpRequest.node.js'));
	return { code: new Code(), httpRequest: new HttpRequest(), where };
}
