import { isRecord, text } from './read';
import { resourceType } from './resources';
import type { MediaItem, MediaRole } from './types';

/**
 * The contract's "Media item": every media object the session refers to, so an archive or
 * retention workflow can fetch each with Get Media. Rather than reading only the places
 * Yoti documents, the whole response is walked: a `{ media: { id } }` anywhere (and each
 * `generated_media[]` entry) becomes an item, and its role comes from where it was found;
 * a place not named by the contract is `other`, so no media is ever silently dropped.
 *
 * Order: as the response lists them, an object's own media before the media inside it.
 * Each media ID appears once per role: the first place it was found wins, and a later mention
 * only fills in a type or date the first one lacked.
 */

type Scope = 'session' | 'resource' | 'task' | 'check' | 'profile';

interface Context {
	scope: Scope;
	/** The key under `resources` for resource and task scopes. */
	resourceKey: string | null;
	resource_id: string | null;
	resource_type: string | null;
	check_id: string | null;
	task_id: string | null;
}

interface Frame {
	value: unknown;
	context: Context;
	/** Object keys from the scope's root to `value`, joined with `.`; list indexes left out. */
	path: string;
}

const SESSION: Context = {
	scope: 'session',
	resourceKey: null,
	resource_id: null,
	resource_type: null,
	check_id: null,
	task_id: null,
};

const PROFILE: Context = { ...SESSION, scope: 'profile' };

const DOCUMENT_KEYS = new Set(['id_documents', 'supplementary_documents']);

/** A share-code resource's media (UK right-to-work / immigration share codes), by the key holding it. */
const SHARE_CODE_ROLES: Record<string, MediaRole> = {
	lookup_profile: 'share_code_lookup_profile',
	returned_profile: 'share_code_returned_profile',
	id_photo: 'share_code_id_photo',
	file: 'share_code_file',
};

/** Media at the top of the session result, outside resources, checks and profiles. */
const SESSION_ROLES: Record<string, MediaRole> = {
	identity_profile_preview: 'identity_profile_preview',
	advanced_identity_profile_preview: 'advanced_identity_profile_preview',
	import_token: 'import_token',
};

const own = (table: Record<string, MediaRole>, key: string): MediaRole | null =>
	Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;

function documentRole(supplementary: boolean, path: string): MediaRole {
	if (path === 'pages') return 'document_page';
	if (path.startsWith('pages.') && path.endsWith('frames')) return 'document_frame';
	if (path === 'document_fields') return supplementary ? 'supplementary_fields' : 'document_fields';
	if (path === 'document_id_photo') return 'document_id_photo';
	if (path === 'file' && supplementary) return 'supplementary_file';
	return 'other';
}

/** The role of a `media` found at `path` (the object holding the `media` key) in a scope. */
function roleFor(context: Context, path: string): MediaRole {
	switch (context.scope) {
		case 'check':
			if (path === 'generated_profile') return 'check_generated';
			if (path === 'report.watchlist_summary.raw_results') return 'watchlist_raw_results';
			return 'other';
		case 'profile':
			return path === 'identity_profile_report' ? 'identity_profile_report' : 'other';
		case 'resource': {
			const key = context.resourceKey ?? '';
			if (DOCUMENT_KEYS.has(key)) return documentRole(key === 'supplementary_documents', path);
			if (key === 'liveness_capture') {
				if (path === 'facemap') return 'liveness_facemap';
				// ZOOM frames, and the single image of a STATIC liveness capture.
				if (path === 'frames' || path === 'image') return 'liveness_frame';
			}
			if (key === 'face_capture' && (path === 'image' || path === 'photos')) return 'face_capture_image';
			if (key === 'share_codes') return own(SHARE_CODE_ROLES, path) ?? 'other';
			if (key === 'applicant_profiles' && path === '') return 'applicant_profile';
			return 'other';
		}
		default:
			return own(SESSION_ROLES, path) ?? 'other';
	}
}

class Inventory {
	readonly items: MediaItem[] = [];
	private readonly seen = new Map<string, MediaItem>();

	constructor(private readonly sessionId: string | null) {}

