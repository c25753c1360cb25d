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
				action: 'Download signed session media',
			},
			{
				name: 'Get Signed PDF',
				value: 'getSignedPdf',
				action: 'Download signed report PDF',
				description: 'The zip Yoti Sign returns, holding the PDF report',
			},
			{
				name: 'Get Signed Result',
				value: 'getSignedResult',
				action: 'Get signed identity result',
				description: "The recipient's IDV session result: checks, sub-checks, summary or raw",
			},
		],
	},
	...getSignedMedia.description,
	...getSignedPdf.description,
	...getSignedResult.description,
];
