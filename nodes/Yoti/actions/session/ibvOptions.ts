import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildIbvOptions, ibvOptionsProblem } from '../../core/ibvOptions';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** Session → Create's "In-Branch Verification" section: becomes the body's `ibv_options`. */
export const ibvOptionsField = (show: Show): INodeProperties => ({
	displayName: 'In-Branch Verification (IBV)',
	name: 'ibvOptions',
	type: 'collection',
	placeholder: 'Add IBV Option',
	default: {},
	description:
		'Let (or make) the user prove their identity at a branch such as a UK Post Office instead of in the app. Yoti then sends the in-branch notifications to the Yoti Trigger.',
	displayOptions: { show },
	options: [
		{
			displayName: 'Guidance URL',
			name: 'guidanceUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/how-to-verify-at-a-branch',
			description: 'A page of yours that explains the in-branch visit to the user',
		},
		{
			displayName: 'Support',
			name: 'support',
			type: 'options',
			default: 'MANDATORY',
			options: [
				{ name: 'Mandatory', value: 'MANDATORY', description: 'The user must verify at a branch' },
				{ name: 'Not Allowed', value: 'NOT_ALLOWED', description: 'The user cannot choose a branch' },
			],
			description: 'Whether the user verifies at a branch',
		},
		{
			displayName: 'User Price Amount',
			name: 'userPriceAmount',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5.00',
			description: 'What the user pays at the branch, shown to them by Yoti',
		},
		{
			displayName: 'User Price Currency',
			name: 'userPriceCurrency',
			type: 'string',
			default: 'GBP',
			description: 'ISO 4217 currency code of the user price',
		},
	],
});

/** The `ibv_options` block from the section, or undefined; a bad value is refused before any request. */
export function readIbvOptions(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> | undefined {
	const settings = ctx.getNodeParameter('ibvOptions', itemIndex, {}) as IDataObject;
	const input = {
		support: typeof settings.support === 'string' ? settings.support : undefined,
		guidanceUrl: typeof settings.guidanceUrl === 'string' ? settings.guidanceUrl : undefined,
		userPriceAmount: settings.userPriceAmount as string | number | undefined,
		userPriceCurrency: typeof settings.userPriceCurrency === 'string' ? settings.userPriceCurrency : undefined,
	};
	const problem = ibvOptionsProblem(input);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, {
			itemIndex,
			description: 'Check the In-Branch Verification (IBV) section of the node. Nothing was sent to Yoti.',
		});
	}
	return buildIbvOptions(input);
}
