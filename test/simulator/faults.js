// @ts-check
'use strict';
// Fault specs: `<kind>[:key=value...]`, e.g. `429:retry-after=1:times=2`, `503:route=/media/`,
// `reset:method=GET`. Kinds: any HTTP status 400-599 (429, 500, 502, 503, 504, ...), `reset`,
// `truncate`, `timeout`, `empty-media` (alias `204`). Keys: `times=N` (default forever),
// `route=<regex on the URL path>` (default all; for empty-media the media content route),
// `method=GET`, `retry-after=<seconds>` (429/503).

const KEYS = new Set(['times', 'route', 'method', 'retry-after']);
const KINDS = new Set(['reset', 'truncate', 'timeout', 'empty-media']);
const MEDIA_CONTENT_ROUTE = '/media/[^/]+/content$';

/**
 * @typedef {{ kind: string, status?: number, retryAfter?: string, times: number,
 *   route: RegExp | null, routeText?: string, method: string | null, spec: string }} Fault
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
				throw new Error(`fault "${input}": unknown key in "${part}" (use times, route, method, retry-after)`);
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

	if (kind === '204') kind = 'empty-media';
	/** @type {Fault} */
	const fault = { kind, times: Infinity, route: null, method: null, spec: '' };
	if (/^\d{3}$/.test(kind)) {
		const status = Number(kind);
		if (status < 400 || status > 599) throw new Error(`fault "${kind}": a status fault must be 400-599`);
		fault.status = status;
	} else if (!KINDS.has(kind)) {
		throw new Error(`unknown fault kind "${kind}" (use 429, 5xx, reset, truncate, timeout, empty-media)`);
	}
	if (fields.times !== undefined) {
		if (!/^\d+$/.test(fields.times)) throw new Error(`fault "${kind}": times must be a whole number`);
		fault.times = Number(fields.times);
	}
	if (fields['retry-after'] !== undefined) fault.retryAfter = fields['retry-after'];
	if (fields.method) fault.method = fields.method.toUpperCase();
	const route = fields.route ?? (kind === 'empty-media' ? MEDIA_CONTENT_ROUTE : undefined);
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

module.exports = { parseFault, FaultList, MEDIA_CONTENT_ROUTE };
