// @ts-check
'use strict';
// Delivers a Yoti session notification: POST `{session_id, topic, check_id?, task_id?,
// resource_id?}` (topic in lower case) with `Authorization: Basic base64(auth_token)` or
// `Bearer auth_token`.

const http = require('http');
const https = require('https');

const DELIVERY_TIMEOUT_MS = 10000;

/**
 * @param {{ session_id: string, topic: string, check_id?: string, task_id?: string, resource_id?: string }} n
 */
function notificationBody(n) {
	/** @type {Record<string, string>} */
	const body = { session_id: n.session_id, topic: String(n.topic).toLowerCase() };
	for (const key of /** @type {const} */ (['check_id', 'task_id', 'resource_id'])) {
		if (typeof n[key] === 'string' && n[key] !== '') body[key] = /** @type {string} */ (n[key]);
	}
	return body;
}

/**
 * @param {string | undefined} authType BASIC (default) or BEARER
 * @param {string | undefined} authToken
 */
function authorizationHeader(authType, authToken) {
	if (typeof authToken !== 'string' || authToken === '') return undefined;
	return String(authType || 'BASIC').toUpperCase() === 'BEARER'
		? `Bearer ${authToken}`
		: `Basic ${Buffer.from(authToken, 'utf8').toString('base64')}`;
}

/**
 * @param {{ endpoint: string, body: object, authorization?: string }} delivery
 * @returns {Promise<{ status: number, body: string }>}
 */
function post({ endpoint, body, authorization }) {
	return new Promise((resolve, reject) => {
		const url = new URL(endpoint);
		const payload = Buffer.from(JSON.stringify(body), 'utf8');
		/** @type {Record<string, string>} */
		const headers = {
			'Content-Type': 'application/json',
			'Content-Length': String(payload.length),
			'User-Agent': 'Yoti-Simulator-Notifications',
		};
		if (authorization) headers.Authorization = authorization;
		const client = url.protocol === 'https:' ? https : http;
		const req = client.request(url, { method: 'POST', headers, timeout: DELIVERY_TIMEOUT_MS }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode || 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('notification endpoint did not answer in time')));
		req.on('error', reject);
		req.end(payload);
	});
}

module.exports = { notificationBody, authorizationHeader, post };
