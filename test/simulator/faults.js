// @ts-check
'use strict';
// Fault specs: `<kind>[:key=value...]`, e.g. `429:retry-after=1:times=2`, `503:route=/media/`,
// `reset:method=GET`. Kinds:
//   any HTTP status 400-599 (429, 500, 502, 503, 504, ...), answered before verification with
//     Yoti's `{code, message}`; with `body=html|text|json|empty` the answer is instead what a
//     proxy or a wrong server sends (then 200-599 are allowed: `200:body=html` is a web page);
//   `reset` (socket destroyed, no answer), `truncate`, `timeout`, `empty-media` (alias `204`);
//   `drop-after` (alias `lost-answer`): the route runs (a DELETE deletes), then the socket is
//     destroyed without an answer: the client never learns it succeeded;
//   `garbage-body`: the route runs; a 2xx answer becomes 200 with a complete body that is not JSON;
//   `accept`: POST /sessions skips payload validation (after the signature check) and creates
//     the session: what a lenient server would do with the credential test's probe;
//   `drip`: the route's answer is sent in 16 pieces, one every `interval=` ms (default 200);
//   `large-body`: a 2xx answer's body becomes `bytes=N` bytes (default 2 MiB) of the route's
//     content type, streamed; `length=none` sends it chunked, without Content-Length.
// Keys: `times=N` (default forever), `route=<regex on the URL path>` (default all; empty-media:
// media content; large-body: the download routes; accept: /sessions), `method=GET`,
// `retry-after=<seconds>` (429/503), `body=`, `interval=`, `bytes=`, `length=`.

const KEYS = new Set(['times', 'route', 'method', 'retry-after', 'body', 'interval', 'bytes', 'length']);
const KINDS = new Set(['reset', 'truncate', 'timeout', 'empty-media', 'drop-after', 'garbage-body', 'accept', 'drip', 'large-body']);
const ALIASES = { 204: 'empty-media', 'lost-answer': 'drop-after' };
const BODIES = new Set(['html', 'text', 'json', 'empty']);
const MEDIA_CONTENT_ROUTE = '/media/[^/]+/content$';
/** Media content, Yoti Sign media and PDF, the IBV instructions PDF. */
const DOWNLOAD_ROUTE = '/media/[^/]+/content$|/signed/(media/[^/]+|pdf)$|/instructions/pdf$';
const SESSIONS_ROUTE = '/sessions/?$';
const DEFAULT_ROUTES = { 'empty-media': MEDIA_CONTENT_ROUTE, 'large-body': DOWNLOAD_ROUTE, accept: SESSIONS_ROUTE };
const DEFAULT_LARGE_BYTES = 2 * 1024 * 1024;
const DEFAULT_DRIP_INTERVAL_MS = 200;

/**
 * @typedef {{ kind: string, status?: number, retryAfter?: string, times: number,
 *   route: RegExp | null, routeText?: string, method: string | null, spec: string,
 *   body?: string, intervalMs?: number, bytes?: number, chunked?: boolean }} Fault
 */

/**
 * @param {string | Record<string, unknown>} input a spec string or `{kind, times, route, method, retryAfter}`
 * @returns {Fault}
 */
