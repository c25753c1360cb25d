import type { EnvelopeItem, EnvelopeRecipientItem, SignNotification } from '../Yoti/core/envelope';

/**
 * Whether the envelope Yoti returned agrees with what the notification claims, so that a forged
 * notification (Yoti Sign callbacks carry no authentication) cannot fake a completion:
 * - envelope_completion: the envelope is COMPLETED;
 * - signer_completion: the notified signer (by ID, else by e-mail) has SIGNED, or without one
 *   named, someone has;
 * - envelope_ready / envelope_created: the envelope is past processing (ACTIVE, COMPLETED, ARCHIVED);
 * - upload_errors: the envelope is ERRORED;
 * - anything else (idv_*, sign_offline_upload_errors): the envelope exists.
 */
export function confirmsNotification(
	notification: SignNotification,
	envelope: EnvelopeItem,
	recipients: EnvelopeRecipientItem[],
	notifiedEmail: string | null,
): boolean {
	switch (notification.topic) {
		case 'envelope_completion':
			return envelope.status === 'COMPLETED';
		case 'signer_completion': {
			const byId = notification.recipient_id ? recipients.find((r) => r.recipient_id === notification.recipient_id) : undefined;
			const byEmail =
				!byId && notifiedEmail ? recipients.find((r) => r.email !== null && r.email.toLowerCase() === notifiedEmail.toLowerCase()) : undefined;
			const recipient = byId ?? byEmail;
			if (recipient) return recipient.signed;
			return !notification.recipient_id && !notifiedEmail && recipients.some((r) => r.signed);
		}
		case 'envelope_ready':
		case 'envelope_created':
			return envelope.status === 'ACTIVE' || envelope.status === 'COMPLETED' || envelope.status === 'ARCHIVED';
		case 'upload_errors':
			return envelope.status === 'ERRORED';
		default:
			return true;
	}
}
