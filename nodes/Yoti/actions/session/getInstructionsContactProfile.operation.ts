import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { contactProfileItem } from '../../core/instructions';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getInstructionsContactProfile'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

/** GET /sessions/{id}/instructions/contact-profile: who the in-branch instructions go to. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const { body } = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/instructions/contact-profile`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: contactProfileItem(sessionId, body) as unknown as IDataObject }];
}
