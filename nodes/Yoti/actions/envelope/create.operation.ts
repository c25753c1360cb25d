import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import { randomBytes } from 'crypto';

import {
	FILE_MIME,
	FORBIDDEN_NAME_CHARS,
	SIGN_TOPICS,
	TAG_MAX_FRACTION,
	TAG_TYPES,
	embeddedRecipients,
	fileKind,
	isEmail,
	pdfPageCount,
} from '../../core/envelope';
import { buildMultipart, type MultipartPart } from '../../core/multipart';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';
import { showFor } from './shared';

const show = showFor('createEnvelope');

/** Yoti's limits: 1-20 files; 15 MB in all (20 MB for embedded envelopes). */
export const MAX_FILES = 20;
export const MAX_TOTAL_BYTES = 15 * 1024 * 1024;
export const MAX_TOTAL_BYTES_EMBEDDED = 20 * 1024 * 1024;

const SIGNING_WEB_APP: Record<string, string> = {
	production: 'https://www.yotisign.com',
	demo: 'https://demo.www.yotisign.com',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, annex',
		hint: 'The input binary field(s) holding the documents (PDF, .docx or .doc), separated by commas, in the order to present them',
		displayOptions: { show },
	},
	{
		displayName: 'Envelope Name',
		name: 'envelopeName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Account agreement',
		description: 'Shown to the recipients and used as the e-mail subject (1-125 characters, none of : * ? &lt; &gt; | /)',
		displayOptions: { show },
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Recipient',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Recipient',
				name: 'recipient',
				values: [
					{
						displayName: 'Authentication',
						name: 'authType',
						type: 'options',
						default: 'no-auth',
						options: [
							{
								name: 'None',
								value: 'no-auth',
							},
							{
								name: 'Yoti App Scan',
								value: 'sign-auth',
							},
							{
								name: 'Identity Verification (IDV)',
								value: 'idv',
							},
						]
					},
					{
						displayName: 'Country Code',
						name: 'isoCountryCode',
						type: 'string',
						default: '',
						placeholder: 'GB',
						description: 'For SMS or envelope one-time passcodes, with Mobile Number',
					},
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						default: '',
							required:	true,
						placeholder: 'name@email.com',
					},
					{
						displayName: 'IDV Session Configuration',
						name: 'idvSessionConfigName',
						type: 'string',
						default: '',
						placeholder: 'e.g. Finance',
						description: 'With Identity Verification:	a Yoti Sign session configuration (Real Estate, HR, Finance, Adult, Recruitment, Liveness Only, or your own)',
					},
					{
						displayName: 'IDV When',
						name: 'idvWhen',
						type: 'options',
						default: 'before_viewing',
						options: [
							{
								name: 'Before Viewing',
								value: 'before_viewing',
							},
							{
								name: 'After Submitting',
								value: 'after_submitting',
							},
					]
					},
					{
						displayName: 'Link Valid For (Seconds)',
						name: 'activeForSeconds',
						type: 'number',
						default: 0,
						description: 'The recipient token\'s lifetime;	0	=	Yoti\'s default (2 days)',
					},
					{
						displayName: 'Mobile Number',
						name: 'mobileNumber',
						type: 'string',
						default: '',
						placeholder: '7999999999',
						description: 'Without the leading 0',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
							required:	true,
					},
					{
						displayName: 'Role',
						name: 'role',
						type: 'string',
						default: 'Signer',
						description: 'Free text, at most 50 characters (matches the anchors when auto-tagging)',
					},
					{
						displayName: 'Sign Order',
						name: 'signGroup',
						type: 'number',
						default: 1,
						description: 'Signing order, from 1',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'SIGNER',
						options: [
							{
								name: 'Signer',
								value: 'SIGNER',
							},
							{
								name: 'CC (Receives the Signed Documents)',
								value: 'CC',
							},
					]
					},
			],
			},
		],
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Tag',
		default: {},
		description: 'Where each signer signs or fills in: a page and a position (fractions of the page from its top-left corner)',
		displayOptions: { show },
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						description: 'The document the tag is on, as named in its binary field;	empty	=	the first document',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'A name for the tag (its value comes back under this name)',
					},
					{
						displayName: 'Optional',
						name: 'optional',
						type: 'boolean',
						default: false,
						description: 'Whether the signer may leave it empty',
					},
					{
						displayName: 'Page',
						name: 'pageNumber',
						type: 'number',
						default: 1
					},
					{
						displayName: 'Recipient Email',
						name: 'recipientEmail',
						type: 'string',
						default: '',
							required:	true,
						description: 'The e-mail of the signer this tag is for (one of the Recipients above)',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: '',
					},
					{
						displayName: 'Width',
						name: 'width',
						type: 'number',
						default: 0,
						description: 'Text fields only:	width as a fraction of the page;	0	=	default',
					},
					{
						displayName: 'X',
						name: 'x',
						type: 'number',
						default: 0.1,
						description: 'From the left edge, as a fraction of the page width (0-0.949)',
					},
					{
						displayName: 'Y',
						name: 'y',
						type: 'number',
						default: 0.8,
						description: 'From the top edge, as a fraction of the page height (0-0.949)',
					},
				],
			},
		],
	},
	{
		displayName: 'Email Message',
		name: 'emailMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: 'Please review and sign the attached document.',
		description: 'The invitation e-mail body (1-600 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'Embedded',
		name: 'embedded',
		type: 'boolean',
		default: false,
		description:
			'Whether to create an embedded envelope: you show the signing page yourself (e.g. in an iFrame) and authenticate the signer; the output has one item per recipient with its signing URL and token',
		displayOptions: { show },
	},
	{
		displayName: 'Notifications',
		name: 'notifications',
		type: 'collection',
		placeholder: 'Add Notification Setting',
		default: {},
		description: "Paste the Yoti Sign Trigger's Production URL as the Destination",
		displayOptions: { show },
		options: [
			{ displayName: 'Destination', name: 'destination', type: 'string', default: '', placeholder: 'https://n8n.example.com/webhook/…/sign', description: "The Yoti Sign Trigger's Production URL (https)" },
			{
				displayName: 'Topics',
				name: 'subscriptions',
				type: 'multiOptions',
				default: ['envelope_completion'],
				options: SIGN_TOPICS.map(({ name, value, description }) => ({ name, value, description })),
			},
		],
	},
	{
		displayName: 'Additional Options',
		name: 'additionalOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto-Tagging',
				name: 'autotagging',
				type: 'options',
				default: '',
				description: 'Place tags from anchor text in the document (e.g. |S1SR|) instead of the Tags above',
				options: [
					{ name: 'Off', value: '' },
					{ name: 'General', value: 'GENERAL' },
					{ name: 'Real Estate', value: 'REAL_ESTATE' },
				],
			},
			{ displayName: 'Failure Redirect URL', name: 'failureUrl', type: 'string', default: '', description: 'Where a signer goes on an error (https)' },
			{ displayName: 'One-Time Passcode', name: 'hasEnvelopeOtps', type: 'boolean', default: false, description: 'Whether each recipient enters an SMS passcode before opening the envelope (needs their Country Code and Mobile Number)' },
			{
				displayName: 'Reminder Frequency',
				name: 'reminderFrequency',
				type: 'options',
				default: 1,
				description: 'How often Yoti reminds unsigned recipients (three reminders)',
				options: [
					{ name: 'Never', value: 0 },
					{ name: 'Every Day', value: 1 },
					{ name: 'Every 2 Days', value: 2 },
					{ name: 'Every 7 Days', value: 7 },
				],
			},
			{ displayName: 'Reply-To Email', name: 'replyTo', type: 'string', default: '', placeholder: 'name@email.com' },
			{ displayName: 'Send Completion Email to Sender', name: 'senderCompletionEmail', type: 'boolean', default: true, description: 'Whether Yoti e-mails the sender when everyone has signed' },
			{ displayName: 'Sender Name', name: 'senderName', type: 'string', default: '', description: "The sender's name shown in Yoti's e-mails" },
			{ displayName: 'Success Redirect URL', name: 'successUrl', type: 'string', default: '', description: 'Where a signer goes after signing (https)' },
		],
	},
	{
		displayName: 'Options (JSON)',
		name: 'optionsJson',
		type: 'json',
		default: '{}',
		description: "Anything else Yoti Sign's options object accepts (branding, rules, witnesses, …), merged over what the fields above build",
		displayOptions: { show },
	},
	// Never resent once it may have reached Yoti: no Attempts option.
	optionsCollection(show, [], false),
];

