import type { ICredentialsDecrypted, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleepWithAbort } from 'n8n-workflow';

import { ageVerificationBaseUrl, aiBaseUrl } from '../../../credentials/ageEnvironments';
import { idvBaseUrl, signBaseUrl } from '../../../credentials/environments';
import { parseJsonText } from '../core';
import { perContext } from './perContext';
import { apiError, failure, type Context, type Outcome } from './errors';
import { NOT_CONNECTED, classifyThrown } from './network';
import { RETRYABLE_STATUSES, backoffMs, retryAfterMs, retryTiming } from './retry';
import type { TransportOptions, YotiRequest, YotiResponse } from './types';

export type { TransportOptions, YotiRequest, YotiResponse } from './types';
export type { ResourceWord } from './messages';
export { IDV_SIGNATURE_REJECTED, SIGN_KEY_REJECTED } from './messages';
export { retryTiming } from './retry';

export const DEFAULT_ATTEMPTS = 3;
export const MAX_ATTEMPTS = 10;
export const DEFAULT_TIMEOUT_MS = 30000;
/** A download's size cap and overall deadline (node options Max Download Size / Download Time Limit). */
export const DEFAULT_MAX_DOWNLOAD_MB = 100;
export const MAX_DOWNLOAD_MB = 1024;
export const DEFAULT_DOWNLOAD_DEADLINE_SECONDS = 120;
export const MAX_DOWNLOAD_DEADLINE_SECONDS = 3600;
const MB = 1024 * 1024;

type CredentialTypeName = 'yotiApi' | 'yotiSignApi' | 'yotiAgeVerificationApi' | 'yotiAiApi';

const CREDENTIAL_TYPES: Record<YotiRequest['api'], CredentialTypeName> = {
	idv: 'yotiApi',
	sign: 'yotiSignApi',
	age: 'yotiAgeVerificationApi',
	ai: 'yotiAiApi',
};

function credentialType(req: YotiRequest): CredentialTypeName {
	return CREDENTIAL_TYPES[req.api] ?? 'yotiApi';
}

function apiBaseUrl(req: YotiRequest, credentials: Parameters<typeof idvBaseUrl>[0]): string {
	if (req.api === 'sign') return signBaseUrl(credentials);
	if (req.api === 'age') return ageVerificationBaseUrl(credentials);
	if (req.api === 'ai') return aiBaseUrl(credentials);
	return idvBaseUrl(credentials);
}

/** Per execution context: each credential as n8n decrypted it. */
const credentialsRead = new WeakMap<object, Map<string, Promise<ICredentialsDecrypted>>>();

/**
 * The credential, read once per execution and handed to every request. Left to itself,
 * `httpRequestWithAuthentication` reads it again for each request (in a running n8n, a database
 * query and a decryption per session of an audit), and for item 0 as here. A failed read is
 * not kept: the next item tries again and reports its own error.
 */
function credentialFor(ctx: Context, type: CredentialTypeName): Promise<ICredentialsDecrypted> {
	const byType = perContext(credentialsRead, ctx);
	let read = byType.get(type);
	if (!read) {
		read = ctx.getCredentials(type).then((data) => {
			const stored = ctx.getNode().credentials?.[type];
			return { id: stored?.id ?? '', name: stored?.name ?? type, type, data };
		});
		read.catch(() => byType.delete(type));
		byType.set(type, read);
	}
	return read;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body);
	return Buffer.alloc(0);
}

/** Plain lower-case header map (axios hands over an AxiosHeaders instance). */
function plainHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null || typeof value === 'function') continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

/** The largest Content-Length trusted for a buffer allocated up front (a longer body still arrives whole). */
const MAX_PREALLOCATED_BYTES = 256 * 1024 * 1024;

