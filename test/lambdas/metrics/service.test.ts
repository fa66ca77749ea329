import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type GetMetricDataCommandInput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointRecord } from '../../../lambdas/endpoints/ports.js';
import { CloudWatchMetricsReader } from '../../../lambdas/metrics/cloudwatch-metrics.js';
import { SageMakerVariantReader } from '../../../lambdas/metrics/sagemaker-variants.js';
import { MetricsService } from '../../../lambdas/metrics/service.js';
import { NotFoundError, UpstreamError, ValidationError } from '../../../lambdas/shared/errors.js';

// CloudWatch's call counts, percentile statistics (which the emulator cannot answer: moto
// fails the whole GetMetricData request on p50/p90/p99), paging and partial failures, and
// shadow variants (moto 5.2.1 drops ShadowProductionVariants from endpoint configs and
// endpoints), with aws-sdk-client-mock standing in for CloudWatch and SageMaker.

const cloudwatch = mockClient(CloudWatchClient);
const sagemaker = mockClient(SageMakerClient);
const now = new Date('2026-03-10T12:00:00Z');
const record: EndpointRecord = {
  name: 'llama-ep',
  tenant: 'team-a',
  model: 'llama',
  configs: ['llama-ep-cfg'],
  alarms: [],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
};
const at = (minutes: number) => new Date(Date.parse('2026-03-10T11:00:00Z') + minutes * 60_000);

function sentQueries(): MetricDataQuery[][] {
  return cloudwatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input.MetricDataQueries ?? []);
}

/**
 * Answers every query of a GetMetricData call with two points (newest first, as CloudWatch may),
 * by CloudWatch metric name, or `fallback` for the others.
 */
function echoPoints(fallback: [number, number], byMetric: Record<string, [number, number]> = {}) {
  return (input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((q) => {
      const [first, second] = byMetric[q.MetricStat?.Metric?.MetricName ?? ''] ?? fallback;
      return { Id: q.Id, StatusCode: 'Complete' as const, Timestamps: [at(1), at(0)], Values: [second, first] };
    }),
  });
}

