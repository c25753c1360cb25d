/*
 * Total readers for untrusted JSON: each takes anything and returns a value of its type,
 * never throwing. The session model is built from these rather than from zod transforms,
 * which measured 5–30 µs per field here (a failed zod union builds ZodErrors), enough to
 * make reading a few thousand odd sessions visibly slow.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text field: strings as they are, finite numbers and booleans as their text, else null. */
export function text(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
	return null;
}

/** A count: a finite number or a numeric string, else null. */
export function count(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return null;
}

export function flag(value: unknown): boolean | null {
	return typeof value === 'boolean' ? value : null;
}

/**
 * A value as flat output can hold it: strings, finite numbers and booleans as they are;
 * null/missing as null; an object or list as its JSON text.
 */
export function primitiveOrJson(value: unknown): string | number | boolean | null {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (value === null || value === undefined) return null;
	try {
		return JSON.stringify(value) ?? null;
	} catch {
		return null;
	}
}

/** A list read element by element; elements the reader turns into null are dropped. Not a list -> []. */
export function list<T>(value: unknown, read: (element: unknown) => T | null): T[] {
	if (!Array.isArray(value)) return [];
	const kept: T[] = [];
	for (const element of value) {
		const item = read(element);
		if (item !== null) kept.push(item);
	}
	return kept;
}

/** A known object shape: not an object (null, a list, a string) -> null. */
export function record<T>(value: unknown, read: (object: Record<string, unknown>) => T): T | null {
	return isRecord(value) ? read(value) : null;
}

/** `list` of `text`: the strings (numbers/booleans as text) of a list. */
export function texts(value: unknown): string[] {
	return list(value, text);
}
