/**
 * session.getReviewPacket inside n8n's engine against the simulator: the item a reviewer's
 * e-mail is built from (onboarding kit, issue 24). Expected JSON written by hand from the demo
 * sessions under test/simulator/data; images read back through n8n's binary data service and
 * compared byte for byte with the files.
 */
import { S, dataBytes, errorText, jsons, out, pairedIndexes, startEnv, type YotiEnv } from './yotiFixtures';

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});
afterEach(() => env.sim.clearFaults());

const MEDIA = (n: string) => `3ed1a000-0000-4000-8000-00000000${n}`;
const packet = (sessionId: string, extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) =>
	env.run({ resource: 'session', operation: 'getReviewPacket', sessionId, ...extra }, options);

describe('session.getReviewPacket', () => {
	test('…0001: one item, name and date of birth from the document fields, three images as binary', async () => {
		const mark = env.sim.requests.length;
		const result = await packet(S.approve);
		const [item, ...rest] = out(result);
		expect(rest).toEqual([]);
		expect(pairedIndexes([item])).toEqual([0]);
		expect(item.json).toMatchObject({
			session_id: S.approve,
			decision: 'APPROVE',
			flagged_checks: [],
			failed_sub_checks: [],
			watchlist_total_hits: null,
			full_name: 'Jane Ann Example',
			date_of_birth: '1990-04-12',
			nationality: 'GBR',
			document_type: 'PASSPORT',
			issuing_country: 'GBR',
			user_tracking_id: 'demo-user-approved',
			images: ['document_page', 'document_photo', 'face'],
			images_missing: [],
			attachments: 'document_page,document_photo,face',
			review_subject: 'Identity review: Jane Ann Example (APPROVE)',
		});
		expect(Object.keys(item.binary!)).toEqual(['document_page', 'document_photo', 'face']);
		expect(item.binary!.document_page).toMatchObject({ mimeType: 'image/jpeg', fileName: `document_page-${MEDIA('0101')}.jpg` });
		expect(item.binary!.document_photo).toMatchObject({ mimeType: 'image/png', fileName: `document_photo-${MEDIA('0104')}.png` });
		expect(item.binary!.face).toMatchObject({ mimeType: 'image/png', fileName: `face-${MEDIA('0106')}.png` });
		expect((await result.binary(item, 'document_page')).equals(dataBytes(`media/${S.approve}/${MEDIA('0101')}.jpg`))).toBe(true);
		expect((await result.binary(item, 'document_photo')).equals(dataBytes(`media/${S.approve}/${MEDIA('0104')}.png`))).toBe(true);
		expect((await result.binary(item, 'face')).equals(dataBytes(`media/${S.approve}/${MEDIA('0106')}.png`))).toBe(true);
		expect(env.requestsSince(mark).map((r) => `${r.method} ${r.path.replace(`/idverify/v1/sessions/${S.approve}`, '')} ${r.status}`)).toEqual([
			'GET  200',
			`GET /media/${MEDIA('0103')}/content 200`,
			`GET /media/${MEDIA('0101')}/content 200`,
			`GET /media/${MEDIA('0104')}/content 200`,
			`GET /media/${MEDIA('0106')}/content 200`,
		]);
	});

	test('Include Images off: the JSON only, no media but the document fields read', async () => {
		const mark = env.sim.requests.length;
		const [item] = out(await packet(S.approve, { includeImages: false }));
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ images: [], images_missing: [], attachments: '', full_name: 'Jane Ann Example' });
		expect(env.requestsSince(mark).length).toBe(2);
	});

	test('an image Yoti answers 404 for is listed in images_missing, the rest attached', async () => {
		env.sim.setFaults([`404:route=/media/${MEDIA('0104')}/`]);
		const [item] = out(await packet(S.approve));
		expect(item.json).toMatchObject({ images: ['document_page', 'face'], images_missing: ['document_photo'], attachments: 'document_page,face' });
		expect(String(item.json.review_text)).toContain('Attached: document page, face captured in the session; could not be downloaded: photo on the document');
		expect(Object.keys(item.binary!)).toEqual(['document_page', 'face']);
	});

	test('…0002 (REJECT): every flagged check and failed sub-check; no ID photo in the session', async () => {
		const [item] = out(await packet(S.reject));
		expect(item.json).toMatchObject({
			decision: 'REJECT',
			full_name: 'John Q Sample',
			date_of_birth: '1985-11-02',
			flagged_check_types: ['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'WATCHLIST_SCREENING'],
			recommendation_reasons: ['COUNTERFEIT', 'FACE_NOT_MATCHING', 'WATCHLIST_HIT'],
			watchlist_total_hits: 2,
			images: ['document_page', 'face'],
			images_missing: [],
		});
	});

	test('…0005 (EXPIRED, nothing captured): a packet without images or name', async () => {
		const [item] = out(await packet(S.expired));
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ decision: 'EXPIRED', full_name: null, images: [], attachments: '' });
	});

	test('a media failure that is not "unavailable" (500 after every attempt) fails the item; Continue On Fail keeps it an error item', async () => {
		env.sim.setFaults([`500:route=/media/${MEDIA('0101')}/`]);
		const failed = await packet(S.approve, { options: { attempts: 1 } });
		expect(errorText(failed)).toMatch(/500|unexpected|Yoti/i);
		const kept = await packet(S.approve, { options: { attempts: 1 } }, { continueOnFail: true });
		expect(jsons(kept)).toHaveLength(1);
		expect(jsons(kept)[0].error).toEqual(expect.any(String));
	});

	test('a session ID that is not a UUID is refused before any request', async () => {
		const mark = env.sim.requests.length;
		const result = await packet('not-a-session');
		expect(errorText(result)).toMatch(/Session ID/);
		expect(env.requestsSince(mark)).toEqual([]);
	});
});
