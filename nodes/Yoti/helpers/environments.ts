import { displayUrl } from '../../../credentials/environments';

export { idvBaseUrl } from '../../../credentials/environments';

/**
 * The end user's web flow for a session: the link an onboarding workflow sends out. A Custom
 * Base URL's `user:password@` (for a proxy in front of Yoti) is left out: the link goes to end users.
 */
export function endUserUrl(baseUrl: string, sessionId: string, clientSessionToken: string): string {
	const query = `sessionID=${encodeURIComponent(sessionId)}&sessionToken=${encodeURIComponent(clientSessionToken)}`;
	return `${displayUrl(baseUrl).replace(/\/+$/, '')}/web/index.html?${query}`;
}