	add(media: unknown, role: MediaRole, context: Context): void {
		if (!isRecord(media)) return;
		const id = text(media.id);
		if (id === null || id === '') return;
		const key = `${role}\u0000${id}`;
		const earlier = this.seen.get(key);
		if (earlier) {
			// A `generated_media[]` entry has only id and type; the check's `generated_profile`
			// naming the same media has the dates.
			earlier.media_type ??= text(media.type);
			earlier.media_created ??= text(media.created);
			earlier.media_last_updated ??= text(media.last_updated);
			return;
		}
		const inSession = context.scope === 'resource' || context.scope === 'task';
		const item: MediaItem = {
			session_id: this.sessionId,
			resource_id: inSession ? context.resource_id : null,
			resource_type: inSession ? context.resource_type : null,
			media_id: id,
			media_type: text(media.type),
			media_role: role,
			media_created: text(media.created),
			media_last_updated: text(media.last_updated),
			check_id: context.check_id,
			task_id: context.task_id,
		};
		this.seen.set(key, item);
		this.items.push(item);
	}

	/** A `media` value: normally one object, tolerated as a list of them. */
	addAll(value: unknown, role: MediaRole, context: Context): void {
		if (Array.isArray(value)) for (const media of value) this.add(media, role, context);
		else this.add(value, role, context);
	}
}

/** The scope a child of `frame`'s object under `key` starts, or null when it stays in the frame's scope. */
function childContexts(frame: Frame, key: string, value: unknown): Frame[] | null {
	const { context, path } = frame;
	// `resources` itself is visited as a plain object (so a `media` right under it is listed);
	// each member of each collection under it starts a resource scope.
	if (context.scope === 'session' && path === 'resources') {
		return (Array.isArray(value) ? value : [value]).map((resource) =>
			isRecord(resource)
				? {
						value: resource,
						context: {
							...SESSION,
							scope: 'resource',
							resourceKey: key,
							resource_id: text(resource.id),
							resource_type: resourceType(key),
						},
						path: '',
					}
				: { value: resource, context, path: `resources.${key}` },
		);
	}
	if (path !== '') return null;
	if (context.scope === 'session') {
		if (key === 'checks' && Array.isArray(value)) {
			return value.map((check) => ({
				value: check,
				context: isRecord(check) ? { ...SESSION, scope: 'check', check_id: text(check.id) } : SESSION,
				path: isRecord(check) ? '' : 'checks',
			}));
		}
		if (key === 'identity_profile' || key === 'advanced_identity_profile') {
			return [{ value, context: PROFILE, path: '' }];
		}
	}
	if (context.scope === 'resource' && key === 'tasks' && Array.isArray(value)) {
		return value.map((task) => ({
			value: task,
			context: isRecord(task) ? { ...context, scope: 'task', task_id: text(task.id) } : context,
			path: isRecord(task) ? '' : 'tasks',
		}));
	}
	return null;
}

/** The contract's "Media item" list for a session result; never throws. */
export function flattenMedia(session: unknown): MediaItem[] {
	const inventory = new Inventory(isRecord(session) ? text(session.session_id) : null);
	// An explicit stack, not recursion: a deeply nested response cannot exhaust the call stack.
	const stack: Frame[] = [{ value: session, context: SESSION, path: '' }];
	while (stack.length > 0) {
		const frame = stack.pop() as Frame;
		const { value, context, path } = frame;
		const children: Frame[] = [];
		if (Array.isArray(value)) {
			for (const element of value) children.push({ value: element, context, path });
		} else if (isRecord(value)) {
			for (const key of Object.keys(value)) {
				const child = value[key];
				if (key === 'media') inventory.addAll(child, roleFor(context, path), context);
				if (key === 'generated_media' && Array.isArray(child)) {
					const role: MediaRole =
						path === '' && context.scope === 'check'
							? 'check_generated'
							: path === '' && context.scope === 'task'
								? 'task_generated'
								: 'other';
					for (const media of child) inventory.add(media, role, context);
				}
				if (child === null || typeof child !== 'object') continue;
				const scoped = childContexts(frame, key, child);
				if (scoped) for (const scopedFrame of scoped) children.push(scopedFrame);
				else children.push({ value: child, context, path: path === '' ? key : `${path}.${key}` });
			}
		}
		for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
	}
	return inventory.items;
}
