import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { AGE_VERIFICATION_BASE_URLS } from './ageEnvironments';
import { authenticateAgeVerificationRequest } from './authenticateAge';

export class YotiAgeVerificationApi implements ICredentialType {
	name = 'yotiAgeVerificationApi';

	displayName = 'Yoti Age Verification API';

	icon: Icon = { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#age-verification';

	properties: INodeProperties[] = [
		{
			displayName: 'SDK ID',
			name: 'sdkId',
			type: 'string',
			required: true,
			default: '',
			description: 'The SDK ID of your Yoti Age Verification application, sent as the Yoti-SDK-Id header',
			hint: 'Yoti Hub → your Age Verification application: the SDK ID shown with the API key',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The Age Verification API key from Yoti Hub, sent as a Bearer token (not the IDV .pem key)',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: AGE_VERIFICATION_BASE_URLS.production },
				{ name: 'Custom', value: 'custom', description: 'Another base URL, e.g. a proxy or a local simulator' },
			],
			hint: "Yoti's Age Verification sandbox needs an OAuth token this credential does not mint yet: use Production, or Custom for a proxy",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://age-proxy.example.com/api/v1',
			description: 'The Age Verification API base URL, up to and including /api/v1',
			hint: 'Up to and including /api/v1; the local Yoti simulator serves http://127.0.0.1:<port>/age/api/v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => await authenticateAgeVerificationRequest(credentials, requestOptions);
}
