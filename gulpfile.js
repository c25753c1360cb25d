// Part of the build: `build:version` writes credentials/version.ts from package.json before tsc
// runs; `build:assets` copies what tsc does not (node and credential icons, light and dark, and
// the codex JSON) into dist/.
const fs = require('fs');
const path = require('path');
const { src, dest } = require('gulp');

const VERSION_FILE = path.join(__dirname, 'credentials', 'version.ts');

/** The version Yoti sees in X-Yoti-SDK-Version; credentials/ may not read files, so it is written here. */
function buildVersion(done) {
	const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
	if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) {
		done(new Error(`package.json version ${JSON.stringify(version)} is not a plain semver version`));
		return;
	}
	const text =
		'// Written by the build (`gulp build:version`) from package.json: edit the version there.\n' +
		`export const PACKAGE_VERSION = '${version}';\n`;
	if (!fs.existsSync(VERSION_FILE) || fs.readFileSync(VERSION_FILE, 'utf8') !== text) {
		fs.writeFileSync(VERSION_FILE, text);
	}
	done();
}

function buildAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:version'] = buildVersion;
exports['build:assets'] = buildAssets;
exports.default = buildAssets;
