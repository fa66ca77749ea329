import type { EventBridgeEvent } from 'aws-lambda';
import { cloudWatchClient } from '../shared/aws-clients.js';
import { logger } from '../shared/logger.js';
import { CloudWatchFleetGauge } from './fleet-gauge.js';
import type { ScheduledAction } from './schedules.js';
import type { IdlePaused } from './service.js';
import { wireEndpoints } from './wiring.js';

export interface EndpointStateChange {
  EndpointName: string;
  EndpointStatus?: string;
}

type EndpointEvent = EventBridgeEvent<'SageMaker Endpoint State Change', EndpointStateChange> | EventBridgeEvent<'Scheduled Event', unknown> | ScheduledAction;

let wired: { endpoints: ReturnType<typeof wireEndpoints>; gauge: CloudWatchFleetGauge } | undefined;
const wire = () => (wired ??= { endpoints: wireEndpoints(), gauge: new CloudWatchFleetGauge(cloudWatchClient()) });

/** One line per endpoint the idle check paused (the sweep here, the local stand-in's loop locally). */
export function logIdlePauses(paused: readonly IdlePaused[]): void {
  for (const p of paused) logger.info('paused idle endpoint', { endpoint: p.name, tenant: p.tenant, afterMinutes: p.afterMinutes, reason: p.reason });
}

function isScheduledAction(event: EndpointEvent): event is ScheduledAction {
  return event.source === 'modelplane.schedule' && !('detail-type' in event);
}

/**
 * Two EventBridge rules feed this handler: "SageMaker Endpoint State Change" reconciles that
 * endpoint once it settles, and a schedule sweeps them all (pausing those idle for their
 * `idlePause`, each pause logged) and publishes the fleet's counts.
 * EventBridge Scheduler also invokes it with an endpoint's scheduled pause or resume
 * (lambdas/endpoints/schedules.ts). A failure is thrown so that the asynchronous invocation retries it.
 */
export async function handler(event: EndpointEvent): Promise<void> {
  const { endpoints, gauge } = wire();
  if (isScheduledAction(event)) {
    const outcome = await endpoints.service.scheduled(event.action, event.endpoint);
    logger.info(`scheduled ${event.action}`, { endpoint: event.endpoint, ...outcome });
    return;
  }
  if (event['detail-type'] === 'Scheduled Event') {
    const swept = await endpoints.service.sweep();
    logIdlePauses(swept.idlePaused);
    await gauge.publish(swept.counts, swept.total);
    logger.info('swept endpoints', { total: swept.total, counts: swept.counts, failures: swept.failures });
    if (swept.failures.length > 0) throw new Error(`The sweep failed for ${swept.failures.length} endpoint(s): ${swept.failures.join('; ')}`);
    return;
  }
  const detail = event.detail;
  logger.info('endpoint state changed', { endpoint: detail.EndpointName, status: detail.EndpointStatus });
  await endpoints.service.reconcile(detail.EndpointName);
}
