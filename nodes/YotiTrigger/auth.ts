import { createHash, timingSafeEqual } from 'crypto';

export type NotificationAuthType = 'basic' | 'bearer';

/** The credentials part Yoti puts after the scheme: base64(token) for Basic, the token for Bearer. */
function expectedCredentials(authType: NotificationAuthType, token: string): string {
	return authType === 'basic' ? Buffer.from(token, 'utf8').toString('base64') : token;
}

/** The full header value Yoti sends for a session whose `notifications.auth_token` is `token`. */
export function expectedAuthorization(authType: NotificationAuthType, token: string): string {
	return `${authType === 'basic' ? 'Basic' : 'Bearer'} ${expectedCredentials(authType, token)}`;
}

/**
 * Whether `header` carries `token` the way Yoti sends it. The scheme name is matched without
 * regard to case (RFC 9110) and may be followed by more than one space; the credentials part
 * must be exact. Both sides are hashed first, so the constant-time comparison hides length too.
 */
export function isAuthorized(
	header: string | string[] | undefined,
	authType: NotificationAuthType,
	token: string,
): boolean {
	if (typeof header !== 'string' || token === '') return false;
	const match = /^(\S+) +(\S.*)$/.exec(header.trim());
	const presentedScheme = match ? match[1].toLowerCase() : '';
	const presentedCredentials = match ? match[2] : '';
	const credentialsMatch = timingSafeEqual(
		sha256(presentedCredentials),
		sha256(expectedCredentials(authType, token)),
	);
	return credentialsMatch && presentedScheme === authType;
}

function sha256(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}
