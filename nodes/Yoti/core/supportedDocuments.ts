import { flag, list, record, text } from './read';
import type { SupportedDocumentItem } from './types';

/**
 * One item per country × document type. A country listing no documents yields no item (the
 * contract's rows are documents); `is_strictly_latin` is null when Yoti leaves it out.
 */
export function flattenSupportedDocuments(body: unknown): SupportedDocumentItem[] {
	const countries = list(record(body, (o) => o.supported_countries), (value) =>
		record(value, (country) => ({
			code: text(country.code),
			documents: list(country.supported_documents, (document) =>
				record(document, (d) => ({ type: text(d.type), latin: flag(d.is_strictly_latin) })),
			),
		})),
	);
	return countries.flatMap((country) =>
		country.documents.map((document) => ({
			country_code: country.code,
			document_type: document.type,
			is_strictly_latin: document.latin,
		})),
	);
}
