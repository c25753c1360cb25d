// @ts-check
'use strict';
// IDV routes under /idverify/v1. Every request is verified like Yoti does before any data is
// looked at; unknown routes are 404 and a known path with another method is 405.

const { verifyYotiRequest } = require('../verify');
const { sendBytes, sendJson, sendNoContent } = require('../respond');
const { parseJsonBytes } = require('../store');
const { validateSessionSpec } = require('./sessionSpec');
const { ROUTES: INSTRUCTION_ROUTES, handleInstructions } = require('./instructions');

/**
 * @typedef {{ method: string, rel: string, pathname: string, body: Buffer,
 *   headers: import('http').IncomingHttpHeaders, truncate: boolean, emptyMedia: boolean, accept?: boolean }} IdvContext
 */

const ROUTES = [
	{ name: 'sessions', pattern: /^\/sessions\/?$/, methods: ['POST'] },
	{ name: 'session', pattern: /^\/sessions\/([^/]+)$/, methods: ['GET', 'DELETE'] },
	{ name: 'configuration', pattern: /^\/sessions\/([^/]+)\/configuration$/, methods: ['GET'] },
	{ name: 'media', pattern: /^\/sessions\/([^/]+)\/media\/([^/]+)\/content$/, methods: ['GET', 'DELETE'] },
	{ name: 'trackedDevices', pattern: /^\/sessions\/([^/]+)\/tracked-devices$/, methods: ['GET', 'DELETE'] },
	{ name: 'supportedDocuments', pattern: /^\/supported-documents$/, methods: ['GET'] },
	...INSTRUCTION_ROUTES,
];

/** @param {string} segment */
function decode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

const notFound = (/** @type {string} */ what) => ({ code: 'NOT_FOUND', message: `${what} not found` });

/**
 * @param {any} state the simulator's shared state (see index.js)
 * @param {IdvContext} ctx
 * @param {import('http').ServerResponse} res
 */
