'use strict';
// The two workflows the scale run imports, and the credentials they use.
// Node types are the community-package names a user gets: n8n-nodes-yoti.yoti / .yotiTrigger.

const AUDIT_WORKFLOW_ID = 'yotiScaleAudit01';
const TRIGGER_WORKFLOW_ID = 'yotiScaleTrig001';
const REMOVE_DUPLICATES_WORKFLOW_ID = 'yotiScaleRmDup01';
const AUDIT_PATH = 'yoti-scale-audit';
// The trigger's webhook path is fixed by the node (`webhook`), so the URL is /webhook/<id>/webhook.
const TRIGGER_WEBHOOK_ID = '5c0a7e52-1f3b-4c2d-9e8f-0a1b2c3d4e5f';
const REMOVE_DUPLICATES_WEBHOOK_ID = '7d1b8f63-2a4c-4d3e-8f90-1b2c3d4e5f60';
const CREDENTIAL_IDS = { yotiApi: 'yotiScaleIdvCred', yotiNotificationAuthApi: 'yotiScaleAuthCred', postgres: 'yotiScalePgCred' };

/**
 * The claim the trigger workflow makes before its side effect, set up once in the deployment's
 * own PostgreSQL (docs/scale.md prints the same SQL). A function, because the
 * Postgres node turns an INSERT that returns no row into a `{success: true}` item, and only a
 * query that starts with SELECT may return no item at all (and so stop the execution).
 */
const CLAIM_SETUP_SQL = `CREATE TABLE IF NOT EXISTS yoti_notification_claims (
  dedupe_key text PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION yoti_claim_notification(key text) RETURNS SETOF text
LANGUAGE sql AS $$
  INSERT INTO yoti_notification_claims (dedupe_key) VALUES (key)
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING dedupe_key
$$;`;
const CLAIM_QUERY = 'SELECT yoti_claim_notification($1) AS dedupe_key';

function credentials({ sdkId, privateKey, idvBaseUrl, authToken, authType = 'bearer', postgres }) {
	return [
		{
			id: CREDENTIAL_IDS.postgres,
			name: 'Deployment PostgreSQL (scale test)',
			type: 'postgres',
			data: {
				host: postgres.host,
				port: postgres.port,
				database: postgres.database,
				user: postgres.user,
				password: postgres.password,
				ssl: 'disable',
			},
		},
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

function yotiTriggerNode(webhookId) {
	return {
		id: 'b0000000-0000-4000-8000-000000000001',
		name: 'Yoti Trigger',
		type: 'n8n-nodes-yoti.yotiTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: { authentication: 'yotiNotificationAuthApi', topics: [], fetchSession: false },
		credentials: {
			yotiNotificationAuthApi: { id: CREDENTIAL_IDS.yotiNotificationAuthApi, name: 'Yoti notifications (scale test)' },
		},
	};
}

/**
 * The side effect a user's flow has (a welcome e-mail, an account): one POST to the test's sink
 * per item that gets this far, carrying the trigger's item, so the test counts effects per
 * notification.
 */
function sinkNode(url) {
	return {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: 'Side effect',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: "={{ JSON.stringify({ notification: $('Yoti Trigger').item.json, execution: $execution.id }) }}",
			options: {},
		},
	};
}

/**
 * Yoti Trigger (credential auth, all topics, bare notification) -> claim the dedupe_key in
 * PostgreSQL (the row comes back only to the first claimant) -> side effect.
 */
function triggerWorkflow({ sinkUrl }) {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'Scale: Yoti notifications',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			yotiTriggerNode(TRIGGER_WEBHOOK_ID),
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Claim notification once',
				type: 'n8n-nodes-base.postgres',
				typeVersion: 2.6,
				position: [220, 0],
				parameters: {
					operation: 'executeQuery',
					query: CLAIM_QUERY,
					options: { queryReplacement: '={{ $json.dedupe_key }}' },
				},
				credentials: { postgres: { id: CREDENTIAL_IDS.postgres, name: 'Deployment PostgreSQL (scale test)' } },
			},
			sinkNode(`${sinkUrl}/claim`),
		],
		connections: {
			'Yoti Trigger': { main: [[{ node: 'Claim notification once', type: 'main', index: 0 }]] },
			'Claim notification once': { main: [[{ node: 'Side effect', type: 'main', index: 0 }]] },
		},
	};
}

/** The same flow with n8n's Remove Duplicates (previous executions, dedupe_key, scope workflow) as the guard. Measured, not asserted. */
function removeDuplicatesWorkflow({ sinkUrl }) {
	return {
		id: REMOVE_DUPLICATES_WORKFLOW_ID,
		name: 'Scale: Yoti notifications (Remove Duplicates)',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			yotiTriggerNode(REMOVE_DUPLICATES_WEBHOOK_ID),
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					dedupeValue: '={{ $json.dedupe_key }}',
					options: { scope: 'workflow' },
				},
			},
			sinkNode(`${sinkUrl}/removeDuplicates`),
		],
		connections: {
			'Yoti Trigger': { main: [[{ node: 'Remove Duplicates', type: 'main', index: 0 }]] },
			'Remove Duplicates': { main: [[{ node: 'Side effect', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = {
	AUDIT_WORKFLOW_ID,
	TRIGGER_WORKFLOW_ID,
	REMOVE_DUPLICATES_WORKFLOW_ID,
	AUDIT_PATH,
	TRIGGER_WEBHOOK_ID,
	CREDENTIAL_IDS,
	CLAIM_SETUP_SQL,
	CLAIM_QUERY,
	credentials,
	auditWorkflow,
	triggerWorkflow,
	removeDuplicatesWorkflow,
	triggerPath: () => `/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
	removeDuplicatesPath: () => `/webhook/${REMOVE_DUPLICATES_WEBHOOK_ID}/webhook`,
	auditPath: () => `/webhook/${AUDIT_PATH}`,
};
