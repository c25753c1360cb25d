// @ts-check
'use strict';
// The local Yoti simulator: IDV (/idverify/v1, signed requests), Yoti Sign (/v2, Bearer key),
// fault injection and an unsigned admin API (/__admin). See README.md.

const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { verifyYotiRequest, stringToSign, DEFAULT_WINDOW_MS } = require('./verify');
const { FaultList, parseFault } = require('./faults');
const { Store } = require('./store');
const { InstructionsStore } = require('./routes/instructions');
const { handleIdv } = require('./routes/idv');
const { handleSign } = require('./routes/sign');
const { AGE_BASE, AI_BASE, handleAgeVerification, handleAi, handleAgeAdmin } = require('./routes/age');
const { EnvelopeStore, handleEnvelopes, handleEnvelopeAdmin, isEnvelopeRoute } = require('./routes/envelopes');
const { handleAdmin, deliverNotification } = require('./routes/admin');
const { createJourney } = require('./journey');
const { handleJourneyAdmin } = require('./routes/journey');
const { sendBytes, sendJson } = require('./respond');

const DATA_DIR = path.join(__dirname, 'data');
const KEYS_DIR = path.join(__dirname, 'demo-keys');
const IDV_BASE = '/idverify/v1';
const SIGN_BASE = '/v2';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_LOGGED_REQUESTS = 10000;

/** Bundled, TEST-ONLY demo identity. Never use these anywhere real. */
const DEMO = {
	sdkId: 'de30de30-0000-4000-8000-000000000001',
	privateKeyPath: path.join(KEYS_DIR, 'demo-private-key.pem'),
	publicKeyPath: path.join(KEYS_DIR, 'demo-public-key.pem'),
	signApiKey: 'demo-sign-api-key-TEST-ONLY',
	sessionsDir: DATA_DIR,
	/** @returns {string} */
	get privateKey() {
		return fs.readFileSync(DEMO.privateKeyPath, 'utf8');
	},
	/** @returns {string} */
	get publicKey() {
		return fs.readFileSync(DEMO.publicKeyPath, 'utf8');
	},
};

const STATUS_FAULT_BODIES = {
	429: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests' },
	500: { code: 'INTERNAL_SERVER_ERROR', message: 'An unexpected error occurred' },
	502: { code: 'BAD_GATEWAY', message: 'Bad gateway' },
	503: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' },
	504: { code: 'GATEWAY_TIMEOUT', message: 'Gateway timeout' },
};

/**
 * What a proxy or a server that is not Yoti answers (status faults with `body=`).
 * @param {number} status @param {string} kind html | text | json | empty @param {string} pathname
 * @returns {{ headers: Record<string, string>, body: Buffer }}
 */
