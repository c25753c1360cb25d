import type { INodeProperties } from 'n8n-workflow';

import { attemptsOption, concurrencyOption } from '../descriptions';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/**
 * The per-operation "Options" collection: attempts and concurrency, plus the operation's own.
 * `withAttempts: false` for operations whose request is never repeated (Create's POST).
 */
export function optionsCollection(show: Show, extra: INodeProperties[] = [], withAttempts = true): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...(withAttempts ? [attemptsOption] : []), concurrencyOption, ...extra].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
