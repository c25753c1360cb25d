import type { INodeProperties } from 'n8n-workflow';

import * as archive from './archive.operation';
import * as createEnvelope from './create.operation';
import * as downloadDocuments from './downloadDocuments.operation';
import * as editRecipient from './editRecipient.operation';
import * as extendTokens from './extendTokens.operation';
import * as find from './find.operation';
import * as getEnvelope from './get.operation';
import * as getRecipients from './getRecipients.operation';
import * as getStatus from './getStatus.operation';
import * as search from './search.operation';
import * as sendReminder from './sendReminder.operation';

// Operation values are unique across the node's resources: the canvas subtitle is looked up by
// the operation value alone (Yoti.node.ts).
export const operations = {
	archive,
	createEnvelope,
	downloadDocuments,
	editRecipient,
	extendTokens,
	find,
	getEnvelope,
	getRecipients,
	getStatus,
	search,
	sendReminder,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['envelope'] } },
		default: 'getEnvelope',
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive an envelope', description: 'Cancel the envelope: signing stops' },
			{ name: 'Create', value: 'createEnvelope', action: 'Create an envelope', description: 'Send documents to sign, from the input binary fields' },
			{
				name: 'Download Completed Documents',
				value: 'downloadDocuments',
				action: 'Download completed documents',
				description: 'The zip of the signed documents, coversheet and signature, once everyone has signed',
			},
			{ name: 'Edit Recipient', value: 'editRecipient', action: 'Edit an envelope recipient', description: "Change a recipient's name, e-mail or mobile number" },
			{ name: 'Extend Recipient Tokens', value: 'extendTokens', action: 'Extend recipient tokens', description: 'Give embedded signing tokens a new lifetime' },
			{ name: 'Find', value: 'find', action: 'Find envelopes by ID', description: 'Name, status and creation time of the given envelopes' },
			{ name: 'Get', value: 'getEnvelope', action: 'Get an envelope', description: 'One flat item: status, recipients signed, completion' },
			{ name: 'Get Recipients', value: 'getRecipients', action: 'Get envelope recipients', description: 'One item per recipient, with its ID and signing status' },
			{ name: 'Get Status', value: 'getStatus', action: 'Get envelope status' },
			{ name: 'Search', value: 'search', action: 'Search envelopes', description: 'Envelopes by creation date and status' },
			{ name: 'Send Reminder', value: 'sendReminder', action: 'Send a signing reminder', description: 'E-mail a recipient who has not signed yet' },
		],
	},
	...archive.description,
	...createEnvelope.description,
	...downloadDocuments.description,
	...editRecipient.description,
	...extendTokens.description,
	...find.description,
	...getEnvelope.description,
	...getRecipients.description,
	...getStatus.description,
	...search.description,
	...sendReminder.description,
];
