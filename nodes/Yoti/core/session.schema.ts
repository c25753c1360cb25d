import { z } from 'zod';

/**
 * Tolerant models of what Yoti returns. Every field degrades on its own: a wrong or missing
 * value becomes null (or [] for lists) instead of failing the session, and an element of a
 * list that is not an object is dropped. Unknown fields are stripped here; `raw` output
 * returns the response untouched, so nothing is lost.
 */

/** A text field. Numbers and booleans are kept as their text; anything else is null. */
export const Text = z
	.union([
		z.string(),
		z.number().finite().transform(String),
		z.boolean().transform(String),
	])
	.nullable()
	.catch(null);

/** A count: a finite number or a numeric string, else null. */
export const Count = z
	.union([
		z.number().finite(),
		z
			.string()
			.regex(/^\s*-?\d+(\.\d+)?\s*$/)
			.transform(Number),
	])
	.nullable()
	.catch(null);

/**
 * A detail value as flat output can hold it: strings, finite numbers and booleans as they
 * are; null/missing as null; an object or list as its JSON text.
 */
export const DetailValue = z
	.unknown()
	.transform((value): string | number | boolean | null => {
		if (typeof value === 'string' || typeof value === 'boolean') return value;
		if (typeof value === 'number') return Number.isFinite(value) ? value : null;
		if (value === null || value === undefined) return null;
		try {
			return JSON.stringify(value) ?? null;
		} catch {
			return null;
		}
	});

/** A list whose bad elements are dropped; not a list at all -> []. */
export function listOf<T extends z.ZodTypeAny>(item: T) {
	return z.unknown().transform((value): Array<NonNullable<z.output<T>>> => {
		if (!Array.isArray(value)) return [];
		const kept: Array<NonNullable<z.output<T>>> = [];
		for (const element of value) {
			const parsed = item.safeParse(element);
			if (parsed.success && parsed.data !== null && parsed.data !== undefined) kept.push(parsed.data);
		}
		return kept;
	});
}

/** An object whose shape is known; anything else (null, a list, a string) -> null. */
function tolerantObject<S extends z.ZodRawShape>(shape: S) {
	return z.object(shape).nullable().catch(null);
}

export const Detail = tolerantObject({ name: Text, value: DetailValue });

export const BreakdownRow = tolerantObject({
	sub_check: Text,
	result: Text,
	process: Text,
	details: listOf(Detail),
});

export const Recommendation = tolerantObject({
	value: Text,
	reason: Text,
	recovery_suggestion: Text,
});

export const WatchlistSummary = tolerantObject({ total_hits: Count });

export const Report = tolerantObject({
	recommendation: Recommendation,
	breakdown: listOf(BreakdownRow),
	watchlist_summary: WatchlistSummary,
});

export const Check = tolerantObject({
	id: Text,
	type: Text,
	state: Text,
	created: Text,
	last_updated: Text,
	resources_used: listOf(Text),
	report: Report,
});

const MediaRef = tolerantObject({ media: tolerantObject({ id: Text }) });

export const IdDocument = tolerantObject({
	id: Text,
	document_type: Text,
	issuing_country: Text,
	document_fields: MediaRef,
	document_id_photo: MediaRef,
});

const Profile = tolerantObject({ result: Text });

export const Session = tolerantObject({
	session_id: Text,
	state: Text,
	user_tracking_id: Text,
	checks: listOf(Check),
	resources: tolerantObject({ id_documents: listOf(IdDocument) }),
	identity_profile: Profile,
	advanced_identity_profile: Profile,
});

export type CheckModel = NonNullable<z.output<typeof Check>>;
export type BreakdownRowModel = NonNullable<z.output<typeof BreakdownRow>>;
export type SessionModel = NonNullable<z.output<typeof Session>>;

const EMPTY_SESSION: SessionModel = {
	session_id: null,
	state: null,
	user_tracking_id: null,
	checks: [],
	resources: null,
	identity_profile: null,
	advanced_identity_profile: null,
};

/** Reads a session result; never throws. Not an object at all -> an empty session. */
export function parseSession(value: unknown): SessionModel {
	const parsed = Session.safeParse(value);
	return (parsed.success && parsed.data) || EMPTY_SESSION;
}
