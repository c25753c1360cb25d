// @ts-check
'use strict';
// Read access to a sessions folder (see README.md "Data layout") plus the in-memory state the
// simulator adds on top: created sessions, deletions. Files are read on every request, so a
// test may write files after the simulator started, and nothing is ever written to disk.

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const MAX_SCANNED_FILE_BYTES = 5 * 1024 * 1024;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const MIME_BY_EXT = {
	json: 'application/json',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	pdf: 'application/pdf',
	zip: 'application/zip',
	txt: 'text/plain; charset=utf-8',
	bin: 'application/octet-stream',
	facemap: 'application/octet-stream',
};

/** @param {string} id */
function isSafeId(id) {
	return SAFE_ID.test(id) && !id.includes('..');
}

/** @param {Buffer} bytes */
function parseJsonBytes(bytes) {
	try {
		return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
	} catch {
		return undefined;
	}
}

/** @param {string} file */
function readFileOrNull(file) {
	try {
		return fs.readFileSync(file);
	} catch {
		return null;
	}
}

/**
 * A media file `<dir>/<mediaId>.<ext>`: content type from the extension; a zero-length or
 * `.empty` file means "no content" (204).
 * @param {string} dir
 * @param {string} mediaId
 * @returns {{ bytes: Buffer, contentType: string, empty: boolean } | null}
 */
function findMediaFile(dir, mediaId) {
	if (!isSafeId(mediaId)) return null;
	let names;
	try {
		names = fs.readdirSync(dir);
	} catch {
		return null;
	}
	const name = names.find((n) => n === mediaId || n.startsWith(`${mediaId}.`));
	if (!name) return null;
	const bytes = readFileOrNull(path.join(dir, name));
	if (!bytes) return null;
	const ext = name.slice(mediaId.length + 1).toLowerCase();
	const empty = ext === 'empty' || bytes.length === 0;
	const contentType = MIME_BY_EXT[/** @type {keyof typeof MIME_BY_EXT} */ (ext)] || 'application/octet-stream';
	return { bytes, contentType, empty };
}

class Store {
	/** @param {string[]} dirs searched in order; the first match wins */
	constructor(dirs) {
		this.dirs = dirs;
		/** @type {Map<string, { session: any, configuration: any, notifications: any, spec?: any, media?: Map<string, { bytes: Buffer, contentType: string, empty: boolean }>, finished?: object }>} */
		this.created = new Map();
		/** @type {Set<string>} */
		this.deletedSessions = new Set();
		/** @type {Set<string>} */
		this.deletedMedia = new Set();
		/** @type {Set<string>} */
		this.deletedTrackedDevices = new Set();
	}

	/** Forgets created sessions and deletions. */
	reset() {
		this.created.clear();
		this.deletedSessions.clear();
		this.deletedMedia.clear();
		this.deletedTrackedDevices.clear();
	}

	/** @param {string} rel */
	readFirst(rel) {
		for (const dir of this.dirs) {
			const bytes = readFileOrNull(path.join(dir, rel));
			if (bytes) return bytes;
		}
		return null;
	}

	/**
	 * The stored session result: the file's bytes exactly, or a created session as JSON.
	 * @param {string} id
	 * @returns {{ bytes: Buffer, session: any } | null}
	 */
	getSession(id) {
		if (!isSafeId(id) || this.deletedSessions.has(id)) return null;
		const created = this.created.get(id);
		if (created) return { bytes: Buffer.from(JSON.stringify(created.session)), session: created.session };
		const bytes = this.readFirst(`${id}.json`);
		if (bytes) return { bytes, session: parseJsonBytes(bytes) };
		return this.findBySessionId(id);
	}