describe('MetricsService', () => {
  let service: MetricsService;

  beforeEach(() => {
    cloudwatch.reset();
    sagemaker.reset();
    sagemaker
      .on(DescribeEndpointCommand)
      .resolves({ EndpointName: 'llama-ep', EndpointStatus: 'InService', EndpointConfigName: 'llama-ep-cfg', ProductionVariants: [{ VariantName: 'main' }] });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ EndpointConfigName: 'llama-ep-cfg', ProductionVariants: [{ VariantName: 'main', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 2 }] });
    service = new MetricsService({
      store: { get: async (name) => (name === record.name ? record : undefined) },
      sagemaker: new SageMakerVariantReader(new SageMakerClient({ region: 'us-east-1' })),
      metrics: new CloudWatchMetricsReader(new CloudWatchClient({ region: 'us-east-1' })),
      clock: { now: () => now },
    });
  });
  afterEach(() => {
    cloudwatch.reset();
    sagemaker.reset();
  });

  it('reads every metric in one GetMetricData call when perInstance is off', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([300, 200]));
    const result = await service.get('team-a', 'llama-ep', {});
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(cloudwatch.commandCalls(ListMetricsCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(DescribeEndpointCommand)).toHaveLength(1);
    expect(sagemaker.commandCalls(DescribeEndpointConfigCommand)).toHaveLength(1);
    expect(sentQueries()[0]).toHaveLength(9);
    expect(result).toMatchObject({ endpoint: 'llama-ep', start: '2026-03-10T11:00:00.000Z', end: '2026-03-10T12:00:00.000Z', period: 60 });
    expect(result.series.map((s) => s.metric)).toEqual([
      'gpuUtilization',
      'gpuMemoryUtilization',
      'concurrentRequests',
      'invocations',
      'modelLatency',
      'errors4xx',
      'errors5xx',
      'cpuUtilization',
      'memoryUtilization',
    ]);
    // Points come back in time order, normalised to the 4 GPUs of an ml.g5.12xlarge.
    expect(result.series[0]).toEqual({
      metric: 'gpuUtilization',
      stat: 'Average',
      unit: 'Percent',
      points: [
        { timestamp: at(0).toISOString(), value: 75 },
        { timestamp: at(1).toISOString(), value: 50 },
      ],
    });
  });

  it('sends the query CloudWatch expects for each metric when read', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([1, 2]));
    await service.get('team-a', 'llama-ep', {
      metrics: ['gpuUtilization', 'invocations'],
      period: 300,
      start: '2026-03-10T10:00:00Z',
      end: '2026-03-10T11:00:00Z',
    });
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ StartTime: new Date('2026-03-10T10:00:00Z'), EndTime: new Date('2026-03-10T11:00:00Z'), ScanBy: 'TimestampAscending' });
    expect(input.MetricDataQueries).toEqual([
      {
        Id: 'q0',
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: '/aws/sagemaker/Endpoints',
            MetricName: 'GPUUtilization',
            Dimensions: [
              { Name: 'EndpointName', Value: 'llama-ep' },
              { Name: 'VariantName', Value: 'main' },
            ],
          },
          Period: 300,
          Stat: 'Average',
        },
      },
      {
        Id: 'q1',
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/SageMaker',
            MetricName: 'Invocations',
            Dimensions: [
              { Name: 'EndpointName', Value: 'llama-ep' },
              { Name: 'VariantName', Value: 'main' },
            ],
          },
          Period: 300,
          Stat: 'Sum',
        },
      },
    ]);
  });

  it('reads percentile statistics and normalises them when stat is p90 (the emulator cannot answer percentiles)', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([0, 0], { GPUUtilization: [360, 320], ModelLatency: [2_500_000, 1_250_000] }));
    const result = await service.get('team-a', 'llama-ep', { metrics: ['gpuUtilization', 'modelLatency'], stat: 'p90' });
    expect(sentQueries()[0]!.map((q) => q.MetricStat?.Stat)).toEqual(['p90', 'p90']);
    expect(result.series).toEqual([
      {
        metric: 'gpuUtilization',
        stat: 'p90',
        unit: 'Percent',
        points: [
          { timestamp: at(0).toISOString(), value: 90 },
          { timestamp: at(1).toISOString(), value: 80 },
        ],
      },
      {
        metric: 'modelLatency',
        stat: 'p90',
        unit: 'Milliseconds',
        points: [
          { timestamp: at(0).toISOString(), value: 2500 },
          { timestamp: at(1).toISOString(), value: 1250 },
        ],
      },
    ]);
  });

  it.each(['p50', 'p99'] as const)('passes %s through to CloudWatch for every metric', async (stat) => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([1, 1]));
    const result = await service.get('team-a', 'llama-ep', { stat });
    expect(new Set(sentQueries()[0]!.map((q) => q.MetricStat?.Stat))).toEqual(new Set([stat]));
    expect(result.series.every((s) => s.stat === stat)).toBe(true);
  });

  it('reports SampleCount as a plain count when asked for it', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([6, 6]));
    const result = await service.get('team-a', 'llama-ep', { metrics: ['gpuUtilization'], stat: 'SampleCount' });
    expect(result.series[0]).toMatchObject({ unit: 'Count', points: [{ value: 6 }, { value: 6 }] });
  });

  it('lists instances once and reads them all in one GetMetricData call when perInstance is on', async () => {
    cloudwatch.on(ListMetricsCommand).resolves({
      Metrics: ['i-b', 'i-a'].flatMap((id) => [
        {
          Namespace: '/aws/sagemaker/Endpoints',
          MetricName: 'GPUUtilization',
          Dimensions: [
            { Name: 'EndpointName', Value: 'llama-ep' },
            { Name: 'VariantName', Value: 'main' },
            { Name: 'InstanceId', Value: id },
          ],
        },
        {
          Namespace: 'AWS/SageMaker',
          MetricName: 'ConcurrentRequestsPerModel',
          Dimensions: [
            { Name: 'EndpointName', Value: 'llama-ep' },
            { Name: 'VariantName', Value: 'main' },
            { Name: 'InstanceId', Value: id },
          ],
        },
      ]),
    });
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([400, 200]));
    const result = await service.get('team-a', 'llama-ep', { perInstance: true });
    expect(cloudwatch.commandCalls(ListMetricsCommand)).toHaveLength(1);
    expect(cloudwatch.commandCalls(ListMetricsCommand)[0]!.args[0].input).toEqual({
      Dimensions: [
        { Name: 'EndpointName', Value: 'llama-ep' },
        { Name: 'VariantName', Value: 'main' },
      ],
    });
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    // 5 per-instance metrics x 2 instances + 4 endpoint-wide metrics.
    expect(sentQueries()[0]).toHaveLength(14);
    const gpu = result.series.filter((s) => s.metric === 'gpuUtilization');
    expect(gpu.map((s) => [s.instanceId, s.points[0]?.value])).toEqual([
      ['i-a', 100],
      ['i-b', 100],
    ]);
    expect(sentQueries()[0]![0]!.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'EndpointName', Value: 'llama-ep' },
      { Name: 'VariantName', Value: 'main' },
      { Name: 'InstanceId', Value: 'i-a' },
    ]);
    expect(result.series.find((s) => s.metric === 'invocations')).not.toHaveProperty('instanceId');
  });

  it('makes exactly one GetMetricData call per 500 queries when perInstance spans many instances', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `i-${String(i).padStart(3, '0')}`);
    cloudwatch.on(ListMetricsCommand).resolves({
      Metrics: ids.map((id) => ({
        Namespace: '/aws/sagemaker/Endpoints',
        MetricName: 'GPUUtilization',
        Dimensions: [
          { Name: 'EndpointName', Value: 'llama-ep' },
          { Name: 'VariantName', Value: 'main' },
          { Name: 'InstanceId', Value: id },
        ],
      })),
    });
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([100, 100]));
    const result = await service.get('team-a', 'llama-ep', { perInstance: true });
    // 5 per-instance metrics x 120 instances + 4 = 604 queries: two calls, 500 and 104.
    expect(sentQueries().map((queries) => queries.length)).toEqual([500, 104]);
    expect(cloudwatch.commandCalls(ListMetricsCommand)).toHaveLength(1);
    expect(
      new Set(
        sentQueries()
          .flat()
          .map((q) => q.Id),
      ).size,
    ).toBe(604);
    expect(result.series).toHaveLength(604);
  });

  it('follows NextToken pages and merges each series in time order when CloudWatch pages', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'q0', StatusCode: 'PartialData', Timestamps: [at(2)], Values: [100] }], NextToken: 'page-2' })
      .resolvesOnce({ MetricDataResults: [{ Id: 'q0', StatusCode: 'Complete', Timestamps: [at(0)], Values: [40] }] });
    const result = await service.get('team-a', 'llama-ep', { metrics: ['gpuUtilization'] });
    const calls = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.NextToken).toBe('page-2');
    expect(result.series[0]?.points).toEqual([
      { timestamp: at(0).toISOString(), value: 10 },
      { timestamp: at(2).toISOString(), value: 25 },
    ]);
  });

  it('answers empty series when the window has no data', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({ Id: q.Id, StatusCode: 'Complete' as const, Timestamps: [], Values: [] })),
    }));
    const result = await service.get('team-a', 'llama-ep', { metrics: ['gpuUtilization', 'invocations'] });
    expect(result.series.map((s) => s.points)).toEqual([[], []]);
  });

  it('leaves out instances that reported nothing in the window when perInstance is on', async () => {
    cloudwatch.on(ListMetricsCommand).resolves({
      Metrics: ['i-gone', 'i-live'].map((id) => ({
        Namespace: '/aws/sagemaker/Endpoints',
        MetricName: 'GPUUtilization',
        Dimensions: [
          { Name: 'EndpointName', Value: 'llama-ep' },
          { Name: 'VariantName', Value: 'main' },
          { Name: 'InstanceId', Value: id },
        ],
      })),
    });
    cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => {
        const live = q.MetricStat?.Metric?.Dimensions?.some((d) => d.Value === 'i-live') && q.MetricStat.Metric.MetricName === 'GPUUtilization';
        return { Id: q.Id, StatusCode: 'Complete' as const, Timestamps: live ? [at(0)] : [], Values: live ? [80] : [] };
      }),
    }));
    const result = await service.get('team-a', 'llama-ep', { metrics: ['gpuUtilization', 'cpuUtilization'], perInstance: true });
    expect(result.series.map((s) => [s.metric, s.instanceId, s.points.length])).toEqual([
      ['gpuUtilization', 'i-live', 1],
      ['cpuUtilization', 'i-live', 0],
    ]);
  });

  it("rejects another tenant's endpoint as not found without reading CloudWatch", async () => {
    await expect(service.get('team-b', 'llama-ep', {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.get('team-a', 'nope', {})).rejects.toBeInstanceOf(NotFoundError);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('rejects a bad window with every problem before any AWS call', async () => {
    const error = await service.get('team-a', 'llama-ep', { period: 45, start: '2026-03-10T13:00:00Z', end: '2026-03-10T14:00:00Z' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path).sort()).toEqual(['/query/end', '/query/period']);
    expect(cloudwatch.calls()).toHaveLength(0);
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('fails with a 503 when CloudWatch answers a query as Forbidden', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolves({ MetricDataResults: [{ Id: 'q0', StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'not allowed' }] }] });
    await expect(service.get('team-a', 'llama-ep', { metrics: ['gpuUtilization'] })).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('MetricsService per variant', () => {
  let service: MetricsService;
  let stored: EndpointRecord & { status?: string };
  const dimensions = (variant: string, instanceId?: string) => [
    { Name: 'EndpointName', Value: 'ab-ep' },
    { Name: 'VariantName', Value: variant },
    ...(instanceId ? [{ Name: 'InstanceId', Value: instanceId }] : []),
  ];

  beforeEach(() => {
    cloudwatch.reset();
    sagemaker.reset();
    stored = { ...record, name: 'ab-ep' };
    // Two production variants on different instance types (4 GPUs and 1 GPU) and a shadow on 8.
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'ab-ep',
      EndpointStatus: 'InService',
      EndpointConfigName: 'ab-ep-cfg',
      ProductionVariants: [{ VariantName: 'a' }, { VariantName: 'b' }],
      ShadowProductionVariants: [{ VariantName: 'candidate' }],
    });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      EndpointConfigName: 'ab-ep-cfg',
      ProductionVariants: [
        { VariantName: 'a', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1 },
        { VariantName: 'b', InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1 },
      ],
      ShadowProductionVariants: [{ VariantName: 'candidate', InstanceType: 'ml.g5.48xlarge', InitialInstanceCount: 1 }],
    });
    service = new MetricsService({
      store: { get: async (name) => (name === stored.name ? stored : undefined) },
      sagemaker: new SageMakerVariantReader(new SageMakerClient({ region: 'us-east-1' })),
      metrics: new CloudWatchMetricsReader(new CloudWatchClient({ region: 'us-east-1' })),
      clock: { now: () => now },
    });
  });

  it('reads every variant side by side in one call, each normalised by its own GPU count', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([400, 800], { Invocations: [10, 20] }));
    const result = await service.get('team-a', 'ab-ep', { metrics: ['gpuUtilization', 'invocations'] });
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(sentQueries()[0]!.map((q) => [q.Id, q.MetricStat?.Metric?.MetricName, q.MetricStat?.Metric?.Dimensions])).toEqual([
      ['q0', 'GPUUtilization', dimensions('a')],
      ['q1', 'GPUUtilization', dimensions('b')],
      ['q2', 'GPUUtilization', dimensions('candidate')],
      ['q3', 'Invocations', dimensions('a')],
      ['q4', 'Invocations', dimensions('b')],
      ['q5', 'Invocations', dimensions('candidate')],
    ]);
    expect(result.series.map((s) => [s.metric, s.variant, s.role, s.points.map((p) => p.value)])).toEqual([
      // 400 % is 100 % of 4 GPUs (ml.g5.12xlarge), 400 % of 1 GPU (ml.g5.xlarge), 50 % of 8 (ml.g5.48xlarge).
      ['gpuUtilization', 'a', 'production', [100, 200]],
      ['gpuUtilization', 'b', 'production', [400, 800]],
      ['gpuUtilization', 'candidate', 'shadow', [50, 100]],
      ['invocations', 'a', 'production', [10, 20]],
      ['invocations', 'b', 'production', [10, 20]],
      ['invocations', 'candidate', 'shadow', [10, 20]],
    ]);
  });

  it('reads only the named variants, and refuses unknown names before reading CloudWatch', async () => {
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([1, 1]));
    const result = await service.get('team-a', 'ab-ep', { metrics: ['modelLatency'], variant: ['candidate'] });
    expect(result.series.map((s) => [s.variant, s.role])).toEqual([['candidate', 'shadow']]);
    const error = await service.get('team-a', 'ab-ep', { variant: ['main'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ path: '/query/variant', message: expect.stringContaining('it serves a, b, candidate') }]);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
  });

  it('labels a single-variant endpoint with its variant when perVariant is true', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointName: 'ab-ep', EndpointConfigName: 'ab-ep-cfg', ProductionVariants: [{ VariantName: 'a' }] });
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([1, 1]));
    const labelled = await service.get('team-a', 'ab-ep', { metrics: ['invocations'], perVariant: true });
    expect(labelled.series.map((s) => [s.variant, s.role])).toEqual([['a', 'production']]);
    const plain = await service.get('team-a', 'ab-ep', { metrics: ['invocations'] });
    expect(plain.series[0]).not.toHaveProperty('variant');
    expect(plain.series[0]).not.toHaveProperty('role');
  });

  it("takes the config's variants while DescribeEndpoint lists none yet (an endpoint being created)", async () => {
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointName: 'ab-ep', EndpointStatus: 'Creating', EndpointConfigName: 'ab-ep-cfg' });
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([1, 1]));
    const result = await service.get('team-a', 'ab-ep', { metrics: ['invocations'] });
    expect(result.series.map((s) => s.variant)).toEqual(['a', 'b', 'candidate']);
  });

  it('lists instances per variant and labels each instance series with its variant when perInstance is on', async () => {
    cloudwatch.on(ListMetricsCommand).callsFake((input: { Dimensions?: { Name?: string; Value?: string }[] }) => {
      const variant = input.Dimensions?.find((d) => d.Name === 'VariantName')?.Value ?? '';
      return { Metrics: [{ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'GPUUtilization', Dimensions: dimensions(variant, `i-${variant}`) }] };
    });
    cloudwatch.on(GetMetricDataCommand).callsFake(echoPoints([800, 800]));
    const result = await service.get('team-a', 'ab-ep', { metrics: ['gpuUtilization', 'invocations'], variant: ['a', 'b'], perInstance: true });
    expect(cloudwatch.commandCalls(ListMetricsCommand).map((c) => c.args[0].input.Dimensions)).toEqual([dimensions('a'), dimensions('b')]);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(sentQueries()[0]![1]!.MetricStat?.Metric?.Dimensions).toEqual(dimensions('b', 'i-b'));
    expect(result.series.map((s) => [s.metric, s.variant, s.instanceId, s.points[0]?.value])).toEqual([
      ['gpuUtilization', 'a', 'i-a', 200],
      ['gpuUtilization', 'b', 'i-b', 800],
      ['invocations', 'a', undefined, 800],
      ['invocations', 'b', undefined, 800],
    ]);
  });

  it('answers empty series without reading SageMaker or CloudWatch when the record says paused', async () => {
    stored = { ...stored, status: 'paused' };
    const result = await service.get('team-a', 'ab-ep', { metrics: ['gpuUtilization', 'modelLatency'], variant: ['a'], perVariant: true });
    expect(result.series).toEqual([
      { metric: 'gpuUtilization', stat: 'Average', unit: 'Percent', points: [] },
      { metric: 'modelLatency', stat: 'Average', unit: 'Milliseconds', points: [] },
    ]);
    expect(sagemaker.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('answers empty series in the statistic asked for when SageMaker has no endpoint for the record', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(Object.assign(new Error('Could not find endpoint "ab-ep".'), { name: 'ValidationException' }));
    const result = await service.get('team-a', 'ab-ep', { stat: 'SampleCount' });
    expect(result.series).toHaveLength(9);
    expect(result.series.every((s) => s.stat === 'SampleCount' && s.unit === 'Count' && s.points.length === 0)).toBe(true);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('still answers 404 for a paused endpoint of another tenant', async () => {
    stored = { ...stored, status: 'paused' };
    await expect(service.get('team-b', 'ab-ep', {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
