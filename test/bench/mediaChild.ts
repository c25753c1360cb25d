/* eslint-disable */
// Runs in its own process (`node --expose-gc test/bench/run.js --media-child '<json>'`), so the
// RSS baseline holds only the engine and the node: Session → get media for one large media item,
// RSS sampled every 2 ms during the run. Prints one JSON line.
import { createHash } from 'crypto';

import { runGetMedia } from './clients';

interface Args {
	idvBaseUrl: string;
	sessionId: string;
	mediaId: string;
	bytes: number;
	warm: { sessionId: string; mediaId: string };
}

function collect(): void {
	const gc = (globalThis as any).gc as (() => void) | undefined;
	if (gc) {
		gc();
		gc();
	}
}

export async function main(argv: string[]): Promise<number> {
	const args = JSON.parse(argv[1]) as Args;
	// Warm-up: the same code path on a small demo JPEG (loads modules, opens the binary service).
	const warm = await runGetMedia(args.idvBaseUrl, args.warm.sessionId, args.warm.mediaId);
	if (warm.result.error) throw new Error(`media warm-up failed: ${warm.result.error.message}`);
	collect();
	await new Promise((resolve) => setTimeout(resolve, 50));
	collect();

	const baseline = process.memoryUsage().rss;
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	let peak = baseline;
	const sampler = setInterval(() => {
		const rss = process.memoryUsage().rss;
		if (rss > peak) peak = rss;
	}, 2);
	const { ms, result } = await runGetMedia(args.idvBaseUrl, args.sessionId, args.mediaId);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const maxRssAfter = process.resourceUsage().maxRSS * 1024;
	// The kernel's high-water mark also sees peaks between two samples, once it passes the old one.
	if (maxRssAfter > maxRssBefore) peak = Math.max(peak, maxRssAfter);

	if (result.error) throw new Error(`media fetch failed: ${result.error.message}`);
	const item = result.items[0]?.[0];
	if (!item) throw new Error('media fetch gave no item');
	const bytes = await result.binary(item, 'data');
	const intact = bytes.length === args.bytes && item.json.size === args.bytes;
	const sha256 = createHash('sha256').update(bytes).digest('hex');

	process.stdout.write(
		`${JSON.stringify({ baseline, peak, growth: peak - baseline, ms, intact, sha256, mimeType: item.json.mime_type })}\n`,
	);
	return 0;
}
