import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isUuid, parseJsonText } from '../Yoti/core';
import {
	envelopeRecipientItems,
	flattenEnvelope,
	readSignNotification,
	signNotificationItem,
	type SignNotification,
} from '../Yoti/core/envelope';
import { yotiRequest } from '../Yoti/transport';
import { checkAndRecord } from '../YotiTrigger/dedupe';
import { isTopicSelected } from '../YotiTrigger/notification';
import { recentEntries, storeRecentEntries } from '../YotiTrigger/recent';
import { confirmsNotification } from './confirm';

/** Where the de-duplication state lives in the node's workflow static data. */
export const STATIC_DATA_KEY = 'recentSignNotifications';
/** Sign notifications list every recipient with their tags: larger than IDV's, still bounded. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Clock = () => number;

/** The signer a notification is about: its recipient_id, else (signer_completion) the latest signer's e-mail. */
function notifiedSigner(n: SignNotification): { recipientId: string | null; email: string | null } {
	if (n.topic !== 'signer_completion') return { recipientId: n.recipient_id, email: null };
	const signed = envelopeRecipientItems(n.body).filter((r) => r.signed);
	const latest = signed.length ? signed.reduce((a, b) => ((b.signed_at ?? '') > (a.signed_at ?? '') ? b : a)) : undefined;
	return { recipientId: n.recipient_id, email: latest?.email ?? null };
}

/**
 * A short stable key for one notification (envelope, topic, notified signer), the same in every
 * n8n process; emitted on every item as `dedupe_key` for a claim downstream.
 */
export function signDedupeKey(envelopeId: string, topic: string, signer: string | null): string {
	return createHash('sha256').update(JSON.stringify(['sign', envelopeId.toLowerCase(), topic.toLowerCase(), signer])).digest('base64url').slice(0, 22);
}

function readBody(ctx: IWebhookFunctions): { ok: true; body: unknown } | { ok: false; status: 400 | 413; message: string } {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	if ((Buffer.isBuffer(raw) || typeof raw === 'string') && raw.length > 0) {
		const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
		if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: `Body larger than ${MAX_BODY_BYTES} bytes` };
		try {
			return { ok: true, body: parseJsonText(raw) };
		} catch {
			return { ok: false, status: 400, message: 'Body is not valid JSON' };
		}
	}
	return { ok: true, body: ctx.getBodyData() };
}

function httpCode(error: unknown): string | undefined {
	const code = (error as { httpCode?: unknown } | null)?.httpCode;
	return typeof code === 'string' ? code : undefined;
}

/**
 * Handles one Yoti Sign notification. Yoti Sign sends no authentication, so the URL's random
 * webhook ID is the only secret, and with Confirm With Yoti (default) the envelope is re-read
 * with the Sign credential: a notification its envelope contradicts starts no run and is not
 * remembered (a forged one cannot suppress the genuine one). Repeats of a confirmed
 * notification within 10 minutes start no second run; without confirmation nothing is dropped.
 */
export async function handleSignNotification(this: IWebhookFunctions, clock: Clock = Date.now): Promise<IWebhookResponseData> {
	const read = readBody(this);
	if (!read.ok) return refuse(this, read.status, read.message);
	const notification = readSignNotification(read.body);
	if (!notification) return refuse(this, 400, 'Not a Yoti Sign notification: envelope_id and subscription_name are required');
	if (!isUuid(notification.envelope_id)) return refuse(this, 400, 'envelope_id is not a UUID');
	if (!isTopicSelected(this.getNodeParameter('topics', []), notification.topic)) {
		return { webhookResponse: { received: true, skipped: 'topic not selected' } };
	}
	const signer = notifiedSigner(notification);
	const dedupe_key = signDedupeKey(notification.envelope_id, notification.topic, signer.recipientId ?? signer.email);
	const fromNotification = signNotificationItem(notification);

	if (this.getNodeParameter('confirmWithYoti', true) === false) {
		answer(this, 200);
		const item = { ...fromNotification, recipient_email: signer.email, confirmed: false, dedupe_key };
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([item as IDataObject])] };
	}

	// Yoti gets its 200 before the envelope is read: a slow read never makes it wait or retry.
	answer(this, 200);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const attempts = typeof options.attempts === 'number' ? options.attempts : 3;
	let envelope: unknown;
	try {
		envelope = (
			await yotiRequest(this, { api: 'sign', method: 'GET', path: `/envelopes/${notification.envelope_id.toLowerCase()}`, resource: 'envelope' }, { attempts })
		).body;
	} catch (error) {
		const code = httpCode(error);
		// Not an envelope this key can read (unknown, or another account's): nothing to confirm, no run.
		if (code === '404' || code === '403' || code === '400') return { noWebhookResponse: true };
		const message = error instanceof Error && error.message ? error.message : 'unknown error';
		const item = { ...fromNotification, recipient_email: signer.email, confirmed: false, confirm_failed: true, error: `Could not read the envelope from Yoti Sign: ${message}`, dedupe_key };
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([item as IDataObject])] };
	}
	const flat = flattenEnvelope(envelope, notification.envelope_id);
	const recipients = envelopeRecipientItems(envelope, notification.envelope_id);
	if (!confirmsNotification(notification, flat, recipients, signer.email)) return { noWebhookResponse: true };
	// Checked synchronously after the read, so concurrent repeats in this process still run once.
	if (isRepeat(this, dedupe_key, clock())) return { noWebhookResponse: true };

	// Yoti's envelope is the truth; the notification adds only what GET does not carry.
	const item: IDataObject = {
		envelope_id: flat.envelope_id ?? notification.envelope_id,
		topic: notification.topic,
		confirmed: true,
		status: flat.status,
		complete: flat.complete,
		envelope_name: fromNotification.envelope_name as string | null,
		recipient_id: signer.recipientId,
		recipient_email: signer.email,
		completed_at: flat.completed_at,
		archived_at: flat.archived_at,
		recipients_total: flat.recipients_total,
		recipients_signed: flat.recipients_signed,
		errors: flat.errors.length ? flat.errors : (fromNotification.errors as string[]),
		status_raw: flat.status_raw,
	};
	if (fromNotification.recipient_tokens) item.recipient_tokens = fromNotification.recipient_tokens as IDataObject[];
	item.dedupe_key = dedupe_key;
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([item])] };
}

function isRepeat(ctx: IWebhookFunctions, key: string, nowMs: number): boolean {
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = checkAndRecord(staticData[STATIC_DATA_KEY], key, nowMs);
	staticData[STATIC_DATA_KEY] = stored.entries;
	const node = ctx.getNode();
	const scope = `sign:${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	const recent = checkAndRecord(recentEntries(scope), key, nowMs);
	storeRecentEntries(scope, recent.entries);
	return stored.duplicate || recent.duplicate;
}

function refuse(ctx: IWebhookFunctions, status: 400 | 413, message: string): IWebhookResponseData {
	answer(ctx, status, { error: message });
	return { noWebhookResponse: true };
}

/** Written with Node's own response API, which both Express 4 and 5 (n8n 1.x, 2.x) keep. */
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
