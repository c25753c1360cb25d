function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/**
 * Parses JSON text or bytes (UTF-8), ignoring a leading byte-order mark (the .NET tools add
 * one). Bad JSON throws a plain Error whose message does not quote the text, since the
 * text may be identity data; callers wrap it in a node error.
 */
export function parseJsonText(text: string | Buffer): unknown {
	// A Buffer is decoded in place (Buffer.from(buffer) would copy every body once more first).
	const decoded = typeof text === 'string' ? text : Buffer.isBuffer(text) ? text.toString('utf8') : Buffer.from(text).toString('utf8');
	const withoutBom = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
	const parsed = tryParse(withoutBom);
	if (!parsed.ok) throw new Error(`The content is not valid JSON (${withoutBom.length} characters)`);
	return parsed.value;
}
