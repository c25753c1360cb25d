import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authenticateSignRequest } from './authenticate';
import { SIGN_BASE_URLS } from './environments';

export class YotiSignApi implements ICredentialType {
	name = 'yotiSignApi';

	displayName = 'Yoti Sign API';

	icon: Icon = { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The Yoti Sign API key, sent as a Bearer token',
			hint: 'The API key Yoti Sign issued for the environment chosen below (Demo and Production keys differ)',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: SIGN_BASE_URLS.production },
				{ name: 'Demo', value: 'demo', description: SIGN_BASE_URLS.demo },
				{ name: 'Custom', value: 'custom', description: 'Another base URL, e.g. a local simulator' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://yoti-sign-proxy.example.com/v2',
			description: 'The Yoti Sign API base URL, up to and including /v2',
			hint: 'Up to and including /v2; the local Yoti simulator prints its own (http://127.0.0.1:<port>/sign/v2)',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => await authenticateSignRequest(credentials, requestOptions);
}
