import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sessionIdField } from '../../descriptions';
import { optionsCollection } from '../../helpers/options';
import { readUuid } from '../../helpers/params';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

const show = { resource: ['session'], operation: ['sendInstructionsEmail'] };

export const description: INodeProperties[] = [sessionIdField(show), optionsCollection(show)];

/**
 * POST /sessions/{id}/instructions/email with no body, as the SDKs' triggerIbvEmailNotification
 * sends it (getyoti/yoti-php-sdk src/DocScan/Service.php, yoti-java-sdk DocScanService.java):
 * Yoti e-mails the instructions to the contact profile. A POST is never retried once it may
 * have reached Yoti (the transport's rule), so the user never gets the e-mail twice from one run.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
): Promise<INodeExecutionData[]> {
	const sessionId = readUuid(this, 'sessionId', 'Session ID', itemIndex);
	await yotiRequest(
		this,
		{ api: 'idv', method: 'POST', path: `/sessions/${sessionId}/instructions/email`, resource: 'session' },
		{ attempts: run.attempts, itemIndex },
	);
	return [{ json: { session_id: sessionId, email_sent: true } }];
}
