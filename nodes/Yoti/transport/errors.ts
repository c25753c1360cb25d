import type { IExecuteFunctions, ITriggerFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	IDV_SIGNATURE_REJECTED,
	SIGN_KEY_REJECTED,
	conflictMessage,
	downloadTooLargeDescription,
	downloadTooLargeMessage,
	downloadTooSlowDescription,
	downloadTooSlowMessage,
	exhaustedMessage,
	forbiddenMessage,
	notFoundMessage,
	retryAfterTooLongMessage,
} from './messages';
import { ageApiFailure } from './ageErrors';
import { describeNetworkCode } from './network';
import { RETRYABLE_STATUSES } from './retry';
import type { YotiRequest } from './types';
import { describeYotiErrorBody, readYotiErrorBody } from './yotiError';

export type Context = IExecuteFunctions | IWebhookFunctions | ITriggerFunctions;

/** What the last try ended with. */
export type Outcome =
	/** `incomplete`: a 2xx DELETE whose body broke off (the delete itself was done). */
	| { kind: 'response'; statusCode: number; headers: Record<string, string>; body: Buffer; incomplete?: boolean }
	| { kind: 'network'; code: string }
	/** A download stopped by its size cap or its overall deadline (never retried). */
	| {
			kind: 'limit';
			reason: 'size' | 'deadline';
			maxBytes: number;
			deadlineMs: number;
			/** Bytes received (or about to be) when it stopped. */
			received: number;
			/** The Content-Length Yoti announced, when that alone was over the cap. */
			announced?: number;
	  };

/**
 * A `NodeApiError` built only from our own words. n8n would otherwise copy the failed request
 * (signed URL, `X-Yoti-Auth-Digest`, `Authorization`) into what it shows and logs.
 */
export function apiError(
	ctx: Context,
	message: string,
	description: string,
	httpCode: string | null,
	itemIndex: number | undefined,
): NodeApiError {
	const safe: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(ctx.getNode(), safe, {
		message,
		description,
		...(httpCode ? { httpCode } : {}),
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
}

function times(tries: number): string {
	return tries === 1 ? 'once' : `${tries} times`;
}

export interface FailureFacts {
	tries: number;
	itemIndex?: number;
	/** Host of the API base, named in network errors (never the URL: its query is signed). */
	host?: string;
	/** Set when a Retry-After longer than the node waits ended the retries. */
	retryAfterMs?: number;
}

export function failure(ctx: Context, req: YotiRequest, outcome: Outcome, facts: FailureFacts): NodeApiError {
	const { tries, itemIndex } = facts;
	if (outcome.kind === 'limit') {
		return outcome.reason === 'size'
			? apiError(ctx, downloadTooLargeMessage(outcome.maxBytes), downloadTooLargeDescription(outcome), null, itemIndex)
			: apiError(ctx, downloadTooSlowMessage(outcome.deadlineMs), downloadTooSlowDescription(outcome), null, itemIndex);
	}
	if (outcome.kind === 'network') {
		const where = facts.host ? `Yoti (${facts.host})` : 'Yoti';
		const notResent =
			req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH'
				? ' The request was not resent because it may have reached Yoti.'
				: '';
		return apiError(
			ctx,
			`${where} ${describeNetworkCode(outcome.code)} — tried ${times(tries)}; try again later`,
			`Network error ${outcome.code}. Check the network and the credential's environment or base URL.${notResent}`,
			null,
			itemIndex,
		);
	}
	const status = outcome.statusCode;
	const body = readYotiErrorBody(outcome.body);
	const description = describeYotiErrorBody(status, body);
	const code = String(status);
	if (req.api === 'age' || req.api === 'ai') {
		const known = ageApiFailure(req, status, outcome.body, tries);
		if (known) return apiError(ctx, known.message, known.description, code, itemIndex);
	}
	if (facts.retryAfterMs !== undefined) {
		return apiError(ctx, retryAfterTooLongMessage(status, facts.retryAfterMs), description, code, itemIndex);
	}
	if (status === 401) {
		return apiError(ctx, req.api === 'sign' ? SIGN_KEY_REJECTED : IDV_SIGNATURE_REJECTED, description, code, itemIndex);
	}
	if (status === 403) return apiError(ctx, forbiddenMessage(req.api, req.resource), description, code, itemIndex);
	if (status === 404) return apiError(ctx, notFoundMessage(req.path, req.resource, req.api), description, code, itemIndex);
	if (status === 409) {
		if (req.conflict) return apiError(ctx, req.conflict.message, `${req.conflict.description}\n${description}`, code, itemIndex);
		return apiError(ctx, conflictMessage(req, body.code), description, code, itemIndex);
	}
	if (status === 400 || status === 422) {
		const what = status === 422 ? 'could not process the request' : 'refused the request as invalid';
		return apiError(ctx, `Yoti ${what}${body.message ? `: ${body.message}` : body.code ? `: ${body.code}` : ''}`, description, code, itemIndex);
	}
	if (status === 413) return apiError(ctx, 'Yoti refused the request as too large', description, code, itemIndex);
	if (RETRYABLE_STATUSES.has(status) || status >= 500) {
		return apiError(ctx, exhaustedMessage(status, tries), description, code, itemIndex);
	}
	return apiError(ctx, `Yoti answered HTTP ${status}`, description, code, itemIndex);
}
