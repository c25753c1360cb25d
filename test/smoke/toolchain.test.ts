import { NodeApiError } from 'n8n-workflow';
import { WorkflowExecute } from 'n8n-core';

test('the dev toolchain loads n8n-workflow and n8n-core', () => {
	expect(typeof NodeApiError).toBe('function');
	expect(typeof WorkflowExecute).toBe('function');
});
