// @ts-check
'use strict';
// Admin routes of the simulator playing the person (../journey.js), under /__admin/journey:
//   GET  /__admin/journey/sessions                  sessions created through POST /sessions
//   POST /__admin/journey/sessions/<id>/finish      {outcome, notify?: boolean, person?: {...}, state?: string}
//   POST /__admin/journey/sessions/<id>/notify      send its session_completion (again, or late)
//   POST /__admin/journey/sessions/<id>/state       {state}: change the state of a finished session

const { sendJson } = require('../respond');
const { parseJsonBytes } = require('../store');
const { JourneyError } = require('../journey');

const PREFIX = '/__admin/journey';

/**
 * Handles a request under /__admin/journey; false when the path is not one of these.
 * @param {ReturnType<typeof import('../journey').createJourney>} journey
 * @param {{ method: string, pathname: string, body: Buffer }} req @param {import('http').ServerResponse} res
 * @returns {Promise<boolean>}
 */
async function handleJourneyAdmin(journey, req, res) {
	if (!req.pathname.startsWith(`${PREFIX}/`)) return false;
	const rest = req.pathname.slice(PREFIX.length).replace(/\/+$/, '');
	const body = req.body.length ? parseJsonBytes(req.body) : {};
	try {
		if (req.method === 'GET' && rest === '/sessions') {
			sendJson(res, 200, { sessions: journey.sessions() });
			return true;
		}
		const match = /^\/sessions\/([^/]+)\/(finish|notify|state)$/.exec(rest);
		if (!match || req.method !== 'POST') {
			sendJson(res, 404, { error: `no admin route ${req.method} ${req.pathname}` });
			return true;
		}
		if (!body || typeof body !== 'object') throw new JourneyError(400, 'body must be a JSON object');
		const id = decodeURIComponent(match[1]);
		if (match[2] === 'finish') {
			const result = await journey.finish(id, body.outcome, { notify: body.notify, person: body.person, state: body.state });
			sendJson(res, 200, result);
		} else if (match[2] === 'notify') {
			sendJson(res, 200, await journey.notify(id));
		} else {
			if (typeof body.state !== 'string' || !body.state) throw new JourneyError(400, 'state is required');
			sendJson(res, 200, journey.setState(id, body.state));
		}
	} catch (err) {
		const status = err && typeof (/** @type {any} */ (err).status) === 'number' ? /** @type {any} */ (err).status : 500;
		sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
	}
	return true;
}

module.exports = { handleJourneyAdmin };