function isStream(body: unknown): body is AsyncIterable<Buffer | string> {
	return typeof (body as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

/** A download stopped by its size cap or its deadline. */
interface LimitHit {
	reason: 'size' | 'deadline';
	/** Bytes received (or about to be) when it stopped. */
	received: number;
	/** The Content-Length announced, when that alone was over the cap. */
	announced?: number;
}

interface Limits {
	maxBytes: number;
	/** Date.now() by which the whole body must have arrived. */
	deadlineAt: number;
}

type Destroyable = AsyncIterable<Buffer | string> & { destroy?: (error?: Error) => void };

type Collected = { kind: 'body'; body: Buffer } | { kind: 'limit'; hit: LimitHit } | { kind: 'failed'; error: unknown };

/**
 * Ends the stream at `deadlineAt` (a timer cancelled once the body is in). `sleepWithAbort` is
 * n8n-workflow's cancellable sleep; on an n8n too old to have it, the per-chunk check in
 * `collect` and the connection's idle timeout still end a late download.
 */
function armDeadline(stream: Destroyable, deadlineAt: number, onExpiry: () => void): () => void {
	if (typeof sleepWithAbort !== 'function') return () => undefined;
	const cancel = new AbortController();
	sleepWithAbort(Math.max(0, deadlineAt - Date.now()), cancel.signal).then(
		() => {
			onExpiry();
			stream.destroy?.(new Error('download deadline'));
		},
		() => undefined,
	);
	return () => cancel.abort();
}

/**
 * Reads a response stream into one buffer, written in place when the length is announced.
 * With `limits`, stops as soon as the body passes the size cap or the deadline, letting go of
 * the connection; an announced length over the cap is refused unread.
 */
async function collect(stream: Destroyable, declared: number, limits?: Limits): Promise<Collected> {
	const announced = Number.isInteger(declared) && declared > 0 ? declared : 0;
	if (limits && announced > limits.maxBytes) {
		stream.destroy?.();
		return { kind: 'limit', hit: { reason: 'size', received: 0, announced } };
	}
	let expired = false;
	const disarm = limits ? armDeadline(stream, limits.deadlineAt, () => (expired = true)) : () => undefined;
	const expected = announced <= MAX_PREALLOCATED_BYTES ? announced : 0;
	let target = Buffer.allocUnsafe(expected);
	let size = 0;
	let hit: LimitHit | undefined;
	let failure: { error: unknown } | undefined;
	try {
		for await (const piece of stream) {
			const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
			if (limits && size + chunk.length > limits.maxBytes) hit = { reason: 'size', received: size + chunk.length };
			else if (limits && Date.now() > limits.deadlineAt) hit = { reason: 'deadline', received: size + chunk.length };
			// Leaving the loop lets go of the stream and its connection.
			if (hit) break;
			if (size + chunk.length > target.length) {
				const grown = Buffer.allocUnsafe(Math.max(size + chunk.length, target.length * 2));
				target.copy(grown, 0, 0, size);
				target = grown;
			}
			chunk.copy(target, size);
			size += chunk.length;
		}
	} catch (error) {
		failure = { error };
	} finally {
		disarm();
	}
	hit ??= expired ? { reason: 'deadline', received: size } : undefined;
	if (hit) {
		stream.destroy?.();
		return { kind: 'limit', hit };
	}
	if (failure) return { kind: 'failed', error: failure.error };
	return { kind: 'body', body: size === target.length ? target : target.subarray(0, size) };
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value);
	if (value === undefined || value === null || value === '' || Number.isNaN(number)) return fallback;
	return Math.min(max, Math.max(min, number));
}

/** The size cap and deadline of a download, from the transport options (clamped; defaults when unset). */
export function downloadLimits(opts: Pick<TransportOptions, 'maxDownloadBytes' | 'downloadDeadlineMs'>): { maxBytes: number; deadlineMs: number } {
	return {
		maxBytes: Math.floor(clamp(opts.maxDownloadBytes, DEFAULT_MAX_DOWNLOAD_MB * MB, 1, MAX_DOWNLOAD_MB * MB)),
		deadlineMs: Math.floor(clamp(opts.downloadDeadlineMs, DEFAULT_DOWNLOAD_DEADLINE_SECONDS * 1000, 1, MAX_DOWNLOAD_DEADLINE_SECONDS * 1000)),
	};
}

/**
 * One try. Bytes always come back as a Buffer (`encoding: 'arraybuffer'`) and every status is
 * returned rather than thrown (`ignoreHttpStatusErrors`), so this module parses JSON itself
 * (tolerating a BOM and non-JSON error bodies) and n8n's own 401 "re-authenticate and resend"
 * never fires: a wrong key is reported at once, and a signed request is never sent twice by n8n.
 */
async function send(
	ctx: Context,
	req: YotiRequest,
	timeoutMs: number,
	limits: { maxBytes: number; deadlineMs: number },
	itemIndex?: number,
): Promise<Outcome> {
	const startedAt = Date.now();
	// A DELETE is streamed too, so that its status is known before its body: a 2xx whose body
	// breaks off is still a done delete, never resent.
	const streamed = req.download === true || req.method === 'DELETE';
	const options: IHttpRequestOptions = {
		method: req.method as IHttpRequestMethods,
		url: req.path,
		qs: req.qs,
		body: req.body as IHttpRequestOptions['body'],
		headers: { Accept: req.download ? '*/*' : 'application/json', ...(req.contentType ? { 'Content-Type': req.contentType } : {}) },
		// Media can be tens of MB: a stream read into one buffer sized from Content-Length holds
		// the bytes once, where `arraybuffer` holds them twice while it is converted.
		encoding: streamed ? 'stream' : 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// An IDV digest signs one path, so a redirect could not be followed with it (and would
		// carry it to another URL): a 3xx is answered as it is. This also keeps axios on Node's
		// plain http client instead of its follow-redirects wrapper, a per-request cost of its own.
		// Yoti Sign (a Bearer key, no digest) keeps n8n's default.
		disableFollowRedirect: req.api !== 'sign',
		timeout: timeoutMs,
	};
	try {
		const type = credentialType(req);
		const credentialsDecrypted = await credentialFor(ctx, type);
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, options, { credentialsDecrypted })) as {
			statusCode: number;
			headers: unknown;
			body: unknown;
		};
		const headers = plainHeaders(response.headers);
		const declared = Number(headers['content-length']);
		const bounds = req.download ? { maxBytes: limits.maxBytes, deadlineAt: startedAt + limits.deadlineMs } : undefined;
		const collected: Collected = isStream(response.body)
			? await collect(response.body, declared, bounds)
			: { kind: 'body', body: toBuffer(response.body) };
		if (collected.kind !== 'body' && req.method === 'DELETE' && response.statusCode >= 200 && response.statusCode < 300) {
			// Yoti said the delete happened; only its answer's body was lost.
			return { kind: 'response', statusCode: response.statusCode, headers, body: Buffer.alloc(0), incomplete: true };
		}
		if (collected.kind === 'limit') {
			return { kind: 'limit', ...collected.hit, maxBytes: limits.maxBytes, deadlineMs: limits.deadlineMs };
		}
		if (collected.kind === 'failed') {
			// The connection broke while the body was arriving.
			const thrown = classifyThrown(collected.error);
			return thrown.kind === 'network' ? thrown : { kind: 'network', code: 'TRUNCATED' };
		}
		const body = collected.body;
		return { kind: 'response', statusCode: response.statusCode, headers, body };
	} catch (error) {
		const thrown = classifyThrown(error);
		if (thrown.kind === 'network') return thrown;
		if (thrown.kind === 'cancelled') {
			throw apiError(ctx, 'The request to Yoti was cancelled with the execution', 'Nothing was retried.', null, itemIndex);
		}
		// The credential's own messages name the problem and never quote a secret.
		throw apiError(ctx, thrown.message, 'Check the credential: the request was not sent to Yoti.', null, itemIndex);
	}
}

