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

/**
 * `text` with the `user:password@` part of every URL in it removed. A Base URL may carry
 * credentials for a proxy in front of Yoti; no message, item or log line ever quotes them.
 */
export function withoutUserinfo(text: string): string {
	return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi, '$1');
}

/**
 * A URL as it may appear in a message: without `user:password@`, query or fragment. Text that
 * does not parse as a URL gets `withoutUserinfo` only.
 */
export function displayUrl(text: string): string {
	const parsed = parseUrl(text);
	if (!parsed) return withoutUserinfo(text);
	parsed.username = '';
	parsed.password = '';
	parsed.search = '';
	parsed.hash = '';
	const shown = parsed.toString();
	// URL adds a "/" to a bare origin; keep the text as the user wrote it otherwise.
	return text.endsWith('/') || parsed.pathname !== '/' ? shown : shown.replace(/\/$/, '');
}

/** Whether a URL's host is this machine: 127.0.0.0/8, `localhost` or `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host === '[::1]') return true;
	// The URL parser has already normalised IPv4 forms such as 127.1 or 0x7f.0.0.1.
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function resolveBase(
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
	if (!parsed) {
		const shown = withoutUserinfo(custom);
		// Without a scheme the userinfo cannot be told apart reliably: say nothing of the value then.
		const quoted = shown.includes('@') ? '' : `: ${shown.slice(0, 200)}`;
		throw new Error(`The ${credentialName} credential's Base URL is not a URL${quoted}`);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new Error(`The ${credentialName} credential's Base URL must start with https:// or http://`);
	}
	if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
		// Over plain http the signed requests, the Bearer key and the results would cross the network readable.
		throw new Error(
			`The ${credentialName} credential's Base URL uses http:// for ${parsed.hostname}, which is not this machine — use https://; http:// is allowed only for loopback hosts (127.0.0.1, localhost, [::1]) such as a local Yoti simulator`,
		);
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
