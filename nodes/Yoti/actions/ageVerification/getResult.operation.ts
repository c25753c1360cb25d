import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenAgeResult } from '../../core/ageVerification';
import { optionsCollection } from '../../helpers/options';
import { readParameter, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['ageVerification'], operation: ['getResult'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 14010f56-3f04-4f1f-84e7-a43ff723ef86',
		description: 'The age verification session ID (session_id from Create Session, or a notification)',
		displayOptions: { show },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'flat',
		options: [
			{ name: 'Flat Result', value: 'flat', description: 'One item: status, passed, age, method, attempts per method' },
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
	const output = readParameter<string>(this, 'output', itemIndex, 'flat');
	const { body } = await yotiRequest<IDataObject>(
		this,
		{ api: 'age', method: 'GET', path: `/sessions/${sessionId}/result`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	if (output === 'raw') return [{ json: (body ?? {}) as IDataObject }];
	return [{ json: flattenAgeResult(body, sessionId) as IDataObject }];
}
