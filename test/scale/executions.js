'use strict';
// Reads n8n executions straight from PostgreSQL (psql, no driver) and decodes their run data.
// n8n stores execution_data.data in the "flatted" format: a JSON array whose element 0 is the
// root, and where every string inside an object/array is the index (as a string) of the
// element holding the real value. Numbers, booleans and null stay inline.

/** Decodes a flatted string into the original object graph (cycles preserved). */
function unflatten(text) {
	const table = JSON.parse(text);
	if (!Array.isArray(table)) throw new Error('not a flatted document');
	const built = new Map();
	const resolve = (index) => {
		if (built.has(index)) return built.get(index);
		const raw = table[index];
		if (raw === null || typeof raw !== 'object') {
			built.set(index, raw);
			return raw;
		}
		const out = Array.isArray(raw) ? [] : {};
		built.set(index, out);
		for (const key of Object.keys(raw)) {
			const v = raw[key];
			out[key] = typeof v === 'string' ? resolve(Number(v)) : v;
		}
		return out;
	};
	return resolve(0);
}

/**
 * Executions of the given workflows. `psql(sql)` runs SQL and returns tuples-only text.
 * Each row: { id, workflowId, status, mode, finished, retryOf, data } where data is the
 * decoded run data (or null when withData is false / no data row).
 */
function readExecutions(psql, { workflowIds, ids, withData = true } = {}) {
	const quote = (v) => `'${String(v).replace(/'/g, "''")}'`;
	const conditions = [];
	if (workflowIds && workflowIds.length) conditions.push(`e."workflowId" IN (${workflowIds.map(quote).join(',')})`);
	if (ids) conditions.push(ids.length ? `e.id IN (${ids.map((id) => Number(id)).join(',')})` : 'false');
	const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
	const sql = `SELECT json_build_object('id', e.id, 'workflowId', e."workflowId", 'status', e.status,
		'mode', e.mode, 'finished', e.finished, 'retryOf', e."retryOf"${withData ? `, 'data', d.data` : ''})::text
		FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id ${where} ORDER BY e.id`;
	const text = psql(sql);
	return text
		.split('\n')
		.filter((l) => l.trim())
		.map((line) => {
			const row = JSON.parse(line);
			row.id = String(row.id);
			if (withData) row.data = row.data ? unflatten(row.data) : null;
			return row;
		});
}

/** The json of every item a node emitted on its first main output, over all its runs. */
function nodeOutputItems(runData, nodeName) {
	const runs = runData?.resultData?.runData?.[nodeName] ?? [];
	const items = [];
	for (const run of runs) {
		const first = run?.data?.main?.[0] ?? [];
		for (const item of first) items.push(item.json);
	}
	return items;
}

module.exports = { unflatten, readExecutions, nodeOutputItems };
