// @ts-check
'use strict';
// Yoti Age Verification Service (/age/api/v1: Bearer API key + Yoti-SDK-Id) and Yoti AI services
// (/ai/v1: signed like IDV, app named by X-Yoti-Auth-Id), plus their admin calls under
// /__admin/age (not Yoti's). Wire facts: ../shared/reference/yoti-age.md. See ../README.md.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { sendJson, sendBytes } = require('../respond');
const { post } = require('../notify');
const { stringToSign, DEFAULT_WINDOW_MS } = require('../verify');

const AGE_BASE = '/age/api/v1';
const AI_BASE = '/ai/v1';
const AGE_DATA_DIR = path.join(__dirname, '..', 'data', 'age');
const KEYS_DIR = path.join(__dirname, '..', 'demo-keys');
/** TEST-ONLY: the Age Verification API key the simulator accepts. */
const DEMO_AGE_API_KEY = 'demo-age-api-key-TEST-ONLY';
/** TEST-ONLY key pair the simulator signs age notifications with (tests inject the public half). */
const AGE_NOTIFICATION_PRIVATE_KEY_PATH = path.join(KEYS_DIR, 'age-notification-private-key.pem');
const AGE_NOTIFICATION_PUBLIC_KEY_PATH = path.join(KEYS_DIR, 'age-notification-public-key.pem');
const METHODS = ['age_estimation', 'digital_id', 'doc_scan', 'credit_card', 'mobile'];
const RESULT_METHODS = [...METHODS, 'login', 'age_key', 'la_wallet', 'social_security_number', 'us_florida_hb3', 'double_anonymity', 'electronic_id'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IMAGE_MIN_BYTES = 50000;
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The age part of the simulator's state, made on first use.
 * @param {any} state
 */
function ageState(state) {
	if (!state.age) {
		state.age = {
			apiKey: DEMO_AGE_API_KEY,
			/** @type {Map<string, any>} sessions created by POST /sessions */
			sessions: new Map(),
			/** @type {Map<string, any>} canned sessions changed by /__admin/age/.../finish */
			overrides: new Map(),
			notificationKey: crypto.createPrivateKey(fs.readFileSync(AGE_NOTIFICATION_PRIVATE_KEY_PATH, 'utf8')),
			/** @type {Set<string>} */
			aiNonces: new Set(),
			/** @type {Array<{ path: string, bytes: number, device: unknown, img_validation_level: unknown }>} */
			aiRequests: [],
			/** @type {any[]} every notification sent: { endpoint, body, status } */
			notifications: [],
		};
	}
	return state.age;
}

/** @param {Buffer} body @returns {any} */
function parseJson(body) {
	try {
		return JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
	} catch {
		return undefined;
	}
}

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {import('http').ServerResponse} res @param {number} status @param {string} code @param {string} message @param {any} [ctx] */
function ageError(res, status, code, message, ctx) {
	return sendJson(res, status, { error_code: code, error_message: message }, {}, ctx);
}

/** @param {string} dir @param {string} id */
function readCanned(dir, id) {
	if (!UUID.test(id)) return undefined;
	const file = path.join(dir, `${id.toLowerCase()}.json`);
	if (!fs.existsSync(file)) return undefined;
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The result object of a created session, as GET /result returns it.
 * @param {any} session
 */
function resultOf(session) {
	const body = session.body;
	/** @type {Record<string, any>} */
	const result = {
		sdk_id: session.sdkId,
		account_id: '',
		callback_url: isObject(body.callback) ? body.callback.url || '' : body.callback_url || '',
		callback: isObject(body.callback) ? body.callback : { url: '', auto: false },
		notification_url: body.notification_url || '',
		cancel_url: body.cancel_url || '',
		type: body.type || 'OVER',
	};
	for (const method of RESULT_METHODS) {
		const given = isObject(body[method]) ? body[method] : {};
		const used = session.attempts[method] || 0;
		const limit = typeof given.retry_limit === 'number' ? given.retry_limit : 1;
		result[method] = {
			threshold: typeof given.threshold === 'number' ? given.threshold : 0,
			allowed: given.allowed === true,
			level: typeof given.level === 'string' ? given.level : '',
			authenticity: typeof given.authenticity === 'string' ? given.authenticity : '',
			attempts: used,
			attempts_remaining: given.allowed === true ? Math.max(0, limit - used) : 0,
		};
	}
	if (session.age !== undefined) result.age = session.age;
	result.status = session.status;
	if (session.method !== undefined) result.method = session.method;
	result.reference_id = body.reference_id || '';
	result.created_at = session.createdAt;
	result.expires_at = session.expiresAt;
	result.updated_at = session.updatedAt;
	result.id = session.id;
	if (session.evidenceId !== undefined) result.evidence_id = session.evidenceId;
	Object.assign(result, {
		biometric_consent_required: false,
		rule_id: body.rule_id || '',
		retry_enabled: body.retry_enabled === true,
		resume_enabled: body.resume_enabled === true,
		blocked_locations: [],
		biometric_consent_given_at: '',
		terminal_id: '',
		synchronous_checks: body.synchronous_checks === true,
	});
	return result;
}

/** @param {any} body @returns {string | undefined} why Yoti would refuse it */
function sessionProblem(body) {
	if (!isObject(body)) return 'the body must be a JSON object';
	const type = body.type === undefined ? 'OVER' : body.type;
	if (!['OVER', 'UNDER', 'AGE'].includes(type)) return `type must be OVER, UNDER or AGE`;
	if (body.ttl !== undefined && (!Number.isInteger(body.ttl) || body.ttl < 60 || body.ttl > 2592000)) return 'ttl must be 60 to 2592000 seconds';
	const allowed = METHODS.filter((m) => isObject(body[m]) && body[m].allowed !== false);
	if (allowed.length === 0 && !(isObject(body.login) && body.login.allowed === true)) return 'invalid validation methods: none allowed';
	for (const m of allowed) {
		const t = body[m].threshold;
		if (type !== 'AGE' && t !== undefined && (!Number.isInteger(t) || t < 1 || t > 150)) return `${m}.threshold must be a whole number of years`;
	}
	for (const field of ['notification_url', 'cancel_url', 'callback_url']) {
		if (body[field] !== undefined && !/^https?:\/\//.test(String(body[field]))) return `${field} must be a URL`;
	}
	return undefined;
}

/**
 * @param {any} state
 * @param {any} ctx the request: { method, rawUrl, pathname, body, headers } plus the fault flags respond.js reads
 * @param {import('http').ServerResponse} res
 */
function handleAgeVerification(state, ctx, res) {
	const age = ageState(state);
	const rel = ctx.pathname.slice(AGE_BASE.length);
	const isCreate = rel === '/sessions' || rel === '/sessions/';
	const resultMatch = /^\/sessions\/([^/]+)\/result\/?$/.exec(rel);
	if (!isCreate && !resultMatch) return ageError(res, 404, 'NOT_FOUND', `No route for ${ctx.method} ${ctx.pathname}`, ctx);
	if (isCreate && ctx.method !== 'POST') return ageError(res, 405, 'METHOD_NOT_ALLOWED', 'POST only', ctx);
	if (resultMatch && ctx.method !== 'GET') return ageError(res, 405, 'METHOD_NOT_ALLOWED', 'GET only', ctx);
	// Yoti: 401 missing or unknown SDK ID, 403 incorrect API key (checked before the body).
	const sdkId = ctx.headers['yoti-sdk-id'];
	if (typeof sdkId !== 'string' || sdkId !== state.sdkId) return ageError(res, 401, 'UNAUTHORIZED', 'Missing or unknown SDK ID', ctx);
	const authorization = ctx.headers.authorization;
	if (typeof authorization !== 'string' || authorization.trim() !== `Bearer ${age.apiKey}`) {
		return ageError(res, 403, 'FORBIDDEN', 'Incorrect API key', ctx);
	}
	if (isCreate) {
		const body = parseJson(ctx.body);
		// The `accept` fault: a lenient server that creates whatever it is sent.
		const problem = ctx.accept && isObject(body) ? undefined : sessionProblem(body);
		if (problem) return ageError(res, 400, 'INVALID_REQUEST', problem, ctx);
		const now = new Date();
		const ttl = typeof body.ttl === 'number' ? body.ttl : 900;
		const session = {
			id: crypto.randomUUID(),
			sdkId,
			body: { type: 'OVER', ...body },
			status: 'PENDING',
			createdAt: now.toISOString(),
			updatedAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
			/** @type {Record<string, number>} */
			attempts: {},
			sequence: 0,
		};
		age.sessions.set(session.id, session);
		return sendJson(res, 200, { id: session.id, status: 'PENDING', expires_at: session.expiresAt }, {}, ctx);
	}
	const id = decodeURIComponent(/** @type {RegExpExecArray} */ (resultMatch)[1]).toLowerCase();
	const created = age.sessions.get(id);
	if (created) return sendJson(res, 200, resultOf(created), {}, ctx);
	const canned = age.overrides.get(id) || readCanned(AGE_DATA_DIR, id);
	if (canned) return sendBytes(res, 200, { 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(canned), 'utf8'), ctx);
	return ageError(res, 404, 'SESSION_NOT_FOUND', 'Session not found', ctx);
}

// ---------------------------------------------------------------------------------------------
// AI services

/** @param {import('http').ServerResponse} res @param {number} status @param {string} code @param {string} [shape] @param {any} [ctx] */
function aiError(res, status, code, shape, ctx) {
	const message = `Simulated ${code}`;
	const body = shape === 'code' ? { code, message } : shape === 'error' ? { error: code } : { error_code: code, error_message: message };
	return sendJson(res, status, body, {}, ctx);
}

/**
 * The answer a test image asks for: `yoti-sim:key=value;key=value` anywhere in its bytes (e.g. a
 * PNG tEXt chunk), each pair ending with ';'. Keys: age, st_dev, prediction, error (a Yoti code), status, shape.
 * @param {Buffer} image @returns {Record<string, string>}
 */
function imageDirectives(image) {
	const text = image.toString('latin1');
	const at = text.indexOf('yoti-sim:');
	if (at === -1) return {};
	const match = /^yoti-sim:([A-Za-z0-9_=.;-]*)/.exec(text.slice(at));
	/** @type {Record<string, string>} */
	const directives = {};
	// Each directive ends with ';': what follows the last one (a PNG chunk's CRC bytes) is not part of it.
	const pairs = (match ? match[1] : '').split(';');
	pairs.pop();
	for (const pair of pairs) {
		const [key, value] = pair.split('=');
		if (key && value !== undefined) directives[key] = value;
	}
	return directives;
}

/** @param {Buffer} bytes */
function imageFormat(bytes) {
	if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	return undefined;
}

const AI_ERROR_STATUS = /** @type {Record<string, number>} */ ({ SERVICE_UNAVAILABLE: 503, FAIL_PREDICTION: 500, UNSPECIFIED_ERROR: 500, PAYLOAD_TOO_LARGE: 413 });

/**
 * @param {any} state
 * @param {any} ctx the request: { method, rawUrl, pathname, body, headers } plus the fault flags respond.js reads
 * @param {import('http').ServerResponse} res
 */
function handleAi(state, ctx, res) {
	const age = ageState(state);
	const relWithQuery = ctx.rawUrl.slice(AI_BASE.length);
	const rel = ctx.pathname.slice(AI_BASE.length);
	const endpoints = ['/age', '/age-antispoofing', '/antispoofing'];
	if (!endpoints.includes(rel)) return aiError(res, 404, 'INVALID_ENDPOINT', undefined, ctx);
	if (ctx.method !== 'POST') return aiError(res, 404, 'INVALID_ENDPOINT', undefined, ctx);
	const authId = ctx.headers['x-yoti-auth-id'];
	if (typeof authId !== 'string' || !UUID.test(authId)) return aiError(res, 401, 'INVALID_X_YOTI_AUTH_ID', undefined, ctx);
	if (authId !== state.sdkId) return aiError(res, 404, 'APP_NOT_FOUND', undefined, ctx);
	const query = new URL(`http://x${ctx.rawUrl}`).searchParams;
	const nonce = query.get('nonce');
	if (!nonce || !UUID.test(nonce) || age.aiNonces.has(nonce)) return aiError(res, 401, 'INVALID_NONCE', undefined, ctx);
	const timestamp = Number(query.get('timestamp'));
	if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > (state.windowMs || DEFAULT_WINDOW_MS)) {
		return aiError(res, 401, 'INVALID_TIMESTAMP', undefined, ctx);
	}
	const digest = ctx.headers['x-yoti-auth-digest'];
	let verified = false;
	try {
		verified =
			typeof digest === 'string' &&
			crypto.createVerify('RSA-SHA256').update(stringToSign(ctx.method, relWithQuery, ctx.body), 'utf8').verify(state.publicKey, Buffer.from(digest, 'base64'));
	} catch {
		verified = false;
	}
	if (!verified) return aiError(res, 401, 'INVALID_YOTI_AUTH_DIGEST', undefined, ctx);
	age.aiNonces.add(nonce);

	const body = parseJson(ctx.body);
	if (!isObject(body)) return aiError(res, 400, 'INVALID_REQUEST_BODY', undefined, ctx);
	if (body.metadata !== undefined && (!isObject(body.metadata) || !['mobile', 'laptop', 'unknown'].includes(body.metadata.device))) {
		return aiError(res, 404, 'INVALID_METADATA_DEVICE', undefined, ctx);
	}
	if (body.img_validation_level !== undefined && (rel !== '/age' || body.img_validation_level !== 'low')) {
		return aiError(res, 400, 'INVALID_REQUEST_BODY', undefined, ctx);
	}
	if (typeof body.img !== 'string' || body.img === '') return aiError(res, 400, 'IMAGE_NOT_PROVIDED', undefined, ctx);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body.img)) return aiError(res, 400, 'INVALID_B64_IMAGE', undefined, ctx);
	const image = Buffer.from(body.img, 'base64');
	age.aiRequests.push({ path: rel, bytes: image.length, device: body.metadata ? body.metadata.device : undefined, img_validation_level: body.img_validation_level });
	if (!imageFormat(image)) return aiError(res, 400, 'UNSUPPORTED_IMAGE_FORMAT', undefined, ctx);
	if (image.length > IMAGE_MAX_BYTES) return aiError(res, 400, 'IMAGE_SIZE_TOO_BIG', undefined, ctx);
	if (image.length < IMAGE_MIN_BYTES) return aiError(res, 400, 'IMAGE_SIZE_TOO_SMALL', undefined, ctx);
	const d = imageDirectives(image);
	if (d.error) return aiError(res, Number(d.status) || AI_ERROR_STATUS[d.error] || 400, d.error, d.shape, ctx);
	const estimate = { age: Number(d.age || 29.4), st_dev: Number(d.st_dev || 2.1) };
	const prediction = d.prediction || 'real';
	if (rel === '/age') return sendJson(res, 200, estimate, {}, ctx);
	if (rel === '/antispoofing') return sendJson(res, 200, { prediction }, {}, ctx);
	return sendJson(res, 200, { antispoofing: { prediction }, age: estimate }, {}, ctx);
}

