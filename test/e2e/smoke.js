#!/usr/bin/env node
'use strict';
// Proves the real-n8n machinery on each line (2.x on Node 24, 1.x on Node 20), with no Yoti
// node involved:
//  - a throwaway community package (generated in a temp dir, one node + one credential) is
//    installed into the user folder; a Manual Trigger -> probe node (reads the imported
//    credential) -> Set (expression) -> Code workflow is imported and executed;
//  - `n8n start` serves an activated Webhook workflow, which is POSTed to;
//  - when this repo builds (dist/nodes/Yoti/Yoti.node.js), it is packed and installed too and
//    `n8n-nodes-yoti.yoti` / `n8n-nodes-yoti.yotiTrigger` must be loaded node types.
//
//   node test/e2e/smoke.js [--line 2|1|both]   (default both; exit 0 only if every check passed)

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const e2e = require('./n8n');

const PROBE_SECRET = 'probe-secret-0123456789';

/** A minimal community package: node `n8n-nodes-e2e-probe.e2eProbe` and credential `e2eProbeApi`. */
function makeProbePackage() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-e2e-probe-'));
	const write = (rel, text) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	};
	write(
		'package.json',
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-probe',
				version: '0.0.1',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/E2eProbe.node.js'], credentials: ['dist/credentials/E2eProbeApi.credentials.js'] },
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	write(
		'dist/credentials/E2eProbeApi.credentials.js',
		`'use strict';
class E2eProbeApi {
	constructor() {
		this.name = 'e2eProbeApi';
		this.displayName = 'E2E Probe API';
		this.properties = [{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { E2eProbeApi };
`,
	);
	write(
		'dist/nodes/E2eProbe.node.js',
		`'use strict';
class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe',
			name: 'e2eProbe',
			group: ['transform'],
			version: 1,
			description: 'Proves a community package loads',
			defaults: { name: 'E2E Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'e2eProbeApi', required: true }],
			properties: [{ displayName: 'Label', name: 'label', type: 'string', default: 'probe' }],
		};
	}
	async execute() {
		const creds = await this.getCredentials('e2eProbeApi');
		return [this.getInputData().map((item, i) => ({
			json: { ...item.json, label: this.getNodeParameter('label', i), secretLength: String(creds.secret).length, nodeType: this.getNode().type },
			pairedItem: { item: i },
		}))];
	}
}
module.exports = { E2eProbe };
`,
	);
	const res = spawnSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--json'], { cwd: dir, encoding: 'utf8' });
	if (res.status !== 0) throw new Error(`npm pack of the probe failed: ${res.stderr}`);
	return { dir, tarball: path.join(dir, JSON.parse(res.stdout)[0].filename) };
}

function manualWorkflow(id) {
	return {
		id,
		name: 'e2e smoke: manual',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n2',
				name: 'Probe',
				type: 'n8n-nodes-e2e-probe.e2eProbe',
				typeVersion: 1,
				position: [200, 0],
				parameters: { label: 'from-probe' },
				credentials: { e2eProbeApi: { id: 'probecred01', name: 'Probe credential' } },
			},
			{
				id: 'n3',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [400, 0],
				parameters: {
					mode: 'manual',
					includeOtherFields: true,
					assignments: {
						assignments: [
							{ id: 'a1', name: 'greeting', type: 'string', value: "={{ 'hello ' + $json.label + ' ' + ($json.secretLength * 2) }}" },
							{ id: 'a2', name: 'upper', type: 'string', value: '={{ $json.label.toUpperCase() }}' },
						],
					},
					options: {},
				},
			},
			{
				id: 'n4',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [600, 0],
				parameters: { jsCode: "return $input.all().map((i) => ({ json: { ...i.json, fromCode: i.json.greeting.length } }));" },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] },
			Probe: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
			Set: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
		},
	};
}

function failingWorkflow(id) {
	return {
		id,
		name: 'e2e smoke: failing',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'f1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'f2', name: 'Fail', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: "throw new Error('boom-e2e-smoke');" } },
		],
		connections: { Start: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] } },
	};
}

function webhookWorkflow(id, webhookPath) {
	return {
		id,
		name: 'e2e smoke: webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c0ffee00-0000-4000-8000-000000000001',
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'w2',
				name: 'Double',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'manual',
					assignments: { assignments: [{ id: 'b1', name: 'doubled', type: 'number', value: '={{ $json.body.n * 2 }}' }] },
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Double', type: 'main', index: 0 }]] } },
	};
}

function repoBuilds() {
	const res = spawnSync('npm', ['run', 'build'], { cwd: e2e.REPO, encoding: 'utf8' });
	const ok = res.status === 0 && fs.existsSync(path.join(e2e.REPO, 'dist', 'nodes', 'Yoti', 'Yoti.node.js'));
	if (!ok) console.log(`[smoke] this repo does not build yet (npm run build exit ${res.status}); checking with the probe package only`);
	return ok;
}

