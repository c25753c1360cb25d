import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { ageVerificationBaseUrl, ageVerificationUserUrl } from '../../../../credentials/ageEnvironments';
import { AGE_TTL_MAX, AGE_TTL_MIN, ageSessionProblems, buildAgeSessionBody } from '../../core/ageVerification';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['ageVerification'], operation: ['createSession'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Check Type',
		name: 'checkType',
		type: 'options',
		default: 'OVER',
		options: [
			{ name: 'Over a Threshold', value: 'OVER', description: 'Pass when the person is at least the threshold age' },
			{ name: 'Under a Threshold', value: 'UNDER', description: 'Pass when the person is under the threshold age' },
			{ name: 'Age Only', value: 'AGE', description: 'Return the age found, with no threshold comparison' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Threshold',
		name: 'threshold',
		type: 'number',
		default: 18,
		typeOptions: { minValue: 1, maxValue: 150 },
		description: 'The age in years the person is checked against',
		displayOptions: { show: { ...show, checkType: ['OVER', 'UNDER'] } },
	},
	{
		displayName: 'Methods',
		name: 'methods',
		type: 'multiOptions',
		default: ['age_estimation', 'digital_id', 'doc_scan'],
		description:
			'How the person may prove their age. Every other method is sent as not allowed (Yoti would otherwise allow it).',
		options: [
			{ name: 'Credit Card', value: 'credit_card', description: 'Proves 18+ only; Yoti places a small temporary hold' },
			{ name: 'Digital ID (Yoti App)', value: 'digital_id' },
			{ name: 'Facial Age Estimation', value: 'age_estimation' },
			{ name: 'ID Document Scan', value: 'doc_scan' },
			{ name: 'Mobile Number', value: 'mobile' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Link Valid For (Seconds)',
		name: 'ttl',
		type: 'number',
		default: 900,
		typeOptions: { minValue: AGE_TTL_MIN, maxValue: AGE_TTL_MAX },
		description: 'How long the person has to complete the check (Yoti\'s ttl: 60 seconds to 30 days)',
		displayOptions: { show },
	},
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		default: '',
		description: 'Your own reference (e.g. a sign-up or order ID); Yoti returns it in the result and the notifications',
		displayOptions: { show },
	},
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/age-checked',
		description: 'Where the person is sent when the check is done (Yoti adds ?sessionId=…)',
		displayOptions: { show },
	},
	{
		displayName: 'Notification URL',
		name: 'notificationUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/age',
		description:
			"Where Yoti posts the outcome of each attempt: paste the Yoti Age Verification Trigger's Production URL (https)",
		displayOptions: { show },
	},
	{
		displayName: 'Cancel URL',
		name: 'cancelUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/age-check-cancelled',
		description: 'Where the person is sent if they abort the check',
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
				displayName: 'Age Estimation Level',
				name: 'ageEstimationLevel',
				type: 'options',
				default: 'PASSIVE',
				options: [
					{ name: 'None', value: 'NONE' },
					{ name: 'Passive Liveness', value: 'PASSIVE' },
				],
				description: 'The liveness check run with facial age estimation',
			},
			{
				displayName: 'Age Estimation Threshold',
				name: 'ageEstimationThreshold',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 150 },
				description:
					"A higher threshold for facial age estimation only, as Yoti recommends (e.g. 25 for an 18+ check: a buffer for the estimate's error). 0 = the Threshold above.",
			},
			{
				displayName: 'Block Biometric Consent Screen',
				name: 'blockBiometricConsent',
				type: 'boolean',
				default: false,
				description: 'Whether to skip the biometric consent screen Yoti shows in some US states (you then collect consent yourself)',
			},
			{
				displayName: 'Callback Automatically',
				name: 'callbackAuto',
				type: 'boolean',
				default: true,
				description: 'Whether Yoti sends the person to the Callback URL on its own when done (off is needed to offer a Yoti Key)',
			},
			{
				displayName: 'Resume Enabled',
				name: 'resumeEnabled',
				type: 'boolean',
				default: false,
				description: 'Whether the person can reopen the link to resume',
			},
			{
				displayName: 'Retry Enabled',
				name: 'retryEnabled',
				type: 'boolean',
				default: false,
				description: 'Whether the person may try again after a failed attempt (Yoti notifies once per attempt)',
			},
			{
				displayName: 'Rule ID',
				name: 'ruleId',
				type: 'string',
				default: '',
				description: 'An age-token rule ID (Yoti age accounts); turns on the login method',
			},
			{
				displayName: 'Synchronous Checks',
				name: 'synchronousChecks',
				type: 'boolean',
				default: false,
				description: 'Whether the person waits until document and card checks have a result',
			},
		],
	},
	{
		displayName: 'Options (JSON)',
		name: 'optionsJson',
		type: 'json',
		default: '{}',
		description:
			'Anything else Yoti accepts when creating a session (e.g. {"doc_scan": {"authenticity": "AUTO"}}), merged over the fields above',
		displayOptions: { show },
	},
	// No Attempts option: the POST is never sent twice once it may have reached Yoti.
	optionsCollection(show, [], false),
];

