/*
 * Yoti Sign envelopes: pure readers (never throw on odd shapes) that turn Yoti Sign answers and
 * notifications into flat items, and pure checks of what Create sends. Imports nothing from n8n.
 *
 * Tolerated spellings (../shared/reference/yoti-sign-envelopes.md, "NC" points):
 * - envelope completion is `COMPLETE` (GET) or `COMPLETED` (/status): both give `COMPLETED`;
 *   `FILE_UPLOAD_ERROR` (the docs' errored example) gives `ERRORED`; `status_raw` keeps Yoti's word;
 * - a recipient's `id` may be missing (older deployments): `recipient_id` is then null;
 * - `envelope_ready` lists recipients as `{Token, Email}` (capitalised) or `{token, email}`;
 * - search answers `envelope` (the name) or `envelope_name`/`name`;
 * - timestamps are passed on as Yoti wrote them.
 */
import { isRecord, list, text } from './read';

export type EnvelopeStatus = 'QUEUED' | 'ACTIVE' | 'COMPLETED' | 'ARCHIVED' | 'ERRORED' | string;

/** Yoti's envelope status in one spelling (see the file comment); null when absent. */
export function normaliseEnvelopeStatus(value: unknown): EnvelopeStatus | null {
	const raw = text(value);
	if (raw === null || raw.trim() === '') return null;
	const upper = raw.trim().toUpperCase();
	if (upper === 'COMPLETE' || upper === 'COMPLETED') return 'COMPLETED';
	if (upper === 'ERRORED' || upper === 'ERROR' || upper.endsWith('_ERROR')) return 'ERRORED';
	return upper;
}

function errorTexts(value: unknown): string[] {
	return list(value, (entry) => {
		if (!isRecord(entry)) return text(entry);
		const parts = [text(entry.file_name), text(entry.code), text(entry.message)].filter((p): p is string => p !== null && p !== '');
		return parts.length ? parts.join(': ') : null;
	});
}

function details(body: Record<string, unknown>): Record<string, unknown> {
	return isRecord(body.details) ? body.details : {};
}

/** A recipient item (Get Recipients; also the recipients of a Sign notification). */
export interface EnvelopeRecipientItem {
	envelope_id: string | null;
	recipient_id: string | null;
	name: string | null;
	email: string | null;
	role: string | null;
	type: string | null;
	sign_status: string | null;
	signed: boolean;
	signed_at: string | null;
	sign_group_order: number | null;
	last_email_status: string | null;
	auth_type: string | null;
	[key: string]: string | number | boolean | null;
}

function recipientItem(envelopeId: string | null, value: unknown): EnvelopeRecipientItem | null {
	if (!isRecord(value)) return null;
	const signStatus = text(value.sign_status);
	const order = typeof value.sign_group_order === 'number' ? value.sign_group_order : typeof value.sign_group === 'number' ? value.sign_group : null;
	return {
		envelope_id: envelopeId,
		recipient_id: text(value.id) ?? text(value.recipient_id),
		name: text(value.name),
		email: text(value.email),
		role: text(value.role),
		type: text(value.type),
		sign_status: signStatus,
		signed: signStatus !== null && signStatus.toUpperCase() === 'SIGNED',
		signed_at: text(value.signed_at) || null,
		sign_group_order: order,
		last_email_status: text(value.last_email_status),
		auth_type: text(value.auth_type),
	};
}

/** One item per recipient of a GET /envelopes/{id} answer or a notification, in Yoti's order. */
export function envelopeRecipientItems(body: unknown, envelopeId?: string): EnvelopeRecipientItem[] {
	if (!isRecord(body)) return [];
	const id = text(body.envelope_id) ?? envelopeId ?? null;
	const fromDetails = details(body).recipients;
	return list(Array.isArray(fromDetails) ? fromDetails : body.recipients, (r) => recipientItem(id, r));
}

/** The item of Get: the envelope in one flat row. */
export interface EnvelopeItem {
	envelope_id: string | null;
	status: EnvelopeStatus | null;
	complete: boolean;
	envelope_name: string | null;
	completed_at: string | null;
	archived_at: string | null;
	recipients_total: number;
	recipients_signed: number;
	file_names: string[];
	errors: string[];
	status_raw: string | null;
	[key: string]: string | number | boolean | null | string[];
}

