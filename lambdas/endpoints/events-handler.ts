import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { wireEndpoints } from './wiring.js';

export interface EndpointStateChange {
  EndpointName: string;
  EndpointStatus?: string;
}

let wired: ReturnType<typeof wireEndpoints> | undefined;

/**
 * "SageMaker Endpoint State Change" events (EventBridge): reconcile the endpoint once it
 * settles. A failure is thrown so that EventBridge's asynchronous invocation retries it.
 */
export async function handler(event: EventBridgeEvent<'SageMaker Endpoint State Change', EndpointStateChange>): Promise<void> {
  const name = event.detail.EndpointName;
  logger.info('endpoint state changed', { endpoint: name, status: event.detail.EndpointStatus });
  await (wired ??= wireEndpoints()).service.reconcile(name);
}
