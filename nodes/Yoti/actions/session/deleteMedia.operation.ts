import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mediaIdField, sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { alreadyDeleted, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['deleteMedia'] };

export const description: INodeProperties[] = [
	sessionIdField(show),
	mediaIdField(show),
	optionsCollection(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const mediaId = readUuid(this, 'mediaId', 'Media ID', itemIndex);
	// The 2xx body is never read as JSON; a retry's 404 after a lost answer is the delete done.
	const response = await yotiRequest(
		this,
		{
			api: 'idv',
			method: 'DELETE',
			path: `/sessions/${sessionId}/media/${mediaId}/content`,
			resource: 'media',
		},
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { session_id: sessionId, media_id: mediaId, deleted: true, ...alreadyDeleted(response) } }];
}
