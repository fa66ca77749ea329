import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeEndpointCommand, ListEndpointConfigsCommand } from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { configureEmulator } from '../../../local/emulator.js';
import { LocalIdlePause } from '../../../local/idle-pause.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';
import { waitForEndpoint } from '../../support/endpoints.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const minute = 60_000;

// The idle check reads the emulator's CloudWatch (moto) on an injected clock, so nothing here
// waits for 15 real minutes. The check walks every endpoint in the shared emulator: clocks here
// stay within an hour of now, so another suite's endpoint with a longer idle pause is never due.
// Every API answer is checked against the spec by the test control plane.
describe('idle pause', { timeout: 90_000 }, () => {
  const endpoint = inject('emulatorEndpoint');
  const { s3, sagemaker } = emulatorClients();
  const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const cloudwatch = new CloudWatchClient(common);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(common));
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let model: string;

  /** When SageMaker (the emulator) created the endpoint: a resume makes a new one. */
  const createdAt = async (name: string): Promise<number> =>
    (await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }))).CreationTime!.getTime();

  /** Waits until the reconcile has removed the paused endpoint's configs, from SageMaker and from its record (as pause.int.test.ts does before a resume). */
  async function settledPause(name: string): Promise<void> {
    const configs = async () =>
      ((await sagemaker.send(new ListEndpointConfigsCommand({ NameContains: name, MaxResults: 100 }))).EndpointConfigs ?? []).filter((c) =>
        c.EndpointConfigName!.startsWith(`${name}-`),
      ).length;
    const recorded = async (): Promise<number> => {
      const { Item } = await dynamo.send(new GetCommand({ TableName: localResources.tableName, Key: { pk: `ENDPOINT#${name}`, sk: 'ENDPOINT' } }));
      return ((Item?.configs as string[] | undefined) ?? []).length;
    };
    await expect.poll(async () => (await configs()) + (await recorded()), { timeout: 15_000 }).toBe(0);
  }

  beforeAll(async () => {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    model = uniqueName('idle');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    cloudwatch.destroy();
  });

  it('refuses an idle pause out of bounds with 400, and keeps, changes and removes one through create and PATCH', async () => {
    const name = uniqueName('ep');
    const body = { name, model, version: 1, instanceType: 'ml.g5.2xlarge' };
    for (const afterMinutes of [5, 10081, 20.5]) {
      const bad = await call({ method: 'POST', path: '/v1/endpoints', body: { ...body, idlePause: { afterMinutes } } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('/body/idlePause/afterMinutes');
    }
    const created = await call({ method: 'POST', path: '/v1/endpoints', body: { ...body, idlePause: { afterMinutes: 15 } } });
    expect(created.status).toBe(202);
    expect(created.body.idlePause).toEqual({ afterMinutes: 15 });
    // A change of the idle pause alone works while the endpoint is still creating.
    const changed = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { idlePause: { afterMinutes: 120 } } });
    expect(changed.status).toBe(202);
    expect(changed.body.idlePause).toEqual({ afterMinutes: 120 });
    expect((await waitForEndpoint(call, name, 'running')).body.idlePause).toEqual({ afterMinutes: 120 });
    const removed = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { idlePause: null } });
    expect(removed.status).toBe(202);
    expect(removed.body.idlePause).toBeUndefined();
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.idlePause).toBeUndefined();

    expect((await call({ method: 'DELETE', path: `/v1/endpoints/${name}` })).status).toBe(202);
  });

  it('pauses a running endpoint only once it had no invocations for afterMinutes; a resume starts the clock again', async () => {
    const name = uniqueName('ep');
    const created = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 2, idlePause: { afterMinutes: 15 } },
    });
    expect(created.status).toBe(202);
    await waitForEndpoint(call, name, 'running');
    const born = await createdAt(name);
    let now = new Date(born + 10 * minute);
    const local = new LocalIdlePause({ intervalMs: 60_000, now: () => now });
    const pausedNow = async () => (await local.poll()).paused.filter((p) => p.name === name);

    // 10 minutes old: too young, whatever CloudWatch says.
    expect(await pausedNow()).toEqual([]);
    // Invocations 20 minutes in: at 30 minutes the last 15 were not idle.
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SageMaker',
        MetricData: [
          {
            MetricName: 'Invocations',
            Dimensions: [
              { Name: 'EndpointName', Value: name },
              { Name: 'VariantName', Value: 'main' },
            ],
            Timestamp: new Date(born + 20 * minute),
            Value: 4,
            Unit: 'Count',
          },
        ],
      }),
    );
    now = new Date(born + 30 * minute);
    expect(await pausedNow()).toEqual([]);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.status).toBe('running');

    // At 50 minutes nothing came for 15 (no data points at all): paused, through the pause path.
    now = new Date(born + 50 * minute);
    expect(await pausedNow()).toEqual([{ name, tenant: expect.any(String), afterMinutes: 15, reason: 'it received no invocations in the last 15 minutes' }]);
    const paused = await call({ method: 'GET', path: `/v1/endpoints/${name}` });
    expect(paused.body).toMatchObject({
      status: 'paused',
      idlePause: { afterMinutes: 15 },
      instanceCount: { current: 0, desired: 2 },
      pausedAt: now.toISOString(),
    });
    await expect
      .poll(async () => (await call<{ sagemakerStatus: string }>({ method: 'GET', path: `/v1/endpoints/${name}` })).body.sagemakerStatus, { timeout: 10_000 })
      .toBe('Deleted');
    await settledPause(name);
    // A paused endpoint is left as it is.
    now = new Date(born + 55 * minute);
    expect(await pausedNow()).toEqual([]);

    const resumed = await call({ method: 'POST', path: `/v1/endpoints/${name}/resume` });
    expect(resumed.status).toBe(202);
    expect(resumed.body.idlePause).toEqual({ afterMinutes: 15 });
    await waitForEndpoint(call, name, 'running');
    const reborn = await createdAt(name);
    // 10 minutes after the resume, the window reaches back before it: kept, though no invocation came.
    now = new Date(reborn + 10 * minute);
    expect(await pausedNow()).toEqual([]);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body).toMatchObject({ status: 'running', instanceCount: { desired: 2 } });
    now = new Date(reborn + 16 * minute);
    expect(await pausedNow()).toHaveLength(1);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.status).toBe('paused');
    expect((await call({ method: 'DELETE', path: `/v1/endpoints/${name}` })).status).toBe(202);
  });
});
