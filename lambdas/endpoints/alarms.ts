import { DeleteAlarmsCommand, PutMetricAlarmCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RollbackAlarms } from './ports.js';
import { alarmNames, variantName } from './rules.js';

/**
 * Alarms that roll a blue/green deployment back: server errors and model latency on the
 * endpoint's variant. Both fleets of a rollout share the variant name, so one pair per endpoint
 * watches whichever fleet takes traffic.
 */
export class CloudWatchRollbackAlarms implements RollbackAlarms {
  constructor(private readonly client: CloudWatchClient) {}

  async ensure(endpoint: string): Promise<string[]> {
    const names = alarmNames(endpoint);
    const dimensions = [
      { Name: 'EndpointName', Value: endpoint },
      { Name: 'VariantName', Value: variantName },
    ];
    await this.client.send(
      new PutMetricAlarmCommand({
        AlarmName: names.errors5xx,
        AlarmDescription: `modelplane: roll back a deployment of ${endpoint} that answers server errors`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: dimensions,
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      }),
    );
    await this.client.send(
      new PutMetricAlarmCommand({
        AlarmName: names.modelLatency,
        AlarmDescription: `modelplane: roll back a deployment of ${endpoint} whose model latency degrades`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'ModelLatency',
        Dimensions: dimensions,
        ExtendedStatistic: 'p90',
        Period: 60,
        EvaluationPeriods: 2,
        // ModelLatency is in microseconds: 60 s at p90 is far beyond a healthy LLM response.
        Threshold: 60_000_000,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      }),
    );
    return [names.errors5xx, names.modelLatency];
  }

  async remove(names: readonly string[]): Promise<void> {
    if (names.length > 0) await this.client.send(new DeleteAlarmsCommand({ AlarmNames: [...names] }));
  }
}