	/**
	 * Fallback for folders whose files are not named `<session_id>.json` (e.g. the SDK
	 * fixtures): the first `*.json` file, in name order, whose top-level `session_id` is `id`.
	 * @param {string} id
	 * @returns {{ bytes: Buffer, session: any } | null}
	 */
	findBySessionId(id) {
		for (const dir of this.dirs) {
			let names;
			try {
				names = fs.readdirSync(dir).filter((n) => n.endsWith('.json') && !/^(config-|tracked-devices-|index\.json$|supported-documents\.json$)/.test(n));
			} catch {
				continue;
			}
			for (const name of names.sort()) {
				const file = path.join(dir, name);
				let bytes;
				try {
					if (fs.statSync(file).size > MAX_SCANNED_FILE_BYTES) continue;
					bytes = fs.readFileSync(file);
				} catch {
					continue;
				}
				const session = parseJsonBytes(bytes);
				if (session && typeof session === 'object' && session.session_id === id) return { bytes, session };
			}
		}
		return null;
	}

	/** @param {string} id */
	sessionState(id) {
		const found = this.getSession(id);
		const state = found && found.session && typeof found.session === 'object' ? found.session.state : undefined;
		return typeof state === 'string' ? state : undefined;
	}

	/** @param {string} id */
	deleteSession(id) {
		this.deletedSessions.add(id);
	}

	/**
	 * `config-<id>.json` as stored; otherwise one derived from the session's checks.
	 * @param {string} id
	 * @returns {Buffer | null}
	 */
	getConfiguration(id) {
		const found = this.getSession(id);
		if (!found) return null;
		const created = this.created.get(id);
		if (created) return Buffer.from(JSON.stringify(created.configuration));
		const bytes = this.readFirst(`config-${id}.json`);
		if (bytes) return bytes;
		const session = found.session && typeof found.session === 'object' ? found.session : {};
		const checks = Array.isArray(session.checks) ? session.checks : [];
		const types = [...new Set(checks.map((/** @type {any} */ c) => c && c.type).filter((/** @type {unknown} */ t) => typeof t === 'string'))];
		return Buffer.from(
			JSON.stringify(
				buildConfiguration(id, session.client_session_token_ttl ?? 0, types.map((type) => ({ type, config: {} })), [], {}),
			),
		);
	}

	/**
	 * @param {string} sessionId
	 * @param {string} mediaId
	 */
	getMedia(sessionId, mediaId) {
		if (!isSafeId(sessionId) || this.deletedMedia.has(`${sessionId}/${mediaId}`)) return null;
		const inMemory = this.created.get(sessionId)?.media?.get(mediaId); // a session the journey finished (journey.js)
		if (inMemory) return inMemory;
		for (const dir of this.dirs) {
			const found = findMediaFile(path.join(dir, 'media', sessionId), mediaId);
			if (found) return found;
		}
		return null;
	}

	/** @param {string} sessionId @param {string} mediaId */
	deleteMedia(sessionId, mediaId) {
		this.deletedMedia.add(`${sessionId}/${mediaId}`);
	}

	/**
	 * `tracked-devices-<id>.json` as stored; `[]` when there is none or it was deleted.
	 * @param {string} id
	 */
	getTrackedDevices(id) {
		if (this.deletedTrackedDevices.has(id)) return Buffer.from('[]');
		return this.readFirst(`tracked-devices-${id}.json`) || Buffer.from('[]');
	}

	/** @param {string} id */
	deleteTrackedDevices(id) {
		this.deletedTrackedDevices.add(id);
	}

	/** @returns {Buffer} */
	getSupportedDocuments() {
		return this.readFirst('supported-documents.json') || Buffer.from('{"supported_countries":[]}');
	}

	/**
	 * @param {string} recipientId
	 * @returns {{ bytes: Buffer, session: any } | null}
	 */
	getSignResult(recipientId) {
		if (!isSafeId(recipientId)) return null;
		const bytes = this.readFirst(path.join('sign', `${recipientId}.json`));
		return bytes ? { bytes, session: parseJsonBytes(bytes) } : null;
	}

	/** @param {string} recipientId @param {string} mediaId */
	getSignMedia(recipientId, mediaId) {
		if (!isSafeId(recipientId)) return null;
		for (const dir of this.dirs) {
			const found = findMediaFile(path.join(dir, 'sign', recipientId, 'media'), mediaId);
			if (found) return found;
		}
		return null;
	}

	/** `sign/<recipientId>/report.pdf` when present. @param {string} recipientId */
	getSignPdf(recipientId) {
		if (!isSafeId(recipientId)) return null;
		return this.readFirst(path.join('sign', recipientId, 'report.pdf'));
	}

