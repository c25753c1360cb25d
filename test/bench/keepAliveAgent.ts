/* eslint-disable */
// A counterfactual for the upstream request, never the node's claim: n8n-core's request helper
// builds a new http.Agent and https.Agent for every request (1.122's http-proxy.js, 2.40's
// @n8n/backend-network node-agents.js), so every Yoti call opens and closes a TCP connection
// (a TLS handshake too against the real API), where the SDK and the floor reuse a keep-alive
// one. The `nodeKeepAlive` audit client runs the same node, in its own process, with every
// Agent that process constructs answered by one shared keep-alive agent per protocol: the CPU
// per item the node would spend if n8n reused its agent. No other client's process is touched.
export function shareOneKeepAliveAgentPerProtocol(): void {
	for (const moduleName of ['http', 'https'] as const) {
		const module = require(moduleName) as { Agent: new (options?: object) => object };
		const Original = module.Agent;
		const shared = new Original({ keepAlive: true });
		// `new Agent(options)` returns the shared agent; `instanceof Agent` still holds.
		const Shared = function Agent() {
			return shared;
		} as unknown as typeof Original;
		Shared.prototype = Original.prototype;
		module.Agent = Shared;
	}
}
