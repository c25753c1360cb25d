const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value is a canonical 8-4-4-4-12 hex UUID, any case. Surrounding whitespace is
 * ignored (an expression often leaves a trailing newline); callers use the trimmed value.
 * Anything else (empty, `<uuid>`, braces, URN prefix, non-strings) is refused.
 */
export function isUuid(value: unknown): boolean {
	return typeof value === 'string' && UUID.test(value.trim());
}
