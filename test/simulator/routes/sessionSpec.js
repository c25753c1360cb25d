// @ts-check
'use strict';
// Validation of a create-session body, reported in Yoti's `errors[{property, message}]` shape.

const { validateIbvOptions } = require('./instructions');

const AUTH_TYPES = new Set(['BASIC', 'BEARER']);
const MIN_TOKEN_TTL_SECONDS = 300;
const RESOURCES_TTL_MARGIN_SECONDS = 86400;

/** @param {unknown} v */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * @param {unknown} spec
 * @returns {Array<{ property: string, message: string }>}
 */
function validateSessionSpec(spec) {
	/** @type {Array<{ property: string, message: string }>} */
	const errors = [];
	const fail = (/** @type {string} */ property, /** @type {string} */ message) => errors.push({ property, message });
	if (!isObject(spec)) {
		fail('', 'must be a JSON object');
		return errors;
	}
	const s = /** @type {Record<string, any>} */ (spec);
	for (const key of ['client_session_token_ttl', 'resources_ttl']) {
		if (s[key] !== undefined && !(Number.isInteger(s[key]) && s[key] > 0)) fail(key, 'must be a positive whole number');
	}
	// Yoti's limits: the client session token lives at least 5 minutes, and the resources at
	// least a day longer than the token.
	const ttl = s.client_session_token_ttl;
	if (Number.isInteger(ttl) && ttl > 0 && ttl < MIN_TOKEN_TTL_SECONDS) {
		fail('client_session_token_ttl', `must be at least ${MIN_TOKEN_TTL_SECONDS} seconds`);
	}
	const resourcesTtl = s.resources_ttl;
	if (Number.isInteger(resourcesTtl) && resourcesTtl > 0) {
		const tokenTtl = Number.isInteger(ttl) && ttl > 0 ? ttl : MIN_TOKEN_TTL_SECONDS;
		if (resourcesTtl < tokenTtl + RESOURCES_TTL_MARGIN_SECONDS) {
			fail('resources_ttl', `must be at least client_session_token_ttl + ${RESOURCES_TTL_MARGIN_SECONDS} seconds`);
		}
	}
	if (s.user_tracking_id !== undefined && typeof s.user_tracking_id !== 'string') fail('user_tracking_id', 'must be a string');
	for (const key of ['requested_checks', 'requested_tasks', 'required_documents']) {
		if (s[key] === undefined) continue;
		if (!Array.isArray(s[key])) {
			fail(key, 'must be an array');
			continue;
		}
		s[key].forEach((/** @type {any} */ item, /** @type {number} */ i) => {
			if (!isObject(item) || typeof item.type !== 'string' || item.type === '') fail(`${key}[${i}].type`, 'must be a non-empty string');
		});
	}
	if (s.sdk_config !== undefined && !isObject(s.sdk_config)) fail('sdk_config', 'must be an object');
	if (s.notifications !== undefined) {
		const n = s.notifications;
		if (!isObject(n)) {
			fail('notifications', 'must be an object');
		} else {
			let url = null;
			try {
				url = typeof n.endpoint === 'string' ? new URL(n.endpoint) : null;
			} catch {
				url = null;
			}
			if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) fail('notifications.endpoint', 'must be an http(s) URL');
			if (n.topics !== undefined && !(Array.isArray(n.topics) && n.topics.every((/** @type {unknown} */ t) => typeof t === 'string'))) {
				fail('notifications.topics', 'must be an array of strings');
			}
			if (n.auth_token !== undefined && typeof n.auth_token !== 'string') fail('notifications.auth_token', 'must be a string');
			if (n.auth_type !== undefined && !AUTH_TYPES.has(String(n.auth_type).toUpperCase())) {
				fail('notifications.auth_type', 'must be BASIC or BEARER');
			}
		}
	}
	errors.push(...validateIbvOptions(s.ibv_options));
	return errors;
}

module.exports = { validateSessionSpec };
