/* eslint-disable */
/**
 * Envelope resource (Yoti Sign envelopes) inside n8n's engine against the simulator. Expected
 * values are written by hand from test/simulator/data/envelopes/envelopes.json and
 * ../shared/reference/yoti-sign-envelopes.md; nothing is computed with the code under test.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INodeExecutionData } from 'n8n-workflow';

import { DATA_DIR, DEMO, errorText, jsons, out, pairedIndexes, startEnv, visibleTexts, type YotiEnv } from './yotiFixtures';

const { readStoredZip } = require('../simulator/zip');

const E = (n: number) => `e0000000-0000-4000-8000-00000000000${n}`;
const RCP = (n: string) => `5191e000-0000-4000-8000-0000000e0${n}`;
const ADA = '5191e000-0000-4000-8000-000000000001';
const UNKNOWN_ENVELOPE = 'e0000000-0000-4000-8000-0000000000ff';

const ONE_PAGE = fs.readFileSync(path.join(DATA_DIR, 'envelopes', 'contract-1-page.pdf'));
const TWO_PAGES = fs.readFileSync(path.join(DATA_DIR, 'envelopes', 'agreement-2-pages.pdf'));

function fileItem(files: Record<string, { bytes: Buffer; fileName: string; mimeType?: string }>, json: Record<string, unknown> = {}): INodeExecutionData {
	const binary: Record<string, any> = {};
	for (const [field, f] of Object.entries(files)) {
		binary[field] = { data: f.bytes.toString('base64'), mimeType: f.mimeType ?? 'application/pdf', fileName: f.fileName };
	}
	return { json, binary };
}

let env: YotiEnv;
beforeAll(async () => {
	env = await startEnv();
});
afterAll(async () => {
	await env?.close();
});
beforeEach(() => {
	env.sim.reset();
});

const run = (operation: string, parameters: Record<string, unknown> = {}, options: Parameters<YotiEnv['run']>[1] = {}) =>
	env.run({ resource: 'envelope', operation, ...parameters } as any, options);

async function until(check: () => boolean, timeoutMs = 3000) {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('Get / Get Recipients / Get Status', () => {
	test('Get: a completed envelope as one flat item (GET says COMPLETE: status COMPLETED)', async () => {
		const result = await run('getEnvelope', { envelopeId: E(1) });
		expect(pairedIndexes(out(result))).toEqual([0]);
		expect(jsons(result)).toEqual([
			{
				envelope_id: E(1),
				status: 'COMPLETED',
				complete: true,
				envelope_name: null,
				completed_at: '2026-11-03T16:20:00.000Z',
				archived_at: null,
				recipients_total: 3,
				recipients_signed: 2,
				file_names: [],
				errors: [],
				status_raw: 'COMPLETE',
			},
		]);
	});

	test('Get: an errored envelope (FILE_UPLOAD_ERROR) reads as ERRORED with its errors', async () => {
		const [item] = jsons(await run('getEnvelope', { envelopeId: E(4) }));
		expect(item).toMatchObject({ status: 'ERRORED', complete: false, status_raw: 'FILE_UPLOAD_ERROR', errors: ['lease.pdf: TAG_PAGE_NOT_FOUND'], recipients_total: 0 });
	});

	test('Get Recipients: one item per recipient, IDs usable by Sign Recipient', async () => {
		const result = await run('getRecipients', { envelopeId: E(1) });
		expect(pairedIndexes(out(result))).toEqual([0, 0, 0]);
		const common = { envelope_id: E(1), type: null, sign_group_order: null, last_email_status: null };
		expect(jsons(result)).toEqual([
			{ ...common, recipient_id: ADA, name: 'Ada Tenant', email: 'ada@example.com', role: 'Tenant', sign_status: 'SIGNED', signed: true, signed_at: '2026-11-03T10:05:00.000Z', auth_type: 'idv' },
			{ ...common, recipient_id: RCP('102'), name: 'Bob Landlord', email: 'bob@example.com', role: 'Landlord', sign_status: 'SIGNED', signed: true, signed_at: '2026-11-03T16:19:00.000Z', auth_type: 'no-auth' },
			{ ...common, recipient_id: RCP('103'), name: 'Agency Records', email: 'records@example.com', role: null, sign_status: 'UNSIGNED', signed: false, signed_at: null, auth_type: 'no-auth' },
		]);
		// Ada's recipient_id feeds Sign Recipient → Get Signed Result as it is.
		const signed = await env.run({ resource: 'signRecipient', operation: 'getSignedResult', recipientId: jsons(result)[0].recipient_id, output: 'summary' });
		expect(jsons(signed)[0]).toMatchObject({ recipient_id: ADA, session_id: '5e551000-0000-4000-8000-000000000051', session_state: 'COMPLETED' });
	});

	test('Get Recipients: a legacy envelope without recipient ids gives recipient_id null', async () => {
		expect(jsons(await run('getRecipients', { envelopeId: E(5) }))).toEqual([
			{ envelope_id: E(5), recipient_id: null, name: 'Fay Partner', email: 'fay@example.com', role: 'Partner', type: null, sign_status: 'SIGNED', signed: true, signed_at: '2026-11-25T12:59:00.000Z', sign_group_order: null, last_email_status: null, auth_type: 'sign-auth' },
		]);
	});

	test('Get Status: /status says COMPLETED; ACTIVE and ARCHIVED as they are', async () => {
		expect(jsons(await run('getStatus', { envelopeId: E(1) }))).toEqual([{ envelope_id: E(1), status: 'COMPLETED', complete: true, errors: [], status_raw: 'COMPLETED' }]);
		expect(jsons(await run('getStatus', { envelopeId: E(2) }))[0]).toMatchObject({ status: 'ACTIVE', complete: false });
		expect(jsons(await run('getStatus', { envelopeId: E(3) }))[0]).toMatchObject({ status: 'ARCHIVED', complete: false });
	});

	test('an unknown envelope: "Envelope … not found"; a bad ID is refused before any request', async () => {
		expect(errorText(await run('getEnvelope', { envelopeId: UNKNOWN_ENVELOPE }))).toContain(`Envelope ${UNKNOWN_ENVELOPE} not found`);
		const mark = env.sim.requests.length;
		expect(errorText(await run('getEnvelope', { envelopeId: 'abc' }))).toContain('Envelope ID "abc" is not a valid Yoti Sign ID');
		expect(errorText(await run('getEnvelope', { envelopeId: '={{ "" }}' }))).toContain('Envelope ID is empty');
		expect(env.requestsSince(mark)).toEqual([]);
	});

	test('403 names the envelope and the other API key; a wrong key names the key', async () => {
		env.sim.setFaults(['403:times=1:route=/v2/envelopes/']);
		const forbidden = await run('getEnvelope', { envelopeId: E(1) });
		env.sim.clearFaults();
		expect(errorText(forbidden)).toContain("Yoti Sign refused access — the envelope was created with another API key (organisation) than this credential's");
		const wrongKey = await run('getEnvelope', { envelopeId: E(1) }, { credentials: { yotiSignApi: { apiKey: 'not-the-key' } } });
		expect(errorText(wrongKey)).toContain('Yoti Sign rejected the API key');
	});
});

describe('Search / Find', () => {
	test('Search: the seeded envelopes, oldest first, Limit 50 by default', async () => {
		const result = await run('search');
		expect(jsons(result)).toEqual([
			{ envelope_id: E(1), envelope_name: 'Tenancy agreement', status: 'COMPLETED', created_at: '2026-11-02T09:00:00.000Z', status_raw: 'COMPLETE' },
			{ envelope_id: E(2), envelope_name: 'Employment contract', status: 'ACTIVE', created_at: '2026-11-10T12:00:00.000Z', status_raw: 'ACTIVE' },
			{ envelope_id: E(3), envelope_name: 'Withdrawn offer', status: 'ARCHIVED', created_at: '2026-11-15T15:45:00.000Z', status_raw: 'ARCHIVED' },
			{ envelope_id: E(4), envelope_name: 'Lease with a bad tag', status: 'ERRORED', created_at: '2026-11-20T10:00:00.000Z', status_raw: 'ERRORED' },
			{ envelope_id: E(5), envelope_name: 'Legacy NDA', status: 'COMPLETED', created_at: '2026-11-25T11:11:00.000Z', status_raw: 'COMPLETE' },
		]);
	});

	test('Search filters: status[] and the date range go to Yoti as YYYY-MM-DD', async () => {
		const complete = await run('search', { filters: { statuses: ['complete'] } });
		expect(jsons(complete).map((i) => i.envelope_id)).toEqual([E(1), E(5)]);
		const range = await run('search', { filters: { fromDate: '2026-11-12T00:00:00', toDate: '2026-11-21T00:00:00' } });
		expect(jsons(range).map((i) => i.envelope_id)).toEqual([E(3), E(4)]);
	});

	test('Search pages: Return All gives every envelope once over a 1-based offset (0, 100, 200)', async () => {
		env.sim.envelopes.addBulk(230, '2026-10-01');
		const mark = env.sim.requests.length;
		const items = jsons(await run('search', { returnAll: true }));
		expect(items).toHaveLength(235);
		expect(new Set(items.map((i) => i.envelope_id)).size).toBe(235);
		expect(items[0].envelope_id).toBe('e0b0c000-0000-4000-8000-000000000001');
		expect(items[230].envelope_id).toBe(E(1));
		expect(env.requestsSince(mark).map((r: any) => r.path)).toEqual(Array(3).fill('/v2/organisations/envelopes/search'));
	});

	test('Search Limit 150: stops as soon as 150 are in (two pages)', async () => {
		env.sim.envelopes.addBulk(230, '2026-10-01');
		const mark = env.sim.requests.length;
		const items = jsons(await run('search', { limit: 150 }));
		expect(items).toHaveLength(150);
		expect(items[149].envelope_id).toBe('e0b0c000-0000-4000-8000-000000000150');
		expect(env.requestsSince(mark)).toHaveLength(2);
	});

	test('Find by IDs: one item per envelope Yoti knows; a bad ID is refused first', async () => {
		const result = await run('find', { envelopeIds: `${E(1)}, ${E(3)},${UNKNOWN_ENVELOPE}` });
		expect(jsons(result)).toEqual([
			{ envelope_id: E(1), envelope_name: 'Tenancy agreement', status: 'COMPLETED', created_at: '2026-11-02T09:00:00.000Z', status_raw: 'COMPLETE' },
			{ envelope_id: E(3), envelope_name: 'Withdrawn offer', status: 'ARCHIVED', created_at: '2026-11-15T15:45:00.000Z', status_raw: 'ARCHIVED' },
		]);
		const mark = env.sim.requests.length;
		expect(errorText(await run('find', { envelopeIds: `${E(1)}, nope` }))).toContain('Envelope IDs: entry 2 "nope" is not a valid Yoti Sign ID');
		expect(env.requestsSince(mark)).toEqual([]);
	});
});

describe('Download / Send Reminder / Edit Recipient / Extend Recipient Tokens / Archive', () => {
	test('Download Completed Documents: the zip as binary, named and typed as a zip whatever Yoti labels it', async () => {
		const result = await run('downloadDocuments', { envelopeId: E(1) });
		const [item] = out(result);
		expect(item.json).toEqual({ envelope_id: E(1), file_name: `${E(1)}.zip`, mime_type: 'application/zip', size: expect.any(Number) });
		expect(item.binary!.data).toMatchObject({ fileName: `${E(1)}.zip`, mimeType: 'application/zip' });
		const zip = await result.binary(item, 'data');
		expect(zip.length).toBe(item.json.size);
		expect(readStoredZip(zip).map((e: any) => e.name)).toEqual(['signed-tenancy.pdf', 'coversheet.pdf', 'signature.xml']);
	});

	test('Download of an envelope not complete: a clear message (409)', async () => {
		const result = await run('downloadDocuments', { envelopeId: E(2) });
		expect(errorText(result)).toContain('The envelope is not complete yet — its signed documents exist once every recipient has signed');
		expect((result.error as any).httpCode).toBe('409');
	});

	test('Send Reminder: to a recipient who has not signed', async () => {
		expect(jsons(await run('sendReminder', { envelopeId: E(2), recipientId: RCP('202') }))).toEqual([
			{ envelope_id: E(2), recipient_id: RCP('202'), reminder_sent: true },
		]);
		expect(env.sim.envelopes.reminders).toEqual([{ envelope_id: E(2), recipient_id: RCP('202'), email: 'dan@example.com' }]);
	});

	test('Send Reminder is a POST: a 503 is not retried', async () => {
		env.sim.setFaults(['503:times=1:route=/send-reminder']);
		const mark = env.sim.requests.length;
		const result = await run('sendReminder', { envelopeId: E(2), recipientId: RCP('202') });
		env.sim.clearFaults();
		expect(errorText(result)).toContain('Yoti is unavailable (HTTP 503) — tried once');
		expect(env.requestsSince(mark)).toHaveLength(1);
	});

	test('Edit Recipient: sends only the fields set; country and mobile go together (refused before any request)', async () => {
		expect(jsons(await run('editRecipient', { envelopeId: E(2), recipientId: RCP('202'), updateFields: { email: 'dan.new@example.com', isoCountryCode: 'gb', mobileNumber: '7999 999999' } }))).toEqual([
			{ envelope_id: E(2), recipient_id: RCP('202'), updated: true, updated_fields: ['email', 'iso_country_code', 'mobile_number'] },
		]);
		expect(env.sim.envelopes.edits).toEqual([
			{ envelope_id: E(2), recipient_id: RCP('202'), body: { email: 'dan.new@example.com', iso_country_code: 'GB', mobile_number: '7999999999' } },
		]);
		const mark = env.sim.requests.length;
		expect(errorText(await run('editRecipient', { envelopeId: E(2), recipientId: RCP('202'), updateFields: { isoCountryCode: 'GB' } }))).toContain(
			'Update Fields → Country Code and Mobile Number go together',
		);
		expect(errorText(await run('editRecipient', { envelopeId: E(2), recipientId: RCP('202'), updateFields: {} }))).toContain('Update Fields is empty');
		expect(errorText(await run('editRecipient', { envelopeId: E(2), recipientId: RCP('202'), updateFields: { email: 'not-an-email' } }))).toContain(
			'Update Fields → Email "not-an-email" is not an e-mail address',
		);
		expect(env.requestsSince(mark)).toEqual([]);
	});

	test('Extend Recipient Tokens: the tokens of one envelope', async () => {
		const tokens = ['70000000-0000-4000-8000-000000000021', '70000000-0000-4000-8000-000000000022'];
		expect(jsons(await run('extendTokens', { envelopeId: E(2), recipientTokens: tokens.join(',') }))).toEqual([
			{ envelope_id: E(2), recipient_tokens: tokens, extended: true },
		]);
		expect(env.sim.envelopes.extensions).toEqual([{ envelope_id: E(2), recipient_tokens: tokens }]);
		expect(errorText(await run('extendTokens', { envelopeId: E(2), recipientTokens: '70000000-0000-4000-8000-000000000011' }))).toContain(
			'a token does not belong to this envelope',
		);
	});

	test('Archive: archived; again: already_archived (Yoti 409), not an error; Get then says ARCHIVED', async () => {
		expect(jsons(await run('archive', { envelopeId: E(2) }))).toEqual([{ envelope_id: E(2), archived: true }]);
		expect(jsons(await run('archive', { envelopeId: E(2) }))).toEqual([{ envelope_id: E(2), archived: true, already_archived: true }]);
		const [item] = jsons(await run('getEnvelope', { envelopeId: E(2) }));
		expect(item.status).toBe('ARCHIVED');
		expect(item.archived_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
	});
});

describe('Create', () => {
	const recipients = {
		recipient: [
			{ name: 'Ada Lovelace', email: 'ada@example.com', type: 'SIGNER', role: 'Customer', signGroup: 1, authType: 'idv', idvSessionConfigName: 'Finance', idvWhen: 'before_viewing' },
			{ name: 'Records', email: 'records@example.com', type: 'CC' },
		],
	};
	const tags = { tag: [{ recipientEmail: 'ada@example.com', type: 'signature', pageNumber: 1, x: 0.1, y: 0.8 }] };

	test('an envelope from a PDF: multipart to POST /envelopes with the options built from the fields', async () => {
		const mark = env.sim.requests.length;
		const result = await run(
			'createEnvelope',
			{
				envelopeName: 'Account agreement',
				recipients,
				tags,
				emailMessage: 'Please sign your account agreement.',
				notifications: { destination: 'http://127.0.0.1:9/webhook/abc/sign', subscriptions: ['envelope_completion', 'signer_completion'] },
				additionalOptions: { reminderFrequency: 2, replyTo: 'support@example.com' },
				optionsJson: '{"branding": {"primary_color": "#000"}, "emails": {"name": "Onboarding"}}',
			},
			{ items: [fileItem({ data: { bytes: ONE_PAGE, fileName: 'agreement.pdf' } })] },
		);
		const created = env.sim.envelopes.created();
		expect(created).toHaveLength(1);
		expect(jsons(result)).toEqual([
			{ envelope_id: created[0].envelope_id, envelope_name: 'Account agreement', embedded: false, status: 'QUEUED', recipients_total: 2, file_names: ['agreement.pdf'] },
		]);
		expect(env.requestsSince(mark).map((r: any) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v2/envelopes 202']);
		expect(created[0].files.map((f: any) => [f.name, f.contentType, f.data.equals(ONE_PAGE)])).toEqual([['agreement.pdf', 'application/pdf', true]]);
		expect(created[0].options).toEqual({
			name: 'Account agreement',
			emails: { invitation: { body: { message: 'Please sign your account agreement.' } }, reminders: { frequency: 2 }, reply_to: 'support@example.com', name: 'Onboarding' },
			recipients: [
				{
					name: 'Ada Lovelace',
					email: 'ada@example.com',
					type: 'SIGNER',
					role: 'Customer',
					auth_type: 'idv',
					sign_group: 1,
					tags: [{ page_number: 1, x: 0.1, y: 0.8, type: 'signature', optional: false, file_name: 'agreement.pdf' }],
					verification: { idv: { session_config_name: 'Finance', when: 'before_viewing' } },
				},
				{ name: 'Records', email: 'records@example.com', type: 'CC' },
			],
			notifications: { destination: 'http://127.0.0.1:9/webhook/abc/sign', subscriptions: ['envelope_completion', 'signer_completion'] },
			branding: { primary_color: '#000' },
		});
	});

	test('the created envelope goes QUEUED → ACTIVE, signs, completes and downloads with the uploaded PDF inside', async () => {
		const result = await run(
			'createEnvelope',
			{ envelopeName: 'Two documents', binaryPropertyNames: 'data, annex', recipients: { recipient: [{ name: 'Ada', email: 'ada@example.com' }] }, tags: { tag: [{ recipientEmail: 'ada@example.com', fileName: 'annex.pdf', pageNumber: 2, x: 0.5, y: 0.5 }] } },
			{ items: [fileItem({ data: { bytes: ONE_PAGE, fileName: 'agreement.pdf' }, annex: { bytes: TWO_PAGES, fileName: 'annex.pdf' } })] },
		);
		const [{ envelope_id: id, file_names }] = jsons(result);
		expect(file_names).toEqual(['agreement.pdf', 'annex.pdf']);
		await until(() => env.sim.envelopes.get(id).status === 'ACTIVE');
		const [recipient] = jsons(await run('getRecipients', { envelopeId: id }));
		expect(recipient).toMatchObject({ envelope_id: id, name: 'Ada', email: 'ada@example.com', role: 'Signer', sign_status: 'UNSIGNED', signed: false });
		await env.sim.envelopes.sign(id);
		expect(jsons(await run('getStatus', { envelopeId: id }))[0]).toMatchObject({ status: 'COMPLETED', complete: true });
		const download = await run('downloadDocuments', { envelopeId: id, binaryPropertyName: 'signed' });
		const entries = readStoredZip(await download.binary(out(download)[0], 'signed'));
		expect(entries.map((e: any) => e.name)).toEqual(['signed-agreement.pdf', 'signed-annex.pdf', 'coversheet.pdf', 'signature.xml']);
		expect(entries[1].data.equals(TWO_PAGES)).toBe(true);
	});

	test('embedded: POST /embedded-envelopes, one item per signer with its token and signing URL', async () => {
		const result = await run(
			'createEnvelope',
			{ envelopeName: 'Embedded', embedded: true, recipients, tags, emailMessage: '' },
			{ items: [fileItem({ data: { bytes: ONE_PAGE, fileName: 'agreement.pdf' } })] },
		);
		expect(errorText(result)).toBe('');
		const [created] = env.sim.envelopes.created();
		const signer = created.recipients[0];
		expect(created.embedded).toBe(true);
		expect(created.options.recipients[0].event_notifications).toEqual([]);
		expect(created.options.recipients[1]).toEqual({ name: 'Records', email: 'records@example.com', type: 'CC', event_notifications: ['envelope_completion'] });
		expect(created.options.emails).toBeUndefined();
		expect(jsons(result)).toEqual([
			{ envelope_id: created.envelope_id, envelope_name: 'Embedded', embedded: true, status: 'QUEUED', email: 'ada@example.com', token: signer.token, signing_url: `${env.sim.url}/embedded/sign/${signer.token}` },
		]);
	});

	test('never retried once sent: a 503 and a lost answer each leave one POST', async () => {
		for (const fault of ['503:times=1:route=/envelopes$', 'drop-after:times=1:route=/envelopes$']) {
			env.sim.setFaults([fault]);
			const mark = env.sim.requests.length;
			const result = await run('createEnvelope', { envelopeName: 'Once', recipients, tags }, { items: [fileItem({ data: { bytes: ONE_PAGE, fileName: 'agreement.pdf' } })] });
			env.sim.clearFaults();
			expect(result.error).toBeDefined();
			expect(env.requestsSince(mark).filter((r: any) => r.path === '/v2/envelopes')).toHaveLength(1);
		}
	});
});

describe('Create: bad input is refused before any request, naming the field', () => {
	const ada = { recipient: [{ name: 'Ada', email: 'ada@example.com' }] };
	const cases: Array<[string, Record<string, unknown>, INodeExecutionData, string]> = [
		['a file that is not a PDF', { recipients: ada }, fileItem({ data: { bytes: Buffer.from('hello, not a pdf'), fileName: 'contract.pdf', mimeType: 'text/plain' } }), 'Input Binary Fields: the file in "data" (contract.pdf) is not a PDF'],
		['a missing binary field', { recipients: ada }, fileItem({ other: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Input Binary Fields: the input item has no binary field "data"'],
		['no binary at all', { recipients: ada }, { json: {} }, 'Input Binary Fields: the input item has no binary field "data"'],
		['a recipient without an e-mail', { recipients: { recipient: [{ name: 'Ada', email: '={{ $json.email }}' }] } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Recipients → recipient 1 (Ada) has no e-mail'],
		['a recipient e-mail that is not one', { recipients: { recipient: [{ name: 'Ada', email: 'ada-at-example' }] } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Recipients → recipient 1 (Ada): Email "ada-at-example" is not an e-mail address'],
		['no recipients', {}, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Recipients: add at least one signer'],
		['a tag on a page the PDF does not have', { recipients: ada, tags: { tag: [{ recipientEmail: 'ada@example.com', pageNumber: 3, x: 0.1, y: 0.1 }] } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Tags → tag 1: Page 3 is outside a.pdf, which has 1 page'],
		['a tag off the page', { recipients: ada, tags: { tag: [{ recipientEmail: 'ada@example.com', pageNumber: 1, x: 0.97, y: 0.1 }] } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Tags → tag 1: X 0.97 is outside the page'],
		['a tag for someone who is not a signer', { recipients: ada, tags: { tag: [{ recipientEmail: 'bob@example.com', pageNumber: 1, x: 0.1, y: 0.1 }] } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Tags → tag 1: Recipient Email "bob@example.com" is not one of the signers'],
		['IDV without a session configuration', { recipients: { recipient: [{ name: 'Ada', email: 'ada@example.com', authType: 'idv' }] } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Recipients → recipient 1: Authentication is Identity Verification but IDV Session Configuration is empty'],
		['an http destination that is not local', { recipients: ada, notifications: { destination: 'http://n8n.example.com/webhook/x/sign' } }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Notifications → Destination must be an https:// URL'],
		['an envelope name with a colon', { recipients: ada, envelopeName: 'Deal: final' }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Envelope Name must be 1-125 characters'],
		['Options (JSON) that is not JSON', { recipients: ada, optionsJson: '{nope' }, fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }), 'Options (JSON) is not valid JSON'],
	];
	test.each(cases)('%s', async (_label, parameters, item, message) => {
		const mark = env.sim.requests.length;
		const result = await run('createEnvelope', { envelopeName: 'Agreement', ...parameters }, { items: [item] });
		expect(errorText(result)).toContain(message);
		expect(env.requestsSince(mark)).toEqual([]);
	});

	test('Continue On Fail: one error item per bad input item, the good ones are created', async () => {
		const items = [
			fileItem({ data: { bytes: ONE_PAGE, fileName: 'a.pdf' } }, { n: 1 }),
			fileItem({ data: { bytes: Buffer.from('GIF89a'), fileName: 'b.pdf' } }, { n: 2 }),
			fileItem({ data: { bytes: ONE_PAGE, fileName: 'c.pdf' } }, { n: 3 }),
		];
		const mark = env.sim.requests.length;
		const result = await run('createEnvelope', { envelopeName: 'Agreement', recipients: ada }, { items, continueOnFail: true });
		const output = out(result);
		expect(pairedIndexes(output)).toEqual([0, 1, 2]);
		expect(output[0].json).toMatchObject({ envelope_name: 'Agreement', file_names: ['a.pdf'] });
		expect(output[1].json.error).toBe('Input Binary Fields: the file in "data" (b.pdf) is not a PDF');
		expect(output[2].json).toMatchObject({ envelope_name: 'Agreement', file_names: ['c.pdf'] });
		expect(env.requestsSince(mark).map((r: any) => r.path)).toEqual(['/v2/envelopes', '/v2/envelopes']);
	});
});

test('the Sign API key never appears in items, errors or logs', () => {
	const texts = env.results.flatMap(visibleTexts).join('\n');
	expect(texts).not.toContain(DEMO.signApiKey);
	for (const authorization of env.captured.authorizations) expect(texts).not.toContain(authorization);
});
