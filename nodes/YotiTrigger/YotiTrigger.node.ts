import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../Yoti/credentialTests';
import { triggerPanel, triggerProperties } from './description';
import { handleNotification } from './webhook';

export class YotiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yoti Trigger',
		name: 'yotiTrigger',
		icon: { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["fetchSession"] ? "Notification + session" : "Notification"}}',
		// n8n's node creator shows the trigger's description for the whole Yoti app (trigger and
		// actions merged under one entry), so it describes the app, not only the trigger.
		description:
			'Verify identities with Yoti: start a workflow when a session finishes, create sessions, read results and media',
		defaults: { name: 'Yoti Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'yotiNotificationAuthApi',
				required: true,
				testedBy: 'yotiNotificationAuthTest',
				displayOptions: { show: { authentication: ['yotiNotificationAuthApi'] } },
			},
			{
				name: 'yotiApi',
				required: true,
				testedBy: 'yotiApiTest',
				displayOptions: { show: { fetchSession: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// An accepted notification is answered with an empty 200 as soon as the run starts.
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		triggerPanel,
		properties: triggerProperties,
	};

	// The same UI credential tests as the Yoti node: n8n may pick either node's testedBy.
	methods = { credentialTest };

	// Yoti has no webhook registration API: the URL goes into each session's
	// `notifications.endpoint`, so activation and deactivation have nothing to call.
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
		return await handleNotification.call(this);
	}
}
