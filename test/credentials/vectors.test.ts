import { YotiApi } from '../../credentials/YotiApi.credentials';
import { buildSignedQuery, signRequest, stringToSign } from '../../nodes/Yoti/core/signing';
import {
	PKCS1_PEM,
	PKCS8_PEM,
	VECTOR_NONCE,
	VECTOR_SDK_ID,
	VECTOR_TIMESTAMP,
	fixedEntropy,
	headerValues,
	readVectors,
	verifies,
} from './helpers';

const SESSION = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const MEDIA = 'ffffffff-0000-1111-2222-333333333333';

/** The create-session body of vector 4, as an object a node would pass (key order as sent). */
const CREATE_BODY = {
	client_session_token_ttl: 600,
	resources_ttl: 86400,
	user_tracking_id: 'user-123',
	notifications: {
		auth_token: 'username:password',
		auth_type: 'BASIC',
		endpoint: 'https://example.com/yoti-webhook',
		topics: ['SESSION_COMPLETION'],
	},
	requested_checks: [{ type: 'ID_DOCUMENT_AUTHENTICITY', config: {} }],
	requested_tasks: [],
	required_documents: [],
};

/** What a node hands to httpRequestWithAuthentication for each vector, in the vector's order. */
const REQUESTS = [
	{ method: 'GET', url: `/sessions/${SESSION}` },
	{ method: 'DELETE', url: `/sessions/${SESSION}` },
	{ method: 'GET', url: `/sessions/${SESSION}/media/${MEDIA}/content` },
	{ method: 'POST', url: '/sessions', body: CREATE_BODY },
	{ method: 'GET', url: '/supported-documents', qs: { includeNonLatin: 'true' } },
] as const;

const QUERY = `sdkId=${VECTOR_SDK_ID}&nonce=${VECTOR_NONCE}&timestamp=${VECTOR_TIMESTAMP}`;
/** Hand-written expected URLs (Yoti production base, signing query last). */
const EXPECTED_URLS = [
	`https://api.yoti.com/idverify/v1/sessions/${SESSION}?${QUERY}`,
	`https://api.yoti.com/idverify/v1/sessions/${SESSION}?${QUERY}`,
	`https://api.yoti.com/idverify/v1/sessions/${SESSION}/media/${MEDIA}/content?${QUERY}`,
	`https://api.yoti.com/idverify/v1/sessions?${QUERY}`,
	`https://api.yoti.com/idverify/v1/supported-documents?includeNonLatin=true&nonce=${VECTOR_NONCE}&timestamp=${VECTOR_TIMESTAMP}`,
];

describe.each([
	['PKCS#1', 'vector-output.json', PKCS1_PEM],
	['PKCS#8', 'vector-output-pkcs8.json', PKCS8_PEM],
] as const)('signing vectors (%s key) through yotiApi.authenticate', (_label, file, pem) => {
	const vectors = readVectors(file);
	const credentials = { sdkId: VECTOR_SDK_ID, privateKey: pem, environment: 'production' };

	it('the vector file has the fixed values this test was written for', () => {
		expect(vectors.sdkId).toBe(VECTOR_SDK_ID);
		expect(vectors.fixedNonce).toBe(VECTOR_NONCE);
		expect(vectors.fixedTimestampMs).toBe(VECTOR_TIMESTAMP);
		expect(vectors.results.map((r) => r.method)).toEqual(REQUESTS.map((r) => r.method));
	});

	it.each(REQUESTS.map((request, index) => [index, request.method, request.url] as const))(
		'vector %i: %s %s — URL, string to sign, body and headers match the SDK byte for byte',
		async (index) => {
			const vector = vectors.results[index];
			const request = REQUESTS[index];
			const signed = await new YotiApi().authenticate(
				credentials,
				JSON.parse(JSON.stringify(request)),
				fixedEntropy(),
			);

			expect(signed.url).toBe(EXPECTED_URLS[index]);
			expect(signed.url).toBe(vector.url);
			expect(signed.qs).toBeUndefined();
			expect(signed.baseURL).toBeUndefined();
			expect(signed.body ?? null).toBe(vector.body);

			const relative = signed.url.slice('https://api.yoti.com/idverify/v1'.length);
			const message = stringToSign(signed.method!, relative, signed.body as string | undefined);
			expect(message).toBe(vector.stringToSign);

			const headers = signed.headers as Record<string, string>;
			expect(headers['X-Yoti-Auth-Digest']).toBe(vector.digestFromSdk);
			expect(headers['X-Yoti-SDK']).toBe('n8n-nodes-yoti');
			expect(headers['X-Yoti-SDK-Version']).toBe('n8n-nodes-yoti-0.1.0');
			expect(headers.Accept).toBe('application/json');
			expect(headerValues(headers, 'content-type')).toEqual(
				vector.headers['Content-Type'] ? ['application/json'] : [],
			);
			expect(verifies(vector.stringToSign, headers['X-Yoti-Auth-Digest'])).toBe(true);
		},
	);

	it('signRequest alone reproduces every digest from the vector string to sign', () => {
		for (const vector of vectors.results) {
			const [method, ...rest] = vector.stringToSign.split('&');
			const query = rest.join('&');
			const pathAndQuery = vector.body === null ? query : query.slice(0, query.lastIndexOf('&'));
			const body = vector.body === null ? undefined : vector.body;
			expect(signRequest({ method, pathAndQuery, body, privateKey: pem })).toBe(vector.digestFromSdk);
		}
	});
});

describe('query and string to sign', () => {
	it('puts the caller params first, then sdkId, nonce and timestamp, each encoded', () => {
		expect(buildSignedQuery({ includeNonLatin: true }, 'sdk', 'n-1', 1700000000000)).toBe(
			'includeNonLatin=true&sdkId=sdk&nonce=n-1&timestamp=1700000000000',
		);
		expect(buildSignedQuery({ 'a b': 'c&d=e/é' }, undefined, 'n', 1)).toBe('a%20b=c%26d%3De%2F%C3%A9&nonce=n&timestamp=1');
	});

	it('adds base64(body) only for POST, PUT and PATCH with a non-empty body', () => {
		expect(stringToSign('post', '/sessions?x=1', '{"a":1}')).toBe('POST&/sessions?x=1&eyJhIjoxfQ==');
		expect(stringToSign('PUT', '/p', Buffer.from([0xff, 0x00]))).toBe('PUT&/p&/wA=');
		expect(stringToSign('PATCH', '/p', '')).toBe('PATCH&/p');
		expect(stringToSign('DELETE', '/p', '{"a":1}')).toBe('DELETE&/p');
		expect(stringToSign('GET', '/p')).toBe('GET&/p');
	});
});

describe('default entropy', () => {
	it('uses a fresh lowercase UUID v4 nonce and a millisecond timestamp per request', async () => {
		const credentials = { sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, environment: 'production' };
		const first = await new YotiApi().authenticate(credentials, { method: 'GET', url: '/sessions/x' });
		const second = await new YotiApi().authenticate(credentials, { method: 'GET', url: '/sessions/x' });
		const nonceOf = (url: string) => new URL(url).searchParams.get('nonce');
		const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
		expect(nonceOf(first.url)).toMatch(uuidV4);
		expect(nonceOf(second.url)).toMatch(uuidV4);
		expect(nonceOf(first.url)).not.toBe(nonceOf(second.url));
		expect(new URL(first.url).searchParams.get('timestamp')).toMatch(/^\d{13}$/);
	});
});
