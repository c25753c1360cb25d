import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { alreadyDeleted, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['delete'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	// The 2xx body is never read as JSON; a retry's 404 after a lost answer is the delete done.
	const response = await yotiRequest(
		this,
		{ api: 'idv', method: 'DELETE', path: `/sessions/${sessionId}`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { session_id: sessionId, deleted: true, ...alreadyDeleted(response) } }];
}