// ---------------------------------------------------------------------------------------------
// Notifications

/**
 * Yoti's notification body, in the order of Yoti's example, signed as Yoti's page describes:
 * RSA-PSS SHA-256 (salt as long as possible) over the body without sequence_number and
 * signature, serialised compactly with every whitespace character removed.
 * @param {crypto.KeyObject} key @param {Record<string, any>} fields
 */
function signedNotification(key, fields) {
	/** @type {Record<string, any>} */
	const body = {
		method: fields.method ?? 'AGE_ESTIMATION',
		result: fields.state === 'COMPLETE',
		age: fields.age ?? 18,
		session_key: fields.session_key,
		reference_id: fields.reference_id ?? '',
		id: fields.id ?? crypto.randomUUID(),
		timestamp: fields.timestamp ?? Math.floor(Date.now() / 1000),
		notification_url: fields.notification_url ?? '',
		evidence_id: fields.evidence_id ?? crypto.randomUUID(),
		state: fields.state,
		check_type: fields.check_type ?? 'NONE',
		...(fields.error_code ? { error_code: fields.error_code } : {}),
	};
	const signed = JSON.stringify(body).replace(/\s/g, '');
	const signature = crypto
		.sign('sha256', Buffer.from(signed, 'utf8'), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN })
		.toString('base64');
	/** @type {Record<string, any>} */
	const notification = { ...body, sequence_number: fields.sequence_number ?? 1, signature };
	return notification;
}

