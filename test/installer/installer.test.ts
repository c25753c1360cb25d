/* eslint-disable */
// The real-n8n installer (test/e2e/install-n8n.js) must build n8n's SQLite binding whatever npm
// environment it is launched from. `npm run demo` / `npm run test:e2e` export the project's
// .npmrc (ignore-scripts=true) as npm_config_ignore_scripts to every child: that once made the
// installer's `npm rebuild sqlite3` a silent no-op and cached an n8n that could not open its
// database. These tests run without installing n8n: a stand-in `sqlite3` package whose install
// script leaves a marker file shows whether a rebuild really ran its build script.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const installer = require('../e2e/install-n8n.js');

const NPM_CLI = (() => {
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	return path.join(path.dirname(fs.realpathSync(which)), 'npm-cli.js');
})();

function fakeInstall(sqlite3Main: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-test-'));
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fake-n8n-install', private: true, dependencies: { sqlite3: '1.0.0' } }));
	const pkg = path.join(dir, 'node_modules', 'sqlite3');
	fs.mkdirSync(pkg, { recursive: true });
	fs.writeFileSync(
		path.join(pkg, 'package.json'),
		JSON.stringify({
			name: 'sqlite3',
			version: '1.0.0',
			main: 'index.js',
			scripts: { install: `node -e "require('fs').writeFileSync('built-by-install-script', 'ok')"` },
		}),
	);
	fs.writeFileSync(path.join(pkg, 'index.js'), sqlite3Main);
	// verifyInstall resolves sqlite3 from node_modules/n8n, as n8n's own database layer does.
	fs.mkdirSync(path.join(dir, 'node_modules', 'n8n'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), JSON.stringify({ name: 'n8n', version: '0.0.0' }));
	return dir;
}

const built = (dir: string) => fs.existsSync(path.join(dir, 'node_modules', 'sqlite3', 'built-by-install-script'));
const target = (dir: string) => ({ n8nDir: dir, n8nBin: '/nonexistent', nodeBin: process.execPath, nodeDir: path.resolve(path.dirname(process.execPath), '..') });

const BROKEN_BINDING = `throw new Error("Could not locate the bindings file. Tried: build/Release/node_sqlite3.node");`;

let saved: string | undefined;
beforeEach(() => {
	saved = process.env.npm_config_ignore_scripts;
	// Exactly what `npm run …` hands a child of this project.
	process.env.npm_config_ignore_scripts = 'true';
});
afterEach(() => {
	if (saved === undefined) delete process.env.npm_config_ignore_scripts;
	else process.env.npm_config_ignore_scripts = saved;
});

describe('installer environment', () => {
	it('drops every inherited npm_config_* and pins the settings it relies on', () => {
		const env = installer.installerEnv({ PATH: '/bin', HOME: '/root', npm_config_ignore_scripts: 'true', NPM_CONFIG_OFFLINE: 'true', npm_config_nodedir: '/x', npm_lifecycle_event: 'demo' });
		expect(env.npm_config_ignore_scripts).toBe('false');
		expect(env.NPM_CONFIG_OFFLINE).toBeUndefined();
		expect(env.npm_config_nodedir).toBeUndefined();
		expect(env.PATH).toBe('/bin');
		expect(env.HOME).toBe('/root');
		expect(env.npm_lifecycle_event).toBe('demo');
	});

	it('lets the caller pin its own values on top', () => {
		const env = installer.installerEnv({ npm_config_nodedir: '/inherited' }, { npm_config_nodedir: '/target-node' });
		expect(env.npm_config_nodedir).toBe('/target-node');
	});
});

describe('the SQLite rebuild under an inherited npm_config_ignore_scripts=true', () => {
	it('is a silent no-op when npm is simply handed the caller environment (the bug)', () => {
		const dir = fakeInstall('module.exports = {};');
		try {
			const res = spawnSync(process.execPath, [NPM_CLI, 'rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], { cwd: dir, env: process.env, encoding: 'utf8' });
			expect(res.status).toBe(0);
			expect(built(dir)).toBe(false);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('runs the build script through the installer', () => {
		const dir = fakeInstall('module.exports = {};');
		try {
			installer.rebuildSqlite(target(dir));
			expect(built(dir)).toBe(true);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('verifyInstall: ready means the binding loads and opens a database', () => {
	it('fails, naming the binding, when sqlite3 has no compiled binding', () => {
		const dir = fakeInstall(BROKEN_BINDING);
		try {
			const verdict = installer.verifyInstall(target(dir));
			expect(verdict.ok).toBe(false);
			expect(verdict.reason).toMatch(/sqlite3 binding does not load: Could not locate the bindings file/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('fails when the binding loads but cannot open a database', () => {
		const dir = fakeInstall(`
			class Database { constructor() {} serialize(fn) { fn(); } run() {} close() {}
				get(sql, cb) { cb(new Error('SQLITE_CANTOPEN: unable to open database file')); } }
			module.exports = { Database };`);
		try {
			const verdict = installer.verifyInstall(target(dir));
			expect(verdict.ok).toBe(false);
			expect(verdict.reason).toMatch(/could not open a database: SQLITE_CANTOPEN/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('passes when a database answers the probe query', () => {
		// An in-memory stand-in that behaves like sqlite3's callback API for the probe's three statements.
		const dir = fakeInstall(`
			class Database { constructor(file) { this.rows = null; require('fs').writeFileSync(file, ''); }
				serialize(fn) { fn(); }
				run(sql) { if (/^CREATE/.test(sql)) this.rows = []; else this.rows.push({ x: Number(sql.match(/\\d+/)[0]) }); }
				get(sql, cb) { cb(null, this.rows[0]); } close() {} }
			module.exports = { Database };`);
		try {
			expect(installer.verifyInstall(target(dir))).toEqual({ ok: true });
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
