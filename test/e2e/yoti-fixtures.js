'use strict';
// Credentials and workflows the Yoti end-to-end suite and the demo import into a real n8n.
// The credential ids are the ones examples/*.json reference.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { DEMO } = require('../simulator');

const REPO = path.resolve(__dirname, '..', '..');
const IDV_CRED = { id: 'YotiDemoIdvApi01', name: 'Yoti IDV API (demo simulator)' };
const NOTIFY_CRED = { id: 'YotiDemoNotify01', name: 'Yoti Notification Auth (demo)' };
const SIGN_CRED = { id: 'YotiDemoSignApi1', name: 'Yoti Sign API (demo simulator)' };
const WRONG_KEY_CRED = { id: 'YotiWrongKey0001', name: 'Yoti IDV API (wrong key)' };
const NOTIFY_TOKEN = 'demo-notify-token-TEST-ONLY';
const ONBOARDING_WEBHOOK_ID = '0b0a1d00-0000-4000-8000-0000000000a1';

const S = {
	approve: '5e551000-0000-4000-8000-000000000001',
	reject: '5e551000-0000-4000-8000-000000000002',
	notAvailable: '5e551000-0000-4000-8000-000000000003',
	ongoing: '5e551000-0000-4000-8000-000000000004',
	deletable: '5e551000-0000-4000-8000-000000000008',
	unknown: '5e551000-0000-4000-8000-0000000000ff',
	/** CONSIDER watchlist hit: decision REVIEW */
	review: '5e551000-0000-4000-8000-0000000d0001',
	/** EXPIRED with an approved check: decision EXPIRED */
	expired: '5e551000-0000-4000-8000-0000000d0005',
	/** identity profile DONE but MANDATORY_DOCUMENT_COULD_NOT_BE_PROVIDED, RTW not met: decision NOT_AVAILABLE */
	profileNotMet: '5e551000-0000-4000-8000-0000000d0007',
};
/** The onboarding example's Switch output (decision value) -> the node that branch runs. */
const ONBOARDING_BRANCHES = {
	APPROVE: 'Activate the account (CRM, Slack …)',
	REJECT: 'Decline and notify the user',
	REVIEW: 'Send to a person for review (possible watchlist match, fraud signal)',
	NOT_AVAILABLE: 'Ask the user to retry (Yoti could not verify)',
	EXPIRED: 'Send the user a new verification link',
	PENDING: 'Wait for the next notification',
	ERROR: 'Alert the team: the session could not be read',
};
const R = { completed: '5191e000-0000-4000-8000-000000000001' };
const M = { page: '3ed1a000-0000-4000-8000-000000000101', fields: '3ed1a000-0000-4000-8000-000000000103', empty: '3ed1a000-0000-4000-8000-000000000107' };

function credentials(sim) {
	const wrongKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' });
	return [
		{ ...IDV_CRED, type: 'yotiApi', data: { sdkId: DEMO.sdkId, privateKey: DEMO.privateKey, environment: 'custom', baseUrl: sim.idvBaseUrl } },
		{ ...NOTIFY_CRED, type: 'yotiNotificationAuthApi', data: { authType: 'basic', authToken: NOTIFY_TOKEN } },
		{ ...SIGN_CRED, type: 'yotiSignApi', data: { apiKey: DEMO.signApiKey, environment: 'custom', baseUrl: sim.signBaseUrl } },
		{ ...WRONG_KEY_CRED, type: 'yotiApi', data: { sdkId: DEMO.sdkId, privateKey: wrongKey, environment: 'custom', baseUrl: sim.idvBaseUrl } },
	];
}

function example(name) {
	return JSON.parse(fs.readFileSync(path.join(REPO, 'examples', `${name}.json`), 'utf8'));
}

/** The folder examples/media-archive.json writes to: n8n 2.x's default file-access folder in its Docker image. */
const ARCHIVE_FOLDER = '/home/node/.n8n-files/yoti-media-archive/';

/**
 * examples/media-archive.json writing into `dir` (which must exist; n8n's Write Files node does
 * not create folders). Run n8n with N8N_RESTRICT_FILE_ACCESS_TO=dir so 2.x allows the writes.
 */
function mediaArchiveExample(dir) {
	const wf = example('media-archive');
	const write = wf.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile');
	if (!write || !write.parameters.fileName.includes(ARCHIVE_FOLDER)) throw new Error('media-archive example: write node or folder not found');
	write.parameters.fileName = write.parameters.fileName.replace(ARCHIVE_FOLDER, `${path.resolve(dir)}/`);
	return wf;
}

