'use strict';
// Unit checks of the scale run's own judging code (no n8n, PostgreSQL or Redis needed):
//   node --test test/scale/helpers.node-test.js
// Expected values are written by hand; a judge that miscounts would let the scale run pass
// on lost or doubled work.

const test = require('node:test');
const assert = require('node:assert/strict');
const { unflatten, nodeOutputItems } = require('./executions');
const { deterministicUuid, writeAuditSessions, compareAudit, seededShuffle } = require('./fixtures');
const { keyOf, sequentialPlan, crossProcessPlan, repeatPlan, judge, judgeEffects } = require('./notifications');
const { startSink } = require('./sink');
const { workerActivity } = require('./audit');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

test('unflatten: strings are references, numbers/booleans/null inline', () => {
	// what flatted makes of {a: 'x', b: 2, c: ['x', 3, true, null], d: ''}
	const text = '[{"a":"1","b":2,"c":"2","d":"3"},"x",["1",3,true,null],""]';
	assert.deepEqual(unflatten(text), { a: 'x', b: 2, c: ['x', 3, true, null], d: '' });
});

test('unflatten: cycles and shared objects come back as the same object', () => {
	const out = unflatten('[{"self":"0","left":"1","right":"1"},{"v":"2"},"leaf"]');
	assert.equal(out.self, out);
	assert.equal(out.left, out.right);
	assert.equal(out.left.v, 'leaf');
});

test('unflatten: a document that is not a flatted array is refused', () => {
	assert.throws(() => unflatten('{"a":1}'), /not a flatted document/);
	assert.throws(() => unflatten('not json'));
});

test('nodeOutputItems: every run of the node, first output only', () => {
	const runData = {
		resultData: {
			runData: {
				N: [
					{ data: { main: [[{ json: { i: 1 } }, { json: { i: 2 } }], [{ json: { other: true } }]] } },
					{ data: { main: [[{ json: { i: 3 } }]] } },
				],
			},
		},
	};
	assert.deepEqual(nodeOutputItems(runData, 'N'), [{ i: 1 }, { i: 2 }, { i: 3 }]);
	assert.deepEqual(nodeOutputItems(runData, 'Missing'), []);
	assert.deepEqual(nodeOutputItems(null, 'N'), []);
});

test('deterministicUuid: v4 shape, stable, distinct per part', () => {
	const a = deterministicUuid('s', 1);
	assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	assert.equal(deterministicUuid('s', 1), a);
	assert.notEqual(deterministicUuid('s', 2), a);
});

