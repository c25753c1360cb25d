import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { withIbvOptions } from '../../core/ibvOptions';
import { buildSessionSpec } from '../../core/sessionSpec';
import { NOTIFICATION_TOPICS } from '../../core/topics';
import { endUserUrl, idvBaseUrl } from '../../helpers/environments';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { ibvOptionsField, readIbvOptions } from './ibvOptions';

const show = { resource: ['session'], operation: ['create'] };

const CHECK_TYPES = [
	['ID_DOCUMENT_AUTHENTICITY', 'Document Authenticity'],
	['ID_DOCUMENT_COMPARISON', 'Document Comparison'],
	['ID_DOCUMENT_FACE_MATCH', 'Document Face Match'],
	['LIVENESS', 'Liveness'],
	['FACE_COMPARISON', 'Face Comparison'],
	['THIRD_PARTY_IDENTITY', 'Third Party Identity'],
	['WATCHLIST_SCREENING', 'Watchlist Screening'],
	['SUPPLEMENTARY_DOCUMENT_TEXT_DATA_CHECK', 'Supplementary Document Text Data Check'],
];

export const description: INodeProperties[] = [
	{
		displayName: 'Requested Checks',
		name: 'requestedChecks',
		type: 'multiOptions',
		default: ['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'LIVENESS'],
		description: 'The checks Yoti runs once the user has captured their documents and face',
		options: CHECK_TYPES.map(([value, name]) => ({ name, value })),
		displayOptions: { show },
	},
	{
		displayName: 'Requested Tasks',
		name: 'requestedTasks',
		type: 'multiOptions',
		default: ['ID_DOCUMENT_TEXT_DATA_EXTRACTION'],
		description: 'Tasks such as reading the text of the document (needed for identity data)',
		options: [
			{ name: 'Document Text Data Extraction', value: 'ID_DOCUMENT_TEXT_DATA_EXTRACTION' },
			{
				name: 'Supplementary Document Text Data Extraction',
				value: 'SUPPLEMENTARY_DOCUMENT_TEXT_DATA_EXTRACTION',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'User Tracking ID',
		name: 'userTrackingId',
		type: 'string',
		default: '',
		description: 'Your own reference for the user (e.g. a CRM ID); Yoti returns it in the session result',
		displayOptions: { show },
	},
	{
		displayName: 'Client Session Token TTL (Seconds)',
		name: 'clientSessionTokenTtl',
		type: 'number',
		default: 600,
		typeOptions: { minValue: 300 },
		description: 'How long the user has to complete the session',
		displayOptions: { show },
	},
	{
		displayName: 'Resources TTL (Seconds)',
		name: 'resourcesTtl',
		type: 'number',
		default: 90000,
		description:
			'How long Yoti keeps the captured media; must be at least the token TTL plus one day (86,400 s)',
		displayOptions: { show },
	},
	{
		displayName: 'Success URL',
		name: 'successUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/verified',
		description: 'Where the user is sent after finishing the flow',
		displayOptions: { show },
	},
	{
		displayName: 'Error URL',
		name: 'errorUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/verification-failed',
		description: 'Where the user is sent when the flow fails',
		displayOptions: { show },
	},
	{
		displayName: 'Notifications',
		name: 'notifications',
		type: 'collection',
		placeholder: 'Add Notification Setting',
		default: {},
		description:
			"Have Yoti call a Yoti Trigger when the session progresses. Paste the Yoti Trigger's Production URL as the endpoint; the auth token comes from the Yoti Notification Auth credential.",
		displayOptions: { show },
		options: [
			{
				displayName: 'Endpoint',
				name: 'endpoint',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/webhook',
				description: "The Yoti Trigger's Production URL (shown in the trigger's panel)",
			},
			{
				displayName: 'Topics',
				name: 'topics',
				type: 'multiOptions',
				default: ['session_completion'],
				options: NOTIFICATION_TOPICS.map(({ name, value, description }) => ({ name, value, description })),
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Allowed Capture Methods',
				name: 'allowedCaptureMethods',
				type: 'options',
				default: 'CAMERA_AND_UPLOAD',
				options: [
					{ name: 'Camera', value: 'CAMERA' },
					{ name: 'Camera and Upload', value: 'CAMERA_AND_UPLOAD' },
				],
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				default: 'en-GB',
			},
			{
				displayName: 'Preset Issuing Country',
				name: 'presetIssuingCountry',
				type: 'string',
				default: '',
				placeholder: 'GBR',
				description: 'ISO 3166-1 alpha-3 code of the country to preselect',
			},
			{
				displayName: 'Primary Colour',
				name: 'primaryColour',
				type: 'color',
				default: '#2875BC',
			},
		],
	},
	ibvOptionsField(show),
	{
		displayName: 'Session Spec (JSON)',
		name: 'sessionSpecJson',
		type: 'json',
		default: '{}',
		description:
			'Anything else Yoti accepts when creating a session (required_documents, identity_profile_requirements, …), merged over the fields above',
		displayOptions: { show },
	},
	optionsCollection(show),
];

function readExtraSpec(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const raw = ctx.getNodeParameter('sessionSpecJson', itemIndex, '{}') as unknown;
	const value = typeof raw === 'string' ? (raw.trim() === '' ? {} : jsonParse<unknown>(raw, {
		errorMessage: 'Session Spec (JSON) is not valid JSON',
	})) : raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(ctx.getNode(), 'Session Spec (JSON) must be a JSON object', { itemIndex });
	}
	return value as Record<string, unknown>;
}

async function readNotifications(ctx: IExecuteFunctions, itemIndex: number) {
	const settings = ctx.getNodeParameter('notifications', itemIndex, {}) as IDataObject;
	const endpoint = typeof settings.endpoint === 'string' ? settings.endpoint.trim() : '';
	if (!endpoint) return undefined;
	if (!/^https?:\/\//i.test(endpoint)) {
		throw new NodeOperationError(ctx.getNode(), 'The notifications endpoint must be an http(s) URL', {
			itemIndex,
			description: "Paste the Yoti Trigger's Production URL.",
		});
	}
	let auth: IDataObject;
	try {
		auth = await ctx.getCredentials('yotiNotificationAuthApi', itemIndex);
	} catch {
		throw new NodeOperationError(ctx.getNode(), 'Notifications need a Yoti Notification Auth credential', {
			itemIndex,
			description:
				'Yoti sends the auth token back with every notification so the Yoti Trigger can verify it. Select the same credential in both nodes.',
		});
	}
	const topics = Array.isArray(settings.topics) ? (settings.topics as string[]) : ['session_completion'];
	return {
		endpoint,
		topics,
		authToken: String(auth.authToken ?? ''),
		authType: auth.authType === 'bearer' ? ('BEARER' as const) : ('BASIC' as const),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const ibvOptions = readIbvOptions(this, itemIndex);
	const spec = buildSessionSpec({
		requestedChecks: this.getNodeParameter('requestedChecks', itemIndex, []) as string[],
		requestedTasks: this.getNodeParameter('requestedTasks', itemIndex, []) as string[],
		userTrackingId: this.getNodeParameter('userTrackingId', itemIndex, '') as string,
		clientSessionTokenTtl: this.getNodeParameter('clientSessionTokenTtl', itemIndex, 600) as number,
		resourcesTtl: this.getNodeParameter('resourcesTtl', itemIndex, 90000) as number,
		successUrl: this.getNodeParameter('successUrl', itemIndex, '') as string,
		errorUrl: this.getNodeParameter('errorUrl', itemIndex, '') as string,
		allowedCaptureMethods: fields.allowedCaptureMethods as string | undefined,
		locale: fields.locale as string | undefined,
		presetIssuingCountry: fields.presetIssuingCountry as string | undefined,
		primaryColour: fields.primaryColour as string | undefined,
		notifications: await readNotifications(this, itemIndex),
		extra: readExtraSpec(this, itemIndex),
	});
	const { body } = await yotiRequest<IDataObject>(
		this,
		{ api: 'idv', method: 'POST', path: '/sessions', body: withIbvOptions(spec, ibvOptions) },
		{ attempts: run.attempts, itemIndex },
	);
	const sessionId = String(body?.session_id ?? '');
	const token = String(body?.client_session_token ?? '');
	const credentials = await this.getCredentials('yotiApi', itemIndex);
	return [
		{
			json: {
				session_id: sessionId,
				client_session_token: token,
				client_session_token_ttl: (body?.client_session_token_ttl as number | undefined) ?? null,
				user_url: endUserUrl(idvBaseUrl(credentials), sessionId, token),
			},
		},
	];
}
