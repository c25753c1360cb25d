const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/pjpeg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/tiff': 'tiff',
	'image/heic': 'heic',
	'application/json': 'json',
	'text/json': 'json',
	'application/pdf': 'pdf',
	'application/zip': 'zip',
	'application/x-zip-compressed': 'zip',
	'text/plain': 'txt',
};

/**
 * A file extension for a Content-Type, parameters ignored (`image/jpeg; charset=binary` ->
 * `jpg`); any `+json` type -> `json`; octet-stream and anything unknown -> `bin`.
 */
export function extensionForMime(mime: string): string {
	const type = String(mime ?? '').split(';')[0].trim().toLowerCase();
	if (EXTENSIONS[type]) return EXTENSIONS[type];
	if (type.endsWith('+json')) return 'json';
	return 'bin';
}
