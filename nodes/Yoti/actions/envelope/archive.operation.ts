import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { envelopeIdField, readEnvelopeUuid, showFor } from './shared';

const show = showFor('archive');

export const description: INodeProperties[] = [envelopeIdField(show), optionsCollection(show, [], false)];

function httpCode(error: unknown): string | undefined {
	const code = (error as { httpCode?: unknown } | null)?.httpCode;
	return typeof code === 'string' ? code : undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const envelopeId = readEnvelopeUuid(this, 'envelopeId', 'Envelope ID', itemIndex);
	// Yoti archives (cancels) with a PATCH without a body; never resent once it may have arrived.
	// Its 409 means "already archived": the outcome asked for is there. Any other failure is the
	// transport's NodeApiError, passed on as it is.
	const outcome = await yotiRequest(
		this,
		{ api: 'sign', method: 'PATCH', path: `/envelopes/${envelopeId}`, resource: 'envelope' },
		{ attempts: run.attempts, itemIndex },
	).then(
		() => 'archived' as const,
		async (error: unknown) => (httpCode(error) === '409' ? ('alreadyArchived' as const) : await Promise.reject(error)),
	);
	return [{ json: { envelope_id: envelopeId, archived: true, ...(outcome === 'alreadyArchived' ? { already_archived: true } : {}) } }];
}
