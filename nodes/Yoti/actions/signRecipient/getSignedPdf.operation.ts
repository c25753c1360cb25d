import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField, downloadOptions, recipientIdField } from '../../descriptions';
import { downloadTransportOptions } from '../../helpers/media';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['signRecipient'], operation: ['getSignedPdf'] };

export const description: INodeProperties[] = [
	recipientIdField(show),
	binaryPropertyField(show),
	optionsCollection(show, downloadOptions),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const recipientId = readUuid(this, 'recipientId', 'Recipient ID', itemIndex);
	const response = await yotiRequest(
		this,
		{
			api: 'sign',
			method: 'GET',
			path: `/idv/recipients/${recipientId}/sessions/signed/pdf`,
			download: true,
			resource: 'recipient',
			// For the PDF, Yoti Sign's 409 means the recipient's IDV session has not finished.
			conflict: {
				message:
					'Yoti Sign session not finished yet — the report PDF exists once the recipient completes identity verification',
				description:
					'Try again after the session completes. If the recipient signed but IDV failed technically, the sender must resend the envelope.',
			},
		},
		downloadTransportOptions(run, itemIndex),
	);
	const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.alloc(0);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const binary = await this.helpers.prepareBinaryData(bytes, `${recipientId}.zip`, 'application/zip');
	return [
		{
			json: { recipient_id: recipientId, mime_type: 'application/zip', size: bytes.length },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
