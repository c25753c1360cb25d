import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenTrackedDevices } from '../../core';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { jsonItems, readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['deleteTrackedDevices'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

/**
 * DELETE /sessions/{id}/tracked-devices. The contract: one item per event, as Get Tracked Devices
 * (Yoti answers the events as JSON). An answer without events (204, or `[]`) still gives one
 * item, `{session_id, deleted: true}`, so the workflow goes on.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const { body } = await yotiRequest(
		this,
		{ api: 'idv', method: 'DELETE', path: `/sessions/${sessionId}/tracked-devices`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	const events = flattenTrackedDevices(sessionId, body);
	if (events.length === 0) return [{ json: { session_id: sessionId, deleted: true } }];
	return jsonItems(events as unknown as IDataObject[]);
}
