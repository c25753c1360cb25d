/* eslint-disable */
// Configuration, tracked devices, supported documents and identity data flattening.
import {
	flattenConfiguration,
	flattenDocumentFields,
	flattenTrackedDevices,
	flattenSupportedDocuments,
	identityDocuments,
	identityProfileResult,
	summarizeSession,
} from '../../nodes/Yoti/core';

const SID = '9d539c59-1cd0-4e2c-bed8-eb525248aa84';

describe('flattenConfiguration', () => {
	test('providers are the union across sources, each once; sources without a type are left out', () => {
		const items = flattenConfiguration({
			session_id: SID,
			capture: {
				required_resources: [
					{
						type: 'ID_DOCUMENT',
						id: 'r1',
						state: 'REQUIRED',
						allowed_sources: [
							{ type: 'IBV', allowed_providers: ['UK_POST_OFFICE', 'OTHER'] },
							{ type: 'RELYING_BUSINESS', allowed_providers: ['OTHER', 'THIRD'] },
							{ allowed_providers: ['UNTYPED'] },
							null,
						],
						supported_countries: [{ code: 'GBR' }],
					},
					'not a resource',
					{},
				],
			},
		});
		expect(items).toEqual([
			{
				session_id: SID,
				type: 'ID_DOCUMENT',
				id: 'r1',
				state: 'REQUIRED',
				liveness_type: null,
				allowed_sources: ['IBV', 'RELYING_BUSINESS'],
				allowed_providers: ['UK_POST_OFFICE', 'OTHER', 'THIRD', 'UNTYPED'],
			},
			{
				session_id: SID,
				type: null,
				id: null,
				state: null,
				liveness_type: null,
				allowed_sources: [],
				allowed_providers: [],
			},
		]);
	});

	test('no capture, bad capture or not an object: no items', () => {
		for (const body of [null, 'x', [], {}, { capture: null }, { capture: [] }, { capture: { required_resources: {} } }]) {
			expect(flattenConfiguration(body)).toEqual([]);
		}
	});
});

describe('flattenTrackedDevices', () => {
	test('one item per event; device fields flattened with device_ and _', () => {
		const items = flattenTrackedDevices(SID, [
			{
				event: 'CONFIG_FIRST_LOADED',
				created: '2021-06-11T11:39:24Z',
				device: {
					ip_address: '123.123.123.123',
					ip_iso_country: 'GBR',
					manufacture_name: 'Apple',
					model_name: 'iPhone 12',
					os_name: 'iOS',
					os_version: '14.6',
					browser_name: 'Safari',
					browser_version: '14.1',
					locale: 'en-GB',
					client_version: '1.2.3',
					screen: { width: 390, height: 844 },
					languages: ['en-GB', 'en'],
				},
			},
			{ event: 'RESOURCE_CREATED', resource_id: 'res-1', created: '2021-06-11T11:40:00Z', device: null },
			'not an event',
			{},
		]);
		expect(items).toEqual([
			{
				session_id: SID,
				event: 'CONFIG_FIRST_LOADED',
				created: '2021-06-11T11:39:24Z',
				resource_id: null,
				device_ip_address: '123.123.123.123',
				device_ip_iso_country: 'GBR',
				device_manufacture_name: 'Apple',
				device_model_name: 'iPhone 12',
				device_os_name: 'iOS',
				device_os_version: '14.6',
				device_browser_name: 'Safari',
				device_browser_version: '14.1',
				device_locale: 'en-GB',
				device_client_version: '1.2.3',
				device_screen_width: 390,
				device_screen_height: 844,
				device_languages: ['en-GB', 'en'],
			},
			{ session_id: SID, event: 'RESOURCE_CREATED', created: '2021-06-11T11:40:00Z', resource_id: 'res-1' },
			{ session_id: SID, event: null, created: null, resource_id: null },
		]);
	});

	test('a device field cannot overwrite the event fields', () => {
		const [item] = flattenTrackedDevices(SID, [{ event: 'E', device: { '': 'x' } }]);
		expect(item.session_id).toBe(SID);
		expect(item.event).toBe('E');
	});

	test('not a list: no items', () => {
		for (const body of [null, {}, 'x', { tracked_devices: [] }]) expect(flattenTrackedDevices(SID, body)).toEqual([]);
		expect(flattenTrackedDevices(SID, [])).toEqual([]);
	});
});