function str(value: unknown): string {
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `extra` merged over `base`: objects key by key, everything else (arrays too) replaced. */
export function mergeOptions(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
	const result: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		result[key] = isPlainObject(value) && isPlainObject(result[key]) ? mergeOptions(result[key] as Record<string, unknown>, value) : value;
	}
	return result;
}

interface InputFile {
	field: string;
	fileName: string;
	mimeType: string;
	bytes: Buffer;
	pages: number | null;
}

interface Refuse {
	(message: string, description?: string): NodeOperationError;
}

async function readFiles(ctx: IExecuteFunctions, itemIndex: number, embedded: boolean, refuse: Refuse): Promise<InputFile[]> {
	const names = str(ctx.getNodeParameter('binaryPropertyNames', itemIndex, 'data'))
		.split(',')
		.map((n) => n.trim())
		.filter((n) => n !== '');
	if (names.length === 0) throw refuse('Input Binary Fields is empty', 'Name the input binary field holding the document, e.g. data.');
	if (names.length > MAX_FILES) throw refuse(`Input Binary Fields names ${names.length} files; Yoti Sign takes at most ${MAX_FILES}`);
	const item = ctx.getInputData()[itemIndex];
	const files: InputFile[] = [];
	let total = 0;
	for (const field of names) {
		const binary = item?.binary?.[field] as IBinaryData | undefined;
		if (!binary) {
			const present = Object.keys(item?.binary ?? {});
			throw refuse(
				`Input Binary Fields: the input item has no binary field "${field}"`,
				present.length ? `Its binary fields are: ${present.join(', ')}.` : 'The input item has no binary data: read or download the document first (e.g. Read/Write Files from Disk, HTTP Request).',
			);
		}
		const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, field);
		const fileName = str(binary.fileName) || `${field}.pdf`;
		const kind = fileKind(bytes, fileName);
		if (!kind) {
			throw refuse(
				`Input Binary Fields: the file in "${field}" (${fileName.slice(0, 80)}) is not a PDF`,
				`Yoti Sign accepts PDF, .docx and .doc documents; this one is ${str(binary.mimeType) || 'of an unknown type'} and does not start like any of them.`,
			);
		}
		if (files.some((f) => f.fileName === fileName)) {
			throw refuse(`Input Binary Fields: two documents are named "${fileName.slice(0, 80)}"`, 'Yoti Sign places tags by file name, so each document needs its own name.');
		}
		total += bytes.length;
		files.push({ field, fileName, mimeType: FILE_MIME[kind], bytes, pages: kind === 'pdf' ? pdfPageCount(bytes) : null });
	}
	const cap = embedded ? MAX_TOTAL_BYTES_EMBEDDED : MAX_TOTAL_BYTES;
	if (total > cap) throw refuse(`Input Binary Fields: the documents come to ${(total / 1024 / 1024).toFixed(1)} MB; Yoti Sign takes at most ${cap / 1024 / 1024} MB in all`);
	return files;
}