function isRetryable(req: YotiRequest, outcome: Outcome): boolean {
	if (outcome.kind === 'limit') return false;
	if (req.method === 'GET' || req.method === 'DELETE') {
		return outcome.kind === 'network' || RETRYABLE_STATUSES.has(outcome.statusCode);
	}
	// A POST/PUT may have reached Yoti unless the connection itself was never made.
	return outcome.kind === 'network' && NOT_CONNECTED.has(outcome.code);
}

/**
 * Whether a failed try may still have done its work at Yoti: the connection was made and the
 * answer lost (reset, timeout, cut short), or a gateway answered 502/503/504 for a request it
 * may have passed on. A 429 is Yoti itself refusing to act, so it does not count.
 */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
function mayHaveReachedYoti(outcome: Outcome): boolean {
	if (outcome.kind === 'network') return !NOT_CONNECTED.has(outcome.code);
	return outcome.kind === 'response' && GATEWAY_STATUSES.has(outcome.statusCode);
}

/**
 * The body of a 2xx answer, or `TRUNCATED` when it is shorter than its Content-Length or is
 * JSON that does not parse (parsed here once, for the caller too).
 */
function readSuccessBody(req: YotiRequest, outcome: Outcome & { kind: 'response' }): { body: unknown } | 'TRUNCATED' {
	const declared = Number(outcome.headers['content-length']);
	if (Number.isFinite(declared) && outcome.headers['content-length'] !== undefined && outcome.body.length < declared) return 'TRUNCATED';
	if (outcome.statusCode === 204 || outcome.body.length === 0) return { body: undefined };
	if (req.download) return { body: outcome.body };
	try {
		return { body: parseJsonText(outcome.body) };
	} catch {
		return 'TRUNCATED';
	}
}

