/**
 * Synthetic SageMaker metrics for the local control plane. Locally nothing serves requests,
 * so CloudWatch would hold no data and every metrics series (and the health in describe and
 * list) would be empty. This publishes plausible figures for every serving endpoint of the
 * emulator, written the way SageMaker writes them: the namespaces, metric names, dimensions
 * (in SageMaker's order), units and resolutions of the API's own catalog
 * (lambdas/metrics/catalog.ts), so the metrics route reads them like AWS data.
 *
 * Values are deterministic: a smooth function of time and a hash of the endpoint's name, so two
 * runs draw the same curves and each endpoint its own. An endpoint with several variants (an A/B
 * test) splits its load by the variants' weights, and a shadow variant gets its sampling share
 * of the production traffic (`variantTraffic`), each variant on its own instance type and count.
 */
import { GetMetricDataCommand, PutMetricDataCommand, type MetricDatum, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, paginateListEndpoints } from '@aws-sdk/client-sagemaker';
import { cloudWatchClient, sageMakerClient } from '../lambdas/shared/aws-clients.js';
import { OutageLog } from './outage-log.js';
import { findInstanceType } from '../core/catalog/instance-types.js';
import { metricCatalog, type MetricDefinition } from '../lambdas/metrics/catalog.js';

const second = 1000;
const minute = 60 * second;

/** High-resolution metrics (ConcurrentRequestsPerModel) get a data point every 10 s, the API's finest period. */
export const highResolutionStepMs = 10 * second;
/** Standard metrics get one data point a minute, at the start of the minute, as CloudWatch keeps them. */
export const standardStepMs = minute;
export const defaultIntervalMs = 10 * second;
export const defaultBackfillMs = 5 * minute;
/** PutMetricData takes at most 1000 data points a call; we stay well under. */
const maxDataPerCall = 500;
/** Endpoint statuses in which SageMaker serves traffic (and so publishes metrics). */
const servingStatuses = new Set(['InService', 'Updating', 'SystemUpdating', 'RollingBack', 'UpdateRollbackFailed']);

/** An endpoint deleted between the list and the describe: SageMaker says so in a ValidationException. */
const isGone = (error: unknown) => error instanceof Error && error.name === 'ValidationException' && /could not find/i.test(error.message);

/** A 32-bit FNV-1a hash of the text as a number in [0, 1): the seed that makes each endpoint differ. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

const wave = (atMs: number, periodMs: number, phase: number) => Math.sin((2 * Math.PI * atMs) / periodMs + 2 * Math.PI * phase);
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * How busy an endpoint is at a moment, in [0, 1]: three sine waves (40, 9 and 2 minutes) with
 * phases from the seed around a seeded mean, so curves are smooth at a 10 s step (under 0.04 a
 * step) and still move within a few minutes.
 */
export function loadAt(seed: number, atMs: number): number {
  const mean = 0.35 + 0.25 * seedOf(`mean:${seed}`);
  return clamp(mean + 0.25 * wave(atMs, 40 * minute, seed) + 0.12 * wave(atMs, 9 * minute, seed * 3) + 0.03 * wave(atMs, 2 * minute, seed * 7), 0, 1);
}

/** One instance's figures at a moment, summed over its GPUs and vCPUs where SageMaker sums them. */
export interface InstanceFigures {
  /** Percent summed over the GPUs (0 to 100 x GPUs). */
  gpuUtilization: number;
  /** Percent summed over the GPUs. */
  gpuMemoryUtilization: number;
  /** Percent summed over the vCPUs. */
  cpuUtilization: number;
  /** Percent of host memory. */
  memoryUtilization: number;
  /** Requests in flight on the instance. */
  concurrentRequests: number;
  /** Model latency, milliseconds. */
  latencyMs: number;
  /** Requests completed in a minute at this pace. */
  invocationsPerMinute: number;
}

/** What an instance type gives the figures; an unknown type counts as one GPU and one vCPU, as the API normalises it. */
export interface Hardware {
  gpus: number;
  vcpus: number;
}

export function hardwareOf(instanceType: string | undefined): Hardware {
  const spec = instanceType === undefined ? undefined : findInstanceType(instanceType);
  return { gpus: Math.max(1, spec?.gpus ?? 1), vcpus: Math.max(1, spec?.vcpus ?? 1) };
}

