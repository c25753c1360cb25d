import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { NOTIFICATION_TOPICS } from '../Yoti/core/topics';
import { attemptsOption, sessionOutputField } from '../Yoti/descriptions';

const DOCS_URL = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti#the-yoti-trigger';

// Yoti has no webhook registration API, so the user wires the URL into each session by hand.
// n8n's notice keeps only <a>, <ul> and <li> (its HTML sanitiser), hence the list markup.
const setupNotice: INodeProperties = {
	displayName: `Yoti calls this node only for sessions that name its URL:<ul><li>1. Copy the Production URL from Webhook URLs above (the Test URL while you test with "Execute step").</li><li>2. In the Yoti node's Session → Create, turn on Send Notifications and paste it as the Endpoint.</li><li>3. Select the same Yoti Notification Auth credential there and here.</li></ul><a href="${DOCS_URL}" target="_blank">More about notifications</a>`,
	name: 'notice',
	type: 'notice',
	default: '',
};

// What authentication None costs, per the contract: forged notifications, and de-duplication
// limited to finished sessions (off without Fetch Session) so a forged one cannot drop the real one.
const noAuthWarning: INodeProperties = {
	displayName:
		'Warning: without authentication, anyone who knows a session ID can post notifications here, including the person being verified (the ID is in their link). Repeats are then dropped only once Fetch Session reads a finished session from Yoti, and never with Fetch Session off. Use the Yoti Notification Auth credential.',
	name: 'noAuthWarning',
	type: 'notice',
	default: '',
	displayOptions: { show: { authentication: ['none'] } },
};

/**
 * The texts of n8n's trigger panel (left of the parameters). n8n's generic ones ("Go to Yoti
 * and create an event") do not apply: Yoti calls only URLs named by a session, and only public
 * https ones. Links with `data-key` are n8n's own (executions list, activate).
 */
export const triggerPanel: TriggerPanelDefinition = {
	header: 'Finish a Yoti session that notifies the Test URL',
	executionsHelp: {
		inactive:
			'<b>While building your workflow</b>, click "Execute step", then create a Yoti session whose notifications endpoint is this node\'s <b>Test URL</b> (the Yoti node\'s Session → Create can set it) and finish it as the user would. Yoti only calls public <b>https</b> URLs, so your n8n must be reachable from the internet. <br /><br /><b>Once you\'re happy with your workflow</b>, activate it and use the <b>Production URL</b> in your sessions instead. Every notification then starts an execution, shown in the <a data-key="executions">executions list</a> but not in the editor.',
		active:
			'<b>Your workflow is active:</b> every notification Yoti sends to this node\'s <b>Production URL</b> starts an execution, shown in the <a data-key="executions">executions list</a> but not in the editor. To watch one here, create a session that notifies the <b>Test URL</b> and click "Execute step".',
	},
	activationHint:
		'Nothing arrives on its own: only sessions created with this node\'s URL as their notifications endpoint are sent here, and only to a public https address.',
};

export const triggerProperties: INodeProperties[] = [
	setupNotice,
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'yotiNotificationAuthApi',
		options: [
			{ name: 'Yoti Notification Auth', value: 'yotiNotificationAuthApi' },
			{ name: 'None', value: 'none' },
		],
	},
	noAuthWarning,
	{
		displayName: 'Topics',
		name: 'topics',
		type: 'multiOptions',
		default: [],
		description: 'Which notifications start the workflow. Leave empty for all.',
		// Kept in NOTIFICATION_TOPICS order (Session Completion, the usual choice, first), not sorted.
		options: NOTIFICATION_TOPICS.map(({ name, value, description }) => ({ name, value, description })),
	},
	{
		displayName: 'Fetch Session',
		name: 'fetchSession',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the session from Yoti and emit its result instead of the bare notification (needs the Yoti IDV API credential). If the session cannot be read, the workflow still starts, with the notification and an error field.',
	},
	sessionOutputField({ fetchSession: [true] }, 'summary'),
	{
		displayName: 'Notified Only',
		name: 'notifiedOnly',
		type: 'boolean',
		default: true,
		description:
			'Whether a notification that names a check, task or resource emits only the items of that check (Checks, Sub-Checks output), task (Tasks) or resource (Media) rather than the whole session. Summary and Raw are always whole.',
		displayOptions: { show: { fetchSession: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { fetchSession: [true] } },
		options: [attemptsOption],
	},
];
