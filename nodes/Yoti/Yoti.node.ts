import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as session from './actions/session';
import * as signRecipient from './actions/signRecipient';
import * as supportedDocuments from './actions/supportedDocuments';
import { credentialTest } from './credentialTests';

export class Yoti implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yoti',
		name: 'yoti',
		icon: { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action name ("Get session result"); n8n's lint wants a literal here,
		// and a test keeps the table equal to the operations' `action` texts.
		subtitle:
			'={{ ({"create":"Create a session","delete":"Delete a session","deleteMedia":"Delete session media","deleteTrackedDevices":"Delete session tracked devices","get":"Get session result","getConfiguration":"Get session configuration","getIdentityData":"Get session identity data","getInstructions":"Get branch visit instructions","getInstructionsContactProfile":"Get instructions contact profile","getInstructionsPdf":"Download instructions PDF","getMedia":"Download session media","getTrackedDevices":"Get session tracked devices","sendInstructionsEmail":"Send instructions email","setInstructions":"Set branch visit instructions","getSignedMedia":"Download signed session media","getSignedPdf":"Download signed report PDF","getSignedResult":"Get signed identity result","getAll":"Get supported documents"})[$parameter["operation"]] || $parameter["operation"] }}',
		description: 'Create Yoti identity verification sessions and read their results as flat check items',
		defaults: { name: 'Yoti' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'yotiApi',
				required: true,
				testedBy: 'yotiApiTest',
				displayOptions: { show: { resource: ['session', 'supportedDocuments'] } },
			},
			{
				name: 'yotiSignApi',
				required: true,
				testedBy: 'yotiSignApiTest',
				displayOptions: { show: { resource: ['signRecipient'] } },
			},
			{
				// Only with Create's Send Notifications on: the token Yoti sends back to the Yoti Trigger.
				name: 'yotiNotificationAuthApi',
				required: true,
				testedBy: 'yotiNotificationAuthTest',
				displayOptions: { show: { resource: ['session'], operation: ['create'], sendNotifications: [true] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'session',
				options: [
					{ name: 'Session', value: 'session', description: 'Yoti IDV sessions' },
					{
						name: 'Sign Recipient',
						value: 'signRecipient',
						description: "A Yoti Sign envelope recipient's identity verification",
					},
					{
						name: 'Supported Document',
						value: 'supportedDocuments',
						description: 'The countries and document types Yoti accepts',
					},
				],
			},
			...session.description,
			...signRecipient.description,
			...supportedDocuments.description,
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
