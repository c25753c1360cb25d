'use strict';
// Generated data for the scale run: N session files for the simulator, cloned from demo
// sessions with fresh deterministic UUIDs and per-session check outcomes, plus the check
// items the audit must produce for each of them (written here from the generated JSON, never
// taken from the node under test).

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const RECOMMENDATIONS = ['APPROVE', 'REJECT', 'NOT_AVAILABLE'];

/** A v4-shaped UUID derived from its parts, so a rerun generates the same IDs. */
function deterministicUuid(...parts) {
	const h = crypto.createHash('sha256').update(parts.join('\u0000')).digest();
	h[6] = (h[6] & 0x0f) | 0x40;
	h[8] = (h[8] & 0x3f) | 0x80;
	const hex = h.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Demo sessions that have at least one check with a report: the audit's raw material. */
function pickTemplates(sessions) {
	const usable = sessions.filter((s) => Array.isArray(s?.checks) && s.checks.some((c) => c && c.type && c.report));
	if (usable.length === 0) throw new Error('no demo session with checks to clone');
	return usable.slice(0, 2);
}

/**
 * Writes `count` sessions into `dir` as `<session_id>.json`. Returns
 * `{ ids, expected }` where expected maps session_id -> [{check_id, check_type, recommendation}]
 * (only checks that carry a type; the node emits one item per check).
 */
function writeAuditSessions({ templates, count, dir, seed = 'n8n-nodes-yoti scale' }) {
	fs.mkdirSync(dir, { recursive: true });
	const ids = [];
	const expected = new Map();
	for (let i = 0; i < count; i++) {
		const template = templates[i % templates.length];
		const session = JSON.parse(JSON.stringify(template));
		const sessionId = deterministicUuid(seed, 'session', i);
		session.session_id = sessionId;
		session.user_tracking_id = `scale-audit-${i}`;
		session.state = 'COMPLETED';
		const checks = [];
		session.checks = (session.checks || []).filter((c) => c && typeof c === 'object');
		session.checks.forEach((check, j) => {
			check.id = deterministicUuid(seed, 'check', i, j);
			check.state = 'DONE';
			const recommendation = RECOMMENDATIONS[(i + j) % RECOMMENDATIONS.length];
			check.report = check.report && typeof check.report === 'object' ? check.report : {};
			check.report.recommendation =
				recommendation === 'APPROVE'
					? { value: 'APPROVE' }
					: { value: recommendation, reason: recommendation === 'REJECT' ? 'FRAUD_DETECTED' : 'MISSING_INFORMATION' };
			if (check.type) checks.push({ check_id: check.id, check_type: check.type, recommendation });
		});
		fs.writeFileSync(path.join(dir, `${sessionId}.json`), JSON.stringify(session));
		ids.push(sessionId);
		expected.set(sessionId, checks);
	}
	return { ids, expected };
}

/**
 * Compares audit output items with what was generated. Returns counts and examples:
 * missing (lost), extra (doubled), wrong (fields differ), unknown (not generated at all).
 */
function compareAudit(expected, items) {
	const seen = new Map();
	let unknown = 0;
	let wrong = 0;
	const examples = [];
	const want = new Map();
	for (const [sessionId, checks] of expected) {
		for (const c of checks) want.set(`${sessionId}/${c.check_id}`, { session_id: sessionId, ...c });
	}
	for (const item of items) {
		const key = `${item.session_id}/${item.check_id}`;
		const exp = want.get(key);
		if (!exp) {
			unknown++;
			if (examples.length < 5) examples.push({ problem: 'unknown item', item: pick(item) });
			continue;
		}
		seen.set(key, (seen.get(key) || 0) + 1);
		const ok =
			item.check_type === exp.check_type &&
			item.recommendation === exp.recommendation &&
			item.approved === (exp.recommendation === 'APPROVE') &&
			item.session_state === 'COMPLETED' &&
			item.check_state === 'DONE';
		if (!ok) {
			wrong++;
			if (examples.length < 5) examples.push({ problem: 'wrong fields', expected: exp, item: pick(item) });
		}
	}
	let lost = 0;
	let duplicated = 0;
	for (const key of want.keys()) {
		const n = seen.get(key) || 0;
		if (n === 0) {
			lost++;
			if (examples.length < 5) examples.push({ problem: 'missing item', key });
		}
		if (n > 1) {
			duplicated += n - 1;
			if (examples.length < 5) examples.push({ problem: `item present ${n} times`, key });
		}
	}
	return { expectedItems: want.size, receivedItems: items.length, lost, duplicated, wrong, unknown, examples };
}

function pick(item) {
	const { session_id, check_id, check_type, recommendation, approved, session_state, check_state, error } = item || {};
	return { session_id, check_id, check_type, recommendation, approved, session_state, check_state, error };
}

/** Fisher-Yates with a seeded generator so every run fires the same order. */
function seededShuffle(array, seed) {
	let state = crypto.createHash('sha256').update(String(seed)).digest().readUInt32LE(0) || 1;
	const next = () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 0x100000000;
	};
	const out = array.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

module.exports = { deterministicUuid, pickTemplates, writeAuditSessions, compareAudit, seededShuffle };
