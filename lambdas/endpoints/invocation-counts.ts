import { metricCatalog, variantDimensions } from '../metrics/catalog.js';
import type { MetricQuery, MetricsReader } from '../metrics/ports.js';
import type { InvocationCounts } from './ports.js';

const minuteMs = 60_000;

/**
 * The GetMetricData read of an endpoint's invocations: one `Invocations` Sum query per variant
 * (dimensions EndpointName, VariantName, in the order SageMaker publishes them), over the window
 * widened to whole minutes (CloudWatch's own 1-minute data, and a minute partly inside counts).
 * The period keeps each query at 1440 points or fewer (60 s up to a day, 420 s for a week).
 */
export function invocationQueries(endpoint: string, variants: readonly string[], start: Date, end: Date): { queries: MetricQuery[]; start: Date; end: Date } {
  const from = Math.floor(start.getTime() / minuteMs) * minuteMs;
  const until = Math.max(from + minuteMs, Math.ceil(end.getTime() / minuteMs) * minuteMs);
  const period = 60 * Math.max(1, Math.ceil((until - from) / minuteMs / 1440));
  const { namespace, metricName } = metricCatalog.invocations;
  return {
    queries: variants.map((variant, i) => ({ id: `v${i}`, namespace, metricName, dimensions: variantDimensions(endpoint, variant), stat: 'Sum', period })),
    start: new Date(from),
    end: new Date(until),
  };
}

/** Invocation counts from CloudWatch, through the metrics area's reader (which throws when CloudWatch refuses a query). */
export class CloudWatchInvocationCounts implements InvocationCounts {
  constructor(private readonly metrics: MetricsReader) {}

  async sum(endpoint: string, variants: readonly string[], start: Date, end: Date): Promise<number> {
    if (variants.length === 0) return 0;
    const read = invocationQueries(endpoint, variants, start, end);
    const points = await this.metrics.read(read.queries, read.start, read.end);
    let total = 0;
    for (const list of points.values()) for (const point of list) total += point.value;
    return total;
  }
}
