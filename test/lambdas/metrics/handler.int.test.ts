import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const minute = 60_000;

// Data points are written the way SageMaker writes them: under the real namespaces, with the
// dimensions in SageMaker's order (EndpointName, VariantName[, InstanceId]), which the
// emulator needs to match them when read.
describe('endpoint metrics API', () => {
  const common = { endpoint: inject('emulatorEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const cloudwatch = new CloudWatchClient(common);
  const { s3 } = emulatorClients();
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let name: string;
  /** A whole minute half an hour ago: the data lies in [t0, t0 + 3 min). */
  const t0 = new Date(Math.floor(Date.now() / minute) * minute - 30 * minute);
  const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);
  const window = (minutes = 10) => `start=${at(0).toISOString()}&end=${at(minutes).toISOString()}`;

  const dimensions = (endpoint: string, instanceId?: string) => [
    { Name: 'EndpointName', Value: endpoint },
    { Name: 'VariantName', Value: 'main' },
    ...(instanceId ? [{ Name: 'InstanceId', Value: instanceId }] : []),
  ];
  const datum = (MetricName: string, Value: number, minutes: number, instanceId?: string): MetricDatum => ({
    MetricName,
    Value,
    Timestamp: at(minutes),
    Dimensions: dimensions(name, instanceId),
  });
  const series = (body: { series: { metric: string; instanceId?: string }[] }, metric: string, instanceId?: string) =>
    body.series.find((s: { metric: string; instanceId?: string }) => s.metric === metric && s.instanceId === instanceId);

  beforeAll(async () => {
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    const model = uniqueName('watched');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(201);
    name = uniqueName('ep');
    // ml.g5.12xlarge: 4 GPUs and 48 vCPUs.
    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.12xlarge' } })).status).toBe(202);

    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: '/aws/sagemaker/Endpoints',
        MetricData: [
          datum('GPUUtilization', 300, 0),
          datum('GPUUtilization', 200, 1),
          datum('GPUMemoryUtilization', 160, 0),
          datum('CPUUtilization', 2400, 0),
          datum('MemoryUtilization', 40, 0),
          datum('GPUUtilization', 400, 0, 'i-0aaa'),
          datum('GPUUtilization', 200, 0, 'i-0bbb'),
          datum('CPUUtilization', 480, 0, 'i-0aaa'),
        ],
      }),
    );
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SageMaker',
        MetricData: [
          datum('Invocations', 10, 0),
          datum('Invocations', 20, 1),
          datum('Invocations', 5, 2),
          datum('ModelLatency', 250_000, 0),
          datum('Invocation4XXErrors', 1, 0),
          datum('Invocation5XXErrors', 2, 1),
          datum('ConcurrentRequestsPerModel', 6, 0),
          datum('ConcurrentRequestsPerModel', 4, 0, 'i-0aaa'),
          datum('ConcurrentRequestsPerModel', 2, 0, 'i-0bbb'),
        ],
      }),
    );
  });
  afterAll(async () => {
    await api.close();
  });

  it("reads every metric normalised, in its unit, with each metric's own statistic when no metrics are named", async () => {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?${window()}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ endpoint: name, start: at(0).toISOString(), end: at(10).toISOString(), period: 60 });
    expect(answer.body.series).toHaveLength(9);
    const point = (minutes: number, value: number) => ({ timestamp: at(minutes).toISOString(), value });
    // 300 % summed over 4 GPUs is 75 % per GPU.
    expect(series(answer.body, 'gpuUtilization')).toEqual({ metric: 'gpuUtilization', stat: 'Average', unit: 'Percent', points: [point(0, 75), point(1, 50)] });
    expect(series(answer.body, 'gpuMemoryUtilization')).toMatchObject({ unit: 'Percent', points: [point(0, 40)] });
    // 2400 % over 48 vCPUs is 50 %.
    expect(series(answer.body, 'cpuUtilization')).toMatchObject({ unit: 'Percent', points: [point(0, 50)] });
    expect(series(answer.body, 'memoryUtilization')).toMatchObject({ unit: 'Percent', points: [point(0, 40)] });
    expect(series(answer.body, 'invocations')).toEqual({
      metric: 'invocations',
      stat: 'Sum',
      unit: 'Count',
      points: [point(0, 10), point(1, 20), point(2, 5)],
    });
    // 250,000 microseconds are 250 ms.
    expect(series(answer.body, 'modelLatency')).toMatchObject({ stat: 'Average', unit: 'Milliseconds', points: [point(0, 250)] });
    expect(series(answer.body, 'errors4xx')).toMatchObject({ stat: 'Sum', unit: 'Count', points: [point(0, 1)] });
    expect(series(answer.body, 'errors5xx')).toMatchObject({ stat: 'Sum', unit: 'Count', points: [point(1, 2)] });
    expect(series(answer.body, 'concurrentRequests')).toMatchObject({ stat: 'Average', unit: 'Count', points: [point(0, 6)] });
    // Endpoint-wide queries do not pick up the per-instance data points.
    expect(answer.body.series.every((s: { instanceId?: string }) => s.instanceId === undefined)).toBe(true);
  });

  it('aggregates over the period and applies the statistic asked for when period and stat are given', async () => {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?metrics=gpuUtilization,invocations&period=300&stat=Maximum&${window()}` });
    expect(answer.status).toBe(200);
    expect(answer.body.period).toBe(300);
    expect(answer.body.series).toEqual([
      { metric: 'gpuUtilization', stat: 'Maximum', unit: 'Percent', points: [{ timestamp: at(0).toISOString(), value: 75 }] },
      { metric: 'invocations', stat: 'Maximum', unit: 'Count', points: [{ timestamp: at(0).toISOString(), value: 20 }] },
    ]);
    const sums = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?metrics=invocations&period=300&${window()}` });
    expect(sums.body.series[0].points).toEqual([{ timestamp: at(0).toISOString(), value: 35 }]);
  });

  it('breaks per-instance metrics down by InstanceId when perInstance is true', async () => {
    const answer = await call({
      method: 'GET',
      path: `/v1/endpoints/${name}/metrics?metrics=gpuUtilization,concurrentRequests,cpuUtilization,invocations&perInstance=true&${window()}`,
    });
    expect(answer.status).toBe(200);
    const shape = answer.body.series.map((s: { metric: string; instanceId?: string; points: { value: number }[] }) => [
      s.metric,
      s.instanceId,
      s.points.map((p) => p.value),
    ]);
    expect(shape).toEqual([
      ['gpuUtilization', 'i-0aaa', [100]],
      ['gpuUtilization', 'i-0bbb', [50]],
      ['concurrentRequests', 'i-0aaa', [4]],
      ['concurrentRequests', 'i-0bbb', [2]],
      ['cpuUtilization', 'i-0aaa', [10]],
      ['cpuUtilization', 'i-0bbb', []],
      ['invocations', undefined, [10, 20, 5]],
    ]);
  });

  it('reads high-resolution concurrentRequests at a 10-second period', async () => {
    const answer = await call({
      method: 'GET',
      path: `/v1/endpoints/${name}/metrics?metrics=concurrentRequests&period=10&start=${at(0).toISOString()}&end=${at(1).toISOString()}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.series).toEqual([
      { metric: 'concurrentRequests', stat: 'Average', unit: 'Count', points: [{ timestamp: at(0).toISOString(), value: 6 }] },
    ]);
  });

  it('answers empty series when the window holds no data', async () => {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?start=${at(-120).toISOString()}&end=${at(-60).toISOString()}` });
    expect(answer.status).toBe(200);
    expect(answer.body.series).toHaveLength(9);
    expect(answer.body.series.every((s: { points: unknown[] }) => s.points.length === 0)).toBe(true);
  });

  it('answers the last hour at 60 s when no window is given', async () => {
    const before = Date.now();
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?metrics=invocations` });
    expect(answer.status).toBe(200);
    expect(answer.body.period).toBe(60);
    const end = Date.parse(answer.body.end);
    expect(end).toBeGreaterThanOrEqual(before - 1000);
    expect(end - Date.parse(answer.body.start)).toBe(60 * minute);
    expect(answer.body.series[0].points.map((p: { value: number }) => p.value)).toEqual([10, 20, 5]);
  });

  it('rejects bad window parameters listing every problem at once', async () => {
    const future = new Date(Date.now() + 24 * 60 * minute).toISOString();
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?period=45&start=${future}&end=${at(0).toISOString()}` });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('ValidationFailed');
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/query/period', '/query/start']);
    const tooMany = await call({
      method: 'GET',
      path: `/v1/endpoints/${name}/metrics?period=10&start=${at(-1440).toISOString()}&end=${at(0).toISOString()}&metrics=gpuUtilization,concurrentRequests`,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/gpuUtilization is published every 60 seconds/),
      expect.stringMatching(/8640 points per series/),
      expect.stringMatching(/periods under a minute is kept for 3 hours/),
    ]);
  });

  it('rejects parameters the spec does not allow listing every problem at once', async () => {
    const answer = await call({
      method: 'GET',
      path: `/v1/endpoints/${name}/metrics?metrics=gpuUtilization,gpuTemperature&stat=Median&period=5&start=yesterday&perInstance=maybe`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/query/metrics/1',
      '/query/perInstance',
      '/query/period',
      '/query/start',
      '/query/stat',
    ]);
  });

  it('answers 404 when the endpoint belongs to another tenant or does not exist', async () => {
    const other = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics`, tenant: 'someone-else' });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('EndpointNotFound');
    const missing = await call({ method: 'GET', path: `/v1/endpoints/${uniqueName('nope')}/metrics` });
    expect(missing.status).toBe(404);
  });
});
