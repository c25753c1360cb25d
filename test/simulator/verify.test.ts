/* eslint-disable */
// The shared signing vectors (produced by the official SDK) verify with the simulator's
// routine at their fixed nonce/timestamp, and any one-byte change fails.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SIGNING_DIR, flipOneChar } from './helpers';

const { verifyYotiRequest, stringToSign } = require('./index');

const PUBLIC_KEY = fs.readFileSync(path.join(SIGNING_DIR, 'test-pub.pem'), 'utf8');
const VECTOR_SDK_ID = '00000000-1111-2222-3333-444444444444';
const VECTOR_NONCE = '6f1c2c7e-8a4b-4f3e-9d2a-1b2c3d4e5f60';
const VECTOR_TS = 1700000000000;

interface VectorResult {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string | null;
	stringToSign: string;
	digestFromSdk: string;
}

function loadVectors(file: string): VectorResult[] {
	const doc = JSON.parse(fs.readFileSync(path.join(SIGNING_DIR, file), 'utf8'));
	expect(doc.sdkId).toBe(VECTOR_SDK_ID);
	expect(doc.fixedNonce).toBe(VECTOR_NONCE);
	expect(doc.fixedTimestampMs).toBe(VECTOR_TS);
	return doc.results;
}

/** The path relative to /idverify/v1 plus the query exactly as in the vector's URL. */
function relative(url: string): string {
	const prefix = 'https://api.yoti.com/idverify/v1';
	expect(url.startsWith(prefix)).toBe(true);
	return url.slice(prefix.length);
}

function verifyVector(v: VectorResult, over: Record<string, unknown> = {}) {
	return verifyYotiRequest({
		method: v.method,
		pathAndQuery: relative(v.url),
		body: v.body === null ? undefined : Buffer.from(v.body, 'utf8'),
		digest: v.headers['X-Yoti-Auth-Digest'],
		publicKey: PUBLIC_KEY,
		sdkId: VECTOR_SDK_ID,
		nowMs: VECTOR_TS,
		...over,
	});
}

describe.each(['vector-output.json', 'vector-output-pkcs8.json'])('%s', (file) => {
	const vectors = loadVectors(file);

	test('holds the five requests', () => {
		expect(vectors.map((v) => v.method)).toEqual(['GET', 'DELETE', 'GET', 'POST', 'GET']);
	});

	test.each(vectors.map((v) => [`${v.method} ${relative(v.url).split('?')[0]}`, v] as const))('%s verifies', (_name, v) => {
		expect(verifyVector(v)).toEqual({ ok: true });
		// the simulator builds the same string the SDK signed
		expect(stringToSign(v.method, relative(v.url), v.body === null ? undefined : Buffer.from(v.body))).toBe(v.stringToSign);
	});

	test.each(vectors.map((v) => [`${v.method} ${relative(v.url).split('?')[0]}`, v] as const))('%s fails after a one-byte change', (_name, v) => {
		const rel = relative(v.url);
		// one character of the path
		const i = rel.indexOf('/', 1) > 0 ? rel.indexOf('/', 1) + 1 : 2;
		const changedPath = rel.slice(0, i) + (rel[i] === 'a' ? 'b' : 'a') + rel.slice(i + 1);
		expect(verifyVector(v, { pathAndQuery: changedPath }).ok).toBe(false);
		// one character of the digest
		expect(verifyVector(v, { digest: flipOneChar(v.headers['X-Yoti-Auth-Digest'], 20) }).ok).toBe(false);
		// one byte of the digest's raw bytes
		const raw = Buffer.from(v.headers['X-Yoti-Auth-Digest'], 'base64');
		raw[0] ^= 0x01;
		expect(verifyVector(v, { digest: raw.toString('base64') }).ok).toBe(false);
		// the method
		expect(verifyVector(v, { method: v.method === 'GET' ? 'DELETE' : 'GET' }).ok).toBe(false);
		if (v.body !== null) {
			const body = Buffer.from(v.body, 'utf8');
			body[body.length - 2] ^= 0x01;
			expect(verifyVector(v, { body }).ok).toBe(false);
			expect(verifyVector(v, { body: undefined }).ok).toBe(false);
		}
	});
});

describe('verifyYotiRequest rules', () => {
	const [getVector] = loadVectors('vector-output.json');
	const supportedDocs = loadVectors('vector-output.json')[4];

	test('timestamp window: inside passes, outside fails, edge is inclusive', () => {
		expect(verifyVector(getVector, { nowMs: VECTOR_TS + 5 * 60 * 1000 }).ok).toBe(true);
		expect(verifyVector(getVector, { nowMs: VECTOR_TS - 5 * 60 * 1000 }).ok).toBe(true);
		expect(verifyVector(getVector, { nowMs: VECTOR_TS + 5 * 60 * 1000 + 1 })).toEqual({ ok: false, reason: 'timestamp outside the accepted window' });
		expect(verifyVector(getVector, { nowMs: VECTOR_TS + 1000, windowMs: 999 }).ok).toBe(false);
	});

	test('another sdkId fails even though the signature matches', () => {
		expect(verifyVector(getVector, { sdkId: 'aaaaaaaa-1111-2222-3333-444444444444' })).toEqual({ ok: false, reason: 'unknown sdkId' });
	});

	test('supported-documents needs no sdkId', () => {
		expect(relative(supportedDocs.url)).not.toContain('sdkId');
		expect(verifyVector(supportedDocs)).toEqual({ ok: true });
	});

	test('another public key fails', () => {
		const other = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
		expect(verifyVector(getVector, { publicKey: other })).toEqual({ ok: false, reason: 'signature does not verify' });
	});

	test('missing digest, missing nonce or timestamp fail', () => {
		expect(verifyVector(getVector, { digest: undefined })).toEqual({ ok: false, reason: 'missing X-Yoti-Auth-Digest header' });
		expect(verifyVector(getVector, { digest: '' }).ok).toBe(false);
		expect(verifyVector(getVector, { pathAndQuery: `/sessions/x?sdkId=${VECTOR_SDK_ID}&timestamp=${VECTOR_TS}` }).ok).toBe(false);
		expect(verifyVector(getVector, { pathAndQuery: `/sessions/x?sdkId=${VECTOR_SDK_ID}&nonce=${VECTOR_NONCE}` }).ok).toBe(false);
		expect(verifyVector(getVector, { pathAndQuery: '/sessions/x' }).ok).toBe(false);
	});

	test('seenNonces: first use is recorded, second use fails, a failed request does not burn the nonce', () => {
		const seen = new Set<string>();
		expect(verifyVector(getVector, { seenNonces: seen, digest: flipOneChar(getVector.headers['X-Yoti-Auth-Digest']) }).ok).toBe(false);
		expect(seen.size).toBe(0);
		expect(verifyVector(getVector, { seenNonces: seen })).toEqual({ ok: true });
		expect([...seen]).toEqual([VECTOR_NONCE]);
		expect(verifyVector(getVector, { seenNonces: seen })).toEqual({ ok: false, reason: 'nonce already used' });
	});

	test('garbage digest and garbage key never throw', () => {
		expect(verifyVector(getVector, { digest: '!!!not base64!!!' }).ok).toBe(false);
		expect(verifyVector(getVector, { publicKey: 'not a key' }).ok).toBe(false);
	});
});
