import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../Yoti/credentialTests';
import { triggerPanel, triggerProperties } from './description';
import { handleSignNotification } from './webhook';

export class YotiSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yoti Sign Trigger',
		name: 'yotiSignTrigger',
		icon: { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["confirmWithYoti"] === false ? "Notification" : "Notification, confirmed with Yoti"}}',
		description: 'Start a workflow when a Yoti Sign envelope is signed, completed or fails',
		defaults: { name: 'Yoti Sign Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'yotiSignApi',
				required: true,
				testedBy: 'yotiSignApiTest',
				displayOptions: { show: { confirmWithYoti: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				// Served at /webhook/<webhookId>/sign: the webhook ID n8n generates is the unguessable part.
				path: 'sign',
			},
		],
		triggerPanel,
		properties: triggerProperties,
	};

	methods = { credentialTest };

	// Yoti Sign has no webhook registration API: the URL goes into each envelope's
	// `notifications.destination`, so activation and deactivation have nothing to call.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleSignNotification.call(this);
	}
}
