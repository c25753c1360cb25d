import type { INodeProperties } from 'n8n-workflow';

import { NOTIFICATION_TOPICS } from '../Yoti/core/topics';
import { attemptsOption, sessionOutputField } from '../Yoti/descriptions';

const setupNotice: INodeProperties = {
	displayName:
		"Yoti has no API to register webhooks, so nothing is registered when this workflow is activated. Copy this node's Production URL (Webhook URLs above) into the <code>notifications.endpoint</code> of every session you create (the Yoti node's Session → Create can set it for you), choose the same topics there, and give the session the same auth token and type as the Yoti Notification Auth credential below. Wrong or missing auth gets 401; repeats of the same notification within 10 minutes reaching the same n8n process are answered 200 and ignored (in queue mode with several webhook processes, see the README's \"Running at scale\").",
	name: 'notice',
	type: 'notice',
	default: '',
};

const noAuthWarning: INodeProperties = {
	displayName:
		'Warning: without authentication anyone who learns this URL can start the workflow with made-up notifications. Turn on Fetch Session so the workflow reads the real session from Yoti, or better, use the credential.',
	name: 'noAuthWarning',
	type: 'notice',
	default: '',
	displayOptions: { show: { authentication: ['none'] } },
};

const fetchFailureNotice: INodeProperties = {
	displayName:
		'If the session cannot be read (Yoti unavailable, wrong key), Yoti still gets 200 at once and the workflow receives one item with the notification and an <code>error</code> field, so no notification is lost. Each item also carries the notification\'s topic and IDs (fields <code>topic</code>, <code>notification_check_id</code>, <code>notification_task_id</code>, <code>notification_resource_id</code>).',
	name: 'fetchNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { fetchSession: [true] } },
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
		options: [...NOTIFICATION_TOPICS]
			.map(({ name, value, description }) => ({ name, value, description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName: 'Fetch Session',
		name: 'fetchSession',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the session from Yoti and emit its result instead of the bare notification (needs the Yoti IDV API credential)',
	},
	fetchFailureNotice,
	sessionOutputField({ fetchSession: [true] }),
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
