import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenTrackedDevices } from '../../core';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { alreadyDeleted, jsonItems, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['deleteTrackedDevices'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

/**
 * DELETE /sessions/{id}/tracked-devices. The contract: one item per event, as Get Tracked Devices
 * (Yoti answers the events as JSON). An answer without events (204, or `[]`) still gives one
 * item, `{session_id, deleted: true}`, so the workflow goes on.
 *
 * A 2xx means Yoti deleted the events, whatever its body: a body cut short or not JSON is never
 * answered by sending the DELETE again (the events are gone, a second DELETE could only answer
 * none), but by that same one item with `events_unreadable: true`, so a workflow can tell that
 * the deleted events could not be listed. A retry's 404 after a lost answer (`already_deleted`)
 * gives the same one item too.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const response = await yotiRequest(
		this,
		{ api: 'idv', method: 'DELETE', path: `/sessions/${sessionId}/tracked-devices`, resource: 'session', readsAnswer: true },
		{ attempts: run.attempts, itemIndex },
	);
	const events = flattenTrackedDevices(sessionId, response.body);
	if (events.length > 0) return jsonItems(events as unknown as IDataObject[]);
	return [
		{
			json: {
				session_id: sessionId,
				deleted: true,
				...alreadyDeleted(response),
				...(response.bodyUnreadable ? { events_unreadable: true } : {}),
			},
		},
	];
}
