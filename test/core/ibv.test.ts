/* eslint-disable */
// In-branch verification: the create-session `ibv_options` block, reading instructions and the
// contact profile, and building the PUT instructions body. Expected values written by hand from
// the SDK models named in nodes/Yoti/core/ibvOptions.ts and instructions.ts.
import { buildIbvOptions, ibvOptionsProblem, withIbvOptions } from '../../nodes/Yoti/core/ibvOptions';
import { buildInstructions, contactProfileItem, flattenInstructions } from '../../nodes/Yoti/core/instructions';

const SID = '1bf00000-0000-4000-8000-000000000001';

describe('ibv_options (POST /sessions)', () => {
	test('MANDATORY with guidance URL and user price: the Java SDK shape, amount as a string', () => {
		const input = { support: 'MANDATORY', guidanceUrl: 'https://example.com/branch', userPriceAmount: '5.00', userPriceCurrency: 'GBP' };
		expect(ibvOptionsProblem(input)).toBeNull();
		expect(buildIbvOptions(input)).toEqual({
			support: 'MANDATORY',
			guidance_url: 'https://example.com/branch',
			user_price: { amount: '5.00', currency: 'GBP' },
		});
	});

	test('NOT_ALLOWED alone: only support (the PHP SDK shape; absent values left out)', () => {
		expect(buildIbvOptions({ support: 'NOT_ALLOWED' })).toEqual({ support: 'NOT_ALLOWED' });
	});

	test('SDKs differ: PHP IbvOptions has no user_price, Java has user_price{amount: String, currency}; the Node SDK has no IBV at all — we follow Java', () => {
		// a number typed by the user is sent as text, as Java's UserPrice.amount is a String
		expect(buildIbvOptions({ support: 'MANDATORY', userPriceAmount: 12 })).toEqual({
			support: 'MANDATORY',
			user_price: { amount: '12', currency: 'GBP' },
		});
	});

	test('nothing set: no block', () => {
		expect(ibvOptionsProblem({})).toBeNull();
		expect(buildIbvOptions({})).toBeUndefined();
		expect(withIbvOptions({ a: 1 }, undefined)).toEqual({ a: 1 });
	});

	test.each([
		[{ guidanceUrl: 'https://example.com' }, /Support must be MANDATORY or NOT_ALLOWED/],
		[{ support: 'OPTIONAL' }, /Support must be MANDATORY or NOT_ALLOWED/],
		[{ support: 'MANDATORY', guidanceUrl: 'example.com/x' }, /Guidance URL must be an http\(s\) URL/],
		[{ support: 'MANDATORY', userPriceCurrency: 'GBP' }, /Currency needs a User Price Amount/],
		[{ support: 'MANDATORY', userPriceAmount: '5,00' }, /Amount must be a number/],
		[{ support: 'MANDATORY', userPriceAmount: '-1' }, /Amount must be a number/],
		[{ support: 'MANDATORY', userPriceAmount: '5', userPriceCurrency: 'pounds' }, /ISO 4217/],
	])('refused: %j', (input, message) => {
		expect(ibvOptionsProblem(input as any)).toMatch(message);
	});

	test('Session Spec (JSON) ibv_options wins key by key; other keys of the block stay', () => {
		const block = { support: 'MANDATORY', guidance_url: 'https://a.example' };
		expect(withIbvOptions({ ibv_options: { guidance_url: 'https://b.example' }, x: 1 }, block)).toEqual({
			ibv_options: { support: 'MANDATORY', guidance_url: 'https://b.example' },
			x: 1,
		});
		expect(withIbvOptions({ x: 1 }, block)).toEqual({ x: 1, ibv_options: block });
	});
});

