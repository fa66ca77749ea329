import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TenantTagKey } from '../../core/env-names.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../support/control-plane.js';
import { clearFaults, expectRetryable, faultsOn, refused, throttling } from './support/aws-faults.js';

const source = { type: 'huggingface', modelId: 'acme/tiny-llama' };

// The emulator never throttles nor refuses a connection: aws-sdk-client-mock answers so for one
// call while every other call goes to the emulator, which then shows what was left.
describe('packaging jobs when AWS fails half-way', () => {
  const batchFaults = faultsOn(BatchClient);
  const dynamoFaults = faultsOn(DynamoDBDocumentClient);
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);

  beforeAll(async () => {
    api = await startTestControlPlane();
  });
  afterEach(() => {
    clearFaults(batchFaults);
    clearFaults(dynamoFaults);
  });
  afterAll(async () => {
    batchFaults.restore();
    dynamoFaults.restore();
    await api.close();
  });

  it('answers 503 with Retry-After when Batch throttles the submit, and the job is recorded failed, not queued for ever', async () => {
    const tenant = uniqueName('team');
    batchFaults.on(SubmitJobCommand, { tags: { [TenantTagKey]: tenant } }).rejects(throttling());
    const answer = await call({ method: 'POST', path: '/v1/packaging-jobs', tenant, body: { source, buildImage: false } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    const jobs = (await call({ method: 'GET', path: '/v1/packaging-jobs', tenant })).body.items;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'failed', failure: { code: 'SubmitFailed' } });
  });

  it('answers 503 when DynamoDB cannot be reached to record the job, and submits nothing', async () => {
    const tenant = uniqueName('team');
    dynamoFaults.on(PutCommand, { Item: { tenant } }).rejects(refused());
    const answer = await call({ method: 'POST', path: '/v1/packaging-jobs', tenant, body: { source, buildImage: false } });
    expectRetryable(answer, 503, 'ServiceUnavailable');
    expect(batchFaults.commandCalls(SubmitJobCommand, { tags: { [TenantTagKey]: tenant } })).toEqual([]);
    expect((await call({ method: 'GET', path: '/v1/packaging-jobs', tenant })).body.items).toEqual([]);
  });
});
