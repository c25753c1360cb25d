// @ts-check
'use strict';
// Yoti Sign envelopes under /v2 (Bearer key), as ../shared/reference/yoti-sign-envelopes.md
// describes them, plus the admin calls that make recipients sign and send Sign notifications.
// Spellings the docs disagree on are served both ways, on purpose: GET /envelopes/{id} says
// COMPLETE and /status says COMPLETED; envelope_ready lists recipients as {Token, Email};
// search `offset` is 1-based (the docs; 0 counts as 1); seeded legacy envelopes have
// recipients without `id` and an errored one says FILE_UPLOAD_ERROR.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { sendBytes, sendJson, sendNoContent } = require('../respond');
const { buildZip, minimalPdf } = require('../zip');
const { post } = require('../notify');

const SEED_FILE = path.join(__dirname, '..', 'data', 'envelopes', 'envelopes.json');
const MAX_FILES = 20;
const MAX_TOTAL_BYTES = 15 * 1024 * 1024;
const MAX_TOTAL_BYTES_EMBEDDED = 20 * 1024 * 1024;
const ACCEPTED_TYPES = new Set([
	'application/pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/msword',
]);
const TAG_TYPES = new Set(['signature', 'initials', 'text_field', 'checkbox_field', 'radio_field']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @param {string | undefined} header @param {string} apiKey */
function bearerMatches(header, apiKey) {
	if (typeof header !== 'string') return false;
	const expected = Buffer.from(`Bearer ${apiKey}`, 'utf8');
	const given = Buffer.from(header.trim(), 'utf8');
	return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * Parses a multipart/form-data body. Returns null when it is not one.
 * @param {Buffer} body @param {string | undefined} contentType
 * @returns {Array<{ name: string, fileName?: string, contentType: string, data: Buffer }> | null}
 */
function parseMultipart(body, contentType) {
	const match = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType || '');
	if (!match) return null;
	const delimiter = Buffer.from(`--${match[2]}`, 'latin1');
	/** @type {Array<{ name: string, fileName?: string, contentType: string, data: Buffer }>} */
	const parts = [];
	let start = body.indexOf(delimiter);
	if (start < 0) return null;
	for (;;) {
		const afterDelimiter = start + delimiter.length;
		if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') break;
		const headerStart = afterDelimiter + 2; // CRLF
		const headerEnd = body.indexOf('\r\n\r\n', headerStart, 'latin1');
		if (headerEnd < 0) return null;
		const next = body.indexOf(delimiter, headerEnd + 4);
		if (next < 0) return null;
		const headers = body.subarray(headerStart, headerEnd).toString('utf8');
		const data = body.subarray(headerEnd + 4, next - 2); // minus the CRLF before the delimiter
		const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
		if (!disposition) return null;
		const name = /\bname="([^"]*)"/i.exec(disposition[1]);
		const fileName = /\bfilename="([^"]*)"/i.exec(disposition[1]);
		const type = /content-type:\s*([^\r\n]+)/i.exec(headers);
		parts.push({
			name: name ? name[1] : '',
			...(fileName ? { fileName: fileName[1] } : {}),
			contentType: type ? type[1].trim().toLowerCase() : 'text/plain',
			data: Buffer.from(data),
		});
		start = next;
	}
	return parts;
}

/** Pages of a PDF, read as the node does for uncompressed files; null when not visible. @param {Buffer} bytes */
function pdfPages(bytes) {
	const text = bytes.toString('latin1');
	const count = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/.exec(text);
	if (count) return Number(count[1] || count[2]);
	const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
	return pages ? pages.length : null;
}

class ValidationError extends Error {
	/** @param {number} status @param {string} message @param {Array<{property: string, message: string}>} [errors] */
	constructor(status, message, errors) {
		super(message);
		this.status = status;
		this.errors = errors;
	}
}