/** @param {any} age @param {string} endpoint @param {Record<string, any>} body */
async function deliver(age, endpoint, body) {
	try {
		const answer = await post({ endpoint, body });
		age.notifications.push({ endpoint, body, status: answer.status });
		return { delivered: true, status: answer.status, body: answer.body, sent: body };
	} catch (error) {
		age.notifications.push({ endpoint, body, status: 0 });
		return { delivered: false, error: String(error && /** @type {Error} */ (error).message), sent: body };
	}
}

/**
 * /__admin/age: POST sessions/{id}/finish, POST notify, GET public-key, GET ai-requests,
 * GET notifications, POST reset.
 * @param {any} state
 * @param {{ method: string, pathname: string, body: Buffer }} ctx
 * @param {import('http').ServerResponse} res
 */
async function handleAgeAdmin(state, ctx, res) {
	const age = ageState(state);
	const rel = ctx.pathname.slice('/__admin/age'.length);
	const input = ctx.body.length > 0 ? parseJson(ctx.body) : {};
	if (ctx.method === 'GET' && rel === '/public-key') {
		return sendBytes(res, 200, { 'Content-Type': 'application/x-pem-file' }, fs.readFileSync(AGE_NOTIFICATION_PUBLIC_KEY_PATH));
	}
	if (ctx.method === 'GET' && rel === '/ai-requests') return sendJson(res, 200, age.aiRequests);
	if (ctx.method === 'GET' && rel === '/notifications') return sendJson(res, 200, age.notifications);
	if (ctx.method === 'POST' && rel === '/reset') {
		age.sessions.clear();
		age.overrides.clear();
		age.aiNonces.clear();
		age.aiRequests.length = 0;
		age.notifications.length = 0;
		return sendJson(res, 200, { reset: true });
	}
	if (!isObject(input)) return sendJson(res, 400, { error: 'body must be a JSON object' });
	if (ctx.method === 'POST' && rel === '/notify') {
		// Any notification, signed; `tamper: true` changes a signed field after signing.
		if (typeof input.endpoint !== 'string' || typeof input.session_key !== 'string' || typeof input.state !== 'string') {
			return sendJson(res, 400, { error: 'endpoint, session_key and state are required' });
		}
		const body = signedNotification(age.notificationKey, input);
		if (input.tamper === true) body.age = Number(body.age) + 1;
		if (input.unsigned === true) delete body.signature;
		return sendJson(res, 200, await deliver(age, input.endpoint, body));
	}
	const finish = /^\/sessions\/([^/]+)\/finish$/.exec(rel);
	if (ctx.method === 'POST' && finish) {
		const id = decodeURIComponent(finish[1]).toLowerCase();
		const session = age.sessions.get(id);
		if (!session) return sendJson(res, 404, { error: `no created session ${id}` });
		const status = typeof input.status === 'string' ? input.status : 'COMPLETE';
		const body = session.body;
		const allowed = METHODS.filter((m) => isObject(body[m]) && body[m].allowed === true);
		const method = typeof input.method === 'string' ? input.method : (allowed[0] || 'age_estimation').toUpperCase();
		const methodKey = method.toLowerCase();
		const threshold = isObject(body[methodKey]) && typeof body[methodKey].threshold === 'number' ? body[methodKey].threshold : 18;
		session.status = status;
		session.method = method;
		session.age = typeof input.age === 'number' ? input.age : body.type === 'AGE' ? 30 : threshold;
		session.evidenceId = crypto.randomUUID();
		session.attempts[methodKey] = (session.attempts[methodKey] || 0) + 1;
		session.sequence += 1;
		session.updatedAt = new Date().toISOString();
		const endpoint = typeof input.endpoint === 'string' ? input.endpoint : body.notification_url;
		if (input.notify === false || !endpoint || !['COMPLETE', 'FAIL', 'ERROR'].includes(status)) {
			return sendJson(res, 200, { finished: true, delivered: false });
		}
		const notification = signedNotification(age.notificationKey, {
			method,
			age: session.age,
			session_key: session.id,
			reference_id: body.reference_id || '',
			notification_url: body.notification_url || '',
			evidence_id: session.evidenceId,
			state: status,
			check_type: isObject(body[methodKey]) && body[methodKey].level ? body[methodKey].level : 'NONE',
			sequence_number: session.sequence,
		});
		return sendJson(res, 200, { finished: true, ...(await deliver(age, endpoint, notification)) });
	}
	return sendJson(res, 404, { error: `no age admin route ${ctx.method} ${rel}` });
}

module.exports = {
	AGE_BASE,
	AI_BASE,
	DEMO_AGE_API_KEY,
	AGE_NOTIFICATION_PRIVATE_KEY_PATH,
	AGE_NOTIFICATION_PUBLIC_KEY_PATH,
	handleAgeVerification,
	handleAi,
	handleAgeAdmin,
	signedNotification,
};
