/**
 * Yoti Age Verification Service (age.yoti.com): the create-session body and the flat result
 * item. Pure: no n8n, no I/O, never throws on odd shapes. Wire facts: ../shared/reference/yoti-age.md.
 */

export type AgeCheckType = 'OVER' | 'UNDER' | 'AGE';

/** The methods whose request shape Yoti documents; each is sent with an explicit `allowed`. */
export const AGE_METHODS = ['age_estimation', 'digital_id', 'doc_scan', 'credit_card', 'mobile'] as const;
export type AgeMethod = (typeof AGE_METHODS)[number];

export const AGE_TTL_MIN = 60;
export const AGE_TTL_MAX = 2592000;
export const AGE_THRESHOLD_MIN = 1;
export const AGE_THRESHOLD_MAX = 150;

export interface AgeSessionInput {
	type: string;
	threshold?: number;
	/** The methods the person may use; every other documented method is sent `allowed: false`. */
	methods: string[];
	/** A higher threshold for facial age estimation only (Yoti's buffer, e.g. 25 for an 18+ check). */
	ageEstimationThreshold?: number;
	ageEstimationLevel?: string;
	ttl?: number;
	referenceId?: string;
	callbackUrl?: string;
	callbackAuto?: boolean;
	notificationUrl?: string;
	cancelUrl?: string;
	retryEnabled?: boolean;
	resumeEnabled?: boolean;
	synchronousChecks?: boolean;
	ruleId?: string;
	blockBiometricConsent?: boolean;
	/** Options (JSON): merged over the built body (plain objects merged key by key). */
	extra?: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` merged into `base`: plain objects key by key, anything else replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
	const result: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(over)) {
		if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
		const current = result[key];
		result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
	}
	return result;
}

function text(value: string | undefined): string | undefined {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	return trimmed === '' ? undefined : trimmed;
}

/** The POST /sessions body, as Yoti's create-a-session page shows it. */
export function buildAgeSessionBody(input: AgeSessionInput): Record<string, unknown> {
	const type = (text(input.type) ?? 'OVER').toUpperCase();
	const compares = type === 'OVER' || type === 'UNDER';
	const allowed = new Set(input.methods.map((m) => String(m).toLowerCase()));
	const body: Record<string, unknown> = { type };
	for (const method of AGE_METHODS) {
		const entry: Record<string, unknown> = { allowed: allowed.has(method) };
		if (compares && input.threshold !== undefined) {
			entry.threshold =
				method === 'age_estimation' && input.ageEstimationThreshold ? input.ageEstimationThreshold : input.threshold;
		}
		if (method === 'age_estimation' && text(input.ageEstimationLevel)) entry.level = text(input.ageEstimationLevel);
		body[method] = entry;
	}
	if (input.ttl !== undefined) body.ttl = input.ttl;
	const referenceId = text(input.referenceId);
	if (referenceId) body.reference_id = referenceId;
	const callbackUrl = text(input.callbackUrl);
	if (callbackUrl) body.callback = { url: callbackUrl, auto: input.callbackAuto !== false };
	const notificationUrl = text(input.notificationUrl);
	if (notificationUrl) body.notification_url = notificationUrl;
	const cancelUrl = text(input.cancelUrl);
	if (cancelUrl) body.cancel_url = cancelUrl;
	if (input.retryEnabled !== undefined) body.retry_enabled = input.retryEnabled;
	if (input.resumeEnabled !== undefined) body.resume_enabled = input.resumeEnabled;
	if (input.synchronousChecks !== undefined) body.synchronous_checks = input.synchronousChecks;
	if (input.blockBiometricConsent !== undefined) body.block_biometric_consent = input.blockBiometricConsent;
	const ruleId = text(input.ruleId);
	if (ruleId) {
		body.rule_id = ruleId;
		// Age tokens need the login method (Yoti's age accounts page).
		body.login = { allowed: true };
	}
	return input.extra && Object.keys(input.extra).length > 0 ? deepMerge(body, input.extra) : body;
}

export interface AgeSessionProblem {
	/** The parameter (display name) at fault. */
	field: string;
	message: string;
}

function isUrl(value: unknown, schemes: string[]): boolean {
	if (typeof value !== 'string') return false;
	try {
		return schemes.includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

/**
 * What Yoti would refuse in a body about to be sent, found before any request. `httpsOnly`:
 * the notification URL must be https (Yoti sends notifications only over HTTPS); off for a
 * Custom base URL (a local simulator).
 */
export function ageSessionProblems(body: Record<string, unknown>, httpsOnly: boolean): AgeSessionProblem[] {
	const problems: AgeSessionProblem[] = [];
	const type = body.type;
	if (type !== 'OVER' && type !== 'UNDER' && type !== 'AGE') {
		problems.push({ field: 'Check Type', message: `must be OVER, UNDER or AGE, not ${JSON.stringify(type)}` });
	}
	const compares = type === 'OVER' || type === 'UNDER';
	for (const method of [...AGE_METHODS, 'login']) {
		const entry = body[method];
		if (!isPlainObject(entry) || entry.threshold === undefined) continue;
		const threshold = entry.threshold;
		if (
			compares &&
			(typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < AGE_THRESHOLD_MIN || threshold > AGE_THRESHOLD_MAX)
		) {
			// Age estimation's own threshold differs from the one the other methods share.
			const others = AGE_METHODS.filter((m) => m !== 'age_estimation').map((m) => (isPlainObject(body[m]) ? body[m].threshold : undefined));
			const field = method === 'age_estimation' && others.some((t) => t !== undefined && t !== threshold) ? 'Age Estimation Threshold' : 'Threshold';
			problems.push({ field, message: `must be a whole number of years from ${AGE_THRESHOLD_MIN} to ${AGE_THRESHOLD_MAX}, not ${JSON.stringify(threshold)}` });
			break;
		}
	}
	const anyAllowed = Object.values(body).some((value) => isPlainObject(value) && value.allowed === true);
	if (!anyAllowed) problems.push({ field: 'Methods', message: 'choose at least one method the person may use' });
	if (body.ttl !== undefined) {
		const ttl = body.ttl;
		if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < AGE_TTL_MIN || ttl > AGE_TTL_MAX) {
			problems.push({
				field: 'Link Valid For (Seconds)',
				message: `must be a whole number of seconds from ${AGE_TTL_MIN} to ${AGE_TTL_MAX} (30 days), not ${JSON.stringify(ttl)}`,
			});
		}
	}
	const callback = isPlainObject(body.callback) ? body.callback.url : body.callback_url;
	if (callback !== undefined && !isUrl(callback, ['https:', 'http:'])) {
		problems.push({ field: 'Callback URL', message: 'must be an http(s) URL' });
	}
	if (body.cancel_url !== undefined && !isUrl(body.cancel_url, ['https:', 'http:'])) {
		problems.push({ field: 'Cancel URL', message: 'must be an http(s) URL' });
	}
	if (body.notification_url !== undefined) {
		if (!isUrl(body.notification_url, httpsOnly ? ['https:'] : ['https:', 'http:'])) {
			problems.push({
				field: 'Notification URL',
				message: httpsOnly
					? 'must be an https:// URL: Yoti sends notifications only over HTTPS (http:// is allowed only with a Custom base URL)'
					: 'must be an http(s) URL',
			});
		}
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Result

/** Statuses after which a session no longer changes (Yoti may add more: others count as not final). */
export const AGE_FINAL_STATUSES: readonly string[] = ['COMPLETE', 'FAIL', 'ERROR', 'CANCELLED', 'EXPIRED'];

export type AgeResultItem = Record<string, string | number | boolean | null>;

function str(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The keys of a result that are method objects: an object with `allowed`, `attempts` or `threshold`. */
function methodEntries(result: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
	return Object.entries(result).filter(
		(entry): entry is [string, Record<string, unknown>] =>
			isPlainObject(entry[1]) && ('allowed' in entry[1] || 'attempts' in entry[1] || 'attempts_remaining' in entry[1]),
	);
}

/** Whether a result passed: COMPLETE for a type that compares a threshold (OVER / UNDER). */
export function agePassed(status: unknown, type: unknown): boolean {
	return status === 'COMPLETE' && (type === 'OVER' || type === 'UNDER');
}

/**
 * One flat item for GET /sessions/{id}/result: what an operator routes on first, then the
 * per-method attempts (`<method>_allowed`, `<method>_attempts`, `<method>_attempts_remaining`) of
 * each method that was allowed or used.
 * `threshold` is the used method's, else the one all allowed methods share, else null.
 */
export function flattenAgeResult(result: unknown, sessionIdFallback = ''): AgeResultItem {
	const r = isPlainObject(result) ? result : {};
	const methods = methodEntries(r);
	const status = str(r.status);
	const type = str(r.type);
	const method = str(r.method);
	const used = method ? methods.find(([key]) => key === method.toLowerCase()) : undefined;
	let threshold = used ? num(used[1].threshold) : null;
	if (threshold === null || threshold === 0) {
		const shared = new Set(methods.filter(([, m]) => m.allowed === true).map(([, m]) => num(m.threshold)).filter((t) => t !== null && t > 0));
		threshold = shared.size === 1 ? [...shared][0] : null;
	}
	let attemptsUsed = 0;
	for (const [, m] of methods) attemptsUsed += num(m.attempts) ?? 0;
	const item: AgeResultItem = {
		session_id: str(r.id) ?? (sessionIdFallback || null),
		status,
		passed: agePassed(status, type),
		age: num(r.age),
		type,
		threshold: type === 'AGE' ? null : threshold,
		method,
		reference_id: str(r.reference_id),
		evidence_id: str(r.evidence_id),
		attempts_used: attemptsUsed,
		created_at: str(r.created_at),
		updated_at: str(r.updated_at),
		expires_at: str(r.expires_at),
		final: status !== null && AGE_FINAL_STATUSES.includes(status),
	};
	// Only the methods the person could use or did use: a result lists a dozen, mostly unused.
	for (const [key, m] of methods.filter(([, m]) => m.allowed === true || (num(m.attempts) ?? 0) > 0)) {
		item[`${key}_allowed`] = typeof m.allowed === 'boolean' ? m.allowed : null;
		item[`${key}_attempts`] = num(m.attempts);
		item[`${key}_attempts_remaining`] = num(m.attempts_remaining);
	}
	return item;
}
