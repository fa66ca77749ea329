import { findInstanceType } from '../../core/catalog/instance-types.js';
import type { Clock } from '../shared/ports.js';
import { dimensionsOf, metricCatalog, scalingOf } from './catalog.js';
import type { MetricPoint, MetricQuery, MetricsReader } from './ports.js';

/** The spec's `EndpointHealth`: each figure is absent when CloudWatch has no data for it. */
export interface EndpointHealth {
  /** % per GPU over the last minute with data, averaged over the instances. */
  gpuUtilization?: number;
  /** In-flight requests per instance over that minute. */
  concurrentRequests?: number;
  /** Start of the newest minute the figures come from. */
  at?: string;
}

/** How far back the last value may lie. */
export const healthLookbackMs = 5 * 60 * 1000;
const period = 60;

const latest = (points: readonly MetricPoint[] | undefined): MetricPoint | undefined =>
  points?.reduce<MetricPoint | undefined>((best, p) => (best === undefined || p.timestamp > best.timestamp ? p : best), undefined);

/**
 * Health at a glance for many endpoints: the last minute of GPU utilization (normalised per
 * GPU) and in-flight requests from the last five minutes, all endpoints in one GetMetricData
 * call, so a page of endpoints costs one call.
 */
export class EndpointHealthReader {
  constructor(
    private readonly metrics: MetricsReader,
    private readonly clock: Clock,
  ) {}

  /** Every endpoint given has an entry; an endpoint without data has an empty one. */
  async lastHealth(endpoints: readonly { name: string; instanceType: string }[]): Promise<Map<string, EndpointHealth>> {
    const health = new Map<string, EndpointHealth>(endpoints.map((e) => [e.name, {}]));
    if (endpoints.length === 0) return health;
    const end = this.clock.now();
    // Whole minutes, so each point is one minute of CloudWatch's own (1-minute) data.
    const start = new Date(Math.floor((end.getTime() - healthLookbackMs) / 60_000) * 60_000);
    const gpu = metricCatalog.gpuUtilization;
    const concurrent = metricCatalog.concurrentRequests;
    const query = (id: string, definition: typeof gpu | typeof concurrent, endpoint: string): MetricQuery => ({
      id,
      namespace: definition.namespace,
      metricName: definition.metricName,
      dimensions: dimensionsOf(endpoint),
      stat: 'Average',
      period,
    });
    const queries = endpoints.flatMap((e, i) => [query(`g${i}`, gpu, e.name), query(`c${i}`, concurrent, e.name)]);
    const data = await this.metrics.read(queries, start, end);

    endpoints.forEach((endpoint, i) => {
      const lastGpu = latest(data.get(`g${i}`));
      const lastConcurrent = latest(data.get(`c${i}`));
      const { divisor } = scalingOf(gpu, 'Average', findInstanceType(endpoint.instanceType));
      const at = [lastGpu, lastConcurrent].reduce<Date | undefined>((newest, p) => (p && (!newest || p.timestamp > newest) ? p.timestamp : newest), undefined);
      health.set(endpoint.name, {
        // Clamped: during a rollout to a type with fewer GPUs the old fleet's sums can exceed the new count.
        ...(lastGpu ? { gpuUtilization: Math.min(100, Math.max(0, lastGpu.value / divisor)) } : {}),
        ...(lastConcurrent ? { concurrentRequests: Math.max(0, lastConcurrent.value) } : {}),
        ...(at ? { at: at.toISOString() } : {}),
      });
    });
    return health;
  }
}
