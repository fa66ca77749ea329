import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudWatchMetricsReader } from '../../../lambdas/metrics/cloudwatch-metrics.js';
import { EndpointHealthReader } from '../../../lambdas/metrics/health.js';

// Call counts beyond one GetMetricData call: 300 endpoints are more than the emulator should
// be asked to hold for a unit test, so CloudWatch is aws-sdk-client-mock here
// (health.int.test.ts reads real data points from the emulator).

const cloudwatch = mockClient(CloudWatchClient);
const now = new Date('2026-03-10T12:00:30Z');
const at = (minutes: number) => new Date(Date.parse('2026-03-10T11:55:00Z') + minutes * 60_000);

function sentQueries(): MetricDataQuery[][] {
  return cloudwatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input.MetricDataQueries ?? []);
}

describe('EndpointHealthReader', () => {
  const reader = new EndpointHealthReader(new CloudWatchMetricsReader(new CloudWatchClient({ region: 'us-east-1' })), { now: () => now });
  afterEach(() => cloudwatch.reset());

  it('reads 300 endpoints in two GetMetricData calls of at most 500 queries', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => {
        const gpu = q.MetricStat?.Metric?.MetricName === 'GPUUtilization';
        return { Id: q.Id, StatusCode: 'Complete' as const, Timestamps: [at(4), at(3)], Values: gpu ? [200, 400] : [7, 3] };
      }),
    }));
    const endpoints = Array.from({ length: 300 }, (_, i) => ({ name: `ep-${i}`, instanceType: 'ml.g5.48xlarge' }));
    const health = await reader.lastHealth(endpoints);
    expect(sentQueries().map((queries) => queries.length)).toEqual([500, 100]);
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    // The last five minutes, from a whole minute.
    expect(input).toMatchObject({ StartTime: new Date('2026-03-10T11:55:00Z'), EndTime: now });
    expect(health.size).toBe(300);
    // 200 % summed over the 8 GPUs of an ml.g5.48xlarge is 25 % per GPU; the newest point wins.
    expect(health.get('ep-299')).toEqual({ gpuUtilization: 25, concurrentRequests: 7, at: at(4).toISOString() });
  });

  it('makes no call when given no endpoints', async () => {
    expect((await reader.lastHealth([])).size).toBe(0);
    expect(cloudwatch.calls()).toHaveLength(0);
  });
});
