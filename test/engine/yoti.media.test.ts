/* eslint-disable */
/**
 * getConfiguration, getMedia, getIdentityData, getSignedMedia and getSignedPdf inside n8n's
 * engine against the simulator: binary data read back through n8n's BinaryDataService and
 * compared byte for byte with the files under test/simulator/data; expected JSON written by
 * hand from those files and the contract.
 */
import { R, S, UNKNOWN, dataBytes, dataJson, errorText, jsons, out, pairedIndexes, startEnv, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});
afterEach(() => env.sim.clearFaults());

const MEDIA = (n: string) => `3ed1a000-0000-4000-8000-00000000${n}`;
const mediaFile = (session: string, media: string, ext: string) => dataBytes(`media/${session}/${media}.${ext}`);

describe('session.getConfiguration', () => {
	test('required resources (default): one item per capture.required_resources entry of config-…0001.json', async () => {
		const result = await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: S.approve });
		expect(pairedIndexes(out(result))).toEqual([0, 0]);
		expect(jsons(result)).toEqual([
			{
				session_id: S.approve,
				type: 'ID_DOCUMENT',
				id: '5e50c000-0000-4000-8000-000000000111',
				state: 'COMPLETE',
				liveness_type: null,
				allowed_sources: ['END_USER', 'RELYING_BUSINESS'],
				allowed_providers: ['YOTI_BRANCH'],
			},
			{
				session_id: S.approve,
				type: 'LIVENESS',
				id: '5e50c000-0000-4000-8000-000000000112',
				state: 'COMPLETE',
				liveness_type: 'ZOOM',
				allowed_sources: ['END_USER'],
				allowed_providers: [],
			},
		]);
	});

	test('raw: the configuration file unchanged', async () => {
		const result = await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: S.approve, output: 'raw' });
		expect(jsons(result)).toEqual([dataJson(`config-${S.approve}.json`)]);
		expect(pairedIndexes(out(result))).toEqual([0]);
	});

	test('a configuration the simulator derives (…0002: document checks and liveness)', async () => {
		const items = jsons(await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: S.reject }));
		expect(items.map((i) => [i.session_id, i.type, i.state, i.liveness_type, i.allowed_sources])).toEqual([
			[S.reject, 'ID_DOCUMENT', 'REQUIRED', null, ['END_USER']],
			[S.reject, 'LIVENESS', 'REQUIRED', 'ZOOM', ['END_USER']],
		]);
	});

	test('unknown session → not-found error', async () => {
		const result = await env.run({ resource: 'session', operation: 'getConfiguration', sessionId: UNKNOWN.session });
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/not found/i);
		expect(errorText(result)).toMatch(/session/i);
	});
});

