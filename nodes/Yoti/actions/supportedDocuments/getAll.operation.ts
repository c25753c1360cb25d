import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenSupportedDocuments } from '../../core';
import { optionsCollection } from '../../helpers/options';
import { jsonItems, readOption } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['supportedDocuments'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	optionsCollection(show, [
		{
			displayName: 'Include Non-Latin',
			name: 'includeNonLatin',
			type: 'boolean',
			default: false,
			description: 'Whether to include documents written in non-Latin alphabets',
		},
	]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const includeNonLatin = readOption(this, 'includeNonLatin', itemIndex, false);
	const { body } = await yotiRequest(
		this,
		{
			api: 'idv',
			method: 'GET',
			path: '/supported-documents',
			qs: includeNonLatin ? { includeNonLatin: 'true' } : undefined,
		},
		{ attempts: run.attempts, itemIndex },
	);
	return jsonItems(flattenSupportedDocuments(body) as unknown as IDataObject[]);
}
