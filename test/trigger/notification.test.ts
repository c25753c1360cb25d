import { MAX_BODY_BYTES, isTopicSelected, parseNotification } from '../../nodes/YotiTrigger/notification';

const SESSION = 'a3d1f1e6-2c4b-4b8e-9f0a-1b2c3d4e5f60';
const bytes = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

describe('parseNotification', () => {
	test('a session_completion body becomes a normalised notification, absent ids null', () => {
		expect(parseNotification(bytes({ session_id: SESSION, topic: 'session_completion' }), {})).toEqual({
			ok: true,
			notification: { session_id: SESSION, topic: 'session_completion', check_id: null, task_id: null, resource_id: null },
		});
	});

	test('check, task and resource ids are kept; unknown fields dropped; topic lower-cased', () => {
		const r = parseNotification(
			bytes({ session_id: SESSION, topic: 'CHECK_COMPLETION', check_id: 'c-1', task_id: 't-1', resource_id: 'r-1', extra: 'x' }),
			{},
		);
		expect(r).toEqual({
			ok: true,
			notification: { session_id: SESSION, topic: 'check_completion', check_id: 'c-1', task_id: 't-1', resource_id: 'r-1' },
		});
	});

	test('non-string ids become null rather than leaking odd types', () => {
		const r = parseNotification(bytes({ session_id: SESSION, topic: 'task_completion', task_id: 7, check_id: {}, resource_id: '' }), {});
		expect(r.ok && r.notification).toEqual({ session_id: SESSION, topic: 'task_completion', check_id: null, task_id: null, resource_id: null });
	});

	test('a UTF-8 byte-order mark and a string raw body are accepted', () => {
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes({ session_id: SESSION, topic: 'resource_update' })]);
		expect(parseNotification(withBom, {}).ok).toBe(true);
		expect(parseNotification(JSON.stringify({ session_id: SESSION, topic: 'resource_update' }), {}).ok).toBe(true);
	});

	test('without raw bytes the parsed body is used', () => {
		expect(parseNotification(undefined, { session_id: SESSION, topic: 'session_completion' }).ok).toBe(true);
		expect(parseNotification(Buffer.alloc(0), { session_id: SESSION, topic: 'session_completion' }).ok).toBe(true);
		expect(parseNotification(undefined, {})).toEqual({ ok: false, status: 400, message: 'Missing session_id' });
	});

	test.each([
		['not JSON', Buffer.from('session_id=x&topic=y'), 'Body is not valid JSON'],
		['truncated JSON', Buffer.from('{"session_id":"'), 'Body is not valid JSON'],
		['a JSON array', bytes([{ session_id: SESSION, topic: 'session_completion' }]), 'Body must be a JSON object'],
		['JSON null', Buffer.from('null'), 'Body must be a JSON object'],
		['a JSON string', bytes('session_completion'), 'Body must be a JSON object'],
		['no session_id', bytes({ topic: 'session_completion' }), 'Missing session_id'],
		['numeric session_id', bytes({ session_id: 123, topic: 'session_completion' }), 'Missing session_id'],
		['empty session_id', bytes({ session_id: '', topic: 'session_completion' }), 'Missing session_id'],
		['no topic', bytes({ session_id: SESSION }), 'Missing topic'],
		['blank topic', bytes({ session_id: SESSION, topic: '  ' }), 'Missing topic'],
		['array topic', bytes({ session_id: SESSION, topic: ['session_completion'] }), 'Missing topic'],
		['session_id not a UUID', bytes({ session_id: 'not-a-uuid', topic: 'session_completion' }), 'session_id is not a UUID'],
		['path traversal in session_id', bytes({ session_id: '../sessions', topic: 'session_completion' }), 'session_id is not a UUID'],
		['session_id UUID with suffix', bytes({ session_id: `${SESSION}/media`, topic: 'session_completion' }), 'session_id is not a UUID'],
	])('%s → 400', (_name, raw, message) => {
		expect(parseNotification(raw, {})).toEqual({ ok: false, status: 400, message });
	});

	test('a session_id with surrounding whitespace is trimmed', () => {
		const r = parseNotification(bytes({ session_id: ` ${SESSION}\n`, topic: 'session_completion' }), {});
		expect(r.ok && r.notification.session_id).toBe(SESSION);
	});

	test('bodies over 64 KiB are refused with 413, at exactly 64 KiB accepted', () => {
		expect(MAX_BODY_BYTES).toBe(65536);
		const make = (size: number) => {
			const head = JSON.stringify({ session_id: SESSION, topic: 'session_completion', pad: '' });
			const pad = 'x'.repeat(size - Buffer.byteLength(head));
			return Buffer.from(JSON.stringify({ session_id: SESSION, topic: 'session_completion', pad }));
		};
		expect(make(65536)).toHaveLength(65536);
		expect(parseNotification(make(65536), {}).ok).toBe(true);
		expect(parseNotification(make(65537), {})).toEqual({ ok: false, status: 413, message: 'Body larger than 65536 bytes' });
		// invalid JSON that is also too large is a 413, not a 400: size is checked first
		expect(parseNotification(Buffer.alloc(70000, 0x7b), {})).toMatchObject({ status: 413 });
		expect(parseNotification(undefined, { session_id: SESSION, topic: 'x', pad: 'y'.repeat(70000) })).toMatchObject({ status: 413 });
	});
});

describe('isTopicSelected', () => {
	test('empty or missing selection means every topic', () => {
		expect(isTopicSelected([], 'session_completion')).toBe(true);
		expect(isTopicSelected(undefined, 'first_branch_visit')).toBe(true);
	});

	test('compared case-insensitively both ways', () => {
		expect(isTopicSelected(['SESSION_COMPLETION'], 'session_completion')).toBe(true);
		expect(isTopicSelected(['session_completion'], 'SESSION_COMPLETION')).toBe(true);
		expect(isTopicSelected(['session_completion', 'check_completion'], 'check_completion')).toBe(true);
	});

	test('a topic not in the selection is filtered out', () => {
		expect(isTopicSelected(['session_completion'], 'check_completion')).toBe(false);
		expect(isTopicSelected(['session_completion'], 'session_completion_x')).toBe(false);
		expect(isTopicSelected([42, null], 'session_completion')).toBe(false);
	});
});
