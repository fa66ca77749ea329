import { findInstanceType, type InstanceTypeSpec } from '../../core/catalog/instance-types.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Clock } from '../shared/ports.js';
import type { EndpointMetrics, EndpointMetricsQuery, MetricName, MetricSeries } from '../../core/api.js';
import { dimensionsOf, metricCatalog, metricNames, scalingOf } from './catalog.js';
import type { EndpointDescriptions, EndpointRecords, MetricQuery, MetricsReader } from './ports.js';
import { defaultPeriodSeconds, resolveWindow } from './rules.js';

export interface MetricsDependencies {
  store: EndpointRecords;
  sagemaker: EndpointDescriptions;
  metrics: MetricsReader;
  clock: Clock;
}

interface Planned {
  query: MetricQuery;
  metric: MetricName;
  instanceId?: string;
}

/**
 * Endpoint metrics from CloudWatch: every requested metric (and, per instance, every
 * instance) read in one GetMetricData call, normalised to the instance type (GPU and CPU
 * utilization per GPU and per vCPU, latency in milliseconds).
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

    const instanceType = await this.instanceTypeOf(tenant, name);
    const perInstance = input.perInstance === true && metrics.some((metric) => metricCatalog[metric].perInstance);
    const instanceIds = perInstance ? await this.deps.metrics.instanceIds(name) : [];

    const planned: Planned[] = [];
    for (const metric of metrics) {
      const definition = metricCatalog[metric];
      const stat = input.stat ?? definition.defaultStat;
      const targets: (string | undefined)[] = perInstance && definition.perInstance ? instanceIds : [undefined];
      for (const instanceId of targets) {
        planned.push({
          metric,
          ...(instanceId === undefined ? {} : { instanceId }),
          query: {
            id: `q${planned.length}`,
            namespace: definition.namespace,
            metricName: definition.metricName,
            dimensions: dimensionsOf(name, instanceId),
            stat,
            period,
          },
        });
      }
    }
    const data = await this.deps.metrics.read(
      planned.map((p) => p.query),
      start,
      end,
    );

    const series = planned.map(({ query, metric, instanceId }): MetricSeries => {
      const { unit, divisor } = scalingOf(metricCatalog[metric], query.stat, instanceType);
      return {
        metric,
        stat: query.stat,
        unit,
        ...(instanceId === undefined ? {} : { instanceId }),
        points: (data.get(query.id) ?? []).map((point) => ({ timestamp: point.timestamp.toISOString(), value: point.value / divisor })),
      };
    });
    // An instance that reported nothing in the window (one replaced by a rollout, say) is left out.
    const reporting = new Set(series.filter((s) => s.instanceId !== undefined && s.points.length > 0).map((s) => s.instanceId));
    return {
      endpoint: name,
      start: start.toISOString(),
      end: end.toISOString(),
      period,
      series: series.filter((s) => s.instanceId === undefined || reporting.has(s.instanceId)),
    };
  }

  /** The tenant's endpoint's current instance type (its current config's variant); another tenant's endpoint is a 404. */
  private async instanceTypeOf(tenant: string, name: string): Promise<InstanceTypeSpec | undefined> {
    const record = await this.deps.store.get(name);
    if (!record || record.tenant !== tenant) throw new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound');
    const state = await this.deps.sagemaker.describeEndpoint(name);
    if (!state) throw new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound');
    const type = (await this.deps.sagemaker.describeConfig(state.configName))?.variants[0]?.instanceType;
    return type === undefined ? undefined : findInstanceType(type);
  }
}
