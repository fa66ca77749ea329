import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
/** How many clients race with one Idempotency-Key. */
const racers = 8;

/**
 * Idempotency-Key under concurrency: N identical creates sent at once make one resource and
 * get one answer (status and body), whoever did the work; the same key with another body is
 * refused. Asserts outcomes only, never timings.
 */
describe('Idempotency-Key with concurrent requests', () => {
  const { s3 } = emulatorClients();
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let model: string;
  let artifact: string;

  beforeAll(async () => {
    api = await startTestControlPlane();
    model = uniqueName('race');
    artifact = (await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('race-weights')}/`)).uri;
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact, imageUri: image } })).status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Sends the same request `racers` times at once and checks they all got the first answer. */
  async function race(request: Omit<ApiCall, 'headers'>, created: number): Promise<{ key: string; answer: ApiAnswer }> {
    const key = uniqueName('race-key');
    const answers = await Promise.all(Array.from({ length: racers }, () => call({ ...request, headers: { 'Idempotency-Key': key } })));
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(created);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    // Exactly one of them did the work; the others replayed its answer.
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    return { key, answer: answers[0]! };
  }

  /** The same key with another body is refused, before anything is created. */
  async function reuse(request: ApiCall): Promise<void> {
    const refused = await call(request);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('IdempotencyKeyReused');
  }

  it('createModel: one model, one answer', async () => {
    const name = uniqueName('race-model');
    const { key } = await race({ method: 'POST', path: '/v1/models', body: { name } }, 201);
    const listed = await call({ method: 'GET', path: '/v1/models?limit=100' });
    expect(listed.body.items.filter((m: { name: string }) => m.name === name)).toHaveLength(1);
    await reuse({ method: 'POST', path: '/v1/models', body: { name: `${name}-other` }, headers: { 'Idempotency-Key': key } });
  });

  it('createModelVersion: one version, one answer', async () => {
    const before = (await call({ method: 'GET', path: `/v1/models/${model}/versions?limit=100` })).body.items.length;
    const { key, answer } = await race(
      { method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact, imageUri: image, description: 'raced' } },
      201,
    );
    const versions = (await call({ method: 'GET', path: `/v1/models/${model}/versions?limit=100` })).body.items;
    expect(versions).toHaveLength(before + 1);
    expect(versions.map((v: { version: number }) => v.version)).toContain(answer.body.version);
    await reuse({
      method: 'POST',
      path: `/v1/models/${model}/versions`,
      body: { modelDataUri: artifact, imageUri: image, description: 'other' },
      headers: { 'Idempotency-Key': key },
    });
  });

  it('createEndpoint: one endpoint, one answer', async () => {
    const name = uniqueName('race-ep');
    const body = { name, model, version: 1, instanceType: 'ml.g5.2xlarge' };
    const { key } = await race({ method: 'POST', path: '/v1/endpoints', body }, 202);
    const listed = await call({ method: 'GET', path: '/v1/endpoints?limit=100' });
    expect(listed.body.items.filter((e: { name: string }) => e.name === name)).toHaveLength(1);
    await reuse({ method: 'POST', path: '/v1/endpoints', body: { ...body, name: `${name}-other` }, headers: { 'Idempotency-Key': key } });
  });

  it('createPackagingJob: one job, one answer', async () => {
    const body = { source: { type: 'huggingface', modelId: 'acme/raced' }, model, buildImage: false };
    const { key, answer } = await race({ method: 'POST', path: '/v1/packaging-jobs', body }, 202);
    const listed = await call({ method: 'GET', path: `/v1/packaging-jobs?model=${model}&limit=100` });
    expect(listed.body.items.map((j: { jobId: string }) => j.jobId)).toEqual([answer.body.jobId]);
    await reuse({ method: 'POST', path: '/v1/packaging-jobs', body: { ...body, buildImage: true }, headers: { 'Idempotency-Key': key } });
  });
});
