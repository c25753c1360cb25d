'use strict';
// Unit checks of the harness's output parsing (no n8n needed):
//   node --test test/e2e/harness.node-test.js
// The samples are shaped like what n8n 2.40.7 / 1.123.x `execute --id` print (logger lines,
// banner, JSON.stringify(run, null, 2), more log lines, maybe a crash).

const test = require('node:test');
const assert = require('node:assert/strict');
const { extractRun, nodeItems, nodeError, webhookUrl } = require('./n8n');

function pretty(obj) {
	return JSON.stringify(obj, null, 2);
}

const okRun = {
	data: {
		version: 1,
		startData: {},
		resultData: {
			runData: {
				Start: [{ data: { main: [[{ json: {} }]] } }],
				Set: [
					{ data: { main: [[{ json: { a: 1 } }]] } },
					{ data: { main: [[{ json: { a: 2, text: '}\n{ not a boundary' } }], [{ json: { second: true } }]] } },
				],
			},
			lastNodeExecuted: 'Set',
		},
	},
	mode: 'cli',
	status: 'success',
};

test('success output: banner, run JSON, trailing logs', () => {
	const stdout = [
		'n8n Task Broker ready on 127.0.0.1, port 43585',
		'Registered runner "JS Task Runner" (abc)',
		'Execution was successful:',
		'====================================',
		pretty(okRun),
		'Stopping n8n...',
		'',
	].join('\n');
	assert.deepEqual(extractRun(stdout), okRun);
});

test('failure output: the run logged after "Execution error:" is found, error stays readable', () => {
	const failed = {
		data: {
			resultData: {
				error: { message: 'boom [line 1]', name: 'WrappedExecutionError' },
				runData: { Fail: [{ error: { message: 'boom [line 1]' } }] },
				lastNodeExecuted: 'Fail',
			},
		},
		status: 'error',
	};
	const stdout = ['boom [line 1]', 'Error: boom', '    at x (y.js:1:1)', '', 'Execution was NOT successful. See log message for details.', 'Execution error:', '====================================', pretty(failed), 'Error executing workflow. See log messages for details.', '', 'Execution error:', '====================================', 'boom [line 1]'].join('\n');
	const run = extractRun(stdout);
	assert.deepEqual(run, failed);
	assert.deepEqual(nodeError(run, 'Fail'), { message: 'boom [line 1]' });
});

test('a crash after printing (exit 139) leaves the run intact', () => {
	const stdout = `Execution was successful:\n====================================\n${pretty(okRun)}\nSegmentation fault (core dumped)\n`;
	assert.deepEqual(extractRun(stdout), okRun);
});

test('truncated JSON, JSON without resultData, and empty output give null', () => {
	const cut = pretty(okRun).split('\n').slice(0, 10).join('\n');
	assert.equal(extractRun(`Execution was successful:\n${cut}`), null);
	assert.equal(extractRun('{\n  "not": "a run"\n}\n'), null);
	assert.equal(extractRun(''), null);
	assert.equal(extractRun(undefined), null);
});

test('CRLF line ends are accepted', () => {
	const stdout = `Execution was successful:\r\n${pretty(okRun).replace(/\n/g, '\r\n')}\r\n`;
	assert.deepEqual(extractRun(stdout), okRun);
});

test('nodeItems: last run by default, run and output selectable, undefined for a node that did not run', () => {
	assert.deepEqual(nodeItems({ data: okRun }, 'Set'), [{ json: { a: 2, text: '}\n{ not a boundary' } }]);
	assert.deepEqual(nodeItems(okRun, 'Set', { run: 0 }), [{ json: { a: 1 } }]);
	assert.deepEqual(nodeItems(okRun, 'Set', { output: 1 }), [{ json: { second: true } }]);
	assert.deepEqual(nodeItems(okRun, 'Set', { output: 5 }), []);
	assert.equal(nodeItems(okRun, 'Missing'), undefined);
});

test('webhookUrl: production path of a node with a webhookId', () => {
	assert.equal(webhookUrl('http://127.0.0.1:5678', 'abc-123'), 'http://127.0.0.1:5678/webhook/abc-123/webhook');
	assert.equal(webhookUrl('http://h', 'id', 'other'), 'http://h/webhook/id/other');
});
