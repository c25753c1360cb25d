import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export interface RunOptions {
	/** Total tries for a retryable request (read from the node's options). */
	attempts: number;
	/** Downloads: the largest body accepted, in bytes (option `maxDownloadMb`). */
	maxDownloadBytes?: number;
	/** Downloads: the time a whole download may take, in ms (option `downloadTimeLimitSeconds`). */
	downloadDeadlineMs?: number;
}

export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, run: RunOptions): Promise<INodeExecutionData[]>;
}
