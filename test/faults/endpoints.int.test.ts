import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  CreateEndpointCommand,
  DeleteEndpointCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  SageMakerClient,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../support/control-plane.js';
import { waitForEndpoint } from '../support/endpoints.js';
import { clearFaults, expectRetryable, faultsOn, passThrough, serverError, throttling, timedOut } from './support/aws-faults.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

// The emulator never throttles, fails with a 500 or times out: aws-sdk-client-mock answers so
// for one call while every other call goes to the emulator, which then shows what was left.
describe('endpoints and their metrics when AWS fails half-way', () => {
  const sagemakerFaults = faultsOn(SageMakerClient);
  const cloudwatchFaults = faultsOn(CloudWatchClient);
  const { s3, sagemaker } = emulatorClients();
  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('emulatorEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
  );
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let model: string;

  beforeAll(async () => {
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    model = uniqueName('served');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    for (let i = 0; i < 2; i++)
      expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(201);
  });
  afterEach(() => {
    clearFaults(sagemakerFaults);
    clearFaults(cloudwatchFaults);
  });
  afterAll(async () => {
    sagemakerFaults.restore();
    cloudwatchFaults.restore();
    await api.close();
  });

  const waitFor = (name: string, status: string): Promise<ApiAnswer> => waitForEndpoint(call, name, status);

  async function running(name: string): Promise<void> {
    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } })).status).toBe(202);
    await waitFor(name, 'running');
  }

  const configsOf = async (name: string) =>
    ((await sagemaker.send(new ListEndpointConfigsCommand({ NameContains: name }))).EndpointConfigs ?? []).map((c) => c.EndpointConfigName);
  const recordOf = async (name: string) =>
    (await dynamo.send(new GetCommand({ TableName: localResources.tableName, Key: { pk: `ENDPOINT#${name}`, sk: 'ENDPOINT' } }))).Item;
  const endpointExists = async (name: string) =>
    ((await sagemaker.send(new ListEndpointsCommand({ NameContains: name }))).Endpoints ?? []).some((e) => e.EndpointName === name);

  it('answers 503 when CreateEndpoint fails, and leaves no endpoint config and no record', async () => {
    const name = uniqueName('ep');
    sagemakerFaults.on(CreateEndpointCommand, { EndpointName: name }).rejects(serverError());
    const answer = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    expect(await configsOf(name)).toEqual([]);
    expect(await recordOf(name)).toBeUndefined();
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).status).toBe(404);
  });

  it('removes an endpoint SageMaker made although CreateEndpoint timed out, with its config and record', async () => {
    const name = uniqueName('ep');
    // The request reaches SageMaker, the answer never comes back: the endpoint exists, creating.
    sagemakerFaults.on(CreateEndpointCommand, { EndpointName: name }).callsFake(async (input, getClient) => {
      await passThrough(sagemakerFaults, getClient(), new CreateEndpointCommand(input));
      throw timedOut();
    });
    const answer = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    // SageMaker refuses to delete an endpoint while it is creating: the record stays, marked
    // deleting, and the reconcile of its next state change finishes the undo.
    await expect.poll(() => endpointExists(name), { timeout: 15_000, interval: 200 }).toBe(false);
    await expect.poll(async () => (await recordOf(name)) === undefined && (await configsOf(name)).length === 0, { timeout: 15_000, interval: 200 }).toBe(true);
  });

  it('answers 429 when a resize is throttled, and keeps the record as it was', async () => {
    const name = uniqueName('ep');
    await running(name);
    const before = await recordOf(name);
    sagemakerFaults.on(UpdateEndpointWeightsAndCapacitiesCommand, { EndpointName: name }).rejects(throttling());
    const answer = await call({
      method: 'PATCH',
      path: `/v1/endpoints/${name}`,
      body: { instanceCount: 2, deployment: { strategy: 'canary', stepPercent: 20 } },
    });
    expectRetryable(answer, 429, 'Throttled');
    expect(await recordOf(name)).toEqual(before);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body).toMatchObject({ status: 'running', instanceCount: { desired: 1 } });
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.deployment).toBeUndefined();
  });

  it('answers 503 when a rollout fails at UpdateEndpoint, and leaves no new config and the record as it was', async () => {
    const name = uniqueName('ep');
    await running(name);
    const before = await recordOf(name);
    sagemakerFaults.on(UpdateEndpointCommand, { EndpointName: name }).rejects(serverError('ServiceUnavailable', 'Service is unavailable'));
    const answer = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { version: 2 } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    expect(await recordOf(name)).toEqual(before);
    expect(await configsOf(name)).toEqual(before?.configs);
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body).toMatchObject({ status: 'running', version: 1 });
  });

  it('answers 503 when DeleteEndpoint times out, and the endpoint stays as it was', async () => {
    const name = uniqueName('ep');
    await running(name);
    sagemakerFaults.on(DeleteEndpointCommand, { EndpointName: name }).rejects(timedOut());
    expectRetryable(await call({ method: 'DELETE', path: `/v1/endpoints/${name}` }), 503, 'ServiceUnavailable');
    expect((await recordOf(name))?.deleting).toBeUndefined();
    clearFaults(sagemakerFaults);
    expect((await call({ method: 'DELETE', path: `/v1/endpoints/${name}` })).status).toBe(202);
    await waitFor(name, 'gone');
  });

  it('answers 429 and 503 for metrics when CloudWatch throttles or times out', async () => {
    const name = uniqueName('ep');
    await running(name);
    const metrics = { method: 'GET', path: `/v1/endpoints/${name}/metrics?metrics=invocations` };
    expect((await call(metrics)).status).toBe(200);
    cloudwatchFaults.on(GetMetricDataCommand).rejects(throttling());
    expectRetryable(await call(metrics), 429, 'Throttled');
    cloudwatchFaults.on(GetMetricDataCommand).rejects(timedOut());
    expectRetryable(await call(metrics), 503, 'ServiceUnavailable');
  });
});
