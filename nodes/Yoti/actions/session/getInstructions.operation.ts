import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenInstructions } from '../../core/instructions';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getInstructions'] };

export const description: INodeProperties[] = [
	sessionIdField(show),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'instructions',
		options: [
			{
				name: 'Instructions',
				value: 'instructions',
				description: 'One flat item: whether a contact profile exists, the branch, and the documents to bring',
			},
			{ name: 'Raw', value: 'raw', description: 'The API response unchanged' },
		],
		displayOptions: { show },
	},
	optionsCollection(show),
];

/** GET /sessions/{id}/instructions: the in-branch instructions set for a session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const output = this.getNodeParameter('output', itemIndex, 'instructions') as string;
	const { body } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/instructions`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	if (output === 'raw') return [{ json: (body ?? {}) as IDataObject }];
	return [{ json: flattenInstructions(sessionId, body) as unknown as IDataObject }];
}
