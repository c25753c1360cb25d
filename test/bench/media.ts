/* eslint-disable */
// media_peak_rss_ratio: peak RSS growth of a fresh process while the node fetches one media
// item of `bytes` bytes, divided by `bytes` (see mediaChild.ts).
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { DEMO_MEDIA } from './fixtures';

export interface MediaFigure {
	ratio: number;
	growthBytes: number;
	baselineBytes: number;
	seconds: number;
	intact: boolean;
}

export function measureMedia(idvBaseUrl: string, sessionsDir: string, media: { sessionId: string; mediaId: string; bytes: number }): Promise<MediaFigure> {
	const file = path.join(sessionsDir, 'media', media.sessionId, `${media.mediaId}.bin`);
	const expectedSha = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
	const args = JSON.stringify({ idvBaseUrl, ...media, warm: DEMO_MEDIA });
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['--expose-gc', path.join(__dirname, 'run.js'), '--media-child', args],
			{ maxBuffer: 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) return reject(new Error(`media child failed: ${stderr || error.message}`));
				const line = stdout.trim().split('\n').pop() ?? '';
				const out = JSON.parse(line);
				resolve({
					ratio: out.growth / media.bytes,
					growthBytes: out.growth,
					baselineBytes: out.baseline,
					seconds: out.ms / 1000,
					intact: out.intact && out.sha256 === expectedSha,
				});
			},
		);
	});
}
