// @ts-check
'use strict';
// The simulator playing the person (the onboarding kit, issue 24): a session created through
// POST /sessions is "finished" with a chosen outcome — approve, reject, review, not_available,
// expire — as if the person had captured their document and face and Yoti had run its checks.
// The session result is replaced in memory by one in Yoti's shape with that outcome, its media
// (document page, document fields JSON with the person's name, ID photo, liveness frame) served
// from memory, and its session_completion notification sent to the endpoint and with the auth
// the session was created with — or deliberately dropped (`notify: false`), as a notification
// that never arrives. `notify()` sends it later (a late notification).
//
//   const journey = createJourney(state);        // index.js: sim.journey
//   await journey.finish(sessionId, 'review', { person: { full_name: 'Ada Lovelace' }, notify: false });
//   await journey.notify(sessionId);             // the late one
//   journey.sessions();                          // created sessions: [{ session_id, user_tracking_id, state, outcome, ... }]
//
// Admin HTTP (routes/journey.js): GET /__admin/journey/sessions,
// POST /__admin/journey/sessions/<id>/finish {outcome, notify?, person?, state?},
// POST /__admin/journey/sessions/<id>/notify.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const OUTCOMES = /** @type {const} */ (['approve', 'reject', 'review', 'not_available', 'expire']);
/** What the package's decision rules make of each outcome (contract: summary `decision`). */
const DECISIONS = { approve: 'APPROVE', reject: 'REJECT', review: 'REVIEW', not_available: 'NOT_AVAILABLE', expire: 'EXPIRED' };

const DEMO_MEDIA = path.join(__dirname, 'data', 'media', '5e551000-0000-4000-8000-000000000001');
const IMAGES = {
	page: { file: '3ed1a000-0000-4000-8000-000000000101.jpg', contentType: 'image/jpeg' },
	idPhoto: { file: '3ed1a000-0000-4000-8000-000000000104.png', contentType: 'image/png' },
	frame: { file: '3ed1a000-0000-4000-8000-000000000106.png', contentType: 'image/png' },
};

/** The person a finished session's document says, unless the caller names one. */
const DEFAULT_PERSON = { full_name: 'Alex Example', date_of_birth: '1990-04-12', nationality: 'GBR' };

