import type { YotiApiKind } from './types';

/** What a user reads when Yoti says no: each names what to do next. */
// The contract's words first; then the likeliest cause: a key from the other environment.
export const IDV_SIGNATURE_REJECTED =
	"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in";
export const SIGN_KEY_REJECTED =
	"Yoti Sign rejected the API key — check the API key, and that the credential's Environment (Demo or Production) is the one the key was issued for";

export type ResourceWord = 'session' | 'media' | 'recipient' | 'envelope';

const RESOURCE_LABEL: Record<ResourceWord, string> = {
	session: 'Session',
	media: 'Media',
	recipient: 'Recipient',
	envelope: 'Envelope',
};

/** The ID a 404 is about: the UUID that follows the resource's segment in the path. */
function idFromPath(path: string, resource: ResourceWord): string | undefined {
	const segment = { session: 'sessions', media: 'media', recipient: 'recipients', envelope: 'envelopes' }[resource];
	const match = new RegExp(`/${segment}/([0-9a-fA-F-]{36})`).exec(path);
	return match?.[1];
}

/**
 * Yoti answers 404 for an unknown app too ("Session or App not found" in its API reference),
 * so an IDV 404 names both; Create, which names no session, only the app.
 */
export const IDV_APP_NOT_FOUND =
	'The SDK ID is not an application in this environment — check the SDK ID and the credential\'s environment (production or sandbox)';
export const IDV_APP_REFUSED =
	'Yoti refused the app — it may be disabled in Yoti Hub or have no organisation; check the app in Yoti Hub';
const OR_UNKNOWN_APP = ', or the SDK ID is not an application in this environment';

export function notFoundMessage(path: string, resource: ResourceWord = 'session', api: YotiApiKind = 'idv'): string {
	if (api === 'idv' && /^\/sessions\/?$/.test(path)) return IDV_APP_NOT_FOUND;
	const id = idFromPath(path, resource);
	const label = RESOURCE_LABEL[resource];
	const app = api === 'idv' ? OR_UNKNOWN_APP : '';
	return `${label}${id ? ` ${id}` : ''} not found or already deleted — check the ${label.toLowerCase()} ID${app}`;
}

export const CONFLICT_SESSION_EXPIRED = 'Session expired (or its resources are no longer available) — create a new session';
export const CONFLICT_SESSION_NOT_FINISHED =
	'Session not finished yet — Yoti deletes a session only once its checks are finished; try again later';
export const CONFLICT_MEDIA_LOCKED =
	'The session or media is locked — Yoti does not delete media while the session is in progress; try again once it completes';
export const CONFLICT_SIGN_NOT_FINISHED =
	"The recipient's session is not finished yet — try again once the recipient completes identity verification";

/** What HTTP 409 means for the call that got it (Yoti's API reference, per endpoint). */
export function conflictMessage(
	req: { api: YotiApiKind; method: string; path: string; resource?: ResourceWord },
	code?: string,
): string {
	if (req.api === 'sign') return CONFLICT_SIGN_NOT_FINISHED;
	if (req.method === 'DELETE' && req.resource === 'media') return CONFLICT_MEDIA_LOCKED;
	if ((req.method === 'DELETE' && /^\/sessions\/[^/]+$/.test(req.path)) || code === 'SESSION_NOT_COMPLETED') {
		return CONFLICT_SESSION_NOT_FINISHED;
	}
	return CONFLICT_SESSION_EXPIRED;
}

export function exhaustedMessage(status: number, tries: number): string {
	const times = tries === 1 ? 'once' : `${tries} times`;
	if (status === 429) return `Yoti is rate-limiting requests (HTTP 429) — tried ${times}; try again later or lower the node's Concurrency`;
	return `Yoti is unavailable (HTTP ${status}) — tried ${times}; try again later`;
}

export function forbiddenMessage(api: YotiApiKind, resource?: ResourceWord): string {
	if (api === 'sign' && resource === 'envelope') {
		return 'Yoti Sign refused access — the envelope was created with another API key (organisation) than this credential\'s';
	}
	return api === 'sign'
		? 'Yoti Sign refused access — the API key may not be allowed to read this recipient'
		: 'Yoti refused access — the Yoti Hub app may be disabled, or the resource belongs to another app';
}

export function retryAfterTooLongMessage(status: number, waitMs: number): string {
	const seconds = Math.ceil(waitMs / 1000);
	return `Yoti asked to wait ${seconds} s before retrying (HTTP ${status}), longer than this node waits — try again later`;
}

/** "100 MB", "1.5 MB": a byte count in the unit of the Max Download Size option ("814 bytes" under 1 MB). */
export function megabytes(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	if (mb < 1) return `${bytes} bytes`;
	return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(2))} MB`;
}

function seconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : Number(s.toFixed(1))} s`;
}

export function downloadTooLargeMessage(maxBytes: number): string {
	return `The download from Yoti is larger than this node's limit of ${megabytes(maxBytes)} (Options → Max Download Size (MB)) — raise that option if the file is expected to be this large`;
}

export function downloadTooLargeDescription(facts: { maxBytes: number; received: number; announced?: number }): string {
	const what =
		facts.announced !== undefined
			? `Yoti announced ${facts.announced} bytes (Content-Length), over the limit of ${facts.maxBytes} bytes; nothing was read.`
			: `Stopped at ${facts.received} bytes, over the limit of ${facts.maxBytes} bytes; nothing was kept.`;
	return `${what} Not retried: the same file would be refused again.`;
}

export function downloadTooSlowMessage(deadlineMs: number): string {
	return `The download from Yoti did not finish within ${seconds(deadlineMs)}, this node's time limit for a whole download (Options → Download Time Limit (Seconds)) — try again later, or raise that option for a slow network`;
}

export function downloadTooSlowDescription(facts: { deadlineMs: number; received: number }): string {
	return `${facts.received} bytes had arrived when the limit of ${seconds(facts.deadlineMs)} passed; nothing was kept. The limit covers the whole download, not only pauses. Not retried.`;
}
