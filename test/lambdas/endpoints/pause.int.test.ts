import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, ListEndpointConfigsCommand } from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { configureEmulator, injectEndpointFault } from '../../../local/emulator.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';
import { servedModel, waitForEndpoint } from '../../support/endpoints.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

// Every answer here is checked against the spec by the test control plane.
describe('pause and resume through the API', { timeout: 90_000 }, () => {
  const endpoint = inject('emulatorEndpoint');
  const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const { s3, sagemaker } = emulatorClients();
  const scaling = new ApplicationAutoScalingClient(common);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(common));
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let model: string;
  const autoscaling = { minInstances: 1, maxInstances: 3, target: { metric: 'invocationsPerInstance', value: 50 } };

  const waitFor = (name: string, status: string): Promise<ApiAnswer> => waitForEndpoint(call, name, status);

  async function scalableTargets(name: string) {
    const result = await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [`endpoint/${name}/variant/main`] }));
    return result.ScalableTargets ?? [];
  }

  async function record(name: string): Promise<Record<string, any> | undefined> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: localResources.tableName, Key: { pk: `ENDPOINT#${name}`, sk: 'ENDPOINT' } }));
    return Item;
  }

  async function sagemakerEndpoint(name: string): Promise<string | undefined> {
    try {
      return (await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus;
    } catch (error) {
      if ((error as Error).name === 'ValidationException') return undefined;
      throw error;
    }
  }

  async function configsOf(name: string): Promise<string[]> {
    const listed = await sagemaker.send(new ListEndpointConfigsCommand({ NameContains: name, MaxResults: 100 }));
    return (listed.EndpointConfigs ?? []).map((c) => c.EndpointConfigName!).filter((n) => n.startsWith(`${name}-`));
  }

  /** Waits until SageMaker has deleted the paused endpoint and the reconcile removed its configs. */
  async function settledPause(name: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while ((await sagemakerEndpoint(name)) !== undefined || (await configsOf(name)).length > 0 || ((await record(name))?.configs ?? []).length > 0) {
      if (Date.now() > deadline) throw new Error(`the pause of ${name} did not settle`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function running(name: string, extra: Record<string, unknown> = {}, version = 1): Promise<ApiAnswer> {
    const created = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version, instanceType: 'ml.g5.2xlarge', ...extra } });
    expect(created.status).toBe(202);
    return waitFor(name, 'running');
  }

  beforeAll(async () => {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    model = await servedModel(call, s3, 'pausable');
  });
  afterAll(async () => {
    await api.close();
  });

  it('pauses: the SageMaker endpoint, its configs and its autoscaling target go, the definition stays; resume brings back the same fleet', async () => {
    const name = uniqueName('ep');
    await running(name, { instanceCount: 2, autoscaling, deployment: { strategy: 'allAtOnce' } });
    // Autoscaling is registered by the reconcile once the endpoint is in service.
    await expect.poll(async () => (await scalableTargets(name)).length, { timeout: 10_000 }).toBe(1);

    const paused = await call({ method: 'POST', path: `/v1/endpoints/${name}/pause` });
    expect({ status: paused.status, problem: paused.status === 202 ? undefined : paused.body }).toEqual({ status: 202, problem: undefined });
    expect(paused.body).toMatchObject({
      name,
      status: 'paused',
      model,
      version: 1,
      instanceType: 'ml.g5.2xlarge',
      instanceCount: { current: 0, desired: 2 },
      autoscaling,
      deployment: { strategy: 'allAtOnce' },
    });
    expect(Date.parse(paused.body.pausedAt)).not.toBeNaN();
    await settledPause(name);
    expect(await scalableTargets(name)).toEqual([]);
    expect((await record(name))?.paused).toMatchObject({
      variants: [{ name: 'main', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 2, weight: 1 }],
    });

    // Describe and list show it paused, with when; pausing again answers it as it is.
    const described = await call({ method: 'GET', path: `/v1/endpoints/${name}` });
    expect(described.body).toMatchObject({ status: 'paused', sagemakerStatus: 'Deleted', pausedAt: paused.body.pausedAt });
    const listed = await call({ method: 'GET', path: '/v1/endpoints?limit=100' });
    expect(listed.body.items.find((e: { name: string }) => e.name === name)).toMatchObject({ status: 'paused', pausedAt: paused.body.pausedAt });
    const again = await call({ method: 'POST', path: `/v1/endpoints/${name}/pause` });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: 'paused', pausedAt: paused.body.pausedAt });

    const resumed = await call({ method: 'POST', path: `/v1/endpoints/${name}/resume` });
    expect(resumed.status).toBe(202);
    // creating, or already running on a loaded machine (a transition lasts 0.4 s here).
    expect(['creating', 'running']).toContain(resumed.body.status);
    expect(resumed.body).toMatchObject({ version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: { desired: 2 }, autoscaling });
    expect(resumed.body.pausedAt).toBeUndefined();
    // Resuming again answers it as it is, and creates nothing twice.
    const twice = await call({ method: 'POST', path: `/v1/endpoints/${name}/resume` });
    expect(twice.status).toBe(202);
    expect(['creating', 'running']).toContain(twice.body.status);

    const back = await waitFor(name, 'running');
    expect(back.body).toMatchObject({ version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: { current: 2, desired: 2 }, autoscaling });
    await expect.poll(async () => (await scalableTargets(name))[0]?.MaxCapacity, { timeout: 10_000 }).toBe(3);
    const configs = await configsOf(name);
    expect(configs).toHaveLength(1);
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configs[0]! }));
    expect(config.ProductionVariants?.[0]).toMatchObject({ ModelName: `${model}-v1`, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 2 });
    expect((await record(name))?.paused).toBeUndefined();
  });

  it('refuses to pause an endpoint that failed, saying so', async () => {
    const name = uniqueName('ep');
    await injectEndpointFault(endpoint, { endpoint: name, operation: 'create', reason: 'CUDA out of memory while loading the model', outcome: 'failed' });
    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } })).status).toBe(202);
    await waitFor(name, 'failed');
    const refused = await call({ method: 'POST', path: `/v1/endpoints/${name}/pause` });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'EndpointNotRunning', currentStatus: 'failed' });
    expect(refused.body.detail).toBe(`Endpoint ${name} is failed; only a running endpoint can be paused (delete it and create it again).`);
    expect(await sagemakerEndpoint(name)).toBe('Failed');
    expect((await call({ method: 'DELETE', path: `/v1/endpoints/${name}` })).status).toBe(202);
  });

  it('lets the version go while paused: resume is then a 409, and a PATCH to another version (which creates nothing) makes it resumable', async () => {
    const name = uniqueName('ep');
    const own = uniqueName('own');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: own } })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      expect((await call({ method: 'POST', path: `/v1/models/${own}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(201);
    }
    const created = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model: own, version: 2, instanceType: 'ml.g5.2xlarge' } });
    expect(created.status).toBe(202);
    await waitFor(name, 'running');
    expect((await call({ method: 'DELETE', path: `/v1/models/${own}/versions/2` })).status).toBe(409);

    expect((await call({ method: 'POST', path: `/v1/endpoints/${name}/pause` })).status).toBe(202);
    await settledPause(name);
    expect((await call({ method: 'DELETE', path: `/v1/models/${own}/versions/2` })).status).toBe(204);
    const refused = await call({ method: 'POST', path: `/v1/endpoints/${name}/resume` });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PausedVersionUnavailable');
    expect(refused.body.detail).toContain('version 2');
    expect(await configsOf(name)).toEqual([]);

    const moved = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { version: 1, instanceCount: 2 } });
    expect(moved.status).toBe(202);
    expect(moved.body).toMatchObject({ status: 'paused', version: 1, instanceCount: { current: 0, desired: 2 } });
    expect(await sagemakerEndpoint(name)).toBeUndefined();
    expect(await configsOf(name)).toEqual([]);
    const invalid = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { instanceType: 'ml.m5.large' } });
    expect(invalid.status).toBe(400);

    expect((await call({ method: 'POST', path: `/v1/endpoints/${name}/resume` })).status).toBe(202);
    const back = await waitFor(name, 'running');
    expect(back.body).toMatchObject({ version: 1, instanceCount: { current: 2, desired: 2 } });
  });

  it('deletes a paused endpoint: the record goes, nothing is left in SageMaker', async () => {
    const name = uniqueName('ep');
    await running(name);
    expect((await call({ method: 'POST', path: `/v1/endpoints/${name}/pause` })).status).toBe(202);
    await settledPause(name);
    const deleted = await call({ method: 'DELETE', path: `/v1/endpoints/${name}` });
    expect(deleted.status).toBe(202);
    expect(deleted.body.status).toBe('deleting');
    await waitFor(name, 'gone');
    expect(await record(name)).toBeUndefined();
    expect(await configsOf(name)).toEqual([]);
    expect((await call({ method: 'POST', path: `/v1/endpoints/${name}/resume` })).status).toBe(404);
  });
});