class JourneyError extends Error {
	/** @param {number} status @param {string} message */
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

/** @param {string} name */
function readImage(name) {
	const image = IMAGES[/** @type {keyof typeof IMAGES} */ (name)];
	return { bytes: fs.readFileSync(path.join(DEMO_MEDIA, image.file)), contentType: image.contentType, empty: false };
}

/**
 * @param {string} type @param {string} value @param {string[]} resources
 * @param {{ reason?: string, recovery?: string, breakdown?: Array<[string, string]>, watchlistHits?: number, now: string }} opts
 */
function check(type, value, resources, opts) {
	/** @type {any} */
	const recommendation = { value };
	if (opts.reason) recommendation.reason = opts.reason;
	if (opts.recovery) recommendation.recovery_suggestion = opts.recovery;
	/** @type {any} */
	const report = {
		recommendation,
		breakdown: (opts.breakdown || []).map(([sub_check, result]) => ({ sub_check, result, process: 'AUTOMATED', details: [] })),
	};
	if (opts.watchlistHits !== undefined) {
		report.watchlist_summary = { total_hits: opts.watchlistHits, associated_country_codes: ['GBR'], search_config: { type: 'WITH_YOTI_ACCOUNT', categories: ['SANCTIONS', 'PEP'] } };
	}
	return { type, id: crypto.randomUUID(), state: 'DONE', resources_used: resources, generated_media: [], report, created: opts.now, last_updated: opts.now };
}

/**
 * A finished session in Yoti's shape for `outcome`, built over the created one (same session_id,
 * token, user_tracking_id), and the media it refers to.
 * @param {any} created the session as POST /sessions stored it
 * @param {string} outcome one of OUTCOMES
 * @param {{ person?: Record<string, unknown>, state?: string, now?: Date }} [opts]
 */
function finishedSession(created, outcome, opts = {}) {
	if (!OUTCOMES.includes(/** @type {any} */ (outcome))) {
		throw new JourneyError(400, `outcome must be one of ${OUTCOMES.join(', ')}; got ${JSON.stringify(outcome)}`);
	}
	const now = (opts.now || new Date()).toISOString();
	/** @type {Record<string, any>} */
	const person = { ...DEFAULT_PERSON, ...(opts.person || {}) };
	/** @type {Map<string, { bytes: Buffer, contentType: string, empty: boolean }>} */
	const media = new Map();
	const base = {
		client_session_token_ttl: created.client_session_token_ttl,
		session_id: created.session_id,
		user_tracking_id: created.user_tracking_id,
		state: 'COMPLETED',
		client_session_token: created.client_session_token,
	};
	if (outcome === 'expire') {
		// The person never finished: nothing was captured, no check ran.
		const session = { ...base, state: opts.state || 'EXPIRED', resources: { id_documents: [], supplementary_documents: [], liveness_capture: [], face_capture: [] }, checks: [] };
		return { session, media };
	}
	const id = () => crypto.randomUUID();
	const mediaRef = (/** @type {string} */ mediaId, /** @type {string} */ type) => ({ id: mediaId, type, created: now, last_updated: now });
	const ids = { document: id(), liveness: id(), page: id(), fields: id(), idPhoto: id(), frame: id() };
	const [givenNames, ...family] = String(person.full_name).split(' ');
	const fields = {
		full_name: person.full_name,
		given_names: person.given_names ?? givenNames,
		family_name: person.family_name ?? family.join(' '),
		date_of_birth: person.date_of_birth,
		nationality: person.nationality,
		document_type: 'PASSPORT',
		issuing_country: 'GBR',
		document_number: '987654321',
		expiration_date: '2033-01-31',
	};
	media.set(ids.page, readImage('page'));
	media.set(ids.fields, { bytes: Buffer.from(JSON.stringify(fields, null, 2)), contentType: 'application/json', empty: false });
	media.set(ids.idPhoto, readImage('idPhoto'));
	media.set(ids.frame, readImage('frame'));
	const resources = {
		id_documents: [
			{
				id: ids.document,
				source: { type: 'END_USER' },
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				tasks: [
					{ type: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION', id: id(), state: 'DONE', created: now, last_updated: now, generated_checks: [], generated_media: [{ id: ids.fields, type: 'JSON' }] },
				],
				pages: [{ capture_method: 'CAMERA', media: mediaRef(ids.page, 'IMAGE'), frames: [{}] }],
				document_fields: { media: mediaRef(ids.fields, 'JSON') },
				document_id_photo: { media: mediaRef(ids.idPhoto, 'IMAGE') },
			},
		],
		supplementary_documents: [],
		liveness_capture: [{ id: ids.liveness, source: { type: 'END_USER' }, liveness_type: 'ZOOM', frames: [{ media: mediaRef(ids.frame, 'IMAGE') }, {}], tasks: [] }],
		face_capture: [],
	};
	const both = [ids.document, ids.liveness];
	const pass = (/** @type {string[]} */ ...names) => names.map((n) => /** @type {[string, string]} */ ([n, 'PASS']));
	const authenticity = {
		approve: check('ID_DOCUMENT_AUTHENTICITY', 'APPROVE', [ids.document], { now, breakdown: pass('document_in_date', 'hologram_movement', 'mrz_validation') }),
		reject: check('ID_DOCUMENT_AUTHENTICITY', 'REJECT', [ids.document], {
			now,
			reason: 'COUNTERFEIT',
			breakdown: [['document_in_date', 'PASS'], ['hologram_movement', 'FAIL'], ['mrz_validation', 'FAIL']],
		}),
		review: check('ID_DOCUMENT_AUTHENTICITY', 'APPROVE', [ids.document], { now, breakdown: pass('document_in_date', 'hologram_movement', 'mrz_validation') }),
		not_available: check('ID_DOCUMENT_AUTHENTICITY', 'NOT_AVAILABLE', [ids.document], {
			now,
			reason: 'QUALITY',
			recovery: 'BETTER_LIGHTING',
			breakdown: [['document_in_date', 'PASS'], ['hologram_movement', 'FAIL']],
		}),
	}[outcome];
	const checks = [
		authenticity,
		check('ID_DOCUMENT_FACE_MATCH', 'APPROVE', both, { now, breakdown: pass('ai_face_match') }),
		check('LIVENESS', 'APPROVE', [ids.liveness], { now, breakdown: pass('liveness_auth') }),
	];
	if (outcome === 'review') {
		checks.push(
			check('WATCHLIST_SCREENING', 'CONSIDER', [ids.document], {
				now,
				reason: 'POTENTIAL_MATCH',
				watchlistHits: 2,
				breakdown: [['sanction', 'PASS'], ['politically_exposed_person', 'FAIL'], ['adverse_media', 'PASS']],
			}),
		);
	}
	const session = { ...base, state: opts.state || 'COMPLETED', biometric_consent: now, resources, checks };
	return { session, media };
}

/**
 * @param {any} state the simulator's shared state (index.js): `store`, `notify(payload)`
 */
function createJourney(state) {
	/** @param {string} sessionId */
	const createdOf = (sessionId) => {
		const created = state.store.created.get(sessionId);
		if (!created) throw new JourneyError(404, `session ${sessionId} was not created through this simulator (POST /sessions)`);
		if (state.store.deletedSessions.has(sessionId)) throw new JourneyError(404, `session ${sessionId} was deleted`);
		return created;
	};

	/** Sends the session's session_completion to its stored endpoint with its stored auth. @param {string} sessionId */
	async function notify(sessionId) {
		createdOf(sessionId);
		return state.notify({ session_id: sessionId, topic: 'session_completion' });
	}

	return {
		OUTCOMES,
		DECISIONS,
		/**
		 * Finishes a created session with `outcome`. `notify` (default true) sends its
		 * session_completion; false drops it. `state` overrides the session state (e.g. a session
		 * whose document was rejected but which is still ONGOING). `person` fills the document fields.
		 * @param {string} sessionId @param {string} outcome
		 * @param {{ notify?: boolean, person?: Record<string, unknown>, state?: string }} [opts]
		 */
		async finish(sessionId, outcome, opts = {}) {
			const created = createdOf(sessionId);
			const { session, media } = finishedSession(created.session, outcome, opts);
			created.session = session;
			created.media = media;
			created.finished = { outcome, dropped: opts.notify === false, at: new Date().toISOString() };
			const result = { session_id: sessionId, outcome, decision: DECISIONS[/** @type {keyof typeof DECISIONS} */ (outcome)], state: session.state };
			if (opts.notify === false) return { ...result, notification: { dropped: true } };
			return { ...result, notification: await notify(sessionId) };
		},
		notify,
		/** Every session created through POST /sessions since start or reset, oldest first. */
		sessions() {
			return [...state.store.created.values()].map((c) => ({
				session_id: c.session.session_id,
				user_tracking_id: c.session.user_tracking_id ?? null,
				state: c.session.state,
				deleted: state.store.deletedSessions.has(c.session.session_id),
				notifications_endpoint: (c.notifications && c.notifications.endpoint) || null,
				outcome: c.finished ? c.finished.outcome : null,
				notification_dropped: c.finished ? c.finished.dropped : null,
			}));
		},
		/** Makes a finished session's state something else later (e.g. ONGOING -> COMPLETED). @param {string} sessionId @param {string} sessionState */
		setState(sessionId, sessionState) {
			const created = createdOf(sessionId);
			created.session = { ...created.session, state: sessionState };
			return { session_id: sessionId, state: sessionState };
		},
	};
}

/**
 * The same journey over the admin HTTP API, for a simulator in another process.
 * @param {string} baseUrl e.g. http://127.0.0.1:4010
 */
function journeyClient(baseUrl) {
	/** @type {(method: string, p: string, body?: unknown) => Promise<any>} */
	const call = async (method, p, body) => {
		const res = await fetch(`${baseUrl}/__admin/journey${p}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = /** @type {any} */ (await res.json());
		if (!res.ok) throw new Error(`simulator journey ${method} ${p}: ${res.status} ${json && json.error}`);
		return json;
	};
	return {
		/** @param {string} id @param {string} outcome @param {{ notify?: boolean, person?: object, state?: string }} [opts] */
		finish: (id, outcome, opts = {}) => call('POST', `/sessions/${encodeURIComponent(id)}/finish`, { outcome, ...opts }),
		/** @param {string} id */
		notify: (id) => call('POST', `/sessions/${encodeURIComponent(id)}/notify`, {}),
		/** @param {string} id @param {string} sessionState */
		setState: (id, sessionState) => call('POST', `/sessions/${encodeURIComponent(id)}/state`, { state: sessionState }),
		sessions: async () => (await call('GET', '/sessions')).sessions,
	};
}

module.exports = { createJourney, journeyClient, finishedSession, JourneyError, OUTCOMES, DECISIONS, DEFAULT_PERSON };
