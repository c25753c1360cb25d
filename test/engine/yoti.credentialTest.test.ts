/* eslint-disable */
// The Yoti IDV credential's "Test" button, run through n8n-core's own CredentialTestContext
// against the local simulator: the outcomes the contract names (right credential, wrong key,
// unknown SDK ID, unreachable base URL), and since 2026-12-04 every other answer the probe can
// get — a proxy's 400, JSON that is not Yoti's, an accepted probe (2xx), a 403 — plus an SDK ID
// that is not a UUID; and that the probe creates no session.
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

// Since 2026-12-04 (spec § Credentials). Expected messages written out from the contract.
const CHECK = 'Check the Environment and Base URL, and any proxy between n8n and Yoti';

describe('every answer the probe can get', () => {
	afterEach(() => sim.clearFaults());

	async function withFaults(faults: string[], data: Record<string, unknown> = {}) {
		sim.setFaults(faults);
		const before = sim.requests.length;
		const sessions = sim.createdSessionCount();
		const result = await test_(data);
		return { result, probes: probesSince(before), created: sim.createdSessionCount() - sessions };
	}

	test("400 with Yoti's error JSON refusing the probe's fields → OK (the simulator names each probe field)", async () => {
		const { result, probes, created } = await withFaults([]);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful: Yoti accepted the credential' });
		expect(probes).toEqual([['POST', '/idverify/v1/sessions', 400]]);
		expect(created).toBe(0);
	});

	test('400 from a proxy (HTML) → not OK, saying what came back', async () => {
		const { result, probes } = await withFaults(['400:body=html']);
		expect(result).toEqual({
			status: 'Error',
			message: `Not confirmed: the test request got an answer that is not Yoti's JSON (HTTP 400, text/html, body "<!DOCTYPE html><html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>simulated proxy</center></body></html…") — a proxy or a wrong Base URL answered. ${CHECK}`,
		});
		expect(probes).toEqual([['POST', '/idverify/v1/sessions', 400]]);
	});

	test("400 with JSON that is not Yoti's (a gateway's shape) → not OK", async () => {
		const { result } = await withFaults(['400:body=json']);
		expect(result).toEqual({
			status: 'Error',
			message: `Not confirmed: the test request got HTTP 400, but not Yoti's refusal of the test payload (HTTP 400, application/json, body "{"timestamp":"2026-12-04T00:00:00.000Z","status":400,"error":"Bad Request","path":"/idverify/v1/sessions"}") — something other than Yoti's identity verification API may have answered. ${CHECK}`,
		});
	});

	test("400 with Yoti-like JSON about something else (no payload code, no probe field) → not OK", async () => {
		const { result } = await withFaults(['400']);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Not confirmed: the test request got HTTP 400, but not Yoti's refusal of the test payload (HTTP 400, application/json, body "{"code":"SIMULATED_FAULT","message":"Simulated HTTP 400"}") — something other than Yoti's identity verification API may have answered. ${CHECK}`,
		);
	});

	test('2xx: a lenient server accepted the probe → not OK; names the session it created and how to delete it', async () => {
		const { result, probes, created } = await withFaults(['accept']);
		expect(probes).toEqual([['POST', '/idverify/v1/sessions', 201]]);
		expect(created).toBe(1);
		const sessionId = /session_id ([0-9a-f-]{36})\)/.exec(result.message)?.[1];
		expect(sessionId).toBeDefined();
		expect(sim.createdSpec(sessionId)).toEqual({ client_session_token_ttl: 1, resources_ttl: 1, requested_checks: 'n8n-credential-test' });
		expect(result).toEqual({
			status: 'Error',
			message: `Not confirmed: Yoti, or whatever answered at this Base URL, accepted the test request that Yoti always refuses (HTTP 201, application/json) — a session may have been created (session_id ${sessionId}): delete it with the Yoti node (Session → Delete, Session ID ${sessionId}; Yoti deletes a session once it is finished or expired) or in the Yoti Hub. ${CHECK}`,
		});
		sim.reset();
	});

	test('2xx that is a web page (a wrong Custom URL) → not OK', async () => {
		const { result } = await withFaults(['200:body=html']);
		expect(result).toEqual({
			status: 'Error',
			message: `Not confirmed: Yoti, or whatever answered at this Base URL, accepted the test request that Yoti always refuses (HTTP 200, text/html, body "<!DOCTYPE html><html><head><title>200 OK</title></head><body><center><h1>200 OK</h1></center><hr><center>simulated proxy</center></body></html>") — a session may have been created: delete it in the Yoti Hub, or with the Yoti node (Session → Delete) once you know its session ID. ${CHECK}`,
		});
	});

	test('403 → the app is refused', async () => {
		const { result } = await withFaults(['403']);
		expect(result).toEqual({ status: 'Error', message: 'Yoti refused the app — it may be disabled in Yoti Hub or have no organisation; check the app in Yoti Hub' });
	});

	test('502 from a proxy (text) → not OK, not "Yoti answered"', async () => {
		const { result } = await withFaults(['502:body=text']);
		expect(result).toEqual({
			status: 'Error',
			message: `Not confirmed: the test request got an answer that is not Yoti's JSON (HTTP 502, text/plain, body "502 Bad Gateway") — a proxy or a wrong Base URL answered. ${CHECK}`,
		});
	});

	test('401 and 404 keep their messages (wrong key; SDK ID unknown here)', async () => {
		expect((await withFaults([], { privateKey: wrongKey })).result).toEqual({ status: 'Error', message: SIGNATURE });
		expect((await withFaults([], { sdkId: OTHER_SDK_ID })).result).toEqual({ status: 'Error', message: UNKNOWN_APP });
	});

	test('an SDK ID that is not a UUID → refused; zero requests reach the simulator', async () => {
		const { result, probes } = await withFaults([], { sdkId: 'de30de30-demo-sdk' });
		expect(result).toEqual({
			status: 'Error',
			message:
				"The SDK ID is not a UUID — paste the SDK ID of your application from Yoti Hub into the credential's SDK ID field (it looks like 3fa85f64-5717-4562-b3fc-2c963f66afa6); nothing was sent to Yoti",
		});
		expect(probes).toEqual([]);
	});

	test("a Custom URL with user:password@ never shows them; http:// to a remote host is refused before any request", async () => {
		const port = new URL(sim.url).port;
		const ok = await withFaults(['400:body=html'], { baseUrl: `http://sim-user:sim-pass@127.0.0.1:${port}/idverify/v1` });
		expect(ok.probes).toEqual([['POST', '/idverify/v1/sessions', 400]]);
		const remote = await withFaults([], { baseUrl: 'http://sim-user:sim-pass@yoti.example.com/idverify/v1' });
		expect(remote.probes).toEqual([]);
		expect(remote.result.message).toContain('uses http:// for yoti.example.com, which is not this machine');
		for (const { result } of [ok, remote]) expect(result.message).not.toMatch(/sim-user|sim-pass/);
	});
});
