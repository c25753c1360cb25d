import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { extensionForMime, flattenDocumentFields, isPlainObject, parseJsonText } from '../../core';
import { buildReviewPacket, reviewDocument, reviewImages, type ReviewImage } from '../../core/reviewPacket';
import { downloadOptions, sessionIdField } from '../../descriptions';
import { downloadTransportOptions } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getReviewPacket'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'One item a reviewer can decide from: what was flagged, the name and date of birth on the document, and the document page, document photo and face as binary <code>document_page</code>, <code>document_photo</code>, <code>face</code>. Put <code>{{ $json.review_html }}</code> in a Send Email node and <code>{{ $json.attachments }}</code> in its Attachments option.',
		name: 'reviewPacketNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	sessionIdField(show),
	{
		displayName: 'Include Images',
		name: 'includeImages',
		type: 'boolean',
		default: true,
		description: 'Whether to download the document page, the photo on the document and the face as binary data',
		displayOptions: { show },
	},
	optionsCollection(show, downloadOptions),
];

/** Yoti's answers that mean "this media cannot be had now" rather than a failure of the call: gone, expired, locked. */
const UNAVAILABLE = new Set(['404', '409', '410']);

function httpCodeOf(error: unknown): string | null {
	const code = (error as { httpCode?: unknown } | null)?.httpCode;
	return typeof code === 'string' || typeof code === 'number' ? String(code) : null;
}

async function download(ctx: IExecuteFunctions, sessionId: string, mediaId: string, itemIndex: number, run: RunOptions) {
	return await yotiRequest(
		ctx,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/media/${mediaId}/content`, download: true, resource: 'media' },
		downloadTransportOptions(run, itemIndex),
	);
}

/**
 * The download, or null when Yoti answers 404, 409 or 410 for it (gone, expired, locked). Any
 * other failure goes on as the transport raised it (already a NodeApiError with the contract's message).
 */
async function downloadIfAvailable(ctx: IExecuteFunctions, sessionId: string, mediaId: string, itemIndex: number, run: RunOptions) {
	let failure: unknown;
	try {
		return await download(ctx, sessionId, mediaId, itemIndex, run);
	} catch (error) {
		failure = error;
	}
	if (UNAVAILABLE.has(httpCodeOf(failure) ?? '')) return null;
	throw failure;
}

/** The document fields (name, date of birth, …) parsed; null when absent, empty (204), unavailable or not JSON. */
async function documentFields(ctx: IExecuteFunctions, sessionId: string, mediaId: string | null, itemIndex: number, run: RunOptions) {
	if (!mediaId) return null;
	const media = await downloadIfAvailable(ctx, sessionId, mediaId, itemIndex, run);
	if (!media || media.statusCode === 204 || !Buffer.isBuffer(media.body) || media.body.length === 0) return null;
	try {
		const parsed = parseJsonText(media.body);
		return isPlainObject(parsed) ? flattenDocumentFields(parsed) : null;
	} catch {
		return null; // not JSON: the packet says the name was not read
	}
}

/**
 * session.getReviewPacket: GET the session, its first ID document's fields and up to three
 * images; one item (core/reviewPacket.ts builds the JSON). An image Yoti answers 204, 404 or 409
 * for is listed in `images_missing` rather than failing the item; any other failure fails it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const includeImages = this.getNodeParameter('includeImages', itemIndex, true) as boolean;
	const { body: session } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	const document = reviewDocument(session);
	const fields = await documentFields(this, sessionId, document?.document_fields_media_id ?? null, itemIndex, run);

	const attached: ReviewImage[] = [];
	const missing: ReviewImage[] = [];
	const binary: Record<string, IBinaryData> = {};
	if (includeImages) {
		for (const image of reviewImages(session)) {
			const response = await downloadIfAvailable(this, sessionId, image.media_id, itemIndex, run);
			if (!response || response.statusCode === 204 || !Buffer.isBuffer(response.body) || response.body.length === 0) {
				missing.push(image);
				continue;
			}
			const contentType = String(response.headers['content-type'] ?? 'application/octet-stream');
			const mimeType = contentType.split(';')[0].trim().toLowerCase() || 'application/octet-stream';
			binary[image.property] = await this.helpers.prepareBinaryData(
				response.body,
				`${image.property}-${image.media_id}.${extensionForMime(mimeType)}`,
				mimeType,
			);
			attached.push(image);
		}
	}
	const json = buildReviewPacket({ session, documentFields: fields, attached, missing }) as unknown as IDataObject;
	return [attached.length ? { json, binary } : { json }];
}
