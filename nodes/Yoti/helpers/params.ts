import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../core';

const SHOWN_VALUE_MAX = 60;

/** Reads an ID parameter and refuses anything that is not a UUID before a request is made. */
export function readUuid(
	ctx: IExecuteFunctions,
	name: 'sessionId' | 'mediaId' | 'recipientId',
	label: string,
	itemIndex: number,
): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const value = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
	if (!isUuid(value)) {
		const shown = value.length > SHOWN_VALUE_MAX ? `${value.slice(0, SHOWN_VALUE_MAX)}…` : value;
		throw new NodeOperationError(
			ctx.getNode(),
			value === '' ? `${label} is empty` : `${label} "${shown}" is not a valid Yoti ID`,
			{
				itemIndex,
				description: `Yoti IDs are UUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6. Check the expression that fills "${label}".`,
			},
		);
	}
	return value.toLowerCase();
}

export function readOption<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = options[name];
	return value === undefined || value === null || value === '' ? fallback : (value as T);
}

export function jsonItems(objects: IDataObject[]): INodeExecutionData[] {
	return objects.map((json) => ({ json }));
}
