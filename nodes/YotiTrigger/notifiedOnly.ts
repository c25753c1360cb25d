import type { IDataObject } from 'n8n-workflow';

import type { OutputMode } from '../Yoti/core';
import type { YotiNotification } from './notification';

/** Which notification ID narrows which output mode; `summary` and `raw` are always whole. */
const NARROWED_BY: Partial<Record<OutputMode, 'check_id' | 'task_id' | 'resource_id'>> = {
	checks: 'check_id',
	subChecks: 'check_id',
	tasks: 'task_id',
	media: 'resource_id',
};

/**
 * The contract's `notifiedOnly`: a notification naming a check, task or resource keeps only
 * the items of that check (`checks`, `subChecks`), task (`tasks`) or resource (`media`), so a
 * `check_completion` stream does not emit every check of the session each time. A notification
 * that names none of them (e.g. `session_completion`) keeps every item.
 */
export function notifiedItems(items: IDataObject[], output: OutputMode, notification: YotiNotification): IDataObject[] {
	const field = NARROWED_BY[output];
	if (field === undefined) return items;
	const wanted = notification[field];
	if (wanted === null) return items;
	return items.filter((item) => item[field] === wanted);
}
