import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sessionItems, type OutputMode } from '../../core';
import { sessionIdField, sessionOutputField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { jsonItems, readParameter, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['get'] };

export const description: INodeProperties[] = [
	sessionIdField(show),
	sessionOutputField(show),
	optionsCollection(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const output = readParameter<OutputMode>(this, 'output', itemIndex, 'checks');
	const { body } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return jsonItems(sessionItems(body, output));
}
