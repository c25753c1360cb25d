import { flattenObject } from './flattenObject';
import { identityProfileOf } from './identityProfile';
import { isUuid } from './ids';
import { parseSession, type SessionModel } from './session.schema';
import type { FieldValue, IdentityDocument, IdentityResource } from './types';

function mediaId(id: string | null): string | null {
	return id !== null && isUuid(id) ? id.trim() : null;
}

type DocumentModel = SessionModel['id_documents'][number];

/** A document resource with its media IDs; one that is not a UUID is null (it goes into a request path). */
function readDocument(document: DocumentModel): IdentityDocument {
	return {
		resource_id: document.id,
		document_type: document.document_type,
		issuing_country: document.issuing_country,
		document_fields_media_id: mediaId(document.document_fields_media_id),
		document_id_photo_media_id: mediaId(document.document_id_photo_media_id),
	};
}

/**
 * Each `resources.id_documents[]` entry with the media IDs of its document fields (JSON) and
 * ID photo. A media ID that is not a UUID (e.g. a `<uuid>` placeholder) is null, because the
 * caller puts it into a request path.
 */
export function identityDocuments(session: unknown): IdentityDocument[] {
	return parseSession(session).id_documents.map(readDocument);
}

/**
 * Every ID document, then every supplementary document (`resources.supplementary_documents[]`,
 * e.g. a proof of address), each with its category; media IDs as in `identityDocuments`.
 */
export function identityResources(session: unknown): IdentityResource[] {
	const model = parseSession(session);
	const read = (category: IdentityResource['document_category']) => (document: DocumentModel) => ({
		document_category: category,
		...readDocument(document),
	});
	return [
		...model.id_documents.map(read('ID_DOCUMENT')),
		...model.supplementary_documents.map(read('SUPPLEMENTARY_DOCUMENT')),
	];
}

/** The document-fields media (full_name, date_of_birth, mrz{…}, …) as one flat level. */
export function flattenDocumentFields(fields: unknown): Record<string, FieldValue> {
	return flattenObject(fields);
}

/** The identity profile's result (`identity_profile`, else `advanced_identity_profile`), else null. */
export function identityProfileResult(session: unknown): string | null {
	return identityProfileOf(session)?.result ?? null;
}
