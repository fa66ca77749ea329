import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { fleetNamespace } from '../lambdas/endpoints/fleet-gauge.js';
import type { ModelplaneFunction } from './modelplane-function.js';

export interface OperationsDashboardProps {
  /** The control plane's REST API. */
  readonly restApi: apigateway.IRestApi & { readonly restApiName: string; readonly deploymentStage: apigateway.Stage };
  /** Every function of the control plane, by a short name for the widgets. */
  readonly functions: Readonly<Record<string, ModelplaneFunction>>;
  /** Name of the dashboard. */
  readonly dashboardName: string;
  /** Packaging jobs that failed, to graph. @default - no packaging widget */
  readonly failedPackagingJobs?: cloudwatch.IMetric;
  /** Alarm when the API answers this many 5xx in five minutes. @default 5 */
  readonly api5xxThreshold?: number;
}

/**
 * The control plane watching itself: API Gateway requests, 4xx/5xx and latency, each
 * function's errors, throttles and duration, plus alarms on API 5xx and function errors.
 * (Endpoints' own figures are served by GET /v1/endpoints/{name}/metrics.)
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const api = (metricName: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiName: props.restApi.restApiName, Stage: props.restApi.deploymentStage.stageName },
        statistic,
        period,
      });
    const functions = Object.entries(props.functions);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'API requests', left: [api('Count')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'API errors', left: [api('4XXError'), api('5XXError')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'API latency (p50, p99)', left: [api('Latency', 'p50'), api('Latency', 'p99')], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Endpoints managed (all, and by status)',
            left: [
              new cloudwatch.Metric({ namespace: fleetNamespace, metricName: 'EndpointCount', statistic: 'Maximum', period, label: 'all' }),
              new cloudwatch.MathExpression({
                expression: `SEARCH('{${fleetNamespace},Status} MetricName="EndpointCount"', 'Maximum', 300)`,
                label: '',
                period,
              }),
            ],
            width: props.failedPackagingJobs ? 12 : 24,
          }),
          ...(props.failedPackagingJobs ? [new cloudwatch.GraphWidget({ title: 'Packaging jobs failed', left: [props.failedPackagingJobs], width: 12 })] : []),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Function errors',
            left: functions.map(([name, fn]) => fn.function.metricErrors({ period, label: name })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Function throttles',
            left: functions.map(([name, fn]) => fn.function.metricThrottles({ period, label: name })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Function duration (p99)',
            left: functions.map(([name, fn]) => fn.function.metricDuration({ period, statistic: 'p99', label: name })),
            width: 8,
          }),
        ],
      ],
    });

    this.alarms.push(
      new cloudwatch.Alarm(this, 'Api5xx', {
        alarmDescription: 'The modelplane API answers server errors',
        metric: api('5XXError'),
        threshold: props.api5xxThreshold ?? 5,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    for (const [name, fn] of functions) {
      this.alarms.push(
        new cloudwatch.Alarm(this, `${name}Errors`, {
          alarmDescription: `The modelplane ${name} function fails`,
          metric: fn.function.metricErrors({ period }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }
}
