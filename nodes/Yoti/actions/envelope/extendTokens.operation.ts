import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { envelopeIdField, jsonBody, readEnvelopeUuid, readList, showFor, uuidList } from './shared';

const show = showFor('extendTokens');

export const description: INodeProperties[] = [
	envelopeIdField(show),
	{
		displayName: 'Recipient Tokens',
		name: 'recipientTokens',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			"The embedded signing tokens to extend (Create's token field for an embedded envelope), separated by commas; all from this envelope",
		displayOptions: { show },
	},
	optionsCollection(show, [], false),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const envelopeId = readEnvelopeUuid(this, 'envelopeId', 'Envelope ID', itemIndex);
	const tokens = uuidList(this, readList(this, 'recipientTokens', itemIndex), 'Recipient Tokens', itemIndex);
	await yotiRequest(
		this,
		{ api: 'sign', method: 'POST', path: `/envelopes/${envelopeId}/extend-tokens`, resource: 'envelope', ...jsonBody({ recipient_tokens: tokens }) },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { envelope_id: envelopeId, recipient_tokens: tokens, extended: true } }];
}
