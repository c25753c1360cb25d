import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, downloadOptions } from '../../descriptions';
import { downloadTransportOptions } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { envelopeIdField, readEnvelopeUuid, showFor } from './shared';

const show = showFor('downloadDocuments');

export const NOT_COMPLETE_MESSAGE =
	'The envelope is not complete yet — its signed documents exist once every recipient has signed';

export const description: INodeProperties[] = [envelopeIdField(show), binaryPropertyField(show), optionsCollection(show, downloadOptions)];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const envelopeId = readEnvelopeUuid(this, 'envelopeId', 'Envelope ID', itemIndex);
	const response = await yotiRequest(
		this,
		{
			api: 'sign',
			method: 'GET',
			path: `/envelopes/${envelopeId}/completed-documents`,
			download: true,
			resource: 'envelope',
			conflict: {
				message: NOT_COMPLETE_MESSAGE,
				description:
					'Use Envelope → Get Status (or the Yoti Sign Trigger on envelope_completion) and download once the status is COMPLETED.',
			},
		},
		downloadTransportOptions(run, itemIndex),
	);
	// Yoti does not state the Content-Type of this zip: it is named and typed as a zip here.
	const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.alloc(0);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const fileName = `${envelopeId}.zip`;
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, 'application/zip');
	return [
		{
			json: { envelope_id: envelopeId, file_name: fileName, mime_type: 'application/zip', size: bytes.length },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
