import * as crypto from 'crypto';

// Count key parses: signing.ts gets this wrapped createPrivateKey (jest cannot spy on `crypto`).
jest.mock('crypto', () => {
	const actual = jest.requireActual('crypto');
	return { ...actual, createPrivateKey: jest.fn(actual.createPrivateKey) };
});

import { YotiApi } from '../../credentials/YotiApi.credentials';
import { normalizePrivateKey, signRequest } from '../../nodes/Yoti/core/signing';
import {
	PKCS1_PEM,
	PKCS8_PEM,
	PUBLIC_PEM,
	VECTOR_SDK_ID,
	fixedEntropy,
	leakedWindows,
	pemBody,
	readVectors,
} from './helpers';

const GET_VECTOR = readVectors('vector-output.json').results[0];
const GET_PATH = GET_VECTOR.stringToSign.slice('GET&'.length);
const digestWith = (privateKey: string) => signRequest({ method: 'GET', pathAndQuery: GET_PATH, privateKey });

describe('normalizePrivateKey accepts keys as users paste them', () => {
	const lf = PKCS1_PEM.replace(/\r\n/g, '\n').trim();
	const variants: Array<[string, string]> = [
		['the PKCS#1 file as is', PKCS1_PEM],
		['the PKCS#8 file', PKCS8_PEM],
		['on one line, spaces instead of newlines', lf.replace(/\n/g, ' ')],
		['on one line with no separators at all', lf.replace(/\n/g, '')],
		['with literal \\n sequences (as in JSON or .env)', lf.replace(/\n/g, '\\n')],
		['with literal \\r\\n sequences', lf.replace(/\n/g, '\\r\\n')],
		['with CRLF line ends', lf.replace(/\n/g, '\r\n')],
		['surrounded by whitespace and blank lines', `\n\n   ${lf}   \n\t\n`],
		['in double quotes with literal \\n', `"${lf.replace(/\n/g, '\\n')}"`],
		['in single quotes', `'${lf}'`],
		['with indented lines', lf.replace(/\n/g, '\n    ')],
		['PKCS#8 on one line', PKCS8_PEM.trim().replace(/\n/g, ' ')],
		['PKCS#8 with literal \\n', PKCS8_PEM.trim().replace(/\n/g, '\\n')],
	];

	it.each(variants)('%s → the SDK digest of the GET vector', (_name, pasted) => {
		expect(digestWith(pasted)).toBe(GET_VECTOR.digestFromSdk);
	});

	it('returns an RSA KeyObject', () => {
		const key = normalizePrivateKey(PKCS8_PEM);
		expect(key.type).toBe('private');
		expect(key.asymmetricKeyType).toBe('rsa');
	});

	it('each variant signs through the credential too', async () => {
		const signed = await new YotiApi().authenticate(
			{ sdkId: VECTOR_SDK_ID, privateKey: lf.replace(/\n/g, ' '), environment: 'production' },
			{ method: 'GET', url: '/sessions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' },
			fixedEntropy(),
		);
		expect((signed.headers as Record<string, string>)['X-Yoti-Auth-Digest']).toBe(GET_VECTOR.digestFromSdk);
	});
});

describe('a key that cannot be used gives a clear error that never echoes the key', () => {
	const body = pemBody(PKCS1_PEM);
	const { privateKey: encryptedPem } = crypto.generateKeyPairSync('rsa', {
		modulusLength: 1024,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret-pass' },
	});
	const { privateKey: ecPem } = crypto.generateKeyPairSync('ec', {
		namedCurve: 'prime256v1',
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	});
	const legacyEncrypted = crypto
		.createPrivateKey(PKCS1_PEM)
		.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'secret-pass' })
		.toString();

	const bad: Array<[string, unknown, string]> = [
		['an empty string', '', 'not a PEM private key'],
		['undefined', undefined, 'not a PEM private key'],
		['the base64 body without armour', body, 'not a PEM private key'],
		['a truncated key', PKCS1_PEM.slice(0, 900) + '\n-----END RSA PRIVATE KEY-----', 'not a PEM private key'],
		['a key whose DER structure is damaged', PKCS1_PEM.replace(body.slice(0, 8), 'AAAAAAAA'), 'not a PEM private key'],
		['a key whose modulus was changed in copying', PKCS1_PEM.replace(body.slice(100, 110), 'AAAAAAAAAA'), 'changed or cut'],
		['mismatched BEGIN/END labels', PKCS1_PEM.replace('END RSA PRIVATE KEY', 'END PRIVATE KEY'), 'not a PEM private key'],
		['a body with characters outside base64', PKCS1_PEM.replace(body.slice(200, 204), '$%^&'), 'not a PEM private key'],
		['valid base64 that is not a key', `-----BEGIN PRIVATE KEY-----\n${Buffer.alloc(300, 7).toString('base64')}\n-----END PRIVATE KEY-----`, 'not a PEM private key'],
		['the public key', PUBLIC_PEM, 'public key'],
		['an encrypted PKCS#8 key', encryptedPem, 'encrypted'],
		['an encrypted PKCS#1 key', legacyEncrypted, 'encrypted'],
		['an EC key', ecPem, 'RSA'],
	];

	it.each(bad)('%s', (_name, pasted, expected) => {
		let caught: unknown;
		try {
			normalizePrivateKey(pasted as string);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(Error);
		const error = caught as Error;
		expect(error.message).toContain('not a PEM private key');
		expect(error.message).toContain(expected);
		expect((error as Error & { cause?: unknown }).cause).toBeUndefined();

		const everything = [error.message, String(error), error.stack ?? '', JSON.stringify(error)].join('\n');
		const pastedText = typeof pasted === 'string' ? pasted : '';
		expect(leakedWindows(everything, pemBody(pastedText))).toEqual([]);
		expect(leakedWindows(everything, body)).toEqual([]);
		expect(everything).not.toContain('secret-pass');
	});

	it('the credential surfaces the same message and no key material', async () => {
		const truncated = PKCS1_PEM.slice(0, 700);
		await expect(
			new YotiApi().authenticate(
				{ sdkId: VECTOR_SDK_ID, privateKey: truncated, environment: 'production' },
				{ method: 'GET', url: '/sessions/x' },
			),
		).rejects.toThrow('not a PEM private key');
		const error = await new YotiApi()
			.authenticate({ sdkId: VECTOR_SDK_ID, privateKey: truncated }, { method: 'GET', url: '/sessions/x' })
			.catch((e: Error) => e);
		expect(leakedWindows(`${String(error)}\n${(error as Error).stack}`, pemBody(truncated))).toEqual([]);
	});
});

describe('parsed keys are cached', () => {
	it('signing 1000 requests with the same pasted key parses it once', () => {
		const pasted = `${PKCS1_PEM}\n\n  `; // a text no other test used, so the cache starts cold
		const parse = crypto.createPrivateKey as unknown as jest.Mock;
		const before = parse.mock.calls.length;
		for (let i = 0; i < 1000; i++) {
			signRequest({ method: 'GET', pathAndQuery: `/sessions/x?nonce=${i}`, privateKey: pasted });
		}
		expect(parse.mock.calls.length - before).toBe(1);
		expect(normalizePrivateKey(pasted)).toBe(normalizePrivateKey(pasted));
	});

	it('different texts of the same key are different cache entries but the same key', () => {
		const a = normalizePrivateKey(PKCS1_PEM);
		const b = normalizePrivateKey(PKCS8_PEM);
		expect(a.export({ type: 'pkcs8', format: 'pem' })).toBe(b.export({ type: 'pkcs8', format: 'pem' }));
	});
});
