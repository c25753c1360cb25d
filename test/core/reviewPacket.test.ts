/* eslint-disable */
// The review packet (session → Get Review Packet): what a reviewer reads, built from demo
// sessions of test/simulator/data; every expected value below is read off those files by hand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReviewPacket, escapeHtml, reviewDocument, reviewImages } from '../../nodes/Yoti/core/reviewPacket';

const DATA = path.join(__dirname, '..', 'simulator', 'data');
const session = (id: string) => JSON.parse(fs.readFileSync(path.join(DATA, `${id}.json`), 'utf8'));
const media = (sessionId: string, file: string) => JSON.parse(fs.readFileSync(path.join(DATA, 'media', sessionId, file), 'utf8'));

const APPROVED = '5e551000-0000-4000-8000-000000000001';
const REJECTED = '5e551000-0000-4000-8000-000000000002';
const WATCHLIST = '5e551000-0000-4000-8000-0000000d0001';
const FRAUD = '5e551000-0000-4000-8000-0000000d0004';

describe('reviewImages: the document page, the photo on the document, the face', () => {
	test('…0001: first page, ID photo, the first ZOOM liveness frame', () => {
		expect(reviewImages(session(APPROVED))).toEqual([
			{ property: 'document_page', media_id: '3ed1a000-0000-4000-8000-000000000101', media_role: 'document_page' },
			{ property: 'document_photo', media_id: '3ed1a000-0000-4000-8000-000000000104', media_role: 'document_id_photo' },
			{ property: 'face', media_id: '3ed1a000-0000-4000-8000-000000000106', media_role: 'liveness_frame' },
		]);
	});

	test('…0002: no ID photo; the face is the STATIC liveness image', () => {
		expect(reviewImages(session(REJECTED))).toEqual([
			{ property: 'document_page', media_id: '3ed1a000-0000-4000-8000-000000000201', media_role: 'document_page' },
			{ property: 'face', media_id: '3ed1a000-0000-4000-8000-000000000204', media_role: 'liveness_frame' },
		]);
	});

	test('a face-capture image wins over a liveness frame; JSON media and non-UUID IDs are never images', () => {
		const s = {
			resources: {
				id_documents: [{ id: 'd', pages: [{ media: { id: 'not-a-uuid', type: 'IMAGE' } }, { media: { id: '3ed1a000-0000-4000-8000-0000000000f1', type: 'JSON' } }] }],
				liveness_capture: [{ frames: [{ media: { id: '3ed1a000-0000-4000-8000-0000000000f2', type: 'IMAGE' } }] }],
				face_capture: [{ image: { media: { id: '3ed1a000-0000-4000-8000-0000000000f3' } } }],
			},
		};
		expect(reviewImages(s)).toEqual([{ property: 'face', media_id: '3ed1a000-0000-4000-8000-0000000000f3', media_role: 'face_capture_image' }]);
	});

	test('odd shapes give no images and never throw', () => {
		for (const odd of [null, 'x', [], {}, { resources: null }, { resources: { id_documents: [null, {}] } }]) expect(reviewImages(odd)).toEqual([]);
	});
});

describe('reviewDocument', () => {
	test('the first ID document with a document-fields media', () => {
		expect(reviewDocument(session(REJECTED))).toEqual({
			resource_id: '5e50c000-0000-4000-8000-000000000201',
			document_fields_media_id: '3ed1a000-0000-4000-8000-000000000202',
		});
		expect(reviewDocument(session(FRAUD))).toBeNull();
		expect(reviewDocument(null)).toBeNull();
	});
});

