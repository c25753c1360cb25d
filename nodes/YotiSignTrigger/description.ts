import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { SIGN_TOPICS } from '../Yoti/core/envelope';
import { attemptsOption } from '../Yoti/descriptions';

const DOCS_URL = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#the-yoti-sign-trigger';

const setupNotice: INodeProperties = {
	displayName: `Yoti Sign calls this node only for envelopes that name its URL:<ul><li>1. Copy the Production URL from Webhook URLs above (the Test URL while you test with "Execute step").</li><li>2. In the Yoti node's Envelope → Create, paste it as Notifications → Destination and pick the topics.</li><li>3. The URL's random part is its only secret: Yoti Sign sends no signature or token, so keep Confirm With Yoti on.</li></ul><a href="${DOCS_URL}" target="_blank">More about Sign notifications</a>`,
	name: 'notice',
	type: 'notice',
	default: '',
};

const noConfirmWarning: INodeProperties = {
	displayName:
		'Warning: without Confirm With Yoti, anyone who learns this URL can post a notification that looks like a completion, and every notification starts a run (repeats are not dropped). Route on the confirmed field, or turn the option back on.',
	name: 'noConfirmWarning',
	type: 'notice',
	default: '',
	displayOptions: { show: { confirmWithYoti: [false] } },
};

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Send a Yoti Sign envelope that notifies the Test URL',
	executionsHelp: {
		inactive:
			'<b>While building your workflow</b>, click "Execute step", then create an envelope whose notifications destination is this node\'s <b>Test URL</b> (the Yoti node\'s Envelope → Create can set it) and sign it. Yoti Sign only calls public <b>https</b> URLs. <br /><br /><b>Once you\'re happy with your workflow</b>, activate it and use the <b>Production URL</b> in your envelopes instead. Every notification then starts an execution, shown in the <a data-key="executions">executions list</a>.',
		active:
			'<b>Your workflow is active:</b> every notification Yoti Sign sends to this node\'s <b>Production URL</b> starts an execution, shown in the <a data-key="executions">executions list</a>.',
	},
	activationHint: 'Nothing arrives on its own: only envelopes created with this node\'s URL as their notifications destination are sent here.',
};

export const triggerProperties: INodeProperties[] = [
	setupNotice,
	{
		displayName: 'Topics',
		name: 'topics',
		type: 'multiOptions',
		default: [],
		description: 'Which notifications start the workflow. Leave empty for all.',
		options: SIGN_TOPICS.map(({ name, value, description }) => ({ name, value, description })),
	},
	{
		displayName: 'Confirm With Yoti',
		name: 'confirmWithYoti',
		type: 'boolean',
		default: true,
		description:
			"Whether to re-read the envelope from Yoti Sign (with the Yoti Sign API credential) before starting the workflow, and drop a notification Yoti's envelope contradicts (e.g. a completion for an envelope that is not complete). If Yoti cannot be reached, the workflow still starts, with confirmed false and an error field.",
	},
	noConfirmWarning,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { confirmWithYoti: [true] } },
		options: [attemptsOption],
	},
];