function handleIdv(state, ctx, res) {
	const relPath = ctx.rel.split('?')[0];
	const route = ROUTES.find((r) => r.pattern.test(relPath));
	if (!route) return sendJson(res, 404, { code: 'NOT_FOUND', message: `No IDV route for ${ctx.method} ${relPath}` }, {}, ctx);
	if (!route.methods.includes(ctx.method)) {
		return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${ctx.method} is not allowed here` }, { Allow: route.methods.join(', ') }, ctx);
	}

	const digest = ctx.headers['x-yoti-auth-digest'];
	const verdict = verifyYotiRequest({
		method: ctx.method,
		pathAndQuery: ctx.rel,
		body: ctx.body,
		digest: Array.isArray(digest) ? digest[0] : digest,
		publicKey: state.publicKey,
		sdkId: state.sdkId,
		seenNonces: state.seenNonces,
		windowMs: state.windowMs,
	});
	if (!verdict.ok && verdict.reason === 'unknown sdkId') {
		// Yoti's API reference: 404 "The application for provided sdk id does not exist" on
		// POST /sessions, "Session or App not found" elsewhere. No key to check a signature with.
		const message = route.name === 'sessions' ? 'The application for provided sdk id does not exist' : 'Session or App not found';
		return sendJson(res, 404, { code: 'NOT_FOUND', message }, {}, ctx);
	}
	if (!verdict.ok) {
		return sendJson(res, 401, { code: 'UNAUTHORIZED', message: `Request could not be authenticated: ${verdict.reason}` }, {}, ctx);
	}

	const match = /** @type {RegExpExecArray} */ (route.pattern.exec(relPath));
	const ids = match.slice(1).map(decode);
	const store = state.store;

	if (route.name === 'sessions') return createSession(store, ctx, res);
	if (handleInstructions(state, ctx, relPath, res)) return;
	if (route.name === 'supportedDocuments') return supportedDocuments(store, ctx, res);

	const sessionId = ids[0];
	const found = store.getSession(sessionId);
	if (!found) return sendJson(res, 404, notFound('Session'), {}, ctx);
	const sessionState = found.session && typeof found.session === 'object' ? found.session.state : undefined;

	switch (route.name) {
		case 'session':
			if (ctx.method === 'GET') return sendBytes(res, 200, { 'Content-Type': 'application/json' }, found.bytes, ctx);
			if (sessionState === 'ONGOING') {
				return sendJson(res, 409, { code: 'SESSION_NOT_COMPLETED', message: 'The session is still ongoing and cannot be deleted' }, {}, ctx);
			}
			store.deleteSession(sessionId);
			return sendNoContent(res, ctx);
		case 'configuration':
			return sendBytes(res, 200, { 'Content-Type': 'application/json' }, store.getConfiguration(sessionId), ctx);
		case 'media': {
			if (sessionState === 'EXPIRED') {
				return sendJson(res, 409, { code: 'SESSION_EXPIRED', message: 'The session has expired; its media is no longer available' }, {}, ctx);
			}
			const mediaId = ids[1];
			const media = store.getMedia(sessionId, mediaId);
			if (!media) return sendJson(res, 404, notFound('Media'), {}, ctx);
			if (ctx.method === 'DELETE') {
				// Yoti keeps a session's media while the session is in progress (409, "locked").
				if (sessionState === 'ONGOING') {
					return sendJson(res, 409, { code: 'RESOURCE_LOCKED', message: 'The session is still in progress; its media cannot be deleted yet' }, {}, ctx);
				}
				store.deleteMedia(sessionId, mediaId);
				return sendNoContent(res, ctx);
			}
			if (media.empty || ctx.emptyMedia) return sendNoContent(res, ctx);
			return sendBytes(res, 200, { 'Content-Type': media.contentType }, media.bytes, ctx);
		}
		case 'trackedDevices':
			if (ctx.method === 'DELETE') {
				// Yoti's reference: DELETE answers the JSON array of events, as GET does (here: the
				// events it removed). With none left it answers 204, the other shape clients meet.
				const removed = store.getTrackedDevices(sessionId);
				store.deleteTrackedDevices(sessionId);
				const events = parseJsonBytes(removed);
				if (!Array.isArray(events) || events.length === 0) return sendNoContent(res, ctx);
				return sendBytes(res, 200, { 'Content-Type': 'application/json' }, removed, ctx);
			}
			return sendBytes(res, 200, { 'Content-Type': 'application/json' }, store.getTrackedDevices(sessionId), ctx);
		default:
			return sendJson(res, 404, { code: 'NOT_FOUND', message: 'No such route' }, {}, ctx);
	}
}

/** @param {any} store @param {IdvContext} ctx @param {import('http').ServerResponse} res */
function createSession(store, ctx, res) {
	const spec = ctx.body.length > 0 ? parseJsonBytes(ctx.body) : undefined;
	if (spec === undefined) {
		return sendJson(res, 400, { code: 'MALFORMED_REQUEST', message: 'The request body is not valid JSON' }, {}, ctx);
	}
	// The `accept` fault: a lenient server that creates a session from any JSON object.
	const errors = ctx.accept && spec && typeof spec === 'object' && !Array.isArray(spec) ? [] : validateSessionSpec(spec);
	if (errors.length > 0) {
		return sendJson(res, 400, { code: 'PAYLOAD_VALIDATION', message: 'There were errors validating the payload', errors }, {}, ctx);
	}
	return sendJson(res, 201, store.createSession(spec), {}, ctx);
}

/**
 * `includeNonLatin=true` serves the file as stored; otherwise documents marked
 * `is_strictly_latin: false` are left out.
 * @param {any} store @param {IdvContext} ctx @param {import('http').ServerResponse} res
 */
function supportedDocuments(store, ctx, res) {
	const bytes = store.getSupportedDocuments();
	const query = new URLSearchParams(ctx.rel.split('?')[1] || '');
	const doc = parseJsonBytes(bytes);
	if (query.get('includeNonLatin') === 'true' || !doc || !Array.isArray(doc.supported_countries)) {
		return sendBytes(res, 200, { 'Content-Type': 'application/json' }, bytes, ctx);
	}
	let dropped = false;
	const countries = doc.supported_countries.map((/** @type {any} */ c) => {
		if (!c || !Array.isArray(c.supported_documents)) return c;
		const kept = c.supported_documents.filter((/** @type {any} */ d) => !(d && d.is_strictly_latin === false));
		if (kept.length !== c.supported_documents.length) dropped = true;
		return { ...c, supported_documents: kept };
	});
	if (!dropped) return sendBytes(res, 200, { 'Content-Type': 'application/json' }, bytes, ctx);
	return sendJson(res, 200, { ...doc, supported_countries: countries }, {}, ctx);
}

module.exports = { handleIdv };
