import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export interface RunOptions {
	/** Total tries for a retryable request (read from the node's options). */
	attempts: number;
}

export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]>;
}
