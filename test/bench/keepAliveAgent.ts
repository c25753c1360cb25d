/* eslint-disable */
// A counterfactual for the upstream request, never the node's claim: n8n-core's request helper
// builds a new http.Agent and https.Agent for every request (1.122's http-proxy.js, 2.40's
// @n8n/backend-network node-agents.js), so every Yoti call opens and closes a TCP connection
// (a TLS handshake too against the real API). The official SDK does the same (superagent 10
// defaults to `agent: false`: one connection per call); only the floor reuses a keep-alive one. The `nodeKeepAlive`
// audit client runs the same node, in its own process, with every Agent constructed in that
// process answered by one shared keep-alive agent per protocol: the CPU per item the node would
// spend if n8n reused its agent (no new socket, and no two agents built and dropped, per
// request). No other client's process is touched. The shared agent ignores the options n8n
// passes (servername, rejectUnauthorized): right for the bench's own simulator, plain or behind
// its TLS front for localhost, and nothing else.

let opened = 0;

export function shareOneKeepAliveAgentPerProtocol(): void {
	for (const moduleName of ['http', 'https'] as const) {
		const module = require(moduleName) as { Agent: new (options?: object) => { createConnection: (...args: any[]) => unknown } };
		const Original = module.Agent;
		const shared = new Original({ keepAlive: true });
		const connect = shared.createConnection.bind(shared);
		shared.createConnection = (...args: any[]) => {
			opened += 1;
			return connect(...args);
		};
		// `new Agent(options)` returns the shared agent; `instanceof Agent` still holds.
		const Shared = function Agent() {
			return shared;
		} as unknown as typeof Original;
		Shared.prototype = Original.prototype;
		module.Agent = Shared;
	}
}

/** Sockets the shared agents have opened so far: about the concurrency when they are reused. */
export function keepAliveSocketsOpened(): number {
	return opened;
}
