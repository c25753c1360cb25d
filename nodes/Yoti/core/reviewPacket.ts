import { flattenChecks } from './checks';
import { identityResources } from './identity';
import { isUuid } from './ids';
import { flattenMedia } from './media';
import { summarizeSession } from './summary';
import type { FieldValue, FlatItem } from './types';

/**
 * The message a person reviewing a session reads (session → Get Review Packet): what was
 * flagged, who the person is, which images are attached, as plain text and as an HTML snippet
 * every value of which is escaped (names and reasons come from documents and from Yoti, never
 * trusted as markup). Pure: the operation downloads the document fields and the images and
 * hands them in.
 */

/** The binary property each review image is attached under, in the order a reviewer reads them. */
export type ReviewImageProperty = 'document_page' | 'document_photo' | 'face';

export interface ReviewImage {
	property: ReviewImageProperty;
	media_id: string;
	/** The media role it was found under (contract "Media item"). */
	media_role: string;
}

const IMAGE_LABELS: Record<ReviewImageProperty, string> = {
	document_page: 'document page',
	document_photo: 'photo on the document',
	face: 'face captured in the session',
};

/**
 * The images a reviewer compares: the first ID document page, the document's ID photo, and the
 * person's face (a face-capture image, else the first liveness frame). Only media Yoti marks as
 * IMAGE (or leaves untyped) with a UUID ID; each property at most once.
 */
export function reviewImages(session: unknown): ReviewImage[] {
	const media = flattenMedia(session).filter(
		(item) => isUuid(item.media_id) && (item.media_type === null || item.media_type.toUpperCase() === 'IMAGE'),
	);
	const first = (roles: string[]) => {
		for (const role of roles) {
			const found = media.find((item) => item.media_role === role);
			if (found) return found;
		}
		return undefined;
	};
	const picks: Array<[ReviewImageProperty, string[]]> = [
		['document_page', ['document_page']],
		['document_photo', ['document_id_photo']],
		['face', ['face_capture_image', 'liveness_frame']],
	];
	const images: ReviewImage[] = [];
	for (const [property, roles] of picks) {
		const found = first(roles);
		if (found) images.push({ property, media_id: found.media_id.trim(), media_role: found.media_role });
	}
	return images;
}

/** The document whose fields (name, date of birth) the packet shows: the first ID document that has them. */
export function reviewDocument(session: unknown): { resource_id: string | null; document_fields_media_id: string | null } | null {
	const documents = identityResources(session).filter((d) => d.document_category === 'ID_DOCUMENT');
	const withFields = documents.find((d) => d.document_fields_media_id !== null) ?? documents[0];
	return withFields ? { resource_id: withFields.resource_id, document_fields_media_id: withFields.document_fields_media_id } : null;
}

export type ReviewPacketItem = FlatItem & {
	session_id: string | null;
	decision: string;
	review_subject: string;
	flagged_checks: string[];
	flagged_check_types: string[];
	recommendation_reasons: string[];
	failed_sub_checks: string[];
	watchlist_total_hits: number | null;
	identity_profile_failure_reason: string | null;
	full_name: string | null;
	date_of_birth: string | null;
	nationality: string | null;
	document_type: string | null;
	issuing_country: string | null;
	session_state: string | null;
	user_tracking_id: string | null;
	images: string[];
	images_missing: string[];
	attachments: string;
	review_text: string;
	review_html: string;
};