function parseFault(input) {
	/** @type {Record<string, string>} */
	const fields = {};
	let kind;
	if (typeof input === 'string') {
		const parts = input.split(':');
		kind = (parts.shift() || '').trim().toLowerCase();
		let lastKey = '';
		for (const part of parts) {
			const eq = part.indexOf('=');
			const key = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : '';
			if (KEYS.has(key)) {
				lastKey = key;
				fields[key] = part.slice(eq + 1);
			} else if (lastKey === 'route') {
				fields.route += `:${part}`; // a route regex may itself contain ':'
			} else {
				throw new Error(`fault "${input}": unknown key in "${part}" (use times, route, method, retry-after, body, interval, bytes, length)`);
			}
		}
	} else if (input && typeof input === 'object') {
		kind = String(input.kind ?? input.status ?? '').toLowerCase();
		for (const [k, v] of Object.entries(input)) {
			const key = k === 'retryAfter' ? 'retry-after' : k.toLowerCase();
			if (KEYS.has(key) && v !== undefined && v !== null) fields[key] = String(v);
		}
	} else {
		throw new Error('a fault is a spec string or an object with a kind');
	}

	kind = ALIASES[/** @type {keyof typeof ALIASES} */ (kind)] || kind;
	/** @type {Fault} */
	const fault = { kind, times: Infinity, route: null, method: null, spec: '' };
	if (fields.body !== undefined) {
		const body = fields.body.toLowerCase();
		if (!/^\d{3}$/.test(kind)) throw new Error(`fault "${kind}": body= goes with a status fault, e.g. 400:body=html`);
		if (!BODIES.has(body)) throw new Error(`fault "${kind}": body must be html, text, json or empty`);
		fault.body = body;
	}
	if (/^\d{3}$/.test(kind)) {
		const status = Number(kind);
		const lowest = fault.body ? 200 : 400;
		if (status < lowest || status > 599) {
			throw new Error(`fault "${kind}": a status fault must be 400-599 (200-599 with body=)`);
		}
		fault.status = status;
	} else if (!KINDS.has(kind)) {
		throw new Error(`unknown fault kind "${kind}" (use 429, 5xx, reset, truncate, timeout, empty-media, drop-after, garbage-body, accept, drip, large-body)`);
	}
	if (fields.times !== undefined) {
		if (!/^\d+$/.test(fields.times)) throw new Error(`fault "${kind}": times must be a whole number`);
		fault.times = Number(fields.times);
	}
	if (fields.interval !== undefined) {
		if (kind !== 'drip' || !/^\d+$/.test(fields.interval)) throw new Error(`fault "${kind}": interval= is a whole number of ms, for drip`);
		fault.intervalMs = Number(fields.interval);
	} else if (kind === 'drip') {
		fault.intervalMs = DEFAULT_DRIP_INTERVAL_MS;
	}
	if (fields.bytes !== undefined) {
		if (kind !== 'large-body' || !/^\d+$/.test(fields.bytes)) throw new Error(`fault "${kind}": bytes= is a whole number, for large-body`);
		fault.bytes = Number(fields.bytes);
	} else if (kind === 'large-body') {
		fault.bytes = DEFAULT_LARGE_BYTES;
	}
	if (fields.length !== undefined) {
		if (kind !== 'large-body' || !['none', 'declared'].includes(fields.length)) {
			throw new Error(`fault "${kind}": length= is none or declared, for large-body`);
		}
		fault.chunked = fields.length === 'none';
	}
	if (fields['retry-after'] !== undefined) fault.retryAfter = fields['retry-after'];
	if (fields.method) fault.method = fields.method.toUpperCase();
	else if (kind === 'accept') fault.method = 'POST';
	const route = fields.route ?? DEFAULT_ROUTES[/** @type {keyof typeof DEFAULT_ROUTES} */ (kind)];
	if (route !== undefined) {
		try {
			fault.route = new RegExp(route);
			if (fields.route !== undefined) fault.routeText = route;
		} catch {
			throw new Error(`fault "${kind}": route is not a valid regular expression`);
		}
	}
	fault.spec = describe(fault);
	return fault;
}

/** @param {Fault} f */
function describe(f) {
	const parts = [f.kind];
	if (f.body !== undefined) parts.push(`body=${f.body}`);
	if (f.kind === 'drip') parts.push(`interval=${f.intervalMs}`);
	if (f.kind === 'large-body') parts.push(`bytes=${f.bytes}`);
	if (f.chunked !== undefined) parts.push(`length=${f.chunked ? 'none' : 'declared'}`);
	if (f.retryAfter !== undefined) parts.push(`retry-after=${f.retryAfter}`);
	if (Number.isFinite(f.times)) parts.push(`times=${f.times}`);
	if (f.method) parts.push(`method=${f.method}`);
	if (f.routeText !== undefined) parts.push(`route=${f.routeText}`);
	return parts.join(':');
}

/** Holds the active faults; `take` returns the first one matching a request and counts it down. */
class FaultList {
	constructor() {
		/** @type {Fault[]} */
		this.faults = [];
	}

	/** @param {Array<string | Record<string, unknown>>} specs */
	set(specs) {
		const parsed = (specs || []).map(parseFault); // parse all first: a bad spec changes nothing
		this.faults = parsed;
	}

	clear() {
		this.faults = [];
	}

	/**
	 * @param {string} method
	 * @param {string} path URL path without the query
	 * @returns {Fault | null}
	 */
	take(method, path) {
		for (const f of this.faults) {
			if (f.times <= 0) continue;
			if (f.method && f.method !== method) continue;
			if (f.route && !f.route.test(path)) continue;
			f.times -= 1;
			return f;
		}
		return null;
	}

	list() {
		return this.faults.map((f) => ({ spec: f.spec, remaining: Number.isFinite(f.times) ? f.times : null }));
	}
}

module.exports = { parseFault, FaultList, MEDIA_CONTENT_ROUTE, DOWNLOAD_ROUTE };
