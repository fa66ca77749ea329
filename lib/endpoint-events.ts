import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { fleetNamespace } from '../lambdas/endpoints/fleet-gauge.js';
import { Construct } from 'constructs';
import { areaGrants, type ApiHandlersProps } from './api-handlers.js';
import { EventDeadLetters } from './event-dead-letters.js';
import { bindTable } from './bindings.js';
import { ModelplaneFunction } from './modelplane-function.js';

/**
 * Reacts to "SageMaker Endpoint State Change" events: once an endpoint settles, its handler
 * applies autoscaling that waited for it, deletes superseded endpoint configs, and cleans up
 * after a delete (lambdas/endpoints/events-handler.ts). Every five minutes it also sweeps all
 * endpoints (AWS may send no event once a deleted endpoint is gone) and publishes the fleet's
 * size for the operations dashboard. It acts with the endpoints area's grants.
 */
export class EndpointEvents extends Construct {
  readonly handler: ModelplaneFunction;
  readonly rule: events.Rule;
  /** State changes the rule could not deliver (the sweep still reconciles those endpoints). */
  readonly deadLetters: EventDeadLetters;
  readonly sweep: events.Rule;

  constructor(scope: Construct, id: string, props: ApiHandlersProps) {
    super(scope, id);
    this.handler = new ModelplaneFunction(this, 'Handler', {
      entry: 'lambdas/endpoints/events-handler.ts',
      description: 'modelplane: reconcile endpoints when SageMaker reports a state change',
      serviceName: props.serviceName,
      logRetention: props.logRetention,
    });
    areaGrants.endpoints(this.handler, props);
    this.deadLetters = new EventDeadLetters(this, 'DeadLetters', { events: 'SageMaker endpoint state changes' });
    // https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html
    this.rule = new events.Rule(this, 'StateChange', {
      description: 'SageMaker endpoint state changes, for the modelplane reconciler',
      eventPattern: { source: ['aws.sagemaker'], detailType: ['SageMaker Endpoint State Change'] },
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 4, maxEventAge: Duration.hours(2), deadLetterQueue: this.deadLetters.queue })],
    });
    this.sweep = new events.Rule(this, 'Sweep', {
      description: 'Periodic reconciliation of every modelplane endpoint, and the fleet count',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 0 })],
    });
    // The sweep reads every endpoint record, across tenants.
    bindTable(this.handler, props.table, { actions: ['Scan'] });
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'FleetGauge',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': fleetNamespace } },
      }),
    );
  }
}
