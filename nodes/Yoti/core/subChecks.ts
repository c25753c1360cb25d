import { namedRows, recommendationOf } from './breakdown';
import { normaliseKey, setOnce } from './keys';
import { parseSession } from './session.schema';
import type { FlatValue, SubCheckItem } from './types';

/** The contract's "Sub-check item": one item per named breakdown row of every check. */
export function flattenSubChecks(session: unknown): SubCheckItem[] {
	const model = parseSession(session);
	const items: SubCheckItem[] = [];
	for (const check of model.checks) {
		for (const row of namedRows(check)) {
			const item: SubCheckItem = {
				session_id: model.session_id,
				check_id: check.id,
				check_type: check.type,
				check_state: check.state,
				recommendation: recommendationOf(check),
				sub_check: row.sub_check,
				result: row.result,
				process: row.process,
			};
			for (const detail of row.details) {
				if (detail.name === null || detail.name === '') continue;
				setOnce(item as { [key: string]: FlatValue }, `detail_${normaliseKey(detail.name)}`, detail.value);
			}
			items.push(item);
		}
	}
	return items;
}
