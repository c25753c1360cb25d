// @ts-check
'use strict';
// In-branch verification (IBV) instructions under /idverify/v1/sessions/{id}/instructions…,
// answered in the shapes the official SDKs read:
//   getyoti/yoti-php-sdk src/DocScan/Session/Retrieve/Instructions/InstructionsResponse.php,
//   …/ContactProfileResponse.php, Service.php (getIbvInstructionsPdf, triggerIbvEmailNotification);
//   getyoti/yoti-java-sdk docs/session/instructions/Instructions.java (what PUT sends).
// What a session's instructions are: set through PUT (kept in memory, like created sessions),
// else `instructions-<id>.json` of the sessions folder (a PUT-shaped body). The PDF is
// `instructions-<id>.pdf` when present, else a generated one-page PDF once instructions exist,
// else 204. Expired sessions answer 409 SESSION_EXPIRED, as media do.

const { sendBytes, sendJson, sendNoContent } = require('../respond');
const { parseJsonBytes } = require('../store');
const { minimalPdf } = require('../zip');

const ROUTES = [
	{ name: 'instructions', pattern: /^\/sessions\/([^/]+)\/instructions$/, methods: ['GET', 'PUT'] },
	{ name: 'instructionsPdf', pattern: /^\/sessions\/([^/]+)\/instructions\/pdf$/, methods: ['GET'] },
	{ name: 'contactProfile', pattern: /^\/sessions\/([^/]+)\/instructions\/contact-profile$/, methods: ['GET'] },
	{ name: 'instructionsEmail', pattern: /^\/sessions\/([^/]+)\/instructions\/email$/, methods: ['POST'] },
];

const SUPPORT = new Set(['MANDATORY', 'NOT_ALLOWED']);

/** @param {unknown} v */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** In-memory IBV state over a Store: instructions set through PUT, e-mails sent. */
class InstructionsStore {
	/** @param {any} store */
	constructor(store) {
		this.store = store;
		/** @type {Map<string, any>} */
		this.set = new Map();
		/** @type {Array<{ session_id: string, email: string }>} */
		this.emails = [];
	}

	reset() {
		this.set.clear();
		this.emails.splice(0, this.emails.length);
	}

	/** The PUT-shaped instructions of a session, or null. @param {string} id */
	get(id) {
		if (this.set.has(id)) return this.set.get(id);
		const bytes = this.store.readFirst(`instructions-${id}.json`);
		const parsed = bytes ? parseJsonBytes(bytes) : undefined;
		return isObject(parsed) ? parsed : null;
	}

	/** @param {string} id @param {any} body */
	put(id, body) {
		this.set.set(id, body);
	}

	/** @param {string} id @returns {Buffer | null} */
	pdf(id) {
		const stored = this.set.has(id) ? null : this.store.readFirst(`instructions-${id}.pdf`);
		if (stored) return stored;
		const instructions = this.get(id);
		if (!instructions) return null;
		const branch = isObject(instructions.branch) ? instructions.branch : {};
		const documents = Array.isArray(instructions.documents) ? instructions.documents : [];
		const docs = documents.map((/** @type {any} */ d) => (d && d.document && d.document.document_type) || 'document').join(', ');
		return minimalPdf(`Yoti in-branch instructions for session ${id}: bring ${docs || 'your documents'} to ${branch.name || 'a branch'}`);
	}
}

/**
 * The GET …/instructions answer: `contact_profile_exists` instead of the profile itself.
 * @param {any} instructions
 */
function instructionsResponse(instructions) {
	/** @type {Record<string, unknown>} */
	const body = { contact_profile_exists: Boolean(instructions && isObject(instructions.contact_profile)) };
	if (instructions && Array.isArray(instructions.documents)) body.documents = instructions.documents;
	if (instructions && isObject(instructions.branch)) body.branch = instructions.branch;
	return body;
}

/**
 * Errors in Yoti's `errors[{property, message}]` shape for a PUT …/instructions body.
 * @param {unknown} body
 */
function validateInstructions(body) {
	/** @type {Array<{ property: string, message: string }>} */
	const errors = [];
	const fail = (/** @type {string} */ property, /** @type {string} */ message) => errors.push({ property, message });
	if (!isObject(body)) {
		fail('', 'must be a JSON object');
		return errors;
	}
	const b = /** @type {Record<string, any>} */ (body);
	if (b.contact_profile !== undefined) {
		if (!isObject(b.contact_profile)) fail('contact_profile', 'must be an object');
		else {
			for (const key of ['first_name', 'last_name', 'email']) {
				if (b.contact_profile[key] !== undefined && typeof b.contact_profile[key] !== 'string') fail(`contact_profile.${key}`, 'must be a string');
			}
		}
	}
	if (b.documents !== undefined) {
		if (!Array.isArray(b.documents)) fail('documents', 'must be an array');
		else {
			b.documents.forEach((/** @type {any} */ d, /** @type {number} */ i) => {
				if (!isObject(d) || typeof d.requirement_id !== 'string') fail(`documents[${i}].requirement_id`, 'must be a string');
				if (!isObject(d) || !isObject(d.document) || typeof d.document.type !== 'string') fail(`documents[${i}].document.type`, 'must be a string');
			});
		}
	}
	if (b.branch !== undefined) {
		if (!isObject(b.branch) || typeof b.branch.type !== 'string') fail('branch.type', 'must be a string');
		else if (b.branch.location !== undefined) {
			const l = b.branch.location;
			if (!isObject(l) || typeof l.latitude !== 'number' || typeof l.longitude !== 'number') fail('branch.location', 'must have numeric latitude and longitude');
		}
	}
	return errors;
}