test('writeAuditSessions: new ids, rotated recommendations, expected list per session', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-fixtures-'));
	try {
		const template = {
			session_id: 'template',
			checks: [
				{ type: 'LIVENESS', id: 'old-1', report: { recommendation: { value: 'APPROVE' } } },
				{ type: 'ID_DOCUMENT_AUTHENTICITY', id: 'old-2', report: {} },
				{},
			],
		};
		const { ids, expected } = writeAuditSessions({ templates: [template], count: 2, dir, seed: 't' });
		assert.equal(ids.length, 2);
		const first = JSON.parse(fs.readFileSync(path.join(dir, `${ids[0]}.json`), 'utf8'));
		assert.equal(first.session_id, ids[0]);
		assert.equal(first.user_tracking_id, 'scale-audit-0');
		assert.equal(first.state, 'COMPLETED');
		// session 0: check 0 -> APPROVE, check 1 -> REJECT; session 1 starts one further
		assert.deepEqual(expected.get(ids[0]).map((c) => c.recommendation), ['APPROVE', 'REJECT']);
		assert.deepEqual(expected.get(ids[1]).map((c) => c.recommendation), ['REJECT', 'NOT_AVAILABLE']);
		assert.equal(first.checks[1].report.recommendation.reason, 'FRAUD_DETECTED');
		assert.notEqual(expected.get(ids[0])[0].check_id, 'old-1');
		assert.equal(template.checks[0].id, 'old-1', 'the template is not modified');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('compareAudit: counts missing, doubled, wrong and unknown items', () => {
	const expected = new Map([
		['s1', [{ check_id: 'c1', check_type: 'LIVENESS', recommendation: 'APPROVE' }, { check_id: 'c2', check_type: 'X', recommendation: 'REJECT' }]],
		['s2', [{ check_id: 'c3', check_type: 'Y', recommendation: 'NOT_AVAILABLE' }]],
	]);
	const good = (s, c, t, r) => ({ session_id: s, check_id: c, check_type: t, recommendation: r, approved: r === 'APPROVE', session_state: 'COMPLETED', check_state: 'DONE' });
	const perfect = compareAudit(expected, [good('s1', 'c1', 'LIVENESS', 'APPROVE'), good('s1', 'c2', 'X', 'REJECT'), good('s2', 'c3', 'Y', 'NOT_AVAILABLE')]);
	assert.deepEqual({ ...perfect, examples: undefined }, { expectedItems: 3, receivedItems: 3, lost: 0, duplicated: 0, wrong: 0, unknown: 0, examples: undefined });

	const bad = compareAudit(expected, [
		good('s1', 'c1', 'LIVENESS', 'APPROVE'),
		good('s1', 'c1', 'LIVENESS', 'APPROVE'), // doubled
		{ ...good('s1', 'c2', 'X', 'REJECT'), approved: true }, // wrong
		good('s9', 'c9', 'Z', 'APPROVE'), // unknown
		// s2/c3 missing
	]);
	assert.equal(bad.lost, 1);
	assert.equal(bad.duplicated, 1);
	assert.equal(bad.wrong, 1);
	assert.equal(bad.unknown, 1);
});

test('keyOf: topic case and absent ids do not split a notification', () => {
	assert.equal(keyOf({ session_id: 's', topic: 'SESSION_COMPLETION' }), keyOf({ session_id: 's', topic: 'session_completion', check_id: null }));
	assert.notEqual(keyOf({ session_id: 's', topic: 'check_completion', check_id: 'a' }), keyOf({ session_id: 's', topic: 'check_completion', check_id: 'b' }));
});

test('sequentialPlan: 500 = 425 valid + 50 repeats + 25 bad-auth; repeats after, bad-auth twins before their original', () => {
	const ids = Array.from({ length: 600 }, (_, i) => deterministicUuid('plan', i));
	const expected = new Map(ids.map((id, i) => [id, [{ check_id: deterministicUuid('c', i) }]]));
	const plan = sequentialPlan({ sessionIds: ids, expected, total: 500 });
	const count = (kind) => plan.filter((d) => d.kind === kind).length;
	assert.equal(plan.length, 500);
	assert.equal(count('valid'), 425);
	assert.equal(count('duplicate'), 50);
	assert.equal(count('badAuth'), 25);
	assert.equal(new Set(plan.filter((d) => d.kind === 'valid').map((d) => keyOf(d.notification))).size, 425);
	for (const [i, d] of plan.entries()) {
		if (d.of) assert.ok(plan.indexOf(d.of) < i, 'a repeat comes after its original');
		if (d.twinOf) assert.ok(plan.indexOf(d.twinOf) > i, 'a bad-auth twin comes before its original');
		if (d.kind === 'duplicate') assert.equal(keyOf(d.notification), keyOf(d.of.notification));
	}
	assert.equal(plan.filter((d) => d.twinOf).length, 10);
	assert.ok(plan.every((d) => d.target === 'primary'));
	assert.deepEqual(sequentialPlan({ sessionIds: ids, expected, total: 500 }).map((d) => keyOf(d.notification)), plan.map((d) => keyOf(d.notification)), 'seeded: same order every run');
});

test('crossProcessPlan: original at primary, then its repeat at secondary', () => {
	const ids = ['a', 'b'].map((x) => deterministicUuid(x));
	const plan = crossProcessPlan({ sessionIds: ids, expected: new Map(), offset: 0, count: 2 });
	assert.deepEqual(plan.map((d) => [d.kind, d.target]), [['valid', 'primary'], ['duplicate', 'secondary'], ['valid', 'primary'], ['duplicate', 'secondary']]);
});

test('judge: lost, doubled, refused-but-ran and unknown executions', () => {
	const v = (id) => ({ kind: 'valid', notification: { session_id: id, topic: 'session_completion' } });
	const bad = (id) => ({ kind: 'badAuth', notification: { session_id: id, topic: 'session_completion' } });
	const deliveries = [v('a'), v('b'), v('c'), bad('x'), bad('a')];
	const k = (id) => keyOf({ session_id: id, topic: 'session_completion' });
	const counts = new Map([[k('a'), 1], [k('b'), 3], [k('x'), 1], [k('zzz'), 2]]);
	const j = judge(deliveries, counts);
	assert.equal(j.valid, 3);
	assert.equal(j.lost, 1); // c
	assert.equal(j.duplicated, 2); // b ran 3 times
	assert.equal(j.fromRefused, 1); // x was refused (401) and must never run; a's twin is covered by a
	assert.equal(j.unknown, 2);
});

test('repeatPlan: exact copies at the second process, never the same object', () => {
	const n = { session_id: 's', topic: 'session_completion' };
	const plan = repeatPlan([n]);
	assert.deepEqual(plan, [{ kind: 'duplicate', target: 'secondary', notification: { session_id: 's', topic: 'session_completion' } }]);
	assert.notEqual(plan[0].notification, n);
});

test('judgeEffects: extra effects of a repeated notification are acted-on repeats, of others duplicates', () => {
	const k = (id) => keyOf({ session_id: id, topic: 'session_completion' });
	const validKeys = new Set([k('a'), k('b'), k('c'), k('d')]);
	const repeatedKeys = new Set([k('a'), k('b')]);
	// a: once (its repeat stopped), b: 3 times (2 repeats acted on), c: twice without a repeat, d: never, z: unknown
	const effectsByKey = new Map([[k('a'), 1], [k('b'), 3], [k('c'), 2], [k('z'), 1]]);
	const j = judgeEffects({ validKeys, repeatedKeys, effectsByKey });
	assert.deepEqual({ ...j, examples: undefined }, { lost: 1, duplicated: 1, actedOn: 2, unknown: 1, examples: undefined });
	assert.deepEqual(judgeEffects({ validKeys: new Set([k('a')]), repeatedKeys, effectsByKey: new Map([[k('a'), 1]]) }).actedOn, 0);
});

test('sink: counts POSTs per flow and notification key', async () => {
	const sink = await startSink();
	try {
		const post = (flow, notification) =>
			fetch(`${sink.url}/${flow}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notification, execution: 7 }) });
		const n = { session_id: 's', topic: 'SESSION_COMPLETION', check_id: null, dedupe_key: 'abc' };
		assert.equal((await post('claim', n)).status, 200);
		assert.equal((await post('claim', n)).status, 200);
		assert.equal((await post('removeDuplicates', n)).status, 200);
		assert.equal((await fetch(`${sink.url}/claim`, { method: 'POST', body: 'not json' })).status, 400);
		assert.deepEqual([...sink.effectsByKey('claim')], [[keyOf(n), 2]]);
		assert.deepEqual([...sink.effectsByKey('removeDuplicates')], [[keyOf(n), 1]]);
		assert.deepEqual(sink.hits('claim')[0], { key: keyOf(n), dedupeKey: 'abc', execution: '7' });
		assert.deepEqual([...sink.effectsByKey('other')], []);
	} finally {
		await sink.close();
	}
});

test('workerActivity: started/finished execution ids from an n8n worker log', () => {
	const log = [
		'Worker started execution 12 (job 12)',
		'Worker finished execution 12 (job 12)',
		'Worker started execution 15 (job 16)',
		'noise Worker started execution x',
	].join('\n');
	const a = workerActivity({ log: () => log });
	assert.deepEqual([...a.started], ['12', '15']);
	assert.deepEqual([...a.finished], ['12']);
});

test('seededShuffle: a permutation, deterministic per seed', () => {
	const input = Array.from({ length: 50 }, (_, i) => i);
	const a = seededShuffle(input, 'x');
	assert.deepEqual([...a].sort((p, q) => p - q), input);
	assert.deepEqual(seededShuffle(input, 'x'), a);
	assert.notDeepEqual(seededShuffle(input, 'y'), a);
	assert.deepEqual(input, Array.from({ length: 50 }, (_, i) => i), 'input untouched');
});
