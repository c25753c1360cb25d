import type { DedupeEntries } from './dedupe';

/**
 * In-process copy of the de-duplication state, per workflow + node. n8n saves a webhook's
 * static data only after `webhook()` returns, so a repeat that arrives while the first call is
 * still reading the session would not see the first in static data; this map catches it.
 * Bounded: the least recently used scopes are dropped beyond `MAX_SCOPES`.
 */
const MAX_SCOPES = 200;
const scopes = new Map<string, DedupeEntries>();

export function recentEntries(scope: string): DedupeEntries | undefined {
	return scopes.get(scope);
}

export function storeRecentEntries(scope: string, entries: DedupeEntries): void {
	scopes.delete(scope);
	scopes.set(scope, entries);
	while (scopes.size > MAX_SCOPES) {
		const oldest = scopes.keys().next().value;
		if (oldest === undefined) break;
		scopes.delete(oldest);
	}
}
