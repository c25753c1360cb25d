/**
 * Yoti AI age estimation: the image checks Yoti documents (made before sending) and the flat
 * result item. Pure: no n8n, no I/O.
 */

export const IMAGE_MIN_BYTES = 50 * 1000;
/** Yoti's pages say 1.5 MB and, in the error table, 2 MB: the larger is enforced here. */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_MIN_SIDE = 300;
export const IMAGE_MAX_SIDE = 2000;
export const IMAGE_MIN_PIXELS = 90000;
export const IMAGE_MAX_PIXELS = 2100000;
/** Yoti advises rejecting an estimate whose standard deviation is above 6. */
export const DEFAULT_MAX_ST_DEV = 6;

export interface ImageInfo {
	format: 'jpeg' | 'png';
	width: number | null;
	height: number | null;
	/** null when the header does not say. */
	greyscale: boolean | null;
}

function pngInfo(bytes: Buffer): ImageInfo {
	// IHDR is the first chunk: width and height at 16 and 20, colour type at 25.
	if (bytes.length < 26 || bytes.toString('latin1', 12, 16) !== 'IHDR') return { format: 'png', width: null, height: null, greyscale: null };
	const colourType = bytes[25];
	return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), greyscale: colourType === 0 || colourType === 4 };
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegInfo(bytes: Buffer): ImageInfo {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) {
			offset += 1;
			continue;
		}
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) break;
		const length = bytes.readUInt16BE(offset + 2);
		if (SOF_MARKERS.has(marker) && offset + 9 < bytes.length) {
			return {
				format: 'jpeg',
				height: bytes.readUInt16BE(offset + 5),
				width: bytes.readUInt16BE(offset + 7),
				greyscale: bytes[offset + 9] === 1,
			};
		}
		offset += 2 + length;
	}
	return { format: 'jpeg', width: null, height: null, greyscale: null };
}

/** The format and size of an image from its first bytes; undefined when it is neither JPEG nor PNG. */
export function imageInfo(bytes: Buffer): ImageInfo | undefined {
	if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return pngInfo(bytes);
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegInfo(bytes);
	return undefined;
}

function count(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What Yoti would refuse about an image, found before sending it; undefined when it may go. */
export function imageProblem(bytes: Buffer): string | undefined {
	if (bytes.length === 0) return 'is empty';
	const info = imageInfo(bytes);
	if (!info) return 'is not a JPEG or PNG image (Yoti accepts only those)';
	if (bytes.length < IMAGE_MIN_BYTES) return `is ${count(bytes.length)} bytes: Yoti needs at least 50 KB (use a larger, better-quality photo)`;
	if (bytes.length > IMAGE_MAX_BYTES) return `is ${count(bytes.length)} bytes: Yoti accepts at most 2 MB (1.5 MB recommended)`;
	if (info.width === null || info.height === null) return `is a ${info.format.toUpperCase()} whose size cannot be read (the file may be damaged)`;
	const { width, height } = info;
	if (width < IMAGE_MIN_SIDE || height < IMAGE_MIN_SIDE) return `is ${width}×${height} px: each side must be at least ${IMAGE_MIN_SIDE} px`;
	if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE) return `is ${width}×${height} px: each side must be at most ${IMAGE_MAX_SIDE} px`;
	const pixels = width * height;
	if (pixels < IMAGE_MIN_PIXELS) return `is ${width}×${height} px (${count(pixels)} pixels): Yoti needs at least ${count(IMAGE_MIN_PIXELS)}`;
	if (pixels > IMAGE_MAX_PIXELS) return `is ${width}×${height} px (${count(pixels)} pixels): Yoti accepts at most ${count(IMAGE_MAX_PIXELS)}`;
	if (info.greyscale === true) return 'is greyscale: Yoti needs a colour (RGB) photo';
	return undefined;
}

export type EstimationItem = Record<string, string | number | boolean | null | number[]>;

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}

/**
 * One item from an `/age` answer (`{age, st_dev}`) or an `/age-antispoofing` answer
 * (`{antispoofing: {prediction}, age: {age, st_dev}}`). `passed`: the age is at least
 * `threshold`, the estimate is sure enough (`st_dev` at most `maxStDev`) and, with
 * anti-spoofing, the face is `real`; `reason` says why not.
 */
export function estimationItem(
	answer: unknown,
	options: { threshold: number; maxStDev: number; antispoofing: boolean },
): EstimationItem {
	const a = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
	const ageBlock = typeof a.age === 'object' && a.age !== null ? (a.age as Record<string, unknown>) : a;
	const age = num(ageBlock.age);
	const stDev = num(ageBlock.st_dev);
	const spoof = typeof a.antispoofing === 'object' && a.antispoofing !== null ? (a.antispoofing as Record<string, unknown>) : {};
	const prediction = typeof spoof.prediction === 'string' ? spoof.prediction : typeof a.prediction === 'string' ? a.prediction : null;
	let reason: string | null = null;
	if (age === null) reason = 'no age in the answer';
	else if (stDev !== null && stDev > options.maxStDev) reason = `estimate too uncertain (st_dev ${stDev} > ${options.maxStDev})`;
	else if (options.antispoofing && prediction !== 'real') reason = `anti-spoofing prediction ${prediction ?? 'missing'}`;
	else if (age < options.threshold) reason = `estimated age ${age} below ${options.threshold}`;
	return {
		age,
		st_dev: stDev,
		age_range: age !== null && stDev !== null ? [round1(age - stDev), round1(age + stDev)] : null,
		antispoofing_prediction: options.antispoofing ? prediction : null,
		passed: reason === null,
		reason,
		threshold: options.threshold,
		max_st_dev: options.maxStDev,
	};
}
