// Property: the `media` output drops no media. For any session-shaped JSON, every ID of a
// `{ media: { id } }` anywhere in it appears in the media items; every item is well formed.
import fc from 'fast-check';
import { flattenMedia, flattenTasks, sessionItems } from '../../nodes/Yoti/core';
import { isFlat } from './helpers';

const KEYS = [
	'session_id',
	'resources',
	'checks',
	'id_documents',
	'supplementary_documents',
	'liveness_capture',
	'face_capture',
	'applicant_profiles',
	'pages',
	'frames',
	'tasks',
	'document_fields',
	'document_id_photo',
	'file',
	'image',
	'facemap',
	'report',
	'watchlist_summary',
	'raw_results',
	'generated_profile',
	'generated_media',
	'identity_profile',
	'advanced_identity_profile',
	'identity_profile_report',
	'media',
	'media',
	'media',
	'id',
	'x',
];

const mediaObject = fc.record(
	{
		id: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 8 })),
		type: fc.constantFrom('IMAGE', 'JSON', 'BINARY'),
		created: fc.constant('2024-01-01T00:00:00Z'),
	},
	{ requiredKeys: ['id'] },
);

const { node } = fc.letrec((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constant(null),
		fc.string({ maxLength: 4 }),
		fc.integer(),
		mediaObject,
		fc.array(tie('node'), { maxLength: 4 }),
		fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 }),
	),
}));

/** Test-side oracle, written independently of the product: IDs of objects under a `media` key. */
function mediaIdsIn(value: unknown, out: Set<string>): Set<string> {
	if (Array.isArray(value)) {
		for (const element of value) mediaIdsIn(element, out);
	} else if (value !== null && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			if (key === 'media') {
				for (const candidate of Array.isArray(inner) ? inner : [inner]) {
					const id = candidate !== null && typeof candidate === 'object' ? (candidate as { id?: unknown }).id : undefined;
					if (typeof id === 'string' && id !== '') out.add(id);
				}
			}
			mediaIdsIn(inner, out);
		}
	}
	return out;
}

describe('media inventory property', () => {
	test('every media ID under a `media` object anywhere appears in the media output', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom(...KEYS), node, { maxKeys: 6 }), (session) => {
				const items = flattenMedia(session);
				const listed = new Set(items.map((item) => item.media_id));
				for (const id of mediaIdsIn(session, new Set())) expect(listed.has(id)).toBe(true);
				const seen = new Set<string>();
				for (const item of items) {
					expect(isFlat(item)).toBe(true);
					const key = `${item.media_role}|${item.media_id}`;
					expect(seen.has(key)).toBe(false); // once per role
					seen.add(key);
				}
			}),
			{ numRuns: 2000 },
		);
	});

	test('the tasks and media modes never throw on arbitrary JSON', () => {
		fc.assert(
			fc.property(fc.jsonValue(), node, (a, b) => {
				for (const body of [a, b, { resources: b, checks: a }, { resources: { id_documents: [{ tasks: b }] } }]) {
					expect(() => sessionItems(body, 'tasks')).not.toThrow();
					expect(() => sessionItems(body, 'media')).not.toThrow();
					for (const item of flattenTasks(body)) expect(isFlat(item)).toBe(true);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});
