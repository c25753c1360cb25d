import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { sessionItems, type OutputMode } from '../Yoti/core';
import { yotiRequest } from '../Yoti/transport';
import { isAuthorized, type NotificationAuthType } from './auth';
import { checkAndRecord, dedupeKey } from './dedupe';
import { isSessionFinished } from './finished';
import { isTopicSelected, parseNotification, type YotiNotification } from './notification';
import { notifiedItems } from './notifiedOnly';
import { recentEntries, storeRecentEntries } from './recent';

/** Where the de-duplication state lives in the node's workflow static data. */
export const STATIC_DATA_KEY = 'recentNotifications';

const OUTPUT_MODES: readonly OutputMode[] = ['checks', 'subChecks', 'summary', 'tasks', 'media', 'raw'];

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;

/**
 * Handles one delivery. Refusals (401, 400, 413) are written here and start no run; accepted
 * notifications that are filtered out or repeated get 200 without a run. Without authentication
 * only a notification whose fetched session is finished counts as a repeat.
 */
export async function handleNotification(
	this: IWebhookFunctions,
	clock: Clock = Date.now,
): Promise<IWebhookResponseData> {
	const authenticated = this.getNodeParameter('authentication', 'yotiNotificationAuthApi') !== 'none';
	if (authenticated) {
		const credentials = await this.getCredentials('yotiNotificationAuthApi');
		// The credential's default is Basic.
		const authType = String(credentials.authType).toLowerCase() === 'bearer' ? 'bearer' : 'basic';
		const token = typeof credentials.authToken === 'string' ? credentials.authToken : '';
		if (!isAuthorized(this.getHeaderData().authorization, authType, token)) {
			return refuse(this, 401, 'Missing or wrong Authorization header', authType);
		}
	}

	const request = this.getRequestObject() as { rawBody?: unknown };
	const parsed = parseNotification(request.rawBody, this.getBodyData());
	if (!parsed.ok) return refuse(this, parsed.status, parsed.message);
	const notification = parsed.notification;

	if (!isTopicSelected(this.getNodeParameter('topics', []), notification.topic)) {
		return { webhookResponse: { received: true, skipped: 'topic not selected' } };
	}
	// The same key in every process: a step after the trigger (a database claim on it) can make
	// the effect happen once where this process's record of repeats cannot.
	const dedupe_key = dedupeKey(notification);
	// Only an authenticated notification is remembered before the session is read. Without
	// authentication anyone who knows a session ID (the end user: it is in user_url) can post
	// one, and remembering a forged one would drop the genuine one as its repeat.
	if (authenticated && isRepeat(this, dedupe_key, clock())) {
		return { webhookResponse: { received: true, skipped: 'duplicate' } };
	}

	if (this.getNodeParameter('fetchSession', false) !== true) {
		// Without authentication nothing here tells a forged notification from Yoti's, so every
		// one starts a run (de-duplication off) and its dedupe_key is left to a claim downstream.
		// Answered here rather than by n8n: on n8n 2.40 the static data (the de-duplication
		// record) is saved only on this path once a run starts (test/scale/FINDINGS.md).
		answer(this, 200);
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([{ ...notificationItem(notification), dedupe_key }])] };
	}

	// Yoti gets its 200 before the session is read, so a slow or failing read never makes it
	// wait or retry; the run then starts with whatever the read produced.
	answer(this, 200);
	const { items, finished } = await fetchSessionItems(this, notification);
	// Without authentication the repeat window applies only once the session Yoti returned can
	// no longer change: that run shows what a genuine repeat would. A session still running, or
	// a failed read, is neither suppressed nor remembered, so the genuine notification runs too.
	// Checked synchronously after the read, so concurrent repeats in this process still run once.
	if (!authenticated && finished && isRepeat(this, dedupe_key, clock())) {
		return { noWebhookResponse: true };
	}
	return {
		noWebhookResponse: true,
		workflowData: [this.helpers.returnJsonArray(items.map((item) => ({ ...item, dedupe_key })))],
	};
}

