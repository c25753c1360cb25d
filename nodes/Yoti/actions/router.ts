import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapConcurrent } from '../core';
import { readOption } from '../helpers/params';
import type { Operation } from '../helpers/types';
import * as session from './session';
import * as signRecipient from './signRecipient';
import * as supportedDocuments from './supportedDocuments';

const resources: Record<string, Record<string, Operation>> = {
	session: session.operations,
	signRecipient: signRecipient.operations,
	supportedDocuments: supportedDocuments.operations,
};

type Outcome = { items: INodeExecutionData[] } | { error: Error };

function errorJson(error: Error & { description?: unknown; httpCode?: unknown }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.error_description = error.description;
	if (error.httpCode !== undefined && error.httpCode !== null) json.http_code = String(error.httpCode);
	return json;
}

/**
 * Runs the chosen operation for every input item, `concurrency` items at a time, keeping the
 * output in input order with `pairedItem` set. With "Continue On Fail" a failing item becomes
 * an error item; without it the first failure (by item order) stops the run and no new items start.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for "${resource}"`);
	}
	const inputs = this.getInputData();
	const concurrency = Math.max(1, Math.floor(Number(readOption(this, 'concurrency', 0, 5)) || 1));
	const continueOnFail = this.continueOnFail();
	let stopped = false;

	const outcomes = await mapConcurrent(
		inputs.map((_, index) => index),
		concurrency,
		async (itemIndex): Promise<Outcome> => {
			if (stopped) return { items: [] };
			try {
				const attempts = Math.max(1, Math.floor(Number(readOption(this, 'attempts', itemIndex, 3)) || 1));
				const items = await operation.execute.call(this, itemIndex, { attempts });
				return { items: items.map((item) => ({ ...item, pairedItem: { item: itemIndex } })) };
			} catch (error) {
				if (!continueOnFail) stopped = true;
				return { error: error as Error };
			}
		},
	);

	const output: INodeExecutionData[] = [];
	for (const [itemIndex, outcome] of outcomes.entries()) {
		if ('error' in outcome) {
			if (!continueOnFail) throw outcome.error;
			output.push({ json: errorJson(outcome.error), pairedItem: { item: itemIndex } });
		} else {
			output.push(...outcome.items);
		}
	}
	return [output];
}
