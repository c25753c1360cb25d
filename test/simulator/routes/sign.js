// @ts-check
'use strict';
// Yoti Sign IDV results under /v2, authorised by `Authorization: Bearer <api key>`.

const crypto = require('crypto');
const { sendBytes, sendJson, sendNoContent } = require('../respond');
const { buildZip, minimalPdf } = require('../zip');

/** @param {string} segment */
function decode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

const ROUTE = /^\/idv\/recipients\/([^/]+)\/sessions\/signed\/(json|pdf|media\/([^/]+))$/;

/** @param {string | undefined} header @param {string} apiKey */
function bearerMatches(header, apiKey) {
	if (typeof header !== 'string') return false;
	const expected = Buffer.from(`Bearer ${apiKey}`, 'utf8');
	const given = Buffer.from(header.trim(), 'utf8');
	return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * @param {any} state
 * @param {{ method: string, rel: string, headers: import('http').IncomingHttpHeaders, truncate: boolean, emptyMedia: boolean }} ctx
 * @param {import('http').ServerResponse} res
 */
function handleSign(state, ctx, res) {
	const match = ROUTE.exec(ctx.rel);
	if (!match) return sendJson(res, 404, { code: 'NOT_FOUND', message: `No Yoti Sign route for ${ctx.method} ${ctx.rel}` }, {}, ctx);
	if (ctx.method !== 'GET') return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${ctx.method} is not allowed here` }, { Allow: 'GET' }, ctx);
	if (!bearerMatches(ctx.headers.authorization, state.signApiKey)) {
		return sendJson(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or invalid API key' }, {}, ctx);
	}
	const recipientId = decode(match[1]);
	const result = state.store.getSignResult(recipientId);
	if (!result) return sendJson(res, 404, { code: 'NOT_FOUND', message: 'Recipient session not found' }, {}, ctx);

	if (match[2] === 'json') return sendBytes(res, 200, { 'Content-Type': 'application/json' }, result.bytes, ctx);

	if (match[2] === 'pdf') {
		const sessionState = result.session && typeof result.session === 'object' ? result.session.state : undefined;
		if (sessionState === 'ONGOING') {
			return sendJson(res, 409, { code: 'SESSION_NOT_COMPLETED', message: 'The IDV session has not finished; no report yet' }, {}, ctx);
		}
		const pdf = state.store.getSignPdf(recipientId) || minimalPdf(`Yoti simulator IDV report for recipient ${recipientId}`);
		const zip = buildZip([{ name: `idv-report-${recipientId}.pdf`, data: pdf }]);
		return sendBytes(
			res,
			200,
			{ 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="idv-report-${recipientId}.zip"` },
			zip,
			ctx,
		);
	}

	const media = state.store.getSignMedia(recipientId, decode(match[3]));
	if (!media) return sendJson(res, 404, { code: 'NOT_FOUND', message: 'Media not found' }, {}, ctx);
	if (media.empty || ctx.emptyMedia) return sendNoContent(res, ctx);
	return sendBytes(res, 200, { 'Content-Type': media.contentType }, media.bytes, ctx);
}

module.exports = { handleSign };
