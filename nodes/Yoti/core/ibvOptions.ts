/*
 * The `ibv_options` block of POST /sessions, as the official SDKs build it: `support`
 * (MANDATORY | NOT_ALLOWED), `guidance_url`, and `user_price{amount, currency}` with the
 * amount as a string — getyoti/yoti-java-sdk docs/session/create/IbvOptions.java and
 * UserPrice.java. getyoti/yoti-php-sdk src/DocScan/Session/Create/IbvOptions.php has
 * `support` and `guidance_url` only; the Node SDK 4.13 has no IBV options. Absent values are
 * left out (PHP's Json::withoutNullValues, Java's NON_NULL mapper). Pure: no n8n.
 */
import { deepMerge } from './sessionSpec';

export const IBV_SUPPORT_VALUES = ['MANDATORY', 'NOT_ALLOWED'] as const;

export interface IbvOptionsInput {
	support?: string;
	guidanceUrl?: string;
	userPriceAmount?: string | number;
	userPriceCurrency?: string;
}

/** Why the input cannot be sent, or null when it can (checked before any request). */
export function ibvOptionsProblem(input: IbvOptionsInput): string | null {
	const support = (input.support ?? '').trim();
	const guidanceUrl = (input.guidanceUrl ?? '').trim();
	const amount = String(input.userPriceAmount ?? '').trim();
	const currency = (input.userPriceCurrency ?? '').trim();
	const anything = support || guidanceUrl || amount || currency;
	if (!anything) return null;
	if (!(IBV_SUPPORT_VALUES as readonly string[]).includes(support)) {
		return 'IBV Support must be MANDATORY or NOT_ALLOWED when other in-branch options are set';
	}
	if (guidanceUrl && !/^https?:\/\/\S+$/i.test(guidanceUrl)) return 'IBV Guidance URL must be an http(s) URL';
	if (currency && !amount) return 'IBV User Price Currency needs a User Price Amount';
	if (amount && !/^\d+(\.\d{1,2})?$/.test(amount)) return 'IBV User Price Amount must be a number such as 5.00';
	if (currency && !/^[A-Z]{3}$/.test(currency)) return 'IBV User Price Currency must be an ISO 4217 code such as GBP';
	return null;
}

/** The block to send, or undefined when no IBV option is set. Call `ibvOptionsProblem` first. */
export function buildIbvOptions(input: IbvOptionsInput): Record<string, unknown> | undefined {
	const support = (input.support ?? '').trim();
	if (!support) return undefined;
	const block: Record<string, unknown> = { support };
	const guidanceUrl = (input.guidanceUrl ?? '').trim();
	if (guidanceUrl) block.guidance_url = guidanceUrl;
	const amount = String(input.userPriceAmount ?? '').trim();
	if (amount) block.user_price = { amount, currency: (input.userPriceCurrency ?? '').trim() || 'GBP' };
	return block;
}

/**
 * Adds `ibv_options` to a built create-session body. An `ibv_options` the body already has
 * came from Session Spec (JSON), which is merged over the fields, so it wins key by key.
 */
export function withIbvOptions(spec: Record<string, unknown>, block: Record<string, unknown> | undefined): Record<string, unknown> {
	if (!block) return spec;
	const fromJson = spec.ibv_options;
	const isObject = typeof fromJson === 'object' && fromJson !== null && !Array.isArray(fromJson);
	return {
		...spec,
		ibv_options: fromJson === undefined ? block : isObject ? deepMerge(block, fromJson as Record<string, unknown>) : fromJson,
	};
}
