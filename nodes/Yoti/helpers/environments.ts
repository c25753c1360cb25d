export { idvBaseUrl } from '../../../credentials/environments';

/** The end user's web flow for a session: the link an onboarding workflow sends out. */
export function endUserUrl(baseUrl: string, sessionId: string, clientSessionToken: string): string {
	const query = `sessionID=${encodeURIComponent(sessionId)}&sessionToken=${encodeURIComponent(clientSessionToken)}`;
	return `${baseUrl}/web/index.html?${query}`;
}
