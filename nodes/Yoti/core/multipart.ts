/** A `multipart/form-data` body built in memory (no form-data dependency). Pure; imports nothing from n8n. */

export interface MultipartPart {
	name: string;
	/** Sent as the part's filename (Yoti matches tags' `file_name` against it). */
	fileName?: string;
	contentType: string;
	data: Buffer | string;
}

/** Quotes a header parameter value: `"` and line breaks are not allowed in it, so they are escaped as browsers do. */
function quoted(value: string): string {
	return `"${value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

/**
 * The body and its Content-Type. `boundary` is given by the caller (random in the node, fixed
 * in tests); it must not occur in any part, which is checked.
 */
export function buildMultipart(parts: MultipartPart[], boundary: string): { body: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	const marker = Buffer.from(`--${boundary}`, 'latin1');
	for (const part of parts) {
		const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
		if (data.includes(marker)) throw new Error('multipart boundary occurs in a part');
		const disposition = `form-data; name=${quoted(part.name)}${part.fileName !== undefined ? `; filename=${quoted(part.fileName)}` : ''}`;
		chunks.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${part.contentType}\r\n\r\n`, 'utf8'),
			data,
			Buffer.from('\r\n', 'latin1'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
