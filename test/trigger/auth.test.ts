/* eslint-disable */
import * as crypto from 'crypto';

jest.mock('crypto', () => {
	const actual = jest.requireActual('crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
import { expectedAuthorization, isAuthorized } from '../../nodes/YotiTrigger/auth';

// Yoti's doc example: auth_token `user:pass` with BASIC gives `Basic dXNlcjpwYXNz`.
describe('notification auth header', () => {
	test('expected values are the ones Yoti documents', () => {
		expect(expectedAuthorization('basic', 'user:pass')).toBe('Basic dXNlcjpwYXNz');
		expect(expectedAuthorization('bearer', 'tok-123')).toBe('Bearer tok-123');
	});

	test('Basic: the right token is accepted, in any scheme case', () => {
		expect(isAuthorized('Basic dXNlcjpwYXNz', 'basic', 'user:pass')).toBe(true);
		expect(isAuthorized('basic dXNlcjpwYXNz', 'basic', 'user:pass')).toBe(true);
		expect(isAuthorized('BASIC dXNlcjpwYXNz', 'basic', 'user:pass')).toBe(true);
	});

	test('Basic: wrong token, raw token, wrong scheme, missing header are refused', () => {
		expect(isAuthorized('Basic dXNlcjpwYXNt', 'basic', 'user:pass')).toBe(false);
		// the token itself instead of its base64
		expect(isAuthorized('Basic user:pass', 'basic', 'user:pass')).toBe(false);
		// right bytes, Bearer scheme
		expect(isAuthorized('Bearer dXNlcjpwYXNz', 'basic', 'user:pass')).toBe(false);
		expect(isAuthorized('Bearer user:pass', 'basic', 'user:pass')).toBe(false);
		expect(isAuthorized(undefined, 'basic', 'user:pass')).toBe(false);
		expect(isAuthorized('', 'basic', 'user:pass')).toBe(false);
		expect(isAuthorized('dXNlcjpwYXNz', 'basic', 'user:pass')).toBe(false);
		expect(isAuthorized('Basic', 'basic', 'user:pass')).toBe(false);
		expect(isAuthorized('Basic ', 'basic', 'user:pass')).toBe(false);
		// base64 of a different token
		expect(isAuthorized(`Basic ${Buffer.from('user:pasS').toString('base64')}`, 'basic', 'user:pass')).toBe(false);
	});

	test('Bearer: right token accepted, extra spaces after the scheme tolerated', () => {
		expect(isAuthorized('Bearer tok-123', 'bearer', 'tok-123')).toBe(true);
		expect(isAuthorized('bearer tok-123', 'bearer', 'tok-123')).toBe(true);
		expect(isAuthorized('Bearer   tok-123', 'bearer', 'tok-123')).toBe(true);
		expect(isAuthorized('  Bearer tok-123  ', 'bearer', 'tok-123')).toBe(true);
	});

	test('Bearer: wrong, prefixed, suffixed, base64-encoded or Basic-scheme tokens are refused', () => {
		expect(isAuthorized('Bearer tok-124', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized('Bearer tok-12', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized('Bearer tok-1234', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized('Bearer tok-123 x', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized(`Bearer ${Buffer.from('tok-123').toString('base64')}`, 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized('Basic tok-123', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized('Token tok-123', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized('tok-123', 'bearer', 'tok-123')).toBe(false);
		expect(isAuthorized(['Bearer tok-123'] as any, 'bearer', 'tok-123')).toBe(false);
	});

	test('an empty configured token never authorizes anything', () => {
		expect(isAuthorized('Bearer ', 'bearer', '')).toBe(false);
		expect(isAuthorized('Bearer', 'bearer', '')).toBe(false);
		expect(isAuthorized('Basic ', 'basic', '')).toBe(false);
	});

	test('tokens with spaces and non-ASCII characters work for both schemes', () => {
		const token = 'pâss wörd 🔑';
		expect(isAuthorized(`Bearer ${token}`, 'bearer', token)).toBe(true);
		expect(isAuthorized(`Basic ${Buffer.from(token, 'utf8').toString('base64')}`, 'basic', token)).toBe(true);
		expect(isAuthorized(`Basic ${Buffer.from(token, 'latin1').toString('base64')}`, 'basic', token)).toBe(false);
	});

	test('comparison is constant-time on equal-length digests, whatever the lengths presented', () => {
		const spy = crypto.timingSafeEqual as unknown as jest.Mock;
		spy.mockClear();
		{
			isAuthorized('Bearer x', 'bearer', 'a-much-longer-token-than-x');
			isAuthorized('Bearer ' + 'y'.repeat(5000), 'bearer', 'short');
			isAuthorized('garbage', 'bearer', 'short');
			expect(spy).toHaveBeenCalledTimes(3);
			for (const [a, b] of spy.mock.calls) {
				expect((a as Buffer).length).toBe(32);
				expect((b as Buffer).length).toBe(32);
			}
		}
	});
});
