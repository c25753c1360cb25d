import type { INodeProperties } from 'n8n-workflow';

import { attemptsOption, concurrencyOption } from '../descriptions';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** The per-operation "Options" collection: attempts and concurrency, plus the operation's own. */
export function optionsCollection(show: Show, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [attemptsOption, concurrencyOption, ...extra].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
