/* eslint-disable */
// Session → Get (summary and raw) inside n8n-core's engine for the demo sessions that exercise
// each rung of the decision ladder. Expected values are written by hand from the demo files
// (test/simulator/data/5e551000-…-0000000d000N.json) and index.json.
import { D, DATA_DIR, S, WATCHLIST_API_KEY, dataJson, jsons, startEnv, type YotiEnv } from './yotiFixtures';

const fs = require('fs');
const path = require('path');

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});

const get = (sessionId: string, output: string) => env.run({ resource: 'session', operation: 'get', sessionId, output });
const summaryOf = async (sessionId: string) => jsons(await get(sessionId, 'summary'))[0];

test('CONSIDER watchlist hit on a COMPLETED session → REVIEW with the check named', async () => {
	expect(await summaryOf(D.reviewWatchlist)).toEqual({
		session_id: D.reviewWatchlist,
		decision: 'REVIEW',
		session_state: 'COMPLETED',
		user_tracking_id: 'demo-user-review-watchlist',
		checks_total: 2,
		checks_done: 2,
		checks_approved: 1,
		checks_rejected: 0,
		checks_not_available: 0,
		checks_review: 1,
		rejected_check_types: [],
		review_check_types: ['WATCHLIST_ADVANCED_CA'],
		not_available_reasons: [],
		identity_profile_result: null,
		identity_profile_failure_reason: null,
		identity_profile_requirements_not_met: [],
		identity_profile_schemes_not_met: [],
		identity_profile_source: null,
	});
});

test('identity profile DONE, FAIL, FRAUD_DETECTED', async () => {
	expect(await summaryOf(D.profileDone)).toMatchObject({
		decision: 'APPROVE',
		checks_total: 0,
		identity_profile_result: 'DONE',
		identity_profile_failure_reason: null,
		identity_profile_requirements_not_met: [],
		identity_profile_schemes_not_met: [],
		identity_profile_source: 'identity_profile',
	});
	expect(await summaryOf(D.profileFail)).toMatchObject({
		decision: 'NOT_AVAILABLE',
		checks_approved: 1,
		identity_profile_result: 'FAIL',
		identity_profile_failure_reason: 'MANDATORY_DOCUMENT_NOT_PROVIDED',
		identity_profile_requirements_not_met: ['ID_DOCUMENT_EXTRACTION', 'DOCUMENT_NOT_SUPPORTED'],
	});
	expect(await summaryOf(D.profileFraud)).toMatchObject({
		decision: 'REVIEW',
		checks_approved: 2,
		checks_review: 0,
		identity_profile_result: 'DONE',
		identity_profile_failure_reason: 'FRAUD_DETECTED',
	});
});

test('EXPIRED with an approved check → EXPIRED; ONGOING with every check approved → PENDING', async () => {
	expect(await summaryOf(D.expiredApproved)).toMatchObject({ decision: 'EXPIRED', session_state: 'EXPIRED', checks_approved: 1 });
	expect(await summaryOf(D.ongoingApproved)).toMatchObject({ decision: 'PENDING', session_state: 'ONGOING', checks_approved: 2, checks_done: 2 });
});

test('every demo session reads the decision index.json states for it', async () => {
	const index = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'index.json'), 'utf8'));
	const expected = index.sessions.map((s: any) => [s.session_id, s.decision]);
	const got = [];
	for (const [id] of expected) got.push([id, (await summaryOf(id)).decision]);
	expect(got).toEqual(expected);
	expect(new Set(expected.map(([, decision]: string[]) => decision))).toEqual(
		new Set(['APPROVE', 'REJECT', 'REVIEW', 'NOT_AVAILABLE', 'EXPIRED', 'PENDING']),
	);
});

test('raw output: the echoed watchlist api_key reads "[redacted]", nothing else changes', async () => {
	const [raw] = jsons(await get(D.reviewWatchlist, 'raw'));
	const file = dataJson(`${D.reviewWatchlist}.json`);
	expect(JSON.stringify(raw)).not.toContain(WATCHLIST_API_KEY);
	expect(file.checks[1].report.watchlist_summary.search_config.api_key).toBe(WATCHLIST_API_KEY);
	file.checks[1].report.watchlist_summary.search_config.api_key = '[redacted]';
	expect(raw).toEqual(file);
	// a session with nothing to hide: byte for byte the file
	expect(jsons(await get(S.advancedProfile, 'raw'))[0]).toEqual(dataJson(`${S.advancedProfile}.json`));
});

describe('identity profiles Yoti returned but whose scheme was not met (2026-12-04)', () => {
	test('…d0007: profile DONE with MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED and RTW unmet beside two approved checks → NOT_AVAILABLE', async () => {
		expect(await summaryOf(D.profileNotMet)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			checks_total: 2,
			checks_approved: 2,
			identity_profile_result: 'DONE',
			identity_profile_failure_reason: 'MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED',
			identity_profile_requirements_not_met: ['ID_DOCUMENT_AUTHENTICITY'],
			identity_profile_schemes_not_met: ['RTW'],
			identity_profile_source: 'identity_profile',
		});
	});

	test('…d0008: both profiles, the advanced one DONE with DBS:ENHANCED unmet → NOT_AVAILABLE from the advanced one', async () => {
		expect(await summaryOf(D.bothProfiles)).toMatchObject({
			decision: 'NOT_AVAILABLE',
			identity_profile_result: 'DONE',
			identity_profile_failure_reason: null,
			identity_profile_requirements_not_met: [],
			identity_profile_schemes_not_met: ['DBS:ENHANCED'],
			identity_profile_source: 'advanced_identity_profile',
		});
	});

	test('…d0009: share code session with a clean RTW profile → APPROVE', async () => {
		expect(await summaryOf(D.shareCode)).toMatchObject({
			decision: 'APPROVE',
			identity_profile_schemes_not_met: [],
			identity_profile_source: 'identity_profile',
		});
	});
});
