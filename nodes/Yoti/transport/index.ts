import type {
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { parseJsonText } from '../core';
import {
	IDV_SIGNATURE_REJECTED,
	SIGN_KEY_REJECTED,
	conflictMessage,
	exhaustedMessage,
	notFoundMessage,
	type ResourceWord,
} from './messages';
import { RETRYABLE_STATUSES, backoffMs, retryAfterMs, retryTiming } from './retry';
import { describeYotiErrorBody, readYotiErrorBody } from './yotiError';

export { retryTiming } from './retry';
export { IDV_SIGNATURE_REJECTED, SIGN_KEY_REJECTED } from './messages';

export interface YotiRequest {
	api: 'idv' | 'sign';
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Relative to the API base, e.g. `/sessions/<id>`; the credential makes it absolute and signs it. */
	path: string;
	qs?: Record<string, string>;
	body?: unknown;
	/** Bytes (media, PDF) rather than JSON. */
	download?: boolean;
	/** The word used in a 404 message. */
	resource?: ResourceWord;
	/** What a 409 means for this call, when it is not "session expired". */
	conflict?: { message: string; description: string };
}

export interface YotiResponse<T> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

export interface TransportOptions {
	/** Total tries of a GET/DELETE (default 3). */
	attempts?: number;
	itemIndex?: number;
	timeoutMs?: number;
}

type Context = IExecuteFunctions | IWebhookFunctions;

type Outcome =
	| { kind: 'response'; statusCode: number; headers: Record<string, unknown>; body: Buffer }
	| { kind: 'network'; code: string };

const DEFAULT_TIMEOUT_MS = 30000;

/** Network failures that prove the request never reached Yoti, so even a POST may be resent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body);
	return Buffer.alloc(0);
}

/**
 * What went wrong on the wire, read from n8n's wrapper or axios's error — never the error
 * object itself, which holds the signed URL and the auth headers.
 */
function networkCode(error: unknown): string {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
	}
	const text = String((error as { message?: unknown })?.message ?? '');
	if (/timeout/i.test(text)) return 'ETIMEDOUT';
	if (/aborted|socket hang up/i.test(text)) return 'ECONNRESET';
	return 'NETWORK_ERROR';
}

async function send(ctx: Context, req: YotiRequest, timeoutMs: number, itemIndex?: number): Promise<Outcome> {
	const options: IHttpRequestOptions = {
		method: req.method as IHttpRequestMethods,
		url: req.path,
		qs: req.qs,
		body: req.body as IHttpRequestOptions['body'],
		headers: { Accept: req.download ? '*/*' : 'application/json' },
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	const credentialType = req.api === 'sign' ? 'yotiSignApi' : 'yotiApi';
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as {
			statusCode: number;
			headers: Record<string, unknown>;
			body: unknown;
		};
		return { kind: 'response', statusCode: response.statusCode, headers: response.headers ?? {}, body: toBuffer(response.body) };
	} catch (error) {
		const cause = (error as { cause?: unknown }).cause ?? error;
		if (isWireError(cause)) return { kind: 'network', code: networkCode(error) };
		// Thrown before anything was sent: the credential could not sign (e.g. a malformed key).
		// Its message is the credential's own and never quotes a secret.
		const message = cause instanceof Error && cause.message ? cause.message : 'The request could not be prepared';
		throw apiError(ctx, message, 'Check the credential: the request was not sent.', null, itemIndex);
	}
}

function isWireError(error: unknown): boolean {
	const candidate = error as { isAxiosError?: unknown; code?: unknown; request?: unknown };
	return candidate?.isAxiosError === true || typeof candidate?.code === 'string' || candidate?.request !== undefined;
}

function isRetryable(req: YotiRequest, outcome: Outcome): boolean {
	if (req.method === 'GET' || req.method === 'DELETE') {
		return outcome.kind === 'network' || RETRYABLE_STATUSES.has(outcome.statusCode);
	}
	return outcome.kind === 'network' && NOT_CONNECTED.has(outcome.code);
}

