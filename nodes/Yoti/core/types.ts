/** A value a flattened item may hold: a primitive, null, or a list of strings. */
export type FlatValue = string | number | boolean | null | string[];

/** A flat item: valid as n8n item JSON (`IDataObject`) without importing n8n. */
export type FlatItem = { [key: string]: FlatValue };

/** Anything an n8n item's JSON may hold; `raw` output is the API response as it came. */
export type DataObject = { [key: string]: string | number | boolean | null | undefined | object };

export type OutputMode = 'checks' | 'subChecks' | 'summary' | 'tasks' | 'media' | 'raw';

export type Decision = 'APPROVE' | 'REJECT' | 'REVIEW' | 'NOT_AVAILABLE' | 'EXPIRED' | 'PENDING';

export type CheckItem = FlatItem & {
	session_id: string | null;
	session_state: string | null;
	user_tracking_id: string | null;
	check_id: string | null;
	check_type: string | null;
	check_state: string | null;
	check_created: string | null;
	check_last_updated: string | null;
	recommendation: string | null;
	recommendation_reason: string | null;
	recovery_suggestion: string | null;
	approved: boolean;
	sub_checks_total: number;
	sub_checks_failed: number;
	failed_sub_checks: string[];
	resources_used: string[];
};

export type SubCheckItem = FlatItem & {
	session_id: string | null;
	check_id: string | null;
	check_type: string | null;
	check_state: string | null;
	recommendation: string | null;
	sub_check: string;
	result: string | null;
	process: string | null;
};

export type SummaryItem = FlatItem & {
	session_id: string | null;
	decision: Decision;
	session_state: string | null;
	user_tracking_id: string | null;
	checks_total: number;
	checks_done: number;
	checks_approved: number;
	checks_rejected: number;
	checks_not_available: number;
	checks_review: number;
	rejected_check_types: string[];
	review_check_types: string[];
	not_available_reasons: string[];
	identity_profile_result: string | null;
	identity_profile_failure_reason: string | null;
	identity_profile_requirements_not_met: string[];
	identity_profile_schemes_not_met: string[];
	identity_profile_source: 'identity_profile' | 'advanced_identity_profile' | null;
};

export type TaskItem = FlatItem & {
	session_id: string | null;
	session_state: string | null;
	resource_id: string | null;
	resource_type: string;
	task_id: string | null;
	task_type: string | null;
	task_state: string | null;
	task_created: string | null;
	task_last_updated: string | null;
	recommendation: string | null;
	recommendation_reason: string | null;
	generated_check_ids: string[];
	generated_media_ids: string[];
};

/** Where a media was found in the session result (the contract's `media_role`). */
export type MediaRole =
	| 'document_page'
	| 'document_frame'
	| 'document_fields'
	| 'document_id_photo'
	| 'liveness_frame'
	| 'liveness_facemap'
	| 'face_capture_image'
	| 'supplementary_file'
	| 'supplementary_fields'
	| 'check_generated'
	| 'task_generated'
	| 'watchlist_raw_results'
	| 'identity_profile_report'
	| 'share_code_lookup_profile'
	| 'share_code_returned_profile'
	| 'share_code_id_photo'
	| 'share_code_file'
	| 'identity_profile_preview'
	| 'advanced_identity_profile_preview'
	| 'import_token'
	| 'applicant_profile'
	| 'other';

export type MediaItem = FlatItem & {
	session_id: string | null;
	resource_id: string | null;
	resource_type: string | null;
	media_id: string;
	media_type: string | null;
	media_role: MediaRole;
	media_created: string | null;
	media_last_updated: string | null;
	check_id: string | null;
	task_id: string | null;
};

export type RequiredResourceItem = FlatItem & {
	session_id: string | null;
	type: string | null;
	id: string | null;
	state: string | null;
	liveness_type: string | null;
	allowed_sources: string[];
	allowed_providers: string[];
};

export type TrackedDeviceItem = FlatItem & {
	session_id: string;
	event: string | null;
	created: string | null;
	resource_id: string | null;
};

export type SupportedDocumentItem = FlatItem & {
	country_code: string | null;
	document_type: string | null;
	is_strictly_latin: boolean | null;
};

export interface IdentityDocument {
	resource_id: string | null;
	document_type: string | null;
	issuing_country: string | null;
	/** Only a well-formed UUID, else null: the ID goes into a request path. */
	document_fields_media_id: string | null;
	document_id_photo_media_id: string | null;
}

/** An ID document or a supplementary document (proof of address, …) for Get Identity Data. */
export interface IdentityResource extends IdentityDocument {
	document_category: 'ID_DOCUMENT' | 'SUPPLEMENTARY_DOCUMENT';
}

/** A primitive or a list of primitives: what a flattened JSON document is made of. */
export type FieldValue = string | number | boolean | null | Array<string | number | boolean | null>;
