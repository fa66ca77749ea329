import { describe, expect, it } from 'vitest';
import { dimensionsOf, metricCatalog, metricNames, scalingOf, type MetricName } from '../../lambdas/metrics/catalog.js';
import {
  dimensionsFor,
  hardwareOf,
  highResolutionData,
  instanceFigures,
  instanceIdOf,
  loadAt,
  minuteData,
  observedFrom,
  seedOf,
  stepsBetween,
  variantShares,
  variantTraffic,
  type Fleet,
  type SyntheticDatum,
} from '../../local/synthetic-metrics.js';

const minute = 60_000;
const t0 = Date.UTC(2026, 0, 5, 12, 0, 0);
/** Two hours at 10 s steps. */
const moments = Array.from({ length: 720 }, (_, i) => t0 + i * 10_000);

const fleet: Fleet = {
  endpoint: 'llama-prod',
  variant: 'main',
  instanceType: 'ml.g5.12xlarge',
  instanceIds: [instanceIdOf('llama-prod', 'main', 'cfg-1', 0), instanceIdOf('llama-prod', 'main', 'cfg-1', 1)],
};

/** The metric of the API's catalog a data point stands for. */
const metricOf = (d: SyntheticDatum): MetricName =>
  metricNames.find((m) => metricCatalog[m].namespace === d.namespace && metricCatalog[m].metricName === d.datum.MetricName)!;
const instanceOf = (d: SyntheticDatum) => d.datum.Dimensions?.find((x) => x.Name === 'InstanceId')?.Value;

describe('synthetic metric values', () => {
  it('seeds each name differently, the same every time, in [0, 1)', () => {
    expect(seedOf('llama-prod')).toBe(seedOf('llama-prod'));
    expect(seedOf('llama-prod')).not.toBe(seedOf('llama-dev'));
    for (const name of ['', 'a', 'llama-prod', 'x'.repeat(200)]) {
      expect(seedOf(name)).toBeGreaterThanOrEqual(0);
      expect(seedOf(name)).toBeLessThan(1);
    }
  });

  it('draws a load in [0, 1] that moves smoothly at 10 s steps and varies within minutes', () => {
    const seed = seedOf('llama-prod');
    const loads = moments.map((at) => loadAt(seed, at));
    expect(Math.min(...loads)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...loads)).toBeLessThanOrEqual(1);
    const steps = loads.slice(1).map((load, i) => Math.abs(load - loads[i]!));
    expect(Math.max(...steps)).toBeLessThan(0.04);
    const tenMinutes = loads.slice(0, 60);
    expect(Math.max(...tenMinutes) - Math.min(...tenMinutes)).toBeGreaterThan(0.05);
    expect(loadAt(seed, t0)).toBe(loadAt(seed, t0));
    expect(loadAt(seedOf('llama-dev'), t0)).not.toBe(loadAt(seed, t0));
  });

  it('keeps every figure of an instance in a plausible range, summed over GPUs and vCPUs as SageMaker sums them', () => {
    const hardware = hardwareOf('ml.g5.12xlarge');
    expect(hardware).toEqual({ gpus: 4, vcpus: 48 });
    for (const at of moments) {
      const f = instanceFigures(seedOf('llama-prod'), seedOf('i-1'), at, hardware);
      expect(f.gpuUtilization / 4).toBeGreaterThanOrEqual(8);
      expect(f.gpuUtilization / 4).toBeLessThanOrEqual(95);
      expect(f.gpuMemoryUtilization / 4).toBeGreaterThanOrEqual(62);
      expect(f.gpuMemoryUtilization / 4).toBeLessThanOrEqual(92);
      expect(f.cpuUtilization / 48).toBeLessThanOrEqual(34);
      expect(f.memoryUtilization).toBeLessThanOrEqual(40);
      expect(f.concurrentRequests).toBeGreaterThanOrEqual(0.5);
      expect(f.concurrentRequests).toBeLessThanOrEqual(16);
      expect(f.latencyMs).toBeGreaterThanOrEqual(180);
      expect(f.latencyMs).toBeLessThanOrEqual(1580);
      // Little's law: in-flight requests over latency.
      expect(f.invocationsPerMinute).toBe(Math.round((60_000 * f.concurrentRequests) / f.latencyMs));
    }
  });

  it('takes an unknown instance type as one GPU and one vCPU, as the API normalises it', () => {
    expect(hardwareOf('ml.nope.xlarge')).toEqual({ gpus: 1, vcpus: 1 });
    expect(hardwareOf(undefined)).toEqual({ gpus: 1, vcpus: 1 });
  });

  it('names instances like EC2, the same for the same instance of a config, new ones for a new config', () => {
    const id = instanceIdOf('llama-prod', 'main', 'cfg-1', 0);
    expect(id).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(instanceIdOf('llama-prod', 'main', 'cfg-1', 0)).toBe(id);
    expect(instanceIdOf('llama-prod', 'main', 'cfg-1', 1)).not.toBe(id);
    expect(instanceIdOf('llama-prod', 'main', 'cfg-2', 0)).not.toBe(id);
  });

  it('lists the step boundaries after one moment up to another', () => {
    expect(stepsBetween(t0 + 5_000, t0 + 30_000, 10_000)).toEqual([t0 + 10_000, t0 + 20_000, t0 + 30_000]);
    expect(stepsBetween(t0, t0 + 9_999, 10_000)).toEqual([]);
    expect(stepsBetween(t0 - 1, t0, minute)).toEqual([t0]);
  });
});