export function flattenEnvelope(body: unknown, envelopeId?: string): EnvelopeItem {
	const record = isRecord(body) ? body : {};
	const d = details(record);
	const recipients = envelopeRecipientItems(record, envelopeId);
	const signed = recipients.filter((r) => r.signed).length;
	const status = normaliseEnvelopeStatus(record.status);
	return {
		envelope_id: text(record.envelope_id) ?? envelopeId ?? null,
		status,
		complete: status === 'COMPLETED',
		envelope_name: text(record.envelope_name) ?? text(record.name) ?? text(record.envelope) ?? null,
		completed_at: text(d.completed_at) || null,
		archived_at: text(d.archived_at) || null,
		recipients_total: recipients.length,
		recipients_signed: signed,
		file_names: list(d.files, (f) => (isRecord(f) ? text(f.name) : null)),
		errors: errorTexts(d.errors),
		status_raw: text(record.status),
	};
}

/** The item of Get Status (GET /envelopes/{id}/status). */
export function envelopeStatusItem(body: unknown, envelopeId: string): Record<string, string | boolean | null | string[]> {
	const record = isRecord(body) ? body : {};
	const status = normaliseEnvelopeStatus(record.status);
	return {
		envelope_id: text(record.envelope_id) ?? envelopeId,
		status,
		complete: status === 'COMPLETED',
		errors: errorTexts(details(record).errors),
		status_raw: text(record.status),
	};
}

/** A search / find row. */
export interface EnvelopeSummaryItem {
	envelope_id: string | null;
	envelope_name: string | null;
	status: EnvelopeStatus | null;
	created_at: string | null;
	status_raw: string | null;
	[key: string]: string | null;
}

export function envelopeSummaryItems(body: unknown): EnvelopeSummaryItem[] {
	const rows = isRecord(body) ? body.envelopes : Array.isArray(body) ? body : [];
	return list(rows, (row) => {
		if (!isRecord(row)) return null;
		const id = text(row.envelope_id) ?? text(row.id);
		if (!id) return null;
		return {
			envelope_id: id,
			envelope_name: text(row.envelope) ?? text(row.envelope_name) ?? text(row.name),
			status: normaliseEnvelopeStatus(row.status),
			created_at: text(row.created_at),
			status_raw: text(row.status),
		};
	});
}

/** `total` of a search answer; null when absent. */
export function searchTotal(body: unknown): number | null {
	if (!isRecord(body)) return null;
	const total = Number(body.total);
	return typeof body.total === 'number' || (typeof body.total === 'string' && body.total.trim() !== '') ? (Number.isFinite(total) ? total : null) : null;
}

/** Embedded envelope answer: each recipient's token and e-mail (`{token, email}` or `{Token, Email}`). */
export function embeddedRecipients(body: unknown): Array<{ email: string | null; token: string }> {
	const rows = isRecord(body) ? body.recipients : undefined;
	return list(rows, (row) => {
		if (!isRecord(row)) return null;
		const token = text(row.token) ?? text(row.Token);
		if (!token) return null;
		return { email: text(row.email) ?? text(row.Email), token };
	});
}

// ---------------------------------------------------------------------------------------------
// Sign notifications (webhooks).

export const SIGN_TOPICS: ReadonlyArray<{ name: string; value: string; description: string }> = [
	{ name: 'Envelope Completion', value: 'envelope_completion', description: 'Every recipient has signed' },
	{ name: 'Signer Completion', value: 'signer_completion', description: 'One recipient has signed' },
	{ name: 'Envelope Ready', value: 'envelope_ready', description: 'The envelope is sealed and sent (carries the embedded tokens)' },
	{ name: 'Envelope Created', value: 'envelope_created', description: "Alias of Envelope Ready; Yoti sends both if both are subscribed" },
	{ name: 'Upload Errors', value: 'upload_errors', description: 'The envelope could not be created (e.g. a tag on a page that does not exist)' },
	{ name: 'Sign Offline Upload Errors', value: 'sign_offline_upload_errors', description: 'A document signed offline could not be processed' },
	{ name: 'IDV Resource Update', value: 'idv_resource_update', description: "A recipient's identity verification resource changed" },
	{ name: 'IDV Session Completion', value: 'idv_session_completion', description: "A recipient's identity verification finished" },
	{ name: 'IDV Check Completion', value: 'idv_check_completion', description: "A check of a recipient's identity verification finished" },
	{ name: 'IDV Task Completion', value: 'idv_task_completion', description: "A task of a recipient's identity verification finished" },
	{ name: 'IDV Session Limit Reached', value: 'idv_session_limit_reached', description: 'A recipient used up their identity verification attempts' },
];

