import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

const DOCS_URL = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#age-verification-trigger';

const setupNotice: INodeProperties = {
	displayName: `Yoti calls this node for age verification sessions that name its URL:<ul><li>1. Copy the Production URL from Webhook URLs above (the Test URL while you test with "Execute step").</li><li>2. In the Yoti node's Age Verification → Create Session, paste it as the Notification URL.</li><li>3. Every notification's signature is checked with Yoti's published key; one that does not verify is refused (401) and starts nothing.</li></ul><a href="${DOCS_URL}" target="_blank">More about age verification notifications</a>`,
	name: 'notice',
	type: 'notice',
	default: '',
};

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Finish an age check whose session notifies the Test URL',
	executionsHelp: {
		inactive:
			'<b>While building your workflow</b>, click "Execute step", then create an age verification session whose Notification URL is this node\'s <b>Test URL</b> and complete the check. Yoti only calls public <b>https</b> URLs. <br /><br /><b>Once you\'re happy with your workflow</b>, activate it and use the <b>Production URL</b> instead. Every notification then starts an execution, shown in the <a data-key="executions">executions list</a>.',
		active:
			'<b>Your workflow is active:</b> every signed notification Yoti sends to this node\'s <b>Production URL</b> starts an execution, shown in the <a data-key="executions">executions list</a>.',
	},
	activationHint:
		'Nothing arrives on its own: only age verification sessions created with this node\'s URL as their notification URL are sent here.',
};

export const ageTriggerProperties: INodeProperties[] = [
	setupNotice,
	{
		displayName: 'States',
		name: 'states',
		type: 'multiOptions',
		default: [],
		description: 'Which outcomes start the workflow. Leave empty for all, including states Yoti may add.',
		options: [
			{ name: 'Complete', value: 'COMPLETE', description: 'The check passed (or, for an Age Only session, an age was found)' },
			{ name: 'Fail', value: 'FAIL', description: 'The person is on the wrong side of the threshold' },
			{ name: 'Error', value: 'ERROR', description: 'No result: e.g. the face was not recognised, or the document not genuine' },
		],
	},
	{
		displayName: 'Re-Read Result',
		name: 'fetchResult',
		type: 'boolean',
		default: false,
		description:
			"Whether to read the session's result from Yoti before emitting (needs the Yoti Age Verification API credential): the item then has the same fields as Get Result, plus the notification's. If the read fails, the workflow still starts, with fetch_failed and error.",
	},
	{
		displayName: 'Verification Key',
		name: 'publicKey',
		type: 'options',
		default: 'yoti',
		options: [
			{ name: "Yoti's Published Key", value: 'yoti', description: 'The key on Yoti\'s notifications page, carried in this node' },
			{ name: 'Custom Public Key', value: 'custom', description: 'Another PEM public key: a key Yoti gives you, or a test key' },
		],
		description: 'The public key the notification signature must verify with',
	},
	{
		displayName: 'Public Key',
		name: 'customPublicKey',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: '-----BEGIN PUBLIC KEY-----',
		description: 'A PEM RSA public key, BEGIN and END lines included',
		displayOptions: { show: { publicKey: ['custom'] } },
	},
];
