import { z } from 'zod';

import { listOf, Text } from './session.schema';
import type { SupportedDocumentItem } from './types';

const Document = z
	.object({ type: Text, is_strictly_latin: z.boolean().nullable().catch(null) })
	.nullable()
	.catch(null);

const Country = z
	.object({ code: Text, supported_documents: listOf(Document) })
	.nullable()
	.catch(null);

const SupportedDocuments = z.object({ supported_countries: listOf(Country) }).nullable().catch(null);

/**
 * One item per country × document type. A country listing no documents yields no item (the
 * contract's rows are documents); `is_strictly_latin` is null when Yoti leaves it out.
 */
export function flattenSupportedDocuments(body: unknown): SupportedDocumentItem[] {
	const parsed = SupportedDocuments.safeParse(body);
	const countries = (parsed.success && parsed.data?.supported_countries) || [];
	return countries.flatMap((country) =>
		country.supported_documents.map((document) => ({
			country_code: country.code,
			document_type: document.type,
			is_strictly_latin: document.is_strictly_latin,
		})),
	);
}
