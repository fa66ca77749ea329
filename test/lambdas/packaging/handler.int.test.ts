import { BatchClient, CreateJobQueueCommand, DescribeComputeEnvironmentsCommand } from '@aws-sdk/client-batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { AwsBatchJobs } from '../../../lambdas/packaging/aws-batch.js';
import { DynamoJobStore } from '../../../lambdas/packaging/dynamo-job-store.js';
import type { JobRecord } from '../../../core/job-record.js';
import type { JobStore } from '../../../lambdas/packaging/ports.js';
import { PackagingService } from '../../../lambdas/packaging/service.js';
import { startHubServer, mysteryModel, tinyLlama, type HubServer } from '../../batch-packager/support/hub-server.js';
import { emulatorClients, safetensors, uploadTinyModel } from '../../support/aws.js';
import { tarArchive } from '../../support/archives.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';

const llama = tinyLlama('acme/tiny-llama-api');
const mystery = mysteryModel('acme/mystery-api');

/** Packaging through the API: the local Batch runs the real packager against a fixture Hub. */
describe('packaging jobs API', () => {
  const { s3 } = emulatorClients();
  let hub: HubServer;
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  const packagerLines: string[] = [];

  beforeAll(async () => {
    hub = await startHubServer([llama, mystery]);
    process.env.HF_ENDPOINT = hub.endpoint;
    api = await startTestControlPlane({ watchIntervalMs: 200, runPackagingJobs: true, registry: true, packagerLog: (line) => packagerLines.push(line) });
  });
  afterAll(async () => {
    await api.close();
    await hub.close();
    delete process.env.HF_ENDPOINT;
  });

  async function until(jobId: string, done: (job: any) => boolean, timeoutMs = 45_000): Promise<any[]> {
    const seen: any[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = (await call({ method: 'GET', path: `/v1/packaging-jobs/${jobId}` })).body;
      seen.push(job);
      if (done(job)) return seen;
      if (Date.now() > deadline) throw new Error(`job ${jobId} is ${job.status}: ${JSON.stringify(job)}\n${packagerLines.slice(-10).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  async function noUnfinishedUploads(): Promise<void> {
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: localResources.artifactBucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
  }

  it('packages a Hub model into S3, shows progress, and registers a version of the model', async () => {
    const model = uniqueName('tiny');
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    const submitted = await call({
      method: 'POST',
      path: '/v1/packaging-jobs',
      body: { source: { type: 'huggingface', modelId: llama.id }, model, buildImage: false },
    });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/v1/packaging-jobs/${submitted.body.jobId}`);
    expect(submitted.body).toMatchObject({ status: 'queued', register: true, buildImage: false, model });

    const seen = await until(submitted.body.jobId, (job) => job.status !== 'queued' && job.status !== 'running');
    const job = seen.at(-1);
    expect(job).toMatchObject({ status: 'succeeded', series: 'llama', resolvedRevision: llama.sha, version: 1, links: {} });
    expect(job.links).toEqual({});
    expect(job).not.toHaveProperty('phase');
    expect(seen.some((j) => j.status === 'running' && j.phase)).toBe(true);
    expect(job.progress.bytesDone).toBe(job.progress.bytesTotal);
    expect(job.progress.filesDone).toBe(llama.expected.length);
    expect(job.artifacts.modelDataUri).toMatch(new RegExp(`^s3://${localResources.artifactBucket}/models/${llama.id}/${llama.sha}/$`));
    const manifest = JSON.parse(
      await (
        await s3.send(
          new GetObjectCommand({ Bucket: localResources.artifactBucket, Key: job.artifacts.manifestUri.replace(`s3://${localResources.artifactBucket}/`, '') }),
        )
      ).Body!.transformToString(),
    );
    expect(manifest).toMatchObject({
      series: 'llama',
      jobId: job.jobId,
      source: { modelId: llama.id, resolvedRevision: llama.sha },
      sizing: { parameters: llama.parameters },
    });
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([...llama.expected].sort());

    const version = await call({ method: 'GET', path: `/v1/models/${model}/versions/1` });
    expect(version.body).toMatchObject({
      modelDataUri: job.artifacts.modelDataUri,
      imageUri: job.artifacts.imageUri,
      series: 'llama',
      source: { packagingJobId: job.jobId },
      sizing: { parameters: llama.parameters },
    });
    await noUnfinishedUploads();
    const listed = await call({ method: 'GET', path: `/v1/packaging-jobs?model=${model}&status=succeeded` });
    expect(listed.body.items.map((j: { jobId: string }) => j.jobId)).toEqual([job.jobId]);
  });

  it('builds the serving image without a daemon and pins the version to its digest', async () => {
    const model = uniqueName('imaged');
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: llama.id }, model } });
    expect(submitted.body.buildImage).toBe(true);
    const seen = await until(submitted.body.jobId, (job) => job.status !== 'queued' && job.status !== 'running');
    const job = seen.at(-1);
    expect(job.status).toBe('succeeded');
    const host = new URL(api.registryUrl!).host;
    expect(job.artifacts.imageUri).toMatch(new RegExp(`^${host.replace('.', '\\.')}/modelplane/serving@sha256:[0-9a-f]{64}$`));
    const digest = job.artifacts.imageUri.split('@')[1];
    const manifest = await fetch(`${api.registryUrl}/v2/modelplane/serving/manifests/${digest}`, {
      headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(manifest.status).toBe(200);
    const manifestBody = (await manifest.json()) as { config: { digest: string } };
    const config = (await (await fetch(`${api.registryUrl}/v2/modelplane/serving/blobs/${manifestBody.config.digest}`)).json()) as {
      config: { Env: string[]; Labels: Record<string, string> };
    };
    expect(config.config.Env).toEqual(expect.arrayContaining(['OPTION_ROLLING_BATCH=vllm']));
    expect(config.config.Labels).toMatchObject({ 'modelplane.model-id': llama.id, 'modelplane.stand-in': 'lmi' });
    const version = await call({ method: 'GET', path: `/v1/models/${model}/versions/1` });
    expect(version.body.imageUri).toBe(job.artifacts.imageUri);
    const ecr = new ECRClient({
      endpoint: inject('emulatorEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'modelplane/serving' }));
    expect(images.imageDetails?.map((i) => i.imageDigest)).toContain(digest);
    // Tagged by model, revision and content: a rebuild with other content gets a tag of its own.
    const tags = (await (await fetch(`${api.registryUrl}/v2/modelplane/serving/tags/list`)).json()) as { tags: string[] };
    expect(tags.tags).toContain(`acme-tiny-llama-api-${llama.sha.slice(0, 12)}-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`);
  });

  it('packages a fine-tuned model from an S3 prefix and registers it', async () => {
    const model = uniqueName('finetuned');
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    const upload = await uploadTinyModel(s3, localResources.artifactBucket, `uploads/${uniqueName('ft')}/`);
    const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 's3', uri: upload.uri }, model, buildImage: false } });
    expect(submitted.status).toBe(202);
    const job = (await until(submitted.body.jobId, (j) => j.status !== 'queued' && j.status !== 'running')).at(-1);
    expect(job).toMatchObject({ status: 'succeeded', series: 'llama', version: 1 });
    expect(job.artifacts.modelDataUri).toMatch(new RegExp(`^s3://${localResources.artifactBucket}/models/s3/${localResources.artifactBucket}/uploads/`));
    const version = await call({ method: 'GET', path: `/v1/models/${model}/versions/1` });
    expect(version.body.sizing).toMatchObject({ parameters: upload.parameters, weightBytes: upload.weightBytes });
  });

  it('packages fine-tuned weights from the training bucket, a prefix and a model.tar.gz, into new versions of one model', async () => {
    const model = uniqueName('trained');
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    const run = uniqueName('job');
    // The uncompressed layout, as a training script's save_pretrained leaves it.
    const prefix = await uploadTinyModel(s3, localResources.trainingBucket, `${run}/checkpoint/`);
    // The same weights as SageMaker packs a training job's output: config.json after the weights.
    const weights = safetensors({ 'model.embed_tokens.weight': [64, 16], 'lm_head.weight': [64, 16] });
    const archive = await tarArchive([
      { name: './', type: 'directory' },
      { name: './model.safetensors', content: weights },
      { name: './tokenizer.json', content: '{}' },
      { name: './config.json', content: JSON.stringify({ model_type: 'llama', architectures: ['LlamaForCausalLM'], torch_dtype: 'bfloat16' }) },
    ]);
    const archiveKey = `${run}/output/model.tar.gz`;
    await s3.send(new PutObjectCommand({ Bucket: localResources.trainingBucket, Key: archiveKey, Body: archive }));

    const uris = [prefix.uri, `s3://${localResources.trainingBucket}/${archiveKey}`];
    for (const [index, uri] of uris.entries()) {
      const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 's3', uri }, model, buildImage: false } });
      expect(submitted.status).toBe(202);
      expect(submitted.body.source).toEqual({ type: 's3', uri });
      const job = (await until(submitted.body.jobId, (j) => j.status !== 'queued' && j.status !== 'running')).at(-1);
      expect(job, uri).toMatchObject({ status: 'succeeded', series: 'llama', version: index + 1, progress: { filesDone: 3 } });
      const version = await call({ method: 'GET', path: `/v1/models/${model}/versions/${index + 1}` });
      expect(version.status).toBe(200);
      expect(version.body).toMatchObject({
        modelDataUri: job.artifacts.modelDataUri,
        series: 'llama',
        sizing: { parameters: prefix.parameters, weightBytes: weights.length },
      });
      const manifest = JSON.parse(
        await (
          await s3.send(
            new GetObjectCommand({
              Bucket: localResources.artifactBucket,
              Key: job.artifacts.manifestUri.replace(`s3://${localResources.artifactBucket}/`, ''),
            }),
          )
        ).Body!.transformToString(),
      );
      expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['config.json', 'model.safetensors', 'tokenizer.json']);
    }
    await noUnfinishedUploads();
  });

  it('rejects an S3 source outside uploads/ and the source buckets with SourceNotAllowed, naming both', async () => {
    const allowed = [`s3://${localResources.artifactBucket}/uploads/`, `s3://${localResources.trainingBucket}/`];
    for (const uri of [
      's3://someone-elses-bucket/finetune/',
      `s3://${localResources.artifactBucket}/models/x/`,
      's3://someone-elses-bucket/job/output/model.tar.gz',
    ]) {
      const refused = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 's3', uri }, buildImage: false } });
      expect(refused.status, uri).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'SourceNotAllowed', allowedSources: allowed, errors: [{ path: '/body/source/uri' }] });
      expect(refused.body.detail).toContain(localResources.trainingBucket);
    }
  });

  it('fails with ModelNotFound for a model the Hub does not have', async () => {
    const submitted = await call({
      method: 'POST',
      path: '/v1/packaging-jobs',
      body: { source: { type: 'huggingface', modelId: 'acme/does-not-exist' }, buildImage: false },
    });
    const job = (await until(submitted.body.jobId, (j) => j.status === 'failed')).at(-1);
    expect(job.failure.code).toBe('ModelNotFound');
    expect(job.register).toBe(false);
  });

  it('fails with UnknownSeries for an architecture no series serves', async () => {
    const submitted = await call({
      method: 'POST',
      path: '/v1/packaging-jobs',
      body: { source: { type: 'huggingface', modelId: mystery.id }, buildImage: false },
    });
    const job = (await until(submitted.body.jobId, (j) => j.status === 'failed')).at(-1);
    expect(job.failure).toMatchObject({ code: 'UnknownSeries', message: expect.stringContaining('series') });
    await noUnfinishedUploads();
  });

  it('cancels a job mid-download and leaves no unfinished upload', async () => {
    const shard = llama.files.find((f) => f.path.endsWith('.safetensors'))!.path;
    hub.knobs.stallForever = { path: shard, afterBytes: 6 * 1024 * 1024 };
    try {
      const submitted = await call({
        method: 'POST',
        path: '/v1/packaging-jobs',
        body: { source: { type: 'huggingface', modelId: llama.id }, buildImage: false },
      });
      await hub.whenStalled(shard);
      const cancelled = await call({ method: 'DELETE', path: `/v1/packaging-jobs/${submitted.body.jobId}` });
      expect(cancelled.status).toBe(202);
      expect(cancelled.body.status).toBe('cancelled');
      await expect
        .poll(async () => ((await s3.send(new ListMultipartUploadsCommand({ Bucket: localResources.artifactBucket }))).Uploads ?? []).length, {
          timeout: 15_000,
        })
        .toBe(0);
      expect((await call({ method: 'GET', path: `/v1/packaging-jobs/${submitted.body.jobId}` })).body.status).toBe('cancelled');
      const again = await call({ method: 'DELETE', path: `/v1/packaging-jobs/${submitted.body.jobId}` });
      expect(again.status).toBe(202);
    } finally {
      hub.reset();
    }
  });

  it('rejects register without a model and an unknown model in one problem', async () => {
    const bad = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: llama.id }, register: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/register']);
    const unknown = await call({
      method: 'POST',
      path: '/v1/packaging-jobs',
      body: { source: { type: 'huggingface', modelId: llama.id }, model: 'no-such-model' },
    });
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/model']);
  });

  it('sweeps the records no event will finish: a job Batch ended, one it forgot, a submit that never finished', async () => {
    const tenant = uniqueName('sweep');
    const common = { endpoint: inject('emulatorEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    const batchClient = new BatchClient(common);
    // A queue of its own: the local Batch of this suite's control plane runs whatever reaches the packaging queue.
    const queue = uniqueName('sweep-queue');
    const environment = (await batchClient.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [localResources.computeEnvironment] })))
      .computeEnvironments![0]!;
    await batchClient.send(
      new CreateJobQueueCommand({
        jobQueueName: queue,
        state: 'ENABLED',
        priority: 1,
        computeEnvironmentOrder: [{ order: 1, computeEnvironment: environment.computeEnvironmentArn! }],
      }),
    );
    const batch = new AwsBatchJobs(batchClient, queue, localResources.jobDefinition);
    const dynamo = new DynamoJobStore(
      DynamoDBDocumentClient.from(new DynamoDBClient(common), { marshallOptions: { removeUndefinedValues: true } }),
      localResources.tableName,
    );
    // The scan is real; the sweep sees only this test's records, as other suites share the table.
    const store: JobStore = {
      create: (job) => dynamo.create(job),
      get: (jobId) => dynamo.get(jobId),
      list: (...args) => dynamo.list(...args),
      update: (...args) => dynamo.update(...args),
      listActive: async (cursor) => {
        const page = await dynamo.listActive(cursor);
        return { ...page, items: page.items.filter((job) => job.tenant === tenant) };
      },
    };

    const t0 = new Date('2026-11-23T10:00:00Z');
    const record = (jobId: string, extra: Partial<JobRecord>): JobRecord => ({
      jobId,
      tenant,
      status: 'running',
      progress: { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 },
      source: { type: 'huggingface', modelId: llama.id },
      buildImage: false,
      register: false,
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
      ...extra,
    });
    const ended = `${tenant}-ended`;
    // The emulator ends every job inside SubmitJob: Batch says SUCCEEDED, and no event was delivered.
    const endedBatchId = await batch.submit({ jobName: `modelplane-${ended}`, environment: {}, tags: {} });
    const artifacts = { modelDataUri: 's3://b/m/', manifestUri: 's3://b/m/manifest.json', imageUri: 'r/i@sha256:1' };
    await dynamo.create(record(ended, { batchJobId: endedBatchId, artifacts }));
    await dynamo.create(record(`${tenant}-forgotten`, { batchJobId: '00000000-0000-4000-8000-000000000000' }));
    await dynamo.create(record(`${tenant}-unsubmitted`, { status: 'queued' }));
    const later = new Date(t0.getTime() + 20 * 60_000);
    await dynamo.create(record(`${tenant}-busy`, { batchJobId: endedBatchId, updatedAt: later.toISOString() }));

    const service = new PackagingService({
      store,
      batch,
      registry: { modelExists: async () => false, registerPackaged: async () => Promise.reject(new Error('not asked to register')) },
      clock: { now: () => later },
      logLink: (stream) => stream,
      sourceLocations: [],
    });
    const swept = await service.sweep();

    expect(swept.failures).toEqual([]);
    expect(swept.active).toBe(4);
    expect([...swept.finished].sort()).toEqual([ended, `${tenant}-forgotten`, `${tenant}-unsubmitted`].sort());
    expect(await dynamo.get(ended)).toMatchObject({ status: 'succeeded' });
    expect(await dynamo.get(`${tenant}-forgotten`)).toMatchObject({ status: 'failed', failure: { code: 'JobLost' } });
    expect(await dynamo.get(`${tenant}-unsubmitted`)).toMatchObject({ status: 'failed', failure: { code: 'SubmitFailed' } });
    // Changed within the grace period: left for its event.
    expect(await dynamo.get(`${tenant}-busy`)).toMatchObject({ status: 'running' });
    expect((await service.sweep()).finished).toEqual([]);
    batchClient.destroy();
  });
});
