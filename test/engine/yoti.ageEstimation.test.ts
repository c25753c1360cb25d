/* eslint-disable */
/**
 * Age Estimation → Estimate Age / Estimate Age + Anti-spoofing inside n8n's engine against the
 * simulator's signed AI routes. Test images are PNGs of random pixels made here; a tEXt chunk
 * `yoti-sim:…` tells the simulator what to answer (see test/simulator/README.md).
 */
import { binaryItem, errorText, jsons, out, png, startAgeEnv, type AgeEnv } from './yoti.ageFixtures';

let env: AgeEnv;
beforeAll(async () => {
	env = await startAgeEnv();
});
afterAll(async () => {
	await env?.close();
});

const FACE = png(400, 300); // 360,000 bytes of pixels: within every limit
const estimate = (params: Record<string, unknown>, items = [binaryItem(FACE)], options: any = {}) =>
	env.run({ resource: 'ageEstimation', operation: 'estimateAge', ...params } as any, { items, ...options });
const estimateSpoof = (params: Record<string, unknown>, items = [binaryItem(FACE)], options: any = {}) =>
	env.run({ resource: 'ageEstimation', operation: 'estimateAgeAntispoofing', ...params } as any, { items, ...options });

describe('Estimate Age', () => {
	test('the default answer (29.4 ± 2.1) against the default threshold 25: passed', async () => {
		expect(jsons(await estimate({}))).toEqual([
			{ age: 29.4, st_dev: 2.1, age_range: [27.3, 31.5], antispoofing_prediction: null, passed: true, reason: null, threshold: 25, max_st_dev: 6 },
		]);
	});

	test('below the threshold: passed false with the reason', async () => {
		const [item] = jsons(await estimate({ threshold: 25 }, [binaryItem(png(400, 300, 'age=21.6;st_dev=3.0'))]));
		expect(item).toEqual({
			age: 21.6, st_dev: 3, age_range: [18.6, 24.6], antispoofing_prediction: null, passed: false,
			reason: 'estimated age 21.6 below 25', threshold: 25, max_st_dev: 6,
		});
	});

	test("an uncertain estimate (st_dev above Yoti's 6.0) does not pass, whatever the age", async () => {
		const [item] = jsons(await estimate({}, [binaryItem(png(400, 300, 'age=40.2;st_dev=6.5'))]));
		expect(item).toMatchObject({ age: 40.2, passed: false, reason: 'estimate too uncertain (st_dev 6.5 > 6)' });
		const [relaxed] = jsons(await estimate({ options: { maxStDev: 7 } }, [binaryItem(png(400, 300, 'age=40.2;st_dev=6.5'))]));
		expect(relaxed).toMatchObject({ passed: true, max_st_dev: 7 });
	});

	test('Device and Low Image Validation reach Yoti', async () => {
		await env.admin('/reset');
		await estimate({ options: { device: 'mobile', lowValidation: true } });
		expect(await env.admin('/ai-requests', undefined, 'GET')).toEqual([
			{ path: '/age', bytes: FACE.length, device: 'mobile', img_validation_level: 'low' },
		]);
	});

	test.each([
		['FACE_NOT_FOUND', 'No face was found in the image — use a photo that shows one face clearly, looking at the camera (FACE_NOT_FOUND)'],
		['MULTIPLE_FACES', 'The image shows several faces — use a photo of one person only (MULTIPLE_FACES)'],
		['FACE_BOX_TOO_SMALL', 'The face in the image is too small — use a photo where the face is larger (eyes at least 120 px apart) (FACE_BOX_TOO_SMALL)'],
		['IMAGE_TOO_DARK', 'The image is too dark — use a photo taken in better light (IMAGE_TOO_DARK)'],
		['FAIL_PREDICTION', 'Yoti could not estimate an age from this image — try another photo (FAIL_PREDICTION)'],
		['SOMETHING_NEW', 'Yoti refused the image or request: SOMETHING_NEW'],
	])("Yoti's %s as a clear message", async (code, message) => {
		const result = await estimate({}, [binaryItem(png(400, 300, `error=${code}`))]);
		expect(result.error?.message).toBe(message);
		expect(errorText(result)).toContain(`— ${code}: Simulated ${code}`);
	});

	test.each([
		['code', '{code, message}'],
		['error', '{error}'],
	])('the code is read from another error body shape too (%s: %s)', async (shape) => {
		const result = await estimate({}, [binaryItem(png(400, 300, `error=MULTIPLE_FACES;shape=${shape}`))]);
		expect(result.error?.message).toBe('The image shows several faces — use a photo of one person only (MULTIPLE_FACES)');
	});

	test('a 503 SERVICE_UNAVAILABLE on the POST is not retried', async () => {
		const before = env.sim.requests.length;
		const result = await estimate({}, [binaryItem(png(400, 300, 'error=SERVICE_UNAVAILABLE'))]);
		expect(result.error?.message).toBe('Yoti is unavailable (HTTP 503) — tried once; try again later (SERVICE_UNAVAILABLE)');
		expect(env.sim.requests.length - before).toBe(1);
	});
});

