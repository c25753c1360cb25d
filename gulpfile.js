// Part of the build: tsc compiles the TypeScript, this copies what tsc does not
// (node and credential icons, light and dark, and the codex JSON) into dist/.
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
exports.default = buildAssets;
