import { count, list, primitiveOrJson, record, text, texts } from './read';

/**
 * The parts of a Yoti session result the core reads. Every field degrades on its own: a
 * wrong or missing value becomes null (or [] for a list), a list element that is not an
 * object is dropped, and nothing fails the whole session. Unknown fields are not read;
 * `raw` output returns the response untouched, so nothing is lost.
 */

export interface DetailModel {
	name: string | null;
	value: string | number | boolean | null;
}

export interface BreakdownRowModel {
	sub_check: string | null;
	result: string | null;
	process: string | null;
	details: DetailModel[];
}

export interface ReportModel {
	recommendation: { value: string | null; reason: string | null; recovery_suggestion: string | null } | null;
	breakdown: BreakdownRowModel[];
	watchlist_summary: {
		total_hits: number | null;
		raw_results_media_id: string | null;
		/** null when Yoti sent no list (the contract: null when absent). */
		associated_country_codes: string[] | null;
		search_type: string | null;
	} | null;
}

export interface CheckModel {
	id: string | null;
	type: string | null;
	state: string | null;
	created: string | null;
	last_updated: string | null;
	resources_used: string[];
	report: ReportModel | null;
	/** `generated_media[].id` then `generated_profile.media.id`, each once. */
	generated_media_ids: string[];
}

export interface IdDocumentModel {
	id: string | null;
	document_type: string | null;
	issuing_country: string | null;
	document_fields_media_id: string | null;
	document_id_photo_media_id: string | null;
}

export interface SessionModel {
	session_id: string | null;
	state: string | null;
	user_tracking_id: string | null;
	checks: CheckModel[];
	id_documents: IdDocumentModel[];
	supplementary_documents: IdDocumentModel[];
}

const readDetail = (value: unknown) =>
	record(value, (o): DetailModel => ({ name: text(o.name), value: primitiveOrJson(o.value) }));

const readRow = (value: unknown) =>
	record(
		value,
		(o): BreakdownRowModel => ({
			sub_check: text(o.sub_check),
			result: text(o.result),
			process: text(o.process),
			details: list(o.details, readDetail),
		}),
	);

const readReport = (value: unknown) =>
	record(
		value,
		(o): ReportModel => ({
			recommendation: record(o.recommendation, (r) => ({
				value: text(r.value),
				reason: text(r.reason),
				recovery_suggestion: text(r.recovery_suggestion),
			})),
			breakdown: list(o.breakdown, readRow),
			watchlist_summary: record(o.watchlist_summary, (w) => ({
				total_hits: count(w.total_hits),
				raw_results_media_id: mediaId(w.raw_results),
				associated_country_codes: Array.isArray(w.associated_country_codes) ? texts(w.associated_country_codes) : null,
				search_type: record(w.search_config, (c) => text(c.type)),
			})),
		}),
	);

export const readCheck = (value: unknown) =>
	record(
		value,
		(o): CheckModel => ({
			id: text(o.id),
			type: text(o.type),
			state: text(o.state),
			created: text(o.created),
			last_updated: text(o.last_updated),
			resources_used: texts(o.resources_used),
			report: readReport(o.report),
			generated_media_ids: generatedMediaIds(o),
		}),
	);

function generatedMediaIds(check: Record<string, unknown>): string[] {
	const ids = list(check.generated_media, (m) => record(m, (o) => text(o.id)));
	const profileMedia = mediaId(check.generated_profile);
	if (profileMedia !== null) ids.push(profileMedia);
	return [...new Set(ids.filter((id) => id !== ''))];
}

/** `{ media: { id } }` -> the id, else null. */
const mediaId = (value: unknown) => record(value, (o) => record(o.media, (m) => text(m.id))) ?? null;

const readIdDocument = (value: unknown) =>
	record(
		value,
		(o): IdDocumentModel => ({
			id: text(o.id),
			document_type: text(o.document_type),
			issuing_country: text(o.issuing_country),
			document_fields_media_id: mediaId(o.document_fields),
			document_id_photo_media_id: mediaId(o.document_id_photo),
		}),
	);

/** Reads a session result; never throws. Not an object at all -> an empty session. */
export function parseSession(value: unknown): SessionModel {
	const o = record(value, (object) => object) ?? {};
	return {
		session_id: text(o.session_id),
		state: text(o.state),
		user_tracking_id: text(o.user_tracking_id),
		checks: list(o.checks, readCheck),
		id_documents: list(record(o.resources, (r) => r.id_documents), readIdDocument),
		supplementary_documents: list(record(o.resources, (r) => r.supplementary_documents), readIdDocument),
	};
}
