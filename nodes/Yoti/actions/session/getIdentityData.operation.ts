import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	flattenDocumentFields,
	identityDocuments,
	identityProfileResult,
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
 * One item per ID document: the session's document facts plus the document-fields media
 * (full name, date of birth, document number, …) flattened — what a CRM row wants.
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
	for (const document of identityDocuments(session)) {
		let fields: IDataObject = {};
		if (document.document_fields_media_id) {
			const media = await downloadMedia(this, sessionId, document.document_fields_media_id, itemIndex, attempts);
			if (media.statusCode !== 204 && Buffer.isBuffer(media.body)) {
				fields = flattenDocumentFields(parseJsonText(media.body)) as IDataObject;
			}
		}
		const json: IDataObject = {
			...fields,
			session_id: sessionId,
			resource_id: document.resource_id,
			document_type: document.document_type,
			issuing_country: document.issuing_country,
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
