import { findInstanceType } from '../../core/catalog/instance-types.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Clock } from '../shared/ports.js';
import type { EndpointMetrics, EndpointMetricsQuery, MetricName, MetricSeries, Statistic } from '../../core/api.js';
import { metricCatalog, metricNames, scalingOf, variantDimensions } from './catalog.js';
import type { EndpointRecords, EndpointVariants, MetricPoint, MetricQuery, MetricsReader, ServingVariant } from './ports.js';
import { defaultPeriodSeconds, resolveWindow, selectVariants } from './rules.js';

export interface MetricsDependencies {
  store: EndpointRecords;
  sagemaker: EndpointVariants;
  metrics: MetricsReader;
  clock: Clock;
}

/** One GetMetricData query and the series it becomes. */
export interface PlannedSeries {
  query: MetricQuery;
  metric: MetricName;
  variant: ServingVariant;
  instanceId?: string;
}

export interface PlanInput {
  endpoint: string;
  metrics: readonly MetricName[];
  variants: readonly ServingVariant[];
  /** Instance ids by variant name, for the metrics SageMaker records per instance; absent: one series per variant. */
  instances?: ReadonlyMap<string, readonly string[]>;
  stat?: Statistic;
  period: number;
}

/**
 * The queries of one metrics read, in the order of the answer's series: by metric (the order
 * asked), then variant (SageMaker's order, production before shadow), then instance. Each
 * query names its variant's dimensions in SageMaker's order.
 */
export function planQueries(input: PlanInput): PlannedSeries[] {
  const planned: PlannedSeries[] = [];
  for (const metric of input.metrics) {
    const definition = metricCatalog[metric];
    const stat = input.stat ?? definition.defaultStat;
    for (const variant of input.variants) {
      const targets: readonly (string | undefined)[] = input.instances && definition.perInstance ? (input.instances.get(variant.name) ?? []) : [undefined];
      for (const instanceId of targets) {
        planned.push({
          metric,
          variant,
          ...(instanceId === undefined ? {} : { instanceId }),
          query: {
            id: `q${planned.length}`,
            namespace: definition.namespace,
            metricName: definition.metricName,
            dimensions: variantDimensions(input.endpoint, variant.name, instanceId),
            stat,
            period: input.period,
          },
        });
      }
    }
  }
  return planned;
}

/**
 * The answer's series from the data read: each normalised by its own variant's instance type
 * (variants may run on different types), naming its variant and role when read per variant.
 * An instance that reported nothing in the window (one replaced by a rollout, say) is left out.
 */
export function assembleSeries(planned: readonly PlannedSeries[], data: ReadonlyMap<string, readonly MetricPoint[]>, perVariant: boolean): MetricSeries[] {
  const series = planned.map(({ query, metric, variant, instanceId }) => {
    const { unit, divisor } = scalingOf(
      metricCatalog[metric],
      query.stat,
      variant.instanceType === undefined ? undefined : findInstanceType(variant.instanceType),
    );
    const built: MetricSeries = {
      metric,
      stat: query.stat,
      unit,
      ...(perVariant ? { variant: variant.name, role: variant.role } : {}),
      ...(instanceId === undefined ? {} : { instanceId }),
      points: (data.get(query.id) ?? []).map((point) => ({ timestamp: point.timestamp.toISOString(), value: point.value / divisor })),
    };
    return { built, instanceKey: instanceId === undefined ? undefined : `${variant.name}/${instanceId}` };
  });
  const reporting = new Set(series.filter((s) => s.instanceKey !== undefined && s.built.points.length > 0).map((s) => s.instanceKey));
  return series.filter((s) => s.instanceKey === undefined || reporting.has(s.instanceKey)).map((s) => s.built);
}

/** One series per metric without points: what an endpoint that serves nothing right now answers. */
function emptySeries(metrics: readonly MetricName[], stat: Statistic | undefined): MetricSeries[] {
  return metrics.map((metric) => {
    const definition = metricCatalog[metric];
    const chosen = stat ?? definition.defaultStat;
    return { metric, stat: chosen, unit: scalingOf(definition, chosen, undefined).unit, points: [] };
  });
}

/**
 * Endpoint metrics from CloudWatch: every requested metric of every variant read (and, per
 * instance, every instance) in one GetMetricData call, each variant normalised to its own
 * instance type (GPU and CPU utilization per GPU and per vCPU, latency in milliseconds).
 */
export class MetricsService {
  constructor(private readonly deps: MetricsDependencies) {}

  async get(tenant: string, name: string, input: EndpointMetricsQuery): Promise<EndpointMetrics> {
    const metrics = input.metrics ?? metricNames;
    const resolved = resolveWindow({
      metrics,
      ...(input.start === undefined ? {} : { start: input.start }),
      ...(input.end === undefined ? {} : { end: input.end }),
      period: input.period ?? defaultPeriodSeconds,
      now: this.deps.clock.now(),
    });
    if ('problems' in resolved) throw new ValidationError(resolved.problems);
    const { start, end, period } = resolved.window;
    const answer = (series: MetricSeries[]): EndpointMetrics => ({ endpoint: name, start: start.toISOString(), end: end.toISOString(), period, series });

    const served = await this.servedVariants(tenant, name);
    // Paused, or not (or no longer) in SageMaker: nothing is served, so nothing to read.
    if (served.length === 0) return answer(emptySeries(metrics, input.stat));
    const selected = selectVariants(served, input);
    if ('problems' in selected) throw new ValidationError(selected.problems);
    const { variants, perVariant } = selected.selection;

    const perInstance = input.perInstance === true && metrics.some((metric) => metricCatalog[metric].perInstance);
    const instances = perInstance
      ? new Map(await Promise.all(variants.map(async (v) => [v.name, await this.deps.metrics.instanceIds(name, v.name)] as const)))
      : undefined;
    const planned = planQueries({
      endpoint: name,
      metrics,
      variants,
      ...(instances ? { instances } : {}),
      ...(input.stat ? { stat: input.stat } : {}),
      period,
    });
    const data = await this.deps.metrics.read(
      planned.map((p) => p.query),
      start,
      end,
    );
    return answer(assembleSeries(planned, data, perVariant));
  }

  /**
   * The variants the tenant's endpoint serves now; none when its record says it is paused or
   * SageMaker has no such endpoint. Another tenant's endpoint is a 404.
   */
  private async servedVariants(tenant: string, name: string): Promise<ServingVariant[]> {
    const record = await this.deps.store.get(name);
    if (!record || record.tenant !== tenant) throw new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound');
    if (record.status === 'paused') return [];
    return (await this.deps.sagemaker.variantsOf(name)) ?? [];
  }
}