describe('synthetic data points', () => {
  it('uses the dimensions the API reads, in its order', () => {
    const api = (instanceId?: string) => dimensionsOf('llama-prod', instanceId).map((d) => ({ Name: d.name, Value: d.value }));
    expect(dimensionsFor('llama-prod', 'main')).toEqual(api());
    expect(dimensionsFor('llama-prod', 'main', 'i-0aaa')).toEqual(api('i-0aaa'));
  });

  it('writes every metric of the catalog each minute, per variant, and per instance where the API breaks it down', () => {
    const data = [...minuteData(fleet, t0), ...highResolutionData(fleet, t0)];
    for (const metric of metricNames) {
      const points = data.filter((d) => metricOf(d) === metric);
      const instances = points.map(instanceOf);
      expect(instances, metric).toEqual(metricCatalog[metric].perInstance ? [undefined, ...fleet.instanceIds] : [undefined]);
    }
    expect(data.every((d) => metricOf(d) !== undefined)).toBe(true);
    expect(data.every((d) => d.datum.Timestamp?.getTime() === t0)).toBe(true);
  });

  it('writes only in-flight requests at 10 s steps, at high resolution', () => {
    const data = highResolutionData(fleet, t0 + 10_000);
    expect(new Set(data.map(metricOf))).toEqual(new Set(['concurrentRequests']));
    expect(data.every((d) => d.datum.StorageResolution === 1 && d.datum.Unit === 'Count')).toBe(true);
    expect(minuteData(fleet, t0).every((d) => d.datum.StorageResolution === undefined)).toBe(true);
  });

  it('gives figures that read plausibly once the API normalises them', () => {
    const spec = { gpus: 4, vcpus: 48 };
    for (const at of moments.filter((m) => m % minute === 0)) {
      const data = minuteData(fleet, at);
      const value = (metric: MetricName, instanceId?: string) => {
        const d = data.find((x) => metricOf(x) === metric && instanceOf(x) === instanceId)!;
        return d.datum.Value! / scalingOf(metricCatalog[metric], metricCatalog[metric].defaultStat, spec).divisor;
      };
      for (const metric of ['gpuUtilization', 'gpuMemoryUtilization', 'cpuUtilization', 'memoryUtilization'] as const) {
        for (const id of [undefined, ...fleet.instanceIds]) {
          expect(value(metric, id)).toBeGreaterThan(0);
          expect(value(metric, id)).toBeLessThanOrEqual(100);
        }
      }
      const invocations = value('invocations');
      expect(Number.isInteger(invocations)).toBe(true);
      expect(invocations).toBeGreaterThan(100);
      expect(value('modelLatency')).toBeGreaterThanOrEqual(180);
      expect(value('modelLatency')).toBeLessThanOrEqual(1580);
      expect(value('errors4xx')).toBeLessThan(invocations * 0.01);
      expect(value('errors5xx')).toBeLessThan(invocations * 0.03);
    }
    const latency = minuteData(fleet, t0).find((d) => metricOf(d) === 'modelLatency')!;
    expect(latency.datum.Unit).toBe('Microseconds');
  });

  it('writes the variant figure as the mean of its instances for utilization and in-flight requests', () => {
    const data = [...minuteData(fleet, t0), ...highResolutionData(fleet, t0)];
    for (const metric of ['gpuUtilization', 'concurrentRequests'] as const) {
      const points = data.filter((d) => metricOf(d) === metric);
      const perInstance = points.filter((d) => instanceOf(d) !== undefined).map((d) => d.datum.Value!);
      const variant = points.find((d) => instanceOf(d) === undefined)!.datum.Value!;
      expect(variant).toBeCloseTo((perInstance[0]! + perInstance[1]!) / 2, 1);
    }
  });

  it('writes nothing for a variant without instances', () => {
    expect(minuteData({ ...fleet, instanceIds: [] }, t0)).toEqual([]);
    expect(highResolutionData({ ...fleet, instanceIds: [] }, t0)).toEqual([]);
  });
});

