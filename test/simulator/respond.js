// @ts-check
'use strict';
// Writing responses, with the answer-shaping faults applied here (see faults.js):
//   truncate      the headers announce more bytes than are sent, then the connection is cut;
//   dropAnswer    (drop-after) the route has run; the socket is destroyed instead of answering;
//   garbage       (garbage-body) a 2xx answer becomes 200 with a complete body that is not JSON;
//   largeBody     (large-body) a 2xx answer's body becomes N bytes, streamed;
//   drip          the answer's body goes out in pieces, one every interval.

/** A complete body that no JSON reader accepts. */
const GARBAGE_BODY = Buffer.from('{"garbage": tru', 'utf8');
const DRIP_PIECES = 16;
const LARGE_CHUNK = 64 * 1024;

/**
 * @typedef {{ truncate?: boolean, dropAnswer?: boolean, garbage?: boolean,
 *   largeBody?: { bytes: number, chunked: boolean }, drip?: { intervalMs: number },
 *   sleep?: (ms: number) => Promise<unknown> }} SendContext
 */

/** @param {import('http').ServerResponse} res */
function drop(res) {
	if (res.socket) res.socket.destroy();
	else res.destroy();
}

/** @param {number} status */
const isSuccess = (status) => status >= 200 && status < 300;

/** Resolves once the response can take more data, or is gone. @param {import('http').ServerResponse} res */
function drained(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve(undefined);
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/**
 * `bytes` bytes of filler, in chunks, honouring back-pressure; stops when the client goes away.
 * @param {import('http').ServerResponse} res @param {number} status @param {Record<string, string>} headers
 * @param {{ bytes: number, chunked: boolean }} large
 */
async function streamLarge(res, status, headers, large) {
	const head = { ...headers };
	if (!large.chunked) head['Content-Length'] = String(large.bytes);
	res.writeHead(status, head);
	const chunk = Buffer.alloc(Math.min(LARGE_CHUNK, Math.max(1, large.bytes)), 0x5a);
	let sent = 0;
	while (sent < large.bytes && !res.destroyed) {
		const size = Math.min(chunk.length, large.bytes - sent);
		const more = res.write(size === chunk.length ? chunk : chunk.subarray(0, size));
		sent += size;
		if (!more) await drained(res);
	}
	if (!res.destroyed) res.end();
}

/**
 * The body in DRIP_PIECES pieces, one every `intervalMs`.
 * @param {import('http').ServerResponse} res @param {number} status @param {Record<string, string>} headers
 * @param {Buffer} body @param {number} intervalMs @param {(ms: number) => Promise<unknown>} sleep
 */
async function dripBytes(res, status, headers, body, intervalMs, sleep) {
	res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
	res.flushHeaders();
	const piece = Math.max(1, Math.ceil(body.length / DRIP_PIECES));
	for (let offset = 0; offset < body.length; offset += piece) {
		await sleep(intervalMs);
		if (res.destroyed) return;
		res.write(body.subarray(offset, offset + piece));
	}
	if (!res.destroyed) res.end();
}

/**
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {Record<string, string>} headers
 * @param {Buffer} body
 * @param {SendContext} [ctx]
 */
function sendBytes(res, status, headers, body, ctx) {
	if (res.destroyed || res.headersSent) return;
	if (ctx && ctx.dropAnswer) return drop(res);
	if (ctx && ctx.garbage && isSuccess(status)) {
		status = 200;
		headers = { 'Content-Type': 'application/json' };
		body = GARBAGE_BODY;
	}
	if (ctx && ctx.largeBody && isSuccess(status)) {
		streamLarge(res, status, headers, ctx.largeBody).catch(() => res.destroy());
		return;
	}
	if (ctx && ctx.truncate) {
		const sent = body.subarray(0, Math.floor(body.length / 2));
		res.writeHead(status, { ...headers, 'Content-Length': String(body.length + Math.max(64, body.length)) });
		res.flushHeaders();
		res.write(sent, () => res.socket && res.socket.destroy());
		return;
	}
	if (ctx && ctx.drip && body.length > 0) {
		const sleep = ctx.sleep || ((/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms)));
		dripBytes(res, status, headers, body, ctx.drip.intervalMs, sleep).catch(() => res.destroy());
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
	if (ctx && ctx.dropAnswer) return drop(res);
	if (ctx && ctx.garbage) return sendBytes(res, 200, { 'Content-Type': 'application/json' }, GARBAGE_BODY);
	if (ctx && ctx.truncate) {
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' });
		res.flushHeaders();
		res.write('{', () => res.socket && res.socket.destroy());
		return;
	}
	res.writeHead(204);
	res.end();
}

module.exports = { sendBytes, sendJson, sendNoContent, GARBAGE_BODY };
