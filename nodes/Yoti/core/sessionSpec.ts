/** Builds the body of POST /sessions from the node's fields. Pure: no n8n, no I/O. */

export interface SessionSpecInput {
	requestedChecks: string[];
	requestedTasks: string[];
	userTrackingId?: string;
	clientSessionTokenTtl?: number;
	resourcesTtl?: number;
	successUrl?: string;
	errorUrl?: string;
	allowedCaptureMethods?: string;
	locale?: string;
	presetIssuingCountry?: string;
	primaryColour?: string;
	notifications?: { endpoint: string; topics: string[]; authToken: string; authType: 'BASIC' | 'BEARER' };
	/** Anything else, merged over the built body (objects merged deeply, arrays replaced). */
	extra?: Record<string, unknown>;
}

/** Sensible configs for the common checks, as Yoti's own quick-start sessions use them. */
const CHECK_CONFIGS: Record<string, Record<string, unknown>> = {
	LIVENESS: { liveness_type: 'ZOOM', max_retries: 3 },
	ID_DOCUMENT_FACE_MATCH: { manual_check: 'FALLBACK' },
	FACE_COMPARISON: { manual_check: 'NEVER' },
	WATCHLIST_SCREENING: { categories: ['ADVERSE-MEDIA', 'SANCTIONS'] },
};

const TASK_CONFIGS: Record<string, Record<string, unknown>> = {
	ID_DOCUMENT_TEXT_DATA_EXTRACTION: { manual_check: 'FALLBACK' },
	SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION: { manual_check: 'FALLBACK' },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(over)) {
		const current = merged[key];
		merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
	}
	return merged;
}

function definedOnly(object: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== '' && value !== null),
	);
}

export function buildSessionSpec(input: SessionSpecInput): Record<string, unknown> {
	const sdkConfig = definedOnly({
		allowed_capture_methods: input.allowedCaptureMethods,
		locale: input.locale,
		preset_issuing_country: input.presetIssuingCountry,
		primary_colour: input.primaryColour,
		success_url: input.successUrl,
		error_url: input.errorUrl,
	});
	const body: Record<string, unknown> = definedOnly({
		client_session_token_ttl: input.clientSessionTokenTtl,
		resources_ttl: input.resourcesTtl,
		user_tracking_id: input.userTrackingId,
	});
	body.requested_checks = input.requestedChecks.map((type) => ({ type, config: CHECK_CONFIGS[type] ?? {} }));
	body.requested_tasks = input.requestedTasks.map((type) => ({ type, config: TASK_CONFIGS[type] ?? {} }));
	body.sdk_config = sdkConfig;
	if (input.notifications) {
		body.notifications = {
			endpoint: input.notifications.endpoint,
			topics: input.notifications.topics.map((topic) => topic.toUpperCase()),
			auth_token: input.notifications.authToken,
			auth_type: input.notifications.authType,
		};
	}
	return input.extra ? deepMerge(body, input.extra) : body;
}

/** Yoti refuses a session whose resources_ttl is shorter than client_session_token_ttl plus this. */
export const RESOURCES_TTL_MARGIN_SECONDS = 86400;

/**
 * The resources TTL to send: the one given, or for 0 / none "link time plus one day" (Yoti's
 * minimum for that link time). Without a link time, none is sent and Yoti applies its own.
 */
export function resourcesTtlFor(clientSessionTokenTtl: number | undefined, resourcesTtl: number | undefined): number | undefined {
	if (resourcesTtl !== undefined && resourcesTtl > 0) return resourcesTtl;
	return clientSessionTokenTtl === undefined ? undefined : clientSessionTokenTtl + RESOURCES_TTL_MARGIN_SECONDS;
}

export interface TtlProblem {
	clientSessionTokenTtl: number;
	resourcesTtl: number;
	/** The smallest resources_ttl Yoti accepts with this token TTL. */
	minimum: number;
}

/**
 * Checks Yoti's rule resources_ttl >= client_session_token_ttl + 86,400 on the body about to be
 * sent (after Session Spec (JSON) is merged in). Only numbers are compared; a body without one
 * of them (e.g. a session_deadline instead) is left to Yoti.
 */
export function ttlProblem(body: Record<string, unknown>): TtlProblem | undefined {
	const token = body.client_session_token_ttl;
	const resources = body.resources_ttl;
	if (typeof token !== 'number' || typeof resources !== 'number') return undefined;
	if (!Number.isFinite(token) || !Number.isFinite(resources)) return undefined;
	const minimum = token + RESOURCES_TTL_MARGIN_SECONDS;
	return resources < minimum ? { clientSessionTokenTtl: token, resourcesTtl: resources, minimum } : undefined;
}
