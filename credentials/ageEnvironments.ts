import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveBase } from './environments';

/**
 * Yoti Age Verification Service (age.yoti.com). Its Sandbox (`/sandbox/api/v1`) takes an OAuth
 * access token minted with a PS384 client assertion whose scope Yoti does not document, so it is
 * not offered: use Production, or Custom for a proxy or the local simulator.
 */
export const AGE_VERIFICATION_BASE_URLS: Readonly<Record<string, string>> = {
	production: 'https://age.yoti.com/api/v1',
};

/** Yoti AI services (facial age estimation, anti-spoofing). Yoti documents no sandbox for them. */
export const AI_BASE_URLS: Readonly<Record<string, string>> = {
	production: 'https://api.yoti.com/ai/v1',
};

/** The Age Verification API base a `yotiAgeVerificationApi` credential points at, without a trailing slash. */
export function ageVerificationBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBase('Yoti Age Verification API', AGE_VERIFICATION_BASE_URLS, credentials);
}

/** The AI API base a `yotiAiApi` credential points at, without a trailing slash. */
export function aiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBase('Yoti AI Services API', AI_BASE_URLS, credentials);
}

/**
 * Where the person goes to verify their age: `https://age.yoti.com?sessionId=…&sdkId=…` (Yoti's
 * quick-start, "Launch the user view"). For a Custom base URL, its origin and the path before
 * `/api/v1`; a `user:password@` is left out (the link goes to end users).
 */
export function ageVerificationUserUrl(baseUrl: string, sessionId: string, sdkId: string): string {
	const parsed = new URL(baseUrl);
	parsed.username = '';
	parsed.password = '';
	const prefix = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
	const query = `sessionId=${encodeURIComponent(sessionId)}&sdkId=${encodeURIComponent(sdkId)}`;
	return `${parsed.origin}${prefix}?${query}`;
}
