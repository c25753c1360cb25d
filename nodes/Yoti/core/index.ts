export type {
	CheckItem,
	DataObject,
	Decision,
	FieldValue,
	FlatItem,
	FlatValue,
	IdentityDocument,
	OutputMode,
	RequiredResourceItem,
	SubCheckItem,
	SummaryItem,
	SupportedDocumentItem,
	TrackedDeviceItem,
} from './types';
export { flattenChecks } from './checks';
export { flattenSubChecks } from './subChecks';
export { decide, summarizeSession } from './summary';
export { sessionItems } from './output';
export { flattenConfiguration } from './configuration';
export { flattenTrackedDevices } from './trackedDevices';
export { flattenSupportedDocuments } from './supportedDocuments';
export { flattenDocumentFields, identityDocuments, identityProfileResult } from './identity';
export { flattenObject } from './flattenObject';
export { normaliseKey } from './keys';
export { isUuid } from './ids';
export { extensionForMime } from './mime';
export { parseJsonText } from './json';
export { mapConcurrent } from './concurrency';