function foreignAnswer(status, kind, pathname) {
	const reason = http.STATUS_CODES[status] || 'Unknown';
	switch (kind) {
		case 'html':
			return {
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
				body: Buffer.from(
					`<!DOCTYPE html><html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>simulated proxy</center></body></html>`,
					'utf8',
				),
			};
		case 'text':
			return { headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${status} ${reason}`, 'utf8') };
		case 'json':
			// A generic gateway's or framework's error shape: JSON, but not Yoti's {code, message, errors[]}.
			return {
				headers: { 'Content-Type': 'application/json' },
				body: Buffer.from(JSON.stringify({ timestamp: '2026-12-04T00:00:00.000Z', status, error: reason, path: pathname }), 'utf8'),
			};
		default:
			return { headers: {}, body: Buffer.alloc(0) };
	}
}

/**
 * @typedef {{ port?: number, host?: string, sdkId?: string, publicKey?: string,
 *   sessionsDir?: string | string[], latencyMs?: number, faults?: Array<string | Record<string, unknown>>,
 *   signApiKey?: string, timestampWindowMs?: number, log?: boolean | ((line: string) => void) }} SimulatorOptions
 */

/** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('request body too large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Starts a simulator. Resolves once it listens.
 * @param {SimulatorOptions} [opts]
 */
async function startSimulator(opts = {}) {
	const host = opts.host || '127.0.0.1';
	const sdkId = opts.sdkId || DEMO.sdkId;
	const publicKey = crypto.createPublicKey(opts.publicKey || DEMO.publicKey);
	const signApiKey = opts.signApiKey || DEMO.signApiKey;
	const windowMs = opts.timestampWindowMs ?? DEFAULT_WINDOW_MS;
	const latencyMs = Math.max(0, Number(opts.latencyMs) || 0);
	const dirs = opts.sessionsDir ? [opts.sessionsDir].flat() : [DATA_DIR];
	const logLine =
		typeof opts.log === 'function' ? opts.log : opts.log ? (/** @type {string} */ l) => process.stderr.write(`${l}\n`) : null;

	const store = new Store(dirs);
	const faults = new FaultList();
	faults.set(opts.faults || []);
	/** @type {Set<string>} */
	const seenNonces = new Set();
	/** @type {Array<{ method: string, path: string, status: number, fault?: string }>} */
	const requests = [];
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	let closed = false;
	/** Yoti requests being handled now, and the most there ever were at once (admin calls not counted). */
	const load = { inFlight: 0, maxInFlight: 0 };

	const state = {
		sdkId,
		publicKey,
		signApiKey,
		windowMs,
		store,
		instructions: new InstructionsStore(store),
		envelopes: new EnvelopeStore(),
		faults,
		seenNonces,
		requests,
		load,
		/** @param {object} payload */
		notify: (payload) => deliverNotification(state, payload),
		reset() {
			seenNonces.clear();
			store.reset();
			state.instructions.reset();
			state.envelopes.reset();
		},
	};

	const journey = createJourney(state);

	/** @param {{ method: string, path: string, status: number, fault?: string }} entry */
	function record(entry) {
		requests.push(entry);
		if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
		if (logLine) logLine(`${entry.method} ${entry.path} -> ${entry.status || 'no answer'}${entry.fault ? ` [fault ${entry.fault}]` : ''}`);
	}

	/** @param {number} ms */
	function sleep(ms) {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve(undefined);
			}, ms);
			timers.add(t);
		});
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function handle(req, res) {
		const method = (req.method || 'GET').toUpperCase();
		const rawUrl = req.url || '/';
		const pathname = rawUrl.split('?')[0];
		let body;
		try {
			body = await readBody(req);
		} catch {
			return sendJson(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' });
		}

		if (pathname === '/__admin/envelopes' || pathname.startsWith('/__admin/envelopes/')) {
			return handleEnvelopeAdmin(state, { method, pathname, body }, res);
		}
		if (pathname.startsWith('/__admin/age/')) return handleAgeAdmin(state, { method, pathname, body }, res);
		if (await handleJourneyAdmin(journey, { method, pathname, body }, res)) return;
		if (pathname === '/__admin' || pathname.startsWith('/__admin/')) {
			return handleAdmin(state, { method, pathname, body }, res);
		}

		load.inFlight += 1;
		load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
		res.once('close', () => {
			load.inFlight -= 1;
		});

		/** @type {{ method: string, rawUrl: string, pathname: string, body: Buffer, headers: http.IncomingHttpHeaders,
		 *   truncate: boolean, emptyMedia: boolean, fault: string, dropAnswer?: boolean, garbage?: boolean, accept?: boolean,
		 *   drip?: { intervalMs: number }, largeBody?: { bytes: number, chunked: boolean }, sleep: (ms: number) => Promise<unknown> }} */
		const ctx = { method, rawUrl, pathname, body, headers: req.headers, truncate: false, emptyMedia: false, fault: '', sleep };
		let recorded = false;
		const recordOnce = (/** @type {number} */ status) => {
			if (recorded) return;
			recorded = true;
			record({ method, path: pathname, status, ...(ctx.fault ? { fault: ctx.fault } : {}) });
		};
		// 'finish' = the whole answer was handed to the socket (logged before the client can
		// read it); 'close' covers reset and truncated answers; status 0 = no headers were sent
		res.on('finish', () => recordOnce(res.statusCode));
		res.on('close', () => recordOnce(res.headersSent ? res.statusCode : 0));

		if (latencyMs > 0) await sleep(latencyMs);
		if (closed) return;

		const fault = faults.take(method, pathname);
		if (fault) {
			ctx.fault = fault.spec;
			if (fault.kind === 'reset') {
				req.socket.destroy();
				return;
			}
			if (fault.kind === 'timeout') {
				recordOnce(0);
				return; // never answered; the socket is destroyed by close()
			}
			if (fault.kind === 'truncate') ctx.truncate = true;
			if (fault.kind === 'empty-media') ctx.emptyMedia = true;
			if (fault.kind === 'drop-after') ctx.dropAnswer = true;
			if (fault.kind === 'garbage-body') ctx.garbage = true;
			if (fault.kind === 'accept') ctx.accept = true;
			if (fault.kind === 'drip') ctx.drip = { intervalMs: fault.intervalMs ?? 200 };
			if (fault.kind === 'large-body') ctx.largeBody = { bytes: fault.bytes ?? 0, chunked: fault.chunked === true };
			if (fault.status && fault.body) {
				const foreign = foreignAnswer(fault.status, fault.body, pathname);
				return sendBytes(res, fault.status, foreign.headers, foreign.body);
			}
			if (fault.status) {
				/** @type {Record<string, string>} */
				const headers = {};
				if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
				const errorBody = STATUS_FAULT_BODIES[/** @type {keyof typeof STATUS_FAULT_BODIES} */ (fault.status)] || {
					code: 'SIMULATED_FAULT',
					message: `Simulated HTTP ${fault.status}`,
				};
				return sendJson(res, fault.status, errorBody, headers, ctx);
			}
		}

		if (pathname.startsWith(`${AGE_BASE}/`)) return handleAgeVerification(state, ctx, res);
		if (pathname.startsWith(`${AI_BASE}/`)) return handleAi(state, ctx, res);
		if (pathname === IDV_BASE || pathname.startsWith(`${IDV_BASE}/`)) {
			return handleIdv(state, { ...ctx, rel: rawUrl.slice(IDV_BASE.length) }, res);
		}
		if (pathname.startsWith(`${SIGN_BASE}/`) && isEnvelopeRoute(pathname.slice(SIGN_BASE.length))) {
			return handleEnvelopes(state, { ...ctx, rel: rawUrl.slice(SIGN_BASE.length) }, res);
		}
		if (pathname.startsWith(`${SIGN_BASE}/`)) {
			return handleSign(state, { ...ctx, rel: pathname.slice(SIGN_BASE.length) }, res);
		}
		return sendJson(res, 404, { code: 'NOT_FOUND', message: `No route for ${method} ${pathname}` }, {}, ctx);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) {
				sendJson(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: `Simulator error: ${err && err.message}` });
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const port = address.port;
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const url = `http://${urlHost}:${port}`;

	return {
		url,
		port,
		idvBaseUrl: `${url}${IDV_BASE}`,
		signBaseUrl: `${url}${SIGN_BASE}`,
		sdkId,
		signApiKey,
		requests,
		/** @param {Array<string | Record<string, unknown>>} specs */
		setFaults: (specs) => faults.set(specs),
		clearFaults: () => faults.clear(),
		/** @param {{ session_id: string, topic: string, check_id?: string, task_id?: string, resource_id?: string, endpoint?: string, auth_token?: string, auth_type?: string }} payload */
		notify: (payload) => state.notify(payload),
		reset: () => state.reset(),
		/** Yoti requests being handled right now (admin calls not counted). */
		inFlight: () => load.inFlight,
		/** The most Yoti requests handled at once since start or `resetMaxInFlight()`. */
		maxInFlight: () => load.maxInFlight,
		resetMaxInFlight: () => {
			load.maxInFlight = load.inFlight;
		},
		/** How many sessions POST /sessions has created since start or the last reset. */
		createdSessionCount: () => store.created.size,
		/** IBV e-mails sent through POST …/instructions/email: [{ session_id, email }] */
		instructionEmails: state.instructions.emails,
		/** The body a session was created with (POST /sessions), or undefined. @param {string} id */
		createdSpec: (id) => (store.created.get(id) || {}).spec,
		/** The simulator playing the person (journey.js): finish(id, outcome, { notify, person, state }), notify(id), sessions(), setState(id, state). */
		journey,
		/** Yoti Sign envelopes (routes/envelopes.js): sign(id), notify(id, topic), get(id), reminders, deliveries, … */
		envelopes: state.envelopes,
		/** @returns {Promise<void>} */
		close() {
			closed = true;
			for (const t of timers) clearTimeout(t);
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
	};
}

module.exports = { startSimulator, verifyYotiRequest, stringToSign, parseFault, DEMO, IDV_BASE, SIGN_BASE };
