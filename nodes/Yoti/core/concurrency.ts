/**
 * Runs `fn` over `items` with at most `limit` calls in flight (a limit below 1 or not a number
 * counts as 1) and resolves with the results in input order.
 *
 * If a call throws, no new item is started; the promise rejects with the first error once
 * the calls already in flight have settled (none is left running behind the caller's back).
 * Callers that want every item to run catch inside `fn`.
 */
export async function mapConcurrent<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	const width = Math.max(1, Math.min(items.length, Math.floor(Number(limit)) || 1));
	let next = 0;
	let failure: { error: unknown } | undefined;

	async function worker(): Promise<void> {
		while (!failure && next < items.length) {
			const index = next++;
			try {
				results[index] = await fn(items[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	}

	const workers: Array<Promise<void>> = [];
	for (let i = 0; i < width && i < items.length; i++) workers.push(worker());
	await Promise.all(workers);
	if (failure) throw failure.error;
	return results;
}
