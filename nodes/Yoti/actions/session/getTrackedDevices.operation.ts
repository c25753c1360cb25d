import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenTrackedDevices } from '../../core';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { jsonItems, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getTrackedDevices'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const { body } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/tracked-devices`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return jsonItems(flattenTrackedDevices(sessionId, body) as unknown as IDataObject[]);
}