async function smokeLine(line, { withYoti, probe }) {
	const t0 = Date.now();
	const say = (msg) => console.log(`[smoke ${line}.x] ${msg}`);
	const n8n = await e2e.createN8n({ line });
	say(`n8n ${n8n.version} on node ${n8n.info.nodeVersion}, user folder ${n8n.userFolder}`);
	let server;
	try {
		const probeInstall = await e2e.installPackage({ n8n, tarball: probe.tarball });
		say(`installed ${probeInstall.name}@${probeInstall.version} into ${probeInstall.packageDir}`);
		if (withYoti) {
			const yoti = await e2e.installPackage({ n8n, build: false });
			say(`installed ${yoti.name}@${yoti.version} into ${yoti.packageDir}`);
		}

		await timed(say, 'import:credentials', () =>
			n8n.importCredentials([{ id: 'probecred01', name: 'Probe credential', type: 'e2eProbeApi', data: { secret: PROBE_SECRET } }]),
		);
		await timed(say, 'import:workflow', () => n8n.importWorkflow([manualWorkflow('smokeManual01'), failingWorkflow('smokeFail0001'), webhookWorkflow('smokeWebhook1', `smoke-${line}`)]));

		const run = await timed(say, 'execute', () => n8n.executeWorkflow('smokeManual01'));
		say(`execute exit ${run.status ?? run.signal}, ok=${run.ok}, last node ${run.lastNode}`);
		if (!run.ok) throw new Error(`manual workflow failed: ${JSON.stringify(run.error)}\n(log: ${run.logFile})`);
		const out = e2e.nodeItems(run, 'Code');
		say(`Code output: ${JSON.stringify(out)}`);
		assert.equal(out.length, 1);
		assert.deepEqual(out[0].json, {
			label: 'from-probe',
			secretLength: PROBE_SECRET.length,
			nodeType: 'n8n-nodes-e2e-probe.e2eProbe',
			greeting: `hello from-probe ${PROBE_SECRET.length * 2}`,
			upper: 'FROM-PROBE',
			fromCode: `hello from-probe ${PROBE_SECRET.length * 2}`.length,
		});

		const failed = await timed(say, 'execute (failing)', () => n8n.executeWorkflow('smokeFail0001'));
		say(`failing execute exit ${failed.status ?? failed.signal}, ok=${failed.ok}, error ${JSON.stringify(failed.error?.message)}`);
		assert.equal(failed.ok, false);
		assert.match(failed.error.message, /boom-e2e-smoke/);
		assert.match(e2e.nodeError(failed, 'Fail').message, /boom-e2e-smoke/);

		await timed(say, 'activate', () => n8n.activateWorkflow('smokeWebhook1'));
		server = await timed(say, 'start', () => n8n.start());
		say(`n8n serving ${server.url} (log ${server.logFile})`);
		const hook = await e2e.request(`${server.url}/webhook/smoke-${line}`, { body: { n: 21 } });
		say(`POST /webhook/smoke-${line} -> ${hook.status} ${hook.text}`);
		assert.equal(hook.status, 200);
		assert.deepEqual(hook.json, { doubled: 42 });
		const missing = await e2e.request(`${server.url}/webhook/not-registered-${line}`, { body: {} });
		assert.equal(missing.status, 404);

		const types = e2e.loadedNodeTypes(n8n);
		assert.ok(types.includes('n8n-nodes-e2e-probe.e2eProbe'), 'probe node type is loaded');
		if (withYoti) {
			for (const t of ['n8n-nodes-yoti.yoti', 'n8n-nodes-yoti.yotiTrigger']) assert.ok(types.includes(t), `${t} is loaded`);
			say('n8n-nodes-yoti.yoti and n8n-nodes-yoti.yotiTrigger are loaded node types');
		}
		say(`PASS in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	} finally {
		if (server) await server.stop();
		if (process.env.N8N_E2E_KEEP) say(`kept ${n8n.userFolder}`);
		n8n.cleanup();
	}
}

async function timed(say, label, fn) {
	const t = Date.now();
	const r = await fn();
	say(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return r;
}

async function main() {
	const i = process.argv.indexOf('--line');
	const which = i > 0 ? process.argv[i + 1] : 'both';
	const lines = which === 'both' ? [2, 1] : [Number(which)];
	const probe = makeProbePackage();
	const withYoti = process.env.N8N_E2E_SKIP_YOTI ? false : repoBuilds();
	let failed = 0;
	try {
		for (const line of lines) {
			try {
				await smokeLine(line, { withYoti, probe });
			} catch (err) {
				failed++;
				console.error(`[smoke ${line}.x] FAIL: ${err.stack || err.message}`);
			}
		}
	} finally {
		fs.rmSync(probe.dir, { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
}

main();
