import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { areaGrants, type ApiHandlersProps } from './api-handlers.js';
import { bindTable } from './bindings.js';
import { EventDeadLetters } from './event-dead-letters.js';
import { ModelplaneFunction } from './modelplane-function.js';

/**
 * Completion of packaging jobs is delivered, not polled: Batch's "Job State Change" events for
 * our queue (SUCCEEDED, FAILED) go to lambdas/packaging/events-handler.ts, which records the
 * outcome and registers the version. It holds the registry area's grants. Every 15 minutes the
 * same handler sweeps the unfinished job records and finishes those no event will (a lost
 * event, a job Batch forgot, a submit that never finished).
 */
export class PackagingEvents extends Construct {
  readonly handler: ModelplaneFunction;
  readonly rule: events.Rule;
  readonly sweep: events.Rule;
  /** Job state changes the rule could not deliver. */
  readonly deadLetters: EventDeadLetters;
  /** Packaging jobs Batch reports FAILED, counted from the handler's own log line. */
  readonly failedJobs: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: ApiHandlersProps) {
    super(scope, id);
    this.handler = new ModelplaneFunction(this, 'Handler', {
      entry: 'lambdas/packaging/events-handler.ts',
      description: 'modelplane: record packaging job outcomes and register their versions',
      serviceName: props.serviceName,
      logRetention: props.logRetention,
    });
    // Records outcomes and registers versions: the registry's grants, and the queue and job
    // definition names lambdas/packaging/wiring.ts reads, but no Batch access (it submits nothing).
    areaGrants.registry(this.handler, props);
    props.packagingJobs.nameJobs(this.handler);
    this.deadLetters = new EventDeadLetters(this, 'DeadLetters', { events: 'Batch job state changes' });
    // https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html
    this.rule = new events.Rule(this, 'JobStateChange', {
      description: 'modelplane packaging jobs that ended',
      eventPattern: {
        source: ['aws.batch'],
        detailType: ['Batch Job State Change'],
        detail: { jobQueue: [props.packagingJobs.jobQueue.jobQueueArn], status: ['SUCCEEDED', 'FAILED'] },
      },
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 4, maxEventAge: Duration.hours(6), deadLetterQueue: this.deadLetters.queue })],
    });
    this.sweep = new events.Rule(this, 'Sweep', {
      description: 'Periodic sweep of unfinished modelplane packaging jobs',
      schedule: events.Schedule.rate(Duration.minutes(15)),
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 0 })],
    });
    // The sweep reads the unfinished job records of every tenant, and asks Batch about their jobs.
    bindTable(this.handler, props.table, { actions: ['Scan'] });
    props.packagingJobs.grantDescribeJobs(this.handler);
    // Batch publishes no per-queue failure metric; the handler logs every ended job (JSON).
    const filter = new logs.MetricFilter(this, 'FailedJobs', {
      logGroup: this.handler.logGroup,
      metricNamespace: 'modelplane',
      metricName: 'PackagingJobsFailed',
      filterPattern: logs.FilterPattern.all(logs.FilterPattern.stringValue('$.message', '=', 'batch job ended'), logs.FilterPattern.stringValue('$.status', '=', 'FAILED')),
      metricValue: '1',
      defaultValue: 0,
    });
    this.failedJobs = filter.metric({ statistic: 'Sum', period: Duration.minutes(5) });
  }
}
