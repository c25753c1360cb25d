// @ts-check
'use strict';
// Unsigned admin API under /__admin (not part of Yoti): notifications, faults, request log, reset.

const { sendJson } = require('../respond');
const { parseJsonBytes } = require('../store');
const { notificationBody, authorizationHeader, post } = require('../notify');

class AdminError extends Error {
	/** @param {number} status @param {string} message */
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

/**
 * Sends a notification for a session. The endpoint and auth come from the session's stored
 * `notifications` block (sessions created through POST /sessions) unless given in `payload`.
 * Resolves `{delivered: true, status, body}` or `{delivered: false, error}`; throws an
 * AdminError (status 400/404) when there is nothing to send or nowhere to send it.
 * @param {any} state
 * @param {any} payload
 */
async function deliverNotification(state, payload) {
	if (!payload || typeof payload !== 'object') throw new AdminError(400, 'body must be a JSON object');
	if (typeof payload.session_id !== 'string' || payload.session_id === '') throw new AdminError(400, 'session_id is required');
	if (typeof payload.topic !== 'string' || payload.topic === '') throw new AdminError(400, 'topic is required');
	const stored = state.store.notificationsOf(payload.session_id) || {};
	const endpoint = payload.endpoint || stored.endpoint;
	if (typeof endpoint !== 'string' || endpoint === '') {
		throw new AdminError(404, `no notifications endpoint known for session ${payload.session_id}; pass "endpoint"`);
	}
	try {
		new URL(endpoint);
	} catch {
		throw new AdminError(400, 'endpoint is not a URL');
	}
	const authToken = payload.auth_token !== undefined ? payload.auth_token : stored.auth_token;
	const authType = payload.auth_type !== undefined ? payload.auth_type : stored.auth_type;
	const body = notificationBody(payload);
	try {
		const answer = await post({ endpoint, body, authorization: authorizationHeader(authType, authToken) });
		return { delivered: true, status: answer.status, body: answer.body, sent: body };
	} catch (err) {
		return { delivered: false, error: err instanceof Error ? err.message : String(err), sent: body };
	}
}

/**
 * @param {any} state
 * @param {{ method: string, pathname: string, body: Buffer }} req
 * @param {import('http').ServerResponse} res
 */
async function handleAdmin(state, req, res) {
	const route = `${req.method} ${req.pathname.replace(/\/+$/, '')}`;
	const json = () => (req.body.length > 0 ? parseJsonBytes(req.body) : undefined);
	try {
		switch (route) {
			case 'GET /__admin/health':
				return sendJson(res, 200, { ok: true });
			case 'POST /__admin/notify': {
				const result = await deliverNotification(state, json());
				return sendJson(res, result.delivered ? 200 : 502, result);
			}
			case 'GET /__admin/faults':
				return sendJson(res, 200, { faults: state.faults.list() });
			case 'POST /__admin/faults': {
				const body = json();
				const specs = Array.isArray(body) ? body : body && Array.isArray(body.faults) ? body.faults : body && body.spec ? [body.spec] : null;
				if (!specs) throw new AdminError(400, 'send an array of fault specs, or {"faults": [...]}');
				try {
					state.faults.set(specs);
				} catch (err) {
					throw new AdminError(400, err instanceof Error ? err.message : String(err));
				}
				return sendJson(res, 200, { faults: state.faults.list() });
			}
			case 'DELETE /__admin/faults':
				state.faults.clear();
				return sendJson(res, 200, { faults: [] });
			case 'GET /__admin/requests':
				return sendJson(res, 200, { requests: state.requests });
			case 'DELETE /__admin/requests':
				state.requests.splice(0, state.requests.length);
				return sendJson(res, 200, { requests: [] });
			case 'GET /__admin/in-flight':
				return sendJson(res, 200, { in_flight: state.load.inFlight, max_in_flight: state.load.maxInFlight });
			case 'DELETE /__admin/in-flight':
				state.load.maxInFlight = state.load.inFlight;
				return sendJson(res, 200, { in_flight: state.load.inFlight, max_in_flight: state.load.maxInFlight });
			case 'POST /__admin/reset':
				state.reset();
				return sendJson(res, 200, { reset: true });
			default:
				return sendJson(res, 404, { error: `no admin route ${route}` });
		}
	} catch (err) {
		if (err instanceof AdminError) return sendJson(res, err.status, { error: err.message });
		throw err;
	}
}

module.exports = { handleAdmin, deliverNotification, AdminError };