/** @param {number} n */
const recipientUuid = (n) => `5191e000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * The envelopes the simulator knows: the seeded ones (data/envelopes/envelopes.json, reloaded on
 * reset) and those created since. Recipients sign through `sign()` (or POST /__admin/envelopes/{id}/sign).
 */
class EnvelopeStore {
	constructor() {
		/** @type {Map<string, any>} */
		this.envelopes = new Map();
		/** Every reminder sent: [{ envelope_id, recipient_id, email }] */
		this.reminders = [];
		/** Every token extension: [{ envelope_id, recipient_tokens }] */
		this.extensions = [];
		/** Every recipient edit: [{ envelope_id, recipient_id, body }] */
		this.edits = [];
		/** Every notification delivery: [{ envelope_id, topic, destination, status?, error?, body }] */
		this.deliveries = [];
		/** How long a created envelope stays QUEUED before it is ACTIVE (or ERRORED). */
		this.processingMs = 20;
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		this.counter = 0;
		this.load();
	}

	load() {
		this.envelopes.clear();
		let seeds = [];
		try {
			seeds = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')).envelopes || [];
		} catch {
			seeds = [];
		}
		for (const seed of seeds) this.envelopes.set(seed.envelope_id, JSON.parse(JSON.stringify({ files: [], ...seed, seeded: true })));
	}

	reset() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.reminders.length = 0;
		this.extensions.length = 0;
		this.edits.length = 0;
		this.deliveries.length = 0;
		this.processingMs = 20;
		this.load();
	}

	/** @param {string} id */
	get(id) {
		return this.envelopes.get(String(id).toLowerCase());
	}

	/** @returns {any[]} envelopes created through the API (not seeds), oldest first */
	created() {
		return [...this.envelopes.values()].filter((e) => !e.seeded);
	}

	/**
	 * Adds `n` ACTIVE envelopes created on `day` (for paging), IDs `e0b0c000-0000-4000-8000-<n, 12 digits>`.
	 * @param {number} n @param {string} [day]
	 */
	addBulk(n, day = '2026-10-01') {
		for (let i = 1; i <= n; i++) {
			const id = `e0b0c000-0000-4000-8000-${String(i).padStart(12, '0')}`;
			this.envelopes.set(id, {
				envelope_id: id,
				name: `Bulk envelope ${i}`,
				status: 'ACTIVE',
				created_at: new Date(Date.parse(`${day}T00:00:00.000Z`) + i * 1000).toISOString(),
				recipients: [],
				files: [],
				seeded: true,
			});
		}
	}

	/**
	 * Signs one recipient: the given one, else the first unsigned signer in sign order. Sends
	 * signer_completion and, once every signer has signed, envelope_completion.
	 * @param {string} envelopeId @param {{ recipient_id?: string, email?: string, at?: string }} [which]
	 */
	async sign(envelopeId, which = {}) {
		const envelope = this.get(envelopeId);
		if (!envelope) throw new ValidationError(404, 'envelope not found');
		if (envelope.status !== 'ACTIVE') throw new ValidationError(409, `envelope is ${envelope.status}, not ACTIVE`);
		const signers = envelope.recipients.filter((/** @type {any} */ r) => r.type === 'SIGNER');
		const recipient = which.recipient_id
			? signers.find((/** @type {any} */ r) => r.id === which.recipient_id)
			: which.email
				? signers.find((/** @type {any} */ r) => r.email === which.email)
				: signers
						.filter((/** @type {any} */ r) => r.sign_status !== 'SIGNED')
						.sort((/** @type {any} */ a, /** @type {any} */ b) => a.sign_group - b.sign_group)[0];
		if (!recipient) throw new ValidationError(404, 'no such unsigned signer');
		if (recipient.sign_status === 'SIGNED') throw new ValidationError(409, 'recipient has already signed');
		recipient.sign_status = 'SIGNED';
		recipient.signed_at = which.at || new Date().toISOString();
		/** @type {any[]} */
		const deliveries = [await this.notify(envelope.envelope_id, 'signer_completion')];
		if (signers.every((/** @type {any} */ r) => r.sign_status === 'SIGNED')) {
			envelope.status = 'COMPLETE';
			envelope.completed_at = new Date().toISOString();
			deliveries.push(await this.notify(envelope.envelope_id, 'envelope_completion'));
		}
		return { envelope_id: envelope.envelope_id, recipient_id: recipient.id, status: envelope.status, deliveries: deliveries.filter(Boolean) };
	}

	/**
	 * The notification body Yoti sends for `topic` (documented shapes; idv_* are not published,
	 * so they carry only envelope_id, subscription_name and recipient_id).
	 * @param {any} envelope @param {string} topic
	 */
	notificationBody(envelope, topic) {
		const base = { envelope_id: envelope.envelope_id, subscription_name: topic };
		switch (topic) {
			case 'envelope_completion':
			case 'signer_completion':
				return {
					...base,
					status: envelope.status === 'COMPLETE' ? 'COMPLETE' : 'ACTIVE',
					platform: { type: 'API' },
					marked_for_deletion: false,
					details: {
						recipients: envelope.recipients.map((/** @type {any} */ r) => ({
							id: r.id,
							sign_status: r.sign_status,
							name: r.name,
							email: r.email,
							auth_type: r.auth_type,
							type: r.type,
							tags: [],
							invitation_email_queued_at: '',
							sign_group_order: r.sign_group,
							role: r.role,
							signed_at: r.signed_at || '',
							ip_address: '127.0.0.1',
							last_email_status: 'SENT',
						})),
						completed_at: envelope.completed_at || '',
						files: envelope.files.map((/** @type {any} */ f) => ({ id: f.id, name: f.name })),
					},
					envelope_name: envelope.name,
				};
			case 'envelope_ready':
			case 'envelope_created':
				return {
					...base,
					recipients: envelope.recipients
						.filter((/** @type {any} */ r) => r.type === 'SIGNER')
						.map((/** @type {any} */ r) => ({ Token: r.token, Email: r.email })),
					envelope_name: envelope.name,
				};
			case 'upload_errors':
				return { ...base, status: 'ERRORED', details: { errors: envelope.errors || [] } };
			default:
				return base;
		}
	}

	/**
	 * Sends `topic` for an envelope to its `notifications.destination` (or `destination`), when
	 * subscribed (or `force`). Resolves the delivery record, or null when nothing was sent.
	 * @param {string} envelopeId @param {string} topic @param {{ destination?: string, force?: boolean, body?: object }} [opts]
	 */
	async notify(envelopeId, topic, opts = {}) {
		const envelope = this.get(envelopeId);
		if (!envelope) throw new ValidationError(404, 'envelope not found');
		const notifications = envelope.notifications || {};
		const destination = opts.destination || notifications.destination;
		const subscribed = Array.isArray(notifications.subscriptions) && notifications.subscriptions.includes(topic);
		if (!destination || (!subscribed && !opts.force && !opts.destination)) return null;
		const body = opts.body || this.notificationBody(envelope, topic);
		/** @type {any} */
		const record = { envelope_id: envelope.envelope_id, topic, destination, body };
		try {
			const answer = await post({ endpoint: destination, body });
			record.status = answer.status;
		} catch (err) {
			record.error = err instanceof Error ? err.message : String(err);
		}
		this.deliveries.push(record);
		return record;
	}

	/** @param {any} envelope */
	schedule(envelope) {
		const t = setTimeout(() => {
			this.timers.delete(t);
			if (envelope.status !== 'QUEUED') return;
			envelope.status = envelope.errors && envelope.errors.length ? 'ERRORED' : 'ACTIVE';
			const topic = envelope.status === 'ERRORED' ? 'upload_errors' : 'envelope_ready';
			this.notify(envelope.envelope_id, topic).catch(() => undefined);
		}, this.processingMs);
		t.unref();
		this.timers.add(t);
	}

	/**
	 * Validates and stores a created envelope (POST /envelopes, /embedded-envelopes).
	 * @param {Array<{ name: string, fileName?: string, contentType: string, data: Buffer }>} parts @param {boolean} embedded
	 */
	create(parts, embedded) {
		const files = parts.filter((p) => p.name === 'file');
		const optionsPart = parts.find((p) => p.name === 'options');
		if (files.length === 0) throw new ValidationError(400, 'at least one file part is required');
		if (files.length > MAX_FILES) throw new ValidationError(422, `at most ${MAX_FILES} files`);
		const total = files.reduce((n, f) => n + f.data.length, 0);
		if (total > (embedded ? MAX_TOTAL_BYTES_EMBEDDED : MAX_TOTAL_BYTES)) throw new ValidationError(413, 'combined file size too large');
		for (const f of files) {
			if (!f.fileName) throw new ValidationError(400, 'file part without a filename');
			if (!ACCEPTED_TYPES.has(f.contentType)) throw new ValidationError(422, `file ${f.fileName}: unsupported content type ${f.contentType}`);
			if (f.contentType === 'application/pdf' && f.data.subarray(0, 5).toString('latin1') !== '%PDF-') {
				throw new ValidationError(422, `file ${f.fileName} is not a PDF`);
			}
		}
		if (!optionsPart) throw new ValidationError(400, 'the options part is required');
		let options;
		try {
			options = JSON.parse(optionsPart.data.toString('utf8'));
		} catch {
			throw new ValidationError(400, 'options is not valid JSON');
		}
		/** @type {Array<{property: string, message: string}>} */
		const errors = [];
		const fail = (/** @type {string} */ property, /** @type {string} */ message) => errors.push({ property, message });
		if (!options || typeof options !== 'object' || Array.isArray(options)) throw new ValidationError(400, 'options must be an object');
		if (typeof options.name !== 'string' || options.name.length < 1 || options.name.length > 125 || /[:*?<>|\\/]/.test(options.name)) fail('name', 'must be 1-125 characters without :*?<>|\\/');
		const recipients = Array.isArray(options.recipients) ? options.recipients : [];
		if (recipients.length === 0) fail('recipients', 'at least one recipient is required');
		const names = new Set(files.map((f) => f.fileName));
		let invitations = false;
		recipients.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
			const p = `recipients[${i}]`;
			const type = r.type || 'SIGNER';
			if (type !== 'SIGNER' && type !== 'CC') fail(`${p}.type`, 'must be SIGNER or CC');
			if (typeof r.name !== 'string' || r.name.length < 1 || r.name.length > 100) fail(`${p}.name`, 'must be 1-100 characters');
			if (typeof r.email !== 'string' || !EMAIL.test(r.email)) fail(`${p}.email`, 'must be an e-mail address');
			if (embedded && !Array.isArray(r.event_notifications)) fail(`${p}.event_notifications`, 'is required for embedded envelopes');
			if (type === 'SIGNER') {
				if (!['no-auth', 'sign-auth', 'idv'].includes(r.auth_type)) fail(`${p}.auth_type`, 'must be no-auth, sign-auth or idv');
				if (r.auth_type === 'idv' && !(r.verification && r.verification.idv && r.verification.idv.session_config_name)) fail(`${p}.verification`, 'idv needs verification.idv.session_config_name');
				if (!Array.isArray(r.event_notifications) || r.event_notifications.includes('signer_invitation')) invitations = true;
				for (const [j, tag] of (Array.isArray(r.tags) ? r.tags : []).entries()) {
					const tp = `${p}.tags[${j}]`;
					if (!TAG_TYPES.has(tag.type)) fail(`${tp}.type`, 'unknown tag type');
					if (!names.has(tag.file_name)) fail(`${tp}.file_name`, 'must equal an uploaded file name');
					for (const axis of ['x', 'y']) if (typeof tag[axis] !== 'number' || tag[axis] < 0 || tag[axis] > 0.949) fail(`${tp}.${axis}`, 'must be 0-0.949');
					if (!Number.isInteger(tag.page_number) || tag.page_number < 1) fail(`${tp}.page_number`, 'must be a page number');
				}
			}
		});
		if (!recipients.some((/** @type {any} */ r) => (r.type || 'SIGNER') === 'SIGNER')) fail('recipients', 'at least one SIGNER is required');
		const message = options.emails && options.emails.invitation && options.emails.invitation.body && options.emails.invitation.body.message;
		if (!embedded && invitations && (typeof message !== 'string' || message.length < 1 || message.length > 600)) {
			fail('emails.invitation.body.message', 'is required (1-600 characters)');
		}
		const notifications = options.notifications;
		if (notifications !== undefined) {
			if (!notifications || typeof notifications.destination !== 'string' || !/^https?:\/\//.test(notifications.destination)) fail('notifications.destination', 'must be a URL');
			if (!notifications || !Array.isArray(notifications.subscriptions)) fail('notifications.subscriptions', 'must be a list');
		}
		if (errors.length) throw new ValidationError(422, 'validation failed', errors);

		// Accepted (202). A tag on a page the file does not have is found while processing:
		// the envelope becomes ERRORED and upload_errors is sent, as Yoti documents.
		const fileRecords = files.map((f) => ({ id: crypto.randomUUID(), name: /** @type {string} */ (f.fileName), contentType: f.contentType, data: f.data, pages: f.contentType === 'application/pdf' ? pdfPages(f.data) : null }));
		/** @type {Array<{file_name: string, code: string}>} */
		const uploadErrors = [];
		for (const r of recipients) {
			for (const tag of Array.isArray(r.tags) ? r.tags : []) {
				const file = fileRecords.find((f) => f.name === tag.file_name);
				if (file && file.pages !== null && tag.page_number > file.pages && !uploadErrors.some((e) => e.file_name === file.name)) {
					uploadErrors.push({ file_name: file.name, code: 'TAG_PAGE_NOT_FOUND' });
				}
			}
		}
		const id = crypto.randomUUID();
		this.counter += 1;
		const envelope = {
			envelope_id: id,
			name: options.name,
			embedded,
			status: 'QUEUED',
			created_at: new Date().toISOString(),
			options,
			files: fileRecords,
			notifications,
			errors: uploadErrors,
			recipients: recipients.map((/** @type {any} */ r, /** @type {number} */ i) => ({
				id: recipientUuid(this.counter * 100 + i + 1),
				type: r.type || 'SIGNER',
				name: r.name,
				email: r.email,
				role: r.role || null,
				auth_type: r.auth_type || 'no-auth',
				sign_group: r.sign_group || 1,
				sign_status: 'UNSIGNED',
				signed_at: null,
				token: crypto.randomUUID(),
			})),
		};
		this.envelopes.set(id, envelope);
		this.schedule(envelope);
		return envelope;
	}
}

/** The GET /envelopes/{id} answer (COMPLETE spelling; recipient `id` omitted for legacy seeds). @param {any} e */
function envelopeView(e) {
	if (e.status === 'ERRORED') {
		return { envelope_id: e.envelope_id, status: e.status_spelling || 'ERRORED', details: { errors: e.errors || [] } };
	}
	/** @type {any} */
	const details = {
		recipients: e.recipients.map((/** @type {any} */ r) => ({
			...(e.legacy ? {} : { id: r.id }),
			sign_status: r.sign_status,
			name: r.name,
			email: r.email,
			auth_type: r.auth_type,
			role: r.role,
			...(r.signed_at ? { signed_at: r.signed_at } : {}),
		})),
	};
	if (e.completed_at) details.completed_at = e.completed_at;
	if (e.archived_at) details.archived_at = e.archived_at;
	return { envelope_id: e.envelope_id, status: e.status, details };
}

/** /status spells completion COMPLETED. @param {any} e */
function statusView(e) {
	if (e.status === 'ERRORED') return { envelope_id: e.envelope_id, status: 'ERRORED', details: { errors: e.errors || [] } };
	return { status: e.status === 'COMPLETE' ? 'COMPLETED' : e.status };
}

/** @param {any} e */
function summaryView(e) {
	return { envelope_id: e.envelope_id, envelope: e.name, status: e.status, created_at: e.created_at };
}

/** @param {any} e */
function completedZip(e) {
	const entries = e.files.map((/** @type {any} */ f) => ({ name: `signed-${f.name}`, data: f.data || minimalPdf(`Signed ${f.name}`) }));
	entries.push({ name: 'coversheet.pdf', data: minimalPdf(`Yoti Sign simulator coversheet for ${e.envelope_id}`) });
	entries.push({ name: 'signature.xml', data: Buffer.from(`<?xml version="1.0"?><signature envelope="${e.envelope_id}"/>`, 'utf8') });
	return buildZip(entries);
}

const ROUTES = {
	create: /^\/(envelopes|embedded-envelopes)\/?$/,
	envelope: /^\/envelopes\/([^/]+)$/,
	status: /^\/envelopes\/([^/]+)\/status$/,
	documents: /^\/envelopes\/([^/]+)\/completed-documents$/,
	reminder: /^\/envelopes\/([^/]+)\/recipients\/([^/]+)\/send-reminder$/,
	recipient: /^\/envelopes\/([^/]+)\/recipients\/([^/]+)$/,
	extend: /^\/envelopes\/([^/]+)\/extend-tokens$/,
	search: /^\/organisations\/envelopes\/search$/,
	find: /^\/organisations\/envelopes\/find$/,
};

/**
 * Whether `rel` (path relative to /v2, query included) is an envelope route.
 * @param {string} rel
 */
function isEnvelopeRoute(rel) {
	const pathname = rel.split('?')[0];
	return Object.values(ROUTES).some((r) => r.test(pathname));
}

/** @param {Buffer} body */
function json(body) {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * @param {any} state
 * @param {{ method: string, rel: string, body: Buffer, headers: import('http').IncomingHttpHeaders } & import('../respond').SendContext} ctx
 * @param {import('http').ServerResponse} res
 */
async function handleEnvelopes(state, ctx, res) {
	/** @type {EnvelopeStore} */
	const store = state.envelopes;
	const [pathname, query = ''] = ctx.rel.split(/\?(.*)/s);
	const method = ctx.method;
	const notFound = () => sendJson(res, 404, { message: 'envelope not found' }, {}, ctx);
	const allow = (/** @type {string} */ m) => sendJson(res, 405, { message: `${method} is not allowed here` }, { Allow: m }, ctx);
	if (!bearerMatches(ctx.headers.authorization, state.signApiKey)) {
		return sendJson(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or invalid API key' }, {}, ctx);
	}
	/** @param {string} id */
	const find = (id) => (UUID.test(id) ? store.get(id) : undefined);
	let m;
	try {
		if ((m = ROUTES.create.exec(pathname))) {
			if (method !== 'POST') return allow('POST');
			const parts = parseMultipart(ctx.body, ctx.headers['content-type']);
			if (!parts) return sendJson(res, 400, { message: 'expected multipart/form-data' }, {}, ctx);
			const embedded = m[1] === 'embedded-envelopes';
			const envelope = store.create(parts, embedded);
			if (!embedded) return sendJson(res, 202, { envelope_id: envelope.envelope_id }, {}, ctx);
			return sendJson(
				res,
				202,
				{
					envelope_id: envelope.envelope_id,
					recipients: envelope.recipients.filter((/** @type {any} */ r) => r.type === 'SIGNER').map((/** @type {any} */ r) => ({ token: r.token, email: r.email })),
				},
				{},
				ctx,
			);
		}
		if ((m = ROUTES.search.exec(pathname))) {
			if (method !== 'GET') return allow('GET');
			const params = new URLSearchParams(query);
			const from = params.get('from_date');
			const to = params.get('to_date');
			for (const [key, value] of [['from_date', from], ['to_date', to]]) {
				if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return sendJson(res, 400, { message: `${key} must be YYYY-MM-DD` }, {}, ctx);
			}
			const statuses = params.getAll('status[]').map((s) => s.toUpperCase());
			const offset = Math.max(1, Number(params.get('offset') || 1));
			const limit = Math.max(1, Math.min(500, Number(params.get('limit') || 10)));
			const matching = [...store.envelopes.values()]
				.filter((e) => (!from || e.created_at.slice(0, 10) >= from) && (!to || e.created_at.slice(0, 10) < to))
				.filter((e) => statuses.length === 0 || statuses.includes(e.status))
				.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.envelope_id < b.envelope_id ? -1 : 1));
			return sendJson(res, 200, { envelopes: matching.slice(offset - 1, offset - 1 + limit).map(summaryView), total: matching.length }, {}, ctx);
		}
		if ((m = ROUTES.find.exec(pathname))) {
			if (method !== 'POST') return allow('POST');
			const body = json(ctx.body);
			if (!body || !Array.isArray(body.envelope_ids)) return sendJson(res, 400, { message: 'envelope_ids is required' }, {}, ctx);
			const found = body.envelope_ids.map((/** @type {string} */ id) => find(String(id))).filter(Boolean);
			return sendJson(res, 200, { envelopes: found.map(summaryView) }, {}, ctx);
		}
		if ((m = ROUTES.envelope.exec(pathname))) {
			if (!UUID.test(m[1])) return sendJson(res, 400, { message: 'envelope id must be a UUID' }, {}, ctx);
			const envelope = find(m[1]);
			if (!envelope) return notFound();
			if (method === 'GET') return sendJson(res, 200, envelopeView(envelope), {}, ctx);
			if (method === 'PATCH') {
				if (envelope.status === 'ARCHIVED') return sendJson(res, 409, { message: 'envelope already archived' }, {}, ctx);
				envelope.status = 'ARCHIVED';
				envelope.archived_at = new Date().toISOString();
				return sendNoContent(res, ctx);
			}
			return allow('GET, PATCH');
		}
		if ((m = ROUTES.status.exec(pathname))) {
			if (method !== 'GET') return allow('GET');
			const envelope = find(m[1]);
			return envelope ? sendJson(res, 200, statusView(envelope), {}, ctx) : notFound();
		}
		if ((m = ROUTES.documents.exec(pathname))) {
			if (method !== 'GET') return allow('GET');
			const envelope = find(m[1]);
			if (!envelope) return notFound();
			if (envelope.status !== 'COMPLETE') return sendJson(res, 409, { message: 'envelope is not complete' }, {}, ctx);
			// Yoti does not state this Content-Type; the simulator sends a generic one on purpose.
			return sendBytes(res, 200, { 'Content-Type': 'application/octet-stream' }, completedZip(envelope), ctx);
		}
		if ((m = ROUTES.reminder.exec(pathname))) {
			if (method !== 'POST') return allow('POST');
			const envelope = find(m[1]);
			if (!envelope) return notFound();
			const recipient = envelope.recipients.find((/** @type {any} */ r) => r.id === m[2].toLowerCase());
			if (!recipient) return sendJson(res, 404, { message: 'recipient not found' }, {}, ctx);
			if (envelope.status !== 'ACTIVE') return sendJson(res, 400, { message: `envelope is ${envelope.status}` }, {}, ctx);
			if (recipient.sign_status === 'SIGNED') return sendJson(res, 400, { message: 'recipient has already signed' }, {}, ctx);
			store.reminders.push({ envelope_id: envelope.envelope_id, recipient_id: recipient.id, email: recipient.email });
			return sendJson(res, 200, { recipient_id: recipient.id }, {}, ctx);
		}
		if ((m = ROUTES.recipient.exec(pathname))) {
			if (method !== 'PATCH') return allow('PATCH');
			const envelope = find(m[1]);
			if (!envelope) return notFound();
			const recipient = envelope.recipients.find((/** @type {any} */ r) => r.id === m[2].toLowerCase());
			if (!recipient) return sendJson(res, 404, { message: 'recipient not found' }, {}, ctx);
			const body = json(ctx.body);
			if (!body || typeof body !== 'object') return sendJson(res, 400, { message: 'body must be a JSON object' }, {}, ctx);
			const keys = ['name', 'email', 'iso_country_code', 'mobile_number'].filter((k) => body[k] !== undefined);
			if (keys.length === 0) return sendJson(res, 400, { message: 'at least one field is required' }, {}, ctx);
			if ((body.iso_country_code === undefined) !== (body.mobile_number === undefined)) {
				return sendJson(res, 400, { message: 'iso_country_code and mobile_number go together' }, {}, ctx);
			}
			if (body.email !== undefined && !EMAIL.test(String(body.email))) return sendJson(res, 422, { message: 'email is invalid' }, {}, ctx);
			for (const k of keys) recipient[k] = body[k];
			store.edits.push({ envelope_id: envelope.envelope_id, recipient_id: recipient.id, body });
			return sendJson(res, 200, {}, {}, ctx);
		}
		if ((m = ROUTES.extend.exec(pathname))) {
			if (method !== 'POST') return allow('POST');
			const envelope = find(m[1]);
			if (!envelope) return notFound();
			const body = json(ctx.body);
			const tokens = body && Array.isArray(body.recipient_tokens) ? body.recipient_tokens : null;
			if (!tokens || tokens.length === 0) return sendJson(res, 400, { message: 'recipient_tokens is required' }, {}, ctx);
			const known = new Set(envelope.recipients.map((/** @type {any} */ r) => r.token));
			if (tokens.some((/** @type {string} */ t) => !known.has(t))) return sendJson(res, 400, { message: 'a token does not belong to this envelope' }, {}, ctx);
			store.extensions.push({ envelope_id: envelope.envelope_id, recipient_tokens: tokens });
			return sendJson(res, 200, {}, {}, ctx);
		}
	} catch (err) {
		if (err instanceof ValidationError) {
			return sendJson(res, err.status, { message: err.message, ...(err.errors ? { errors: err.errors } : {}) }, {}, ctx);
		}
		throw err;
	}
	return sendJson(res, 404, { message: `No envelope route for ${method} ${pathname}` }, {}, ctx);
}

/**
 * Admin calls under /__admin/envelopes (unsigned, not Yoti):
 *   GET  /__admin/envelopes                      the envelopes (without file bytes)
 *   POST /__admin/envelopes/{id}/sign            {recipient_id?, email?} signs one recipient (next in order by default)
 *   POST /__admin/envelopes/{id}/notify          {topic, destination?, body?} sends a Sign notification
 *   POST /__admin/envelopes/bulk                 {count, day?} adds ACTIVE envelopes for paging
 * @param {any} state @param {{ method: string, pathname: string, body: Buffer }} req @param {import('http').ServerResponse} res
 */
async function handleEnvelopeAdmin(state, req, res) {
	/** @type {EnvelopeStore} */
	const store = state.envelopes;
	const body = req.body.length ? json(req.body) : {};
	const m = /^\/__admin\/envelopes(?:\/([^/]+)(?:\/(sign|notify))?)?\/?$/.exec(req.pathname);
	try {
		if (m && !m[1] && req.method === 'GET') {
			return sendJson(res, 200, {
				envelopes: [...store.envelopes.values()].map((e) => ({ ...e, files: e.files.map((/** @type {any} */ f) => ({ id: f.id, name: f.name })) })),
			});
		}
		if (m && m[1] === 'bulk' && !m[2] && req.method === 'POST') {
			store.addBulk(Number(body && body.count) || 0, body && body.day);
			return sendJson(res, 200, { total: store.envelopes.size });
		}
		if (m && m[1] && m[2] === 'sign' && req.method === 'POST') return sendJson(res, 200, await store.sign(m[1], body || {}));
		if (m && m[1] && m[2] === 'notify' && req.method === 'POST') {
			if (!body || typeof body.topic !== 'string') return sendJson(res, 400, { error: 'topic is required' });
			const delivery = await store.notify(m[1], body.topic, { destination: body.destination, body: body.body, force: true });
			return sendJson(res, delivery ? 200 : 404, delivery || { error: 'no destination known for this envelope; pass "destination"' });
		}
	} catch (err) {
		if (err instanceof ValidationError) return sendJson(res, err.status, { error: err.message });
		throw err;
	}
	return sendJson(res, 404, { error: `no admin route ${req.method} ${req.pathname}` });
}

module.exports = { EnvelopeStore, handleEnvelopes, handleEnvelopeAdmin, isEnvelopeRoute, parseMultipart, pdfPages };
