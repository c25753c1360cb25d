#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run bench`: runs test/bench/*.ts without a build step. TypeScript files are transpiled
// on require with the installed `typescript` (transpileModule: CommonJS, no type-check), so the
// node, the credential and the engine harness run as their sources, like the jest suites do.
//   node test/bench/run.js                 the whole benchmark (table + JSON last line)
//   node test/bench/run.js --only a,b      some figures: flatten, sign, audit, c20, https, media, retry
//   node test/bench/run.js --quick         fewer items (a smoke run; figures are not the claim)
//   node --cpu-prof test/bench/run.js --profile-audit [--window-file F]   the audit path alone, for
//                                          a CPU profile (summary: test/bench/profileSummary.js)

const fs = require('fs');
const os = require('os');
const path = require('path');
const ts = require('typescript');

// n8n-core keeps a settings file in the user folder: a throwaway one, removed on exit (the media
// child process inherits it from the parent).
let ownUserFolder = '';
if (!process.env.N8N_USER_FOLDER) {
	ownUserFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-bench-n8n-'));
	process.env.N8N_USER_FOLDER = ownUserFolder;
}

const COMPILER_OPTIONS = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	sourceMap: false,
	inlineSourceMap: true,
};

/** @type {NodeJS.RequireExtensions} */ (require.extensions)['.ts'] = function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: filename });
	/** @type {any} */ (module)._compile(outputText, filename);
};

const ENTRIES = { '--media-child': './mediaChild.ts', '--profile-audit': './profileAudit.ts', '--audit-client': './auditClients.ts' };
const entry = /** @type {Record<string, string>} */ (ENTRIES)[process.argv[2]] ?? './bench.ts';
require(path.join(__dirname, entry))
	.main(process.argv.slice(2))
	.then((/** @type {number | undefined} */ code) => finish(code ?? 0))
	.catch((/** @type {unknown} */ error) => {
		process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
		finish(1);
	});

/**
 * n8n-core leaves handles open after a run (timers, keep-alive sockets), so the process would
 * not end by itself: exit once stdout has been written out.
 * @param {number} code
 */
function finish(code) {
	if (process.env.BENCH_DEBUG_HANDLES) process.stderr.write(`open handles: ${process.getActiveResourcesInfo().join(', ')}\n`);
	if (ownUserFolder) fs.rmSync(ownUserFolder, { recursive: true, force: true });
	process.stdout.write('', () => process.exit(code));
}
