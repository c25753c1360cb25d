import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ageCredentialTest } from '../Yoti/ageCredentialTests';
import { ageTriggerProperties, triggerPanel } from './description';
import { handleAgeNotification } from './webhook';

export class YotiAgeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yoti Age Verification Trigger',
		name: 'yotiAgeTrigger',
		icon: { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["fetchResult"] ? "Notification + result" : "Notification"}}',
		description: 'Start a workflow when a Yoti age verification attempt finishes (signed notifications)',
		defaults: { name: 'Yoti Age Verification Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'yotiAgeVerificationApi',
				required: true,
				testedBy: 'yotiAgeVerificationApiTest',
				displayOptions: { show: { fetchResult: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'age',
			},
		],
		triggerPanel,
		properties: ageTriggerProperties,
	};

	methods = { credentialTest: ageCredentialTest };

	// Yoti has no webhook registration API: the URL goes into each session's notification_url.
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
		return await handleAgeNotification.call(this);
	}
}