export interface SignNotification {
	envelope_id: string;
	topic: string;
	/** The recipient the notification is about, when it names exactly one that changed (signer_completion). */
	recipient_id: string | null;
	body: Record<string, unknown>;
}

/** Reads a Sign notification body; null when it is not an object with `envelope_id` and `subscription_name` (or `topic`). */
export function readSignNotification(body: unknown): SignNotification | null {
	if (!isRecord(body)) return null;
	const envelopeId = text(body.envelope_id);
	const topic = text(body.subscription_name) ?? text(body.topic);
	if (!envelopeId || !topic) return null;
	return { envelope_id: envelopeId, topic: topic.trim().toLowerCase(), recipient_id: notifiedRecipient(body), body };
}

/**
 * The recipient a notification is about: an explicit `recipient_id`, or for `signer_completion`
 * the signer who signed last (latest `signed_at`), so one signer's repeat is one key.
 */
function notifiedRecipient(body: Record<string, unknown>): string | null {
	const explicit = text(body.recipient_id);
	if (explicit) return explicit;
	const topic = (text(body.subscription_name) ?? text(body.topic) ?? '').toLowerCase();
	if (topic !== 'signer_completion') return null;
	const signed = envelopeRecipientItems(body).filter((r) => r.signed && r.recipient_id);
	if (signed.length === 0) return null;
	const latest = signed.reduce((a, b) => ((b.signed_at ?? '') > (a.signed_at ?? '') ? b : a));
	return latest.recipient_id;
}

/** One flat item for a notification: the envelope's row, the topic, the notified recipient. */
export function signNotificationItem(n: SignNotification): Record<string, unknown> {
	const flat = flattenEnvelope(n.body, n.envelope_id);
	const item: Record<string, unknown> = {
		envelope_id: n.envelope_id,
		topic: n.topic,
		status: flat.status,
		complete: flat.complete,
		envelope_name: flat.envelope_name,
		recipient_id: n.recipient_id,
		completed_at: flat.completed_at,
		recipients_total: flat.recipients_total,
		recipients_signed: flat.recipients_signed,
		file_names: flat.file_names,
		errors: flat.errors,
	};
	const tokens = embeddedRecipients(n.body);
	if (tokens.length) item.recipient_tokens = tokens.map((t) => ({ email: t.email, token: t.token }));
	return item;
}

// ---------------------------------------------------------------------------------------------
// What Create sends: checks made before any request.

export const ACCEPTED_FILE_KINDS = ['pdf', 'docx', 'doc'] as const;
export type FileKind = (typeof ACCEPTED_FILE_KINDS)[number];

export const FILE_MIME: Record<FileKind, string> = {
	pdf: 'application/pdf',
	// As Yoti's own page names the .docx type.
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
	doc: 'application/msword',
};

/** What the bytes are: a PDF (`%PDF-` in the first KB), a .docx (a zip named .docx) or a .doc (OLE2); else null. */
export function fileKind(bytes: Uint8Array, fileName: string): FileKind | null {
	const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
	if (head.includes('%PDF-')) return 'pdf';
	const lower = fileName.toLowerCase();
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 && /\.(docx|dotx)$/.test(lower)) return 'docx';
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0 && /\.(doc|dot)$/.test(lower)) return 'doc';
	return null;
}

/**
 * The number of pages of a PDF when it can be read without decompressing: the largest
 * `/Count n` of a `/Type /Pages` node, else the number of `/Type /Page` objects. Null when
 * neither is visible (pages inside compressed object streams): Yoti then judges the tags.
 */
export function pdfPageCount(bytes: Uint8Array): number | null {
	const textBody = Buffer.from(bytes).toString('latin1');
	let best: number | null = null;
	const pagesNode = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g;
	for (let match = pagesNode.exec(textBody); match; match = pagesNode.exec(textBody)) {
		const n = Number(match[1] ?? match[2]);
		if (Number.isFinite(n) && (best === null || n > best)) best = n;
	}
	if (best !== null) return best;
	const pages = textBody.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
	return pages && pages.length > 0 ? pages.length : null;
}

/** Tag position limits (Yoti: page fractions 0-0.949). */
export const TAG_MAX_FRACTION = 0.949;

/** The tag `type`s Yoti documents (Date Signed and Attachment exist too, but their JSON names are not confirmed). */
export const TAG_TYPES = ['signature', 'initials', 'text_field', 'checkbox_field', 'radio_field'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(value: string): boolean {
	return EMAIL.test(value.trim());
}

/** Characters Yoti refuses in names and roles. */
export const FORBIDDEN_NAME_CHARS = /[/\\:*?<>|]/;
