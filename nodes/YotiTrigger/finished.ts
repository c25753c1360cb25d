import { isRecord } from '../Yoti/core/read';
import { sessionResources } from '../Yoti/core/resources';

/** Check states that mean the check has its result (Yoti's others: CREATED, PENDING, READY). */
const CHECK_FINISHED = new Set(['DONE']);
/** Task states that mean the task will not change (Yoti's other: PENDING). */
const TASK_FINISHED = new Set(['DONE', 'FAILED']);

/**
 * Whether a session read from Yoti can no longer change, so a notification about it may be
 * remembered as seen: the run it starts shows what any later repeat would show.
 *
 * - EXPIRED: the user never finished; nothing more comes.
 * - COMPLETED, but only when every check is DONE, every task DONE or FAILED and every identity
 *   profile has its result: a check still waiting (e.g. a manual one) can change, and the
 *   notification carrying its result must not be taken for a repeat.
 * - Anything else (ONGOING, a missing or unknown state, a body that is not a session): not
 *   finished. Unknown values count as not finished, so the worst case is an extra run.
 */
export function isSessionFinished(session: unknown): boolean {
	if (!isRecord(session)) return false;
	if (session.state === 'EXPIRED') return true;
	if (session.state !== 'COMPLETED') return false;
	const checks = Array.isArray(session.checks) ? session.checks : [];
	if (!checks.every((check) => isRecord(check) && CHECK_FINISHED.has(String(check.state)))) return false;
	if (!tasksOf(session.resources).every((task) => isRecord(task) && TASK_FINISHED.has(String(task.state)))) return false;
	for (const name of ['identity_profile', 'advanced_identity_profile']) {
		const profile = session[name];
		if (isRecord(profile) && typeof profile.result !== 'string') return false;
	}
	return true;
}

/** Every `tasks[]` entry of every resource (id_documents, supplementary_documents, share_codes, …). */
function tasksOf(resources: unknown): unknown[] {
	return sessionResources(resources).flatMap(([, resource]) => (Array.isArray(resource.tasks) ? (resource.tasks as unknown[]) : []));
}
