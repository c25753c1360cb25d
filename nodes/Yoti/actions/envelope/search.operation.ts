import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { envelopeSummaryItems, searchTotal } from '../../core/envelope';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { showFor } from './shared';

const show = showFor('search');

/** Envelopes asked for per page. */
export const SEARCH_PAGE_SIZE = 100;
/** A guard against a server that never stops answering full pages. */
const MAX_PAGES = 1000;

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Created After',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: "Envelopes created on or after this day (Yoti's default: three months ago)",
			},
			{
				displayName: 'Created Before',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: "Envelopes created before this day (Yoti's default: tomorrow)",
			},
			{
				displayName: 'Status',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				description: 'Only envelopes in these statuses (none selected: all)',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Complete', value: 'complete' },
				],
			},
		],
	},
	optionsCollection(show),
];

/** `YYYY-MM-DD` of a date parameter (n8n gives ISO text); undefined when empty; refused when not a date. */
function day(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
	const parsed = new Date(text);
	if (Number.isNaN(parsed.getTime())) {
		throw new NodeOperationError(ctx.getNode(), `Filters → ${label} "${text.slice(0, 40)}" is not a date`, { itemIndex });
	}
	return parsed.toISOString().slice(0, 10);
}

/**
 * Pages through GET /organisations/envelopes/search. Yoti's page says `offset` starts at 1 while
 * a third-party connector pages from 0: pages are asked for at 0, n, 2n… and rows are kept once
 * per envelope_id, which gives every envelope exactly once under either reading (a 1-based
 * server repeats one row per page, dropped here). Stops at a short page, at `total`, at a page
 * with nothing new, or at the limit.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Math.floor(Number(this.getNodeParameter('limit', itemIndex, 50))) || 1);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: string[] = [];
	const from = day(this, filters.fromDate, 'Created After', itemIndex);
	const to = day(this, filters.toDate, 'Created Before', itemIndex);
	if (from) query.push(`from_date=${from}`);
	if (to) query.push(`to_date=${to}`);
	for (const status of Array.isArray(filters.statuses) ? filters.statuses : []) query.push(`status[]=${encodeURIComponent(String(status))}`);
	const pageSize = Math.min(SEARCH_PAGE_SIZE, limit);
	const seen = new Set<string>();
	const rows: IDataObject[] = [];
	let offset = 0;
	for (let page = 0; page < MAX_PAGES && rows.length < limit; page++) {
		const path = `/organisations/envelopes/search?${[...query, `offset=${offset}`, `limit=${pageSize}`].join('&')}`;
		const { body } = await yotiRequest(this, { api: 'sign', method: 'GET', path }, { attempts: run.attempts, itemIndex });
		const found = envelopeSummaryItems(body);
		let fresh = 0;
		for (const row of found) {
			if (row.envelope_id === null || seen.has(row.envelope_id)) continue;
			seen.add(row.envelope_id);
			fresh += 1;
			if (rows.length < limit) rows.push(row as IDataObject);
		}
		const total = searchTotal(body);
		if (found.length < pageSize || fresh === 0 || (total !== null && seen.size >= total)) break;
		offset += found.length;
	}
	return rows.map((json) => ({ json }));
}