/** Checks and records the notification, in static data and in this process's memory. */
function isRepeat(ctx: IWebhookFunctions, key: string, nowMs: number): boolean {
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = checkAndRecord(staticData[STATIC_DATA_KEY], key, nowMs);
	staticData[STATIC_DATA_KEY] = stored.entries;

	const node = ctx.getNode();
	const scope = `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	const recent = checkAndRecord(recentEntries(scope), key, nowMs);
	storeRecentEntries(scope, recent.entries);

	return stored.duplicate || recent.duplicate;
}

/** The items of the run and whether the session read can no longer change (false if the read failed). */
async function fetchSessionItems(
	ctx: IWebhookFunctions,
	notification: YotiNotification,
): Promise<{ items: IDataObject[]; finished: boolean }> {
	// The trigger's default is `summary`: one item per notification, the thing a flow routes on.
	const outputParam = ctx.getNodeParameter('output', 'summary') as OutputMode;
	const output = OUTPUT_MODES.includes(outputParam) ? outputParam : 'summary';
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const attempts = typeof options.attempts === 'number' ? options.attempts : 3;
	try {
		const response = await yotiRequest<unknown>(
			ctx,
			{ api: 'idv', method: 'GET', path: `/sessions/${notification.session_id}`, resource: 'session' },
			{ attempts },
		);
		const finished = isSessionFinished(response.body);
		let items = sessionItems(response.body, output) as IDataObject[];
		if (ctx.getNodeParameter('notifiedOnly', true) !== false) items = notifiedItems(items, output, notification);
		if (items.length === 0) {
			// e.g. `checks` of a session with no checks yet (or none matching the notification):
			// still tell the workflow it happened.
			return { items: [{ ...notificationItem(notification), session_state: sessionState(response.body) }], finished };
		}
		return { items: items.map((item) => withNotification(item, notification)), finished };
	} catch (error) {
		// One item a Switch on `decision` can route (summary) or `fetch_failed` can filter.
		const leading: IDataObject = { session_id: notification.session_id, ...(output === 'summary' ? { decision: 'ERROR' } : {}) };
		const item = Object.assign(leading, notificationItem(notification), { fetch_failed: true, error: describeFailure(error) });
		return { items: [item], finished: false };
	}
}

const NOTIFICATION_IDS = ['check_id', 'task_id', 'resource_id'] as const;

/** The bare notification: IDs Yoti did not send are left out rather than shown as nulls. */
export function notificationItem(notification: YotiNotification): IDataObject {
	const item: IDataObject = { session_id: notification.session_id, topic: notification.topic };
	for (const name of NOTIFICATION_IDS) {
		if (notification[name] !== null) item[name] = notification[name];
	}
	return item;
}

/**
 * A session item followed by the notification's topic and IDs. The item's own fields come first
 * (n8n's table view shows the first columns); an ID is added under its own name unless the item
 * has that field already (a check item keeps its own check_id), and under notification_*, only
 * when the notification carries it.
 */
export function withNotification(item: IDataObject, notification: YotiNotification): IDataObject {
	const result: IDataObject = { ...item, topic: notification.topic };
	for (const name of NOTIFICATION_IDS) {
		const value = notification[name];
		if (value === null) continue;
		if (!(name in item)) result[name] = value;
		result[`notification_${name}`] = value;
	}
	return result;
}

function sessionState(session: unknown): string | null {
	const state = (session as { state?: unknown } | null)?.state;
	return typeof state === 'string' ? state : null;
}

/** The transport's errors already carry the contract's messages and no secret. */
function describeFailure(error: unknown): string {
	const message = error instanceof Error && error.message ? error.message : 'unknown error';
	return `Could not read the session from Yoti: ${message}`;
}

function refuse(
	ctx: IWebhookFunctions,
	status: 400 | 401 | 413,
	message: string,
	authType?: NotificationAuthType,
): IWebhookResponseData {
	const challenge = authType === 'basic' ? 'Basic' : 'Bearer';
	answer(ctx, status, { error: message }, status === 401 ? { 'WWW-Authenticate': `${challenge} realm="Yoti notifications"` } : {});
	return { noWebhookResponse: true };
}

/** Written with Node's own response API, which both Express 4 and 5 (n8n 1.x, 2.x) keep. */
function answer(
	ctx: IWebhookFunctions,
	status: number,
	body?: IDataObject,
	headers: Record<string, string> = {},
): void {
	const res = ctx.getResponseObject();
	res.statusCode = status;
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	if (body === undefined) {
		res.end();
		return;
	}
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
}