	/**
	 * Stores a created session in memory (sessions folders may be read-only).
	 * @param {any} spec the validated create-session body
	 */
	createSession(spec) {
		const sessionId = crypto.randomUUID();
		const token = crypto.randomUUID();
		const ttl = typeof spec.client_session_token_ttl === 'number' ? spec.client_session_token_ttl : 600;
		const session = {
			client_session_token_ttl: ttl,
			session_id: sessionId,
			user_tracking_id: typeof spec.user_tracking_id === 'string' ? spec.user_tracking_id : undefined,
			state: 'ONGOING',
			client_session_token: token,
			resources: { id_documents: [], supplementary_documents: [], liveness_capture: [], face_capture: [] },
			checks: [],
		};
		const configuration = buildConfiguration(
			sessionId,
			ttl,
			Array.isArray(spec.requested_checks) ? spec.requested_checks : [],
			Array.isArray(spec.required_documents) ? spec.required_documents : [],
			spec.sdk_config && typeof spec.sdk_config === 'object' ? spec.sdk_config : {},
		);
		require('./routes/instructions').applyIbvToConfiguration(configuration, spec.ibv_options);
		this.created.set(sessionId, { session, configuration, notifications: spec.notifications || null, spec });
		return { client_session_token_ttl: ttl, client_session_token: token, session_id: sessionId };
	}

	/** The `notifications` block a created session was given, if any. @param {string} id */
	notificationsOf(id) {
		const created = this.created.get(id);
		return created ? created.notifications : null;
	}
}

/**
 * A configuration in Yoti's shape, its required resources derived from the requested checks
 * and documents.
 * @param {string} sessionId
 * @param {number} ttl
 * @param {any[]} requestedChecks
 * @param {any[]} requiredDocuments
 * @param {object} sdkConfig
 */
function buildConfiguration(sessionId, ttl, requestedChecks, requiredDocuments, sdkConfig) {
	const types = requestedChecks.map((c) => (c && typeof c.type === 'string' ? c.type : ''));
	/** @type {object[]} */
	const resources = [];
	const resource = (/** @type {string} */ type, /** @type {object} */ extra) =>
		resources.push({ type, id: crypto.randomUUID(), state: 'REQUIRED', allowed_sources: [{ type: 'END_USER' }], ...extra });
	const wantsIdDocument =
		types.some((t) => t.startsWith('ID_DOCUMENT_')) ||
		requiredDocuments.some((d) => d && d.type === 'ID_DOCUMENT') ||
		(requiredDocuments.length === 0 && types.some((t) => t.startsWith('WATCHLIST_') || t === 'THIRD_PARTY_IDENTITY'));
	if (wantsIdDocument) {
		resource('ID_DOCUMENT', {
			requested_tasks: [{ type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION', state: 'REQUIRED' }],
			supported_countries: [{ code: 'GBR', supported_documents: [{ type: 'PASSPORT' }, { type: 'DRIVING_LICENCE' }] }],
			allowed_capture_methods: 'CAMERA_AND_UPLOAD',
			attempts_remaining: { IDENTITY_DOCUMENT_TEXT_DATA_EXTRACTION: 3 },
		});
	}
	if (requiredDocuments.some((d) => d && d.type === 'SUPPLEMENTARY_DOCUMENT') || types.includes('SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK')) {
		resource('SUPPLEMENTARY_DOCUMENT', { requested_tasks: [], document_types: [], country_codes: [] });
	}
	const liveness = requestedChecks.find((c) => c && c.type === 'LIVENESS');
	if (liveness) resource('LIVENESS', { liveness_type: (liveness.config && liveness.config.liveness_type) || 'ZOOM' });
	if (types.includes('FACE_COMPARISON')) resource('FACE_CAPTURE', {});
	return {
		client_session_token_ttl: ttl,
		session_id: sessionId,
		requested_checks: types.filter(Boolean),
		capture: { biometric_consent: 'NOT_REQUIRED', required_resources: resources },
		sdk_config: sdkConfig,
	};
}

module.exports = { Store, isSafeId, parseJsonBytes, MIME_BY_EXT };
