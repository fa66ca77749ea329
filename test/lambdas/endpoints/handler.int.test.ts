import { DescribeScalableTargetsCommand, ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeEndpointConfigCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configureEmulator, injectEndpointFault, recordedCalls } from '../../../local/emulator.js';
import { localResources } from '../../../local/bootstrap.js';
import { emulatorClients } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';
import { servedModel, waitForEndpoint } from '../../support/endpoints.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const GiB = 1024 ** 3;

describe('endpoints API', () => {
  const endpoint = inject('emulatorEndpoint');
  const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const { s3, sagemaker } = emulatorClients();
  const scaling = new ApplicationAutoScalingClient(common);
  const cloudwatch = new CloudWatchClient(common);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(common));
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let model: string;

  const waitFor = (name: string, status: string): Promise<ApiAnswer> => waitForEndpoint(call, name, status);

  async function scalableTargets(name: string) {
    const result = await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [`endpoint/${name}/variant/main`] }));
    return result.ScalableTargets ?? [];
  }

  async function running(name: string, extra: Record<string, unknown> = {}): Promise<void> {
    const created = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge', ...extra } });
    expect(created.status).toBe(202);
    await waitFor(name, 'running');
  }

  beforeAll(async () => {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    model = await servedModel(call, s3, 'served');
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates an endpoint that goes from creating to running, with enhanced metrics and size-based timeouts', async () => {
    const name = uniqueName('ep');
    const created = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toBe(`/v1/endpoints/${name}`);
    expect(created.body).toMatchObject({ name, status: 'creating', sagemakerStatus: 'Creating', model, version: 1, instanceType: 'ml.g5.2xlarge' });
    const ready = await waitFor(name, 'running');
    expect(ready.body).toMatchObject({ sagemakerStatus: 'InService', instanceCount: { current: 1, desired: 1 } });
    expect(ready.body.links.logs).toContain(`log-group/$252Faws$252Fsagemaker$252FEndpoints$252F${name}`);
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: (await recordedConfigs(name))[0]! }));
    expect(config.ProductionVariants?.[0]).toMatchObject({
      VariantName: 'main',
      ModelName: `${model}-v1`,
      ModelDataDownloadTimeoutInSeconds: 600,
      ContainerStartupHealthCheckTimeoutInSeconds: 600,
    });
  });

  async function recordedConfigs(name: string): Promise<string[]> {
    const { Item } = await dynamo.send(new GetCommand({ TableName: localResources.tableName, Key: { pk: `ENDPOINT#${name}`, sk: 'ENDPOINT' } }));
    return (Item?.configs as string[] | undefined) ?? [];
  }

  it('scales in place without a new config, and refuses changes while updating', async () => {
    const name = uniqueName('ep');
    await running(name);
    const before = await recordedConfigs(name);
    // This update lasts 3 s (the emulator fixes its end when it starts), so the second PATCH
    // finds it still updating even on a loaded machine; later transitions are quick again.
    await configureEmulator(endpoint, { endpointTransitionSeconds: 3 });
    let scaled: ApiAnswer;
    try {
      scaled = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { instanceCount: 3 } });
    } finally {
      await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    }
    expect(scaled.status).toBe(202);
    expect(scaled.body).toMatchObject({ status: 'updating', instanceCount: { desired: 3 } });
    const busy = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { instanceCount: 2 } });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'EndpointBusy', currentStatus: 'updating' });
    const done = await waitFor(name, 'running');
    expect(done.body.instanceCount).toEqual({ current: 3, desired: 3 });
    expect(await recordedConfigs(name)).toEqual(before);
    const updates = (await recordedCalls(endpoint, 'UpdateEndpoint')) as { EndpointName?: string }[];
    expect(updates.filter((u) => u.EndpointName === name)).toEqual([]);
  });

  /**
   * Sends each endpoint's PATCHes, all at once, with transitions lasting 3 s so that none lands
   * after the first change has settled (it would then be a change of its own, made in turn).
   */
  async function inParallel(names: string[], counts: number[]): Promise<ApiAnswer[][]> {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 3 });
    try {
      return await Promise.all(
        names.map((name) => Promise.all(counts.map((instanceCount) => call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { instanceCount } })))),
      );
    } finally {
      await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    }
  }

  async function capacityCalls(name: string): Promise<number[]> {
    const calls = (await recordedCalls(endpoint, 'UpdateEndpointWeightsAndCapacities')) as {
      EndpointName?: string;
      DesiredWeightsAndCapacities?: { DesiredInstanceCount?: number }[];
    }[];
    return calls.filter((c) => c.EndpointName === name).map((c) => c.DesiredWeightsAndCapacities?.[0]?.DesiredInstanceCount ?? 0);
  }

  it('accepts one of two parallel resizes and refuses the other with a 409 that says why', async () => {
    const name = uniqueName('ep');
    await running(name);
    const [answers] = (await inParallel([name], [2, 3])) as [ApiAnswer[]];
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const winner = answers.findIndex((a) => a.status === 202);
    const won = [2, 3][winner]!;
    expect(answers[winner]!.body.instanceCount.desired).toBe(won);
    const loser = answers[1 - winner]!.body;
    // Refused by our record (the winner claimed it first) or by SageMaker (the winner's change is under way).
    expect(['EndpointChanged', 'EndpointBusy']).toContain(loser.code);
    if (loser.code === 'EndpointBusy') expect(loser.currentStatus).toBe('updating');
    const done = await waitFor(name, 'running');
    expect(done.body.instanceCount).toEqual({ current: won, desired: won });
  });

  it('makes exactly the accepted change when a no-op and a resize race, and each answer describes its own request', async () => {
    // Three endpoints race at once: the interleaving that went wrong (the no-op's write landing
    // between the resize's read and its write) then shows up on at least one of them.
    const names = [uniqueName('ep'), uniqueName('ep'), uniqueName('ep')];
    await Promise.all(names.map((name) => running(name, { instanceCount: 3 })));
    const raced = await inParallel(names, [3, 4]);
    for (const [i, name] of names.entries()) {
      const [same, more] = raced[i]!;
      for (const [answer, asked] of [
        [same!, 3],
        [more!, 4],
      ] as const) {
        if (answer.status === 202) expect(answer.body.instanceCount.desired, `${name} asked ${asked}`).toBe(asked);
        else expect(answer.status).toBe(409);
      }
      // The no-op asks nothing of SageMaker; the resize is made if, and only if, it was accepted.
      const accepted = more!.status === 202;
      expect(await capacityCalls(name), `${name}: the resize answered ${more!.status}`).toEqual(accepted ? [4] : []);
      const done = await waitFor(name, 'running');
      expect(done.body.instanceCount).toEqual(accepted ? { current: 4, desired: 4 } : { current: 3, desired: 3 });
    }
  });

  it('changes instance type with a canary policy while autoscaling is attached: deregister, update, re-register', async () => {
    const name = uniqueName('ep');
    await running(name);
    const autoscaling = { minInstances: 1, maxInstances: 4, target: { metric: 'concurrentRequests', value: 4 } };
    const attached = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { autoscaling } });
    expect(attached.status).toBe(202);
    expect(await scalableTargets(name)).toHaveLength(1);
    const oldConfig = (await recordedConfigs(name))[0]!;

    const rolled = await call({
      method: 'PATCH',
      path: `/v1/endpoints/${name}`,
      body: { instanceType: 'ml.g6e.2xlarge', deployment: { strategy: 'canary', stepPercent: 20, waitSeconds: 60 } },
    });
    expect(rolled.status).toBe(202);
    expect(rolled.body.status).toBe('updating');
    expect(await scalableTargets(name)).toHaveLength(0);
    const update = ((await recordedCalls(endpoint, 'UpdateEndpoint')) as Record<string, any>[]).find((u) => u.EndpointName === name)!;
    expect(update.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration).toEqual({
      Type: 'CANARY',
      WaitIntervalInSeconds: 60,
      CanarySize: { Type: 'CAPACITY_PERCENT', Value: 20 },
    });
    const alarms = update.DeploymentConfig.AutoRollbackConfiguration.Alarms.map((a: { AlarmName: string }) => a.AlarmName);
    const described = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: alarms }));
    expect(described.MetricAlarms?.map((a) => a.MetricName).sort()).toEqual(['Invocation5XXErrors', 'ModelLatency']);

    const done = await waitFor(name, 'running');
    expect(done.body).toMatchObject({ instanceType: 'ml.g6e.2xlarge', autoscaling: { minInstances: 1, maxInstances: 4 }, deployment: { strategy: 'canary' } });
    await expect.poll(async () => (await scalableTargets(name)).length, { timeout: 5000 }).toBe(1);
    await expect.poll(async () => (await recordedConfigs(name)).includes(oldConfig), { timeout: 5000 }).toBe(false);
    await expect(sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: oldConfig }))).rejects.toThrow(/Could not find/);
  });

  it('rolls to the version an alias points at', async () => {
    const name = uniqueName('ep');
    await running(name);
    expect((await call({ method: 'PUT', path: `/v1/models/${model}/aliases/next`, body: { version: 2 } })).status).toBe(200);
    const rolled = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { alias: 'next' } });
    expect(rolled.status).toBe(202);
    const done = await waitFor(name, 'running');
    expect(done.body).toMatchObject({ version: 2, alias: 'next' });
  });

  it('refuses a model too large for the instance type, naming the types it fits on', async () => {
    const big = uniqueName('big');
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: big } })).status).toBe(201);
    const jobId = uniqueName('job').toLowerCase();
    await dynamo.send(
      new PutCommand({
        TableName: localResources.tableName,
        Item: {
          pk: `JOB#${jobId}`,
          sk: 'JOB',
          jobId,
          tenant: 'local',
          status: 'succeeded',
          model: big,
          series: 'llama',
          artifacts: { modelDataUri: `s3://${localResources.artifactBucket}/llama-70b/`, imageUri: image },
          sizing: { weightBytes: 140 * GiB, dtype: 'bfloat16', parameters: 70_000_000_000 },
        },
      }),
    );
    expect((await call({ method: 'POST', path: `/v1/models/${big}/versions`, body: { packagingJobId: jobId } })).status).toBe(201);
    const refused = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: {
        name: uniqueName('ep'),
        model: big,
        version: 1,
        instanceType: 'ml.g5.2xlarge',
        autoscaling: { minInstances: 3, maxInstances: 2, target: { metric: 'invocationsPerInstance', value: 100 } },
      },
    });
    expect(refused.status).toBe(400);
    const messages = refused.body.errors.map((e: { path: string; message: string }) => `${e.path} ${e.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/^\/body\/instanceType .*needs 169 GiB.*has 24 GiB\. It fits on ml\.g6e\.12xlarge, .* and \d+ larger types\.$/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/^\/body\/autoscaling\/minInstances/));
  });

  it('reports a failed creation with its reason, and deletes it leaving nothing behind', async () => {
    const name = uniqueName('ep');
    await injectEndpointFault(endpoint, { endpoint: name, operation: 'create', reason: 'CUDA out of memory while loading the model', outcome: 'failed' });
    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } })).status).toBe(202);
    const failed = await waitFor(name, 'failed');
    expect(failed.body.reason).toBe('CUDA out of memory while loading the model');
    const refused = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { instanceCount: 2 } });
    expect(refused.status).toBe(409);
    const configs = await recordedConfigs(name);
    expect((await call({ method: 'DELETE', path: `/v1/endpoints/${name}` })).status).toBe(202);
    await waitFor(name, 'gone');
    for (const config of configs)
      await expect(sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: config }))).rejects.toThrow(/Could not find/);
  });

  it('deletes an endpoint with its configs, scaling target and alarms; a second delete is not an error', async () => {
    const name = uniqueName('ep');
    await running(name, { autoscaling: { minInstances: 1, maxInstances: 2, target: { metric: 'invocationsPerInstance', value: 50 } } });
    await expect.poll(async () => (await scalableTargets(name)).length, { timeout: 5000 }).toBe(1);
    expect((await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { version: 2 } })).status).toBe(202);
    await waitFor(name, 'running');
    const configs = await recordedConfigs(name);
    const first = await call({ method: 'DELETE', path: `/v1/endpoints/${name}` });
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('deleting');
    const second = await call({ method: 'DELETE', path: `/v1/endpoints/${name}` });
    expect([202, 404]).toContain(second.status);
    await waitFor(name, 'gone');
    await expect.poll(async () => (await recordedConfigs(name)).length, { timeout: 5000 }).toBe(0);
    for (const config of configs)
      await expect(sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: config }))).rejects.toThrow(/Could not find/);
    expect(await scalableTargets(name)).toHaveLength(0);
    const alarms = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `modelplane-${name}-` }));
    expect(alarms.MetricAlarms).toEqual([]);
  });

  it('hides endpoints of other tenants and refuses to delete a model version an endpoint serves', async () => {
    const name = uniqueName('ep');
    await running(name);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}`, tenant: 'someone-else' })).status).toBe(404);
    const listed = await call({ method: 'GET', path: '/v1/endpoints?limit=100' });
    expect(listed.body.items.map((e: { name: string }) => e.name)).toContain(name);
    expect((await call({ method: 'GET', path: '/v1/endpoints', tenant: 'someone-else' })).body.items).toEqual([]);
    expect((await call({ method: 'DELETE', path: `/v1/models/${model}/versions/1` })).status).toBe(409);
  });
});
