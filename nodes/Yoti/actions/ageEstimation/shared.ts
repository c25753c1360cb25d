import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_MAX_ST_DEV, estimationItem, imageProblem } from '../../core/ageEstimation';
import { optionsCollection } from '../../helpers/options';
import type { RunOptions } from '../../helpers/types';
import { yotiRequest } from '../../transport';

type Show = { resource: string[]; operation: string[] };

/** The fields of both operations; `withValidationLevel` only for `/age` (Yoti accepts it only there). */
export function estimationDescription(show: Show, withValidationLevel: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description:
				'The binary field holding the photo: one face, JPEG or PNG, colour, 50 KB to 2 MB, each side 300–2000 px',
			displayOptions: { show },
		},
		{
			displayName: 'Age Threshold',
			name: 'threshold',
			type: 'number',
			default: 25,
			typeOptions: { minValue: 0, maxValue: 150, numberPrecision: 1 },
			description:
				"Passed is true when the estimated age is at least this. Yoti recommends a buffer above the legal age because an estimate has an error (e.g. 25 for an 18+ check, as in Yoti's own examples; Challenge 25).",
			displayOptions: { show },
		},
		optionsCollection(
			show,
			[
				{
					displayName: 'Device',
					name: 'device',
					type: 'options',
					default: '',
					options: [
						{ name: 'Not Sent', value: '' },
						{ name: 'Laptop', value: 'laptop' },
						{ name: 'Mobile', value: 'mobile' },
					],
					description: 'The kind of device that took the photo, sent to Yoti as metadata',
				},
				{
					displayName: 'Max Standard Deviation',
					name: 'maxStDev',
					type: 'number',
					default: DEFAULT_MAX_ST_DEV,
					typeOptions: { minValue: 0, numberPrecision: 1 },
					description: "Passed is false when Yoti's st_dev is above this; Yoti advises rejecting estimates above 6",
				},
				...(withValidationLevel
					? [
							{
								displayName: 'Low Image Validation',
								name: 'lowValidation',
								type: 'boolean' as const,
								default: false,
								description: 'Whether to ask Yoti for its lower image validation level (img_validation_level "low")',
							},
						]
					: []),
			],
			false,
		),
	];
}

function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** Reads the image, checks it as Yoti would, sends it to `endpoint` and returns one item. */
export async function estimate(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: RunOptions,
	endpoint: '/age' | '/age-antispoofing',
): Promise<INodeExecutionData[]> {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const threshold = Number(ctx.getNodeParameter('threshold', itemIndex, 25));
	if (!Number.isFinite(threshold) || threshold < 0 || threshold > 150) {
		throw new NodeOperationError(ctx.getNode(), `Age Threshold must be a number of years from 0 to 150, not ${String(threshold)}`, { itemIndex });
	}
	const options = readOptions(ctx, itemIndex);
	const maxStDev = options.maxStDev === undefined || options.maxStDev === '' ? DEFAULT_MAX_ST_DEV : Number(options.maxStDev);
	if (!Number.isFinite(maxStDev) || maxStDev < 0) {
		throw new NodeOperationError(ctx.getNode(), `Max Standard Deviation must be a positive number, not ${String(options.maxStDev)}`, { itemIndex });
	}
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const problem = imageProblem(bytes);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `The image in Input Binary Field "${property}" ${problem}`, {
			itemIndex,
			description: `${binary.fileName ? `File ${binary.fileName}. ` : ''}Yoti needs one face, JPEG or PNG, colour, 50 KB to 2 MB, each side 300–2000 px and 90,000–2,100,000 pixels. Nothing was sent to Yoti.`,
		});
	}
	const body: IDataObject = { img: bytes.toString('base64') };
	if (options.device === 'mobile' || options.device === 'laptop') body.metadata = { device: options.device };
	if (endpoint === '/age' && options.lowValidation === true) body.img_validation_level = 'low';
	const { body: answer } = await yotiRequest<unknown>(
		ctx,
		{ api: 'ai', method: 'POST', path: endpoint, body },
		{ attempts: run.attempts, itemIndex },
	);
	const item = estimationItem(answer, { threshold, maxStDev, antispoofing: endpoint === '/age-antispoofing' });
	return [{ json: item as IDataObject }];
}
