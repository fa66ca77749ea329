import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { describe, expect, inject, it } from 'vitest';
import { CloudWatchMetricsReader } from '../../../lambdas/metrics/cloudwatch-metrics.js';
import { EndpointHealthReader } from '../../../lambdas/metrics/health.js';
import { uniqueName } from '../../support/control-plane.js';

const minute = 60_000;

describe('EndpointHealthReader on the emulator', () => {
  const cloudwatch = new CloudWatchClient({
    endpoint: inject('emulatorEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const sent: string[] = [];
  cloudwatch.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const reader = new EndpointHealthReader(new CloudWatchMetricsReader(cloudwatch), { now: () => new Date() });

  /** The current whole minute, fixed once so a minute boundary during the test changes nothing. */
  const base = Math.floor(Date.now() / minute) * minute;
  const datum = (endpoint: string, MetricName: string, Value: number, minutesAgo: number): MetricDatum => ({
    MetricName,
    Value,
    Timestamp: new Date(base - minutesAgo * minute),
    Dimensions: [
      { Name: 'EndpointName', Value: endpoint },
      { Name: 'VariantName', Value: 'main' },
    ],
  });

  it('reads the last minute of GPU utilization and in-flight requests for many endpoints in one GetMetricData call', async () => {
    const [busy, gpuOnly, idle] = [uniqueName('busy'), uniqueName('gpu-only'), uniqueName('idle')];
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: '/aws/sagemaker/Endpoints',
        MetricData: [
          datum(busy, 'GPUUtilization', 600, 1),
          datum(gpuOnly, 'GPUUtilization', 90, 3),
          datum(gpuOnly, 'GPUUtilization', 50, 1),
          // Older than five minutes: not health any more.
          datum(idle, 'GPUUtilization', 100, 10),
        ],
      }),
    );
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/SageMaker', MetricData: [datum(busy, 'ConcurrentRequestsPerModel', 3, 1)] }));
    sent.length = 0;

    const health = await reader.lastHealth([
      { name: busy, instanceType: 'ml.g5.48xlarge' },
      { name: gpuOnly, instanceType: 'ml.g5.2xlarge' },
      { name: idle, instanceType: 'ml.g5.2xlarge' },
    ]);

    expect(sent).toEqual(['GetMetricDataCommand']);
    const lastMinute = new Date(base - minute).toISOString();
    // 600 % summed over the 8 GPUs of an ml.g5.48xlarge is 75 % per GPU.
    expect(health.get(busy)).toEqual({ gpuUtilization: 75, concurrentRequests: 3, at: lastMinute });
    expect(health.get(gpuOnly)).toEqual({ gpuUtilization: 50, at: lastMinute });
    expect(health.get(idle)).toEqual({});
  });
});
