import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { extensionForMime, parseJsonText } from '../core';
import { yotiRequest, type TransportOptions, type YotiRequest, type YotiResponse } from '../transport';
import { readOption } from './params';
import type { RunOptions } from './types';

/** Transport options for a download: the item's attempts plus the size cap and overall deadline. */
export function downloadTransportOptions(run: RunOptions, itemIndex: number): TransportOptions {
	return { attempts: run.attempts, itemIndex, maxDownloadBytes: run.maxDownloadBytes, downloadDeadlineMs: run.downloadDeadlineMs };
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/**
 * One item for a download: the bytes as binary named `<fileBase>.<ext>` (the extension from the
 * content type), `mime_type`, `size` and `has_content` after `json`. 204 means "no content",
 * not an error: no binary, `has_content: false`.
 */
export async function binaryItem(
	ctx: IExecuteFunctions,
	response: YotiResponse<unknown>,
	params: { fileBase: string; binaryPropertyName: string; fallbackMime: string; json: IDataObject },
): Promise<INodeExecutionData> {
	const bytes = Buffer.isBuffer(response.body) ? response.body : undefined;
	if (response.statusCode === 204 || !bytes) {
		return { json: { ...params.json, mime_type: null, size: 0, has_content: false } };
	}
	const contentType = headerValue(response.headers, 'content-type') ?? params.fallbackMime;
	const mimeType = contentType.split(';')[0].trim().toLowerCase() || params.fallbackMime;
	const fileName = `${params.fileBase}.${extensionForMime(mimeType)}`;
	const binary = await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return {
		json: { ...params.json, mime_type: mimeType, size: bytes.length, has_content: true },
		binary: { [params.binaryPropertyName]: binary },
	};
}

/**
 * One item for a downloaded media (`binaryItem` named by the media ID, with `media_id`) and, for
 * JSON media, the parsed document under `content`.
 */
export async function mediaItem(
	ctx: IExecuteFunctions,
	response: YotiResponse<unknown>,
	params: { mediaId: string; binaryPropertyName: string; parseJson: boolean; json: IDataObject },
): Promise<INodeExecutionData> {
	const item = await binaryItem(ctx, response, {
		fileBase: params.mediaId,
		binaryPropertyName: params.binaryPropertyName,
		fallbackMime: 'application/octet-stream',
		json: { ...params.json, media_id: params.mediaId },
	});
	const mimeType = item.json.mime_type;
	if (params.parseJson && item.json.has_content && typeof mimeType === 'string' && /[/+]json$/.test(mimeType)) {
		try {
			item.json.content = parseJsonText(response.body as Buffer) as IDataObject;
		} catch {
			item.json.content = null;
			item.json.content_error = 'The media is labelled JSON but is not valid JSON';
		}
	}
	return item;
}

/** Downloads one media and returns it as an item, honouring the operation's binary field and `parseJson` option. */
export async function downloadMediaItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
	request: YotiRequest,
	params: { mediaId: string; json: IDataObject },
): Promise<INodeExecutionData[]> {
	const response = await yotiRequest(ctx, request, downloadTransportOptions(run, itemIndex));
	return [
		await mediaItem(ctx, response, {
			mediaId: params.mediaId,
			binaryPropertyName: ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string,
			parseJson: readOption(ctx, 'parseJson', itemIndex, true),
			json: params.json,
		}),
	];
}
