import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../../core';
import { readItemParameter } from '../../helpers/params';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

export const RESOURCE = 'envelope';

export function showFor(operation: string): Show {
	return { resource: [RESOURCE], operation: [operation] };
}

const EXAMPLE_UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const SHOWN_VALUE_MAX = 60;

export const envelopeIdField = (show: Show): INodeProperties => ({
	displayName: 'Envelope ID',
	name: 'envelopeId',
	type: 'string',
	required: true,
	default: '',
	placeholder: `e.g. ${EXAMPLE_UUID}`,
	description: 'The Yoti Sign envelope ID, as Create or Search returned it',
	displayOptions: { show },
});

export const envelopeRecipientIdField = (show: Show): INodeProperties => ({
	displayName: 'Recipient ID',
	name: 'recipientId',
	type: 'string',
	required: true,
	default: '',
	placeholder: `e.g. ${EXAMPLE_UUID}`,
	description: "The recipient's ID, as Get Recipients returns it (recipient_id)",
	displayOptions: { show },
});

/** A UUID parameter (the envelope or a recipient), refused before any request when it is not one. */
export function readEnvelopeUuid(
	ctx: IExecuteFunctions,
	name: 'envelopeId' | 'recipientId',
	label: string,
	itemIndex: number,
): string {
	const raw = readItemParameter<unknown>(ctx, name, itemIndex, '');
	const value = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
	if (isUuid(value)) return value.toLowerCase();
	const compact = value.replace(/\s+/g, '');
	if (isUuid(compact)) return compact.toLowerCase();
	const shown = value.length > SHOWN_VALUE_MAX ? `${value.slice(0, SHOWN_VALUE_MAX)}…` : value;
	throw new NodeOperationError(ctx.getNode(), value === '' ? `${label} is empty` : `${label} "${shown}" is not a valid Yoti Sign ID`, {
		itemIndex,
		description: `Yoti Sign IDs are UUIDs such as ${EXAMPLE_UUID}.`,
	});
}

/** A list parameter: an array (from an expression) or text split on commas, spaces or new lines. */
export function readList(ctx: IExecuteFunctions, name: string, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const values = Array.isArray(raw) ? raw.map((v) => String(v ?? '')) : String(raw ?? '').split(/[\s,;]+/);
	return values.map((v) => v.trim()).filter((v) => v !== '');
}

/** Every entry must be a UUID; the first that is not is named. */
export function uuidList(ctx: IExecuteFunctions, values: string[], label: string, itemIndex: number): string[] {
	if (values.length === 0) throw new NodeOperationError(ctx.getNode(), `${label} is empty`, { itemIndex });
	for (const [index, value] of values.entries()) {
		if (!isUuid(value)) {
			const shown = value.length > SHOWN_VALUE_MAX ? `${value.slice(0, SHOWN_VALUE_MAX)}…` : value;
			throw new NodeOperationError(ctx.getNode(), `${label}: entry ${index + 1} "${shown}" is not a valid Yoti Sign ID`, {
				itemIndex,
				description: `Give UUIDs such as ${EXAMPLE_UUID}, separated by commas, or an array from an expression.`,
			});
		}
	}
	return values.map((v) => v.toLowerCase());
}

/** A JSON body as Yoti Sign receives it (the Sign credential sends bodies as they are). */
export function jsonBody(value: unknown): { body: string; contentType: string } {
	return { body: JSON.stringify(value), contentType: 'application/json' };
}
