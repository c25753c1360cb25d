import type { INodeProperties } from 'n8n-workflow';

import * as getSignedMedia from './getSignedMedia.operation';
import * as getSignedPdf from './getSignedPdf.operation';
import * as getSignedResult from './getSignedResult.operation';

export const operations = { getSignedMedia, getSignedPdf, getSignedResult };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['signRecipient'] } },
		default: 'getSignedResult',
		options: [
			{
				name: 'Get Signed Media',
				value: 'getSignedMedia',
				action: 'Get a media of a signed recipient session',
			},
			{
				name: 'Get Signed PDF',
				value: 'getSignedPdf',
				action: 'Get the report PDF of a signed recipient session',
				description: 'The zip Yoti Sign returns, holding the PDF report',
			},
			{
				name: 'Get Signed Result',
				value: 'getSignedResult',
				action: 'Get the identity result of a signed recipient',
				description: "The recipient's IDV session result: checks, sub-checks, summary or raw",
			},
		],
	},
	...getSignedMedia.description,
	...getSignedPdf.description,
	...getSignedResult.description,
];