export interface ReviewPacketInput {
	/** The session result (GET /sessions/{id}). */
	session: unknown;
	/** The document-fields media of `reviewDocument`, parsed; null when there was none to read. */
	documentFields?: unknown;
	/** The images actually attached (downloaded with content), in `reviewImages` order. */
	attached?: ReviewImage[];
	/** Images the session lists that could not be attached (no content, expired, deleted). */
	missing?: ReviewImage[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, as element content or a quoted attribute. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function fieldText(fields: Record<string, FieldValue>, key: string): string | null {
	const value = fields[key];
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

function flatFields(documentFields: unknown): Record<string, FieldValue> {
	if (typeof documentFields !== 'object' || documentFields === null || Array.isArray(documentFields)) return {};
	const out: Record<string, FieldValue> = {};
	for (const [key, value] of Object.entries(documentFields as Record<string, unknown>)) {
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value as FieldValue;
	}
	return out;
}

const unique = (values: Array<string | null | undefined>): string[] => [
	...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '')),
];

/** One line per flagged check: `TYPE: RECOMMENDATION (reason); failed sub-checks: a, b; N watchlist hits`. */
function checkLine(check: ReturnType<typeof flattenChecks>[number]): string {
	const parts = [`${check.check_type ?? 'UNKNOWN_CHECK'}: ${check.recommendation ?? `not finished (${check.check_state ?? 'no state'})`}`];
	if (check.recommendation_reason) parts[0] += ` (${check.recommendation_reason})`;
	if (check.failed_sub_checks.length) parts.push(`failed sub-checks: ${check.failed_sub_checks.join(', ')}`);
	const hits = check.watchlist_total_hits;
	if (typeof hits === 'number') parts.push(`${hits} watchlist ${hits === 1 ? 'hit' : 'hits'}`);
	return parts.join('; ');
}

/**
 * The review packet: one flat item. `flagged_checks` lists every check that did not recommend
 * APPROVE (one line each); `failed_sub_checks` every failed breakdown row of any check as
 * `CHECK_TYPE: sub_check`; `watchlist_total_hits` the sum over watchlist checks (null without
 * one). `attachments` joins the attached images' binary property names with commas, ready for
 * Send Email's Attachments option; the HTML shows them inline as `cid:<property>`.
 */
export function buildReviewPacket({ session, documentFields = null, attached = [], missing = [] }: ReviewPacketInput): ReviewPacketItem {
	const summary = summarizeSession(session);
	const checks = flattenChecks(session);
	const flagged = checks.filter((c) => c.recommendation !== 'APPROVE');
	const fields = flatFields(documentFields);
	const document = identityResources(session).find((d) => d.document_category === 'ID_DOCUMENT') ?? null;
	const hits = checks.map((c) => c.watchlist_total_hits).filter((h): h is number => typeof h === 'number');

	const fullName = fieldText(fields, 'full_name') ?? (unique([fieldText(fields, 'given_names'), fieldText(fields, 'family_name')]).join(' ') || null);
	const item: ReviewPacketItem = {
		session_id: summary.session_id,
		decision: summary.decision,
		review_subject: '',
		flagged_checks: flagged.map(checkLine),
		flagged_check_types: unique(flagged.map((c) => c.check_type)),
		recommendation_reasons: unique(flagged.map((c) => c.recommendation_reason)),
		failed_sub_checks: checks.flatMap((c) => c.failed_sub_checks.map((s) => `${c.check_type ?? 'UNKNOWN_CHECK'}: ${s}`)),
		watchlist_total_hits: hits.length ? hits.reduce((a, b) => a + b, 0) : null,
		identity_profile_failure_reason: summary.identity_profile_failure_reason,
		full_name: fullName,
		date_of_birth: fieldText(fields, 'date_of_birth'),
		nationality: fieldText(fields, 'nationality'),
		document_type: fieldText(fields, 'document_type') ?? document?.document_type ?? null,
		issuing_country: fieldText(fields, 'issuing_country') ?? document?.issuing_country ?? null,
		session_state: summary.session_state,
		user_tracking_id: summary.user_tracking_id,
		images: attached.map((image) => image.property),
		images_missing: missing.map((image) => image.property),
		attachments: attached.map((image) => image.property).join(','),
		review_text: '',
		review_html: '',
	};
	item.review_subject = `Identity review: ${item.full_name ?? 'unnamed person'} (${item.flagged_check_types.join(', ') || item.decision})`;

	const who = item.full_name ?? 'Name not read from the document';
	const born = item.date_of_birth ? `born ${item.date_of_birth}` : 'date of birth not read';
	const doc = [item.document_type, item.issuing_country].filter(Boolean).join(', ');
	const personLine = `${who}, ${born}${doc ? ` (${doc})` : ''}`;
	const sessionLine = `Session ${item.session_id ?? '(no id)'}: ${item.decision}, ${item.session_state ?? 'state unknown'}${
		item.user_tracking_id ? `, your reference ${item.user_tracking_id}` : ''
	}`;
	const extra: string[] = [];
	if (item.identity_profile_failure_reason) extra.push(`Identity profile failure: ${item.identity_profile_failure_reason}`);
	if (item.watchlist_total_hits !== null) extra.push(`Watchlist hits in total: ${item.watchlist_total_hits}`);
	const flaggedLines = item.flagged_checks.length ? item.flagged_checks : ['No check was flagged (see the identity profile)'];
	const imageLine = [
		attached.length ? `Attached: ${attached.map((i) => IMAGE_LABELS[i.property]).join(', ')}` : 'No image attached',
		missing.length ? `could not be downloaded: ${missing.map((i) => IMAGE_LABELS[i.property]).join(', ')}` : '',
	]
		.filter(Boolean)
		.join('; ');

	item.review_text = [
		`Person: ${personLine}`,
		sessionLine,
		'What was flagged:',
		...flaggedLines.map((line) => `- ${line}`),
		...extra,
		imageLine,
	].join('\n');

	const e = escapeHtml;
	const images = attached
		.map(
			(i) =>
				`<figure style="display:inline-block;margin:0 12px 12px 0"><img src="cid:${e(i.property)}" alt="${e(IMAGE_LABELS[i.property])}" style="max-width:240px;max-height:240px"><figcaption>${e(IMAGE_LABELS[i.property])}</figcaption></figure>`,
		)
		.join('');
	item.review_html = [
		`<p><strong>${e(who)}</strong>, ${e(born)}${doc ? ` (${e(doc)})` : ''}</p>`,
		`<p>${e(sessionLine)}</p>`,
		'<p>What was flagged:</p>',
		`<ul>${flaggedLines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>`,
		...extra.map((line) => `<p>${e(line)}</p>`),
		images ? `<div>${images}</div>` : '',
		missing.length || !images ? `<p>${e(imageLine)}</p>` : '',
	]
		.filter(Boolean)
		.join('\n');
	return item;
}