describe('synthetic variants (A/B and shadow)', () => {
  const production = (name: string, weight: number, instanceCount: number) => ({ name, role: 'production' as const, weight, instanceCount });

  it('gives a single variant the whole endpoint load, whatever its weight and count', () => {
    expect(variantTraffic([production('main', 1, 3)])).toEqual(new Map([['main', 1]]));
    expect(variantTraffic([production('main', 0.2, 1)])).toEqual(new Map([['main', 1]]));
  });

  it('splits production traffic by weight and spreads each share over its own instances', () => {
    // 90/10 over 1 + 1 instances: a carries 1.8 times a lone instance's load, b 0.2 times.
    const ab = variantTraffic([production('a', 90, 1), production('b', 10, 1)]);
    expect(ab.get('a')).toBeCloseTo(1.8);
    expect(ab.get('b')).toBeCloseTo(0.2);
    // 50/50 with b on 3 instances of 4: each of b's instances is less busy than a's one.
    const wide = variantTraffic([production('a', 1, 1), production('b', 1, 3)]);
    expect(wide.get('a')).toBeCloseTo(2);
    expect(wide.get('b')).toBeCloseTo(2 / 3);
  });

  it("gives a shadow its sampling share of production's traffic, at most all of it", () => {
    const traffic = variantTraffic([production('main', 1, 2), { name: 'candidate', role: 'shadow', weight: 0.25, instanceCount: 1 }]);
    expect(traffic.get('main')).toBe(1);
    // A quarter of the requests of two instances, on one.
    expect(traffic.get('candidate')).toBeCloseTo(0.5);
    expect(variantTraffic([production('main', 1, 1), { name: 's', role: 'shadow', weight: 3, instanceCount: 1 }]).get('s')).toBe(1);
  });

  it("reads variants from DescribeEndpoint, production then shadow, with the config's weight where SageMaker gives none", () => {
    const config = new Map([
      ['a', { weight: 0.9 }],
      ['s', { weight: 0.5 }],
    ]);
    expect(
      variantShares(
        {
          ProductionVariants: [{ VariantName: 'a', CurrentInstanceCount: 2 }, { VariantName: 'b', CurrentWeight: 0.1, DesiredInstanceCount: 1 }, {}],
          ShadowProductionVariants: [{ VariantName: 's', CurrentInstanceCount: 1 }],
        },
        config,
      ),
    ).toEqual([
      { name: 'a', role: 'production', weight: 0.9, instanceCount: 2 },
      { name: 'b', role: 'production', weight: 0.1, instanceCount: 1 },
      { name: 's', role: 'shadow', weight: 0.5, instanceCount: 1 },
    ]);
  });

  it('makes a lightly weighted variant less busy, with fewer invocations and lower latency, at every minute', () => {
    const [a, b] = ['a', 'b'].map((variant): Fleet => ({
      endpoint: 'ab-prod',
      variant,
      instanceType: 'ml.g5.xlarge',
      instanceIds: [instanceIdOf('ab-prod', variant, 'cfg', 0)],
    }));
    const traffic = variantTraffic([production('a', 90, 1), production('b', 10, 1)]);
    const value = (fleet: Fleet, at: number, metric: MetricName) =>
      minuteData({ ...fleet, traffic: traffic.get(fleet.variant)! }, at).find((d) => metricOf(d) === metric && instanceOf(d) === undefined)!.datum.Value!;
    for (const at of moments.filter((m) => m % minute === 0)) {
      expect(value(b!, at, 'invocations')).toBeLessThan(value(a!, at, 'invocations'));
      expect(value(b!, at, 'modelLatency')).toBeLessThan(value(a!, at, 'modelLatency'));
      expect(value(b!, at, 'gpuUtilization')).toBeLessThan(value(a!, at, 'gpuUtilization'));
      // Each under its own variant's dimensions.
      expect(minuteData(b!, at).every((d) => d.datum.Dimensions?.[1]?.Value === 'b')).toBe(true);
    }
  });

  it('draws the same figures for a fleet without traffic as for traffic 1', () => {
    expect(minuteData({ ...fleet, traffic: 1 }, t0)).toEqual(minuteData(fleet, t0));
    expect(highResolutionData({ ...fleet, traffic: 1 }, t0)).toEqual(highResolutionData(fleet, t0));
  });
});

