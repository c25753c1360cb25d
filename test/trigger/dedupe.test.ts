import fc from 'fast-check';
import {
	DEDUPE_MAX_ENTRIES,
	DEDUPE_WINDOW_MS,
	checkAndRecord,
	dedupeKey,
	readEntries,
	type DedupeEntries,
} from '../../nodes/YotiTrigger/dedupe';

const SESSION = 'a3d1f1e6-2c4b-4b8e-9f0a-1b2c3d4e5f60';
const base = { session_id: SESSION, topic: 'check_completion', check_id: null, task_id: null, resource_id: null };
const T0 = 1_700_000_000_000;
const MIN = 60_000;

describe('dedupe keys', () => {
	test('same notification → same key; any differing id, topic or session → different key', () => {
		const k = dedupeKey({ ...base, check_id: 'c1' });
		expect(dedupeKey({ ...base, check_id: 'c1' })).toBe(k);
		expect(dedupeKey({ ...base, check_id: 'c2' })).not.toBe(k);
		expect(dedupeKey({ ...base, task_id: 'c1' })).not.toBe(k);
		expect(dedupeKey({ ...base, resource_id: 'c1' })).not.toBe(k);
		expect(dedupeKey({ ...base, check_id: 'c1', topic: 'session_completion' })).not.toBe(k);
		expect(dedupeKey({ ...base, check_id: 'c1', session_id: 'b3d1f1e6-2c4b-4b8e-9f0a-1b2c3d4e5f60' })).not.toBe(k);
	});

	test('topic case does not matter', () => {
		expect(dedupeKey({ ...base, topic: 'SESSION_COMPLETION' })).toBe(dedupeKey({ ...base, topic: 'session_completion' }));
	});

	test('ids cannot be shifted between fields to collide', () => {
		expect(dedupeKey({ ...base, check_id: 'x', task_id: null })).not.toBe(dedupeKey({ ...base, check_id: null, task_id: 'x' }));
		expect(dedupeKey({ ...base, check_id: 'a|b' })).not.toBe(dedupeKey({ ...base, check_id: 'a', task_id: 'b' }));
	});

	test('keys are pinned: the same in every process and every release (users store them as dedupe_key)', () => {
		// sha256 of the JSON array [session_id, topic, check_id, task_id, resource_id], base64url,
		// first 22 characters; computed outside the code: printf '%s' '<array>' | openssl dgst -sha256 -binary | base64
		expect(dedupeKey({ ...base, topic: 'session_completion' })).toBe('28nl0DpBbzt0pJmKY8DcPz');
		expect(dedupeKey({ ...base, topic: 'CHECK_COMPLETION', check_id: '0c6b9a3e-1f2d-4c5b-8a79-6e5d4c3b2a10' })).toBe('6Nr1NDHMdz8YB4HJvabGzQ');
		expect(dedupeKey({ ...base, topic: 'resource_update', check_id: 'c-3', task_id: 't-2', resource_id: 'r-9' })).toBe('BOMQO6qDE8TOK-WjIDHIgQ');
	});

	test('keys are short and contain no raw session id', () => {
		const k = dedupeKey({ ...base, check_id: 'c1' });
		expect(k).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(k).not.toContain(SESSION.slice(0, 8));
	});
});

