import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import type { SigningEntropy } from '../nodes/Yoti/core/signing';
import { authenticateIdvRequest } from './authenticate';
import { IDV_BASE_URLS } from './environments';

export class YotiApi implements ICredentialType {
	name = 'yotiApi';

	displayName = 'Yoti IDV API';

	icon: Icon = { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'SDK ID',
			name: 'sdkId',
			type: 'string',
			required: true,
			default: '',
			description: 'The SDK ID of your Yoti Hub application',
			hint: 'Yoti Hub → your application → Keys: the SDK ID shown there',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			required: true,
			default: '',
			description:
				'The PEM private key file downloaded from Yoti Hub, including its BEGIN and END lines (PKCS#1 or PKCS#8; pasted on one line or with literal \\n also works)',
			hint: 'Open the .pem file Yoti Hub downloaded with the SDK ID and paste all of it, BEGIN and END lines included',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: IDV_BASE_URLS.production },
				{ name: 'Sandbox', value: 'sandbox', description: IDV_BASE_URLS.sandbox },
				{ name: 'Custom', value: 'custom', description: 'Another base URL, e.g. a local simulator' },
			],
			hint: 'A Sandbox key works only with Sandbox, a Production key only with Production: pick the one your Yoti Hub application is in',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://yoti-proxy.example.com/idverify/v1',
			description: 'The IDV API base URL, up to and including /idverify/v1',
			hint: 'Up to and including /idverify/v1; the local Yoti simulator prints its own (http://127.0.0.1:<port>/idverify/v1)',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// Signs every request (see credentials/authenticate.ts). The third parameter is never passed
	// by n8n; tests use it to reproduce Yoti's signing vectors with a fixed nonce and timestamp.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
		entropy?: SigningEntropy,
	): Promise<IHttpRequestOptions> => await authenticateIdvRequest(credentials, requestOptions, entropy);
}
