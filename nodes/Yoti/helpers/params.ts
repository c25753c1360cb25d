import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { extractUuid, isUuid, type IdKind } from '../core';
import { perContext } from '../transport/perContext';

const SHOWN_VALUE_MAX = 60;

const KIND: Record<'sessionId' | 'mediaId' | 'recipientId', IdKind> = {
	sessionId: 'session',
	mediaId: 'media',
	recipientId: 'recipient',
};

/**
 * Reads an ID parameter and refuses anything that is not a UUID before a request is made. A
 * UUID broken by spaces, or a pasted link holding one (see `extractUuid`), gives that UUID.
 */
export function readUuid(
	ctx: IExecuteFunctions,
	name: 'sessionId' | 'mediaId' | 'recipientId',
	label: string,
	itemIndex: number,
): string {
	const raw = readItemParameter<unknown>(ctx, name, itemIndex, '');
	const value = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
	if (isUuid(value)) return value.toLowerCase();
	const extracted = extractUuid(value, KIND[name]);
	if (extracted.ok) return extracted.id;
	const shown = value.length > SHOWN_VALUE_MAX ? `${value.slice(0, SHOWN_VALUE_MAX)}…` : value;
	// The stored parameter says whether the user typed the value or an expression produced it.
	const stored = ctx.getNode().parameters[name];
	const fromExpression = typeof stored === 'string' && stored.startsWith('=');
	const fix = fromExpression
		? `Check the expression that fills "${label}": it must give the ID alone.`
		: `Paste the ID alone, or the link of the ${KIND[name]} page it comes from.`;
	throw new NodeOperationError(
		ctx.getNode(),
		extracted.reason === 'empty'
			? `${label} is empty`
			: extracted.reason === 'several'
				? `${label} "${shown}" holds several Yoti IDs`
				: `${label} "${shown}" is not a valid Yoti ID`,
		{
			itemIndex,
			description: `Yoti IDs are UUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6. ${fix}`,
		},
	);
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `{{ $json.field }}` — what n8n writes when a field is dragged from the input panel — as the
 * field's name; null for any other value.
 */
const ITEM_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

interface Mapping {
	field: string;
	/** n8n's evaluator gave the field's own string for an item of this execution. */
	confirmed: boolean;
}

/** Per execution context: the mapping a parameter holds (null: not that form, or not trusted). */
const mappings = new WeakMap<object, Map<string, Mapping | null>>();

function mappingOf(ctx: IExecuteFunctions, name: string): Mapping | null {
	const known = perContext(mappings, ctx);
	let mapping = known.get(name);
	if (mapping === undefined) {
		const stored = ctx.getNode().parameters[name];
		const field = typeof stored === 'string' ? ITEM_FIELD.exec(stored)?.[1] : undefined;
		mapping = field ? { field, confirmed: false } : null;
		known.set(name, mapping);
	}
	return mapping;
}

/**
 * A parameter that differs per item (an ID). When it is the plain field mapping
 * `{{ $json.field }}` and the item holds a string of its own there, that string is what n8n's
 * evaluator returns, so from the second such item on it is read from the item: evaluating builds
 * a data proxy and date context per item, the largest cost of an audit after the HTTP call. The
 * first one is evaluated by n8n and compared, so a field name n8n refuses or treats otherwise
 * (`constructor`, …) keeps n8n's own answer for every item. Anything else (another expression,
 * a value that is not a string, a missing field) always goes through n8n's read.
 */
export function readItemParameter<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const mapping = mappingOf(ctx, name);
	if (mapping) {
		const json = ctx.getInputData()[itemIndex]?.json as IDataObject | undefined;
		const value = json && Object.prototype.hasOwnProperty.call(json, mapping.field) ? json[mapping.field] : undefined;
		if (typeof value === 'string') {
			if (mapping.confirmed) return value as T;
			const evaluated = ctx.getNodeParameter(name, itemIndex, fallback) as T;
			if (evaluated === value) mapping.confirmed = true;
			else perContext(mappings, ctx).set(name, null);
			return evaluated;
		}
	}
	return ctx.getNodeParameter(name, itemIndex, fallback) as T;
}

/** Per execution context: parameters holding no expression, read once (first item's read). */
const readOnce = new WeakMap<object, Map<string, { value: unknown } | 'per item'>>();

/**
 * A node parameter for an item. One that holds no expression has the same value for every item,
 * so it is read once per execution: n8n's read (defaults, schema validation) costs as much as
 * an expression per call. The value is shared between items: callers must not change it.
 */
export function readParameter<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const reads = perContext(readOnce, ctx);
	const known = reads.get(name);
	if (known === 'per item') return ctx.getNodeParameter(name, itemIndex, fallback) as T;
	if (known) return known.value as T;
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as T;
	reads.set(name, holdsExpression(ctx.getNode().parameters[name]) ? 'per item' : { value });
	return value;
}

export function readOption<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	const options = readParameter<IDataObject>(ctx, 'options', itemIndex, {});
	const value = options[name];
	return value === undefined || value === null || value === '' ? fallback : (value as T);
}

export function jsonItems(objects: IDataObject[]): INodeExecutionData[] {
	return objects.map((json) => ({ json }));
}

/**
 * `{already_deleted: true}` when a DELETE's earlier try may have reached Yoti and the retry got
 * 404 (the transport's `alreadyDeleted`): the item says the delete is done, as the contract asks.
 */
export function alreadyDeleted(response: { alreadyDeleted?: boolean }): IDataObject {
	return response.alreadyDeleted ? { already_deleted: true } : {};
}
