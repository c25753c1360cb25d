import { z } from 'zod';

import { listOf, Text } from './session.schema';
import type { RequiredResourceItem } from './types';

const AllowedSource = z.object({ type: Text, allowed_providers: listOf(Text) }).nullable().catch(null);

const RequiredResource = z
	.object({ type: Text, id: Text, state: Text, liveness_type: Text, allowed_sources: listOf(AllowedSource) })
	.nullable()
	.catch(null);

const Configuration = z
	.object({
		session_id: Text,
		capture: z.object({ required_resources: listOf(RequiredResource) }).nullable().catch(null),
	})
	.nullable()
	.catch(null);

/**
 * One item per `capture.required_resources[]` entry. `allowed_sources` lists the sources'
 * types; `allowed_providers` is the union of every source's providers, each once, in order.
 */
export function flattenConfiguration(config: unknown): RequiredResourceItem[] {
	const parsed = Configuration.safeParse(config);
	const model = parsed.success ? parsed.data : null;
	const resources = model?.capture?.required_resources ?? [];
	return resources.map((resource) => ({
		session_id: model?.session_id ?? null,
		type: resource.type,
		id: resource.id,
		state: resource.state,
		liveness_type: resource.liveness_type,
		allowed_sources: resource.allowed_sources
			.map((source) => source.type)
			.filter((type): type is string => type !== null),
		allowed_providers: [...new Set(resource.allowed_sources.flatMap((source) => source.allowed_providers))],
	}));
}
