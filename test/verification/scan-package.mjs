// n8n's verification scanner (@n8n/scan-community-package), the legs that run offline.
//
//   node test/verification/scan-package.mjs <unpacked npm pack dir> <source repo dir>
//
// analyzePackageByName() (what `npx @n8n/scan-community-package n8n-nodes-yoti` runs) first
// needs the package on the npm registry: its provenance leg reads the published version's
// attestation, then it downloads the attested source commit from GitHub and the published
// tarball. Neither exists before a release, and CI here is offline, so those legs are not run.
// Its two ESLint passes are run exactly as it runs them, with its own config:
//   - the tarball leg: analyzePackage(<unpacked tarball>, ['**/*.js', 'package.json'])
//   - the source leg:  analyzePackage(<source>, SOURCE_FILE_PATTERNS)
// Prints one JSON line { tarball: {passed, message, details}, source: {...} }.
import path from 'node:path';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [packageDir, sourceDir] = process.argv.slice(2).map((dir) => dir && path.resolve(dir));
if (!packageDir || !sourceDir) {
	console.error('usage: scan-package.mjs <unpacked package dir> <source dir>');
	process.exit(2);
}
const strip = ({ passed, message, details }) => ({ passed, message, details });
const tarball = strip(await analyzePackage(packageDir, ['**/*.js', 'package.json']));
const source = strip(await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS));
console.log(JSON.stringify({ patterns: { tarball: ['**/*.js', 'package.json'], source: SOURCE_FILE_PATTERNS }, tarball, source }));
