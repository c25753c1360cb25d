import type { INodeProperties } from 'n8n-workflow';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

const EXAMPLE_UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

function idField(
	name: 'sessionId' | 'mediaId' | 'recipientId',
	displayName: string,
	what: string,
	show: Show,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${EXAMPLE_UUID}`,
		description: `The ${what}: a UUID, or a pasted link that contains it`,
		displayOptions: { show },
	};
}

export const sessionIdField = (show: Show) =>
	idField('sessionId', 'Session ID', 'Yoti IDV session ID, as returned when the session was created', show);

export const mediaIdField = (show: Show) =>
	idField('mediaId', 'Media ID', 'media ID from the session result (e.g. a page, frame or document fields media)', show);

export const recipientIdField = (show: Show) =>
	idField('recipientId', 'Recipient ID', 'Yoti Sign envelope recipient ID', show);

export type SessionOutputDefault = 'checks' | 'summary';

/** `output` defaults to `checks` on the Yoti node and to `summary` on the Yoti Trigger (contract). */
export const sessionOutputField = (show: Show, defaultMode: SessionOutputDefault = 'checks'): INodeProperties => ({
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: defaultMode,
	description: 'How to shape the session result',
	options: [
		{
			name: 'Checks',
			value: 'checks',
			description: 'One flat item per check, ready for an IF node or a sheet',
		},
		{
			name: 'Media',
			value: 'media',
			description: 'One item per media the session refers to, with its role; each media_id can go straight to Get Media',
		},
		{
			name: 'Raw',
			value: 'raw',
			description: 'The API response unchanged',
		},
		{
			name: 'Sub-Checks',
			value: 'subChecks',
			description: 'One item per breakdown row of every check',
		},
		{
			name: 'Summary',
			value: 'summary',
			description: "One item per session with the overall decision (APPROVE, REJECT, NOT_AVAILABLE, PENDING)",
		},
		{
			name: 'Tasks',
			value: 'tasks',
			description: "One item per task of every resource, with Yoti's recommendation (e.g. MUST_TRY_AGAIN)",
		},
	],
	displayOptions: { show },
});

export const binaryPropertyField = (show: Show): INodeProperties => ({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	displayOptions: { show },
});

export const attemptsOption: INodeProperties = {
	displayName: 'Attempts',
	name: 'attempts',
	type: 'number',
	default: 3,
	typeOptions: { minValue: 1, maxValue: 10 },
	description:
		"How many times in total this node sends a read or delete request while Yoti is rate-limiting (429), unavailable (502, 503, 504) or the network fails, waiting as Yoti asks. Unlike Settings → Retry On Fail, which reruns the whole step on any error (a wrong ID or key too), this repeats only the request, and only for those passing faults.",
};

/** The Concurrency option's bounds, enforced in code too (actions/router.ts), not only by the UI. */
export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 50;
export const DEFAULT_CONCURRENCY = 5;

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	default: DEFAULT_CONCURRENCY,
	typeOptions: { minValue: MIN_CONCURRENCY, maxValue: MAX_CONCURRENCY },
	description: 'How many input items are processed at the same time (1 to 50; a larger value counts as 50)',
};

/** Download limits (transport DEFAULT_MAX_DOWNLOAD_MB / DEFAULT_DOWNLOAD_DEADLINE_SECONDS). */
export const maxDownloadMbOption: INodeProperties = {
	displayName: 'Max Download Size (MB)',
	name: 'maxDownloadMb',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: 1024 },
	description:
		'The largest file this node downloads; a larger one fails with an error naming this limit, without keeping any of it. Yoti media are usually well under 10 MB.',
};

export const downloadTimeLimitOption: INodeProperties = {
	displayName: 'Download Time Limit (Seconds)',
	name: 'downloadTimeLimitSeconds',
	type: 'number',
	default: 120,
	typeOptions: { minValue: 1, maxValue: 3600 },
	description:
		'The longest a whole download may take, from the request to the last byte; a slower one fails with an error naming this limit. Not retried.',
};

/** The options of the operations that download a file. */
export const downloadOptions: INodeProperties[] = [maxDownloadMbOption, downloadTimeLimitOption];