let nodeSeq = 0;
function yotiNode(name, parameters, { cred = IDV_CRED, credType = 'yotiApi', extra = {} } = {}) {
	return {
		id: `e2e00000-0000-4000-8000-${String(++nodeSeq).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-yoti.yoti',
		typeVersion: 1,
		position: [400, nodeSeq * 120],
		parameters,
		credentials: { [credType]: { id: cred.id, name: cred.name } },
		...extra,
	};
}

/** Manual trigger fanned out to one Yoti node per operation / output mode (independent branches). */
function operationsWorkflow() {
	const nodes = [
		{ id: 'e2e00000-0000-4000-8000-a00000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		yotiNode('Get checks', { resource: 'session', operation: 'get', sessionId: S.approve, output: 'checks', options: {} }),
		yotiNode('Get sub-checks', { resource: 'session', operation: 'get', sessionId: S.reject, output: 'subChecks', options: {} }),
		yotiNode('Get summary', { resource: 'session', operation: 'get', sessionId: S.reject, output: 'summary', options: {} }),
		yotiNode('Get raw', { resource: 'session', operation: 'get', sessionId: S.notAvailable, output: 'raw', options: {} }),
		yotiNode('Get configuration', { resource: 'session', operation: 'getConfiguration', sessionId: S.approve, options: {} }),
		yotiNode('Get media page', { resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: M.page, binaryPropertyName: 'data', options: {} }),
		yotiNode('Get media fields', { resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: M.fields, binaryPropertyName: 'data', options: {} }),
		yotiNode('Get media empty', { resource: 'session', operation: 'getMedia', sessionId: S.approve, mediaId: M.empty, binaryPropertyName: 'data', options: {} }),
		yotiNode('Get identity data', { resource: 'session', operation: 'getIdentityData', sessionId: S.approve, options: {} }),
		yotiNode('Get tracked devices', { resource: 'session', operation: 'getTrackedDevices', sessionId: S.approve, options: {} }),
		yotiNode('Supported documents', { resource: 'supportedDocuments', operation: 'getAll', options: {} }),
		yotiNode('Create session', { resource: 'session', operation: 'create', userTrackingId: 'e2e-user-1', options: {} }),
		yotiNode('Delete session', { resource: 'session', operation: 'delete', sessionId: S.deletable, options: {} }),
		yotiNode('Signed result', { resource: 'signRecipient', operation: 'getSignedResult', recipientId: R.completed, output: 'summary', options: {} }, { cred: SIGN_CRED, credType: 'yotiSignApi' }),
		yotiNode('Signed PDF', { resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.completed, binaryPropertyName: 'data', options: {} }, { cred: SIGN_CRED, credType: 'yotiSignApi' }),
		{
			id: 'e2e00000-0000-4000-8000-a00000000002',
			name: 'Mixed IDs',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, -200],
			parameters: { jsCode: `return ${JSON.stringify([S.approve, S.unknown, S.reject])}.map((id) => ({ json: { session_id: id } }));` },
		},
		yotiNode('Continue on fail', { resource: 'session', operation: 'get', sessionId: '={{ $json.session_id }}', output: 'summary', options: {} }, { extra: { continueOnFail: true, onError: 'continueRegularOutput' } }),
	];
	const connections = { Start: { main: [nodes.filter((n) => n.type === 'n8n-nodes-yoti.yoti' && n.name !== 'Continue on fail').map((n) => ({ node: n.name, type: 'main', index: 0 })).concat([{ node: 'Mixed IDs', type: 'main', index: 0 }])] } };
	connections['Mixed IDs'] = { main: [[{ node: 'Continue on fail', type: 'main', index: 0 }]] };
	return { id: 'YotiE2eOps000001', name: 'e2e: every Yoti operation', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

function wrongKeyWorkflow() {
	return {
		id: 'YotiE2eWrongKey1',
		name: 'e2e: wrong key',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'e2e00000-0000-4000-8000-b00000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			yotiNode('Wrong key', { resource: 'session', operation: 'get', sessionId: S.approve, output: 'summary', options: { attempts: 1 } }, { cred: WRONG_KEY_CRED }),
		],
		connections: { Start: { main: [[{ node: 'Wrong key', type: 'main', index: 0 }]] } },
	};
}

module.exports = { credentials, example, mediaArchiveExample, operationsWorkflow, wrongKeyWorkflow, yotiNode, IDV_CRED, NOTIFY_CRED, SIGN_CRED, NOTIFY_TOKEN, ONBOARDING_WEBHOOK_ID, ONBOARDING_BRANCHES, S, R, M };
