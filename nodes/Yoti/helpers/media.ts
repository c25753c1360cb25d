import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { extensionForMime, parseJsonText } from '../core';
import { yotiRequest, type YotiRequest, type YotiResponse } from '../transport';
import { readOption } from './params';
import type { RunOptions } from './types';

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/**
 * One item for a downloaded media: the bytes as binary (named `<id>.<ext>`), the facts in JSON,
 * and, for JSON media, the parsed document under `content`. 204 means "no content", not an error.
 */
export async function mediaItem(
	ctx: IExecuteFunctions,
	response: YotiResponse<unknown>,
	params: { mediaId: string; binaryPropertyName: string; parseJson: boolean; json: IDataObject },
): Promise<INodeExecutionData> {
	const bytes = Buffer.isBuffer(response.body) ? response.body : undefined;
	if (response.statusCode === 204 || !bytes) {
		return {
			json: { ...params.json, media_id: params.mediaId, mime_type: null, size: 0, has_content: false },
		};
	}
	const contentType = headerValue(response.headers, 'content-type') ?? 'application/octet-stream';
	const mimeType = contentType.split(';')[0].trim().toLowerCase() || 'application/octet-stream';
	const fileName = `${params.mediaId}.${extensionForMime(mimeType)}`;
	const json: IDataObject = {
		...params.json,
		media_id: params.mediaId,
		mime_type: mimeType,
		size: bytes.length,
		has_content: true,
	};
	if (params.parseJson && /[/+]json$/.test(mimeType)) {
		try {
			json.content = parseJsonText(bytes) as IDataObject;
		} catch {
			json.content = null;
			json.content_error = 'The media is labelled JSON but is not valid JSON';
		}
	}
	const binary = await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return { json, binary: { [params.binaryPropertyName]: binary } };
}

/** Downloads one media and returns it as an item, honouring the operation's binary field and `parseJson` option. */
export async function downloadMediaItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
	request: YotiRequest,
	params: { mediaId: string; json: IDataObject },
): Promise<INodeExecutionData[]> {
	const response = await yotiRequest(ctx, request, { attempts: run.attempts, itemIndex });
	return [
		await mediaItem(ctx, response, {
			mediaId: params.mediaId,
			binaryPropertyName: ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string,
			parseJson: readOption(ctx, 'parseJson', itemIndex, true),
			json: params.json,
		}),
	];
}
