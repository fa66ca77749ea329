import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { SyntheticMetrics } from '../../local/synthetic-metrics.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../support/control-plane.js';
import { createVariantEndpoint } from '../support/variant-endpoints.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const minute = 60_000;

interface Series {
  metric: string;
  instanceId?: string;
  points: { timestamp: string; value: number }[];
}

// The plane publishes for this suite's endpoint only: other suites on the shared emulator
// write exact figures for their own endpoints and read them back.
describe('synthetic metrics of the local control plane', () => {
  const common = { endpoint: inject('emulatorEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const cloudwatch = new CloudWatchClient(common);
  const { s3, sagemaker } = emulatorClients();
  const name = uniqueName('synthetic');
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);

  /** The metrics route's answer once every series it returns has points (the publisher ticks every 200 ms). */
  async function metricsWithData(query: string, timeoutMs = 10_000): Promise<Series[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?${query}` });
      expect(answer.status).toBe(200);
      const series = answer.body.series as Series[];
      if (series.length > 0 && series.every((s) => s.points.length > 0)) return series;
      if (Date.now() > deadline)
        throw new Error(
          `no points yet for ${series
            .filter((s) => s.points.length === 0)
            .map((s) => s.metric)
            .join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    api = await startTestControlPlane({ watchIntervalMs: 100, syntheticMetrics: { intervalMs: 200, includes: (endpoint) => endpoint === name } });
    const model = uniqueName('synthetic-model');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(201);
    // ml.g5.12xlarge: 4 GPUs, so GPU figures are written summed (up to 400 %) and read per GPU.
    expect(
      (await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.12xlarge', instanceCount: 2 } })).status,
    ).toBe(202);
    const deadline = Date.now() + 15_000;
    while ((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.status !== 'running') {
      if (Date.now() > deadline) throw new Error(`endpoint ${name} never ran`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await call({ method: 'DELETE', path: `/v1/endpoints/${name}` });
    await api.close();
    cloudwatch.destroy();
    sagemaker.destroy();
  });

  it('answers the last hour with points for every metric, in plausible ranges, once the endpoint runs', async () => {
    const series = await metricsWithData(
      'metrics=gpuUtilization,gpuMemoryUtilization,concurrentRequests,invocations,modelLatency,errors4xx,errors5xx,cpuUtilization,memoryUtilization',
    );
    const values = (metric: string) => series.find((s) => s.metric === metric)!.points.map((p) => p.value);
    // The first sight backfills 5 minutes: several one-minute points at once.
    expect(values('gpuUtilization').length).toBeGreaterThanOrEqual(4);
    for (const metric of ['gpuUtilization', 'gpuMemoryUtilization', 'cpuUtilization', 'memoryUtilization']) {
      for (const value of values(metric)) {
        expect(value, metric).toBeGreaterThan(0);
        expect(value, metric).toBeLessThanOrEqual(100);
      }
    }
    for (const value of values('concurrentRequests')) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(16);
    }
    // Invocations summed over both instances per minute.
    for (const value of values('invocations')) expect(Number.isInteger(value) && value > 100).toBe(true);
    for (const value of values('modelLatency')) {
      expect(value).toBeGreaterThanOrEqual(180);
      expect(value).toBeLessThanOrEqual(1580);
    }
    for (const value of [...values('errors4xx'), ...values('errors5xx')]) expect(value).toBeGreaterThanOrEqual(0);
  });

  it("breaks the per-instance metrics down by the endpoint's two instances", async () => {
    const series = await metricsWithData('metrics=gpuUtilization,concurrentRequests,invocations&perInstance=true');
    const instances = (metric: string) => series.filter((s) => s.metric === metric).map((s) => s.instanceId);
    expect(instances('gpuUtilization')).toHaveLength(2);
    expect(instances('gpuUtilization').every((id) => /^i-0[0-9a-f]{16}$/.test(id ?? ''))).toBe(true);
    expect(instances('concurrentRequests')).toEqual(instances('gpuUtilization'));
    expect(instances('invocations')).toEqual([undefined]);
  });

  it("has in-flight requests at a 10-second period, and GPU figures in describe's health", async () => {
    const start = new Date(Date.now() - 3 * minute).toISOString();
    const [concurrent] = await metricsWithData(`metrics=concurrentRequests&period=10&start=${start}`);
    expect(concurrent!.points.length).toBeGreaterThanOrEqual(10);
    const described = await call({ method: 'GET', path: `/v1/endpoints/${name}` });
    expect(described.body.health.gpuUtilization).toBeGreaterThan(0);
    expect(described.body.health.concurrentRequests).toBeGreaterThan(0);
  });

  it('writes each data point once, across ticks and across a restart of the plane', async () => {
    // Two hours ago, clear of what the running plane writes for the same endpoint now.
    const at = Math.floor(Date.now() / minute) * minute - 120 * minute;
    const options = { includes: (endpoint: string) => endpoint === name, backfillMs: 2 * minute, now: () => at };
    const first = new SyntheticMetrics(options);
    await first.publish();
    await first.publish();
    await first.stop();
    const restarted = new SyntheticMetrics(options);
    await restarted.publish();
    await restarted.stop();

    const dimensions = [
      { Name: 'EndpointName', Value: name },
      { Name: 'VariantName', Value: 'main' },
    ];
    const answer = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(at - 3 * minute),
        EndTime: new Date(at + minute),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'c',
            MetricStat: {
              Metric: { Namespace: 'AWS/SageMaker', MetricName: 'ConcurrentRequestsPerModel', Dimensions: dimensions },
              Period: 10,
              Stat: 'SampleCount',
            },
          },
          {
            Id: 'g',
            MetricStat: {
              Metric: { Namespace: '/aws/sagemaker/Endpoints', MetricName: 'GPUUtilization', Dimensions: dimensions },
              Period: 60,
              Stat: 'SampleCount',
            },
          },
        ],
      }),
    );
    const [concurrent, gpu] = answer.MetricDataResults!;
    // The 2 minutes up to `at`: 12 steps of 10 s and 2 minute starts, one sample each.
    expect(concurrent!.Timestamps!.map((t) => t.getTime())).toEqual(Array.from({ length: 12 }, (_, i) => at - 2 * minute + (i + 1) * 10_000));
    expect(concurrent!.Values!.every((v) => v === 1)).toBe(true);
    expect(gpu!.Timestamps!.map((t) => t.getTime())).toEqual([at - minute, at]);
    expect(gpu!.Values).toEqual([1, 1]);
  });
  it('publishes each variant of an A/B endpoint under its own dimensions, split by weight, normalised by its own type', async () => {
    const ab = uniqueName('synthetic-ab');
    // The default tenant of the test plane's calls.
    await createVariantEndpoint(sagemaker, ab, 'local', [
      { name: 'a', instanceType: 'ml.g5.12xlarge', instanceCount: 1, weight: 0.9 },
      { name: 'b', instanceType: 'ml.g5.xlarge', instanceCount: 1, weight: 0.1 },
    ]);
    // Three hours ago, clear of anything else written for these names.
    const at = Math.floor(Date.now() / minute) * minute - 180 * minute;
    const publisher = new SyntheticMetrics({ includes: (endpoint) => endpoint === ab, backfillMs: 3 * minute, now: () => at });
    await publisher.publish();
    await publisher.stop();

    const window = `start=${new Date(at - 3 * minute).toISOString()}&end=${new Date(at + minute).toISOString()}`;
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${ab}/metrics?metrics=invocations,gpuUtilization&perInstance=true&${window}` });
    expect(answer.status).toBe(200);
    const series = answer.body.series as (Series & { variant?: string })[];
    const of = (metric: string, variant: string) => series.filter((s) => s.metric === metric && s.variant === variant);
    const invocations = (variant: string) => of('invocations', variant)[0]!.points.map((p) => p.value);
    // The three minutes up to `at`, each variant's own.
    expect(invocations('a')).toHaveLength(3);
    expect(invocations('b')).toHaveLength(3);
    invocations('a').forEach((value, i) => {
      // 90/10: about nine times b's. Not exactly: each instance's load wobbles minute by minute and
      // is clamped at full when the endpoint runs hot, so one minute can read 7.8x or 10.7x.
      expect(value / invocations('b')[i]!).toBeGreaterThan(5);
      expect(value / invocations('b')[i]!).toBeLessThan(15);
    });
    // One instance each, its GPU figure per GPU of its own type (4 GPUs and 1).
    for (const variant of ['a', 'b']) {
      const gpu = of('gpuUtilization', variant);
      expect(gpu).toHaveLength(1);
      expect(gpu[0]!.instanceId).toMatch(/^i-0[0-9a-f]{16}$/);
      for (const point of gpu[0]!.points) {
        expect(point.value).toBeGreaterThan(0);
        expect(point.value).toBeLessThanOrEqual(100);
      }
    }
  });
});
