/* eslint-disable */
// The Yoti IDV credential's "Test" button, run through n8n-core's own CredentialTestContext
// against the local simulator: the four outcomes the contract names (right credential, wrong
// key, unknown SDK ID, unreachable base URL), and that the probe creates no session.
import * as crypto from 'crypto';
import * as path from 'path';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import { yotiApiTest } from '../../nodes/Yoti/credentialTests';
import { DEMO } from './yotiFixtures';

const { startSimulator } = require('../simulator');

const SIGNATURE =
	"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in";
const UNKNOWN_APP =
	"The SDK ID is not an application in this environment — check the SDK ID and the credential's environment (production or sandbox)";
const OTHER_SDK_ID = 'de30de30-0000-4000-8000-0000000000ff';
const wrongKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let sim: any;
beforeAll(async () => {
	sim = await startSimulator({ port: 0, log: () => {} });
});
afterAll(async () => {
	await sim?.close();
	// n8n-core's SSH-tunnel manager (created with the test context) keeps an interval running.
	const corePath = path.dirname(require.resolve('n8n-core'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [corePath] }));
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});

const test_ = (data: Record<string, unknown>) =>
	yotiApiTest.call(new CredentialTestContext() as unknown as ICredentialTestFunctions, {
		id: '1',
		name: 'Yoti IDV',
		type: 'yotiApi',
		data: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl, ...data },
	} as ICredentialsDecrypted);

function probesSince(before: number) {
	return sim.requests.slice(before).map((r: any) => [r.method, r.path.split('?')[0], r.status]);
}

test('the right SDK ID and key → OK; Yoti refused the probe body (400), so no session exists', async () => {
	const before = sim.requests.length;
	const sessions = sim.createdSessionCount();
	expect(await test_({})).toEqual({ status: 'OK', message: 'Connection successful: Yoti accepted the credential' });
	expect(probesSince(before)).toEqual([['POST', '/idverify/v1/sessions', 400]]);
	expect(sim.createdSessionCount()).toBe(sessions);
});

test('a wrong key → 401 → the signature message', async () => {
	const before = sim.requests.length;
	expect(await test_({ privateKey: wrongKey })).toEqual({ status: 'Error', message: SIGNATURE });
	expect(probesSince(before)).toEqual([['POST', '/idverify/v1/sessions', 401]]);
});

test('an SDK ID that is no app in this environment → 404 → says the SDK ID / environment is wrong, not OK', async () => {
	const before = sim.requests.length;
	expect(await test_({ sdkId: OTHER_SDK_ID })).toEqual({ status: 'Error', message: UNKNOWN_APP });
	expect(probesSince(before)).toEqual([['POST', '/idverify/v1/sessions', 404]]);
});

test('an unreachable base URL → says Yoti could not be reached, naming the base URL', async () => {
	const closed = await startSimulator({ port: 0, log: () => {} });
	const deadBase = closed.idvBaseUrl;
	await closed.close();
	const result = await test_({ baseUrl: deadBase });
	expect(result.status).toBe('Error');
	expect(result.message).toContain(deadBase);
	expect(result.message).not.toMatch(/successful/i);
});

test('none of the outcomes echoes the key, and repeated tests create no session', async () => {
	const sessions = sim.createdSessionCount();
	for (const data of [{}, { privateKey: wrongKey }, { sdkId: OTHER_SDK_ID }, {}]) {
		const result = await test_(data);
		expect(result.message).not.toContain('PRIVATE KEY');
		expect(result.message).not.toMatch(/MII[A-Za-z0-9+/]{20}/);
	}
	expect(sim.createdSessionCount()).toBe(sessions);
});
