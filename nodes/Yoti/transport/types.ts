import type { ResourceWord } from './messages';

export interface YotiRequest {
	api: 'idv' | 'sign';
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Relative to the API base, e.g. `/sessions/<id>`; the credential makes it absolute and signs it. */
	path: string;
	qs?: Record<string, string>;
	/** Passed as it is: the credential serialises an object to JSON once and signs those bytes. */
	body?: unknown;
	/** Bytes (media, PDF) rather than JSON: the body comes back as a Buffer. */
	download?: boolean;
	/** The word used in a 404 message. */
	resource?: ResourceWord;
	/** What a 409 means for this call, when it is not "session expired". */
	conflict?: { message: string; description: string };
}

export interface YotiResponse<T> {
	statusCode: number;
	/** Lower-case names. */
	headers: Record<string, string>;
	/** Parsed JSON, a Buffer for downloads, undefined for 204 / an empty body. */
	body: T;
}

export interface TransportOptions {
	/** Total tries of a GET/DELETE (default 3, at most 10). */
	attempts?: number;
	itemIndex?: number;
	/** Per-try timeout (default 30 s). */
	timeoutMs?: number;
}
