'use strict';
/* eslint-disable */
// The two workflows the scale run imports, and the credentials they use.
// Node types are the community-package names a user gets: n8n-nodes-yoti.yoti / .yotiTrigger.

const AUDIT_WORKFLOW_ID = 'yotiScaleAudit01';
const TRIGGER_WORKFLOW_ID = 'yotiScaleTrig001';
const AUDIT_PATH = 'yoti-scale-audit';
// The trigger's webhook path is fixed by the node (`webhook`), so the URL is /webhook/<id>/webhook.
const TRIGGER_WEBHOOK_ID = '5c0a7e52-1f3b-4c2d-9e8f-0a1b2c3d4e5f';
const CREDENTIAL_IDS = { yotiApi: 'yotiScaleIdvCred', yotiNotificationAuthApi: 'yotiScaleAuthCred' };

function credentials({ sdkId, privateKey, idvBaseUrl, authToken, authType = 'bearer' }) {
	return [
		{
			id: CREDENTIAL_IDS.yotiApi,
			name: 'Yoti IDV (simulator)',
			type: 'yotiApi',
			data: { sdkId, privateKey, environment: 'custom', baseUrl: idvBaseUrl },
		},
		{
			id: CREDENTIAL_IDS.yotiNotificationAuthApi,
			name: 'Yoti notifications (scale test)',
			type: 'yotiNotificationAuthApi',
			data: { authType, authToken },
		},
	];
}

/**
 * The nightly-audit example, with its Schedule trigger swapped for a Webhook so one night's
 * 2,000 IDs can arrive as 20 batches = 20 queued executions spread over the workers:
 * Webhook {batch, session_ids[]} -> Split Out (one item per ID) -> Yoti session.get (checks, concurrency 5).
 */
function auditWorkflow({ concurrency = 5 } = {}) {
	return {
		id: AUDIT_WORKFLOW_ID,
		name: 'Scale: nightly audit batch',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Audit batch',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a0000000-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'POST', path: AUDIT_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'One item per session',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.session_ids', options: { destinationFieldName: 'session_id' } },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'Get session checks',
				type: 'n8n-nodes-yoti.yoti',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'session',
					operation: 'get',
					sessionId: '={{ $json.session_id }}',
					output: 'checks',
					options: { concurrency },
				},
				credentials: { yotiApi: { id: CREDENTIAL_IDS.yotiApi, name: 'Yoti IDV (simulator)' } },
			},
		],
		connections: {
			'Audit batch': { main: [[{ node: 'One item per session', type: 'main', index: 0 }]] },
			'One item per session': { main: [[{ node: 'Get session checks', type: 'main', index: 0 }]] },
		},
	};
}

/** Yoti Trigger (credential auth, all topics, bare notification) -> No Op. */
function triggerWorkflow() {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'Scale: Yoti notifications',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'Yoti Trigger',
				type: 'n8n-nodes-yoti.yotiTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: { authentication: 'yotiNotificationAuthApi', topics: [], fetchSession: false },
				credentials: {
					yotiNotificationAuthApi: { id: CREDENTIAL_IDS.yotiNotificationAuthApi, name: 'Yoti notifications (scale test)' },
				},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { 'Yoti Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}

module.exports = {
	AUDIT_WORKFLOW_ID,
	TRIGGER_WORKFLOW_ID,
	AUDIT_PATH,
	TRIGGER_WEBHOOK_ID,
	CREDENTIAL_IDS,
	credentials,
	auditWorkflow,
	triggerWorkflow,
	triggerPath: () => `/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
	auditPath: () => `/webhook/${AUDIT_PATH}`,
};