describe('flattenSupportedDocuments', () => {
	test('one item per country × document', () => {
		expect(
			flattenSupportedDocuments({
				supported_countries: [
					{
						code: 'GBR',
						supported_documents: [
							{ type: 'PASSPORT', is_strictly_latin: true },
							{ type: 'DRIVING_LICENCE', is_strictly_latin: true },
						],
					},
					{ code: 'JPN', supported_documents: [{ type: 'PASSPORT', is_strictly_latin: false }, { type: 'NATIONAL_ID' }] },
					{ code: 'USA' },
					{ code: 'FRA', supported_documents: [] },
					null,
				],
			}),
		).toEqual([
			{ country_code: 'GBR', document_type: 'PASSPORT', is_strictly_latin: true },
			{ country_code: 'GBR', document_type: 'DRIVING_LICENCE', is_strictly_latin: true },
			{ country_code: 'JPN', document_type: 'PASSPORT', is_strictly_latin: false },
			{ country_code: 'JPN', document_type: 'NATIONAL_ID', is_strictly_latin: null },
		]);
	});

	test('odd bodies give no items', () => {
		for (const body of [null, [], 'x', {}, { supported_countries: {} }]) expect(flattenSupportedDocuments(body)).toEqual([]);
	});
});

describe('identity data', () => {
	const PHOTO = 'AE3F9895-0552-4E16-AD9A-914E2F676C10';
	const FIELDS = 'b5cae0f3-ae43-41d3-b8a7-1b0d363938ef';

	test('identityDocuments: media IDs only when they are UUIDs', () => {
		const session = {
			resources: {
				id_documents: [
					{
						id: 'doc-1',
						document_type: 'PASSPORT',
						issuing_country: 'GBR',
						document_fields: { media: { id: FIELDS } },
						document_id_photo: { media: { id: ` ${PHOTO}\n` } },
					},
					{ id: 'doc-2', document_fields: { media: { id: '../../sessions' } }, document_id_photo: { media: null } },
					{ id: 'doc-3', document_fields: null, document_id_photo: [] },
					'x',
				],
			},
		};
		expect(identityDocuments(session)).toEqual([
			{
				resource_id: 'doc-1',
				document_type: 'PASSPORT',
				issuing_country: 'GBR',
				document_fields_media_id: FIELDS,
				document_id_photo_media_id: PHOTO,
			},
			{ resource_id: 'doc-2', document_type: null, issuing_country: null, document_fields_media_id: null, document_id_photo_media_id: null },
			{ resource_id: 'doc-3', document_type: null, issuing_country: null, document_fields_media_id: null, document_id_photo_media_id: null },
		]);
		for (const odd of [null, {}, { resources: null }, { resources: { id_documents: {} } }]) expect(identityDocuments(odd)).toEqual([]);
	});

	test('flattenDocumentFields: nested objects joined with _, lists kept or spread by index', () => {
		expect(
			flattenDocumentFields({
				full_name: 'JOHN JIM FRED FOO',
				date_of_birth: '1979-01-01',
				structured_postal_address: {
					address_format: 1,
					building_number: '15',
					postal_code: 'SW1A 1AA',
					country_iso: 'GBR',
					formatted_address: '15 Some Street\nLondon',
				},
				mrz: { type: 2, line1: 'P<GBR', line2: '123' },
				empty: {},
				aliases: ['JJ', 'Johnny'],
				mixed: [1, 'a', null, true],
				addresses: [{ city: 'London' }, 'second', [1, 2]],
				nothing: null,
				'Odd Key': 'v',
			}),
		).toEqual({
			full_name: 'JOHN JIM FRED FOO',
			date_of_birth: '1979-01-01',
			structured_postal_address_address_format: 1,
			structured_postal_address_building_number: '15',
			structured_postal_address_postal_code: 'SW1A 1AA',
			structured_postal_address_country_iso: 'GBR',
			structured_postal_address_formatted_address: '15 Some Street\nLondon',
			mrz_type: 2,
			mrz_line1: 'P<GBR',
			mrz_line2: '123',
			aliases: ['JJ', 'Johnny'],
			mixed: [1, 'a', null, true],
			addresses_0_city: 'London',
			addresses_1: 'second',
			addresses_2: [1, 2],
			nothing: null,
			odd_key: 'v',
		});
	});

	test('flattenDocumentFields: first of two equal keys wins; __proto__ stays a plain key', () => {
		const fields = flattenDocumentFields(JSON.parse('{"mrz_line1":"top","mrz":{"line1":"nested"},"__proto__":{"polluted":true}}'));
		expect(fields.mrz_line1).toBe('top');
		expect(fields.__proto___polluted).toBe(true);
		expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
		expect(({} as any).polluted).toBeUndefined();
	});

	test('flattenDocumentFields: deep nesting is cut off as JSON text instead of recursing forever', () => {
		let deep: any = { leaf: 'x' };
		for (let i = 0; i < 40; i++) deep = { n: deep };
		const fields = flattenDocumentFields(deep);
		const [key] = Object.keys(fields);
		expect(Object.keys(fields)).toHaveLength(1);
		expect(key.startsWith('n_n_n_')).toBe(true);
		expect(typeof fields[key]).toBe('string');
		expect(String(fields[key])).toContain('"leaf":"x"');
	});

	test('flattenDocumentFields: not an object gives {}', () => {
		for (const value of [null, undefined, 'x', 3, [], [{ a: 1 }]]) expect(flattenDocumentFields(value)).toEqual({});
	});

	test('identityProfileResult', () => {
		expect(identityProfileResult({ identity_profile: { result: 'DONE' } })).toBe('DONE');
		expect(identityProfileResult({ advanced_identity_profile: { result: 'ABORTED' } })).toBe('ABORTED');
		expect(identityProfileResult({})).toBeNull();
		expect(identityProfileResult(null)).toBeNull();
	});

	test('identity profile: Get Identity Data and the summary read the same one, should a session hold both', () => {
		// Both profiles are judged and the worse one is described: a profile still running keeps
		// a completed session from APPROVE; a failed advanced profile outranks a clean basic one.
		const runningBasic = {
			state: 'COMPLETED',
			identity_profile: { subject_id: 'x' },
			advanced_identity_profile: { result: 'DONE' },
		};
		const bothDone = {
			identity_profile: { result: 'DONE' },
			advanced_identity_profile: { result: 'ABORTED', failure_reason: { reason_code: 'MANDATORY_DOCUMENT_NOT_PROVIDED' } },
		};
		const onlyAdvanced = { identity_profile: 'not an object', advanced_identity_profile: { result: 'DONE' } };
		expect(identityProfileResult(runningBasic)).toBeNull();
		expect(summarizeSession(runningBasic)).toMatchObject({ identity_profile_result: null, decision: 'PENDING', identity_profile_source: 'identity_profile' });
		expect(identityProfileResult(bothDone)).toBe('ABORTED');
		expect(summarizeSession(bothDone)).toMatchObject({
			identity_profile_result: 'ABORTED',
			identity_profile_failure_reason: 'MANDATORY_DOCUMENT_NOT_PROVIDED',
			identity_profile_source: 'advanced_identity_profile',
			decision: 'NOT_AVAILABLE',
		});
		expect(identityProfileResult(onlyAdvanced)).toBe('DONE');
		expect(summarizeSession(onlyAdvanced).identity_profile_result).toBe('DONE');
	});
});
