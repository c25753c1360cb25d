'use strict';
// The side effect of the scale run's notification workflows: an HTTP server on loopback that
// records every POST the workflows' "Side effect" node makes (one per item that got past the
// guard), so the test counts effects per notification and per flow.

const http = require('node:http');
const { keyOf } = require('./notifications');

function startSink() {
	const hits = new Map(); // flow -> [{ key, execution }]
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const flow = req.url.replace(/^\/sink\//, '');
			try {
				const { notification, execution } = JSON.parse(body);
				if (!hits.has(flow)) hits.set(flow, []);
				hits.get(flow).push({ key: keyOf(notification), dedupeKey: notification.dedupe_key, execution: String(execution) });
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"ok":true}');
			} catch (err) {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: String(err.message) }));
			}
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const url = `http://127.0.0.1:${server.address().port}/sink`;
			resolve({
				url,
				/** key -> number of side effects of `flow`. */
				effectsByKey(flow) {
					const out = new Map();
					for (const h of hits.get(flow) || []) out.set(h.key, (out.get(h.key) || 0) + 1);
					return out;
				},
				hits: (flow) => [...(hits.get(flow) || [])],
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

module.exports = { startSink };