/**
 * `ibv_options` of a create-session body, as the Java SDK's IbvOptions / UserPrice serialise it.
 * @param {unknown} options
 */
function validateIbvOptions(options) {
	/** @type {Array<{ property: string, message: string }>} */
	const errors = [];
	if (options === undefined) return errors;
	if (!isObject(options)) return [{ property: 'ibv_options', message: 'must be an object' }];
	const o = /** @type {Record<string, any>} */ (options);
	if (!SUPPORT.has(o.support)) errors.push({ property: 'ibv_options.support', message: 'must be MANDATORY or NOT_ALLOWED' });
	if (o.guidance_url !== undefined && typeof o.guidance_url !== 'string') errors.push({ property: 'ibv_options.guidance_url', message: 'must be a string' });
	if (o.user_price !== undefined) {
		const p = o.user_price;
		if (!isObject(p) || typeof p.amount !== 'string') errors.push({ property: 'ibv_options.user_price.amount', message: 'must be a string' });
		if (!isObject(p) || typeof p.currency !== 'string') errors.push({ property: 'ibv_options.user_price.currency', message: 'must be a string' });
	}
	return errors;
}

/**
 * Required resources of a created session follow its IBV support: MANDATORY → the branch
 * only (the seed's `{type: IBV, allowed_providers: [UK_POST_OFFICE]}`), otherwise the app.
 * @param {any} configuration @param {any} ibvOptions
 */
function applyIbvToConfiguration(configuration, ibvOptions) {
	if (!isObject(ibvOptions) || ibvOptions.support !== 'MANDATORY') return configuration;
	for (const resource of configuration.capture.required_resources) {
		resource.allowed_sources = [{ type: 'IBV', allowed_providers: ['UK_POST_OFFICE'] }];
	}
	return configuration;
}

/**
 * Handles a verified request on an instructions route; false when the path is not one.
 * @param {any} state @param {import('./idv').IdvContext} ctx @param {string} relPath
 * @param {import('http').ServerResponse} res
 */
function handleInstructions(state, ctx, relPath, res) {
	const route = ROUTES.find((r) => r.pattern.test(relPath));
	if (!route) return false;
	const segment = /** @type {RegExpExecArray} */ (route.pattern.exec(relPath))[1];
	let sessionId = segment;
	try {
		sessionId = decodeURIComponent(segment);
	} catch {
		// a malformed escape stays as sent; the store then finds no such session
	}
	const found = state.store.getSession(sessionId);
	if (!found) {
		sendJson(res, 404, { code: 'NOT_FOUND', message: 'Session not found' }, {}, ctx);
		return true;
	}
	if (found.session && found.session.state === 'EXPIRED') {
		sendJson(res, 409, { code: 'SESSION_EXPIRED', message: 'The session has expired; its instructions are no longer available' }, {}, ctx);
		return true;
	}
	/** @type {InstructionsStore} */
	const ibv = state.instructions;
	const instructions = ibv.get(sessionId);
	const profile = instructions && isObject(instructions.contact_profile) ? instructions.contact_profile : null;
	switch (route.name) {
		case 'instructions': {
			if (ctx.method === 'GET') {
				sendJson(res, 200, instructionsResponse(instructions), {}, ctx);
				return true;
			}
			const body = ctx.body.length > 0 ? parseJsonBytes(ctx.body) : undefined;
			if (body === undefined) {
				sendJson(res, 400, { code: 'MALFORMED_REQUEST', message: 'The request body is not valid JSON' }, {}, ctx);
				return true;
			}
			const errors = validateInstructions(body);
			if (errors.length > 0) {
				sendJson(res, 400, { code: 'PAYLOAD_VALIDATION', message: 'There were errors validating the payload', errors }, {}, ctx);
				return true;
			}
			ibv.put(sessionId, body);
			sendNoContent(res, ctx);
			return true;
		}
		case 'contactProfile':
			if (!profile) sendJson(res, 404, { code: 'NOT_FOUND', message: 'No contact profile has been set for this session' }, {}, ctx);
			else sendJson(res, 200, profile, {}, ctx);
			return true;
		case 'instructionsPdf': {
			const pdf = ibv.pdf(sessionId);
			if (!pdf || pdf.length === 0 || ctx.emptyMedia) sendNoContent(res, ctx);
			else sendBytes(res, 200, { 'Content-Type': 'application/pdf' }, pdf, ctx);
			return true;
		}
		case 'instructionsEmail':
			if (!profile || typeof profile.email !== 'string') {
				sendJson(res, 404, { code: 'NOT_FOUND', message: 'No contact profile e-mail has been set for this session' }, {}, ctx);
				return true;
			}
			ibv.emails.push({ session_id: sessionId, email: profile.email });
			sendNoContent(res, ctx);
			return true;
		default:
			return false;
	}
}

module.exports = { ROUTES, InstructionsStore, handleInstructions, validateIbvOptions, applyIbvToConfiguration, instructionsResponse };
