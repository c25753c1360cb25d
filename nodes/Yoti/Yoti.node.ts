import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as envelope from './actions/envelope';
import * as ageEstimation from './actions/ageEstimation';
import * as ageVerification from './actions/ageVerification';
import { router } from './actions/router';
import * as session from './actions/session';
import * as signRecipient from './actions/signRecipient';
import * as supportedDocuments from './actions/supportedDocuments';
import { ageCredentialTest } from './ageCredentialTests';
import { credentialTest } from './credentialTests';

export class Yoti implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yoti',
		name: 'yoti',
		icon: { light: 'file:yoti.svg', dark: 'file:yoti.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action name ("Get session result"); n8n's lint wants a literal here,
		// and a test keeps the table equal to the operations' `action` texts.
		subtitle:
			'={{ ({"create":"Create a session","delete":"Delete a session","deleteMedia":"Delete session media","deleteTrackedDevices":"Delete session tracked devices","get":"Get session result","getConfiguration":"Get session configuration","getIdentityData":"Get session identity data","getInstructions":"Get branch visit instructions","getInstructionsContactProfile":"Get instructions contact profile","getInstructionsPdf":"Download instructions PDF","getMedia":"Download session media","getReviewPacket":"Get a review packet","getTrackedDevices":"Get session tracked devices","sendInstructionsEmail":"Send instructions email","setInstructions":"Set branch visit instructions","getSignedMedia":"Download signed session media","getSignedPdf":"Download signed report PDF","getSignedResult":"Get signed identity result","getAll":"Get supported documents","archive":"Archive an envelope","createEnvelope":"Create an envelope","downloadDocuments":"Download completed documents","editRecipient":"Edit an envelope recipient","extendTokens":"Extend recipient tokens","find":"Find envelopes by ID","getEnvelope":"Get an envelope","getRecipients":"Get envelope recipients","getStatus":"Get envelope status","search":"Search envelopes","sendReminder":"Send a signing reminder","createSession":"Create an age verification session","getResult":"Get an age verification result","estimateAge":"Estimate age from a face image","estimateAgeAntispoofing":"Estimate age and check the image is a real face"})[$parameter["operation"]] || $parameter["operation"] }}',
		description: 'Create Yoti identity verification sessions and read their results as flat check items',
		defaults: { name: 'Yoti' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'yotiApi',
				required: true,
				testedBy: 'yotiApiTest',
				displayOptions: { show: { resource: ['session', 'supportedDocuments'] } },
			},
			{
				name: 'yotiSignApi',
				required: true,
				testedBy: 'yotiSignApiTest',
				displayOptions: { show: { resource: ['signRecipient', 'envelope'] } },
			},
			{
				// Only with Create's Send Notifications on: the token Yoti sends back to the Yoti Trigger.
				name: 'yotiNotificationAuthApi',
				required: true,
				testedBy: 'yotiNotificationAuthTest',
				displayOptions: { show: { resource: ['session'], operation: ['create'], sendNotifications: [true] } },
			},
			{
				name: 'yotiAgeVerificationApi',
				required: true,
				testedBy: 'yotiAgeVerificationApiTest',
				displayOptions: { show: { resource: ['ageVerification'] } },
			},
			{
				name: 'yotiAiApi',
				required: true,
				testedBy: 'yotiAiApiTest',
				displayOptions: { show: { resource: ['ageEstimation'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'session',
				options: [
					{ name: 'Age Estimation', value: 'ageEstimation', description: "Yoti's facial age estimation of a photo you hold" },
					{ name: 'Age Verification', value: 'ageVerification', description: 'Yoti age checks: a link the person follows, then the outcome' },
					{ name: 'Envelope', value: 'envelope', description: 'Yoti Sign envelopes: documents sent to sign' },
					{ name: 'Session', value: 'session', description: 'Yoti IDV sessions' },
					{
						name: 'Sign Recipient',
						value: 'signRecipient',
						description: "A Yoti Sign envelope recipient's identity verification",
					},
					{
						name: 'Supported Document',
						value: 'supportedDocuments',
						description: 'The countries and document types Yoti accepts',
					},
				],
			},
			...envelope.description,
			...ageVerification.description,
			...ageEstimation.description,
			...session.description,
			...signRecipient.description,
			...supportedDocuments.description,
		],
	};

	methods = { credentialTest: { ...credentialTest, ...ageCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
