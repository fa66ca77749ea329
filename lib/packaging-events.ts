import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { areaGrants, type ApiHandlersProps } from './api-handlers.js';
import { StateChangeReconciler } from './state-change-reconciler.js';

/**
 * Completion of packaging jobs is delivered, not polled: Batch's "Job State Change" events for
 * our queue (SUCCEEDED, FAILED) go to lambdas/packaging/events-handler.ts, which records the
 * outcome and registers the version. It holds the registry area's grants. Every 15 minutes the
 * same handler sweeps the unfinished job records and finishes those no event will (a lost
 * event, a job Batch forgot, a submit that never finished).
 */
export class PackagingEvents extends StateChangeReconciler {
  /** Packaging jobs Batch reports FAILED, counted from the handler's own log line. */
  readonly failedJobs: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: ApiHandlersProps) {
    super(scope, id, {
      entry: 'lambdas/packaging/events-handler.ts',
      description: 'modelplane: record packaging job outcomes and register their versions',
      ruleId: 'JobStateChange',
      ruleDescription: 'modelplane packaging jobs that ended',
      // https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html
      eventPattern: {
        source: ['aws.batch'],
        detailType: ['Batch Job State Change'],
        detail: { jobQueue: [props.packagingJobs.jobQueue.jobQueueArn], status: ['SUCCEEDED', 'FAILED'] },
      },
      events: 'Batch job state changes',
      maxEventAge: Duration.hours(6),
      sweepEvery: Duration.minutes(15),
      sweepDescription: 'Periodic sweep of unfinished modelplane packaging jobs',
      table: props.table,
      serviceName: props.serviceName,
      logRetention: props.logRetention,
    });
    // Records outcomes and registers versions: the registry's grants, the queue and job definition
    // names lambdas/packaging/wiring.ts reads, and reading job states for the sweep (it submits nothing).
    areaGrants.registry(this.handler, props);
    props.packagingJobs.nameJobs(this.handler);
    props.packagingJobs.grantDescribeJobs(this.handler);
    // Batch publishes no per-queue failure metric; the handler logs every ended job (JSON).
    const filter = new logs.MetricFilter(this, 'FailedJobs', {
      logGroup: this.handler.logGroup,
      metricNamespace: 'modelplane',
      metricName: 'PackagingJobsFailed',
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.message', '=', 'batch job ended'),
        logs.FilterPattern.stringValue('$.status', '=', 'FAILED'),
      ),
      metricValue: '1',
      defaultValue: 0,
    });
    this.failedJobs = filter.metric({ statistic: 'Sum', period: Duration.minutes(5) });
  }
}