describe('real invocations in the synthetic figures (the local inference stand-in)', () => {
  const endpointOnly = (data: SyntheticDatum[], metric: MetricName) => data.find((d) => metricOf(d) === metric && instanceOf(d) === undefined)!.datum.Value!;

  it('adds what was answered in the minute to its invocations and errors, and weighs its latency in', () => {
    const plain = minuteData(fleet, t0);
    const observed = { invocations: 30, errors4xx: 2, errors5xx: 1, latencyMsTotal: 30 * 5_000 };
    const withCalls = minuteData(fleet, t0, observed);
    expect(endpointOnly(withCalls, 'invocations')).toBe(endpointOnly(plain, 'invocations') + 30);
    expect(endpointOnly(withCalls, 'errors4xx')).toBe(endpointOnly(plain, 'errors4xx') + 2);
    expect(endpointOnly(withCalls, 'errors5xx')).toBe(endpointOnly(plain, 'errors5xx') + 1);
    // 5 s calls pull the minute's mean latency (microseconds) up, to between the two.
    expect(endpointOnly(withCalls, 'modelLatency')).toBeGreaterThan(endpointOnly(plain, 'modelLatency'));
    expect(endpointOnly(withCalls, 'modelLatency')).toBeLessThan(5_000_000);
    expect(minuteData(fleet, t0, undefined)).toEqual(plain);
  });

  it('reads an answered-requests log per endpoint, variant and minute, (from, to]', () => {
    const at = (ms: number) => new Date(t0 + ms);
    const records = [
      { endpoint: 'llama-prod', variant: 'main', at: at(1_000), latencyMs: 100, status: 200 },
      { endpoint: 'llama-prod', variant: 'main', at: at(59_000), latencyMs: 300, status: 422 },
      { endpoint: 'llama-prod', variant: 'main', at: at(60_000), latencyMs: 50, status: 502 },
      { endpoint: 'llama-prod', variant: 'b', at: at(2_000), latencyMs: 10, status: 200 },
      { endpoint: 'other', variant: 'main', at: at(3_000), latencyMs: 10, status: 200 },
      { endpoint: 'llama-prod', variant: 'main', at: at(61_000), latencyMs: 10, status: 200 },
      { endpoint: 'llama-prod', variant: 'main', at: at(0), latencyMs: 10, status: 200 },
    ];
    const log = { invocations: (since?: Date) => records.filter((r) => !since || r.at >= since) };
    expect(observedFrom(log)('llama-prod', 'main', t0, t0 + minute)).toEqual({ invocations: 3, errors4xx: 1, errors5xx: 1, latencyMsTotal: 450 });
    expect(observedFrom(log)('llama-prod', 'b', t0, t0 + minute)).toEqual({ invocations: 1, errors4xx: 0, errors5xx: 0, latencyMsTotal: 10 });
    expect(observedFrom(log)('llama-prod', 'main', t0 + 2 * minute, t0 + 3 * minute)).toBeUndefined();
  });
});
