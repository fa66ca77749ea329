import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { areaGrants, type ApiHandlersProps } from './api-handlers.js';
import { ModelplaneFunction } from './modelplane-function.js';

/**
 * Completion of packaging jobs is delivered, not polled: Batch's "Job State Change" events for
 * our queue (SUCCEEDED, FAILED) go to lambdas/packaging/events-handler.ts, which records the
 * outcome and registers the version. It holds the packaging and registry areas' grants.
 */
export class PackagingEvents extends Construct {
  readonly handler: ModelplaneFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ApiHandlersProps) {
    super(scope, id);
    this.handler = new ModelplaneFunction(this, 'Handler', {
      entry: 'lambdas/packaging/events-handler.ts',
      description: 'modelplane: record packaging job outcomes and register their versions',
      serviceName: props.serviceName,
      logRetention: props.logRetention,
    });
    areaGrants.packaging(this.handler, props);
    areaGrants.registry(this.handler, props);
    // https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html
    this.rule = new events.Rule(this, 'JobStateChange', {
      description: 'modelplane packaging jobs that ended',
      eventPattern: {
        source: ['aws.batch'],
        detailType: ['Batch Job State Change'],
        detail: { jobQueue: [props.packagingJobs.jobQueue.jobQueueArn], status: ['SUCCEEDED', 'FAILED'] },
      },
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 4, maxEventAge: Duration.hours(6) })],
    });
  }
}
