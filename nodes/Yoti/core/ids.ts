const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value is a canonical 8-4-4-4-12 hex UUID, any case. Surrounding whitespace is
 * ignored (an expression often leaves a trailing newline); callers use the trimmed value.
 * Anything else (empty, `<uuid>`, braces, URN prefix, non-strings) is refused.
 */
export function isUuid(value: unknown): boolean {
	return typeof value === 'string' && UUID.test(value.trim());
}

const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Path segments or query keys that name what the UUID after them is. */
const KIND_WORDS: Record<IdKind, RegExp> = {
	session: /(?:sessions?|session_?id)[/=:]$/i,
	media: /(?:media|media_?id)[/=:]$/i,
	recipient: /(?:recipients?|recipient_?id)[/=:]$/i,
};

export type IdKind = 'session' | 'media' | 'recipient';

export type ExtractedId =
	| { ok: true; id: string }
	| { ok: false; reason: 'empty' | 'notAnId' | 'several' };

/**
 * The ID a user meant: a UUID as typed; a UUID broken by spaces or line breaks (copied from a
 * table); or the one UUID of a pasted http(s) link (e.g. a Yoti Hub page). A link with several
 * UUIDs gives the one after a `sessions/`, `media/`, `recipients/` or `sessionId=`-like segment
 * for the kind asked for, else is refused as ambiguous. Anything else is not an ID: no guessing
 * inside braces, paths or prose. The result is lower case.
 */
export function extractUuid(value: unknown, kind: IdKind): ExtractedId {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (text === '') return { ok: false, reason: 'empty' };
	if (isUuid(text)) return { ok: true, id: text.toLowerCase() };
	const compact = text.replace(/\s+/g, '');
	if (isUuid(compact)) return { ok: true, id: compact.toLowerCase() };
	if (!/^https?:\/\//i.test(compact)) return { ok: false, reason: 'notAnId' };

	const found: Array<{ id: string; before: string }> = [];
	for (const match of compact.matchAll(UUID_ANYWHERE)) {
		const start = match.index ?? 0;
		const end = start + match[0].length;
		// A UUID glued to more hex or dashes is part of something longer, not an ID.
		if (/[0-9a-f-]/i.test(compact.charAt(start - 1)) || /[0-9a-f-]/i.test(compact.charAt(end))) continue;
		found.push({ id: match[0].toLowerCase(), before: compact.slice(0, start) });
	}
	const distinct = [...new Set(found.map((entry) => entry.id))];
	if (distinct.length === 0) return { ok: false, reason: 'notAnId' };
	if (distinct.length === 1) return { ok: true, id: distinct[0] };
	const named = [...new Set(found.filter((entry) => KIND_WORDS[kind].test(entry.before)).map((entry) => entry.id))];
	return named.length === 1 ? { ok: true, id: named[0] } : { ok: false, reason: 'several' };
}