/** In-flight requests and latency at a load: latency grows with the square of the load (queueing). */
function paceAt(load: number): { concurrentRequests: number; latencyMs: number } {
  return { concurrentRequests: round(0.5 + 15.5 * load, 2), latencyMs: round(180 + 1400 * load * load, 1) };
}

/** Requests completed in a minute at a pace: in-flight requests over latency (Little's law). */
const perMinute = (pace: { concurrentRequests: number; latencyMs: number }) => (60 * second * pace.concurrentRequests) / pace.latencyMs;

/**
 * An instance's figures: its endpoint's load, scaled by its variant's `traffic` (see
 * `variantTraffic`), with a small per-instance wobble. Latency grows with the square of the load,
 * and invocations follow from in-flight requests over latency (Little's law), so the series
 * agree with each other. A variant's invocations are its share of the endpoint's (the pace at
 * the endpoint's own load times `traffic`), so a 90/10 split reads 9 to 1 even where the busier
 * variant runs hot.
 */
export function instanceFigures(endpointSeed: number, instanceSeed: number, atMs: number, hardware: Hardware, traffic = 1): InstanceFigures {
  const wobble = 0.06 * wave(atMs, 3 * minute, instanceSeed);
  const endpointLoad = clamp(loadAt(endpointSeed, atMs) + wobble, 0, 1);
  const load = clamp(loadAt(endpointSeed, atMs) * traffic + wobble, 0, 1);
  const pace = paceAt(load);
  return {
    gpuUtilization: round((8 + 87 * load) * hardware.gpus, 2),
    // Weights sit in GPU memory from the start; the KV cache grows with the load.
    gpuMemoryUtilization: round((62 + 30 * load) * hardware.gpus, 2),
    cpuUtilization: round((4 + 30 * load) * hardware.vcpus, 2),
    memoryUtilization: round(28 + 12 * load, 2),
    ...pace,
    invocationsPerMinute: Math.round(perMinute(paceAt(endpointLoad)) * traffic),
  };
}

/**
 * A plausible EC2-style instance id (`i-0` and 16 hex digits), stable for an instance of a
 * variant under one endpoint config: scaling in place keeps the ids, a rollout to a new config
 * brings new ones, as a blue/green deployment replaces the fleet.
 */
