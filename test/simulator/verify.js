// @ts-check
'use strict';
// Yoti's request verification for IDV calls, as a pure function (no I/O).

const crypto = require('crypto');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_WINDOW_MS = 5 * 60 * 1000;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Paths that Yoti serves without an sdkId query parameter. @param {string} path */
function isSdkIdFree(path) {
	return path === '/supported-documents';
}

/**
 * The exact string Yoti's SDKs sign: `METHOD&<path?query>` plus `&base64(body)` for
 * POST/PUT/PATCH with a non-empty body.
 * @param {string} method
 * @param {string} pathAndQuery
 * @param {Buffer | string | undefined | null} body
 */
function stringToSign(method, pathAndQuery, body) {
	const upper = method.toUpperCase();
	let text = `${upper}&${pathAndQuery}`;
	if (body !== undefined && body !== null && body.length > 0 && METHODS_WITH_BODY.has(upper)) {
		const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
		text += `&${bytes.toString('base64')}`;
	}
	return text;
}

/**
 * Verifies a signed IDV request the way Yoti does.
 * `pathAndQuery` is relative to `/idverify/v1` with the query exactly as received.
 * When `seenNonces` is given, a nonce already in it fails, and the nonce of a request that
 * passes every check is added to it.
 * @param {{ method: string, pathAndQuery: string, body?: Buffer | string | null,
 *   digest?: string | null, publicKey: crypto.KeyLike, sdkId: string,
 *   seenNonces?: Set<string>, nowMs?: number, windowMs?: number }} req
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
function verifyYotiRequest(req) {
	const { method, pathAndQuery, body, digest, publicKey, sdkId, seenNonces } = req;
	const nowMs = req.nowMs ?? Date.now();
	const windowMs = req.windowMs ?? DEFAULT_WINDOW_MS;

	if (typeof digest !== 'string' || digest.trim() === '') {
		return { ok: false, reason: 'missing X-Yoti-Auth-Digest header' };
	}
	const q = pathAndQuery.indexOf('?');
	const path = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
	const query = new URLSearchParams(q === -1 ? '' : pathAndQuery.slice(q + 1));

	const sentSdkId = query.get('sdkId');
	if (sentSdkId === null) {
		if (!isSdkIdFree(path)) return { ok: false, reason: 'missing sdkId query parameter' };
	} else if (sentSdkId !== sdkId) {
		return { ok: false, reason: 'unknown sdkId' };
	}

	const nonce = query.get('nonce');
	if (nonce === null) return { ok: false, reason: 'missing nonce query parameter' };
	if (!UUID.test(nonce)) return { ok: false, reason: 'nonce is not a UUID' };

	const timestamp = query.get('timestamp');
	if (timestamp === null) return { ok: false, reason: 'missing timestamp query parameter' };
	if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not a number of milliseconds' };
	if (Math.abs(nowMs - Number(timestamp)) > windowMs) {
		return { ok: false, reason: 'timestamp outside the accepted window' };
	}

	let valid = false;
	try {
		const key = publicKey instanceof crypto.KeyObject ? publicKey : crypto.createPublicKey(publicKey);
		valid = crypto.verify(
			'RSA-SHA256',
			Buffer.from(stringToSign(method, pathAndQuery, body), 'utf8'),
			{ key, padding: crypto.constants.RSA_PKCS1_PADDING },
			Buffer.from(digest, 'base64'),
		);
	} catch {
		valid = false;
	}
	if (!valid) return { ok: false, reason: 'signature does not verify' };

	const nonceKey = nonce.toLowerCase();
	if (seenNonces) {
		if (seenNonces.has(nonceKey)) return { ok: false, reason: 'nonce already used' };
		seenNonces.add(nonceKey);
	}
	return { ok: true };
}

module.exports = { verifyYotiRequest, stringToSign, UUID, DEFAULT_WINDOW_MS };
