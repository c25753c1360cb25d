import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const IDV_BASE_URLS: Readonly<Record<string, string>> = {
	production: 'https://api.yoti.com/idverify/v1',
	sandbox: 'https://api.yoti.com/sandbox/idverify/v1',
};

export const SIGN_BASE_URLS: Readonly<Record<string, string>> = {
	production: 'https://api.yotisign.com/v2',
	demo: 'https://demo.api.yotisign.com/v2',
};

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

function resolveBase(
	credentialName: string,
	known: Readonly<Record<string, string>>,
	credentials: ICredentialDataDecryptedObject,
): string {
	const environment = typeof credentials.environment === 'string' ? credentials.environment : 'production';
	if (environment !== 'custom') {
		const base = known[environment];
		if (!base) throw new Error(`The ${credentialName} credential has an unknown environment "${environment}"`);
		return base;
	}
	const custom = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (custom === '') throw new Error(`The ${credentialName} credential's environment is Custom but its Base URL is empty`);
	const parsed = parseUrl(custom);
	if (!parsed) throw new Error(`The ${credentialName} credential's Base URL is not a URL: ${custom}`);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new Error(`The ${credentialName} credential's Base URL must start with https:// or http://`);
	}
	return custom.replace(/\/+$/, '');
}

/** The IDV API base a `yotiApi` credential points at, without a trailing slash. */
export function idvBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBase('Yoti IDV API', IDV_BASE_URLS, credentials);
}

/** The Yoti Sign API base a `yotiSignApi` credential points at, without a trailing slash. */
export function signBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBase('Yoti Sign API', SIGN_BASE_URLS, credentials);
}
