import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['deleteTrackedDevices'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	await yotiRequest(
		this,
		{ api: 'idv', method: 'DELETE', path: `/sessions/${sessionId}/tracked-devices`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { session_id: sessionId, deleted: true } }];
}