function declaredLength(headers: Record<string, unknown>): number | undefined {
	const value = Number(headers['content-length']);
	return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A 2xx response whose JSON does not parse or whose body is shorter than announced. */
function isTruncated(req: YotiRequest, outcome: Outcome & { kind: 'response' }): boolean {
	const expected = declaredLength(outcome.headers);
	if (expected !== undefined && outcome.body.length < expected) return true;
	if (req.download || outcome.statusCode === 204 || outcome.body.length === 0) return false;
	try {
		parseJsonText(outcome.body);
		return false;
	} catch {
		return true;
	}
}

function apiError(
	ctx: Context,
	message: string,
	description: string,
	httpCode: string | null,
	itemIndex: number | undefined,
): NodeApiError {
	// Built from a plain object of our own words: n8n would otherwise copy the failed request
	// (signed URL, digest, Authorization header) into the error it shows and logs.
	const safe: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(ctx.getNode(), safe, {
		message,
		description,
		...(httpCode ? { httpCode } : {}),
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
}

function failure(ctx: Context, req: YotiRequest, outcome: Outcome, tries: number, itemIndex?: number): NodeApiError {
	if (outcome.kind === 'network') {
		const times = tries === 1 ? 'once' : `${tries} times`;
		const what =
			outcome.code === 'ETIMEDOUT' || outcome.code === 'ECONNABORTED'
				? 'Yoti did not answer in time'
				: outcome.code === 'TRUNCATED'
					? 'Yoti sent an incomplete response'
					: `Could not reach Yoti (${outcome.code})`;
		const hint = req.method === 'POST' ? ' The request was not resent because it may have reached Yoti.' : '';
		return apiError(ctx, `${what} — tried ${times}; try again later`, `Check the network and the credential's environment.${hint}`, null, itemIndex);
	}
	const status = outcome.statusCode;
	const body = readYotiErrorBody(outcome.body);
	const description = describeYotiErrorBody(status, body);
	const code = String(status);
	if (status === 401) return apiError(ctx, req.api === 'sign' ? SIGN_KEY_REJECTED : IDV_SIGNATURE_REJECTED, description, code, itemIndex);
	if (status === 403) {
		return apiError(ctx, 'Yoti refused access — the app may be disabled, or the resource belongs to another app', description, code, itemIndex);
	}
	if (status === 404) return apiError(ctx, notFoundMessage(req.path, req.resource), description, code, itemIndex);
	if (status === 409) {
		if (req.conflict) return apiError(ctx, req.conflict.message, `${req.conflict.description}\n${description}`, code, itemIndex);
		return apiError(ctx, conflictMessage(body.code), description, code, itemIndex);
	}
	if (status === 400 || status === 422) {
		return apiError(ctx, `Yoti refused the request as invalid${body.message ? `: ${body.message}` : ''}`, description, code, itemIndex);
	}
	if (status === 413) return apiError(ctx, 'Yoti refused the request as too large', description, code, itemIndex);
	if (RETRYABLE_STATUSES.has(status) || status >= 500) {
		return apiError(ctx, exhaustedMessage(status, tries), description, code, itemIndex);
	}
	return apiError(ctx, `Yoti answered HTTP ${status}`, description, code, itemIndex);
}

/**
 * The one way this package calls Yoti: signed (or Bearer) through n8n's
 * `httpRequestWithAuthentication`, GET/DELETE retried on network errors, 429, 502, 503 and 504
 * with backoff and `Retry-After`, Yoti's errors turned into messages that say what to do.
 */
export async function yotiRequest<T = unknown>(
	ctx: Context,
	req: YotiRequest,
	opts: TransportOptions = {},
): Promise<YotiResponse<T>> {
	const attempts = Math.max(1, Math.min(10, Math.floor(opts.attempts ?? 3) || 1));
	const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	for (let attempt = 1; ; attempt++) {
		let outcome = await send(ctx, req, timeoutMs, opts.itemIndex);
		if (outcome.kind === 'response' && outcome.statusCode < 300 && isTruncated(req, outcome)) {
			outcome = { kind: 'network', code: 'TRUNCATED' };
		}
		if (outcome.kind === 'response' && outcome.statusCode < 300) {
			const empty = outcome.statusCode === 204 || outcome.body.length === 0;
			const body = req.download ? (empty ? undefined : outcome.body) : empty ? undefined : parseJsonText(outcome.body);
			return { statusCode: outcome.statusCode, headers: outcome.headers, body: body as T };
		}
		if (attempt >= attempts || !isRetryable(req, outcome)) {
			throw failure(ctx, req, outcome, attempt, opts.itemIndex);
		}
		const askedMs = outcome.kind === 'response' ? retryAfterMs(outcome.headers['retry-after']) : undefined;
		if (askedMs !== undefined && askedMs > retryTiming.maxRetryAfterMs) {
			throw failure(ctx, req, outcome, attempt, opts.itemIndex);
		}
		await retryTiming.sleep(askedMs ?? backoffMs(attempt));
	}
}
