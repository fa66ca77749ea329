import type { MetricName, MetricSeries, Statistic } from '../../core/api.js';
import type { InstanceTypeSpec } from '../../core/catalog/instance-types.js';
import { variantName } from '../endpoints/rules.js';

export type { MetricName, Statistic } from '../../core/api.js';
type MetricUnit = MetricSeries['unit'];

/**
 * How a CloudWatch figure becomes ours: `perGpu` and `perVcpu` divide by the instance type's
 * GPUs or vCPUs (SageMaker sums utilization over them, so 4 busy GPUs read 400 %),
 * `microseconds` turns latency into milliseconds, `none` keeps the value.
 */
export type Normalisation = 'perGpu' | 'perVcpu' | 'microseconds' | 'none';

export interface MetricDefinition {
  readonly namespace: string;
  /** CloudWatch's metric name. */
  readonly metricName: string;
  readonly defaultStat: Statistic;
  readonly unit: MetricUnit;
  readonly normalisation: Normalisation;
  /** Published with an `InstanceId` dimension when the endpoint config enables enhanced metrics. */
  readonly perInstance: boolean;
  /** Published at 10-second resolution, so 10 and 30 second periods have data. */
  readonly highResolution: boolean;
}

/** Utilization metrics: https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-endpoints */
export const utilizationNamespace = '/aws/sagemaker/Endpoints';
/** Invocation metrics: https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-endpoint-invocation */
export const invocationNamespace = 'AWS/SageMaker';

const utilization = (metricName: string, normalisation: Normalisation): MetricDefinition => ({
  namespace: utilizationNamespace,
  metricName,
  defaultStat: 'Average',
  unit: 'Percent',
  normalisation,
  perInstance: true,
  highResolution: false,
});

const count = (metricName: string): MetricDefinition => ({
  namespace: invocationNamespace,
  metricName,
  defaultStat: 'Sum',
  unit: 'Count',
  normalisation: 'none',
  perInstance: false,
  highResolution: false,
});

/** Our metric names and what they are in CloudWatch. The order is the order of the series we answer. */
export const metricCatalog = {
  gpuUtilization: utilization('GPUUtilization', 'perGpu'),
  gpuMemoryUtilization: utilization('GPUMemoryUtilization', 'perGpu'),
  concurrentRequests: {
    namespace: invocationNamespace,
    metricName: 'ConcurrentRequestsPerModel',
    defaultStat: 'Average',
    unit: 'Count',
    normalisation: 'none',
    perInstance: true,
    highResolution: true,
  },
  invocations: count('Invocations'),
  modelLatency: {
    namespace: invocationNamespace,
    metricName: 'ModelLatency',
    defaultStat: 'Average',
    unit: 'Milliseconds',
    normalisation: 'microseconds',
    perInstance: false,
    highResolution: false,
  },
  errors4xx: count('Invocation4XXErrors'),
  errors5xx: count('Invocation5XXErrors'),
  cpuUtilization: utilization('CPUUtilization', 'perVcpu'),
  memoryUtilization: utilization('MemoryUtilization', 'none'),
} as const satisfies Record<MetricName, MetricDefinition>;

export const metricNames = Object.keys(metricCatalog) as MetricName[];

export function metricDefinition(name: MetricName): MetricDefinition {
  return metricCatalog[name];
}

export interface Dimension {
  readonly name: string;
  readonly value: string;
}

/**
 * The dimensions SageMaker publishes a single-variant endpoint's metrics under (its variant is
 * `main`), always in this order
 * (EndpointName, VariantName, then InstanceId for per-instance figures). CloudWatch matches
 * dimension sets exactly: EndpointName alone finds nothing.
 */
export function dimensionsOf(endpoint: string, instanceId?: string): Dimension[] {
  return variantDimensions(endpoint, variantName, instanceId);
}

/** The dimensions of one variant's metrics (of one of its instances, given `instanceId`), in SageMaker's order. */
export function variantDimensions(endpoint: string, variant: string, instanceId?: string): Dimension[] {
  return [
    { name: 'EndpointName', value: endpoint },
    { name: 'VariantName', value: variant },
    ...(instanceId === undefined ? [] : [{ name: 'InstanceId', value: instanceId }]),
  ];
}

/** What a statistic's values are, and the number to divide them by, for one metric on one instance type. */
export interface Scaling {
  readonly unit: MetricUnit;
  readonly divisor: number;
}

/**
 * Scaling of a metric's values. `SampleCount` counts data points, so it is a plain count and
 * never normalised. An instance type the catalog does not know (one dropped since the endpoint
 * was created) is taken as one GPU and one vCPU: the figures stay CloudWatch's own.
 */
export function scalingOf(definition: MetricDefinition, stat: Statistic, instanceType: Pick<InstanceTypeSpec, 'gpus' | 'vcpus'> | undefined): Scaling {
  if (stat === 'SampleCount') return { unit: 'Count', divisor: 1 };
  switch (definition.normalisation) {
    case 'perGpu':
      return { unit: definition.unit, divisor: Math.max(1, instanceType?.gpus ?? 1) };
    case 'perVcpu':
      return { unit: definition.unit, divisor: Math.max(1, instanceType?.vcpus ?? 1) };
    case 'microseconds':
      return { unit: definition.unit, divisor: 1000 };
    case 'none':
      return { unit: definition.unit, divisor: 1 };
    default: {
      const unknown: never = definition.normalisation;
      throw new Error(`Unknown normalisation ${String(unknown)}`);
    }
  }
}
