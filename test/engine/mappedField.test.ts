/* eslint-disable */
/**
 * `readItemParameter` reads the plain field mapping `{{ $json.field }}` from the item instead of
 * evaluating it (issue 17). It must give exactly what n8n's own evaluation gives, for every
 * parameter form and item value: both are read side by side inside n8n's engine (an error
 * counts as a value), and the test also records whether n8n's evaluator was used.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { readItemParameter } from '../../nodes/Yoti/helpers/params';
import { runNode, testNodeDescription } from './harness';

/** For every item: the helper's value, n8n's value, and whether the helper asked n8n. */
const probeNode: INodeType = {
	description: testNodeDescription('Mapped Field Probe', 'mappedFieldProbe', 'Test-only', {
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		let evaluations = 0;
		const ctx = this;
		const counting = new Proxy(ctx, {
			get(target, key) {
				if (key === 'getNodeParameter') {
					return (...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
						evaluations += 1;
						return (target.getNodeParameter as (...a: unknown[]) => unknown)(...args);
					};
				}
				const value = Reflect.get(target, key);
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		return [
			ctx.getInputData().map((_, itemIndex) => {
				const read = (how: () => unknown) => {
					try {
						return { value: how() };
					} catch (error) {
						return { error: (error as Error).message };
					}
				};
				const before = evaluations;
				const helper = read(() => readItemParameter<unknown>(counting, 'value', itemIndex, ''));
				const evaluated = evaluations > before;
				const n8n = read(() => ctx.getNodeParameter('value', itemIndex, ''));
				return { json: { helper: helper as any, n8n: n8n as any, evaluated } };
			}),
		];
	},
};

const VALUES: unknown[] = [
	'5e551000-0000-4000-8000-000000000001',
	'  padded  ',
	'={{ 1 + 1 }}',
	'',
	42,
	0,
	true,
	null,
	{ nested: 'x' },
	['a'],
];

async function probe(value: string, items: unknown[]) {
	const result = await runNode({
		nodeType: probeNode,
		parameters: { value },
		items: items.map((field) => ({ json: field === undefined ? {} : { sessionId: field as any } })),
	});
	expect(result.error).toBeUndefined();
	return result.items[0].map((item) => item.json as { helper: unknown; n8n: unknown; evaluated: boolean });
}

test.each(['={{ $json.sessionId }}', '={{$json.sessionId}}', '={{   $json.sessionId   }}'])(
	'%s: a string field is read from the item, with the value n8n gives; anything else is evaluated by n8n',
	async (form) => {
		const values = [...VALUES, undefined, ...VALUES];
		const rows = await probe(form, values);
		for (const row of rows) expect(row.helper).toEqual(row.n8n);
		// The first string is evaluated too: n8n's answer confirms the field for the later ones.
		const firstString = values.findIndex((value) => typeof value === 'string');
		expect(rows.map((row) => row.evaluated)).toEqual(values.map((value, index) => typeof value !== 'string' || index === firstString));
	},
);

test.each([
	'={{ $json["sessionId"] }}',
	'={{ $json.sessionId.toUpperCase() }}',
	'={{ $json.sessionId }} ',
	'={{ $json.sessionId }}{{ $json.sessionId }}',
	'=id: {{ $json.sessionId }}',
	'{{ $json.sessionId }}',
	'5e551000-0000-4000-8000-000000000001',
])('%s: any other form goes through n8n, with the same value', async (form) => {
	const rows = await probe(form, ['5e551000-0000-4000-8000-00000000000a', 'abc']);
	for (const row of rows) {
		expect(row.evaluated).toBe(true);
		expect(row.helper).toEqual(row.n8n);
	}
});

test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
	'a field named %s: every item gets what n8n gives (a value or its error), never one read past it',
	async (field) => {
		const own = JSON.parse(`{"${field}": "5e551000-0000-4000-8000-000000000001"}`);
		const result = await runNode({
			nodeType: probeNode,
			parameters: { value: `={{ $json.${field} }}` },
			items: [{ json: own }, { json: own }, { json: {} }],
		});
		expect(result.error).toBeUndefined();
		const rows = result.items[0].map((item) => item.json as any);
		expect(rows).toHaveLength(3);
		for (const row of rows) expect(row.helper).toEqual(row.n8n);
	},
);

test('an item whose field is inherited, not its own, is evaluated by n8n', async () => {
	const inherited = Object.create({ sessionId: 'from-the-prototype' });
	const result = await runNode({ nodeType: probeNode, parameters: { value: '={{ $json.sessionId }}' }, items: [{ json: { sessionId: 'own' } }, { json: { sessionId: 'own' } }, { json: inherited }] });
	const rows = result.items[0].map((item) => item.json as any);
	expect(rows.map((row) => row.evaluated)).toEqual([true, false, true]);
	for (const row of rows) expect(row.helper).toEqual(row.n8n);
});
