/* eslint-disable */
/**
 * A faithful TypeScript reading of how the official PHP and Java SDKs read the IBV
 * instructions answers, so a test can check the simulator answers in shapes those SDKs accept.
 * Each function fails exactly where the SDK would (a PHP TypeError or "Undefined array key"
 * warning; a Jackson type mismatch or unknown type id), and returns what the SDK's getters give.
 *
 * PHP: getyoti/yoti-php-sdk src/DocScan/Session/Retrieve/Instructions/
 *   InstructionsResponse.php        contact_profile_exists ?? false; documents[] -> DocumentProposalResponse;
 *                                   branch by type: UK_POST_OFFICE -> UkPostOfficeBranchResponse, else UnknownBranchResponse
 *   Document/DocumentProposalResponse.php  requirement_id; document by document.type (ID_DOCUMENT,
 *                                   SUPPLEMENTARY_DOCUMENT, else Unknown); SelectedDocumentResponse(array) reads
 *                                   type, country_code, document_type
 *   Branch/UkPostOfficeBranchResponse.php  type, fad_code, name, address, post_code, new LocationResponse(location)
 *   Branch/LocationResponse.php     LocationResponse(array): latitude, longitude; getters typed float
 *   ContactProfileResponse.php      first_name ?? null, last_name ?? null, email ?? null
 * Java: getyoti/yoti-java-sdk docs/session/retrieve/instructions/ — Jackson with
 *   FAIL_ON_UNKNOWN_PROPERTIES off; BranchResponse / SelectedDocumentResponse are polymorphic on
 *   `type` (@JsonTypeInfo NAME, no defaultImpl: an unknown type id fails); contact_profile_exists
 *   a boolean, latitude/longitude Double, the rest String.
 */

class SdkReadError extends Error {}

const isArray = Array.isArray;
const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !isArray(v);

function phpKey(data: Record<string, any>, key: string, where: string): any {
	// PHP 8: reading a missing array key is a warning ("Undefined array key") and yields null
	if (!(key in data)) throw new SdkReadError(`PHP warning: Undefined array key "${key}" in ${where}`);
	return data[key];
}

function phpArray(value: unknown, where: string): Record<string, any> {
	if (!isObject(value)) throw new SdkReadError(`PHP TypeError: ${where}(): Argument #1 must be of type array`);
	return value;
}

function phpNullableString(value: unknown, getter: string): string | null {
	if (value !== null && typeof value !== 'string') throw new SdkReadError(`PHP TypeError: ${getter}(): Return value must be of type ?string`);
	return value as string | null;
}

function phpFloat(value: unknown, getter: string): number {
	// strict_types: int widens to float; anything else is a TypeError
	if (typeof value !== 'number') throw new SdkReadError(`PHP TypeError: ${getter}(): Return value must be of type float`);
	return value;
}

export interface ReadInstructions {
	contactProfileExists: boolean;
	documents: Array<{ requirementId: string | null; type: string; countryCode: string | null; documentType: string | null }> | null;
	branch: null | { type: string; name?: string | null; address?: string | null; postCode?: string | null; fadCode?: string | null; latitude?: number; longitude?: number };
}

export function phpReadInstructions(json: unknown): ReadInstructions {
	const data = phpArray(json, 'InstructionsResponse::__construct');
	const exists = data.contact_profile_exists ?? false;
	if (typeof exists !== 'boolean') throw new SdkReadError('PHP TypeError: isContactProfileExists(): Return value must be of type bool');
	let documents: ReadInstructions['documents'] = null;
	if (data.documents !== undefined && data.documents !== null) {
		if (!isArray(data.documents)) throw new SdkReadError('PHP warning: foreach() argument must be of type array|object');
		documents = data.documents.map((entry: unknown) => {
			const proposal = phpArray(entry, 'DocumentProposalResponse::__construct');
			const requirementId = phpNullableString(phpKey(proposal, 'requirement_id', 'DocumentProposalResponse'), 'getRequirementId');
			const document = phpArray(phpKey(proposal, 'document', 'DocumentProposalResponse'), 'SelectedDocumentResponse::__construct');
			const type = phpKey(document, 'type', 'SelectedDocumentResponse');
			if (typeof type !== 'string') throw new SdkReadError('PHP TypeError: getType(): Return value must be of type string');
			return {
				requirementId,
				type,
				countryCode: phpNullableString(phpKey(document, 'country_code', 'SelectedDocumentResponse'), 'getCountryCode'),
				documentType: phpNullableString(phpKey(document, 'document_type', 'SelectedDocumentResponse'), 'getDocumentType'),
			};
		});
	}
	let branch: ReadInstructions['branch'] = null;
	if (data.branch !== undefined && data.branch !== null) {
		const b = phpArray(data.branch, 'InstructionsResponse branch');
		const type = phpKey(b, 'type', 'InstructionsResponse');
		if (type === 'UK_POST_OFFICE') {
			const location = phpArray(phpKey(b, 'location', 'UkPostOfficeBranchResponse'), 'LocationResponse::__construct');
			branch = {
				type,
				fadCode: phpNullableString(phpKey(b, 'fad_code', 'UkPostOfficeBranchResponse'), 'getFadCode'),
				name: phpNullableString(phpKey(b, 'name', 'UkPostOfficeBranchResponse'), 'getName'),
				address: phpNullableString(phpKey(b, 'address', 'UkPostOfficeBranchResponse'), 'getAddress'),
				postCode: phpNullableString(phpKey(b, 'post_code', 'UkPostOfficeBranchResponse'), 'getPostCode'),
				latitude: phpFloat(phpKey(location, 'latitude', 'LocationResponse'), 'getLatitude'),
				longitude: phpFloat(phpKey(location, 'longitude', 'LocationResponse'), 'getLongitude'),
			};
		} else {
			// UnknownBranchResponse: its type is never set, getType(): string throws when called
			branch = { type: '' };
		}
	}
	return { contactProfileExists: exists, documents, branch };
}