describe('checkAndRecord', () => {
	test('first sighting is recorded, a repeat within 10 minutes is a duplicate', () => {
		const first = checkAndRecord(undefined, 'k1', T0);
		expect(first).toEqual({ duplicate: false, entries: [['k1', T0]] });
		const again = checkAndRecord(first.entries, 'k1', T0 + 9 * MIN + 59_999);
		expect(again.duplicate).toBe(true);
		// the window counts from the first sighting; a duplicate does not extend it
		expect(again.entries).toEqual([['k1', T0]]);
	});

	test('exactly 10 minutes later it is new again (and recorded afresh)', () => {
		expect(DEDUPE_WINDOW_MS).toBe(10 * MIN);
		const first = checkAndRecord([], 'k1', T0);
		const later = checkAndRecord(first.entries, 'k1', T0 + 10 * MIN);
		expect(later).toEqual({ duplicate: false, entries: [['k1', T0 + 10 * MIN]] });
	});

	test('different keys are not duplicates of each other', () => {
		let state: DedupeEntries = [];
		for (const k of ['a', 'b', 'c']) {
			const r = checkAndRecord(state, k, T0);
			expect(r.duplicate).toBe(false);
			state = r.entries;
		}
		expect(state.map(([k]) => k)).toEqual(['a', 'b', 'c']);
	});

	test('expired entries are pruned on every call', () => {
		const state: DedupeEntries = [['old', T0 - 11 * MIN], ['recent', T0 - MIN]];
		expect(checkAndRecord(state, 'new', T0).entries).toEqual([['recent', T0 - MIN], ['new', T0]]);
	});

	test('the stored state is never mutated', () => {
		const state: DedupeEntries = [['a', T0]];
		const copy = JSON.parse(JSON.stringify(state));
		checkAndRecord(state, 'b', T0 + 1);
		checkAndRecord(state, 'a', T0 + 1);
		expect(state).toEqual(copy);
	});

	test('bounded: beyond maxEntries the oldest are evicted', () => {
		let state: DedupeEntries = [];
		for (let i = 0; i < 5; i++) state = checkAndRecord(state, `k${i}`, T0 + i, { maxEntries: 3 }).entries;
		expect(state).toEqual([['k2', T0 + 2], ['k3', T0 + 3], ['k4', T0 + 4]]);
		// an evicted key is no longer a duplicate
		expect(checkAndRecord(state, 'k0', T0 + 5, { maxEntries: 3 }).duplicate).toBe(false);
		expect(checkAndRecord(state, 'k4', T0 + 5, { maxEntries: 3 }).duplicate).toBe(true);
	});

	test('default bound is 1000 entries', () => {
		expect(DEDUPE_MAX_ENTRIES).toBe(1000);
		let state: DedupeEntries = [];
		for (let i = 0; i < 1200; i++) state = checkAndRecord(state, `k${i}`, T0 + i).entries;
		expect(state).toHaveLength(1000);
		expect(state[0]).toEqual(['k200', T0 + 200]);
		expect(state[999]).toEqual(['k1199', T0 + 1199]);
	});

	test('malformed stored state is tolerated', () => {
		expect(readEntries({ k: 1 })).toEqual([]);
		expect(readEntries('x')).toEqual([]);
		expect(readEntries([['a', 1], ['b'], [2, 3], ['c', 'x'], null, ['d', NaN], ['e', 5]])).toEqual([['a', 1], ['e', 5]]);
		expect(checkAndRecord({ bogus: true }, 'k', T0)).toEqual({ duplicate: false, entries: [['k', T0]] });
	});

	test('property: never more than maxEntries, never an expired entry, a fresh repeat is always a duplicate', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 4 * MIN })), { maxLength: 60 }),
				fc.integer({ min: 1, max: 5 }),
				(events, maxEntries) => {
					let state: DedupeEntries = [];
					let now = T0;
					for (const [key, step] of events) {
						now += step;
						const before = state;
						const r = checkAndRecord(state, key, now, { maxEntries });
						const seenLive = before.some(([k, t]) => k === key && now - t < DEDUPE_WINDOW_MS);
						expect(r.duplicate).toBe(seenLive);
						expect(r.entries.length).toBeLessThanOrEqual(maxEntries);
						for (const [, t] of r.entries) expect(now - t).toBeLessThan(DEDUPE_WINDOW_MS);
						if (!r.duplicate) expect(r.entries[r.entries.length - 1]).toEqual([key, now]);
						state = r.entries;
					}
				},
			),
		);
	});
});
