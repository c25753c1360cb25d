import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The token Yoti sends back with every session notification. Nothing is sent with it: the
 * Yoti Trigger compares it with each notification's Authorization header.
 */
export class YotiNotificationAuthApi implements ICredentialType {
	name = 'yotiNotificationAuthApi';

	displayName = 'Yoti Notification Auth API';

	icon: Icon = { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth Type',
			name: 'authType',
			type: 'options',
			default: 'basic',
			options: [
				{
					name: 'Basic',
					value: 'basic',
					description: 'Yoti sends Authorization: Basic base64(token)',
				},
				{
					name: 'Bearer',
					value: 'bearer',
					description: 'Yoti sends Authorization: Bearer token',
				},
			],
			description: "The session's notifications.auth_type (BASIC or BEARER)",
			hint: 'How Yoti sends the token back; either works as long as the Yoti node and the Yoti Trigger use this same credential',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The session's notifications.auth_token: the same value goes into every session you create",
			hint: 'You make this up: Yoti does not issue it. Use a long random string; the Yoti node sends it to Yoti with each session, and the Yoti Trigger accepts only notifications that carry it.',
		},
	];
}
