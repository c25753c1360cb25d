import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, mediaIdField, recipientIdField } from '../../descriptions';
import { mediaItem } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readOption, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { parseJsonOption } from '../session/getMedia.operation';

const show = { resource: ['signRecipient'], operation: ['getSignedMedia'] };

export const description: INodeProperties[] = [
	recipientIdField(show),
	mediaIdField(show),
	binaryPropertyField(show),
	optionsCollection(show, [parseJsonOption]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const recipientId = readUuid(this, 'recipientId', 'Recipient ID', itemIndex);
	const mediaId = readUuid(this, 'mediaId', 'Media ID', itemIndex);
	const response = await yotiRequest(
		this,
		{
			api: 'sign',
			method: 'GET',
			path: `/idv/recipients/${recipientId}/sessions/signed/media/${mediaId}`,
			download: true,
			resource: 'media',
		},
		{ attempts: run.attempts, itemIndex },
	);
	return [
		await mediaItem(this, response, {
			mediaId,
			binaryPropertyName: this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string,
			parseJson: readOption(this, 'parseJson', itemIndex, true),
			json: { recipient_id: recipientId },
		}),
	];
}