function javaString(value: unknown, field: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw new SdkReadError(`Jackson MismatchedInputException: ${field} is not a String`);
	return value;
}

function javaDouble(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number') throw new SdkReadError(`Jackson MismatchedInputException: ${field} is not a Double`);
	return value;
}

export function javaReadInstructions(json: unknown): ReadInstructions {
	if (!isObject(json)) throw new SdkReadError('Jackson MismatchedInputException: InstructionsResponse is not an object');
	const exists = json.contact_profile_exists ?? false;
	if (typeof exists !== 'boolean') throw new SdkReadError('Jackson: contact_profile_exists is not a boolean');
	let documents: ReadInstructions['documents'] = null;
	if (json.documents !== undefined && json.documents !== null) {
		if (!isArray(json.documents)) throw new SdkReadError('Jackson MismatchedInputException: documents is not a List');
		documents = json.documents.map((entry: unknown) => {
			if (!isObject(entry)) throw new SdkReadError('Jackson: DocumentProposalResponse is not an object');
			const document = entry.document;
			if (!isObject(document)) throw new SdkReadError('Jackson: document is not an object');
			if (document.type !== 'ID_DOCUMENT' && document.type !== 'SUPPLEMENTARY_DOCUMENT') {
				throw new SdkReadError(`Jackson InvalidTypeIdException: "${document.type}" is not a SelectedDocumentResponse subtype`);
			}
			return {
				requirementId: javaString(entry.requirement_id, 'requirement_id'),
				type: document.type,
				countryCode: javaString(document.country_code, 'country_code'),
				documentType: javaString(document.document_type, 'document_type'),
			};
		});
	}
	let branch: ReadInstructions['branch'] = null;
	if (json.branch !== undefined && json.branch !== null) {
		const b = json.branch;
		if (!isObject(b)) throw new SdkReadError('Jackson: branch is not an object');
		if (b.type !== 'UK_POST_OFFICE') throw new SdkReadError(`Jackson InvalidTypeIdException: "${b.type}" is not a BranchResponse subtype`);
		const location = b.location;
		if (location !== undefined && location !== null && !isObject(location)) throw new SdkReadError('Jackson: location is not an object');
		branch = {
			type: b.type,
			fadCode: javaString(b.fad_code, 'fad_code'),
			name: javaString(b.name, 'name'),
			address: javaString(b.address, 'address'),
			postCode: javaString(b.post_code, 'post_code'),
			latitude: javaDouble(location?.latitude, 'latitude'),
			longitude: javaDouble(location?.longitude, 'longitude'),
		};
	}
	return { contactProfileExists: exists, documents, branch };
}

export interface ReadContactProfile {
	firstName: string | null;
	lastName: string | null;
	email: string | null;
}

export function phpReadContactProfile(json: unknown): ReadContactProfile {
	const data = phpArray(json, 'ContactProfileResponse::__construct');
	return {
		firstName: phpNullableString(data.first_name ?? null, 'getFirstName'),
		lastName: phpNullableString(data.last_name ?? null, 'getLastName'),
		email: phpNullableString(data.email ?? null, 'getEmail'),
	};
}

export function javaReadContactProfile(json: unknown): ReadContactProfile {
	if (!isObject(json)) throw new SdkReadError('Jackson: ContactProfileResponse is not an object');
	return {
		firstName: javaString(json.first_name, 'first_name'),
		lastName: javaString(json.last_name, 'last_name'),
		email: javaString(json.email, 'email'),
	};
}
