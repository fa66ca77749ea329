import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emulatorClients } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';
import { createVariantEndpoint, writeEndpointRecord } from '../../support/variant-endpoints.js';

const minute = 60_000;

interface Series {
  metric: string;
  stat: string;
  unit: string;
  variant?: string;
  role?: string;
  instanceId?: string;
  points: { timestamp: string; value: number }[];
}

// An A/B endpoint made directly in the emulator (two production variants on different instance
// types), its data points written the way SageMaker writes them (EndpointName, VariantName
// [, InstanceId], in that order), read back through the API; every answer is checked against
// the spec by the test plane.
describe('endpoint metrics per variant', () => {
  const common = { endpoint: inject('emulatorEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const cloudwatch = new CloudWatchClient(common);
  const { sagemaker } = emulatorClients();
  const tenant = 'team-ab';
  const name = uniqueName('ab');
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>({ tenant, ...request });
  /** A whole minute half an hour ago: the data lies in [t0, t0 + 2 min). */
  const t0 = new Date(Math.floor(Date.now() / minute) * minute - 30 * minute);
  const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);
  const window = `start=${at(0).toISOString()}&end=${at(10).toISOString()}`;
  const datum = (variant: string, MetricName: string, Value: number, minutes: number, instanceId?: string): MetricDatum => ({
    MetricName,
    Value,
    Timestamp: at(minutes),
    Dimensions: [
      { Name: 'EndpointName', Value: name },
      { Name: 'VariantName', Value: variant },
      ...(instanceId ? [{ Name: 'InstanceId', Value: instanceId }] : []),
    ],
  });
  const shape = (series: Series[]) => series.map((s) => [s.metric, s.variant, s.role, s.points.map((p) => p.value)]);

  beforeAll(async () => {
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    // a on 4 GPUs (ml.g5.12xlarge), b on 1 (ml.g5.xlarge), at 90/10.
    await createVariantEndpoint(sagemaker, name, tenant, [
      { name: 'a', instanceType: 'ml.g5.12xlarge', instanceCount: 1, weight: 0.9 },
      { name: 'b', instanceType: 'ml.g5.xlarge', instanceCount: 1, weight: 0.1 },
    ]);
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: '/aws/sagemaker/Endpoints',
        MetricData: [
          datum('a', 'GPUUtilization', 320, 0),
          datum('b', 'GPUUtilization', 40, 0),
          datum('a', 'GPUUtilization', 320, 0, 'i-0aaa'),
          datum('b', 'GPUUtilization', 40, 0, 'i-0bbb'),
        ],
      }),
    );
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SageMaker',
        MetricData: [
          datum('a', 'Invocations', 90, 0),
          datum('a', 'Invocations', 180, 1),
          datum('b', 'Invocations', 10, 0),
          datum('b', 'Invocations', 20, 1),
          datum('a', 'ModelLatency', 400_000, 0),
          datum('b', 'ModelLatency', 250_000, 0),
          datum('a', 'Invocation5XXErrors', 3, 1),
        ],
      }),
    );
  });
  afterAll(async () => {
    await api.close();
    cloudwatch.destroy();
    sagemaker.destroy();
  });

  it('reads latency, errors and invocations of both variants side by side in one call, each per its own GPU count', async () => {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?metrics=gpuUtilization,modelLatency,errors5xx,invocations&${window}` });
    expect(answer.status).toBe(200);
    expect(shape(answer.body.series)).toEqual([
      // 320 % over 4 GPUs is 80 %; 40 % of one GPU stays 40 %.
      ['gpuUtilization', 'a', 'production', [80]],
      ['gpuUtilization', 'b', 'production', [40]],
      ['modelLatency', 'a', 'production', [400]],
      ['modelLatency', 'b', 'production', [250]],
      ['errors5xx', 'a', 'production', [3]],
      ['errors5xx', 'b', 'production', []],
      ['invocations', 'a', 'production', [90, 180]],
      ['invocations', 'b', 'production', [10, 20]],
    ]);
  });

  it('reads one variant when named, breaks it down per instance, and refuses a variant the endpoint does not serve', async () => {
    const one = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?metrics=gpuUtilization,invocations&variant=b&perInstance=true&${window}` });
    expect(one.status).toBe(200);
    expect(one.body.series.map((s: Series) => [s.metric, s.variant, s.instanceId, s.points.map((p) => p.value)])).toEqual([
      ['gpuUtilization', 'b', 'i-0bbb', [40]],
      ['invocations', 'b', undefined, [10, 20]],
    ]);
    const unknown = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?variant=a,main` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '/query/variant', message: expect.stringContaining('(main); it serves a, b') }]);
    const summed = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?perVariant=false` });
    expect(summed.status).toBe(400);
    expect(summed.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/perVariant']);
  });

  it('refuses a variant name SageMaker could not have before reading anything', async () => {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}/metrics?variant=-a` });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/variant/0']);
  });

  it('answers empty series, not an error, for a paused endpoint whose SageMaker endpoint is gone', async () => {
    const paused = uniqueName('paused');
    // What pausing leaves: the record, with status paused, and no SageMaker endpoint.
    await writeEndpointRecord({ name: paused, tenant, status: 'paused' });
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${paused}/metrics?${window}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ endpoint: paused, start: at(0).toISOString(), end: at(10).toISOString(), period: 60 });
    expect(answer.body.series).toHaveLength(9);
    expect(answer.body.series.every((s: Series) => s.points.length === 0 && s.variant === undefined)).toBe(true);
    const filtered = await call({ method: 'GET', path: `/v1/endpoints/${paused}/metrics?metrics=invocations&variant=a&perVariant=true` });
    expect(filtered.status).toBe(200);
    expect(filtered.body.series).toEqual([{ metric: 'invocations', stat: 'Sum', unit: 'Count', points: [] }]);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${paused}/metrics`, tenant: 'someone-else' })).status).toBe(404);
  });

  it('answers empty series for an endpoint whose record exists while SageMaker has none', async () => {
    const orphan = uniqueName('orphan');
    await writeEndpointRecord({ name: orphan, tenant });
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${orphan}/metrics?metrics=gpuUtilization,modelLatency` });
    expect(answer.status).toBe(200);
    expect(answer.body.series).toEqual([
      { metric: 'gpuUtilization', stat: 'Average', unit: 'Percent', points: [] },
      { metric: 'modelLatency', stat: 'Average', unit: 'Milliseconds', points: [] },
    ]);
  });
});
