import type { ResourceWord } from './messages';

/** Which Yoti API, hence which credential: idv yotiApi, sign yotiSignApi, age yotiAgeVerificationApi, ai yotiAiApi. */
export type YotiApiKind = 'idv' | 'sign' | 'age' | 'ai';

export interface YotiRequest {
	api: YotiApiKind;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Relative to the API base, e.g. `/sessions/<id>`; the credential makes it absolute and signs it. */
	path: string;
	qs?: Record<string, string>;
	/** Passed as it is: the credential serialises an object to JSON once and signs those bytes. */
	body?: unknown;
	/** The body's Content-Type when the caller built the bytes itself (Yoti Sign: multipart, JSON text). */
	contentType?: string;
	/** Bytes (media, PDF) rather than JSON: the body comes back as a Buffer. */
	download?: boolean;
	/** The word used in a 404 message. */
	resource?: ResourceWord;
	/** What a 409 means for this call, when it is not "session expired". */
	conflict?: { message: string; description: string };
	/**
	 * DELETE only: the 2xx answer is JSON the caller reads (tracked devices). Otherwise a DELETE's
	 * 2xx body is never parsed. Either way a 2xx DELETE is never resent: a body that is cut short
	 * or does not parse gives `body: undefined` and `bodyUnreadable: true`.
	 */
	readsAnswer?: boolean;
}

export interface YotiResponse<T> {
	statusCode: number;
	/** Lower-case names. */
	headers: Record<string, string>;
	/** Parsed JSON, a Buffer for downloads, undefined for 204 / an empty body. */
	body: T;
	/**
	 * DELETE only: an earlier try may have reached Yoti (its answer was lost, or a gateway
	 * answered 502/503/504) and the retry got 404 — the earlier try deleted it. `statusCode` is 404.
	 */
	alreadyDeleted?: boolean;
	/** DELETE only: Yoti answered 2xx (the delete happened) but its body was cut short or not JSON. */
	bodyUnreadable?: boolean;
}

export interface TransportOptions {
	/** Total tries of a GET/DELETE (default 3, at most 10). */
	attempts?: number;
	itemIndex?: number;
	/** Per-try timeout: how long the connection may stay silent (default 30 s). */
	timeoutMs?: number;
	/** Downloads only: the largest body accepted, in bytes (default 100 MB). */
	maxDownloadBytes?: number;
	/** Downloads only: the time the whole download may take, headers and body, in ms (default 120 s). */
	downloadDeadlineMs?: number;
}