describe('session.getMedia', () => {
	const getMedia = (sessionId: string, mediaId: string, extra: Record<string, unknown> = {}) =>
		env.run({ resource: 'session', operation: 'getMedia', sessionId, mediaId, ...extra });

	test('JPEG: binary bytes equal the file; JSON facts; file name <mediaId>.jpg', async () => {
		const result = await getMedia(S.approve, MEDIA('0101'));
		const [item] = out(result);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			session_id: S.approve,
			media_id: MEDIA('0101'),
			mime_type: 'image/jpeg',
			size: 815,
			has_content: true,
		});
		expect(item.binary!.data).toMatchObject({ mimeType: 'image/jpeg', fileName: `${MEDIA('0101')}.jpg` });
		expect((await result.binary(item)).equals(mediaFile(S.approve, MEDIA('0101'), 'jpg'))).toBe(true);
	});

	test('PNG, PDF and octet-stream media get their own MIME types and extensions', async () => {
		const cases: Array<[string, string, string, string, number]> = [
			[S.approve, MEDIA('0104'), 'png', 'image/png', 111],
			[S.approve, MEDIA('0105'), 'bin', 'application/octet-stream', 26],
			[S.notAvailable, MEDIA('0301'), 'pdf', 'application/pdf', 638],
		];
		for (const [session, media, ext, mime, size] of cases) {
			const result = await getMedia(session, media);
			const [item] = out(result);
			expect(item.json).toMatchObject({ session_id: session, media_id: media, mime_type: mime, size, has_content: true });
			expect(item.json).not.toHaveProperty('content');
			expect(item.binary!.data).toMatchObject({ mimeType: mime, fileName: `${media}.${ext}` });
			expect((await result.binary(item)).equals(mediaFile(session, media, ext))).toBe(true);
		}
	});

	test('JSON media: parsed into `content` and kept as binary', async () => {
		const result = await getMedia(S.approve, MEDIA('0103'));
		const [item] = out(result);
		expect(item.json).toEqual({
			session_id: S.approve,
			media_id: MEDIA('0103'),
			mime_type: 'application/json',
			size: 882,
			has_content: true,
			content: dataJson(`media/${S.approve}/${MEDIA('0103')}.json`),
		});
		expect((item.json.content as any).structured_postal_address.postal_code).toBe('SW1A 1AA');
		expect(item.binary!.data).toMatchObject({ mimeType: 'application/json', fileName: `${MEDIA('0103')}.json` });
		expect((await result.binary(item)).equals(mediaFile(S.approve, MEDIA('0103'), 'json'))).toBe(true);
	});

	test('parseJson off: JSON media as binary only', async () => {
		const result = await getMedia(S.approve, MEDIA('0103'), { options: { parseJson: false } });
		const [item] = out(result);
		expect(item.json).toEqual({
			session_id: S.approve,
			media_id: MEDIA('0103'),
			mime_type: 'application/json',
			size: 882,
			has_content: true,
		});
		expect((await result.binary(item)).equals(mediaFile(S.approve, MEDIA('0103'), 'json'))).toBe(true);
	});

	test('binaryPropertyName puts the file in another field', async () => {
		const result = await getMedia(S.approve, MEDIA('0104'), { binaryPropertyName: 'photo' });
		const [item] = out(result);
		expect(Object.keys(item.binary!)).toEqual(['photo']);
		expect((await result.binary(item, 'photo')).equals(mediaFile(S.approve, MEDIA('0104'), 'png'))).toBe(true);
	});

	test('HTTP 204 (an empty media): has_content false and no binary', async () => {
		const result = await getMedia(S.approve, MEDIA('0107'));
		expect(result.error).toBeUndefined();
		const [item] = out(result);
		expect(item.json).toMatchObject({ session_id: S.approve, media_id: MEDIA('0107'), has_content: false });
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('HTTP 204 injected by the empty-media fault on an existing image', async () => {
		env.sim.setFaults(['empty-media:times=1']);
		const [item] = out(await getMedia(S.approve, MEDIA('0101')));
		expect(item.json).toMatchObject({ media_id: MEDIA('0101'), has_content: false });
		expect(item.binary).toBeUndefined();
	});

	test('media of an EXPIRED session → 409 "expired" error', async () => {
		const result = await getMedia(S.expired, MEDIA('0501'));
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/expired/i);
		expect(String((result.error as any).httpCode)).toBe('409');
	});

	test('unknown media → not-found error naming the media', async () => {
		const result = await getMedia(S.approve, UNKNOWN.media);
		expect(errorText(result)).toMatch(/not found/i);
		expect(errorText(result)).toMatch(/media/i);
		expect(String((result.error as any).httpCode)).toBe('404');
	});

	test('continueOnFail: a 409 becomes an error item with http_code, the good media still arrives', async () => {
		const result = await env.run(
			{ resource: 'session', operation: 'getMedia', sessionId: '={{ $json.s }}', mediaId: '={{ $json.m }}' },
			{
				continueOnFail: true,
				items: [
					{ json: { s: S.expired, m: MEDIA('0501') } },
					{ json: { s: S.approve, m: MEDIA('0104') } },
				],
			},
		);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1]);
		expect(items[0].json.error).toMatch(/expired/i);
		expect(items[0].json.http_code).toBe('409');
		expect(items[0].binary).toBeUndefined();
		expect(items[1].json).toMatchObject({ media_id: MEDIA('0104'), has_content: true, size: 111 });
		expect((await result.binary(items[1])).equals(mediaFile(S.approve, MEDIA('0104'), 'png'))).toBe(true);
	});
});