interface RecipientInput {
	email: string;
	type: string;
	body: Record<string, unknown>;
}

function readRecipients(ctx: IExecuteFunctions, itemIndex: number, embedded: boolean, refuse: Refuse): RecipientInput[] {
	const raw = ctx.getNodeParameter('recipients', itemIndex, {}) as IDataObject;
	const entries = Array.isArray(raw.recipient) ? (raw.recipient as IDataObject[]) : [];
	const recipients: RecipientInput[] = [];
	for (const [index, r] of entries.entries()) {
		const label = `Recipients → recipient ${index + 1}`;
		const name = str(r.name);
		const email = str(r.email);
		const type = str(r.type).toUpperCase() || 'SIGNER';
		if (!name) throw refuse(`${label} has no name`);
		if (name.length > 100 || FORBIDDEN_NAME_CHARS.test(name)) throw refuse(`${label}: Name must be 1-100 characters without / \\ : * ? < > |`);
		if (!email) throw refuse(`${label} (${name.slice(0, 60)}) has no e-mail`, 'Yoti Sign sends each recipient their invitation and documents by e-mail.');
		if (!isEmail(email)) throw refuse(`${label} (${name.slice(0, 60)}): Email "${email.slice(0, 60)}" is not an e-mail address`);
		if (recipients.some((x) => x.email.toLowerCase() === email.toLowerCase() && x.type === type)) {
			throw refuse(`${label}: ${email.slice(0, 60)} is already a ${type === 'CC' ? 'CC' : 'signer'} of this envelope`);
		}
		if (type !== 'SIGNER' && type !== 'CC') throw refuse(`${label}: Type must be SIGNER or CC`);
		const body: Record<string, unknown> = { name, email, type };
		if (type === 'SIGNER') {
			const role = str(r.role) || 'Signer';
			if (role.length > 50 || FORBIDDEN_NAME_CHARS.test(role)) throw refuse(`${label}: Role must be at most 50 characters without / \\ : * ? < > |`);
			const signGroup = Number(r.signGroup ?? 1);
			if (!Number.isInteger(signGroup) || signGroup < 1) throw refuse(`${label}: Sign Order must be a whole number from 1`);
			const authType = str(r.authType) || 'no-auth';
			if (!['no-auth', 'sign-auth', 'idv'].includes(authType)) throw refuse(`${label}: Authentication "${authType.slice(0, 30)}" is not one Yoti Sign knows`);
			Object.assign(body, { role, auth_type: authType, sign_group: signGroup, tags: [] as unknown[] });
			if (authType === 'idv') {
				const config = str(r.idvSessionConfigName);
				if (!config) throw refuse(`${label}: Authentication is Identity Verification but IDV Session Configuration is empty`, 'Name a Yoti Sign session configuration, e.g. Finance or Real Estate.');
				body.verification = { idv: { session_config_name: config, when: str(r.idvWhen) || 'before_viewing' } };
			}
			const seconds = Number(r.activeForSeconds ?? 0);
			if (Number.isFinite(seconds) && seconds > 0) body.active_for_seconds = Math.floor(seconds);
		}
		// Required on embedded envelopes: signers get no e-mail (you show the signing page), a CC
		// still gets the signed documents.
		if (embedded) body.event_notifications = type === 'CC' ? ['envelope_completion'] : [];
		const country = str(r.isoCountryCode).toUpperCase();
		const mobile = str(r.mobileNumber).replace(/[\s-]/g, '');
		if (Boolean(country) !== Boolean(mobile)) throw refuse(`${label}: Country Code and Mobile Number go together`);
		if (country) {
			if (!/^[A-Z]{2}$/.test(country)) throw refuse(`${label}: Country Code "${country.slice(0, 10)}" is not a two-letter ISO code`);
			if (!/^\d{4,15}$/.test(mobile)) throw refuse(`${label}: Mobile Number must be digits only, without the leading 0`);
			body.iso_country_code = country;
			// As in Yoti's example: a number (a leading 0 is dropped by Yoti's own instructions).
			body.mobile_number = Number(mobile);
		}
		recipients.push({ email, type, body });
	}
	if (!recipients.some((r) => r.type === 'SIGNER')) throw refuse('Recipients: add at least one signer', 'An envelope needs someone to sign it.');
	return recipients;
}

