import { isRecord } from './read';

const RESOURCE_TYPES: Record<string, string> = {
	id_documents: 'ID_DOCUMENT',
	supplementary_documents: 'SUPPLEMENTARY_DOCUMENT',
	liveness_capture: 'LIVENESS',
	face_capture: 'FACE_CAPTURE',
	share_codes: 'SHARE_CODE',
};

/** The contract's `resource_type` for a key under `resources`; any other key in upper case. */
export function resourceType(key: string): string {
	return Object.prototype.hasOwnProperty.call(RESOURCE_TYPES, key) ? RESOURCE_TYPES[key] : key.toUpperCase();
}

/**
 * Every resource of a session as `[key, resource]`, in the order the response lists them.
 * A collection is a list of resource objects; a lone object under a key counts as one resource.
 */
export function sessionResources(resources: unknown): Array<[string, Record<string, unknown>]> {
	const found: Array<[string, Record<string, unknown>]> = [];
	if (!isRecord(resources)) return found;
	for (const key of Object.keys(resources)) {
		const collection = resources[key];
		const members = Array.isArray(collection) ? collection : [collection];
		for (const member of members) if (isRecord(member)) found.push([key, member]);
	}
	return found;
}
