import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { withIbvOptions } from '../../core/ibvOptions';
import { buildSessionSpec, resourcesTtlFor, ttlProblem } from '../../core/sessionSpec';
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
	// First on purpose: n8n (2.x) renders the credentials just above the first parameter their
	// display depends on, so the IDV credential, the notification credential (shown by this
	// switch) and the Notifications section sit together at the top.
	{
		displayName: 'Send Notifications',
		name: 'sendNotifications',
		type: 'boolean',
		default: false,
		description:
			'Whether Yoti should call a Yoti Trigger as the session progresses. Needs the Yoti Notification Auth credential (shown when on) and the Endpoint below.',
		displayOptions: { show },
	},
	{
		displayName: 'Notifications',
		name: 'notifications',
		type: 'collection',
		placeholder: 'Add Notification Setting',
		default: {},
		description:
			"Paste the Yoti Trigger's Production URL as the Endpoint; Yoti sends the Yoti Notification Auth credential's token with every notification",
		displayOptions: { show: { ...show, sendNotifications: [true] } },
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
		displayName: 'Link Valid For (Seconds)',
		name: 'clientSessionTokenTtl',
		type: 'number',
		default: 600,
		typeOptions: { minValue: 300 },
		description:
			"How long the user's link (user_url) stays usable to complete the verification (Yoti's client_session_token_ttl)",
		displayOptions: { show },
	},
	{
		displayName: 'Keep Captured Media For (Seconds)',
		name: 'resourcesTtl',
		type: 'number',
		// 0 follows the field above: Yoti's minimum, link time + one day (n8n's lint wants a number
		// default here, so it cannot be an expression).
		default: 0,
		typeOptions: { minValue: 0 },
		hint: '0 = Link Valid For plus one day (86,400 seconds), the shortest Yoti allows; any other value must be at least that',
		description:
			"How long Yoti keeps the captured documents, photos and results of the session (Yoti's resources_ttl)",
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
	// No Attempts option: the POST is sent again only when the connection was never made.
	optionsCollection(show, [], false),
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
	if (ctx.getNodeParameter('sendNotifications', itemIndex, false) !== true) return undefined;
	const settings = ctx.getNodeParameter('notifications', itemIndex, {}) as IDataObject;
	const endpoint = typeof settings.endpoint === 'string' ? settings.endpoint.trim() : '';
	if (!endpoint) {
		throw new NodeOperationError(ctx.getNode(), 'Send Notifications is on but no Endpoint is set', {
			itemIndex,
			description:
				"Under Notifications, add Endpoint and paste the Yoti Trigger's Production URL, or turn Send Notifications off.",
		});
	}
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

/** A TTL as a number (an expression may give "600"); empty stays undefined so Yoti's default applies. */
function seconds(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return undefined;
}

/** Yoti's TTL rule, checked on the body about to be sent so the user learns it before Yoti refuses. */
function checkTtls(ctx: IExecuteFunctions, spec: Record<string, unknown>, itemIndex: number): void {
	const problem = ttlProblem(spec);
	if (!problem) return;
	const n = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	throw new NodeOperationError(
		ctx.getNode(),
		`Keep Captured Media For (${n(problem.resourcesTtl)} s) must be at least Link Valid For (${n(problem.clientSessionTokenTtl)} s) plus one day: ${n(problem.minimum)} s or more`,
		{
			itemIndex,
			description:
				"Yoti refuses a session whose resources_ttl is shorter than client_session_token_ttl + 86,400 seconds. Raise Keep Captured Media For, or reset it to its default, which follows Link Valid For.",
		},
	);
}

/**
 * Yoti's create-session schema requires an https notifications endpoint, so production and
 * sandbox refuse http:// here, before any request; a custom base URL (a local simulator) may
 * use http. Checked on the final body, so an endpoint from Session Spec (JSON) counts too.
 */
function assertHttpsNotifications(ctx: IExecuteFunctions, spec: unknown, environment: unknown, itemIndex: number): void {
	if (environment === 'custom') return;
	const notifications = (spec as { notifications?: { endpoint?: unknown } } | null)?.notifications;
	const endpoint = typeof notifications?.endpoint === 'string' ? notifications.endpoint.trim() : '';
	if (endpoint === '' || /^https:\/\//i.test(endpoint)) return;
	throw new NodeOperationError(ctx.getNode(), 'The notifications endpoint must be an https:// URL: Yoti sends notifications only over HTTPS', {
		itemIndex,
		description:
			"Paste the Yoti Trigger's Production URL from an n8n instance reachable over HTTPS. Plain http:// is allowed only with a custom base URL (a local simulator).",
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const tokenTtl = seconds(this.getNodeParameter('clientSessionTokenTtl', itemIndex, 600));
	const ibvOptions = readIbvOptions(this, itemIndex);
	const spec = buildSessionSpec({
		requestedChecks: this.getNodeParameter('requestedChecks', itemIndex, []) as string[],
		requestedTasks: this.getNodeParameter('requestedTasks', itemIndex, []) as string[],
		userTrackingId: this.getNodeParameter('userTrackingId', itemIndex, '') as string,
		clientSessionTokenTtl: tokenTtl,
		resourcesTtl: resourcesTtlFor(tokenTtl, seconds(this.getNodeParameter('resourcesTtl', itemIndex, 0))),
		successUrl: this.getNodeParameter('successUrl', itemIndex, '') as string,
		errorUrl: this.getNodeParameter('errorUrl', itemIndex, '') as string,
		allowedCaptureMethods: fields.allowedCaptureMethods as string | undefined,
		locale: fields.locale as string | undefined,
		presetIssuingCountry: fields.presetIssuingCountry as string | undefined,
		primaryColour: fields.primaryColour as string | undefined,
		notifications: await readNotifications(this, itemIndex),
		extra: readExtraSpec(this, itemIndex),
	});
	checkTtls(this, spec, itemIndex);
	const credentials = await this.getCredentials('yotiApi', itemIndex);
	assertHttpsNotifications(this, spec, credentials.environment, itemIndex);
	const { body } = await yotiRequest<IDataObject>(
		this,
		{ api: 'idv', method: 'POST', path: '/sessions', body: withIbvOptions(spec, ibvOptions) },
		{ attempts: run.attempts, itemIndex },
	);
	const sessionId = String(body?.session_id ?? '');
	const token = String(body?.client_session_token ?? '');
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
