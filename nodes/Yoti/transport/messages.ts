/** What a user reads when Yoti says no: each names what to do next. */
// The contract's words first; then the likeliest cause: a key from the other environment.
export const IDV_SIGNATURE_REJECTED =
	"Yoti rejected the request signature — check the SDK ID and private key, and that the credential's Environment (Sandbox or Production) is the one your Yoti Hub application is in";
export const SIGN_KEY_REJECTED =
	"Yoti Sign rejected the API key — check the API key, and that the credential's Environment (Demo or Production) is the one the key was issued for";

export type ResourceWord = 'session' | 'media' | 'recipient';

const RESOURCE_LABEL: Record<ResourceWord, string> = {
	session: 'Session',
	media: 'Media',
	recipient: 'Recipient',
};

/** The ID a 404 is about: the UUID that follows the resource's segment in the path. */
function idFromPath(path: string, resource: ResourceWord): string | undefined {
	const segment = { session: 'sessions', media: 'media', recipient: 'recipients' }[resource];
	const match = new RegExp(`/${segment}/([0-9a-fA-F-]{36})`).exec(path);
	return match?.[1];
}

export function notFoundMessage(path: string, resource: ResourceWord = 'session'): string {
	const id = idFromPath(path, resource);
	const label = RESOURCE_LABEL[resource];
	return `${label}${id ? ` ${id}` : ''} not found or already deleted — check the ${label.toLowerCase()} ID`;
}

export function conflictMessage(code: string | undefined): string {
	if (code === 'SESSION_NOT_COMPLETED') {
		return 'Session not finished yet — Yoti deletes a session only once it is complete';
	}
	return 'Session expired (or its resources are no longer available) — create a new session';
}

export function exhaustedMessage(status: number, tries: number): string {
	const times = tries === 1 ? 'once' : `${tries} times`;
	if (status === 429) return `Yoti is rate-limiting requests (HTTP 429) — tried ${times}; try again later or lower the node's Concurrency`;
	return `Yoti is unavailable (HTTP ${status}) — tried ${times}; try again later`;
}

export function forbiddenMessage(api: 'idv' | 'sign'): string {
	return api === 'sign'
		? 'Yoti Sign refused access — the API key may not be allowed to read this recipient'
		: 'Yoti refused access — the Yoti Hub app may be disabled, or the resource belongs to another app';
}

export function retryAfterTooLongMessage(status: number, waitMs: number): string {
	const seconds = Math.ceil(waitMs / 1000);
	return `Yoti asked to wait ${seconds} s before retrying (HTTP ${status}), longer than this node waits — try again later`;
}
