import type { EventBridgeEvent } from 'aws-lambda';
import { cloudWatchClient } from '../shared/aws-clients.js';
import { logger } from '../shared/logger.js';
import { CloudWatchFleetGauge } from './fleet-gauge.js';
import { wireEndpoints } from './wiring.js';

export interface EndpointStateChange {
  EndpointName: string;
  EndpointStatus?: string;
}

type EndpointEvent = EventBridgeEvent<'SageMaker Endpoint State Change', EndpointStateChange> | EventBridgeEvent<'Scheduled Event', unknown>;

let wired: { endpoints: ReturnType<typeof wireEndpoints>; gauge: CloudWatchFleetGauge } | undefined;
const wire = () => (wired ??= { endpoints: wireEndpoints(), gauge: new CloudWatchFleetGauge(cloudWatchClient()) });

/**
 * Two EventBridge rules feed this handler: "SageMaker Endpoint State Change" reconciles that
 * endpoint once it settles, and a schedule sweeps them all and publishes the fleet's counts.
 * A failure is thrown so that EventBridge's asynchronous invocation retries it.
 */
export async function handler(event: EndpointEvent): Promise<void> {
  const { endpoints, gauge } = wire();
  if (event['detail-type'] === 'Scheduled Event') {
    const swept = await endpoints.service.sweep();
    await gauge.publish(swept.counts, swept.total);
    logger.info('swept endpoints', { total: swept.total, counts: swept.counts, failures: swept.failures });
    if (swept.failures.length > 0) throw new Error(`The sweep failed for ${swept.failures.length} endpoint(s): ${swept.failures.join('; ')}`);
    return;
  }
  const detail = event.detail;
  logger.info('endpoint state changed', { endpoint: detail.EndpointName, status: detail.EndpointStatus });
  await endpoints.service.reconcile(detail.EndpointName);
}
