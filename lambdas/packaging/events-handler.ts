import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import type { BatchJobEvent } from './service.js';
import { wirePackaging } from './wiring.js';

/** The part of Batch's "Job State Change" detail we read (it carries the whole job description). */
export interface BatchJobStateChange {
  jobName: string;
  jobId: string;
  status: string;
  statusReason?: string;
  container?: { logStreamName?: string };
}

type PackagingEvent = EventBridgeEvent<'Batch Job State Change', BatchJobStateChange> | EventBridgeEvent<'Scheduled Event', unknown>;

let wired: ReturnType<typeof wirePackaging> | undefined;

/**
 * "Batch Job State Change" events for our queue (SUCCEEDED and FAILED): completion is
 * delivered here, not polled. A failure is thrown so EventBridge retries the invocation.
 * A schedule also sweeps the unfinished job records (PackagingService.sweep).
 */
export async function handler(event: PackagingEvent): Promise<void> {
  if (event['detail-type'] === 'Scheduled Event') {
    const swept = await (wired ??= wirePackaging()).service.sweep();
    logger.info('swept packaging jobs', { active: swept.active, finished: swept.finished, failures: swept.failures });
    if (swept.failures.length > 0) throw new Error(`The sweep failed for ${swept.failures.length} packaging job(s): ${swept.failures.join('; ')}`);
    return;
  }
  const detail = event.detail;
  logger.info('batch job ended', { batchJobId: detail.jobId, jobName: detail.jobName, status: detail.status });
  const ended: BatchJobEvent = {
    jobName: detail.jobName,
    batchJobId: detail.jobId,
    status: detail.status,
    ...(detail.statusReason ? { statusReason: detail.statusReason } : {}),
    ...(detail.container?.logStreamName ? { logStreamName: detail.container.logStreamName } : {}),
  };
  await (wired ??= wirePackaging()).service.onBatchJobEnded(ended);
}
