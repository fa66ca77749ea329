import {
  CreateModelCommand,
  CreateModelPackageGroupCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../support/control-plane.js';
import { clearFaults, expectRetryable, faultsOn, refused, serverError, throttling, timedOut } from './support/aws-faults.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

// The emulator never throttles, fails with a 500 or times out: aws-sdk-client-mock answers so
// for one call while every other call goes to the emulator, which then shows what was left.
describe('the registry when AWS fails half-way', () => {
  const sagemakerFaults = faultsOn(SageMakerClient);
  const dynamoFaults = faultsOn(DynamoDBDocumentClient);
  const { s3, sagemaker } = emulatorClients();
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let modelDataUri: string;

  beforeAll(async () => {
    api = await startTestControlPlane();
    modelDataUri = (await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`)).uri;
  });
  afterEach(() => {
    clearFaults(sagemakerFaults);
    clearFaults(dynamoFaults);
  });
  afterAll(async () => {
    sagemakerFaults.restore();
    dynamoFaults.restore();
    await api.close();
  });

  async function newModel(): Promise<string> {
    const model = uniqueName('faulty');
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    return model;
  }

  async function packagesOf(model: string): Promise<unknown[]> {
    return (await sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: model, ModelPackageType: 'Versioned' }))).ModelPackageSummaryList ?? [];
  }

  it('answers 429 Throttled when SageMaker throttles CreateModel, and leaves no model package or version', async () => {
    const model = await newModel();
    sagemakerFaults.on(CreateModelCommand, { ModelName: `${model}-v1` }).rejects(throttling());
    const answer = await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri, imageUri: image } });
    expectRetryable(answer, 429, 'Throttled');
    expect(await packagesOf(model)).toEqual([]);
    expect((await call({ method: 'GET', path: `/v1/models/${model}/versions` })).body.items).toEqual([]);
    clearFaults(sagemakerFaults);
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri, imageUri: image } })).status).toBe(201);
  });

  it('answers 503 when SageMaker fails right after making the model package, and leaves no package', async () => {
    const model = await newModel();
    sagemakerFaults.on(DescribeModelPackageCommand).rejects(serverError());
    const answer = await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri, imageUri: image } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    expect(await packagesOf(model)).toEqual([]);
  });

  it('answers 503 when DynamoDB times out storing the version, and leaves no package and no SageMaker model', async () => {
    const model = await newModel();
    dynamoFaults.on(PutCommand, { Item: { pk: `MODEL#${model}`, sk: 'VERSION#00000001' } }).rejects(timedOut());
    const started = Date.now();
    const answer = await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri, imageUri: image } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await packagesOf(model)).toEqual([]);
    await expect(sagemaker.send(new DescribeModelCommand({ ModelName: `${model}-v1` }))).rejects.toThrow(/Could not find/);
  });

  it('answers 503 when SageMaker cannot be reached to create the model package group, and keeps no model record', async () => {
    const model = uniqueName('faulty');
    sagemakerFaults.on(CreateModelPackageGroupCommand, { ModelPackageGroupName: model }).rejects(refused());
    const answer = await call({ method: 'POST', path: '/v1/models', body: { name: model } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    expect((await call({ method: 'GET', path: `/v1/models/${model}` })).status).toBe(404);
    clearFaults(sagemakerFaults);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
  });
});
