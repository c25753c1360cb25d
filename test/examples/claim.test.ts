/* eslint-disable */
// The onboarding and in-branch examples carry the queue-mode claim (docs/scale.md)
// right after the Yoti Trigger: the same node and query the scale test measured, disabled until
// the user has a PostgreSQL credential, and nothing between it and the next Yoti step reads a
// notification field from `$json` (enabled, the claim's output is only `dedupe_key`).
import * as fs from 'node:fs';
import * as path from 'node:path';

const { CLAIM_QUERY, CLAIM_SETUP_SQL } = require('../scale/workflows.js');

const ROOT = path.join(__dirname, '..', '..');
const SCALE_DOC = fs.readFileSync(path.join(ROOT, 'docs', 'scale.md'), 'utf8');

type Node = { name: string; type: string; typeVersion: number; disabled?: boolean; parameters: Record<string, any> };
type Workflow = { nodes: Node[]; connections: Record<string, { main: Array<Array<{ node: string }>> }> };

const load = (file: string): Workflow => JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
const next = (wf: Workflow, name: string) => (wf.connections[name]?.main ?? []).flat().map((c) => c.node);
const byName = (wf: Workflow, name: string) => wf.nodes.find((n) => n.name === name)!;

describe.each(['onboarding.json', 'in-branch.json'])('%s', (file) => {
	const wf = load(file);

	test('the trigger feeds only the claim, a disabled Postgres Execute Query on dedupe_key', () => {
		expect(next(wf, 'Yoti Trigger')).toEqual(['Claim notification once']);
		const claim = byName(wf, 'Claim notification once');
		expect(claim).toMatchObject({
			type: 'n8n-nodes-base.postgres',
			typeVersion: 2.6,
			disabled: true,
			parameters: { operation: 'executeQuery', query: CLAIM_QUERY, options: { queryReplacement: '={{ $json.dedupe_key }}' } },
		});
		expect(next(wf, 'Claim notification once')).toHaveLength(1);
	});

	test('the SQL the claim calls is the SQL docs/scale.md tells the user to run', () => {
		const normalise = (sql: string) => sql.replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' ').trim();
		const block = /```sql\n([\s\S]*?)```/.exec(SCALE_DOC.slice(SCALE_DOC.indexOf('claim its `dedupe_key`')))![1];
		expect(normalise(block)).toBe(normalise(CLAIM_SETUP_SQL));
		expect(CLAIM_QUERY).toContain('yoti_claim_notification(');
	});

	test('until the next Yoti step, nodes read the notification from the trigger, not $json', () => {
		const seen = new Set<string>();
		const queue = next(wf, 'Claim notification once');
		while (queue.length) {
			const name = queue.shift()!;
			if (seen.has(name)) continue;
			seen.add(name);
			const node = byName(wf, name);
			expect({ name, params: JSON.stringify(node.parameters) }).not.toEqual({ name, params: expect.stringMatching(/\$json\b/) });
			if (node.type !== 'n8n-nodes-yoti.yoti') queue.push(...next(wf, name));
		}
		expect(seen.size).toBeGreaterThan(0);
	});
});