function addTags(ctx: IExecuteFunctions, itemIndex: number, recipients: RecipientInput[], files: InputFile[], refuse: Refuse): number {
	const raw = ctx.getNodeParameter('tags', itemIndex, {}) as IDataObject;
	const entries = Array.isArray(raw.tag) ? (raw.tag as IDataObject[]) : [];
	for (const [index, t] of entries.entries()) {
		const label = `Tags → tag ${index + 1}`;
		const email = str(t.recipientEmail);
		const signer = recipients.find((r) => r.type === 'SIGNER' && r.email.toLowerCase() === email.toLowerCase());
		if (!signer) throw refuse(`${label}: Recipient Email "${email.slice(0, 60)}" is not one of the signers`, 'Each tag belongs to a signer: use the e-mail of a Recipient whose Type is Signer.');
		const fileName = str(t.fileName) || files[0].fileName;
		const file = files.find((f) => f.fileName === fileName);
		if (!file) throw refuse(`${label}: File Name "${fileName.slice(0, 80)}" is not one of the documents`, `The documents are: ${files.map((f) => f.fileName).join(', ')}.`);
		const type = str(t.type) || 'signature';
		if (!(TAG_TYPES as readonly string[]).includes(type)) throw refuse(`${label}: Type "${type.slice(0, 30)}" is not a tag type Yoti Sign knows`);
		const page = Number(t.pageNumber ?? 1);
		if (!Number.isInteger(page) || page < 1) throw refuse(`${label}: Page must be a whole number from 1`);
		if (file.pages !== null && page > file.pages) {
			throw refuse(`${label}: Page ${page} is outside ${file.fileName.slice(0, 80)}, which has ${file.pages} page${file.pages === 1 ? '' : 's'}`, 'Yoti Sign would refuse the envelope after upload (upload_errors).');
		}
		const x = Number(t.x);
		const y = Number(t.y);
		for (const [axis, value] of [['X', x], ['Y', y]] as const) {
			if (!Number.isFinite(value) || value < 0 || value > TAG_MAX_FRACTION) {
				throw refuse(`${label}: ${axis} ${String(value)} is outside the page`, `Positions are fractions of the page from its top-left corner, 0 to ${TAG_MAX_FRACTION}.`);
			}
		}
		const tag: Record<string, unknown> = { page_number: page, x, y, type, optional: t.optional === true, file_name: file.fileName };
		const name = str(t.name);
		if (name) tag.name = name;
		const width = Number(t.width ?? 0);
		if (Number.isFinite(width) && width > 0) {
			if (type !== 'text_field') throw refuse(`${label}: Width applies to text fields only`);
			if (x + width >= 1) throw refuse(`${label}: X + Width (${(x + width).toFixed(3)}) runs off the page; it must stay below 1`);
			tag.width = width;
		}
		(signer.body.tags as unknown[]).push(tag);
	}
	return entries.length;
}

