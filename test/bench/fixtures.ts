/* eslint-disable */
// Throwaway data for the benchmark: N distinct copies of a demo session and one large media
// file, in a temp sessions folder the simulator reads (see test/simulator/README.md, layout).
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';

const simulator = require('../simulator') as { DEMO: { sdkId: string; privateKey: string; sessionsDir: string } };

export const DEMO = simulator.DEMO;
export const DEMO_DATA_DIR = DEMO.sessionsDir;
/** The seed-size COMPLETED session every copy is made from. */
export const SEED_SESSION_ID = '5e551000-0000-4000-8000-000000000001';
/** A small demo JPEG of the seed session (warm-up for the media figure). */
export const DEMO_MEDIA = { sessionId: SEED_SESSION_ID, mediaId: '3ed1a000-0000-4000-8000-000000000101' };

export interface BenchData {
	dir: string;
	sessionIds: string[];
	seedText: string;
	media: { sessionId: string; mediaId: string; bytes: number };
	remove(): void;
}

/** `count` sessions (the seed with a new session_id each) and a `mediaBytes` random media file. */
export function createBenchData(count: number, mediaBytes: number): BenchData {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-bench-'));
	const seedText = fs.readFileSync(path.join(DEMO_DATA_DIR, `${SEED_SESSION_ID}.json`), 'utf8');
	const sessionIds: string[] = [];
	for (let i = 0; i < count; i += 1) {
		const id = randomUUID();
		sessionIds.push(id);
		fs.writeFileSync(path.join(dir, `${id}.json`), seedText.split(SEED_SESSION_ID).join(id));
	}
	const media = { sessionId: sessionIds[0], mediaId: randomUUID(), bytes: mediaBytes };
	fs.mkdirSync(path.join(dir, 'media', media.sessionId), { recursive: true });
	fs.writeFileSync(path.join(dir, 'media', media.sessionId, `${media.mediaId}.bin`), randomBytes(mediaBytes));
	return { dir, sessionIds, seedText, media, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface FlakyPlan {
	/** URL path -> attempt number -> the answer the proxy gives instead of the simulator. */
	plan: Record<string, Record<string, { kind: '503' | '429'; retryAfter?: string }>>;
	latencyMs: number;
}

export interface BenchServer {
	url: string;
	idvBaseUrl: string;
	stats(): Promise<{ requests: number; faulted: number; byKind: Record<string, number> }>;
	close(): Promise<void>;
}

export interface LocalhostCertificate {
	keyFile: string;
	certFile: string;
	remove(): void;
}

/**
 * A throwaway RSA-2048 key and self-signed certificate for localhost and 127.0.0.1, made with the
 * openssl CLI; undefined where it is missing. Clients trust it through NODE_EXTRA_CA_CERTS.
 */
export function makeLocalhostCertificate(): LocalhostCertificate | undefined {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoti-bench-tls-'));
	const remove = () => fs.rmSync(dir, { recursive: true, force: true });
	const keyFile = path.join(dir, 'key.pem');
	const certFile = path.join(dir, 'cert.pem');
	try {
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
			{ stdio: 'ignore' },
		);
	} catch {
		remove();
		return undefined;
	}
	return { keyFile, certFile, remove };
}

/** Starts test/bench/server.js (the simulator in its own process, maybe behind the flaky proxy, maybe over HTTPS). */
export async function startBenchServer(options: {
	sessionsDir: string[];
	latencyMs: number;
	flaky?: FlakyPlan;
	tls?: { keyFile: string; certFile: string };
}): Promise<BenchServer> {
	const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'server.js'), JSON.stringify(options)], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = readline.createInterface({ input: child.stdout! });
	const first = await new Promise<string>((resolve, reject) => {
		lines.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before listening`)));
	});
	const { url, idvBaseUrl } = JSON.parse(first) as { url: string; idvBaseUrl: string };
	return {
		url,
		idvBaseUrl,
		stats: async () => {
			const response = await fetch(`${url}/__bench/stats`);
			return (await response.json()) as any;
		},
		close: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