describe('flattenInstructions (GET …/instructions)', () => {
	test('a UK Post Office branch and two proposals', () => {
		const item = flattenInstructions(SID, {
			contact_profile_exists: true,
			documents: [
				{ requirement_id: 'req-1', document: { type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'PASSPORT' } },
				{ requirement_id: 'req-2', document: { type: 'SUPPLEMENTARY_DOCUMENT', country_code: 'GBR', document_type: 'UTILITY_BILL' } },
			],
			branch: {
				type: 'UK_POST_OFFICE',
				name: 'Westminster',
				address: '1 Example Street, London',
				post_code: 'SW1A 1AA',
				fad_code: '1234567',
				location: { latitude: 51.5007, longitude: -0.1246 },
			},
		});
		expect(item).toEqual({
			session_id: SID,
			contact_profile_exists: true,
			branch_type: 'UK_POST_OFFICE',
			branch_name: 'Westminster',
			branch_address: '1 Example Street, London',
			branch_post_code: 'SW1A 1AA',
			branch_fad_code: '1234567',
			branch_location_latitude: 51.5007,
			branch_location_longitude: -0.1246,
			documents: [
				{ requirement_id: 'req-1', type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'PASSPORT' },
				{ requirement_id: 'req-2', type: 'SUPPLEMENTARY_DOCUMENT', country_code: 'GBR', document_type: 'UTILITY_BILL' },
			],
		});
	});

	test('nothing set: contact_profile_exists false (as the SDKs default it), nulls, no documents', () => {
		expect(flattenInstructions(SID, {})).toEqual({
			session_id: SID,
			contact_profile_exists: false,
			branch_type: null,
			branch_name: null,
			branch_address: null,
			branch_post_code: null,
			branch_fad_code: null,
			branch_location_latitude: null,
			branch_location_longitude: null,
			documents: [],
		});
	});

	test.each([null, undefined, 'text', [], { branch: 'x', documents: 'y' }, { documents: [null, 3, { document: null }] }])(
		'odd shape %j never throws',
		(body) => {
			const item = flattenInstructions(SID, body);
			expect(item.session_id).toBe(SID);
			expect(item.contact_profile_exists).toBe(false);
		},
	);

	test('an unknown branch type keeps its type, other fields null', () => {
		const item = flattenInstructions(SID, { branch: { type: 'FUTURE_BRANCH' } });
		expect([item.branch_type, item.branch_name, item.branch_location_latitude]).toEqual(['FUTURE_BRANCH', null, null]);
	});
});

test('contactProfileItem', () => {
	expect(contactProfileItem(SID, { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' })).toEqual({
		session_id: SID,
		first_name: 'Ada',
		last_name: 'Lovelace',
		email: 'ada@example.com',
	});
	expect(contactProfileItem(SID, null)).toEqual({ session_id: SID, first_name: null, last_name: null, email: null });
});

describe('buildInstructions (PUT …/instructions)', () => {
	test('all parts, in the Java model JSON names', () => {
		expect(
			buildInstructions({
				contactProfile: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
				documents: [{ requirementId: 'req-1', type: 'ID_DOCUMENT', countryCode: 'GBR', documentType: 'PASSPORT' }],
				branch: { name: 'Westminster', address: '1 Example Street', postCode: 'SW1A 1AA', fadCode: '1234567', latitude: 51.5, longitude: -0.12 },
			}),
		).toEqual({
			contact_profile: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
			documents: [{ requirement_id: 'req-1', document: { type: 'ID_DOCUMENT', country_code: 'GBR', document_type: 'PASSPORT' } }],
			branch: {
				type: 'UK_POST_OFFICE',
				name: 'Westminster',
				address: '1 Example Street',
				post_code: 'SW1A 1AA',
				fad_code: '1234567',
				location: { latitude: 51.5, longitude: -0.12 },
			},
		});
	});

	test('empty parts are left out; extra JSON merged over', () => {
		expect(buildInstructions({ contactProfile: { firstName: ' ', email: '' }, documents: [], branch: {} })).toEqual({});
		expect(
			buildInstructions({ contactProfile: { email: 'a@b.co' }, extra: { contact_profile: { first_name: 'X' }, future: true } }),
		).toEqual({ contact_profile: { email: 'a@b.co', first_name: 'X' }, future: true });
	});
});
