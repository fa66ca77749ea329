import { GetObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { startHubServer, mysteryModel, tinyLlama, type HubServer } from '../../batch-packager/support/hub-server.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
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
    const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: llama.id }, model, buildImage: false } });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/v1/packaging-jobs/${submitted.body.jobId}`);
    expect(submitted.body).toMatchObject({ status: 'queued', register: true, buildImage: false, model });

    const seen = await until(submitted.body.jobId, (job) => job.status !== 'queued' && job.status !== 'running');
    const job = seen.at(-1);
    expect(job).toMatchObject({ status: 'succeeded', series: 'llama', resolvedRevision: llama.sha, version: 1, links: { logs: expect.stringContaining('log-events') } });
    expect(seen.some((j) => j.status === 'running' && j.phase)).toBe(true);
    expect(job.progress.bytesDone).toBe(job.progress.bytesTotal);
    expect(job.progress.filesDone).toBe(llama.expected.length);
    expect(job.artifacts.modelDataUri).toMatch(new RegExp(`^s3://${localResources.artifactBucket}/models/${llama.id}/${llama.sha}/$`));
    const manifest = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: localResources.artifactBucket, Key: job.artifacts.manifestUri.replace(`s3://${localResources.artifactBucket}/`, '') }))).Body!.transformToString());
    expect(manifest).toMatchObject({ series: 'llama', jobId: job.jobId, source: { modelId: llama.id, resolvedRevision: llama.sha }, sizing: { parameters: llama.parameters } });
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([...llama.expected].sort());

    const version = await call({ method: 'GET', path: `/v1/models/${model}/versions/1` });
    expect(version.body).toMatchObject({ modelDataUri: job.artifacts.modelDataUri, imageUri: job.artifacts.imageUri, series: 'llama', source: { packagingJobId: job.jobId }, sizing: { parameters: llama.parameters } });
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
    const manifest = await fetch(`${api.registryUrl}/v2/modelplane/serving/manifests/${digest}`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(manifest.status).toBe(200);
    const manifestBody = (await manifest.json()) as { config: { digest: string } };
    const config = (await (await fetch(`${api.registryUrl}/v2/modelplane/serving/blobs/${manifestBody.config.digest}`)).json()) as { config: { Env: string[]; Labels: Record<string, string> } };
    expect(config.config.Env).toEqual(expect.arrayContaining(['OPTION_ROLLING_BATCH=vllm']));
    expect(config.config.Labels).toMatchObject({ 'modelplane.model-id': llama.id, 'modelplane.stand-in': 'lmi' });
    const version = await call({ method: 'GET', path: `/v1/models/${model}/versions/1` });
    expect(version.body.imageUri).toBe(job.artifacts.imageUri);
    const ecr = new ECRClient({ endpoint: inject('emulatorEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'modelplane/serving' }));
    expect(images.imageDetails?.map((i) => i.imageDigest)).toContain(digest);
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

  it('fails with ModelNotFound for a model the Hub does not have', async () => {
    const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: 'acme/does-not-exist' }, buildImage: false } });
    const job = (await until(submitted.body.jobId, (j) => j.status === 'failed')).at(-1);
    expect(job.failure.code).toBe('ModelNotFound');
    expect(job.register).toBe(false);
  });

  it('fails with UnknownSeries for an architecture no series serves', async () => {
    const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: mystery.id }, buildImage: false } });
    const job = (await until(submitted.body.jobId, (j) => j.status === 'failed')).at(-1);
    expect(job.failure).toMatchObject({ code: 'UnknownSeries', message: expect.stringContaining('series') });
    await noUnfinishedUploads();
  });

  it('cancels a job mid-download and leaves no unfinished upload', async () => {
    const shard = llama.files.find((f) => f.path.endsWith('.safetensors'))!.path;
    hub.knobs.stallForever = { path: shard, afterBytes: 6 * 1024 * 1024 };
    try {
      const submitted = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: llama.id }, buildImage: false } });
      await hub.whenStalled(shard);
      const cancelled = await call({ method: 'DELETE', path: `/v1/packaging-jobs/${submitted.body.jobId}` });
      expect(cancelled.status).toBe(202);
      expect(cancelled.body.status).toBe('cancelled');
      await expect.poll(async () => ((await s3.send(new ListMultipartUploadsCommand({ Bucket: localResources.artifactBucket }))).Uploads ?? []).length, { timeout: 15_000 }).toBe(0);
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
    const unknown = await call({ method: 'POST', path: '/v1/packaging-jobs', body: { source: { type: 'huggingface', modelId: llama.id }, model: 'no-such-model' } });
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/model']);
  });
});
