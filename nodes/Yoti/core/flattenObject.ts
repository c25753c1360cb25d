import { isPlainObject, normaliseKey, setOnce } from './keys';
import type { FieldValue } from './types';

type Primitive = string | number | boolean | null;

/** Deeper than this a value is kept as its JSON text rather than flattened further. */
const MAX_DEPTH = 16;

function primitive(value: unknown): value is Primitive {
	return value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
}

function clean(value: Primitive): Primitive {
	return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

function asText(value: unknown): string | null {
	try {
		return JSON.stringify(value) ?? null;
	} catch {
		return null;
	}
}

function walk(value: unknown, key: string, out: Record<string, FieldValue>, depth: number): void {
	if (primitive(value)) {
		setOnce(out, key, clean(value));
	} else if (Array.isArray(value)) {
		if (value.every(primitive)) {
			setOnce(out, key, value.map(clean));
		} else if (depth >= MAX_DEPTH) {
			setOnce(out, key, asText(value));
		} else {
			value.forEach((element, index) => walk(element, `${key}_${index}`, out, depth + 1));
		}
	} else if (isPlainObject(value)) {
		if (depth >= MAX_DEPTH) {
			setOnce(out, key, asText(value));
			return;
		}
		for (const [name, inner] of Object.entries(value)) {
			walk(inner, key === '' ? normaliseKey(name) : `${key}_${normaliseKey(name)}`, out, depth + 1);
		}
	}
	// undefined, functions, symbols, bigint: nothing a JSON document holds; skipped.
}

/**
 * Flattens a JSON object into one level: nested object keys joined with `_`
 * (`structured_postal_address.postal_code` -> `structured_postal_address_postal_code`),
 * a list of primitives kept as a list, a list holding objects spread by index (`x_0_y`),
 * an empty object or list-of-objects contributing nothing. Keys are normalised with
 * `normaliseKey`; when two paths give the same key the first one wins. Not an object -> {}.
 */
export function flattenObject(value: unknown, prefix = ''): Record<string, FieldValue> {
	const out: Record<string, FieldValue> = {};
	if (isPlainObject(value)) walk(value, prefix, out, 0);
	return out;
}
