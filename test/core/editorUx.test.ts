/**
 * Pure pieces behind the editor fixes: the leading fields of check / sub-check / summary items
 * (contract "Field order matters"), IDs taken out of pasted text, and Yoti's TTL rule.
 */
import { extractUuid, flattenChecks, flattenSubChecks, summarizeSession } from '../../nodes/Yoti/core';
import { RESOURCES_TTL_MARGIN_SECONDS, resourcesTtlFor, ttlProblem } from '../../nodes/Yoti/core/sessionSpec';

const SESSION = '5e551000-0000-4000-8000-000000000001';
const session = {
	session_id: SESSION,
	state: 'COMPLETED',
	user_tracking_id: 'u-1',
	checks: [
		{
			id: 'c4ec0000-0000-4000-8000-000000000101',
			type: 'ID_DOCUMENT_AUTHENTICITY',
			state: 'DONE',
			resources_used: ['r-1'],
			report: { recommendation: { value: 'REJECT', reason: 'COUNTERFEIT' }, breakdown: [{ sub_check: 'hologram', result: 'FAIL', details: [] }] },
		},
	],
};

describe('leading fields', () => {
	test('check item: session_id, check_type, recommendation, approved, failed_sub_checks, then the contract order', () => {
		const [item] = flattenChecks(session);
		expect(Object.keys(item)).toEqual([
			'session_id', 'check_type', 'recommendation', 'approved', 'failed_sub_checks',
			'session_state', 'user_tracking_id', 'check_id', 'check_state', 'check_created', 'check_last_updated',
			'recommendation_reason', 'recovery_suggestion', 'sub_checks_total', 'sub_checks_failed', 'resources_used',
			'breakdown_hologram', 'generated_media_ids',
		]);
		expect(item).toMatchObject({ check_type: 'ID_DOCUMENT_AUTHENTICITY', recommendation: 'REJECT', approved: false, failed_sub_checks: ['hologram'] });
	});

	test('sub-check item: in the order the contract lists it', () => {
		const [item] = flattenSubChecks(session);
		expect(Object.keys(item)).toEqual(['session_id', 'check_id', 'check_type', 'check_state', 'recommendation', 'sub_check', 'result', 'process']);
	});

	test('summary item: session_id, decision first', () => {
		expect(Object.keys(summarizeSession(session)).slice(0, 4)).toEqual(['session_id', 'decision', 'session_state', 'user_tracking_id']);
	});
});

describe('extractUuid', () => {
	const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
	const OTHER = 'a9900000-0000-4000-8000-000000000001';
	test.each([
		['a bare UUID', ID, ID],
		['upper case, surrounding spaces', `  ${ID.toUpperCase()}\n`, ID],
		['broken by a space', `${ID.slice(0, 9)} ${ID.slice(9)}`, ID],
		['broken by a line break and tabs', `${ID.slice(0, 20)}\n\t${ID.slice(20)}`, ID],
		['a link with one UUID', `https://hub.yoti.com/idv/sessions/${ID}`, ID],
		['a link with the UUID in the query', `https://example.com/web/index.html?sessionID=${ID}&x=1`, ID],
		['a link naming it after sessions/ beside an app ID', `https://hub.yoti.com/apps/${OTHER}/sessions/${ID}`, ID],
		['the same UUID twice in a link', `https://hub.yoti.com/sessions/${ID}#${ID}`, ID],
		['the user link: sessionID beside sessionToken', `https://api.yoti.com/idverify/v1/web/index.html?sessionID=${ID}&sessionToken=${OTHER}`, ID],
	])('session: %s', (_label, value, expected) => {
		expect(extractUuid(value, 'session')).toEqual({ ok: true, id: expected });
	});

	test('media: the UUID after media/ in a link that also names the session', () => {
		expect(extractUuid(`https://example.com/sessions/${OTHER}/media/${ID}/content`, 'media')).toEqual({ ok: true, id: ID });
		expect(extractUuid(`https://example.com/sessions/${OTHER}/media/${ID}/content`, 'session')).toEqual({ ok: true, id: OTHER });
	});

	test.each([
		['empty', '', 'empty'],
		['only spaces', '   ', 'empty'],
		['prose around a UUID', `session ${ID} please`, 'notAnId'],
		['braces', `{${ID}}`, 'notAnId'],
		['a relative path', `../${ID}`, 'notAnId'],
		['a UUID with a trailing character', `${ID}x`, 'notAnId'],
		['a link without a UUID', 'https://hub.yoti.com/sessions/abc', 'notAnId'],
		['a link whose UUID runs into more hex', `https://example.com/${ID}0`, 'notAnId'],
		['a link with two IDs and nothing naming them', `https://example.com/${ID}/${OTHER}`, 'several'],
		['a link naming two sessions', `https://example.com/sessions/${ID}/sessions/${OTHER}`, 'several'],
		['not a string', { id: ID }, 'notAnId'],
	])('refused: %s', (_label, value, reason) => {
		expect(extractUuid(value, 'session')).toEqual({ ok: false, reason });
	});
});

describe("Yoti's TTL rule", () => {
	test('the margin is one day', () => {
		expect(RESOURCES_TTL_MARGIN_SECONDS).toBe(86400);
	});
	test('resourcesTtlFor: 0 or none follows the link TTL; a set value stays', () => {
		expect(resourcesTtlFor(600, 0)).toBe(87000);
		expect(resourcesTtlFor(600, undefined)).toBe(87000);
		expect(resourcesTtlFor(3600, 100000)).toBe(100000);
		expect(resourcesTtlFor(undefined, 0)).toBeUndefined();
		expect(resourcesTtlFor(undefined, 5000)).toBe(5000);
	});
	test('ttlProblem: only numbers below token + 86,400 are a problem', () => {
		expect(ttlProblem({ client_session_token_ttl: 600, resources_ttl: 87000 })).toBeUndefined();
		expect(ttlProblem({ client_session_token_ttl: 600, resources_ttl: 86999 })).toEqual({
			clientSessionTokenTtl: 600,
			resourcesTtl: 86999,
			minimum: 87000,
		});
		expect(ttlProblem({ resources_ttl: 10 })).toBeUndefined();
		expect(ttlProblem({ client_session_token_ttl: 600 })).toBeUndefined();
		expect(ttlProblem({ client_session_token_ttl: 600, resources_ttl: 'soon' })).toBeUndefined();
	});
});
