import { isRecord, list, record, text } from './read';
import { resourceType, sessionResources } from './resources';
import type { TaskItem } from './types';

/**
 * A task's recommendation reason. Yoti's sandbox SDKs send it as `{ value, detail }` (value
 * QUALITY or USER_ERROR), so the item takes its `value`; a plain string is taken as it is.
 */
const reasonOf = (reason: unknown) => (isRecord(reason) ? text(reason.value) : text(reason));

/** The `id`s of generated checks / media; an entry without an id (or with an empty one) is skipped. */
const ids = (value: unknown) => list(value, (element) => record(element, (o) => text(o.id) || null));

/**
 * The contract's "Task item": one per task of every resource (`resources.*[].tasks[]`), in
 * the order the response lists them. A task that is not an object is skipped.
 */
export function flattenTasks(session: unknown): TaskItem[] {
	const root = isRecord(session) ? session : {};
	const sessionId = text(root.session_id);
	const sessionState = text(root.state);
	const items: TaskItem[] = [];
	for (const [key, resource] of sessionResources(root.resources)) {
		const resourceId = text(resource.id);
		const type = resourceType(key);
		for (const task of list(resource.tasks, (element) => (isRecord(element) ? element : null))) {
			const recommendation = isRecord(task.recommendation) ? task.recommendation : {};
			items.push({
				session_id: sessionId,
				session_state: sessionState,
				resource_id: resourceId,
				resource_type: type,
				task_id: text(task.id),
				task_type: text(task.type),
				task_state: text(task.state),
				task_created: text(task.created),
				task_last_updated: text(task.last_updated),
				recommendation: text(recommendation.value),
				recommendation_reason: reasonOf(recommendation.reason),
				generated_check_ids: ids(task.generated_checks),
				generated_media_ids: ids(task.generated_media),
			});
		}
	}
	return items;
}
