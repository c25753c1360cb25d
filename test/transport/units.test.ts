/* eslint-disable */
import { NodeApiError } from 'n8n-workflow';

import { classifyThrown, withoutUrlQueries } from '../../nodes/Yoti/transport/network';
import { describeYotiErrorBody, readYotiErrorBody, redactSecrets } from '../../nodes/Yoti/transport/yotiError';

const node = { id: '1', name: 'Yoti', type: 'n8n-nodes-yoti.yoti', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

/** What n8n-core's httpRequestWithAuthentication throws: NodeApiError(node, originalError). */
function wrapped(message: string, code?: string, status?: number): NodeApiError {
	const original = Object.assign(new Error(message), code ? { code } : {}, status ? { response: { status } } : {});
	return new NodeApiError(node, original as any);
}

describe('classifyThrown reads n8n-wrapped errors', () => {
	test.each([
		['socket hang up', 'ECONNRESET', undefined, 'ECONNRESET'],
		['timeout of 300ms exceeded', 'ECONNABORTED', undefined, 'ETIMEDOUT'],
		['connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED', undefined, 'ECONNREFUSED'],
		['getaddrinfo ENOTFOUND api.example', 'ENOTFOUND', undefined, 'ENOTFOUND'],
		['stream has been aborted', undefined, 200, 'TRUNCATED'],
		['socket hang up', undefined, undefined, 'ECONNRESET'],
	])('%s (code %s, status %s) -> %s', (message, code, status, expected) => {
		expect(classifyThrown(wrapped(message, code, status))).toEqual({ kind: 'network', code: expected });
	});

	test('cancellation is not a network error (never retried)', () => {
		expect(classifyThrown(wrapped('canceled', 'ERR_CANCELED'))).toEqual({ kind: 'cancelled' });
	});

	test('a credential error is a preparation error, its message kept', () => {
		expect(classifyThrown(wrapped('The private key is not a PEM private key.'))).toEqual({
			kind: 'prepare',
			message: 'The private key is not a PEM private key.',
		});
	});

	test('a preparation message loses any URL query (a signed URL carries nonce and SDK ID)', () => {
		const thrown = classifyThrown(wrapped('Invalid URL https://api.yoti.com/idverify/v1/sessions/x?sdkId=abc&nonce=def&timestamp=1'));
		expect(thrown).toEqual({ kind: 'prepare', message: 'Invalid URL https://api.yoti.com/idverify/v1/sessions/x' });
		expect(withoutUrlQueries('see http://h/p?q=1 and https://k/z?x')).toBe('see http://h/p and https://k/z');
	});

	test('odd throwables', () => {
		expect(classifyThrown(undefined)).toEqual({ kind: 'prepare', message: 'The request could not be prepared' });
		expect(classifyThrown('boom')).toEqual({ kind: 'prepare', message: 'The request could not be prepared' });
	});
});

describe('Yoti error bodies', () => {
	test('{code, message, errors[]} with and without property', () => {
		const body = readYotiErrorBody(
			Buffer.from('{"code":"PAYLOAD_VALIDATION","message":"Bad","errors":[{"property":"a.b","message":"must be x"},{"message":"general"},null,{}]}'),
		);
		expect(body).toEqual({ code: 'PAYLOAD_VALIDATION', message: 'Bad', details: ['a.b: must be x', 'general'] });
		expect(describeYotiErrorBody(400, body)).toBe('Yoti answered HTTP 400 — PAYLOAD_VALIDATION: Bad\n• a.b: must be x\n• general');
	});

	test('{"error": …}, BOM, arrays, scalars, empty', () => {
		expect(readYotiErrorBody(Buffer.from('\ufeff{"error":"MALFORMED_REQUEST"}'))).toEqual({ code: 'MALFORMED_REQUEST', message: undefined, details: [] });
		expect(readYotiErrorBody(Buffer.from('[1, 2]'))).toEqual({ details: [], text: '[1,2]' });
		expect(readYotiErrorBody(Buffer.from('"Service down"'))).toEqual({ details: [], text: 'Service down' });
		expect(readYotiErrorBody(Buffer.from('42'))).toEqual({ details: [], text: '42' });
		expect(readYotiErrorBody(Buffer.from('null'))).toEqual({ details: [] });
		expect(readYotiErrorBody(Buffer.alloc(0))).toEqual({ details: [] });
		expect(readYotiErrorBody(Buffer.from('   '))).toEqual({ details: [] });
	});

	test('non-JSON text is cut to 500 characters', () => {
		const text = 'x'.repeat(2000);
		expect(readYotiErrorBody(Buffer.from(text)).text).toBe('x'.repeat(500));
	});

	test('reflected secrets are blanked', () => {
		expect(redactSecrets('authorization: Bearer abc.DEF-123')).toBe('authorization: Bearer [redacted]');
		expect(redactSecrets('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic [redacted]');
		expect(redactSecrets('x-yoti-auth-digest: QUJD+/=')).toBe('x-yoti-auth-digest: [redacted]');
		expect(redactSecrets('{"X-Yoti-Auth-Digest":"QUJD"}')).toBe('{"X-Yoti-Auth-Digest":"[redacted]"}');
		expect(redactSecrets('k=-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end')).toBe('k=[redacted key] end');
		expect(redactSecrets('cut -----BEGIN PRIVATE KEY-----\nMIIE')).toBe('cut [redacted key]');
	});
});
