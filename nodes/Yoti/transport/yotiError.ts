import { parseJsonText } from '../core';

const MAX_SHOWN_BODY = 500;

/**
 * Blanks credentials a misbehaving server or proxy might reflect back in its error body
 * (an Authorization value, a PEM block, a digest header line).
 */
export function redactSecrets(text: string): string {
	return text
		.replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, '[redacted key]')
		.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
		.replace(/(x-yoti-auth-digest["']?\s*[:=]\s*["']?)[A-Za-z0-9+/=]+/gi, '$1[redacted]');
}

export interface YotiErrorBody {
	code?: string;
	message?: string;
	/** One line per `errors[]` entry, `property: message`. */
	details: string[];
	/** The body as text when it was not Yoti's JSON shape (truncated). */
	text?: string;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? redactSecrets(value).slice(0, MAX_SHOWN_BODY) : undefined;
}

/**
 * Reads an error body in any of the shapes Yoti uses: `{code, message, errors[]}`, the older
 * `{"error": "MALFORMED_REQUEST"}`, or anything else (shown as truncated text).
 */
export function readYotiErrorBody(body: unknown): YotiErrorBody {
	let parsed: unknown = body;
	if (Buffer.isBuffer(body) || typeof body === 'string') {
		const text = body.toString();
		if (text.trim() === '') return { details: [] };
		try {
			parsed = parseJsonText(text);
		} catch {
			return { details: [], text: redactSecrets(text).slice(0, MAX_SHOWN_BODY) };
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		if (parsed === undefined || parsed === null) return { details: [] };
		const shown = typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
		return { details: [], text: redactSecrets(shown).slice(0, MAX_SHOWN_BODY) };
	}
	const record = parsed as Record<string, unknown>;
	const errors = Array.isArray(record.errors) ? record.errors : [];
	const details = errors
		.map((entry) => {
			const item = (entry ?? {}) as Record<string, unknown>;
			const property = asText(item.property);
			const message = asText(item.message) ?? '';
			return property ? `${property}: ${message}` : message;
		})
		.filter((line) => line !== '');
	return {
		code: asText(record.code) ?? asText(record.error),
		message: asText(record.message),
		details,
	};
}

/** `CODE: message` plus one line per validation error — what the error's description shows. */
export function describeYotiErrorBody(status: number, body: YotiErrorBody): string {
	const head = [body.code, body.message].filter(Boolean).join(': ');
	const lines = [`Yoti answered HTTP ${status}${head ? ` — ${head}` : ''}`, ...body.details.map((line) => `• ${line}`)];
	if (body.text) lines.push(body.text);
	return lines.join('\n');
}
