// Get Identity Data's document list: ID documents, then supplementary documents.
import { identityResources, parseJsonText } from '../../nodes/Yoti/core';
import { fixtureBytes } from './helpers';

describe('identityResources', () => {
	test('go-watchlist_screening.json: one passport, an empty supplementary list', () => {
		expect(identityResources(parseJsonText(fixtureBytes('go-watchlist_screening.json')))).toEqual([
			{
				document_category: 'ID_DOCUMENT',
				resource_id: '20deead7-4cb6-4921-a56c-ea10fa0a5595',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				document_fields_media_id: 'cfd85b6d-e78f-4c14-994c-78ad0671312d',
				document_id_photo_media_id: 'd8f8051e-c5d7-4334-b5af-6b9a07fdb38c',
			},
		]);
	});

	test('a proof of address after the ID document; no fields media, placeholder IDs, odd members', () => {
		const session = {
			resources: {
				supplementary_documents: [
					{
						id: 'sup-1',
						document_type: 'UTILITY_BILL',
						issuing_country: 'GBR',
						document_fields: { media: { id: '3ed1a000-0000-4000-8000-00000000aa01' } },
						file: { media: { id: '3ed1a000-0000-4000-8000-00000000aa02' } },
					},
					null,
					{ id: 'sup-2', document_fields: { media: { id: '<uuid>' } } },
				],
				id_documents: [{ id: 'doc-1', document_type: 'PASSPORT' }],
			},
		};
		expect(identityResources(session)).toEqual([
			{
				document_category: 'ID_DOCUMENT',
				resource_id: 'doc-1',
				document_type: 'PASSPORT',
				issuing_country: null,
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
			{
				document_category: 'SUPPLEMENTARY_DOCUMENT',
				resource_id: 'sup-1',
				document_type: 'UTILITY_BILL',
				issuing_country: 'GBR',
				document_fields_media_id: '3ed1a000-0000-4000-8000-00000000aa01',
				document_id_photo_media_id: null,
			},
			{
				document_category: 'SUPPLEMENTARY_DOCUMENT',
				resource_id: 'sup-2',
				document_type: null,
				issuing_country: null,
				document_fields_media_id: null,
				document_id_photo_media_id: null,
			},
		]);
		for (const body of [null, {}, { resources: { supplementary_documents: {} } }]) expect(identityResources(body)).toEqual([]);
	});
});
