import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations, createModelplaneClient, isProblem, ModelplaneProblem, type ModelplaneClient, type OperationId } from '@modelplane/sdk';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName } from '../support/control-plane.js';

/** The local plane's artifact bucket (README.md's walk-through); versions need weights there. */
const artifactBucket = 'modelplane-artifacts-local';
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Which operation a request was, by the spec's method and path template. */
function operationOf(method: string, pathname: string): OperationId | undefined {
  return (Object.keys(apiOperations) as OperationId[]).find((id) => {
    const op = apiOperations[id];
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return op.method === method && pattern.test(pathname);
  });
}

describe('@modelplane/sdk against the local control plane', () => {
  let plane: Awaited<ReturnType<typeof startTestControlPlane>>;
  let client: ModelplaneClient;
  let modelDataUri: string;
  const seen = new Set<OperationId>();
  // Every test acts as its own tenant, so lists hold only what this suite made.
  const tenant = uniqueName('sdk');

  beforeAll(async () => {
    plane = await startTestControlPlane({ watchIntervalMs: 100 });
    ({ uri: modelDataUri } = await uploadTinyModel(emulatorClients().s3, artifactBucket, `${uniqueName('sdk-weights')}/`));
    client = createModelplaneClient({
      baseUrl: `${plane.url}/v1`,
      token: () => Promise.resolve('local-token'),
      headers: { 'X-Modelplane-Tenant': tenant },
      fetch: async (request) => {
        const operation = operationOf(request.method, new URL(request.url).pathname);
        if (operation) seen.add(operation);
        return fetch(request);
      },
    });
  });
  afterAll(async () => {
    await plane.close();
  });

  it('creates, reads, updates, lists across pages and deletes models', async () => {
    const names = [uniqueName('m'), uniqueName('m'), uniqueName('m')];
    for (const name of names) {
      expect(await client.models.create({ name, labels: { suite: 'sdk' } })).toMatchObject({ name, aliases: {} });
    }
    expect(await client.models.update(names[0]!, { description: 'changed' })).toMatchObject({ description: 'changed' });
    expect((await client.models.get(names[0]!)).description).toBe('changed');

    const listed: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) listed.push(model.name);
    expect(listed).toEqual([...names].sort());
    const pages = [];
    for await (const page of client.models.list({ limit: 2 }).pages()) pages.push(page.items.length);
    expect(pages).toEqual([2, 1]);

    await client.models.delete(names[2]!);
    const gone = await client.models.get(names[2]!).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ModelplaneProblem);
    expect(gone).toMatchObject({ status: 404, code: 'ModelNotFound', operationId: 'getModel' });
    expect((gone as ModelplaneProblem).requestId).toEqual(expect.any(String));
  });

  it('throws a ValidationFailed problem listing every error, and a conflict with its code', async () => {
    const bad = await client.models.create({ name: '-bad_name-' }).catch((e: unknown) => e);
    expect(isProblem(bad, 'ValidationFailed')).toBe(true);
    expect((bad as ModelplaneProblem).errors.map((e) => e.path)).toEqual(['/body/name']);
    const name = uniqueName('m');
    await client.models.create({ name });
    const again = await client.models.create({ name }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: 'ModelAlreadyExists' });
  });

  it('replays a create sent twice with the same Idempotency-Key', async () => {
    const name = uniqueName('m');
    const first = await client.models.create({ name }, { idempotencyKey: `key-${name}` });
    const second = await client.models.create({ name }, { idempotencyKey: `key-${name}` });
    expect(second).toEqual(first);
  });

  it('creates, reads, updates, lists and deletes versions, and sets and deletes aliases', async () => {
    const model = uniqueName('m');
    await client.models.create({ name: model });
    const v1 = await client.versions.create(model, { modelDataUri, imageUri: image });
    const v2 = await client.versions.create(model, { modelDataUri, imageUri: image, description: 'second' });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await client.versions.get(model, 2)).description).toBe('second');
    expect(await client.versions.update(model, 1, { description: 'first' })).toMatchObject({ version: 1, description: 'first' });
    expect((await client.versions.list(model, { limit: 1 }).toArray()).map((v) => v.version)).toEqual([2, 1]);

    expect((await client.aliases.set(model, 'prod', { version: 1 })).aliases).toEqual({ prod: 1 });
    const inUse = await client.versions.delete(model, 1).catch((e: unknown) => e);
    expect(inUse).toMatchObject({ status: 409, code: 'VersionHasAliases' });
    await client.aliases.delete(model, 'prod');
    await client.versions.delete(model, 1);
    expect(await client.versions.get(model, 1).catch((e: unknown) => e)).toMatchObject({ code: 'VersionNotFound' });
  });

  it('serves a version: create, wait until settled, get, list, update, metrics, delete and wait until deleted', async () => {
    const model = uniqueName('m');
    await client.models.create({ name: model });
    await client.versions.create(model, { modelDataUri, imageUri: image });
    const name = uniqueName('ep');
    expect(await client.endpoints.create({ name, model, version: 1, instanceType: 'ml.g5.2xlarge' })).toMatchObject({ name, status: 'creating' });
    const seenStatuses: string[] = [];
    const running = await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000, onProgress: (e) => seenStatuses.push(e.status) });
    expect(running.status).toBe('running');
    expect(seenStatuses.at(-1)).toBe('running');
    expect((await client.endpoints.get(name)).name).toBe(name);
    expect((await client.endpoints.list().toArray()).map((e) => e.name)).toEqual([name]);

    expect(await client.endpoints.update(name, { instanceCount: 2 })).toMatchObject({ status: 'updating' });
    const busy = await client.endpoints.update(name, { instanceCount: 3 }).catch((e: unknown) => e);
    expect(busy).toMatchObject({ status: 409, code: 'EndpointBusy' });
    expect((busy as ModelplaneProblem).problem.currentStatus).toBe('updating');
    expect((await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000 })).instanceCount.desired).toBe(2);

    // A/B: a second variant at 10 %, then promoted.
    const split = await client.endpoints.update(name, {
      variants: [
        { name: 'main', weight: 90 },
        { name: 'b', version: 1, instanceType: 'ml.g5.2xlarge', weight: 10 },
      ],
    });
    expect(split.status).toBe('updating');
    const both = await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000 });
    expect(both.variants?.map((v) => [v.name, v.weight.desired])).toEqual([
      ['main', 90],
      ['b', 10],
    ]);
    expect((await client.endpoints.promote(name, { variant: 'b' })).status).toBe('updating');
    expect((await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000 })).variants?.map((v) => v.name)).toEqual(['b']);

    const metrics = await client.metrics.get(name, { metrics: ['gpuUtilization', 'invocations'], period: 60 });
    expect(metrics.endpoint).toBe(name);
    expect(metrics.series.map((s) => s.metric).sort()).toEqual(['gpuUtilization', 'invocations']);

    // What is paused is what runs: the promoted variant b, on its one instance.
    const paused = await client.endpoints.pause(name);
    expect(paused).toMatchObject({ status: 'paused', instanceCount: { current: 0, desired: 1 }, variants: [{ name: 'b' }] });
    expect((await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000 })).status).toBe('paused');
    // Resume once SageMaker has deleted the paused endpoint (until then it is a 409 EndpointPausing).
    await expect.poll(async () => (await client.endpoints.get(name)).sagemakerStatus, { timeout: 20_000 }).toBe('Deleted');
    expect((await client.endpoints.resume(name)).status).toBe('creating');
    const resumed = await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000 });
    expect(resumed.instanceCount).toEqual({ current: 1, desired: 1 });
    expect(resumed.variants?.map((v) => v.name)).toEqual(['b']);
    expect((await client.endpoints.delete(name)).status).toBe('deleting');
    await client.endpoints.waitUntilDeleted(name, { intervalMs: 100, timeoutMs: 20_000 });
    expect(await client.endpoints.get(name).catch((e: unknown) => e)).toMatchObject({ status: 404 });
  });

  it('invokes an endpoint and chats with it, whole and streamed (through the local inference stand-in)', async () => {
    const model = uniqueName('m');
    await client.models.create({ name: model });
    await client.versions.create(model, { modelDataUri, imageUri: image, environment: { HF_MODEL_ID: '/opt/ml/model', OPTION_ROLLING_BATCH: 'vllm' } });
    const name = uniqueName('ep');
    await client.endpoints.create({ name, model, version: 1, instanceType: 'ml.g5.2xlarge' });
    await client.endpoints.waitUntilSettled(name, { intervalMs: 100, timeoutMs: 20_000 });

    const answer = await client.endpoints.invoke(name, { inputs: 'Hello', parameters: { max_new_tokens: 3 } });
    expect(answer.contentType).toContain('application/json');
    expect(answer.variant).toBe('main');
    expect(answer.json<{ generated_text: string }>().generated_text.split(' ')).toHaveLength(3);

    const messages = [{ role: 'user' as const, content: 'What is deep learning?' }];
    const completion = await client.endpoints.chatCompletions(name, { messages, max_tokens: 4 });
    expect(completion.choices[0]?.message.content?.split(' ')).toHaveLength(4);
    const chunks = [];
    for await (const chunk of client.endpoints.chatCompletions(name, { messages, max_tokens: 4, stream: true })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(completion.choices[0]?.message.content);

    const refused = await client.endpoints.invoke(name, 'not json').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'ModelRequestRejected' });
    await client.endpoints.delete(name);
  });

  it('submits, reads, lists and cancels a packaging job (jobs stay queued on this plane)', async () => {
    const job = await client.packagingJobs.create({
      source: { type: 'huggingface', modelId: 'Qwen/Qwen2.5-0.5B-Instruct', revision: 'main' },
      buildImage: false,
    });
    expect(job.status).toBe('queued');
    expect((await client.packagingJobs.get(job.jobId)).jobId).toBe(job.jobId);
    expect((await client.packagingJobs.list({ status: 'queued' }).toArray()).map((j) => j.jobId)).toContain(job.jobId);
    const cancelled = await client.packagingJobs.cancel(job.jobId);
    expect(cancelled.jobId).toBe(job.jobId);
    const done = await client.packagingJobs.waitUntilDone(job.jobId, { intervalMs: 100, timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(done).toMatchObject({ reason: 'failed', resource: { status: 'cancelled' } });
  });

  it('reads the catalog', async () => {
    expect((await client.catalog.instanceTypes()).map((t) => t.name)).toContain('ml.g5.2xlarge');
    expect((await client.catalog.series()).map((s) => s.name)).toContain('llama');
  });

  it('accepts a base URL without /v1 and sends the token as a bearer', async () => {
    const authorizations: (string | null)[] = [];
    const bare = createModelplaneClient({
      baseUrl: plane.url,
      token: 'static-token',
      fetch: (request) => {
        authorizations.push(request.headers.get('authorization'));
        return fetch(request);
      },
    });
    expect((await bare.catalog.series()).length).toBeGreaterThan(0);
    expect(authorizations).toEqual(['Bearer static-token']);
  });

  it('runs the quickstart example (sdk/examples/quickstart.ts) with tsx, as an integrator would', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url)), 'sdk/examples/quickstart.ts'],
      { cwd: root, env: { ...process.env, MODELPLANE_URL: `${plane.url}/v1`, MODELPLANE_MODEL_DATA_URI: modelDataUri }, timeout: 60_000 },
    );
    expect(stdout).toMatch(/created quickstart-\w+ version 1/);
    expect(stdout).toContain('listed the new model 1 time(s) across pages');
    expect(stdout).toMatch(/as expected: 404 ModelNotFound \(request \S+\)/);
    expect(stdout).toMatch(/endpoint quickstart-\w+ is running on 1 instance\(s\)/);
  }, 90_000);

  it('covered every operation of the spec', () => {
    expect([...seen].sort()).toEqual(Object.keys(apiOperations).sort());
  });
});
