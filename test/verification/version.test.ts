/* eslint-disable */
// The version Yoti sees in X-Yoti-SDK-Version is package.json's, written by the build
// (`gulp build:version` -> credentials/version.ts), never typed by hand. Needs `npm run build`.
import * as fs from 'fs';
import * as path from 'path';

import { PACKAGE_VERSION } from '../../credentials/authenticate';
import { PKCS1_PEM, VECTOR_SDK_ID, headerValues } from '../credentials/helpers';

const REPO = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const credentials = { sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'production' };

describe('X-Yoti-SDK-Version comes from package.json', () => {
	it('credentials/version.ts is exactly what the build writes for package.json', () => {
		expect(fs.readFileSync(path.join(REPO, 'credentials/version.ts'), 'utf8')).toBe(
			'// Written by the build (`gulp build:version`) from package.json: edit the version there.\n' +
				`export const PACKAGE_VERSION = '${pkg.version}';\n`,
		);
		expect(PACKAGE_VERSION).toBe(pkg.version);
	});

	it('no credential source types a version by hand', () => {
		for (const file of fs.readdirSync(path.join(REPO, 'credentials'))) {
			if (!file.endsWith('.ts') || file === 'version.ts') continue;
			const text = fs.readFileSync(path.join(REPO, 'credentials', file), 'utf8');
			expect({ file, literal: /['"`]\d+\.\d+\.\d+['"`]/.test(text) }).toEqual({ file, literal: false });
		}
	});

	it('the built dist/ sends n8n-nodes-yoti-<package.json version> on a signed request', async () => {
		const dist = require(path.join(REPO, 'dist/credentials/authenticate.js'));
		expect(require(path.join(REPO, 'dist/credentials/version.js')).PACKAGE_VERSION).toBe(pkg.version);
		const signed = await dist.authenticateIdvRequest(credentials, { method: 'GET', url: '/sessions/x' });
		expect(headerValues(signed.headers, 'x-yoti-sdk-version')).toEqual([`n8n-nodes-yoti-${pkg.version}`]);
		expect(headerValues(signed.headers, 'x-yoti-sdk')).toEqual(['n8n-nodes-yoti']);
	});
});
