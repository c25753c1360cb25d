/*
 * In-branch verification (IBV) instructions: reading what GET /sessions/{id}/instructions and
 * …/instructions/contact-profile return, and building what PUT /sessions/{id}/instructions
 * sends. Pure: no n8n, no I/O; readers never throw.
 *
 * Shapes, as the official SDKs model them (the Node SDK 4.13 has no IBV endpoints):
 * - GET: getyoti/yoti-php-sdk src/DocScan/Session/Retrieve/Instructions/InstructionsResponse.php
 *   (`contact_profile_exists`, `documents[{requirement_id, document{type, country_code,
 *   document_type}}]`, `branch{type, name, address, post_code, fad_code,
 *   location{latitude, longitude}}` — Branch/UkPostOfficeBranchResponse.php, Document/
 *   DocumentProposalResponse.php); the same fields in yoti-java-sdk
 *   docs/session/retrieve/instructions/*.
 * - contact profile: …/Retrieve/Instructions/ContactProfileResponse.php (`first_name`,
 *   `last_name`, `email`).
 * - PUT: yoti-java-sdk docs/session/instructions/Instructions.java (`contact_profile`,
 *   `documents`, `branch`, nulls left out by the service's NON_NULL mapper); the PHP SDK's
 *   src/DocScan/Session/Instructions/ classes hold the same fields.
 */
import { flag, isRecord, list, record, text } from './read';
import { deepMerge } from './sessionSpec';

export const UK_POST_OFFICE = 'UK_POST_OFFICE';
export const SELECTED_DOCUMENT_TYPES = ['ID_DOCUMENT', 'SUPPLEMENTARY_DOCUMENT'] as const;

export interface InstructionsDocumentItem {
	[key: string]: string | null;
	requirement_id: string | null;
	type: string | null;
	country_code: string | null;
	document_type: string | null;
}

export interface InstructionsItem {
	[key: string]: string | number | boolean | null | InstructionsDocumentItem[];
	session_id: string;
	contact_profile_exists: boolean;
	branch_type: string | null;
	branch_name: string | null;
	branch_address: string | null;
	branch_post_code: string | null;
	branch_fad_code: string | null;
	branch_location_latitude: number | null;
	branch_location_longitude: number | null;
	documents: InstructionsDocumentItem[];
}

export interface ContactProfileItem {
	[key: string]: string | null;
	session_id: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
}

function coordinate(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

function documentProposal(element: unknown): InstructionsDocumentItem | null {
	return record(element, (proposal) => {
		const document = isRecord(proposal.document) ? proposal.document : {};
		return {
			requirement_id: text(proposal.requirement_id),
			type: text(document.type),
			country_code: text(document.country_code),
			document_type: text(document.document_type),
		};
	});
}

/** One item for GET …/instructions; `contact_profile_exists` is false when absent, as the SDKs read it. */
export function flattenInstructions(sessionId: string, body: unknown): InstructionsItem {
	const instructions = isRecord(body) ? body : {};
	const branch = isRecord(instructions.branch) ? instructions.branch : {};
	const location = isRecord(branch.location) ? branch.location : {};
	return {
		session_id: sessionId,
		contact_profile_exists: flag(instructions.contact_profile_exists) ?? false,
		branch_type: text(branch.type),
		branch_name: text(branch.name),
		branch_address: text(branch.address),
		branch_post_code: text(branch.post_code),
		branch_fad_code: text(branch.fad_code),
		branch_location_latitude: coordinate(location.latitude),
		branch_location_longitude: coordinate(location.longitude),
		documents: list(instructions.documents, documentProposal),
	};
}

export function contactProfileItem(sessionId: string, body: unknown): ContactProfileItem {
	const profile = isRecord(body) ? body : {};
	return {
		session_id: sessionId,
		first_name: text(profile.first_name),
		last_name: text(profile.last_name),
		email: text(profile.email),
	};
}

export interface InstructionsInput {
	contactProfile?: { firstName?: string; lastName?: string; email?: string };
	documents?: Array<{ requirementId?: string; type?: string; countryCode?: string; documentType?: string }>;
	branch?: {
		name?: string;
		address?: string;
		postCode?: string;
		fadCode?: string;
		latitude?: number;
		longitude?: number;
	};
	/** Anything else, merged over the built body (objects deeply, lists replaced). */
	extra?: Record<string, unknown>;
}

function present(value: string | undefined): string | undefined {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	return trimmed === '' ? undefined : trimmed;
}

/** Drops undefined keys, as the SDKs leave nulls out of the JSON they send. */
function compact(object: Record<string, unknown>): Record<string, unknown> | undefined {
	const kept = Object.entries(object).filter(([, value]) => value !== undefined);
	return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** The PUT …/instructions body. Empty parts are left out; the only branch type is UK_POST_OFFICE. */
export function buildInstructions(input: InstructionsInput): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	const profile = input.contactProfile
		? compact({
				first_name: present(input.contactProfile.firstName),
				last_name: present(input.contactProfile.lastName),
				email: present(input.contactProfile.email),
			})
		: undefined;
	if (profile) body.contact_profile = profile;
	const documents = (input.documents ?? []).map((proposal) => ({
		requirement_id: present(proposal.requirementId),
		document: compact({
			type: present(proposal.type),
			country_code: present(proposal.countryCode),
			document_type: present(proposal.documentType),
		}),
	}));
	if (documents.length > 0) body.documents = documents.map((proposal) => compact(proposal));
	if (input.branch) {
		const { latitude, longitude } = input.branch;
		const hasLocation = typeof latitude === 'number' && typeof longitude === 'number';
		const fields = compact({
			name: present(input.branch.name),
			address: present(input.branch.address),
			post_code: present(input.branch.postCode),
			fad_code: present(input.branch.fadCode),
			location: hasLocation ? { latitude, longitude } : undefined,
		});
		if (fields) body.branch = { type: UK_POST_OFFICE, ...fields };
	}
	return input.extra ? deepMerge(body, input.extra) : body;
}