function readOptionsJson(ctx: IExecuteFunctions, itemIndex: number, refuse: Refuse): Record<string, unknown> {
	const raw = ctx.getNodeParameter('optionsJson', itemIndex, '{}') as unknown;
	const value =
		typeof raw === 'string' ? (raw.trim() === '' ? {} : jsonParse<unknown>(raw, { errorMessage: 'Options (JSON) is not valid JSON' })) : raw;
	if (!isPlainObject(value)) throw refuse('Options (JSON) must be a JSON object');
	return value;
}

function httpsOrLocal(url: string): boolean {
	return /^https:\/\//i.test(url) || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//i.test(url);
}

/** The options object Yoti Sign receives, and the files, checked; throws (before any request) naming the field. */
export async function buildCreateRequest(ctx: IExecuteFunctions, itemIndex: number) {
	const refuse: Refuse = (message, description) => new NodeOperationError(ctx.getNode(), message, { itemIndex, ...(description ? { description } : {}) });
	const embedded = ctx.getNodeParameter('embedded', itemIndex, false) === true;
	const name = str(ctx.getNodeParameter('envelopeName', itemIndex, ''));
	if (!name) throw refuse('Envelope Name is empty');
	if (name.length > 125 || /[:*?<>|\\/]/.test(name)) throw refuse('Envelope Name must be 1-125 characters without : * ? < > | \\ /');
	const files = await readFiles(ctx, itemIndex, embedded, refuse);
	const recipients = readRecipients(ctx, itemIndex, embedded, refuse);
	const additional = ctx.getNodeParameter('additionalOptions', itemIndex, {}) as IDataObject;
	const autotagging = str(additional.autotagging);
	const tagCount = addTags(ctx, itemIndex, recipients, files, refuse);
	if (autotagging && tagCount > 0) throw refuse('Tags must be empty with Auto-Tagging', 'Auto-tagging places the tags from anchors in the document.');

	const options: Record<string, unknown> = { name };
	const emails: Record<string, unknown> = {};
	const message = str(ctx.getNodeParameter('emailMessage', itemIndex, ''));
	if (!embedded) {
		if (!message) throw refuse('Email Message is empty', 'Yoti Sign needs the invitation text (1-600 characters).');
		if (message.length > 600) throw refuse(`Email Message is ${message.length} characters; Yoti Sign takes at most 600`);
	}
	if (message) emails.invitation = { body: { message: message.slice(0, 600) } };
	if (additional.reminderFrequency !== undefined && additional.reminderFrequency !== '') {
		const frequency = Number(additional.reminderFrequency);
		if (![0, 1, 2, 7].includes(frequency)) throw refuse('Additional Options → Reminder Frequency must be 0, 1, 2 or 7 days');
		emails.reminders = { frequency };
	}
	const replyTo = str(additional.replyTo);
	if (replyTo) {
		if (!isEmail(replyTo)) throw refuse(`Additional Options → Reply-To Email "${replyTo.slice(0, 60)}" is not an e-mail address`);
		emails.reply_to = replyTo;
	}
	const senderName = str(additional.senderName);
	if (senderName) {
		if (FORBIDDEN_NAME_CHARS.test(senderName)) throw refuse('Additional Options → Sender Name must not contain / \\ : * ? < > |');
		emails.name = senderName;
	}
	if (Object.keys(emails).length) options.emails = emails;
	if (additional.senderCompletionEmail === false) options.sender = { event_notifications: [] };
	if (additional.hasEnvelopeOtps === true) {
		const missing = recipients.find((r) => r.type === 'SIGNER' && r.body.mobile_number === undefined);
		if (missing) throw refuse(`Additional Options → One-Time Passcode needs a Country Code and Mobile Number for ${missing.email.slice(0, 60)}`);
		options.has_envelope_otps = true;
	}
	if (autotagging) options.autotagging = autotagging;
	const redirects: Record<string, string> = {};
	for (const [key, label] of [['successUrl', 'Success Redirect URL'], ['failureUrl', 'Failure Redirect URL']] as const) {
		const url = str(additional[key]);
		if (!url) continue;
		if (!/^https:\/\//i.test(url)) throw refuse(`Additional Options → ${label} must be an https:// URL`);
		redirects[key === 'successUrl' ? 'success' : 'failure'] = url;
	}
	if (Object.keys(redirects).length) options.parent_redirect_urls = redirects;
	options.recipients = recipients.map((r) => r.body);

	const notifications = ctx.getNodeParameter('notifications', itemIndex, {}) as IDataObject;
	const destination = str(notifications.destination);
	if (destination) {
		if (!httpsOrLocal(destination)) {
			throw refuse('Notifications → Destination must be an https:// URL', "Yoti Sign calls only https addresses: paste the Yoti Sign Trigger's Production URL.");
		}
		const subscriptions = Array.isArray(notifications.subscriptions) ? (notifications.subscriptions as string[]) : ['envelope_completion'];
		if (subscriptions.length === 0) throw refuse('Notifications → Topics is empty', 'Pick at least one topic, e.g. Envelope Completion.');
		options.notifications = { destination, subscriptions };
	}
	const merged = mergeOptions(options, readOptionsJson(ctx, itemIndex, refuse));
	return { embedded, name, files, options: merged, recipientsTotal: recipients.length };
}

async function signingWebApp(ctx: IExecuteFunctions, itemIndex: number): Promise<string | null> {
	try {
		const credentials = await ctx.getCredentials('yotiSignApi', itemIndex);
		const environment = typeof credentials.environment === 'string' ? credentials.environment : 'production';
		if (SIGNING_WEB_APP[environment]) return SIGNING_WEB_APP[environment];
		const base = typeof credentials.baseUrl === 'string' ? new URL(credentials.baseUrl) : null;
		return base ? base.origin : null;
	} catch {
		return null;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	const request = await buildCreateRequest(this, itemIndex);
	const parts: MultipartPart[] = request.files.map((f) => ({ name: 'file', fileName: f.fileName, contentType: f.mimeType, data: f.bytes }));
	parts.push({ name: 'options', contentType: 'application/json', data: JSON.stringify(request.options) });
	const multipart = buildMultipart(parts, `----n8nYotiSign${randomBytes(12).toString('hex')}`);
	const { body } = await yotiRequest<unknown>(
		this,
		{
			api: 'sign',
			method: 'POST',
			path: request.embedded ? '/embedded-envelopes' : '/envelopes',
			body: multipart.body,
			contentType: multipart.contentType,
		},
		// A POST: the transport sends it again only when the connection was never made.
		{ attempts: run.attempts, itemIndex },
	);
	const answer = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const envelopeId = typeof answer.envelope_id === 'string' ? answer.envelope_id : null;
	const fileNames = request.files.map((f) => f.fileName);
	const common = { envelope_id: envelopeId, envelope_name: request.name, embedded: request.embedded, status: 'QUEUED' };
	if (!request.embedded) {
		return [{ json: { ...common, recipients_total: request.recipientsTotal, file_names: fileNames } }];
	}
	const tokens = embeddedRecipients(body);
	const webApp = await signingWebApp(this, itemIndex);
	if (tokens.length === 0) return [{ json: { ...common, recipients_total: request.recipientsTotal, file_names: fileNames } }];
	return tokens.map((t) => ({
		json: { ...common, email: t.email, token: t.token, signing_url: webApp ? `${webApp}/embedded/sign/${encodeURIComponent(t.token)}` : null },
	}));
}
