import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import type { SigningEntropy } from '../nodes/Yoti/core/signing';
import { AI_BASE_URLS } from './ageEnvironments';
import { authenticateAiRequest } from './authenticateAge';

export class YotiAiApi implements ICredentialType {
	name = 'yotiAiApi';

	displayName = 'Yoti AI Services API';

	icon: Icon = { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#age-estimation';

	properties: INodeProperties[] = [
		{
			displayName: 'SDK ID',
			name: 'sdkId',
			type: 'string',
			required: true,
			default: '',
			description: 'The SDK ID of the Yoti Hub application holding your age estimation keys, sent as X-Yoti-Auth-Id',
			hint: 'Yoti Hub → the application you generated Age estimation keys for: its SDK ID',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			required: true,
			default: '',
			description:
				'The PEM private key file downloaded from Yoti Hub with that SDK ID, including its BEGIN and END lines (PKCS#1 or PKCS#8; one line or literal \\n also works)',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: AI_BASE_URLS.production },
				{ name: 'Custom', value: 'custom', description: 'Another base URL, e.g. a proxy or a local simulator' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://yoti-proxy.example.com/ai/v1',
			description: 'The AI services base URL, up to and including /ai/v1',
			hint: 'Up to and including /ai/v1; the local Yoti simulator serves http://127.0.0.1:<port>/ai/v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// Signs every request with the IDV signer (credentials/authenticateAge.ts). The third
	// parameter is never passed by n8n; tests use it for a fixed nonce and timestamp.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
		entropy?: SigningEntropy,
	): Promise<IHttpRequestOptions> => await authenticateAiRequest(credentials, requestOptions, entropy);
}
