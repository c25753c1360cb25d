import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const IDV_BASE_URLS: Record<string, string> = {
	production: 'https://api.yoti.com/idverify/v1',
	sandbox: 'https://api.yoti.com/sandbox/idverify/v1',
};

/** The IDV API base a `yotiApi` credential points at, without a trailing slash. */
export function idvBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	const base = environment === 'custom' ? String(credentials.baseUrl ?? '') : IDV_BASE_URLS[environment];
	return (base ?? IDV_BASE_URLS.production).replace(/\/+$/, '');
}

/** The end user's web flow for a session: the link an onboarding workflow sends out. */
export function endUserUrl(baseUrl: string, sessionId: string, clientSessionToken: string): string {
	const query = `sessionID=${encodeURIComponent(sessionId)}&sessionToken=${encodeURIComponent(clientSessionToken)}`;
	return `${baseUrl}/web/index.html?${query}`;
}