describe('session.getIdentityData', () => {
	const identity = (sessionId: string, extra: Record<string, unknown> = {}) =>
		env.run({ resource: 'session', operation: 'getIdentityData', sessionId, ...extra });

	const JANE = {
		full_name: 'Jane Ann Example',
		given_names: 'Jane Ann',
		family_name: 'Example',
		date_of_birth: '1990-04-12',
		gender: 'FEMALE',
		nationality: 'GBR',
		place_of_birth: 'LONDON',
		document_number: '123456789',
		date_of_issue: '2021-08-20',
		expiration_date: '2031-08-20',
		issuing_authority: 'HMPO',
		structured_postal_address_address_format: 1,
		structured_postal_address_building_number: '10',
		structured_postal_address_address_line1: '10 Example Street',
		structured_postal_address_town_city: 'London',
		structured_postal_address_postal_code: 'SW1A 1AA',
		structured_postal_address_country_iso: 'GBR',
		structured_postal_address_country: 'United Kingdom',
		structured_postal_address_formatted_address: '10 Example Street\nLondon\nSW1A 1AA\nUnited Kingdom',
		mrz_type: 'TD3',
		mrz_line1: 'P<GBREXAMPLE<<JANE<ANN<<<<<<<<<<<<<<<<<<<<<<',
		mrz_line2: '1234567897GBR9004122F3108208<<<<<<<<<<<<<<04',
	};

	test('…0001: one item for the passport, document fields flattened, two requests', async () => {
		const mark = env.sim.requests.length;
		const result = await identity(S.approve);
		const items = out(result);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json).toEqual({
			...JANE,
			session_id: S.approve,
			resource_id: '5e50c000-0000-4000-8000-000000000101',
			document_category: 'ID_DOCUMENT',
			document_type: 'PASSPORT',
			issuing_country: 'GBR',
			has_document_fields: true,
			identity_profile_result: null,
		});
		expect(env.requestsSince(mark).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /idverify/v1/sessions/${S.approve} 200`,
			`GET /idverify/v1/sessions/${S.approve}/media/${MEDIA('0103')}/content 200`,
		]);
	});

	test('includeDocumentPhoto: the ID photo as binary', async () => {
		const result = await identity(S.approve, { includeDocumentPhoto: true });
		const [item] = out(result);
		expect(item.json).toMatchObject({ full_name: 'Jane Ann Example', document_photo_media_id: MEDIA('0104') });
		expect(item.binary!.data).toMatchObject({ mimeType: 'image/png', fileName: `${MEDIA('0104')}.png` });
		expect((await result.binary(item)).equals(mediaFile(S.approve, MEDIA('0104'), 'png'))).toBe(true);
	});

	test('includeDocumentPhoto with another binary field name', async () => {
		const result = await identity(S.approve, { includeDocumentPhoto: true, binaryPropertyName: 'idPhoto' });
		const [item] = out(result);
		expect(Object.keys(item.binary!)).toEqual(['idPhoto']);
		expect((await result.binary(item, 'idPhoto')).equals(mediaFile(S.approve, MEDIA('0104'), 'png'))).toBe(true);
	});

	test('…0002: driving licence without MRZ and without an ID photo', async () => {
		const result = await identity(S.reject, { includeDocumentPhoto: true });
		const [item] = out(result);
		expect(item.binary).toBeUndefined();
		expect(item.json).toEqual({
			full_name: 'John Q Sample',
			given_names: 'John Q',
			family_name: 'Sample',
			date_of_birth: '1985-11-02',
			gender: 'MALE',
			nationality: 'GBR',
			place_of_birth: 'LONDON',
			document_number: 'SAMPL811025JQ9AB',
			date_of_issue: '2021-08-20',
			expiration_date: '2031-08-20',
			issuing_authority: 'HMPO',
			structured_postal_address_address_format: 1,
			structured_postal_address_building_number: '10',
			structured_postal_address_address_line1: '10 Example Street',
			structured_postal_address_town_city: 'London',
			structured_postal_address_postal_code: 'SW1A 1AA',
			structured_postal_address_country_iso: 'GBR',
			structured_postal_address_country: 'United Kingdom',
			structured_postal_address_formatted_address: '10 Example Street\nLondon\nSW1A 1AA\nUnited Kingdom',
			session_id: S.reject,
			resource_id: '5e50c000-0000-4000-8000-000000000201',
			document_category: 'ID_DOCUMENT',
			document_type: 'DRIVING_LICENCE',
			issuing_country: 'GBR',
			has_document_fields: true,
			identity_profile_result: null,
		});
	});

	test('…0007: document fields plus the advanced identity profile result', async () => {
		const [item] = out(await identity(S.advancedProfile));
		expect(item.json).toEqual({
			...JANE,
			session_id: S.advancedProfile,
			resource_id: '5e50c000-0000-4000-8000-000000000701',
			document_category: 'ID_DOCUMENT',
			document_type: 'PASSPORT',
			issuing_country: 'GBR',
			has_document_fields: true,
			identity_profile_result: 'DONE',
		});
	});

	test('a document without document fields (…0003, …0005): the session facts only and has_document_fields false, no media request for it', async () => {
		const mark = env.sim.requests.length;
		expect(jsons(await identity(S.notAvailable))).toEqual([
			{
				session_id: S.notAvailable,
				resource_id: '5e50c000-0000-4000-8000-000000000301',
				document_category: 'ID_DOCUMENT',
				document_type: 'NATIONAL_ID',
				issuing_country: 'FRA',
				has_document_fields: false,
				identity_profile_result: null,
			},
			// …0003's proof of address: a supplementary document with its own fields media
			{
				full_name: 'Jane Ann Example',
				structured_postal_address_address_format: 1,
				structured_postal_address_building_number: '10',
				structured_postal_address_address_line1: '10 Example Street',
				structured_postal_address_town_city: 'London',
				structured_postal_address_postal_code: 'SW1A 1AA',
				structured_postal_address_country_iso: 'GBR',
				structured_postal_address_country: 'United Kingdom',
				structured_postal_address_formatted_address: '10 Example Street\nLondon\nSW1A 1AA\nUnited Kingdom',
				date_of_issue: '2024-04-01',
				session_id: S.notAvailable,
				resource_id: '5e50c000-0000-4000-8000-000000000302',
				document_category: 'SUPPLEMENTARY_DOCUMENT',
				document_type: 'UTILITY_BILL',
				issuing_country: 'GBR',
				has_document_fields: true,
				identity_profile_result: null,
			},
		]);
		expect(jsons(await identity(S.expired))).toEqual([
			{
				session_id: S.expired,
				resource_id: '5e50c000-0000-4000-8000-000000000501',
				document_category: 'ID_DOCUMENT',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				has_document_fields: false,
				identity_profile_result: null,
			},
		]);
		expect(env.requestsSince(mark).map((r) => r.path)).toEqual([
			`/idverify/v1/sessions/${S.notAvailable}`,
			`/idverify/v1/sessions/${S.notAvailable}/media/${MEDIA('0302')}/content`,
			`/idverify/v1/sessions/${S.expired}`,
		]);
	});

	test('no ID documents (…0006, …0009): no items, no error', async () => {
		for (const id of [S.identityProfile, S.noChecks]) {
			const result = await identity(id);
			expect(result.error).toBeUndefined();
			expect(out(result)).toEqual([]);
		}
	});

	test('a 503 on the document-fields media is retried', async () => {
		env.sim.setFaults(['503:times=1:route=/media/:retry-after=0']);
		const mark = env.sim.requests.length;
		const [item] = out(await identity(S.approve));
		expect(item.json.document_number).toBe('123456789');
		expect(env.requestsSince(mark).map((r) => r.status)).toEqual([200, 503, 200]);
	});

	test('unknown session → not-found error', async () => {
		const result = await identity(UNKNOWN.session);
		expect(errorText(result)).toMatch(/not found/i);
	});
});

describe('signRecipient.getSignedMedia', () => {
	const signedMedia = (recipientId: string, mediaId: string, extra: Record<string, unknown> = {}) =>
		env.run({ resource: 'signRecipient', operation: 'getSignedMedia', recipientId, mediaId, ...extra });

	test('JSON media: parsed into content and kept as binary', async () => {
		const result = await signedMedia(R.completed, MEDIA('5101'));
		const [item] = out(result);
		const file = dataBytes(`sign/${R.completed}/media/${MEDIA('5101')}.json`);
		expect(item.json).toEqual({
			recipient_id: R.completed,
			media_id: MEDIA('5101'),
			mime_type: 'application/json',
			size: 882,
			has_content: true,
			content: JSON.parse(file.toString('utf8')),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect((await result.binary(item)).equals(file)).toBe(true);
	});

	test('JPEG media; parseJson off makes no difference for images', async () => {
		const result = await signedMedia(R.completed, MEDIA('5102'), { options: { parseJson: false } });
		const [item] = out(result);
		expect(item.json).toEqual({
			recipient_id: R.completed,
			media_id: MEDIA('5102'),
			mime_type: 'image/jpeg',
			size: 815,
			has_content: true,
		});
		expect(item.binary!.data).toMatchObject({ mimeType: 'image/jpeg', fileName: `${MEDIA('5102')}.jpg` });
		expect((await result.binary(item)).equals(dataBytes(`sign/${R.completed}/media/${MEDIA('5102')}.jpg`))).toBe(true);
	});

	test('unknown media and unknown recipient → not-found errors', async () => {
		for (const [recipient, media] of [
			[R.completed, UNKNOWN.media],
			[UNKNOWN.recipient, MEDIA('5101')],
		]) {
			const result = await signedMedia(recipient, media);
			expect(errorText(result)).toMatch(/not found/i);
			expect(String((result.error as any).httpCode)).toBe('404');
		}
	});
});

describe('signRecipient.getSignedPdf', () => {
	test('the zip Yoti Sign returns, as binary', async () => {
		const result = await env.run({ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.completed });
		const [item] = out(result);
		const bytes = await result.binary(item);
		expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(bytes.includes(Buffer.from(`idv-report-${R.completed}.pdf`))).toBe(true);
		expect(item.json).toEqual({ recipient_id: R.completed, mime_type: 'application/zip', size: bytes.length });
		expect(item.binary!.data).toMatchObject({ mimeType: 'application/zip', fileName: `${R.completed}.zip` });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('binaryPropertyName', async () => {
		const result = await env.run({
			resource: 'signRecipient',
			operation: 'getSignedPdf',
			recipientId: R.completed,
			binaryPropertyName: 'report',
		});
		const [item] = out(result);
		expect(Object.keys(item.binary!)).toEqual(['report']);
		expect((await result.binary(item, 'report')).subarray(0, 2).toString('latin1')).toBe('PK');
	});

	test('an ONGOING recipient → "not finished yet" error (409)', async () => {
		const result = await env.run({ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: R.ongoing });
		expect(result.error).toBeDefined();
		expect(errorText(result)).toMatch(/not finished/i);
		expect(String((result.error as any).httpCode)).toBe('409');
	});

	test('continueOnFail: the ONGOING recipient is an error item, the completed one a zip', async () => {
		const result = await env.run(
			{ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: '={{ $json.r }}' },
			{ continueOnFail: true, items: [{ json: { r: R.ongoing } }, { json: { r: R.completed } }] },
		);
		const items = out(result);
		expect(pairedIndexes(items)).toEqual([0, 1]);
		expect(items[0].json.error).toMatch(/not finished/i);
		expect(items[0].json.http_code).toBe('409');
		expect((await result.binary(items[1])).subarray(0, 2).toString('latin1')).toBe('PK');
	});

	test('unknown recipient → not-found error', async () => {
		const result = await env.run({ resource: 'signRecipient', operation: 'getSignedPdf', recipientId: UNKNOWN.recipient });
		expect(errorText(result)).toMatch(/not found/i);
	});
});
