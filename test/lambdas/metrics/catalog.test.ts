import { describe, expect, it } from 'vitest';
import { findInstanceType } from '../../../core/catalog/instance-types.js';
import { dimensionsOf, metricCatalog, metricNames, scalingOf, type MetricName, type Statistic } from '../../../lambdas/metrics/catalog.js';
import { openApiDocument } from '../../../openapi/generated/spec.js';

describe('metric catalog', () => {
  it.each([
    ['gpuUtilization', '/aws/sagemaker/Endpoints', 'GPUUtilization', 'Average', 'Percent', true, false],
    ['gpuMemoryUtilization', '/aws/sagemaker/Endpoints', 'GPUMemoryUtilization', 'Average', 'Percent', true, false],
    ['cpuUtilization', '/aws/sagemaker/Endpoints', 'CPUUtilization', 'Average', 'Percent', true, false],
    ['memoryUtilization', '/aws/sagemaker/Endpoints', 'MemoryUtilization', 'Average', 'Percent', true, false],
    ['concurrentRequests', 'AWS/SageMaker', 'ConcurrentRequestsPerModel', 'Average', 'Count', true, true],
    ['invocations', 'AWS/SageMaker', 'Invocations', 'Sum', 'Count', false, false],
    ['modelLatency', 'AWS/SageMaker', 'ModelLatency', 'Average', 'Milliseconds', false, false],
    ['errors4xx', 'AWS/SageMaker', 'Invocation4XXErrors', 'Sum', 'Count', false, false],
    ['errors5xx', 'AWS/SageMaker', 'Invocation5XXErrors', 'Sum', 'Count', false, false],
  ] as const)(
    'maps %s to %s %s with %s in %s (per instance: %s, high resolution: %s)',
    (metric, namespace, metricName, defaultStat, unit, perInstance, highResolution) => {
      expect(metricCatalog[metric]).toMatchObject({ namespace, metricName, defaultStat, unit, perInstance, highResolution });
    },
  );

  it('covers exactly the spec MetricName enum when the spec changes', () => {
    const schemas = openApiDocument.components?.schemas as Record<string, { enum?: string[] }>;
    expect([...metricNames].sort()).toEqual([...(schemas.MetricName?.enum ?? [])].sort());
  });

  it.each([
    ['gpuUtilization', 'Average', 'ml.g5.12xlarge', 'Percent', 4],
    ['gpuUtilization', 'Maximum', 'ml.g5.2xlarge', 'Percent', 1],
    ['gpuMemoryUtilization', 'p90', 'ml.p5.48xlarge', 'Percent', 8],
    ['cpuUtilization', 'Average', 'ml.g5.12xlarge', 'Percent', 48],
    ['memoryUtilization', 'Average', 'ml.g5.12xlarge', 'Percent', 1],
    ['modelLatency', 'p99', 'ml.g5.12xlarge', 'Milliseconds', 1000],
    ['modelLatency', 'Average', 'ml.g5.12xlarge', 'Milliseconds', 1000],
    ['invocations', 'Sum', 'ml.g5.12xlarge', 'Count', 1],
    ['concurrentRequests', 'Average', 'ml.g6e.48xlarge', 'Count', 1],
    ['gpuUtilization', 'SampleCount', 'ml.g5.12xlarge', 'Count', 1],
    ['modelLatency', 'SampleCount', 'ml.g5.12xlarge', 'Count', 1],
    ['gpuUtilization', 'Average', 'ml.m5.xlarge', 'Percent', 1],
  ] as const)('scales %s %s on %s to %s, dividing by %d', (metric: MetricName, stat: Statistic, instanceType, unit, divisor) => {
    expect(scalingOf(metricCatalog[metric], stat, findInstanceType(instanceType))).toEqual({ unit, divisor });
  });

  it('normalises 300 % GPUUtilization on a 4-GPU ml.g5.12xlarge to 75 % per GPU', () => {
    const { divisor } = scalingOf(metricCatalog.gpuUtilization, 'Average', findInstanceType('ml.g5.12xlarge'));
    expect(300 / divisor).toBe(75);
  });

  it.each([
    [undefined, ['EndpointName=llama', 'VariantName=main']],
    ['i-0abc', ['EndpointName=llama', 'VariantName=main', 'InstanceId=i-0abc']],
  ])('orders dimensions as SageMaker writes them when the instance is %s', (instanceId, expected) => {
    expect(dimensionsOf('llama', instanceId).map((d) => `${d.name}=${d.value}`)).toEqual(expected);
  });
});
