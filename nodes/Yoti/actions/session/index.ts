import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteSession from './delete.operation';
import * as deleteMedia from './deleteMedia.operation';
import * as deleteTrackedDevices from './deleteTrackedDevices.operation';
import * as get from './get.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as getIdentityData from './getIdentityData.operation';
import * as getInstructions from './getInstructions.operation';
import * as getInstructionsContactProfile from './getInstructionsContactProfile.operation';
import * as getInstructionsPdf from './getInstructionsPdf.operation';
import * as getMedia from './getMedia.operation';
import * as getReviewPacket from './getReviewPacket.operation';
import * as getTrackedDevices from './getTrackedDevices.operation';
import * as sendInstructionsEmail from './sendInstructionsEmail.operation';
import * as setInstructions from './setInstructions.operation';

export const operations = {
	create,
	delete: deleteSession,
	deleteMedia,
	deleteTrackedDevices,
	get,
	getConfiguration,
	getIdentityData,
	getInstructions,
	getInstructionsContactProfile,
	getInstructionsPdf,
	getMedia,
	getReviewPacket,
	getTrackedDevices,
	sendInstructionsEmail,
	setInstructions,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		default: 'get',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a session',
				description: 'Start a verification session and get the link to send the user',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a session',
				description: 'Delete a completed session and all its media',
			},
			{
				name: 'Delete Media',
				value: 'deleteMedia',
				action: 'Delete session media',
			},
			{
				name: 'Delete Tracked Devices',
				value: 'deleteTrackedDevices',
				action: 'Delete session tracked devices',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get session result',
				description: 'Read the result: one item per check, per sub-check, a summary, or raw',
			},
			{
				name: 'Get Configuration',
				value: 'getConfiguration',
				action: 'Get session configuration',
				description: 'What the session requires from the user',
			},
			{
				name: 'Get Identity Data',
				value: 'getIdentityData',
				action: 'Get session identity data',
				description: 'Name, date of birth, document number and more, one item per ID document',
			},
			{
				name: 'Get Instructions',
				value: 'getInstructions',
				action: 'Get branch visit instructions',
				description: 'The branch, documents and contact profile status of an in-branch (IBV) session',
			},
			{
				name: 'Get Instructions Contact Profile',
				value: 'getInstructionsContactProfile',
				action: 'Get instructions contact profile',
				description: 'Name and e-mail the in-branch instructions go to',
			},
			{
				name: 'Get Instructions PDF',
				value: 'getInstructionsPdf',
				action: 'Download instructions PDF',
				description: 'Download the instructions the user takes to the branch',
			},
			{
				name: 'Get Media',
				value: 'getMedia',
				action: 'Download session media',
				description: 'Download an image or JSON media as binary data',
			},
			{
				name: 'Get Review Packet',
				value: 'getReviewPacket',
				action: 'Get a review packet',
				description: 'What was flagged, the name and date of birth on the document, and the images: one item a reviewer can decide from',
			},
			{
				name: 'Get Tracked Devices',
				value: 'getTrackedDevices',
				action: 'Get session tracked devices',
				description: 'One item per device event',
			},
			{
				name: 'Send Instructions Email',
				value: 'sendInstructionsEmail',
				action: 'Send instructions email',
				description: 'Have Yoti e-mail the instructions to the contact profile (never retried)',
			},
			{
				name: 'Set Instructions',
				value: 'setInstructions',
				action: 'Set branch visit instructions',
				description: 'Contact profile, documents and branch for an in-branch (IBV) session',
			},
		],
	},
	...create.description,
	...deleteSession.description,
	...deleteMedia.description,
	...deleteTrackedDevices.description,
	...get.description,
	...getConfiguration.description,
	...getIdentityData.description,
	...getInstructions.description,
	...getInstructionsContactProfile.description,
	...getInstructionsPdf.description,
	...getMedia.description,
	...getReviewPacket.description,
	...getTrackedDevices.description,
	...sendInstructionsEmail.description,
	...setInstructions.description,
];
