import { list, record, text, texts } from './read';
import type { RequiredResourceItem } from './types';

const readSource = (value: unknown) =>
	record(value, (o) => ({ type: text(o.type), allowed_providers: texts(o.allowed_providers) }));

/**
 * One item per `capture.required_resources[]` entry (entries that are not objects are
 * skipped). `allowed_sources` lists the sources' types; `allowed_providers` is the union of
 * every source's providers, each once, in order of appearance.
 */
export function flattenConfiguration(config: unknown): RequiredResourceItem[] {
	const sessionId = record(config, (o) => text(o.session_id)) ?? null;
	const capture = record(config, (o) => o.capture);
	const resources = record(capture, (o) => o.required_resources);
	return list(resources, (value) =>
		record(value, (resource): RequiredResourceItem => {
			const sources = list(resource.allowed_sources, readSource);
			return {
				session_id: sessionId,
				type: text(resource.type),
				id: text(resource.id),
				state: text(resource.state),
				liveness_type: text(resource.liveness_type),
				allowed_sources: sources.map((source) => source.type).filter((type): type is string => type !== null),
				allowed_providers: [...new Set(sources.flatMap((source) => source.allowed_providers))],
			};
		}),
	);
}
