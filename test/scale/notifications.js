'use strict';
// The notification storm: which notifications are fired, in what order, at which process,
// and how the executions n8n produced are judged against that plan.

const { seededShuffle } = require('./fixtures');

/** The identity the trigger de-duplicates on. */
function keyOf(n) {
	return [n.session_id, String(n.topic).toLowerCase(), n.check_id || '', n.task_id || '', n.resource_id || ''].join('|');
}

function notificationFor(sessionId, checks, k) {
	if (k % 2 === 1 && checks.length) return { session_id: sessionId, topic: 'check_completion', check_id: checks[0].check_id };
	return { session_id: sessionId, topic: 'session_completion' };
}

/**
 * The sequential plan: `total` deliveries = valid originals + exact repeats (`dupShare`) +
 * bad-auth ones (`badAuth`), in a seeded order where every repeat comes after its original.
 * Originals go to `primary`; repeats and bad-auth twins to `repeatsAt`. Some bad-auth
 * deliveries carry the key of a valid notification and go before it, to prove a
 * refused call records nothing.
 */
function sequentialPlan({ sessionIds, expected, total = 500, dupShare = 0.1, badAuth = 25, badTwins = 10, repeatsAt = 'primary', seed = 'notify' }) {
	const dups = Math.round(total * dupShare);
	const valid = total - dups - badAuth;
	if (valid < dups || sessionIds.length < valid + badAuth - badTwins) throw new Error('not enough sessions for the plan');
	const originals = [];
	for (let k = 0; k < valid; k++) {
		const id = sessionIds[k];
		originals.push({ kind: 'valid', target: 'primary', notification: notificationFor(id, expected.get(id) || [], k) });
	}
	const bad = [];
	for (let k = 0; k < badAuth - badTwins; k++) {
		const id = sessionIds[valid + k];
		bad.push({ kind: 'badAuth', target: 'primary', notification: notificationFor(id, expected.get(id) || [], k) });
	}
	let order = seededShuffle([...originals, ...bad], `${seed}:order`);
	// bad-auth twins: same key as a valid notification, delivered before it
	const twinsOf = seededShuffle(originals, `${seed}:twins`).slice(0, badTwins);
	for (const original of twinsOf) {
		const i = order.indexOf(original);
		order.splice(i, 0, { kind: 'badAuth', target: repeatsAt, twinOf: original, notification: { ...original.notification } });
	}
	// exact repeats, each after its original, at the other process
	const repeated = seededShuffle(originals, `${seed}:dups`).slice(0, dups);
	const rand = seededShuffle(Array.from({ length: dups * 7 }, (_, i) => i), `${seed}:pos`);
	repeated.forEach((original, j) => {
		const from = order.indexOf(original) + 1;
		const at = from + (rand[j] % (order.length - from + 1));
		order.splice(at, 0, { kind: 'duplicate', target: repeatsAt, of: original, notification: { ...original.notification } });
	});
	return order;
}

/**
 * The cross-process probe: each notification first at `primary`, then — once that delivery
 * was answered — the exact repeat at `secondary`.
 */
function crossProcessPlan({ sessionIds, expected, offset, count }) {
	const out = [];
	for (let k = 0; k < count; k++) {
		const id = sessionIds[offset + k];
		const notification = notificationFor(id, expected.get(id) || [], k);
		out.push({ kind: 'valid', target: 'primary', notification });
		out.push({ kind: 'duplicate', target: 'secondary', notification: { ...notification } });
	}
	return out;
}

/**
 * The concurrent probe: each notification delivered to both processes at the same moment,
 * `inFlight` pairs at a time. Ideal: exactly one execution per notification.
 */
function concurrentPlan({ sessionIds, expected, offset, count }) {
	const pairs = [];
	for (let k = 0; k < count; k++) {
		const id = sessionIds[offset + k];
		const notification = notificationFor(id, expected.get(id) || [], k);
		pairs.push([
			{ kind: 'valid', target: 'primary', notification },
			{ kind: 'duplicate', target: 'secondary', notification: { ...notification } },
		]);
	}
	return pairs;
}

async function runLimited(items, limit, fn) {
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const i = next++;
			await fn(items[i], i);
		}
	});
	await Promise.all(workers);
}

/**
 * Walks the keys that should each have exactly one `noun` in `countsByKey`: counts the missing
 * ones as lost, hands every key seen more than once to `onExtra(key, n - 1)`, and keeps up to
 * five examples (the caller may add more, up to five in all).
 */
function tallyExpected(validKeys, countsByKey, noun, onExtra) {
	let lost = 0;
	const examples = [];
	for (const key of validKeys) {
		const n = countsByKey.get(key) || 0;
		if (n === 0) {
			lost++;
			if (examples.length < 5) examples.push(`no ${noun} for ${key}`);
		} else if (n > 1) {
			onExtra(key, n - 1);
			if (examples.length < 5) examples.push(`${n} ${noun}s for ${key}`);
		}
	}
	return { lost, examples };
}

/**
 * Judges trigger executions against deliveries. `executionsByKey` maps key -> count of
 * executions whose trigger output carried that notification.
 */
function judge(deliveries, executionsByKey) {
	const validKeys = new Set(deliveries.filter((d) => d.kind === 'valid').map((d) => keyOf(d.notification)));
	const refusedOnlyKeys = new Set(
		deliveries.filter((d) => d.kind === 'badAuth' && !validKeys.has(keyOf(d.notification))).map((d) => keyOf(d.notification)),
	);
	let duplicated = 0;
	let fromRefused = 0;
	let unknown = 0;
	const { lost, examples } = tallyExpected(validKeys, executionsByKey, 'execution', (key, extra) => {
		duplicated += extra;
	});
	for (const [key, n] of executionsByKey) {
		if (refusedOnlyKeys.has(key)) {
			fromRefused += n;
			if (examples.length < 5) examples.push(`bad-auth notification ran: ${key}`);
		} else if (!validKeys.has(key)) {
			unknown += n;
		}
	}
	return { valid: validKeys.size, lost, duplicated, fromRefused, unknown, examples };
}

/** Exact repeats of already-delivered notifications, all at `target`. */
function repeatPlan(notifications, target = 'secondary') {
	return notifications.map((notification) => ({ kind: 'duplicate', target, notification: { ...notification } }));
}

/**
 * Judges side effects (one per sink hit) against the notifications that should have had one.
 * `validKeys`: every notification delivered correctly at least once; `repeatedKeys`: those that
 * were also repeated at another process. Extra effects of a repeated notification are "acted
 * on" repeats; extra effects of any other one are duplicates.
 */
function judgeEffects({ validKeys, repeatedKeys, effectsByKey }) {
	let duplicated = 0;
	let actedOn = 0;
	let unknown = 0;
	const { lost, examples } = tallyExpected(validKeys, effectsByKey, 'side effect', (key, extra) => {
		if (repeatedKeys.has(key)) actedOn += extra;
		else duplicated += extra;
	});
	for (const [key, n] of effectsByKey) if (!validKeys.has(key)) unknown += n;
	return { lost, duplicated, actedOn, unknown, examples };
}

module.exports = { keyOf, sequentialPlan, crossProcessPlan, concurrentPlan, repeatPlan, runLimited, judge, judgeEffects };
