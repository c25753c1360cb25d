/**
 * Leak test: across every error path (bad IDs, unknown IDs, 409s, wrong/malformed keys, wrong
 * Sign API key, exhausted retries, resets, truncation, POST failures carrying the notification
 * token), with continueOnFail on and off, no output item, no error (message, description, the
 * serialised error) and no captured log line contains a secret: any 24-character window of the
 * private key's base64 body (the demo key, the wrong key, a malformed key), the Sign API keys,
 * the notification auth token (plain or base64), or any X-Yoti-Auth-Digest the credential
 * produced (the simulator does not log digests, so the credential's authenticate is wrapped to
 * record them; see yotiFixtures.capturingCredentialTypes).
 */
import type { RunNodeResult } from './harness';
import {
	D,
	DEMO,
	NOTIFY_TOKEN,
	WATCHLIST_API_KEY,
	R,
	S,
	UNKNOWN,
	WRONG_SIGN_API_KEY,
	findLeaks,
	generateWrongKey,
	itemsOf,
	keyWindows,
	startEnv,
	startListener,
	type Listener,
	type YotiEnv,
} from './yotiFixtures';

let env: YotiEnv;
let listener: Listener;
let wrongKey: string;
const results: RunNodeResult[] = [];

// A PEM cut short: not a usable key, but most of its body is real key material.
const MALFORMED_KEY = () => DEMO.privateKey.slice(0, Math.floor(DEMO.privateKey.length * 0.8));

beforeAll(async () => {
	env = await startEnv();
	listener = await startListener();
	wrongKey = generateWrongKey();
});
afterAll(async () => {
	await listener?.close();
	await env?.close();
});

type Scenario = [name: string, run: () => Promise<RunNodeResult>];

const get = (sessionId: string, extra: Record<string, unknown> = {}) => ({ resource: 'session', operation: 'get', sessionId, ...extra });

function faulted(faults: string[], run: () => Promise<RunNodeResult>) {
	return async () => {
		env.sim.setFaults(faults);
		try {
			return await run();
		} finally {
			env.sim.clearFaults();
		}
	};
}

const scenarios: Scenario[] = [
	['bad session ID', () => env.run(get('abc'))],
	['bad media ID', () => env.run({ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: '<uuid>' })],
	['bad recipient ID (empty)', () => env.run({ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: '={{ "" }}' })],
	[
		'bad IDs with continueOnFail',
		() => env.run(get('={{ $json.id }}'), { items: itemsOf('id', ['x', S.approve, '{uuid}']), continueOnFail: true }),
	],
	['unknown session', () => env.run(get(UNKNOWN.session))],
	['unknown media', () => env.run({ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: UNKNOWN.media })],
	['unknown recipient', () => env.run({ resource: 'signRecipient', operation: 'getSignedResult', recipientId: UNKNOWN.recipient })],
	['expired media 409', () => env.run({ resource: 'session', operation: 'getMedia', sessionId: S.expired, mediaId: '3ed1a000-0000-4000-8000-000000000501' })],
	['delete ongoing 409', () => env.run({ resource: 'session', operation: 'delete', sessionId: S.ongoing })],
	['signed PDF not finished 409', () => env.run({ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.ongoing })],
	['wrong private key', () => env.run(get(S.approve), { credentials: { yotiApi: { privateKey: wrongKey } } })],
	[
		'wrong private key, continueOnFail, several items',
		() =>
			env.run(get('={{ $json.id }}'), {
				credentials: { yotiApi: { privateKey: wrongKey } },
				continueOnFail: true,
				items: itemsOf('id', [S.approve, S.reject]),
			}),
	],
	['wrong private key on getMedia', () =>
		env.run({ resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: '3ed1a000-0000-4000-8000-000000000101' }, { credentials: { yotiApi: { privateKey: wrongKey } } })],
	['wrong SDK ID', () => env.run(get(S.approve), { credentials: { yotiApi: { sdkId: 'de30de30-0000-4000-8000-0000000000ff' } } })],
	['malformed private key', () => env.run(get(S.approve), { credentials: { yotiApi: { privateKey: MALFORMED_KEY() } } })],
	['malformed private key, continueOnFail', () => env.run(get(S.approve), { credentials: { yotiApi: { privateKey: MALFORMED_KEY() } }, continueOnFail: true })],
	['key on one line with literal \\n, wrong', () => env.run(get(S.approve), { credentials: { yotiApi: { privateKey: wrongKey.replace(/\n/g, '\\n') } } })],
	['wrong Sign API key', () => env.run({ resource: 'signRecipient', operation: 'getSignedResult', recipientId: R.completed }, { credentials: { yotiSignApi: { apiKey: WRONG_SIGN_API_KEY } } })],
	[
		'wrong Sign API key, continueOnFail',
		() =>
			env.run({ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.completed }, {
				credentials: { yotiSignApi: { apiKey: WRONG_SIGN_API_KEY } },
				continueOnFail: true,
			}),
	],
	['503 exhausted', faulted(['503'], () => env.run(get(S.approve, { options: { attempts: 2 } })))],
	['429 exhausted', faulted(['429:retry-after=0'], () => env.run(get(S.approve, { options: { attempts: 2 } })))],
	['500', faulted(['500'], () => env.run(get(S.approve)))],
	['reset exhausted', faulted(['reset'], () => env.run(get(S.approve, { options: { attempts: 2 } })))],
	['truncate exhausted', faulted(['truncate'], () => env.run(get(S.approve, { options: { attempts: 2 } })))],
	['Sign 503 exhausted', faulted(['503'], () => env.run({ resource: 'signRecipient', operation: 'getSignedMedia', recipientId: R.completed, mediaId: '3ed1a000-0000-4000-8000-000000005101', options: { attempts: 2 } }))],
	[
		'create with notifications under 503',
		faulted(['503'], () => env.run({ resource: 'session', operation: 'create', sendNotifications: true, notifications: { endpoint: 'https://example.com/hook' } })),
	],
	[
		'create with notifications under reset, continueOnFail',
		faulted(['reset'], () =>
			env.run({ resource: 'session', operation: 'create', sendNotifications: true, notifications: { endpoint: 'https://example.com/hook' } }, { continueOnFail: true }),
		),
	],
	[
		'create with notifications rejected by Yoti (400)',
		() =>
			env.run({
				resource: 'session',
				operation: 'create',
				sendNotifications: true,
				notifications: { endpoint: 'https://example.com/hook' },
				sessionSpecJson: '{"resources_ttl": "soon"}',
			}),
	],
	[
		'create with a Bearer notification token and a wrong key',
		() =>
			env.run({ resource: 'session', operation: 'create', sendNotifications: true, notifications: { endpoint: 'https://example.com/hook' } }, {
				credentials: { yotiApi: { privateKey: wrongKey }, yotiNotificationAuthApi: { authType: 'bearer', authToken: NOTIFY_TOKEN } },
			}),
	],
	['create with a bad endpoint', () => env.run({ resource: 'session', operation: 'create', sendNotifications: true, notifications: { endpoint: 'not a url' } })],
	['create succeeding with notifications', () => env.run({ resource: 'session', operation: 'create', sendNotifications: true, notifications: { endpoint: 'https://example.com/hook' } })],
	...(['checks', 'subChecks', 'summary', 'raw'].map((output): Scenario => [
		`watchlist session echoing a customer api_key, ${output} output`,
		() => env.run(get(D.reviewWatchlist, { output })),
	])),
	['getIdentityData with the media failing', faulted(['503:route=/media/'], () => env.run({ resource: 'session', operation: 'getIdentityData', sessionId: S.approve, options: { attempts: 2 } }))],
];

