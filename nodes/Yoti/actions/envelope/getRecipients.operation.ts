import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { envelopeRecipientItems } from '../../core/envelope';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { envelopeIdField, readEnvelopeUuid, showFor } from './shared';

const show = showFor('getRecipients');

export const description: INodeProperties[] = [envelopeIdField(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const envelopeId = readEnvelopeUuid(this, 'envelopeId', 'Envelope ID', itemIndex);
	const { body } = await yotiRequest(
		this,
		{ api: 'sign', method: 'GET', path: `/envelopes/${envelopeId}`, resource: 'envelope' },
		{ attempts: run.attempts, itemIndex },
	);
	return envelopeRecipientItems(body, envelopeId).map((item) => ({ json: item as unknown as IDataObject }));
}
