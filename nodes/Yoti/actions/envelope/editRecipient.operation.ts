import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FORBIDDEN_NAME_CHARS, isEmail } from '../../core/envelope';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { envelopeIdField, envelopeRecipientIdField, jsonBody, readEnvelopeUuid, showFor } from './shared';

const show = showFor('editRecipient');

export const description: INodeProperties[] = [
	envelopeIdField(show),
	envelopeRecipientIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'At least one; Country Code and Mobile Number go together',
		displayOptions: { show },
		options: [
			{ displayName: 'Country Code', name: 'isoCountryCode', type: 'string', default: '', placeholder: 'GB', description: 'ISO 3166-1 alpha-2 code of the mobile number' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Mobile Number', name: 'mobileNumber', type: 'string', default: '', placeholder: '7999999999', description: 'Without the leading 0' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
	optionsCollection(show, [], false),
];

function str(value: unknown): string {
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const envelopeId = readEnvelopeUuid(this, 'envelopeId', 'Envelope ID', itemIndex);
	const recipientId = readEnvelopeUuid(this, 'recipientId', 'Recipient ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const refuse = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, ...(description ? { description } : {}) });
	const body: IDataObject = {};
	const name = str(fields.name);
	const email = str(fields.email);
	const country = str(fields.isoCountryCode).toUpperCase();
	const mobile = str(fields.mobileNumber).replace(/[\s-]/g, '');
	if (name) {
		if (name.length > 100 || FORBIDDEN_NAME_CHARS.test(name)) throw refuse('Update Fields → Name must be 1-100 characters without / \\ : * ? < > |');
		body.name = name;
	}
	if (email) {
		if (!isEmail(email)) throw refuse(`Update Fields → Email "${email.slice(0, 60)}" is not an e-mail address`);
		body.email = email;
	}
	if (Boolean(country) !== Boolean(mobile)) {
		throw refuse('Update Fields → Country Code and Mobile Number go together', 'Yoti Sign changes a mobile number only with its country code; set both or neither.');
	}
	if (country) {
		if (!/^[A-Z]{2}$/.test(country)) throw refuse(`Update Fields → Country Code "${country.slice(0, 10)}" is not a two-letter ISO code`);
		if (!/^\d{4,15}$/.test(mobile)) throw refuse('Update Fields → Mobile Number must be digits only, without the leading 0');
		body.iso_country_code = country;
		body.mobile_number = mobile;
	}
	if (Object.keys(body).length === 0) throw refuse('Update Fields is empty', 'Add at least one of Name, Email, or Country Code with Mobile Number.');
	await yotiRequest(
		this,
		{ api: 'sign', method: 'PATCH', path: `/envelopes/${envelopeId}/recipients/${recipientId}`, resource: 'envelope', ...jsonBody(body) },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { envelope_id: envelopeId, recipient_id: recipientId, updated: true, updated_fields: Object.keys(body) } }];
}
