import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenConfiguration } from '../../core';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { jsonItems, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getConfiguration'] };

export const description: INodeProperties[] = [
	sessionIdField(show),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'requiredResources',
		options: [
			{
				name: 'Required Resources',
				value: 'requiredResources',
				description: 'One item per resource the session requires (document, liveness, face capture)',
			},
			{ name: 'Raw', value: 'raw', description: 'The API response unchanged' },
		],
		displayOptions: { show },
	},
	optionsCollection(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const output = this.getNodeParameter('output', itemIndex, 'requiredResources') as string;
	const { body } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/configuration`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	if (output === 'raw') return jsonItems([(body ?? {}) as IDataObject]);
	return jsonItems(flattenConfiguration(body) as unknown as IDataObject[]);
}
