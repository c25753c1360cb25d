// Custom Base URLs (spec § Credentials, since 2026-12-04): http:// only for loopback hosts, for
// both credentials and so for every request; a URL's user:password@ never appears in a message.
import { displayUrl, idvBaseUrl, isLoopbackHost, signBaseUrl, withoutUserinfo } from '../../credentials/environments';
import { YotiApi } from '../../credentials/YotiApi.credentials';
import { YotiSignApi } from '../../credentials/YotiSignApi.credentials';
import { withoutUrlQueries } from '../../nodes/Yoti/transport/network';
import { endUserUrl } from '../../nodes/Yoti/helpers/environments';
import { PKCS1_PEM, VECTOR_SDK_ID } from './helpers';

const custom = (baseUrl: string) => ({ environment: 'custom', baseUrl });
const refusal = (name: string, host: string) =>
	`The ${name} credential's Base URL uses http:// for ${host}, which is not this machine — use https://; http:// is allowed only for loopback hosts (127.0.0.1, localhost, [::1]) such as a local Yoti simulator`;

describe('http:// only for loopback hosts', () => {
	it.each([
		['http://127.0.0.1:4010/idverify/v1', 'http://127.0.0.1:4010/idverify/v1'],
		['http://127.9.8.7/idverify/v1/', 'http://127.9.8.7/idverify/v1'],
		['http://localhost:4010/idverify/v1', 'http://localhost:4010/idverify/v1'],
		['http://LOCALHOST:4010/idverify/v1', 'http://LOCALHOST:4010/idverify/v1'],
		['http://[::1]:4010/idverify/v1', 'http://[::1]:4010/idverify/v1'],
		['http://127.1:4010/idverify/v1', 'http://127.1:4010/idverify/v1'],
		['https://yoti-proxy.example.com/idverify/v1', 'https://yoti-proxy.example.com/idverify/v1'],
		['https://10.0.0.5/idverify/v1', 'https://10.0.0.5/idverify/v1'],
	])('%s is accepted', (baseUrl, resolved) => {
		expect(idvBaseUrl(custom(baseUrl))).toBe(resolved);
		expect(signBaseUrl(custom(baseUrl))).toBe(resolved);
	});

	it.each([
		['http://yoti-proxy.example.com/idverify/v1', 'yoti-proxy.example.com'],
		['http://10.0.0.5:4010/idverify/v1', '10.0.0.5'],
		['http://192.168.1.20/idverify/v1', '192.168.1.20'],
		['http://0.0.0.0:4010/idverify/v1', '0.0.0.0'],
		['http://localhost.example.com/idverify/v1', 'localhost.example.com'],
		['http://127.0.0.1.nip.io/idverify/v1', '127.0.0.1.nip.io'],
		['http://[::2]/idverify/v1', '[::2]'],
		['HTTP://api.yoti.com/idverify/v1', 'api.yoti.com'],
	])('%s is refused, naming the host', (baseUrl, host) => {
		expect(() => idvBaseUrl(custom(baseUrl))).toThrow(refusal('Yoti IDV API', host));
		expect(() => signBaseUrl(custom(baseUrl))).toThrow(refusal('Yoti Sign API', host));
	});

	it('isLoopbackHost reads hosts as the URL parser gives them', () => {
		expect(['127.0.0.1', '127.255.255.255', 'localhost', '[::1]', 'localhost.'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
		expect(['128.0.0.1', '::1', '[::ffff:7f00:1]', 'example.com', '1.127.0.0', ''].map(isLoopbackHost)).toEqual([false, false, false, false, false, false]);
	});

	it('applies to every request: both credentials refuse to sign for a plain-http remote base', async () => {
		await expect(
			new YotiApi().authenticate({ sdkId: VECTOR_SDK_ID, privateKey: PKCS1_PEM, ...custom('http://yoti-proxy.example.com/idverify/v1') }, { method: 'GET', url: '/sessions/x' }),
		).rejects.toThrow(refusal('Yoti IDV API', 'yoti-proxy.example.com'));
		await expect(new YotiSignApi().authenticate({ apiKey: 'k', ...custom('http://sign.example.com/v2') }, { method: 'GET', url: '/idv/x' })).rejects.toThrow(
			refusal('Yoti Sign API', 'sign.example.com'),
		);
	});
});

describe("a URL's user:password@ never appears in a message", () => {
	it('refusals and "not a URL" leave the userinfo out', () => {
		const messages = [
			'http://proxyuser:proxy-pass-1@yoti-proxy.example.com/idverify/v1',
			'https://proxyuser:proxy-pass-1@exa mple.com/idverify/v1',
			'//proxyuser:proxy-pass-1@yoti-proxy.example.com/idverify/v1',
			'proxyuser:proxy-pass-1@yoti-proxy.example.com',
			'ftp://proxyuser:proxy-pass-1@example.com/x',
		].map((baseUrl) => {
			try {
				idvBaseUrl(custom(baseUrl));
				return 'accepted';
			} catch (error) {
				return (error as Error).message;
			}
		});
		expect(messages).toEqual([
			refusal('Yoti IDV API', 'yoti-proxy.example.com'),
			"The Yoti IDV API credential's Base URL is not a URL: https://exa mple.com/idverify/v1",
			// no scheme: the userinfo cannot be told apart, so nothing of the value is quoted
			"The Yoti IDV API credential's Base URL is not a URL",
			// parsed as the scheme "proxyuser:"
			"The Yoti IDV API credential's Base URL must start with https:// or http://",
			"The Yoti IDV API credential's Base URL must start with https:// or http://",
		]);
		for (const message of messages) expect(message).not.toMatch(/proxyuser|proxy-pass/);
	});

	it('withoutUserinfo / displayUrl / withoutUrlQueries', () => {
		expect(withoutUserinfo('at http://u:p@127.0.0.1:9/x and https://a%40b:c@d.example/y?z')).toBe('at http://127.0.0.1:9/x and https://d.example/y?z');
		expect(withoutUserinfo('a p@ss in http://u:p@ss@host/x')).toBe('a p@ss in http://host/x');
		expect(withoutUserinfo('mail me@example.com, see http://host/a@b')).toBe('mail me@example.com, see http://host/a@b');
		expect(displayUrl('http://u:p w@127.0.0.1:9/idverify/v1?sdkId=1#f')).toBe('http://127.0.0.1:9/idverify/v1');
		expect(displayUrl('https://u:p@api.example.com')).toBe('https://api.example.com');
		expect(withoutUrlQueries('connect ECONNREFUSED http://u:p@127.0.0.1:9/idverify/v1/sessions?sdkId=x&nonce=y')).toBe(
			'connect ECONNREFUSED http://127.0.0.1:9/idverify/v1/sessions',
		);
	});

	it("the end user's link (user_url) never carries the Base URL's userinfo", () => {
		expect(endUserUrl('http://u:p@127.0.0.1:4010/idverify/v1', 's-1', 't-1')).toBe('http://127.0.0.1:4010/idverify/v1/web/index.html?sessionID=s-1&sessionToken=t-1');
		expect(endUserUrl('https://api.yoti.com/idverify/v1', 's', 't')).toBe('https://api.yoti.com/idverify/v1/web/index.html?sessionID=s&sessionToken=t');
	});
});
