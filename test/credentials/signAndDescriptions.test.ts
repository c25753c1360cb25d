/* eslint-disable */
import { YotiApi } from '../../credentials/YotiApi.credentials';
import { YotiNotificationAuthApi } from '../../credentials/YotiNotificationAuthApi.credentials';
import { YotiSignApi } from '../../credentials/YotiSignApi.credentials';
import { headerValues } from './helpers';

const RECIPIENT_PATH = '/idv/recipients/22222222-3333-4444-8555-666666666666/sessions/signed/json';
const sign = (credentials: any, options: any) => new YotiSignApi().authenticate(credentials, options);

describe('yotiSignApi.authenticate', () => {
	it.each([
		[{ environment: 'production' }, 'https://api.yotisign.com/v2'],
		[{}, 'https://api.yotisign.com/v2'],
		[{ environment: 'demo' }, 'https://demo.api.yotisign.com/v2'],
		[{ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/sign/v2' }, 'http://127.0.0.1:4010/sign/v2'],
		[{ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/sign/v2/' }, 'http://127.0.0.1:4010/sign/v2'],
	])('%j resolves to %s and sends the key as Bearer', async (env, base) => {
		const signed = await sign({ apiKey: 'sk-test-123', ...env }, { method: 'GET', url: RECIPIENT_PATH });
		expect(signed.url).toBe(`${base}${RECIPIENT_PATH}`);
		expect(headerValues(signed.headers, 'authorization')).toEqual(['Bearer sk-test-123']);
		expect(signed.baseURL).toBeUndefined();
	});

	it('is idempotent: its own output is kept as is and the header is replaced, not added', async () => {
		const first = await sign({ apiKey: 'k1' }, { method: 'GET', url: RECIPIENT_PATH, headers: { authorization: 'Bearer stale' } });
		const second = await sign({ apiKey: 'k1' }, first);
		expect(second.url).toBe(first.url);
		expect(headerValues(second.headers, 'authorization')).toEqual(['Bearer k1']);
	});

	it('adds the leading slash of a bare relative path; keeps qs for n8n to send', async () => {
		const signed = await sign({ apiKey: 'k' }, { method: 'GET', url: 'idv/x', qs: { a: '1' } });
		expect(signed.url).toBe('https://api.yotisign.com/v2/idv/x');
		expect(signed.qs).toEqual({ a: '1' });
	});

	it('honours requestOptions.baseURL', async () => {
		const signed = await sign({ apiKey: 'k' }, { method: 'GET', baseURL: 'http://127.0.0.1:9/v2/', url: '/idv/x' });
		expect(signed.url).toBe('http://127.0.0.1:9/v2/idv/x');
		expect(signed.baseURL).toBeUndefined();
	});

	it('a missing key or custom base URL is a clear error without secrets', async () => {
		await expect(sign({ apiKey: '' }, { method: 'GET', url: '/x' })).rejects.toThrow('has no API key');
		const error = await sign({ apiKey: 'sk-secret-value', environment: 'custom', baseUrl: '' }, { method: 'GET', url: '/x' }).catch((e: Error) => e);
		expect(String(error)).toContain('Base URL is empty');
		expect(String(error)).not.toContain('sk-secret-value');
	});
});

/** The contract (spec § Credentials), written out by hand. */
describe('credential descriptions', () => {
	const byName = (props: any[]) => Object.fromEntries(props.map((p) => [p.name, p]));

	it('yotiApi — "Yoti IDV API"', () => {
		const credential = new YotiApi();
		expect(credential.name).toBe('yotiApi');
		expect(credential.displayName).toBe('Yoti IDV API');
		expect(typeof credential.authenticate).toBe('function');
		expect(credential.icon).toEqual({ light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' });
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		const p = byName(credential.properties);
		expect(Object.keys(p)).toEqual(['sdkId', 'privateKey', 'environment', 'baseUrl']);
		expect(p.sdkId).toMatchObject({ type: 'string', required: true });
		expect(p.privateKey).toMatchObject({ type: 'string', required: true, typeOptions: { password: true, rows: 5 } });
		expect(p.environment.default).toBe('production');
		expect(p.environment.options.map((o: any) => o.value)).toEqual(['production', 'sandbox', 'custom']);
		expect(p.baseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});

	it('yotiSignApi — "Yoti Sign API"', () => {
		const credential = new YotiSignApi();
		expect(credential.name).toBe('yotiSignApi');
		expect(credential.displayName).toBe('Yoti Sign API');
		const p = byName(credential.properties);
		expect(Object.keys(p)).toEqual(['apiKey', 'environment', 'baseUrl']);
		expect(p.apiKey.typeOptions).toEqual({ password: true });
		expect(p.environment.default).toBe('production');
		expect(p.environment.options.map((o: any) => o.value)).toEqual(['production', 'demo', 'custom']);
		expect(p.baseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});

	it('yotiNotificationAuthApi — makes no requests, holds authType and authToken', () => {
		const credential = new YotiNotificationAuthApi() as any;
		expect(credential.name).toBe('yotiNotificationAuthApi');
		// The contract says "Yoti Notification Auth"; strict lint requires the " API" suffix.
		expect(credential.displayName).toBe('Yoti Notification Auth API');
		expect(credential.authenticate).toBeUndefined();
		const p = byName(credential.properties);
		expect(Object.keys(p)).toEqual(['authType', 'authToken']);
		expect(p.authType.options.map((o: any) => o.value)).toEqual(['basic', 'bearer']);
		expect(p.authToken.typeOptions).toEqual({ password: true });
	});

	it('no credential defines a request `test` (n8n would prefer it over the node testedBy functions)', () => {
		for (const credential of [new YotiApi(), new YotiSignApi(), new YotiNotificationAuthApi()]) {
			expect((credential as any).test).toBeUndefined();
		}
	});
});
