import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, downloadOptions, mediaIdField, sessionIdField } from '../../descriptions';
import { downloadMediaItem } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';

const show = { resource: ['session'], operation: ['getMedia'] };

export const parseJsonOption: INodeProperties = {
	displayName: 'Parse JSON Media',
	name: 'parseJson',
	type: 'boolean',
	default: true,
	description:
		'Whether JSON media (document fields, identity profile report) is also parsed into the item under "content"',
};

export const description: INodeProperties[] = [
	sessionIdField(show),
	mediaIdField(show),
	binaryPropertyField(show),
	optionsCollection(show, [parseJsonOption, ...downloadOptions]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const mediaId = readUuid(this, 'mediaId', 'Media ID', itemIndex);
	return await downloadMediaItem(
		this,
		itemIndex,
		run,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/media/${mediaId}/content`, download: true, resource: 'media' },
		{ mediaId, json: { session_id: sessionId } },
	);
}
