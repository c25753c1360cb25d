/* eslint-disable */
// n8n's verification scanner (@n8n/scan-community-package, a dev dependency) on what npm would
// publish: `npm pack`, unpacked, then the scanner's own ESLint passes with its own config
// (test/verification/scan-package.mjs). Needs `npm run build` (npm test builds first).
//
// NOT run here, because they cannot run offline or before a release: the scanner's provenance
// leg (reads the published version's npm provenance attestation from the registry) and its
// download legs (the published tarball from the registry, the attested source commit from
// GitHub). The publish workflow (.github/workflows/publish.yml) is what makes provenance exist.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');
const SCAN = path.join(__dirname, 'scan-package.mjs');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

let work: string;
let unpacked: string;

interface LegResult {
	passed: boolean;
	message?: string;
	details?: string;
}

/** Runs both offline legs; the scanner's module-level temp dir goes into `work`, removed after. */
function scan(packageDir: string, sourceDir: string): { tarball: LegResult; source: LegResult } {
	const tmp = fs.mkdtempSync(path.join(work, 'scan-tmp-'));
	// jest sets NODE_ENV=test, and eslint-plugin-n8n-nodes-base switches to its own test-fixture
	// file naming under it (lib/ast/utils/filename.js): the scanner never runs like that.
	const { NODE_ENV, ...env } = process.env;
	const out = spawnSync(process.execPath, [SCAN, packageDir, sourceDir], {
		cwd: REPO,
		encoding: 'utf8',
		env: { ...env, TMPDIR: tmp },
		timeout: 120_000,
	});
	if (out.status !== 0) throw new Error(`scanner exited ${out.status}: ${out.stderr}`);
	return JSON.parse(out.stdout.trim().split('\n').pop() as string);
}

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-scan-'));
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
	);
	fs.mkdirSync(path.join(work, 'unpacked'));
	execFileSync('tar', ['-xzf', path.join(work, packed[0].filename), '-C', path.join(work, 'unpacked')]);
	unpacked = path.join(work, 'unpacked', 'package');
}, 120_000);

afterAll(() => {
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('@n8n/scan-community-package, offline legs', () => {
	it('the packed tarball holds the built package only (dist/, package.json, README, CHANGELOG)', () => {
		expect(fs.readdirSync(unpacked).sort()).toEqual(['CHANGELOG.md', 'README.md', 'dist', 'package.json']);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(fs.existsSync(path.join(unpacked, file))).toBe(true);
		expect(fs.existsSync(path.join(unpacked, 'dist/test'))).toBe(false);
		// The tarball's package.json and the version its dist sends to Yoti agree.
		const packedPkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		expect(require(path.join(unpacked, 'dist/credentials/version.js')).PACKAGE_VERSION).toBe(packedPkg.version);
	});

	it('zero findings: the tarball leg (compiled .js + package.json) and the source leg (package.json, nodes/, credentials/)', () => {
		const result = scan(unpacked, REPO);
		expect({ leg: 'tarball', ...result.tarball }).toEqual({ leg: 'tarball', passed: true });
		expect({ leg: 'source', ...result.source }).toEqual({ leg: 'source', passed: true });
	}, 120_000);

	it('the legs are live: a console call and a runtime dependency planted in a copy are found', () => {
		const planted = path.join(work, 'planted');
		fs.cpSync(unpacked, planted, { recursive: true });
		const nodeFile = path.join(planted, pkg.n8n.nodes[0]);
		fs.appendFileSync(nodeFile, '\nconsole.log("planted");\n');
		const plantedPkg = JSON.parse(fs.readFileSync(path.join(planted, 'package.json'), 'utf8'));
		plantedPkg.dependencies = { 'left-pad': '1.3.0' };
		fs.writeFileSync(path.join(planted, 'package.json'), JSON.stringify(plantedPkg, null, 2));

		const result = scan(planted, planted);
		expect(result.tarball.passed).toBe(false);
		expect(result.tarball.message).toBe('ESLint violations found');
		expect(result.tarball.details).toMatch(/no-console/);
		expect(result.tarball.details).toMatch(/no-runtime-dependencies/);
	}, 120_000);
});