export function instanceIdOf(endpoint: string, variant: string, configName: string, index: number): string {
  const key = `${endpoint}/${variant}/${configName}/${index}`;
  const hex = (text: string) =>
    Math.floor(seedOf(text) * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return `i-0${hex(`${key}#hi`)}${hex(`${key}#lo`)}`;
}

/** One variant of a serving endpoint, as the publisher sees it. */
export interface Fleet {
  endpoint: string;
  variant: string;
  instanceType: string | undefined;
  instanceIds: readonly string[];
  /**
   * How loaded the variant's instances are against the endpoint's load on a single variant:
   * 1 (the default) for a variant serving all the traffic, less for a variant with a small
   * weight or a shadow sampling a part of it. See `variantTraffic`.
   */
  traffic?: number;
}

/** A variant as DescribeEndpoint and its config give it: its weight and instance count. */
export interface VariantShare {
  name: string;
  role: 'production' | 'shadow';
  /** Production: the traffic weight. Shadow: the weight that, against production's, sets the sampling share. */
  weight: number;
  instanceCount: number;
}

/**
 * Each variant's `traffic`: production variants share the endpoint's requests by weight, a
 * shadow gets a copy of a sample of them (its weight over production's, at most all), and each
 * spreads its share over its own instances, against the endpoint's load spread over all
 * production instances. A single variant gets 1, so its figures are the endpoint's own.
 *
 * This is the one place a variant's load is decided: a source of real per-variant invocation
 * counts (a local inference stand-in, say) plugs in through `SyntheticMetricsOptions.traffic`.
 */
export function variantTraffic(variants: readonly VariantShare[]): Map<string, number> {
  const production = variants.filter((v) => v.role === 'production');
  const totalWeight = production.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  const totalInstances = production.reduce((sum, v) => sum + v.instanceCount, 0);
  const traffic = new Map<string, number>();
  for (const v of variants) {
    const share = totalWeight <= 0 ? 1 / Math.max(1, production.length) : Math.max(0, v.weight) / totalWeight;
    const sampled = v.role === 'shadow' ? Math.min(1, share) : share;
    traffic.set(v.name, v.instanceCount <= 0 ? 0 : (sampled * Math.max(1, totalInstances)) / v.instanceCount);
  }
  return traffic;
}

/** A data point and the namespace it goes to (PutMetricData takes one namespace a call). */
export interface SyntheticDatum {
  namespace: string;
  datum: MetricDatum;
}

/** SageMaker's dimensions, in its order: EndpointName, VariantName, then InstanceId for per-instance figures. */
export function dimensionsFor(endpoint: string, variant: string, instanceId?: string): { Name: string; Value: string }[] {
  return [
    { Name: 'EndpointName', Value: endpoint },
    { Name: 'VariantName', Value: variant },
    ...(instanceId === undefined ? [] : [{ Name: 'InstanceId', Value: instanceId }]),
  ];
}

/** CloudWatch's unit for a metric: latency is written in microseconds, as SageMaker writes it. */
function unitOf(definition: MetricDefinition): StandardUnit {
  return definition.normalisation === 'microseconds' ? 'Microseconds' : definition.unit;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function figuresOf(fleet: Fleet, atMs: number): InstanceFigures[] {
  const hardware = hardwareOf(fleet.instanceType);
  const endpointSeed = seedOf(fleet.endpoint);
  return fleet.instanceIds.map((id) => instanceFigures(endpointSeed, seedOf(id), atMs, hardware, fleet.traffic));
}

function point(fleet: Fleet, definition: MetricDefinition, value: number, atMs: number, instanceId?: string): SyntheticDatum {
  return {
    namespace: definition.namespace,
    datum: {
      MetricName: definition.metricName,
      Dimensions: dimensionsFor(fleet.endpoint, fleet.variant, instanceId),
      Timestamp: new Date(atMs),
      Value: value,
      Unit: unitOf(definition),
      ...(definition.highResolution ? { StorageResolution: 1 } : {}),
    },
  };
}

/** The high-resolution data points at one 10-second step: in-flight requests, per variant (the mean per instance) and per instance. */
export function highResolutionData(fleet: Fleet, atMs: number): SyntheticDatum[] {
  const figures = figuresOf(fleet, atMs);
  if (figures.length === 0) return [];
  const concurrent = metricCatalog.concurrentRequests;
  return [
    point(fleet, concurrent, round(mean(figures.map((f) => f.concurrentRequests)), 2), atMs),
    ...figures.map((f, i) => point(fleet, concurrent, f.concurrentRequests, atMs, fleet.instanceIds[i])),
  ];
}

/**
 * The standard data points of one minute: utilization per variant (the mean of the instances,
 * as SageMaker averages them) and per instance; invocations summed over the instances, latency
 * averaged over the requests, and a few errors (4xx about 0.4 % of requests, 5xx only when the
 * endpoint runs hot), jittered per minute by the seed.
 */
export function minuteData(fleet: Fleet, minuteMs: number, observed?: ObservedMinute): SyntheticDatum[] {
  const figures = figuresOf(fleet, minuteMs);
  if (figures.length === 0) return [];
  const data: SyntheticDatum[] = [];
  const utilization = [
    [metricCatalog.gpuUtilization, (f: InstanceFigures) => f.gpuUtilization],
    [metricCatalog.gpuMemoryUtilization, (f: InstanceFigures) => f.gpuMemoryUtilization],
    [metricCatalog.cpuUtilization, (f: InstanceFigures) => f.cpuUtilization],
    [metricCatalog.memoryUtilization, (f: InstanceFigures) => f.memoryUtilization],
  ] as const;
  for (const [definition, value] of utilization) {
    data.push(point(fleet, definition, round(mean(figures.map(value)), 2), minuteMs));
    figures.forEach((f, i) => data.push(point(fleet, definition, value(f), minuteMs, fleet.instanceIds[i])));
  }
  const synthetic = figures.reduce((sum, f) => sum + f.invocationsPerMinute, 0);
  const syntheticLatencyMs = figures.reduce((sum, f) => sum + f.latencyMs * f.invocationsPerMinute, 0);
  const jitter = seedOf(`${fleet.endpoint}/${fleet.variant}@${minuteMs}`);
  const hot = clamp((clamp(loadAt(seedOf(fleet.endpoint), minuteMs) * (fleet.traffic ?? 1), 0, 1) - 0.8) * 5, 0, 1);
  // The requests really answered in the minute (the local inference stand-in's) come on top of
  // the synthetic background, so a call made from a notebook shows in the next minute's figures.
  const invocations = synthetic + (observed?.invocations ?? 0);
  const latencyMs = (syntheticLatencyMs + (observed?.latencyMsTotal ?? 0)) / Math.max(1, invocations);
  data.push(
    point(fleet, metricCatalog.invocations, invocations, minuteMs),
    point(fleet, metricCatalog.modelLatency, Math.round(latencyMs * 1000), minuteMs),
    point(fleet, metricCatalog.errors4xx, Math.round(synthetic * 0.004 * (0.5 + jitter)) + (observed?.errors4xx ?? 0), minuteMs),
    point(fleet, metricCatalog.errors5xx, Math.round(synthetic * 0.02 * hot * jitter) + (observed?.errors5xx ?? 0), minuteMs),
  );
  return data;
}

/** What a variant really answered in one minute: counts, and the latencies summed (milliseconds). */
export interface ObservedMinute {
  invocations: number;
  errors4xx: number;
  errors5xx: number;
  latencyMsTotal: number;
}

/** Where real invocations come from: the variant's figures for requests answered in (fromMs, toMs]. */
export type ObservedInvocations = (endpoint: string, variant: string, fromMs: number, toMs: number) => ObservedMinute | undefined;

/** A log of answered requests (the local inference stand-in's `invocations(since)`), read as ObservedInvocations. */
export function observedFrom(log: {
  invocations(since?: Date): readonly { endpoint: string; variant: string; at: Date; latencyMs: number; status: number }[];
}): ObservedInvocations {
  return (endpoint, variant, fromMs, toMs) => {
    const answered = log
      .invocations(new Date(fromMs))
      .filter((r) => r.endpoint === endpoint && r.variant === variant && r.at.getTime() > fromMs && r.at.getTime() <= toMs);
    if (answered.length === 0) return undefined;
    return {
      invocations: answered.length,
      errors4xx: answered.filter((r) => r.status >= 400 && r.status < 500).length,
      errors5xx: answered.filter((r) => r.status >= 500).length,
      latencyMsTotal: answered.reduce((sum, r) => sum + r.latencyMs, 0),
    };
  };
}

/** A variant of an endpoint config: its instance type and initial weight. */
interface ConfigVariant {
  instanceType: string | undefined;
  weight: number | undefined;
}

type DescribedVariant = { VariantName?: string; CurrentWeight?: number; DesiredWeight?: number; CurrentInstanceCount?: number; DesiredInstanceCount?: number };

/**
 * The serving endpoint's variants, production then shadow, from DescribeEndpoint: weights as
 * SageMaker reports them now (the config's initial weight, or 1, where it reports none) and the
 * current instance count (the desired one, or 1, where it reports none).
 */
export function variantShares(
  endpoint: { ProductionVariants?: DescribedVariant[]; ShadowProductionVariants?: DescribedVariant[] },
  config: ReadonlyMap<string, { weight: number | undefined }>,
): VariantShare[] {
  const shares = (role: VariantShare['role'], variants: DescribedVariant[] | undefined): VariantShare[] =>
    (variants ?? []).flatMap((v) =>
      v.VariantName
        ? [
            {
              name: v.VariantName,
              role,
              weight: v.CurrentWeight ?? v.DesiredWeight ?? config.get(v.VariantName)?.weight ?? 1,
              instanceCount: v.CurrentInstanceCount ?? v.DesiredInstanceCount ?? 1,
            },
          ]
        : [],
    );
  return [...shares('production', endpoint.ProductionVariants), ...shares('shadow', endpoint.ShadowProductionVariants)];
}

/** The multiples of `step` in (after, upTo]. */
export function stepsBetween(after: number, upTo: number, step: number): number[] {
  const steps: number[] = [];
  for (let at = Math.floor(after / step) * step + step; at <= upTo; at += step) steps.push(at);
  return steps;
}

export interface SyntheticMetricsOptions {
  /** How often to look at the endpoints and publish. @default 10000 */
  intervalMs?: number;
  /** How much history an endpoint seen for the first time gets, so a fresh endpoint has points at once; 0 for none. @default 300000 (5 minutes) */
  backfillMs?: number;
  /** Which endpoints to publish for (tests sharing one emulator publish only for their own). @default every endpoint */
  includes?: (endpoint: string) => boolean;
  /** The clock. @default Date.now */
  now?: () => number;
  /** Where an emulator that stopped answering is reported, once per outage. @default a log of its own */
  outages?: OutageLog;
  /**
   * Each variant's `traffic` for an endpoint's variants (see `Fleet.traffic`): where a source of
   * real per-variant invocations can replace the synthetic split. @default variantTraffic
   */
  traffic?: (endpoint: string, variants: readonly VariantShare[]) => ReadonlyMap<string, number>;
  /** Real invocations to add to each minute's synthetic ones (the local plane passes its inference stand-in's log). @default none */
  observed?: ObservedInvocations;
}

/** Up to which moment a variant's data has been published. */
interface Cursor {
  highResolution: number;
  standard: number;
}

/**
 * Every `intervalMs` lists the emulator's endpoints and, for each variant of each serving one,
 * publishes the data points due since the last time (at 10 s steps for high-resolution
 * metrics, minutes for the others), so a late tick leaves no gap and a quick one writes nothing
 * twice. A variant seen for the first time gets `backfillMs` of history, starting after the
 * newest point CloudWatch already holds for it (a restarted plane on a kept emulator does not
 * write the same minutes twice).
 */
export class SyntheticMetrics {
  // The SDK gzips PutMetricData bodies from 10 KiB (a backfill is bigger); moto 5.2.1 then
  // answers 500 (BadGzipFile) on a JSON body, so this local client sends them plain. Both
  // clients time out as the API's do, so a frozen emulator cannot hold a round (and stop()) for ever.
  private readonly cloudwatch = cloudWatchClient({ disableRequestCompression: true });
  private readonly sagemaker = sageMakerClient();
  private readonly outages: OutageLog;
  private readonly cursors = new Map<string, Cursor>();
  /** Instance type and initial weight by variant (production and shadow), per endpoint config (configs never change). */
  private readonly configs = new Map<string, Map<string, ConfigVariant>>();
  private readonly intervalMs: number;
  private readonly backfillMs: number;
  private readonly includes: (endpoint: string) => boolean;
  private readonly now: () => number;
  private readonly traffic: NonNullable<SyntheticMetricsOptions['traffic']>;
  private readonly observed: ObservedInvocations | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(options: SyntheticMetricsOptions = {}) {
    this.intervalMs = options.intervalMs ?? defaultIntervalMs;
    this.backfillMs = options.backfillMs ?? defaultBackfillMs;
    this.includes = options.includes ?? (() => true);
    this.now = options.now ?? Date.now;
    this.traffic = options.traffic ?? ((_endpoint, variants) => variantTraffic(variants));
    this.observed = options.observed;
    this.outages = options.outages ?? new OutageLog(process.env.AWS_ENDPOINT_URL ?? 'AWS');
  }

  start(): void {
    const tick = () => {
      const startedAt = Date.now();
      this.running = this.publish()
        .then(
          () => this.outages.ok(),
          (error: unknown) => {
            if (!this.outages.failed('synthetic metrics', error, startedAt))
              console.error('synthetic metrics:', error instanceof Error ? error.message : error);
          },
        )
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.cloudwatch.destroy();
    this.sagemaker.destroy();
  }

  /** One round: every serving endpoint's due data points. One endpoint's failure does not stop the others. */
  async publish(): Promise<void> {
    const now = this.now();
    const listed = new Map<string, string>();
    for await (const page of paginateListEndpoints({ client: this.sagemaker, pageSize: 100 }, {})) {
      for (const endpoint of page.Endpoints ?? []) {
        if (endpoint.EndpointName && this.includes(endpoint.EndpointName)) listed.set(endpoint.EndpointName, endpoint.EndpointStatus ?? '');
      }
    }
    for (const key of [...this.cursors.keys()]) {
      if (!listed.has(key.slice(0, key.indexOf('/')))) this.cursors.delete(key);
    }
    for (const [name, status] of listed) {
      try {
        await this.publishEndpoint(name, servingStatuses.has(status), now);
      } catch (error) {
        if (!isGone(error) && !this.outages.failed('synthetic metrics', error))
          console.error(`synthetic metrics: ${name}:`, error instanceof Error ? error.message : error);
      }
    }
  }

  private async publishEndpoint(name: string, serving: boolean, now: number): Promise<void> {
    if (!serving) {
      // Nothing is published while an endpoint does not serve, nor backfilled over that time later.
      for (const [key, cursor] of this.cursors) if (key.startsWith(`${name}/`)) Object.assign(cursor, { highResolution: now, standard: now });
      return;
    }
    const endpoint = await this.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    const configName = endpoint.EndpointConfigName ?? '';
    const config = await this.configVariants(configName);
    const shares = variantShares(endpoint, config);
    const traffic = this.traffic(name, shares);
    for (const variant of shares) {
      const fleet: Fleet = {
        endpoint: name,
        variant: variant.name,
        instanceType: config.get(variant.name)?.instanceType,
        instanceIds: Array.from({ length: variant.instanceCount }, (_, i) => instanceIdOf(name, variant.name, configName, i)),
        traffic: traffic.get(variant.name) ?? 1,
      };
      const key = `${name}/${variant.name}`;
      const cursor = this.cursors.get(key) ?? (await this.firstCursor(fleet, now));
      // After a long pause (a sleeping laptop) catch up no further than a first sight would.
      const oldest = now - Math.max(this.backfillMs, 3 * this.intervalMs);
      await this.put([
        ...stepsBetween(Math.max(oldest, cursor.highResolution), now, highResolutionStepMs).flatMap((at) => highResolutionData(fleet, at)),
        ...stepsBetween(Math.max(oldest, cursor.standard), now, standardStepMs).flatMap((at) =>
          minuteData(fleet, at, this.observed?.(name, variant.name, at - standardStepMs, at)),
        ),
      ]);
      this.cursors.set(key, { highResolution: now, standard: now });
    }
  }

  /** Where a variant seen for the first time starts: `backfillMs` ago, or after the newest point CloudWatch already has for it. */
  private async firstCursor(fleet: Fleet, now: number): Promise<Cursor> {
    const from = now - this.backfillMs;
    if (this.backfillMs <= 0) return { highResolution: now - highResolutionStepMs, standard: now - standardStepMs };
    const concurrent = metricCatalog.concurrentRequests;
    const start = Math.floor(from / highResolutionStepMs) * highResolutionStepMs;
    const answer = await this.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(now + second),
        ScanBy: 'TimestampDescending',
        MetricDataQueries: [
          {
            Id: 'latest',
            MetricStat: {
              Metric: { Namespace: concurrent.namespace, MetricName: concurrent.metricName, Dimensions: dimensionsFor(fleet.endpoint, fleet.variant) },
              Period: highResolutionStepMs / second,
              Stat: 'SampleCount',
            },
          },
        ],
      }),
    );
    const newest = Math.max(from, ...(answer.MetricDataResults?.[0]?.Timestamps ?? []).map((t) => t.getTime()));
    return { highResolution: newest, standard: newest };
  }

  private async configVariants(configName: string): Promise<Map<string, ConfigVariant>> {
    const known = this.configs.get(configName);
    if (known) return known;
    const config = await this.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
    const variants = new Map(
      [...(config.ProductionVariants ?? []), ...(config.ShadowProductionVariants ?? [])].flatMap((v) =>
        v.VariantName ? [[v.VariantName, { instanceType: v.InstanceType, weight: v.InitialVariantWeight }] as const] : [],
      ),
    );
    this.configs.set(configName, variants);
    return variants;
  }

  private async put(data: readonly SyntheticDatum[]): Promise<void> {
    const byNamespace = new Map<string, MetricDatum[]>();
    for (const { namespace, datum } of data) byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), datum]);
    for (const [namespace, metrics] of byNamespace) {
      for (let i = 0; i < metrics.length; i += maxDataPerCall) {
        await this.cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: metrics.slice(i, i + maxDataPerCall) }));
      }
    }
  }
}