describe('image checks before sending', () => {
	test.each([
		['not an image', Buffer.from('hello, not a picture'), 'The image in Input Binary Field "data" is not a JPEG or PNG image (Yoti accepts only those)'],
		['too small a file', png(300, 300, '', 2, 1).subarray(0, 40000), 'The image in Input Binary Field "data" is 40,000 bytes: Yoti needs at least 50 KB (use a larger, better-quality photo)'],
		['too narrow', png(250, 400), 'The image in Input Binary Field "data" is 250×400 px: each side must be at least 300 px'],
		['too wide', png(2100, 300), 'The image in Input Binary Field "data" is 2100×300 px: each side must be at most 2000 px'],
		['greyscale', png(400, 400, '', 0), 'The image in Input Binary Field "data" is greyscale: Yoti needs a colour (RGB) photo'],
		['over 2 MB', png(1000, 800), /^The image in Input Binary Field "data" is 2,4\d\d,\d\d\d bytes: Yoti accepts at most 2 MB \(1\.5 MB recommended\)$/],
	])('%s: refused before any request, naming the field', async (_label, bytes, message) => {
		const before = env.sim.requests.length;
		const result = await estimate({}, [binaryItem(bytes as Buffer)]);
		if (message instanceof RegExp) expect(result.error?.message).toMatch(message);
		else expect(result.error?.message).toBe(message);
		expect(errorText(result)).toContain('Nothing was sent to Yoti');
		expect(env.sim.requests.length).toBe(before);
	});

	test('no binary in the field: refused, naming it', async () => {
		const result = await estimate({ binaryPropertyName: 'photo' });
		expect(result.error?.message).toContain('photo');
	});

	test('Continue On Fail: one error item per bad image, the others estimated', async () => {
		const items = [binaryItem(FACE), binaryItem(png(400, 300, 'error=FACE_NOT_FOUND')), binaryItem(Buffer.from('nope')), binaryItem(png(400, 300, 'age=19.0;st_dev=1.0'))];
		const result = await estimate({ threshold: 18 }, items, { continueOnFail: true });
		const output = out({ ...result, error: undefined } as any).map((item) => item.json as any);
		expect(output.map((item) => item.passed ?? item.error)).toEqual([
			true,
			'No face was found in the image — use a photo that shows one face clearly, looking at the camera (FACE_NOT_FOUND)',
			'The image in Input Binary Field "data" is not a JPEG or PNG image (Yoti accepts only those)',
			true,
		]);
		expect(output[1]).toMatchObject({ http_code: '400' });
	});
});

describe('Estimate Age + Anti-spoofing', () => {
	test('real face over the threshold: passed, prediction real', async () => {
		expect(jsons(await estimateSpoof({}))).toEqual([
			{ age: 29.4, st_dev: 2.1, age_range: [27.3, 31.5], antispoofing_prediction: 'real', passed: true, reason: null, threshold: 25, max_st_dev: 6 },
		]);
	});

	test.each(['fake', 'undetermined'])('prediction %s: passed false whatever the age', async (prediction) => {
		const [item] = jsons(await estimateSpoof({}, [binaryItem(png(400, 300, `age=35.0;prediction=${prediction}`))]));
		expect(item).toMatchObject({ age: 35, antispoofing_prediction: prediction, passed: false, reason: `anti-spoofing prediction ${prediction}` });
	});

	test('the wrong key: the signature message', async () => {
		const wrong = require('crypto').generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
		const result = await estimateSpoof({}, undefined, { credentials: { yotiAiApi: { privateKey: wrong } } });
		expect(result.error?.message).toBe(
			"Yoti rejected the request signature — check the Yoti AI Services API credential's SDK ID and private key (the keys Yoti Hub generated for age estimation) (INVALID_YOTI_AUTH_DIGEST)",
		);
		expect(errorText(result)).not.toContain('PRIVATE KEY');
	});
});
