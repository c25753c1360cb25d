import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { RunOptions } from '../../helpers/types';
import { estimate, estimationDescription } from './shared';

const show = { resource: ['ageEstimation'], operation: ['estimateAge'] };

export const description: INodeProperties[] = estimationDescription(show, true);

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]> {
	return await estimate(this, itemIndex, run, '/age');
}
