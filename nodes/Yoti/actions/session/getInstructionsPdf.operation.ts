import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, downloadOptions, sessionIdField } from '../../descriptions';
import { binaryItem, downloadTransportOptions } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['getInstructionsPdf'] };

export const description: INodeProperties[] = [
	sessionIdField(show),
	binaryPropertyField(show),
	optionsCollection(show, downloadOptions),
];

/**
 * GET /sessions/{id}/instructions/pdf: the instructions the user takes to the branch, as
 * binary `instructions-<sessionId>.pdf`. 204 (no PDF yet) is not an error: `has_content: false`,
 * no binary — as the Java SDK's getIbvInstructionsPdf returns null on 204.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const response = await yotiRequest(
		this,
		{ api: 'idv', method: 'GET', path: `/sessions/${sessionId}/instructions/pdf`, download: true, resource: 'session' },
		downloadTransportOptions(run, itemIndex),
	);
	const bytes = Buffer.isBuffer(response.body) ? response.body : undefined;
	if (response.statusCode === 204 || !bytes || bytes.length === 0) {
		return [{ json: { session_id: sessionId, mime_type: null, size: 0, has_content: false } }];
	}
	return [
		await binaryItem(this, response, {
			fileBase: `instructions-${sessionId}`,
			binaryPropertyName,
			fallbackMime: 'application/pdf',
			json: { session_id: sessionId },
		}),
	];
}
