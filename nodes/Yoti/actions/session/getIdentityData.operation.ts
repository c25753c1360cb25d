import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	flattenDocumentFields,
	identityProfileResult,
	identityResources,
	isPlainObject,
	parseJsonText,
} from '../../core';
import { binaryPropertyField, sessionIdField } from '../../descriptions';
import { mediaItem } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getIdentityData'] };

export const description: INodeProperties[] = [
	sessionIdField(show),
	{
		displayName: 'Include Document Photo',
		name: 'includeDocumentPhoto',
		type: 'boolean',
		default: false,
		description: "Whether to download each document's ID photo as binary data",
		displayOptions: { show },
	},
	binaryPropertyField({ ...show, includeDocumentPhoto: [true] }),
	optionsCollection(show),
];

async function downloadMedia(ctx: IExecuteFunctions, sessionId: string, mediaId: string, itemIndex: number, attempts: number) {
	return await yotiRequest(
		ctx,
		{
			api: 'idv',
			method: 'GET',
			path: `/sessions/${sessionId}/media/${mediaId}/content`,
			download: true,
			resource: 'media',
		},
		{ attempts, itemIndex },
	);
}

/**
 * The document-fields media of one document, flattened; null when the document has none or
 * Yoti answers 204. Media that is not JSON fails the item, naming the media.
 */
async function documentFields(
	ctx: IExecuteFunctions,
	sessionId: string,
	mediaId: string | null,
	itemIndex: number,
	attempts: number,
): Promise<IDataObject | null> {
	if (!mediaId) return null;
	const media = await downloadMedia(ctx, sessionId, mediaId, itemIndex, attempts);
	if (media.statusCode === 204 || !Buffer.isBuffer(media.body) || media.body.length === 0) return null;
	let parsed: unknown;
	try {
		parsed = parseJsonText(media.body);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `The document fields media ${mediaId} of session ${sessionId} is not valid JSON`, {
			itemIndex,
			description: 'Yoti returned this media as the document fields, but it could not be read as JSON. Download it with Get Media to look at it.',
		});
	}
	return isPlainObject(parsed) ? (flattenDocumentFields(parsed) as IDataObject) : null;
}

/**
 * One item per ID document and per supplementary document: the session's document facts plus
 * the document-fields media (full name, date of birth, document number, …) flattened — what a
 * CRM row wants. `has_document_fields` says whether that media was there to read.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const includePhoto = this.getNodeParameter('includeDocumentPhoto', itemIndex, false) as boolean;
	const { attempts } = run;
	const { body: session } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}`, resource: 'session' },
		{ attempts, itemIndex },
	);
	const profileResult = identityProfileResult(session);
	const items: INodeExecutionData[] = [];
	for (const document of identityResources(session)) {
		const fields = await documentFields(this, sessionId, document.document_fields_media_id, itemIndex, attempts);
		const json: IDataObject = {
			...(fields ?? {}),
			session_id: sessionId,
			resource_id: document.resource_id,
			document_category: document.document_category,
			document_type: document.document_type,
			issuing_country: document.issuing_country,
			has_document_fields: fields !== null,
			identity_profile_result: profileResult,
		};
		if (includePhoto && document.document_id_photo_media_id) {
			const photo = await downloadMedia(this, sessionId, document.document_id_photo_media_id, itemIndex, attempts);
			const withPhoto = await mediaItem(this, photo, {
				mediaId: document.document_id_photo_media_id,
				binaryPropertyName: this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string,
				parseJson: false,
				json: {},
			});
			json.document_photo_media_id = document.document_id_photo_media_id;
			items.push({ json, binary: withPhoto.binary });
		} else {
			items.push({ json });
		}
	}
	return items;
}