describe('each error path', () => {
	test.each(scenarios)('%s', async (_name, run) => {
		const result = await run();
		results.push(result);
		// every scenario but the successful create fails somewhere (run error or error items)
		if (_name !== 'create succeeding with notifications' && !_name.startsWith('watchlist session')) {
			const failed = result.error !== undefined || (result.items[0] ?? []).some((item) => item.json.error !== undefined);
			expect(failed).toBe(true);
		}
		expect(findLeaks([result], secrets())).toEqual([]);
	});
});

function secrets(): Array<{ name: string; values: string[] }> {
	const digests = env.captured.digests;
	return [
		{ name: 'demo private key', values: keyWindows(DEMO.privateKey) },
		{ name: 'wrong private key', values: keyWindows(wrongKey) },
		{ name: 'Sign API key', values: [DEMO.signApiKey] },
		{ name: 'wrong Sign API key', values: [WRONG_SIGN_API_KEY] },
		{ name: 'notification auth token', values: [NOTIFY_TOKEN, Buffer.from(NOTIFY_TOKEN).toString('base64')] },
		{ name: 'X-Yoti-Auth-Digest', values: [...digests, ...digests.map((digest) => digest.slice(0, 32))] },
		{ name: 'watchlist api_key', values: [WATCHLIST_API_KEY] },
	];
}

describe('the scan itself', () => {
	test('digests were recorded, for the wrong key too (the scan had something to look for)', () => {
		expect(env.captured.digests.length).toBeGreaterThan(10);
		expect(env.captured.authorizations).toContain(`Bearer ${WRONG_SIGN_API_KEY}`);
	});

	test('all runs together: no secret anywhere', () => {
		expect(results.length).toBe(scenarios.length);
		expect(findLeaks(results, secrets())).toEqual([]);
	});

	test('the scanner finds a planted secret (a key window across a line break, a digest, the token)', () => {
		const planted = (text: string) => ({ ...results[0], logs: [text] }) as RunNodeResult;
		const pem = DEMO.privateKey.split('\n');
		expect(findLeaks([planted(`oops ${pem[3]}\n${pem[4]}`)], secrets())).toEqual(['demo private key']);
		expect(findLeaks([planted(`digest=${env.captured.digests[0]}`)], secrets())).toEqual(['X-Yoti-Auth-Digest']);
		expect(findLeaks([planted(`auth ${NOTIFY_TOKEN}`)], secrets())).toEqual(['notification auth token']);
		expect(findLeaks([planted(JSON.stringify({ key: wrongKey }))], secrets())).toEqual(['wrong private key']);
		expect(findLeaks([planted(JSON.stringify({ api_key: WATCHLIST_API_KEY }))], secrets())).toEqual(['watchlist api_key']);
	});
});
