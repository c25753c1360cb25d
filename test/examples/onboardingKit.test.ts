/* eslint-disable */
// The onboarding kit (examples/onboarding-kit/) read as files: what must hold for it to import
// and run after the operator picks credentials, and for the journey to act once per session.
// The kit running in a real n8n is test/e2e/kit.e2e.js.
import * as fs from 'node:fs';
import * as path from 'node:path';

const { CLAIM_QUERY } = require('../scale/workflows.js');

const KIT = path.join(__dirname, '..', '..', 'examples', 'onboarding-kit');
type Node = { name: string; type: string; typeVersion: number; disabled?: boolean; webhookId?: string; onError?: string; credentials?: unknown; parameters: Record<string, any> };
type Workflow = { id: string; nodes: Node[]; connections: Record<string, { main: Array<Array<{ node: string }>> }> };
const load = (file: string): Workflow => JSON.parse(fs.readFileSync(path.join(KIT, file), 'utf8'));
const journey = load('onboarding-journey.json');
const retention = load('retention.json');
const table: { name: string; columns: Array<{ name: string; type: string; description: string }> } = JSON.parse(
	fs.readFileSync(path.join(KIT, 'data-table.json'), 'utf8'),
);
const readme = fs.readFileSync(path.join(KIT, 'README.md'), 'utf8');
const byName = (wf: Workflow, name: string) => {
	const found = wf.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${wf.id} has no node "${name}"`);
	return found;
};
const next = (wf: Workflow, name: string, output?: number) =>
	(output === undefined ? (wf.connections[name]?.main ?? []).flat() : wf.connections[name]?.main?.[output] ?? []).map((c) => c.node);
const parents = (wf: Workflow, name: string) =>
	Object.entries(wf.connections)
		.filter(([, c]) => c.main.flat().some((x) => x.node === name))
		.map(([from]) => from);
const dataTableNodes = (wf: Workflow) => wf.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable');
const conditions = (node: Node) => node.parameters.filters.conditions.map((c: any) => [c.keyName, c.condition, c.keyValue]);

describe.each([
	['onboarding-journey.json', journey],
	['retention.json', retention],
])('%s', (_file, wf) => {
	test('imports as it is: no credentials, no Code node, unique node names, every connection names a node', () => {
		const names = wf.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		for (const node of wf.nodes) {
			expect({ name: node.name, credentials: node.credentials }).toEqual({ name: node.name, credentials: undefined });
			expect(['n8n-nodes-base.code', 'n8n-nodes-base.function', 'n8n-nodes-base.functionItem']).not.toContain(node.type);
		}
		for (const [from, c] of Object.entries(wf.connections)) {
			expect(names).toContain(from);
			for (const to of c.main.flat()) expect(names).toContain(to.node);
		}
	});

	test(`every Data table node uses table "${table.name}" by name, Data table v1 (n8n 1.x and 2.x), and only its columns, with their types`, () => {
		const types: Record<string, string> = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
		const fieldType: Record<string, string> = { string: 'string', number: 'number', date: 'dateTime' };
		expect(dataTableNodes(wf).length).toBeGreaterThan(0);
		for (const node of dataTableNodes(wf)) {
			expect(node.typeVersion).toBe(1);
			expect(node.parameters.dataTableId).toEqual({ __rl: true, mode: 'name', value: table.name });
			for (const [column] of node.parameters.filters?.conditions?.map((c: any) => [c.keyName]) ?? []) expect(types).toHaveProperty(column);
			const mapper = node.parameters.columns;
			if (!mapper) continue;
			for (const key of Object.keys(mapper.value)) expect(types).toHaveProperty(key);
			for (const field of mapper.schema) expect([field.id, field.type]).toEqual([field.id, fieldType[types[field.id]]]);
			for (const [key, value] of Object.entries(mapper.value)) {
				if (types[key] === 'date') expect(value).toMatch(/^=\{\{ \$now\.toISO\(\) \}\}$/);
			}
		}
	});
});

describe('the journey', () => {
	test('start: form -> person -> Create (notifications to the kit trigger, user_tracking_id) -> PENDING row -> the link', () => {
		expect(next(journey, 'Verification form')).toEqual(['Person from the form']);
		expect(next(journey, 'Person from the form')).toEqual(['Person to verify']);
		expect(next(journey, 'Person to verify')).toEqual(['Yoti: create the session']);
		expect(next(journey, 'Yoti: create the session')).toEqual(['Record the session (PENDING)']);
		expect(next(journey, 'Record the session (PENDING)')).toEqual(['E-mail the link']);
		const create = byName(journey, 'Yoti: create the session');
		const trigger = byName(journey, 'Yoti Trigger');
		expect(create.parameters).toMatchObject({
			operation: 'create',
			sendNotifications: true,
			notifications: { endpoint: `https://n8n.example.com/webhook/${trigger.webhookId}/webhook`, topics: ['session_completion'] },
			userTrackingId: '={{ $json.tracking_id }}',
		});
		// Yoti's own limit outlives the retention workflow's 30 days, so retention is what deletes (with a receipt)
		expect(create.parameters.resourcesTtl).toBeGreaterThan(30 * 86400);
		const insert = byName(journey, 'Record the session (PENDING)');
		expect(insert.parameters.operation).toBe('insert');
		expect(insert.parameters.columns.value).toMatchObject({ status: 'PENDING', session_id: '={{ $json.session_id }}', tracking_id: "={{ $('Person to verify').item.json.tracking_id }}" });
		expect(byName(journey, 'Verification form').parameters.formFields.values.map((f: any) => f.fieldLabel)).toEqual(['Name', 'E-mail']);
	});

	test('result: trigger -> the disabled claim -> a Set reading the trigger (not $json) -> the Switch', () => {
		expect(byName(journey, 'Yoti Trigger').parameters).toEqual({ topics: ['session_completion'], authentication: 'yotiNotificationAuthApi', fetchSession: true, output: 'summary' });
		expect(next(journey, 'Yoti Trigger')).toEqual(['Claim notification once']);
		expect(byName(journey, 'Claim notification once')).toMatchObject({
			type: 'n8n-nodes-base.postgres',
			disabled: true,
			parameters: { operation: 'executeQuery', query: CLAIM_QUERY, options: { queryReplacement: '={{ $json.dedupe_key }}' } },
		});
		expect(next(journey, 'Claim notification once')).toEqual(['Decision from the notification']);
		const fromTrigger = JSON.stringify(byName(journey, 'Decision from the notification').parameters);
		expect(fromTrigger).not.toMatch(/\$json\b/);
		expect(fromTrigger).toContain("$('Yoti Trigger').item.json.decision");
	});

	test('sweep: schedule and manual run -> PENDING rows older than 30 minutes -> one run per row (this workflow) -> the same Switch', () => {
		const get = 'Rows still PENDING after 30 minutes';
		expect(next(journey, 'Every 15 minutes (sweep)')).toEqual([get]);
		expect(next(journey, 'Run the sweep now')).toEqual([get]);
		expect(byName(journey, 'Every 15 minutes (sweep)').parameters.rule.interval).toEqual([{ field: 'minutes', minutesInterval: 15 }]);
		expect(byName(journey, get).parameters).toMatchObject({ operation: 'get', matchType: 'allConditions', returnAll: true });
		expect(conditions(byName(journey, get))).toEqual([
			['status', 'eq', 'PENDING'],
			['created_at', 'lt', '={{ $now.minus({ minutes: 30 }).toISO() }}'],
		]);
		expect(next(journey, get)).toEqual(['One row at a time']);
		expect(next(journey, 'One row at a time', 1)).toEqual(['Check the row in its own run']);
		expect(byName(journey, 'Check the row in its own run').parameters).toMatchObject({
			workflowId: { value: '={{ $workflow.id }}' },
			mode: 'once',
			options: { waitForSubWorkflow: false },
		});
		expect(next(journey, 'Sweep: one PENDING row')).toEqual(['Yoti: read the session (sweep)']);
		expect(byName(journey, 'Yoti: read the session (sweep)')).toMatchObject({ onError: 'continueRegularOutput', parameters: { operation: 'get', output: 'summary' } });
		expect(next(journey, 'Decision from the sweep')).toEqual(['Route on decision']);
		expect(parents(journey, 'Route on decision').sort()).toEqual(['Decision from the notification', 'Decision from the sweep']);
	});

	test('the status guard: each decided output of the Switch updates the row only while PENDING; PENDING and ERROR touch no row', () => {
		const outputs = byName(journey, 'Route on decision').parameters.rules.values.map((r: any) => r.outputKey);
		expect(outputs).toEqual(['APPROVE', 'REJECT', 'REVIEW', 'NOT_AVAILABLE', 'EXPIRED', 'PENDING', 'ERROR']);
		const status: Record<string, string> = { APPROVE: 'APPROVED', REJECT: 'REJECTED', REVIEW: 'IN_REVIEW', NOT_AVAILABLE: 'NOT_AVAILABLE', EXPIRED: 'EXPIRED' };
		outputs.forEach((decision: string, i: number) => {
			const [target] = next(journey, 'Route on decision', i);
			const node = byName(journey, target);
			if (!(decision in status)) return expect(node.type).toBe('n8n-nodes-base.noOp');
			expect(node.parameters.operation).toBe('update');
			expect(conditions(node)).toEqual([
				['session_id', 'eq', '={{ $json.session_id }}'],
				['status', 'eq', 'PENDING'],
			]);
			expect(node.parameters.matchType).toBe('allConditions');
			expect(node.parameters.columns.value).toMatchObject({ status: status[decision], decision: '={{ $json.decision }}', decided_by: '={{ $json.decided_by }}', claim: '={{ $execution.id }}' });
		});
	});

	test('no e-mail, review or new link is reachable from the Switch without passing a guarded row update', () => {
		const isGuard = (name: string) => byName(journey, name).type === 'n8n-nodes-base.dataTable' && byName(journey, name).parameters.operation === 'update';
		const unguarded = new Set<string>();
		const queue = [...next(journey, 'Route on decision')];
		while (queue.length) {
			const name = queue.shift()!;
			if (unguarded.has(name) || isGuard(name)) continue;
			unguarded.add(name);
			queue.push(...next(journey, name));
		}
		expect([...unguarded].sort()).toEqual(['Alert the team: the session could not be read', 'Not finished yet: the sweep looks again']);
	});

	test('review: packet -> one e-mail with the packet, the images and the resume form link -> Wait (form) -> the answer, guarded on IN_REVIEW', () => {
		expect(next(journey, 'Mark IN_REVIEW (only if still PENDING)')).toEqual(['Yoti: review packet']);
		expect(byName(journey, 'Yoti: review packet').parameters).toMatchObject({ operation: 'getReviewPacket', sessionId: '={{ $json.session_id }}', includeImages: true });
		const mail = byName(journey, 'E-mail the reviewer');
		expect(mail.parameters).toMatchObject({ emailFormat: 'html', subject: '={{ $json.review_subject }}', options: { attachments: '={{ $json.attachments }}' } });
		expect(mail.parameters.html).toContain('{{ $json.review_html }}');
		expect(mail.parameters.html).toContain('{{ $execution.resumeFormUrl }}');
		expect(next(journey, 'E-mail the reviewer')).toEqual(['Wait for the reviewer']);
		const wait = byName(journey, 'Wait for the reviewer');
		expect(wait.parameters.resume).toBe('form');
		expect(wait.parameters.formFields.values.map((f: any) => [f.fieldLabel, !!f.requiredField])).toEqual([
			['Decision', true],
			['Your name', true],
			['Note', false],
		]);
		const record = byName(journey, "Record the reviewer's answer (only if IN_REVIEW)");
		expect(conditions(record)).toEqual([
			['session_id', 'eq', "={{ $('Mark IN_REVIEW (only if still PENDING)').first().json.session_id }}"],
			['status', 'eq', 'IN_REVIEW'],
		]);
		expect(Object.keys(record.parameters.columns.value).sort()).toEqual(['review_answer', 'review_note', 'reviewed_at', 'reviewer', 'status']);
		expect(next(journey, 'Reviewer approved?', 0)).toEqual(['E-mail: you are verified']);
		expect(next(journey, 'Reviewer approved?', 1)).toEqual(['E-mail: we could not verify you']);
	});

	test('NOT_AVAILABLE and EXPIRED offer a new link through the same Create, three attempts at most', () => {
		const gate = 'Another attempt allowed? (3 at most)';
		expect(next(journey, 'Mark NOT_AVAILABLE (only if still PENDING)')).toEqual([gate]);
		expect(next(journey, 'Mark EXPIRED (only if still PENDING)')).toEqual([gate]);
		expect(byName(journey, gate).parameters.conditions.conditions[0]).toMatchObject({ leftValue: '={{ $json.attempt }}', rightValue: 3, operator: { type: 'number', operation: 'lt' } });
		expect(next(journey, gate, 0)).toEqual(['Person from the row']);
		expect(next(journey, 'Person from the row')).toEqual(['Person to verify']);
	});
});

