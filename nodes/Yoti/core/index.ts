/**
 * The pure domain core: reads Yoti responses and turns them into flat n8n items. Imports
 * nothing from n8n and never throws on odd shapes (only `parseJsonText` throws, on text
 * that is not JSON). Decisions the contract leaves open:
 * - Key parts built from Yoti names (sub-checks, details, document fields, device fields)
 *   are lower-cased with every character outside [a-z0-9_] replaced by `_`.
 * - Data-derived keys never overwrite a key already set: fixed fields come first and never
 *   start with `breakdown_` / `detail_` / `device_`; among data keys the first one wins,
 *   and sub-check results are written before any detail.
 * - Breakdown rows without a sub-check name are left out of every count and item.
 * - A row fails when its result is anything but exactly `PASS` (null included).
 * - Detail values: strings, numbers, booleans as they are; objects/lists as JSON text.
 * - `rejected_check_types` / `not_available_reasons` list each value once.
 * - A supported-documents country without documents gives no item.
 * - `isUuid` ignores surrounding whitespace; identity media IDs that are not UUIDs are null.
 * - `mapConcurrent`: after a failure no new item starts; it rejects with the first error
 *   once the calls in flight have settled.
 */
export type {
	CheckItem,
	DataObject,
	Decision,
	FieldValue,
	FlatItem,
	FlatValue,
	IdentityDocument,
	IdentityResource,
	MediaItem,
	MediaRole,
	OutputMode,
	RequiredResourceItem,
	SubCheckItem,
	SummaryItem,
	SupportedDocumentItem,
	TaskItem,
	TrackedDeviceItem,
} from './types';
export { flattenChecks } from './checks';
export { flattenSubChecks } from './subChecks';
export { decide, summarizeSession } from './summary';
export { REDACTED, redactSession } from './redact';
export { sessionItems } from './output';
export { flattenTasks } from './tasks';
export { flattenMedia } from './media';
export { flattenConfiguration } from './configuration';
export { flattenTrackedDevices } from './trackedDevices';
export { flattenSupportedDocuments } from './supportedDocuments';
export { flattenDocumentFields, identityDocuments, identityProfileResult, identityResources } from './identity';
export { flattenObject } from './flattenObject';
export { isPlainObject, normaliseKey } from './keys';
export { extractUuid, isUuid, type ExtractedId, type IdKind } from './ids';
export { extensionForMime } from './mime';
export { parseJsonText } from './json';
export { mapConcurrent } from './concurrency';
