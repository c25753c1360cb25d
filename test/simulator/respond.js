// @ts-check
'use strict';
// Writing responses, with the `truncate` fault applied here: the headers announce more bytes
// than are sent, then the connection is cut.

/**
 * @typedef {{ truncate?: boolean }} SendContext
 */

/**
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {Record<string, string>} headers
 * @param {Buffer} body
 * @param {SendContext} [ctx]
 */
function sendBytes(res, status, headers, body, ctx) {
	if (res.destroyed || res.headersSent) return;
	if (ctx && ctx.truncate) {
		const sent = body.subarray(0, Math.floor(body.length / 2));
		res.writeHead(status, { ...headers, 'Content-Length': String(body.length + Math.max(64, body.length)) });
		res.flushHeaders();
		res.write(sent, () => res.socket && res.socket.destroy());
		return;
	}
	res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
	res.end(body);
}

/**
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 * @param {SendContext} [ctx]
 */
function sendJson(res, status, value, headers = {}, ctx) {
	sendBytes(res, status, { 'Content-Type': 'application/json', ...headers }, Buffer.from(JSON.stringify(value), 'utf8'), ctx);
}

/** @param {import('http').ServerResponse} res @param {SendContext} [ctx] */
function sendNoContent(res, ctx) {
	if (res.destroyed || res.headersSent) return;
	if (ctx && ctx.truncate) {
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' });
		res.flushHeaders();
		res.write('{', () => res.socket && res.socket.destroy());
		return;
	}
	res.writeHead(204);
	res.end();
}

module.exports = { sendBytes, sendJson, sendNoContent };
