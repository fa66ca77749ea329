import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { fleetNamespace } from '../lambdas/endpoints/fleet-gauge.js';
import type { Construct } from 'constructs';
import { areaGrants, type ApiHandlersProps } from './api-handlers.js';
import { StateChangeReconciler } from './state-change-reconciler.js';

/**
 * Reacts to "SageMaker Endpoint State Change" events: once an endpoint settles, its handler
 * applies autoscaling that waited for it, deletes superseded endpoint configs, and cleans up
 * after a delete (lambdas/endpoints/events-handler.ts). Every five minutes it also sweeps all
 * endpoints (AWS may send no event once a deleted endpoint is gone), pauses those idle for their
 * `idlePause` (reading Invocations with the area's cloudwatch:GetMetricData), and publishes the
 * fleet's size for the operations dashboard. It acts with the endpoints area's grants.
 */
export class EndpointEvents extends StateChangeReconciler {
  constructor(scope: Construct, id: string, props: ApiHandlersProps) {
    super(scope, id, {
      entry: 'lambdas/endpoints/events-handler.ts',
      description: 'modelplane: reconcile endpoints when SageMaker reports a state change',
      ruleId: 'StateChange',
      ruleDescription: 'SageMaker endpoint state changes, for the modelplane reconciler',
      // https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html
      eventPattern: { source: ['aws.sagemaker'], detailType: ['SageMaker Endpoint State Change'] },
      events: 'SageMaker endpoint state changes',
      maxEventAge: Duration.hours(2),
      sweepEvery: Duration.minutes(5),
      sweepDescription: 'Periodic reconciliation of every modelplane endpoint, and the fleet count',
      table: props.table,
      serviceName: props.serviceName,
      logRetention: props.logRetention,
    });
    areaGrants.endpoints(this.handler, props);
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
