/* eslint-disable */
/**
 * The pure Yoti Sign envelope readers (nodes/Yoti/core/envelope.ts) and the multipart builder:
 * the spellings ../shared/reference/yoti-sign-envelopes.md marks NC are each read, odd shapes
 * never throw. Expected values are written by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';

import {
	embeddedRecipients,
	envelopeRecipientItems,
	envelopeStatusItem,
	envelopeSummaryItems,
	fileKind,
	flattenEnvelope,
	normaliseEnvelopeStatus,
	pdfPageCount,
	readSignNotification,
	signNotificationItem,
} from '../../nodes/Yoti/core/envelope';
import { buildMultipart } from '../../nodes/Yoti/core/multipart';

const { parseMultipart } = require('../simulator/routes/envelopes');
const DATA = path.resolve(__dirname, '../simulator/data/envelopes');

test('status spellings: COMPLETE and COMPLETED are one; FILE_UPLOAD_ERROR is ERRORED; case and blanks ignored', () => {
	expect(['COMPLETE', 'COMPLETED', 'complete', ' Completed '].map(normaliseEnvelopeStatus)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
	expect(['FILE_UPLOAD_ERROR', 'ERRORED', 'active', 'ARCHIVED', 'QUEUED'].map(normaliseEnvelopeStatus)).toEqual(['ERRORED', 'ERRORED', 'ACTIVE', 'ARCHIVED', 'QUEUED']);
	expect([undefined, null, '', 7].map(normaliseEnvelopeStatus)).toEqual([null, null, null, '7']);
});

test('the documented envelope_completion webhook: one flat item with the signer', () => {
	// ../shared/reference/yoti-sign-envelopes.md §5, as published.
	const body = {
		envelope_id: '10aecb06-d50d-4f54-9e99-a85b63639837', status: 'COMPLETE', platform: { type: 'API' }, marked_for_deletion: false,
		details: {
			recipients: [{ id: 'b8d4c176-9bf5-4c9c-a7c1-e7d41557bdb5', sign_status: 'SIGNED', name: 'User1', email: 'example@gmail.com', auth_type: 'no-auth', type: 'SIGNER',
				tags: [{ name: '1a71be9c-…', tag_group_name: '', was_optional: false, value: 'true' }], invitation_email_queued_at: '', sign_group_order: 1, role: 'Tenant 1',
				signed_at: '2024-12-18T11:52:18.710Z', ip_address: '83.217.238.208', last_email_status: 'SENT' }],
			completed_at: '2024-12-18T11:52:43.475Z',
			files: [{ id: '357e8d9c-9b9f-4057-9c84-42a322d059d1', name: 'blankPDF.pdf' }],
		},
		subscription_name: 'envelope_completion', envelope_name: 'Example-Envelope',
	};
	const n = readSignNotification(body)!;
	expect(n.topic).toBe('envelope_completion');
	expect(signNotificationItem(n)).toEqual({
		envelope_id: '10aecb06-d50d-4f54-9e99-a85b63639837', topic: 'envelope_completion', status: 'COMPLETED', complete: true, envelope_name: 'Example-Envelope',
		recipient_id: null, completed_at: '2024-12-18T11:52:43.475Z', recipients_total: 1, recipients_signed: 1, file_names: ['blankPDF.pdf'], errors: [],
	});
	expect(envelopeRecipientItems(body)).toEqual([
		{ envelope_id: '10aecb06-d50d-4f54-9e99-a85b63639837', recipient_id: 'b8d4c176-9bf5-4c9c-a7c1-e7d41557bdb5', name: 'User1', email: 'example@gmail.com', role: 'Tenant 1', type: 'SIGNER',
			sign_status: 'SIGNED', signed: true, signed_at: '2024-12-18T11:52:18.710Z', sign_group_order: 1, last_email_status: 'SENT', auth_type: 'no-auth' },
	]);
	// signer_completion names the latest signer.
	const signer = readSignNotification({ ...body, subscription_name: 'signer_completion', status: 'ACTIVE' })!;
	expect(signer.recipient_id).toBe('b8d4c176-9bf5-4c9c-a7c1-e7d41557bdb5');
});

test('envelope_ready lists {Token, Email} (capitalised, as documented) or {token, email}', () => {
	expect(embeddedRecipients({ recipients: [{ Token: 't1', Email: 'a@x.io' }, { token: 't2', email: 'b@x.io' }, { email: 'no-token@x.io' }] })).toEqual([
		{ email: 'a@x.io', token: 't1' },
		{ email: 'b@x.io', token: 't2' },
	]);
});

test('upload_errors and the errored GET example: errors as "file: code" / "code: message"', () => {
	expect(flattenEnvelope({ envelope_id: 'e', status: 'FILE_UPLOAD_ERROR', details: { errors: [{ code: 'X1', message: 'bad page' }] } })).toMatchObject({ status: 'ERRORED', errors: ['X1: bad page'], status_raw: 'FILE_UPLOAD_ERROR' });
	expect(envelopeStatusItem({ envelope_id: 'e', status: 'ERRORED', details: { errors: [{ file_name: 'a.pdf', code: 'TAG' }] } }, 'e')).toEqual({ envelope_id: 'e', status: 'ERRORED', complete: false, errors: ['a.pdf: TAG'], status_raw: 'ERRORED' });
});

test('search rows: the name under envelope, envelope_name or name; rows without an ID are skipped', () => {
	expect(envelopeSummaryItems({ envelopes: [{ envelope_id: 'a', envelope: 'A', status: 'complete', created_at: 't' }, { envelope_id: 'b', envelope_name: 'B' }, { name: 'no id' }, null] })).toEqual([
		{ envelope_id: 'a', envelope_name: 'A', status: 'COMPLETED', created_at: 't', status_raw: 'complete' },
		{ envelope_id: 'b', envelope_name: 'B', status: null, created_at: null, status_raw: null },
	]);
});

test('readers never throw on odd shapes', () => {
	fc.assert(
		fc.property(fc.anything(), (value) => {
			flattenEnvelope(value);
			envelopeRecipientItems(value);
			envelopeStatusItem(value, 'x');
			envelopeSummaryItems(value);
			embeddedRecipients(value);
			const n = readSignNotification(value);
			if (n) signNotificationItem(n);
			flattenEnvelope({ details: value, status: value, recipients: value });
			readSignNotification({ envelope_id: 'e', subscription_name: 'signer_completion', details: { recipients: value } });
		}),
		{ numRuns: 500 },
	);
});

test('files: PDF by its %PDF- header, .docx / .doc by magic and name; page counts of the fixtures', () => {
	const one = fs.readFileSync(path.join(DATA, 'contract-1-page.pdf'));
	const two = fs.readFileSync(path.join(DATA, 'agreement-2-pages.pdf'));
	expect([fileKind(one, 'x.pdf'), fileKind(Buffer.from('PK\u0003\u0004rest', 'latin1'), 'a.docx'), fileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1]), 'a.doc')]).toEqual(['pdf', 'docx', 'doc']);
	expect([fileKind(Buffer.from('PK\u0003\u0004rest', 'latin1'), 'a.zip'), fileKind(Buffer.from('GIF89a'), 'a.pdf'), fileKind(Buffer.alloc(0), 'a.pdf')]).toEqual([null, null, null]);
	expect([pdfPageCount(one), pdfPageCount(two), pdfPageCount(Buffer.from('%PDF-1.7 compressed'))]).toEqual([1, 2, null]);
});

test('multipart: files then options, each part as sent, read back by an independent parser', () => {
	const pdf = Buffer.from('%PDF-1.4\r\n--not-the-boundary\r\n');
	const { body, contentType } = buildMultipart(
		[
			{ name: 'file', fileName: 'a "quoted".pdf', contentType: 'application/pdf', data: pdf },
			{ name: 'options', contentType: 'application/json', data: '{"name":"é"}' },
		],
		'B0undary',
	);
	expect(contentType).toBe('multipart/form-data; boundary=B0undary');
	expect(parseMultipart(body, contentType)).toEqual([
		{ name: 'file', fileName: 'a %22quoted%22.pdf', contentType: 'application/pdf', data: pdf },
		{ name: 'options', contentType: 'application/json', data: Buffer.from('{"name":"é"}') },
	]);
	expect(() => buildMultipart([{ name: 'file', contentType: 'text/plain', data: '--B0undary' }], 'B0undary')).toThrow('multipart boundary occurs in a part');
});
