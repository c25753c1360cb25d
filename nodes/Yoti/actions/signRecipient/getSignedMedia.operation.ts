import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, downloadOptions, mediaIdField, recipientIdField } from '../../descriptions';
import { downloadMediaItem } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { parseJsonOption } from '../session/getMedia.operation';

const show = { resource: ['signRecipient'], operation: ['getSignedMedia'] };

export const description: INodeProperties[] = [
	recipientIdField(show),
	mediaIdField(show),
	binaryPropertyField(show),
	optionsCollection(show, [parseJsonOption, ...downloadOptions]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const recipientId = readUuid(this, 'recipientId', 'Recipient ID', itemIndex);
	const mediaId = readUuid(this, 'mediaId', 'Media ID', itemIndex);
	return await downloadMediaItem(
		this,
		itemIndex,
		run,
		{ api: 'sign', method: 'GET', path: `/idv/recipients/${recipientId}/sessions/signed/media/${mediaId}`, download: true, resource: 'media' },
		{ mediaId, json: { recipient_id: recipientId } },
	);
}
