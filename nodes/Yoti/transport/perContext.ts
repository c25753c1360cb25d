/**
 * The map `store` keeps for one execution context, made on first use. n8n builds a new context
 * per execution, so what is kept here lives exactly as long as that run (parameter reads, the
 * decrypted credential) and is dropped with it.
 */
export function perContext<V>(store: WeakMap<object, Map<string, V>>, ctx: object): Map<string, V> {
	let map = store.get(ctx);
	if (!map) {
		map = new Map();
		store.set(ctx, map);
	}
	return map;
}
