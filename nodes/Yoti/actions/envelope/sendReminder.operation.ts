import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { envelopeIdField, envelopeRecipientIdField, readEnvelopeUuid, showFor } from './shared';

const show = showFor('sendReminder');

export const description: INodeProperties[] = [envelopeIdField(show), envelopeRecipientIdField(show), optionsCollection(show, [], false)];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const envelopeId = readEnvelopeUuid(this, 'envelopeId', 'Envelope ID', itemIndex);
	const recipientId = readEnvelopeUuid(this, 'recipientId', 'Recipient ID', itemIndex);
	await yotiRequest(
		this,
		{ api: 'sign', method: 'POST', path: `/envelopes/${envelopeId}/recipients/${recipientId}/send-reminder`, resource: 'envelope' },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { envelope_id: envelopeId, recipient_id: recipientId, reminder_sent: true } }];
}
