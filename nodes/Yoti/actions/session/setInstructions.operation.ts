import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { buildInstructions, type InstructionsInput } from '../../core/instructions';
import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['setInstructions'] };

// Fields as the SDKs' PUT model has them: getyoti/yoti-php-sdk src/DocScan/Session/Instructions/
// (ContactProfile, Document/DocumentProposal + SelectedIdDocument / SelectedSupplementaryDocument,
// Branch/UkPostOfficeBranch + Location); JSON names from yoti-java-sdk docs/session/instructions/.
export const description: INodeProperties[] = [
	sessionIdField(show),
	{
		displayName: 'Contact Profile',
		name: 'contactProfile',
		type: 'collection',
		placeholder: 'Add Contact Field',
		default: {},
		description: 'Who Yoti sends the instructions to',
		displayOptions: { show },
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Documents',
		name: 'documents',
		type: 'fixedCollection',
		placeholder: 'Add Document',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'The documents the user brings to the branch, one per requirement of the session',
		displayOptions: { show },
		options: [
			{
				displayName: 'Document',
				name: 'document',
				values: [
					{
						displayName: 'Requirement ID',
						name: 'requirementId',
						type: 'string',
						default: '',
						description: "The required resource's ID, from Get Configuration",
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'ID_DOCUMENT',
						options: [
							{ name: 'ID Document', value: 'ID_DOCUMENT' },
							{ name: 'Supplementary Document', value: 'SUPPLEMENTARY_DOCUMENT' },
						],
					},
					{
						displayName: 'Country Code',
						name: 'countryCode',
						type: 'string',
						default: 'GBR',
						description: 'ISO 3166-1 alpha-3 code of the issuing country',
					},
					{
						displayName: 'Document Type',
						name: 'documentType',
						type: 'string',
						default: 'PASSPORT',
						placeholder: 'e.g. PASSPORT, DRIVING_LICENCE, UTILITY_BILL',
					},
				],
			},
		],
	},
	{
		displayName: 'Branch (UK Post Office)',
		name: 'branch',
		type: 'collection',
		placeholder: 'Add Branch Field',
		default: {},
		description: 'The branch the user visits',
		displayOptions: { show },
		options: [
			{ displayName: 'Address', name: 'address', type: 'string', default: '' },
			{
				displayName: 'FAD Code',
				name: 'fadCode',
				type: 'string',
				default: '',
				description: "The Post Office branch's FAD code",
			},
			{ displayName: 'Latitude', name: 'latitude', type: 'number', default: 0, typeOptions: { numberPrecision: 6 } },
			{ displayName: 'Longitude', name: 'longitude', type: 'number', default: 0, typeOptions: { numberPrecision: 6 } },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Post Code', name: 'postCode', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Instructions (JSON)',
		name: 'instructionsJson',
		type: 'json',
		default: '{}',
		description: 'Anything else Yoti accepts in the instructions, merged over the fields above',
		displayOptions: { show },
	},
	optionsCollection(show),
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function refuse(ctx: IExecuteFunctions, itemIndex: number, message: string): never {
	throw new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description: 'Check the Set Instructions fields. Nothing was sent to Yoti.',
	});
}

function readExtra(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const raw = ctx.getNodeParameter('instructionsJson', itemIndex, '{}') as unknown;
	const value =
		typeof raw === 'string'
			? raw.trim() === ''
				? {}
				: jsonParse<unknown>(raw, { errorMessage: 'Instructions (JSON) is not valid JSON' })
			: raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		refuse(ctx, itemIndex, 'Instructions (JSON) must be a JSON object');
	}
	return value as Record<string, unknown>;
}

function readInput(ctx: IExecuteFunctions, itemIndex: number): InstructionsInput {
	const profile = ctx.getNodeParameter('contactProfile', itemIndex, {}) as IDataObject;
	const email = typeof profile.email === 'string' ? profile.email.trim() : '';
	if (email && !EMAIL.test(email)) refuse(ctx, itemIndex, `Contact Profile Email "${email.slice(0, 80)}" is not an e-mail address`);

	const documents = ((ctx.getNodeParameter('documents', itemIndex, {}) as IDataObject).document ?? []) as IDataObject[];
	documents.forEach((document, index) => {
		if (!String(document.requirementId ?? '').trim()) refuse(ctx, itemIndex, `Document ${index + 1} needs a Requirement ID`);
	});

	const branch = ctx.getNodeParameter('branch', itemIndex, {}) as IDataObject;
	const hasLatitude = branch.latitude !== undefined;
	const hasLongitude = branch.longitude !== undefined;
	if (hasLatitude !== hasLongitude) refuse(ctx, itemIndex, 'The branch location needs both Latitude and Longitude');
	if (hasLatitude) {
		const latitude = Number(branch.latitude);
		const longitude = Number(branch.longitude);
		if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
			refuse(ctx, itemIndex, 'The branch Latitude must be within ±90 and Longitude within ±180');
		}
	}
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return {
		contactProfile: { firstName: text(profile.firstName), lastName: text(profile.lastName), email },
		documents: documents.map((document) => ({
			requirementId: text(document.requirementId),
			type: text(document.type),
			countryCode: text(document.countryCode),
			documentType: text(document.documentType),
		})),
		branch: Object.keys(branch).length
			? {
					name: text(branch.name),
					address: text(branch.address),
					postCode: text(branch.postCode),
					fadCode: text(branch.fadCode),
					latitude: hasLatitude ? Number(branch.latitude) : undefined,
					longitude: hasLongitude ? Number(branch.longitude) : undefined,
				}
			: undefined,
		extra: readExtra(ctx, itemIndex),
	};
}

/** PUT /sessions/{id}/instructions: the in-branch instructions (contact profile, documents, branch). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	const body = buildInstructions(readInput(this, itemIndex));
	if (Object.keys(body).length === 0) {
		refuse(this, itemIndex, 'Set Instructions needs a contact profile, a document or a branch');
	}
	await yotiRequest(
		this,
		{ api: 'idv', method: 'PUT', path: `/sessions/${sessionId}/instructions`, body, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { session_id: sessionId, instructions_set: true } }];
}
