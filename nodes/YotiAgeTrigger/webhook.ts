import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	YOTI_AGE_NOTIFICATION_PUBLIC_KEY,
	ageNotificationItem,
	ageNotificationKey,
	notificationPublicKey,
	parseAgeNotification,
	parseJsonObjectBody,
	verifyAgeNotification,
	type AgeNotification,
} from '../Yoti/core/ageNotification';
import { flattenAgeResult } from '../Yoti/core/ageVerification';
import { yotiRequest } from '../Yoti/transport';
import { checkAndRecord } from '../YotiTrigger/dedupe';
import { recentEntries, storeRecentEntries } from '../YotiTrigger/recent';

/** Where the de-duplication state lives in the node's workflow static data. */
export const AGE_STATIC_DATA_KEY = 'recentAgeNotifications';
/** Yoti retries a notification until it gets 200 (schedule not documented): repeats are remembered for a day. */
export const AGE_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const AGE_DEDUPE_MAX_ENTRIES = 2000;

export type Clock = () => number;

/**
 * One delivery: the signature is verified first (401, no run, when it does not), then the
 * state filter and the repeat check (200, no run), then one item. Yoti gets its 200 before
 * the result is re-read.
 */
export async function handleAgeNotification(this: IWebhookFunctions, clock: Clock = Date.now): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as { rawBody?: Buffer | string };
	const parsedBody = parseJsonObjectBody(request.rawBody, this.getBodyData());
	if (!parsedBody.ok) return refuse(this, 400, parsedBody.message);

	let key;
	try {
		const choice = this.getNodeParameter('publicKey', 'yoti');
		key = notificationPublicKey(choice === 'custom' ? String(this.getNodeParameter('customPublicKey', '')) : YOTI_AGE_NOTIFICATION_PUBLIC_KEY);
	} catch (error) {
		// The node is misconfigured: nothing can be verified, so nothing is accepted.
		return refuse(this, 500, error instanceof Error ? error.message : 'The verification key cannot be read');
	}
	if (!verifyAgeNotification(parsedBody.body, key)) {
		return refuse(this, 401, 'The notification signature does not verify');
	}

	const parsed = parseAgeNotification(undefined, parsedBody.body);
	if (!parsed.ok) return refuse(this, 400, parsed.message);
	const notification = parsed.notification;

	const states = this.getNodeParameter('states', []) as unknown;
	if (Array.isArray(states) && states.length > 0 && !states.map((s) => String(s).toUpperCase()).includes(notification.state.toUpperCase())) {
		return { webhookResponse: { received: true, skipped: 'state not selected' } };
	}
	const dedupeKey = ageNotificationKey(notification);
	if (isRepeat(this, dedupeKey, clock())) {
		return { webhookResponse: { received: true, skipped: 'duplicate' } };
	}

	answer(this, 200);
	const item =
		this.getNodeParameter('fetchResult', false) === true
			? await readResult(this, notification)
			: (ageNotificationItem(notification) as IDataObject);
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([{ ...item, dedupe_key: dedupeKey }])] };
}

function isRepeat(ctx: IWebhookFunctions, key: string, nowMs: number): boolean {
	const options = { windowMs: AGE_DEDUPE_WINDOW_MS, maxEntries: AGE_DEDUPE_MAX_ENTRIES };
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = checkAndRecord(staticData[AGE_STATIC_DATA_KEY], key, nowMs, options);
	staticData[AGE_STATIC_DATA_KEY] = stored.entries;
	const node = ctx.getNode();
	const scope = `age:${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	const recent = checkAndRecord(recentEntries(scope), key, nowMs, options);
	storeRecentEntries(scope, recent.entries);
	return stored.duplicate || recent.duplicate;
}

async function readResult(ctx: IWebhookFunctions, notification: AgeNotification): Promise<IDataObject> {
	const fromNotification = ageNotificationItem(notification);
	const trailer: IDataObject = {
		notification_id: notification.id,
		notification_state: notification.state,
		sequence_number: notification.sequence_number,
		notified_at: fromNotification.notified_at,
	};
	try {
		const { body } = await yotiRequest<unknown>(ctx, {
			api: 'age',
			method: 'GET',
			path: `/sessions/${encodeURIComponent(notification.session_key)}/result`,
			resource: 'session',
		});
		return { ...(flattenAgeResult(body, notification.session_key) as IDataObject), ...trailer };
	} catch (error) {
		const message = error instanceof Error && error.message ? error.message : 'unknown error';
		return { ...(fromNotification as IDataObject), fetch_failed: true, error: `Could not read the result from Yoti: ${message}` };
	}
}

function refuse(ctx: IWebhookFunctions, status: 400 | 401 | 500, message: string): IWebhookResponseData {
	answer(ctx, status, { error: message });
	return { noWebhookResponse: true };
}

function answer(ctx: IWebhookFunctions, status: number, body?: IDataObject): void {
	const res = ctx.getResponseObject();
	res.statusCode = status;
	if (body === undefined) {
		res.end();
		return;
	}
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
}