/**
 * A 2xx DELETE: done at Yoti, whatever its body. Only a caller that reads the answer
 * (`readsAnswer`) gets it parsed; a body cut short or not JSON is reported, never retried.
 */
function readDeleteBody(req: YotiRequest, outcome: Outcome & { kind: 'response' }): { body: unknown; bodyUnreadable?: true } {
	if (!req.readsAnswer) return { body: undefined };
	const declared = Number(outcome.headers['content-length']);
	const short = outcome.headers['content-length'] !== undefined && Number.isFinite(declared) && outcome.body.length < declared;
	if (outcome.incomplete || short) return { body: undefined, bodyUnreadable: true };
	if (outcome.statusCode === 204 || outcome.body.length === 0) return { body: undefined };
	try {
		return { body: parseJsonText(outcome.body) };
	} catch {
		return { body: undefined, bodyUnreadable: true };
	}
}

/** The API host, for network errors; undefined when the credential cannot be read. */
async function apiHost(ctx: Context, req: YotiRequest, itemIndex?: number): Promise<string | undefined> {
	try {
		const credentials = await ctx.getCredentials(credentialType(req), itemIndex);
		return new URL(apiBaseUrl(req, credentials)).host;
	} catch {
		return undefined;
	}
}

/**
 * The one way this package calls Yoti: signed (IDV) or Bearer (Sign) by the credential through
 * n8n's `httpRequestWithAuthentication`. GET/DELETE are retried on network errors, incomplete
 * bodies, 429, 502, 503 and 504 with exponential backoff and jitter, honouring `Retry-After`;
 * POST/PUT only when the connection was never made. Failures become `NodeApiError`s that say
 * what to do and show Yoti's error body — never a secret.
 */
export async function yotiRequest<T = unknown>(
	ctx: Context,
	req: YotiRequest,
	opts: TransportOptions = {},
): Promise<YotiResponse<T>> {
	const attempts = Math.max(1, Math.min(MAX_ATTEMPTS, Math.floor(Number(opts.attempts ?? DEFAULT_ATTEMPTS)) || 1));
	const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_TIMEOUT_MS;
	const limits = downloadLimits(opts);
	const { itemIndex } = opts;
	let earlierTryMayHaveActed = false;
	for (let attempt = 1; ; attempt++) {
		let outcome = await send(ctx, req, timeoutMs, limits, itemIndex);
		if (outcome.kind === 'response' && outcome.statusCode < 300) {
			if (req.method === 'DELETE') {
				const read = readDeleteBody(req, outcome);
				return { statusCode: outcome.statusCode, headers: outcome.headers, body: read.body as T, ...(read.bodyUnreadable ? { bodyUnreadable: true } : {}) };
			}
			const read = readSuccessBody(req, outcome);
			if (read !== 'TRUNCATED') return { statusCode: outcome.statusCode, headers: outcome.headers, body: read.body as T };
			outcome = { kind: 'network', code: 'TRUNCATED' };
		}
		// The earlier try deleted it and its answer was lost: the retry's 404 is that delete, done.
		if (req.method === 'DELETE' && earlierTryMayHaveActed && outcome.kind === 'response' && outcome.statusCode === 404) {
			return { statusCode: 404, headers: outcome.headers, body: undefined as T, alreadyDeleted: true };
		}
		if (attempt >= attempts || !isRetryable(req, outcome)) {
			const host = outcome.kind === 'network' ? await apiHost(ctx, req, itemIndex) : undefined;
			throw failure(ctx, req, outcome, { tries: attempt, itemIndex, host });
		}
		if (mayHaveReachedYoti(outcome)) earlierTryMayHaveActed = true;
		const askedMs = outcome.kind === 'response' ? retryAfterMs(outcome.headers['retry-after']) : undefined;
		if (askedMs !== undefined && askedMs > retryTiming.maxRetryAfterMs) {
			throw failure(ctx, req, outcome, { tries: attempt, itemIndex, retryAfterMs: askedMs });
		}
		await retryTiming.sleep(askedMs ?? backoffMs(attempt));
	}
}
