import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapConcurrent } from '../core';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, MIN_CONCURRENCY } from '../descriptions';
import { readOption } from '../helpers/params';
import type { Operation, RunOptions } from '../helpers/types';
import * as ageEstimation from './ageEstimation';
import * as ageVerification from './ageVerification';
import * as envelope from './envelope';
import * as session from './session';
import * as signRecipient from './signRecipient';
import * as supportedDocuments from './supportedDocuments';

const resources: Record<string, Record<string, Operation>> = {
	envelope: envelope.operations,
	session: session.operations,
	ageVerification: ageVerification.operations,
	ageEstimation: ageEstimation.operations,
	signRecipient: signRecipient.operations,
	supportedDocuments: supportedDocuments.operations,
};

type Outcome = { items: INodeExecutionData[] } | { error: Error };

/** A whole number within [min, max] (Infinity counts as max); `fallback` when it is not a number at all. */
function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Math.floor(Number(value));
	return Number.isNaN(number) ? fallback : Math.min(max, Math.max(min, number));
}

/**
 * The Concurrency option, clamped to 1–50 here and not only in the UI: an expression, an API-made
 * workflow or an imported JSON can hold any number, and 500 requests at once would be refused
 * by Yoti's rate limit (or worse, look like an attack).
 */
export function concurrencyOf(value: unknown): number {
	return bounded(value, MIN_CONCURRENCY, MIN_CONCURRENCY, MAX_CONCURRENCY);
}

/** What an operation runs with for one item: attempts and download limits from the node's options. */
function runOptions(ctx: IExecuteFunctions, itemIndex: number): RunOptions {
	const run: RunOptions = { attempts: Math.max(1, Math.floor(Number(readOption(ctx, 'attempts', itemIndex, 3))) || 1) };
	const maxMb = Number(readOption<unknown>(ctx, 'maxDownloadMb', itemIndex, undefined));
	const limitSeconds = Number(readOption<unknown>(ctx, 'downloadTimeLimitSeconds', itemIndex, undefined));
	// The transport clamps both and applies its defaults when they are unset.
	if (Number.isFinite(maxMb)) run.maxDownloadBytes = Math.floor(maxMb * 1024 * 1024);
	if (Number.isFinite(limitSeconds)) run.downloadDeadlineMs = Math.floor(limitSeconds * 1000);
	return run;
}

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
	const concurrency = concurrencyOf(readOption(this, 'concurrency', 0, DEFAULT_CONCURRENCY));
	const continueOnFail = this.continueOnFail();
	let stopped = false;

	const outcomes = await mapConcurrent(
		inputs.map((_, index) => index),
		concurrency,
		async (itemIndex): Promise<Outcome> => {
			if (stopped) return { items: [] };
			try {
				const items = await operation.execute.call(this, itemIndex, runOptions(this, itemIndex));
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
