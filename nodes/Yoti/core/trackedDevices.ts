import { flattenObject } from './flattenObject';
import { isPlainObject, setOnce } from './keys';
import { text } from './read';
import type { FlatValue, TrackedDeviceItem } from './types';

function asStrings(value: FlatValue | Array<string | number | boolean | null>): FlatValue {
	return Array.isArray(value) ? value.filter((element) => element !== null).map(String) : value;
}

/**
 * One item per tracked-device event: `session_id, event, created, resource_id` plus every
 * field of `device` as `device_<field>` (nested objects joined with `_`, lists of primitives
 * as lists of strings). Events that are not objects are skipped; not a list -> no items.
 */
export function flattenTrackedDevices(sessionId: string, events: unknown): TrackedDeviceItem[] {
	if (!Array.isArray(events)) return [];
	return events.filter(isPlainObject).map((event) => {
		const item: TrackedDeviceItem = {
			session_id: sessionId,
			event: text(event.event),
			created: text(event.created),
			resource_id: text(event.resource_id),
		};
		for (const [key, value] of Object.entries(flattenObject(event.device, 'device'))) {
			setOnce(item as { [key: string]: FlatValue }, key, asStrings(value));
		}
		return item;
	});
}
