import type { INodeProperties } from 'n8n-workflow';

import * as createSession from './createSession.operation';
import * as getResult from './getResult.operation';

export const operations = { createSession, getResult };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ageVerification'] } },
		default: 'createSession',
		options: [
			{
				name: 'Create Session',
				value: 'createSession',
				action: 'Create an age verification session',
				description: 'Start an age check and get the link to send the person',
			},
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get an age verification result',
				description: "One flat item with the session's status, passed, age and method",
			},
		],
	},
	...createSession.description,
	...getResult.description,
];
