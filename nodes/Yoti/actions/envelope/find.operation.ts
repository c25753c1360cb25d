import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { envelopeSummaryItems } from '../../core/envelope';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { jsonBody, readList, showFor, uuidList } from './shared';

const show = showFor('find');

export const description: INodeProperties[] = [
	{
		displayName: 'Envelope IDs',
		name: 'envelopeIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6, 9b2d…',
		description: 'The envelope IDs to look up, separated by commas (or an array from an expression)',
		displayOptions: { show },
	},
	// A POST (Yoti's find is a POST), so it is sent once: no Attempts option.
	optionsCollection(show, [], false),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const ids = uuidList(this, readList(this, 'envelopeIds', itemIndex), 'Envelope IDs', itemIndex);
	const { body } = await yotiRequest(
		this,
		{ api: 'sign', method: 'POST', path: '/organisations/envelopes/find', ...jsonBody({ envelope_ids: ids }) },
		{ attempts: run.attempts, itemIndex },
	);
	return envelopeSummaryItems(body).map((item) => ({ json: item as IDataObject }));
}