describe('buildReviewPacket', () => {
	test('…0002 with its document fields and two images attached: every flagged check, every failed sub-check, hits', () => {
		const s = session(REJECTED);
		const attached = reviewImages(s);
		const packet = buildReviewPacket({ session: s, documentFields: media(REJECTED, '3ed1a000-0000-4000-8000-000000000202.json'), attached });
		expect(packet).toMatchObject({
			session_id: REJECTED,
			decision: 'REJECT',
			review_subject: 'Identity review: John Q Sample (ID_DOCUMENT_AUTHENTICITY, ID_DOCUMENT_FACE_MATCH, WATCHLIST_SCREENING)',
			flagged_checks: [
				'ID_DOCUMENT_AUTHENTICITY: REJECT (COUNTERFEIT); failed sub-checks: hologram_movement',
				'ID_DOCUMENT_FACE_MATCH: REJECT (FACE_NOT_MATCHING); failed sub-checks: ai_face_match, manual_face_match',
				'WATCHLIST_SCREENING: REJECT (WATCHLIST_HIT); failed sub-checks: sanctions; 2 watchlist hits',
			],
			flagged_check_types: ['ID_DOCUMENT_AUTHENTICITY', 'ID_DOCUMENT_FACE_MATCH', 'WATCHLIST_SCREENING'],
			recommendation_reasons: ['COUNTERFEIT', 'FACE_NOT_MATCHING', 'WATCHLIST_HIT'],
			failed_sub_checks: [
				'ID_DOCUMENT_AUTHENTICITY: hologram_movement',
				'ID_DOCUMENT_FACE_MATCH: ai_face_match',
				'ID_DOCUMENT_FACE_MATCH: manual_face_match',
				'WATCHLIST_SCREENING: sanctions',
			],
			watchlist_total_hits: 2,
			identity_profile_failure_reason: null,
			full_name: 'John Q Sample',
			date_of_birth: '1985-11-02',
			nationality: 'GBR',
			document_type: 'DRIVING_LICENCE',
			issuing_country: 'GBR',
			session_state: 'COMPLETED',
			user_tracking_id: 'demo-user-rejected',
			images: ['document_page', 'face'],
			images_missing: [],
			attachments: 'document_page,face',
		});
		expect(packet.review_text).toBe(
			[
				'Person: John Q Sample, born 1985-11-02 (DRIVING_LICENCE, GBR)',
				`Session ${REJECTED}: REJECT, COMPLETED, your reference demo-user-rejected`,
				'What was flagged:',
				'- ID_DOCUMENT_AUTHENTICITY: REJECT (COUNTERFEIT); failed sub-checks: hologram_movement',
				'- ID_DOCUMENT_FACE_MATCH: REJECT (FACE_NOT_MATCHING); failed sub-checks: ai_face_match, manual_face_match',
				'- WATCHLIST_SCREENING: REJECT (WATCHLIST_HIT); failed sub-checks: sanctions; 2 watchlist hits',
				'Watchlist hits in total: 2',
				'Attached: document page, face captured in the session',
			].join('\n'),
		);
		expect(packet.review_html).toContain('<p><strong>John Q Sample</strong>, born 1985-11-02 (DRIVING_LICENCE, GBR)</p>');
		expect(packet.review_html).toContain('<img src="cid:document_page" alt="document page"');
		expect(packet.review_html).toContain('<img src="cid:face" alt="face captured in the session"');
		expect(packet.review_html).not.toContain('cid:document_photo');
	});

	test('…0d0001 (CONSIDER on an advanced watchlist check) without document fields or images', () => {
		const packet = buildReviewPacket({ session: session(WATCHLIST) });
		expect(packet).toMatchObject({
			decision: 'REVIEW',
			flagged_checks: ['WATCHLIST_ADVANCED_CA: CONSIDER (POTENTIAL_MATCH); failed sub-checks: adverse_media, pep; 3 watchlist hits'],
			failed_sub_checks: ['WATCHLIST_ADVANCED_CA: adverse_media', 'WATCHLIST_ADVANCED_CA: pep'],
			watchlist_total_hits: 3,
			full_name: null,
			date_of_birth: null,
			images: [],
			attachments: '',
			review_subject: 'Identity review: unnamed person (WATCHLIST_ADVANCED_CA)',
		});
		expect(packet.review_text.split('\n')[0]).toBe('Person: Name not read from the document, date of birth not read');
		expect(packet.review_text.split('\n').at(-1)).toBe('No image attached');
		expect(packet.review_html).toContain('<p>No image attached</p>');
	});

	test('…0d0004: nothing flagged by a check, the identity profile says FRAUD_DETECTED; missing images are named', () => {
		const s = session(FRAUD);
		const missing = [{ property: 'face' as const, media_id: '3ed1a000-0000-4000-8000-0000000000f1', media_role: 'liveness_frame' }];
		const packet = buildReviewPacket({ session: s, missing });
		expect(packet.flagged_checks).toEqual([]);
		expect(packet.identity_profile_failure_reason).toBe('FRAUD_DETECTED');
		expect(packet.review_subject).toBe('Identity review: unnamed person (REVIEW)');
		expect(packet.images_missing).toEqual(['face']);
		expect(packet.review_text).toContain('- No check was flagged (see the identity profile)\nIdentity profile failure: FRAUD_DETECTED');
		expect(packet.review_text.split('\n').at(-1)).toBe('No image attached; could not be downloaded: face captured in the session');
	});

	test('names from documents are escaped in the HTML, kept as they are in the text', () => {
		const packet = buildReviewPacket({
			session: session(REJECTED),
			documentFields: { full_name: '<img src=x onerror=alert(1)> "Bob" & Co', date_of_birth: "1990'01" },
		});
		expect(packet.full_name).toBe('<img src=x onerror=alert(1)> "Bob" & Co');
		expect(packet.review_text).toContain('Person: <img src=x onerror=alert(1)> "Bob" & Co, born 1990\'01');
		expect(packet.review_html).toContain('<strong>&lt;img src=x onerror=alert(1)&gt; &quot;Bob&quot; &amp; Co</strong>, born 1990&#39;01');
		expect(packet.review_html).not.toContain('<img src=x');
		expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
	});

	test('given and family names when there is no full_name; never throws on odd sessions', () => {
		expect(buildReviewPacket({ session: {}, documentFields: { given_names: 'Ann', family_name: 'Lee' } }).full_name).toBe('Ann Lee');
		for (const odd of [null, 42, 'x', [], { checks: [null, { report: null }] }]) {
			const packet = buildReviewPacket({ session: odd, documentFields: [] });
			expect(packet.decision).toBe('PENDING');
			expect(typeof packet.review_html).toBe('string');
		}
	});
});