describe('retention', () => {
	test('schedule and manual run -> decided rows older than 30 days, not in review, not deleted -> Delete (409 goes on) -> receipt or note', () => {
		const get = 'Decided rows older than 30 days';
		expect(next(retention, 'Every day at 03:00')).toEqual([get]);
		expect(next(retention, 'Run retention now')).toEqual([get]);
		expect(conditions(byName(retention, get))).toEqual([
			['decided_at', 'lt', '={{ $now.minus({ days: 30 }).toISO() }}'],
			['deleted_at', 'isEmpty', undefined],
			['status', 'neq', 'IN_REVIEW'],
		]);
		expect(byName(retention, 'Yoti: delete the session')).toMatchObject({ onError: 'continueRegularOutput', parameters: { operation: 'delete', sessionId: '={{ $json.session_id }}' } });
		expect(byName(retention, 'Deleted, or already gone?').parameters.conditions.conditions[0].leftValue).toBe("={{ $json.deleted === true || $json.http_code === '404' }}");
		expect(next(retention, 'Deleted, or already gone?', 0)).toEqual(['Record the deletion receipt']);
		expect(next(retention, 'Deleted, or already gone?', 1)).toEqual(['Record why not (tried again next run)']);
		for (const name of ['Record the deletion receipt', 'Record why not (tried again next run)']) {
			expect(conditions(byName(retention, name))).toEqual([
				['session_id', 'eq', `={{ $('${get}').item.json.session_id }}`],
				['deleted_at', 'isEmpty', undefined],
			]);
		}
		expect(byName(retention, 'Record the deletion receipt').parameters.columns.value).toHaveProperty('deleted_at', '={{ $now.toISO() }}');
		expect(byName(retention, 'Record why not (tried again next run)').parameters.columns.value).not.toHaveProperty('deleted_at');
	});
});

test('the kit README names the table, every column with its type, and the nodes to change for production', () => {
	expect(readme).toContain(`\`${table.name}\``);
	for (const column of table.columns) expect(readme).toContain(`| \`${column.name}\` | ${column.type} |`);
	for (const name of ['E-mail the reviewer', 'Every 15 minutes (sweep)', 'Rows still PENDING after 30 minutes', 'Decided rows older than 30 days', 'Yoti: create the session']) {
		expect(readme).toContain(name);
	}
});
