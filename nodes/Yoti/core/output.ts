import { checkItems } from './checks';
import { isPlainObject } from './keys';
import { redactSession } from './redact';
import { flattenMedia } from './media';
import { parseSession } from './session.schema';
import { flattenSubChecks } from './subChecks';
import { summarizeSession } from './summary';
import { flattenTasks } from './tasks';
import type { DataObject, OutputMode } from './types';

/**
 * The items a session result gives in an output mode. `raw` returns the response unchanged
 * but for the secrets Yoti echoes back (`redactSession`)
 * (a body that is not an object, e.g. a list or text, is wrapped as `{ raw: body }` because an
 * item must be an object); an unknown mode is treated as the default, `checks`.
 */
export function sessionItems(session: unknown, mode: OutputMode): DataObject[] {
	switch (mode) {
		case 'raw':
			return [isPlainObject(session) ? (redactSession(session) as DataObject) : { raw: session as DataObject[string] }];
		case 'summary':
			return [summarizeSession(session)];
		case 'subChecks':
			return flattenSubChecks(session);
		case 'tasks':
			return flattenTasks(session);
		case 'media':
			return flattenMedia(session);
		default:
			return checkItems(parseSession(session));
	}
}
