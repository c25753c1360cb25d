import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sessionItems, type OutputMode } from '../../core';
import { recipientIdField, sessionOutputField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { jsonItems, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['signRecipient'], operation: ['getSignedResult'] };

export const description: INodeProperties[] = [
	recipientIdField(show),
	sessionOutputField(show),
	optionsCollection(show),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const recipientId = readUuid(this, 'recipientId', 'Recipient ID', itemIndex);
	const output = this.getNodeParameter('output', itemIndex, 'checks') as OutputMode;
	const { body } = await yotiRequest(
		this,
		{
			api: 'sign',
			method: 'GET',
			path: `/idv/recipients/${recipientId}/sessions/signed/json`,
			resource: 'recipient',
		},
		{ attempts: run.attempts, itemIndex },
	);
	const items = jsonItems(sessionItems(body, output));
	// `raw` is the API response unchanged (contract); the flattened modes name the recipient.
	if (output === 'raw') return items;
	return items.map((item) => ({ json: { recipient_id: recipientId, ...item.json } }));
}
