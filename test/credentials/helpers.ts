/* eslint-disable */
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';

import type { SigningEntropy } from '../../nodes/Yoti/core/signing';

export const SIGNING_DIR = path.resolve(__dirname, '../../../shared/conformance/signing');

export function readShared(name: string): string {
	return fs.readFileSync(path.join(SIGNING_DIR, name), 'utf8');
}

export interface VectorResult {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string | null;
	stringToSign: string;
	digestFromSdk: string;
}
export interface VectorFile {
	pemFile: string;
	sdkId: string;
	fixedNonce: string;
	fixedTimestampMs: number;
	apiUrl: string;
	results: VectorResult[];
}

export function readVectors(name: 'vector-output.json' | 'vector-output-pkcs8.json'): VectorFile {
	return JSON.parse(readShared(name)) as VectorFile;
}

export const PKCS1_PEM = readShared('test-key.pem');
export const PKCS8_PEM = readShared('test-key-pkcs8.pem');
export const PUBLIC_PEM = readShared('test-pub.pem');

/** Written by hand from vector-output.json's header (the same in both files). */
export const VECTOR_SDK_ID = '00000000-1111-2222-3333-444444444444';
export const VECTOR_NONCE = '6f1c2c7e-8a4b-4f3e-9d2a-1b2c3d4e5f60';
export const VECTOR_TIMESTAMP = 1700000000000;

export function fixedEntropy(nonce = VECTOR_NONCE, timestampMs = VECTOR_TIMESTAMP): SigningEntropy {
	return { nonce: () => nonce, timestampMs: () => timestampMs };
}

/** Verifies a digest with the vectors' public key (test-pub.pem). */
export function verifies(message: string, digest: string, publicPem = PUBLIC_PEM): boolean {
	return crypto.verify('sha256', Buffer.from(message, 'utf8'), publicPem, Buffer.from(digest, 'base64'));
}

/** The base64 body of a PEM (everything between the armour lines, without whitespace). */
export function pemBody(pem: string): string {
	return pem
		.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
		.replace(/\s+/g, '');
}

/** Every `size`-character window of `secret` that appears in `text`. */
export function leakedWindows(text: string, secret: string, size = 20): string[] {
	const found: string[] = [];
	for (let i = 0; i + size <= secret.length; i++) {
		const window = secret.slice(i, i + size);
		if (text.includes(window)) found.push(window);
	}
	return found;
}

export function headerValues(headers: Record<string, unknown> | undefined, name: string): unknown[] {
	return Object.entries(headers ?? {})
		.filter(([key]) => key.toLowerCase() === name.toLowerCase())
		.map(([, value]) => value);
}
