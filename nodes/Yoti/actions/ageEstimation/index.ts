import type { INodeProperties } from 'n8n-workflow';

import * as estimateAge from './estimateAge.operation';
import * as estimateAgeAntispoofing from './estimateAgeAntispoofing.operation';

export const operations = { estimateAge, estimateAgeAntispoofing };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ageEstimation'] } },
		default: 'estimateAge',
		options: [
			{
				name: 'Estimate Age',
				value: 'estimateAge',
				action: 'Estimate age from a face image',
				description: "Yoti's facial age estimation of a photo you already hold",
			},
			{
				name: 'Estimate Age + Anti-Spoofing',
				value: 'estimateAgeAntispoofing',
				action: 'Estimate age and check the image is a real face',
				description: 'Age estimation plus a check that the photo is of a live person, not a screen or print',
			},
		],
	},
	...estimateAge.description,
	...estimateAgeAntispoofing.description,
];
