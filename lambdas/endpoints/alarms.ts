import { DeleteAlarmsCommand, PutMetricAlarmCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RollbackAlarms } from './ports.js';
import { alarmNames, variantName } from './rules.js';

/**
 * Alarms that roll a blue/green deployment back: server errors and model latency on each of the
 * endpoint's production variants. Both fleets of a rollout share the variant names (SageMaker's
 * guardrails need that), so one pair per variant watches whichever fleet takes its traffic.
 */
export class CloudWatchRollbackAlarms implements RollbackAlarms {
  constructor(private readonly client: CloudWatchClient) {}

  async ensure(endpoint: string, variants: readonly string[] = [variantName]): Promise<string[]> {
    const names: string[] = [];
    for (const variant of variants) names.push(...(await this.ensureFor(endpoint, variant)));
    return names;
  }

  private async ensureFor(endpoint: string, variant: string): Promise<string[]> {
    const names = alarmNames(endpoint, variant);
    const dimensions = [
      { Name: 'EndpointName', Value: endpoint },
      { Name: 'VariantName', Value: variant },
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