function readExtra(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const raw = ctx.getNodeParameter('optionsJson', itemIndex, '{}') as unknown;
	const value =
		typeof raw === 'string'
			? raw.trim() === ''
				? {}
				: jsonParse<unknown>(raw, { errorMessage: 'Options (JSON) is not valid JSON' })
			: raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(ctx.getNode(), 'Options (JSON) must be a JSON object', { itemIndex });
	}
	return value as Record<string, unknown>;
}

function optionalNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return undefined;
}

function optionalBoolean(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const checkType = String(this.getNodeParameter('checkType', itemIndex, 'OVER'));
	const compares = checkType === 'OVER' || checkType === 'UNDER';
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const methods = this.getNodeParameter('methods', itemIndex, []) as unknown;
	const body = buildAgeSessionBody({
		type: checkType,
		threshold: compares ? optionalNumber(this.getNodeParameter('threshold', itemIndex, 18)) : undefined,
		methods: Array.isArray(methods) ? methods.map(String) : typeof methods === 'string' ? methods.split(',').map((m) => m.trim()) : [],
		ageEstimationThreshold: optionalNumber(fields.ageEstimationThreshold) || undefined,
		ageEstimationLevel: typeof fields.ageEstimationLevel === 'string' ? fields.ageEstimationLevel : undefined,
		ttl: optionalNumber(this.getNodeParameter('ttl', itemIndex, 900)),
		referenceId: String(this.getNodeParameter('referenceId', itemIndex, '') ?? ''),
		callbackUrl: String(this.getNodeParameter('callbackUrl', itemIndex, '') ?? ''),
		callbackAuto: optionalBoolean(fields.callbackAuto),
		notificationUrl: String(this.getNodeParameter('notificationUrl', itemIndex, '') ?? ''),
		cancelUrl: String(this.getNodeParameter('cancelUrl', itemIndex, '') ?? ''),
		retryEnabled: optionalBoolean(fields.retryEnabled),
		resumeEnabled: optionalBoolean(fields.resumeEnabled),
		synchronousChecks: optionalBoolean(fields.synchronousChecks),
		blockBiometricConsent: optionalBoolean(fields.blockBiometricConsent),
		ruleId: typeof fields.ruleId === 'string' ? fields.ruleId : undefined,
		extra: readExtra(this, itemIndex),
	});
	const credentials = await this.getCredentials('yotiAgeVerificationApi', itemIndex);
	const problems = ageSessionProblems(body, credentials.environment !== 'custom');
	if (problems.length > 0) {
		const [first] = problems;
		throw new NodeOperationError(this.getNode(), `${first.field} ${first.message}`, {
			itemIndex,
			description: `Nothing was sent to Yoti.${problems.length > 1 ? ` Also: ${problems.slice(1).map((p) => `${p.field} ${p.message}`).join('; ')}.` : ''}`,
		});
	}
	const { body: answer } = await yotiRequest<IDataObject>(
		this,
		{ api: 'age', method: 'POST', path: '/sessions', body },
		{ attempts: run.attempts, itemIndex },
	);
	const sessionId = typeof answer?.id === 'string' ? answer.id : typeof answer?.session_id === 'string' ? answer.session_id : '';
	if (sessionId === '') {
		throw new NodeOperationError(this.getNode(), 'Yoti answered the new session without its ID', {
			itemIndex,
			description: 'The session may have been created. Check Yoti Hub before trying again.',
		});
	}
	const sdkId = String(credentials.sdkId ?? '').trim();
	return [
		{
			json: {
				session_id: sessionId,
				user_url: ageVerificationUserUrl(ageVerificationBaseUrl(credentials), sessionId, sdkId),
				status: typeof answer?.status === 'string' ? answer.status : null,
				expires_at: typeof answer?.expires_at === 'string' ? answer.expires_at : null,
				reference_id: typeof body.reference_id === 'string' ? body.reference_id : null,
			},
		},
	];
}
