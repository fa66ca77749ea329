import { createHash } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fitsOn, minGpuMemoryGiB } from '../../core/catalog/sizing.js';
import { HubClient } from '../../batch-packager/src/hub-client.js';
import { ModelPackager, type Manifest, type PackageRequest, type PackagerOptions } from '../../batch-packager/src/package-model.js';
import type { PackagingPhase, PackagingProgress, ProgressReporter } from '../../batch-packager/src/ports.js';
import { S3ObjectStore } from '../../batch-packager/src/s3-object-store.js';
import { emulatorClients } from '../support/aws.js';
import { failureOf } from './support/failures.js';
import { MiB, mysteryModel, startHubServer, tinyLlama, tinyT5, type HubServer } from './support/hub-server.js';

const llama = tinyLlama();
const t5 = tinyT5();
const mystery = mysteryModel();
const shard1 = 'model-00001-of-00002.safetensors';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const contentOf = (model: { files: { path: string; content: Buffer }[] }, path: string) => model.files.find((f) => f.path === path)!.content;

class RecordingReporter implements ProgressReporter {
  readonly phases: PackagingPhase[] = [];
  readonly reports: { at: number; progress: PackagingProgress }[] = [];
  async phase(phase: PackagingPhase): Promise<void> {
    this.phases.push(phase);
  }
  async progress(progress: PackagingProgress): Promise<void> {
    this.reports.push({ at: Date.now(), progress });
  }
}

describe('ModelPackager', () => {
  const { s3 } = emulatorClients();
  const store = new S3ObjectStore(s3);
  const bucket = `packager-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let hub: HubServer;
  let run = 0;

  beforeAll(async () => {
    hub = await startHubServer([llama, t5, mystery]);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterEach(() => hub.reset());
  afterAll(async () => {
    await hub.close();
  });

  /** A packager on the fixture Hub and the emulator's S3, with test-sized timeouts and parts. */
  function packager(options: { token?: string; idleTimeoutMs?: number; reporter?: ProgressReporter } & PackagerOptions = {}) {
    const { token, idleTimeoutMs, reporter, ...packagerOptions } = options;
    const hubClient = new HubClient({ endpoint: hub.endpoint, token, idleTimeoutMs: idleTimeoutMs ?? 500, headersTimeoutMs: 5_000, retryDelayMs: 10 });
    return new ModelPackager({
      hub: hubClient,
      store,
      ...(reporter ? { progress: reporter } : {}),
      clock: { now: () => new Date('2025-06-01T12:00:00Z') },
      options: { partSizes: { min: 5 * MiB, max: 64 * MiB, targetParts: 1000 }, maxRetries: 2, retryDelayMs: 10, ...packagerOptions },
    });
  }

  function request(modelId: string, extra: Partial<PackageRequest> = {}): PackageRequest {
    run += 1;
    return { modelId, bucket, prefix: `run-${run}`, jobId: `pj-${run}`, ...extra };
  }

  const baseOf = (r: PackageRequest, model: { id: string; sha: string }) => `${r.prefix}/${model.id}/${model.sha}/`;

  async function keysUnder(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) keys.push(object.Key!.slice(prefix.length));
    }
    return keys.sort();
  }

  async function read(key: string): Promise<Buffer> {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await Body!.transformToByteArray());
  }

  async function expectNoUnfinishedUploads(): Promise<void> {
    const { Uploads } = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(Uploads ?? []).toEqual([]);
  }

  it('stores the selected files, verified, with a manifest and serving.properties when the model is a llama', async () => {
    const reporter = new RecordingReporter();
    const r = request(llama.id);
    // Production part sizes (8 MiB): the 11.5 and 9.5 MiB shards go in two parts each.
    const result = await packager({ reporter, partSizes: undefined, progressIntervalMs: 100 }).package(r);
    const base = baseOf(r, llama);

    const weightBytes = contentOf(llama, shard1).length + contentOf(llama, 'model-00002-of-00002.safetensors').length;
    const sizing = { parameters: llama.parameters, dtype: 'bfloat16', weightBytes, minGpuMemoryGiB: minGpuMemoryGiB(weightBytes), fitsOn: fitsOn(weightBytes) };
    const environment = { HF_MODEL_ID: '/opt/ml/model', OPTION_ROLLING_BATCH: 'vllm', OPTION_TENSOR_PARALLEL_DEGREE: 'max', OPTION_DTYPE: 'bf16' };
    expect(result).toMatchObject({
      modelId: llama.id,
      revision: 'main',
      resolvedRevision: llama.sha,
      series: 'llama',
      serving: 'lmi',
      artifacts: { modelDataUri: `s3://${bucket}/${base}`, manifestUri: `s3://${bucket}/${base}manifest.json` },
      environment,
      sizing,
    });

    // Only the selected files, each byte for byte what the Hub has.
    expect(await keysUnder(base)).toEqual([...llama.expected, 'manifest.json', 'serving.properties'].sort());
    for (const path of llama.expected) {
      const stored = await read(`${base}${path}`);
      expect(stored.length, path).toBe(contentOf(llama, path).length);
      expect(sha256(stored), path).toBe(sha256(contentOf(llama, path)));
    }
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `${base}${shard1}` }));
    expect(head.Metadata?.sha256).toBe(sha256(contentOf(llama, shard1)));
    // The duplicates were never downloaded.
    const downloaded = hub.requests.filter((q) => q.url.includes('/resolve/')).map((q) => q.url.split(`/${llama.sha}/`)[1]);
    expect(new Set(downloaded)).toEqual(new Set(llama.expected));

    const manifest = JSON.parse((await read(`${base}manifest.json`)).toString()) as Manifest;
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      jobId: r.jobId,
      createdAt: '2025-06-01T12:00:00.000Z',
      source: { type: 'huggingface', modelId: llama.id, revision: 'main', resolvedRevision: llama.sha },
      series: 'llama',
      servingProfile: { serving: 'lmi', files: ['serving.properties'], environment },
      weightFormat: 'safetensors',
      sizing,
    });
    expect(manifest.files).toEqual(
      llama.expected.map((path) => ({
        path,
        size: contentOf(llama, path).length,
        sha256: sha256(contentOf(llama, path)),
        weights: path.endsWith('.safetensors'),
      })),
    );
    expect(manifest.skipped.map((s) => s.path).sort()).toEqual([
      '.gitattributes',
      'assets/diagram.png',
      'original/consolidated.00.pth',
      'original/params.json',
      'pytorch_model.bin',
      'pytorch_model.bin.index.json',
      'tiny-llama.Q4_K_M.gguf',
    ]);
    expect((await read(`${base}serving.properties`)).toString()).toBe(
      '# Written by the modelplane packager.\nengine=Python\noption.model_id=/opt/ml/model\noption.rolling_batch=vllm\noption.tensor_parallel_degree=max\noption.dtype=bf16\n',
    );

    // Progress: the phases, then figures that only grow, at most one per interval, and a final one.
    const total = llama.expected.reduce((sum, path) => sum + contentOf(llama, path).length, 0);
    expect(reporter.phases).toEqual(['resolving', 'downloading']);
    const figures = reporter.reports.map((x) => x.progress);
    expect(figures[0]).toEqual({ bytesDone: 0, bytesTotal: total, filesDone: 0, filesTotal: llama.expected.length });
    expect(figures.at(-1)).toEqual({ bytesDone: total, bytesTotal: total, filesDone: llama.expected.length, filesTotal: llama.expected.length });
    for (let i = 1; i < figures.length; i++) {
      expect(figures[i]!.bytesDone).toBeGreaterThanOrEqual(figures[i - 1]!.bytesDone);
      expect(figures[i]!.filesDone).toBeGreaterThanOrEqual(figures[i - 1]!.filesDone);
    }
    for (let i = 1; i < reporter.reports.length - 1; i++) expect(reporter.reports[i]!.at - reporter.reports[i - 1]!.at).toBeGreaterThanOrEqual(95);
    await expectNoUnfinishedUploads();
  });

  it('fails with ModelNotFound and writes nothing when the model does not exist', async () => {
    const r = request('acme/no-such-model');
    const failure = await failureOf(packager().package(r));
    expect(failure.code).toBe('ModelNotFound');
    expect(failure.message).toContain('acme/no-such-model does not exist on the Hub');
    expect(await keysUnder(`${r.prefix}/`)).toEqual([]);
    await expectNoUnfinishedUploads();
  });

  it('fails with RevisionNotFound when the revision does not exist', async () => {
    const failure = await failureOf(packager().package(request(llama.id, { revision: 'v9.9' })));
    expect(failure.code).toBe('RevisionNotFound');
  });

  it('fails with GatedModel without a token, and packages with one, when the model is gated', async () => {
    hub.knobs.gated.add(t5.id);
    const refused = request(t5.id);
    const failure = await failureOf(packager().package(refused));
    expect(failure.code).toBe('GatedModel');
    expect(await keysUnder(`${refused.prefix}/`)).toEqual([]);

    const r = request(t5.id);
    const result = await packager({ token: hub.knobs.token }).package(r);
    expect(result).toMatchObject({
      series: 't5',
      serving: 'hfInference',
      environment: { HF_TASK: 'text2text-generation' },
      sizing: { parameters: t5.parameters, dtype: 'float32' },
    });
    const base = baseOf(r, t5);
    expect(await keysUnder(base)).toEqual([...t5.expected, 'manifest.json'].sort());
    expect(sha256(await read(`${base}model.safetensors`))).toBe(sha256(contentOf(t5, 'model.safetensors')));
    expect(JSON.stringify(result)).not.toContain(hub.knobs.token);
    expect((await read(`${base}manifest.json`)).toString()).not.toContain(hub.knobs.token);
    await expectNoUnfinishedUploads();
  });

  it('fails with ChecksumMismatch, keeps nothing of the file and writes no manifest when the bytes are corrupt', async () => {
    hub.knobs.corrupt = shard1;
    const r = request(llama.id);
    const failure = await failureOf(packager().package(r));
    expect(failure.code).toBe('ChecksumMismatch');
    expect(failure.message).toContain(`${shard1} has sha256`);
    const keys = await keysUnder(baseOf(r, llama));
    expect(keys).not.toContain(shard1);
    expect(keys).not.toContain('manifest.json');
    await expectNoUnfinishedUploads();
  });

  it('resumes with a Range request and succeeds when a download stalls once mid-file', async () => {
    const afterBytes = 6 * MiB + 4321;
    hub.knobs.stallOnce = { path: shard1, afterBytes };
    const r = request(llama.id);
    const result = await packager().package(r);
    const shardRequests = hub.requests.filter((q) => q.url.startsWith('/_cdn/') && q.url.includes(shard1));
    expect(shardRequests.map((q) => q.range)).toEqual([undefined, `bytes=${afterBytes}-`]);
    const stored = await read(`${baseOf(r, llama)}${shard1}`);
    expect(sha256(stored)).toBe(sha256(contentOf(llama, shard1)));
    expect(result.files.find((f) => f.path === shard1)?.sha256).toBe(sha256(contentOf(llama, shard1)));
    await expectNoUnfinishedUploads();
  });

  it('fails with DownloadStalled and leaves no unfinished upload when a download stalls for good', async () => {
    hub.knobs.stallForever = { path: shard1, afterBytes: 6 * MiB };
    const r = request(llama.id);
    const failure = await failureOf(packager().package(r));
    expect(failure.code).toBe('DownloadStalled');
    expect(failure.message).toContain(`The download of ${shard1} of ${llama.id} stalled`);
    expect(failure.message).toContain('Gave up after 2 resumes');
    // The first request, then two resumes from where it stopped.
    const shardRequests = hub.requests.filter((q) => q.url.startsWith('/_cdn/') && q.url.includes(shard1));
    expect(shardRequests.map((q) => q.range)).toEqual([undefined, `bytes=${6 * MiB}-`, `bytes=${6 * MiB}-`]);
    const keys = await keysUnder(baseOf(r, llama));
    expect(keys).not.toContain(shard1);
    expect(keys).not.toContain('manifest.json');
    await expectNoUnfinishedUploads();
  });

  it('fails with Cancelled at once and leaves no unfinished upload when cancelled mid-download', async () => {
    hub.knobs.stallOnce = { path: shard1, afterBytes: 7 * MiB };
    const controller = new AbortController();
    const r = request(llama.id);
    const packaging = packager({ idleTimeoutMs: 10_000 }).package(r, controller.signal);
    await hub.whenStalled(shard1);
    // The shard's multipart upload is open (its first part stored): the cancel must abort it.
    const open = (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
    const cancelledAt = Date.now();
    controller.abort();
    const failure = await failureOf(packaging);
    expect(failure.code).toBe('Cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(open.map((u) => u.Key)).toContain(`${baseOf(r, llama)}${shard1}`);
    const keys = await keysUnder(baseOf(r, llama));
    expect(keys).not.toContain(shard1);
    expect(keys).not.toContain('manifest.json');
    await expectNoUnfinishedUploads();
  });

  it('fails with UnknownSeries before copying anything when config.json names no series we serve', async () => {
    const r = request(mystery.id);
    const failure = await failureOf(packager().package(r));
    expect(failure.code).toBe('UnknownSeries');
    expect(failure.message).toBe(
      'acme/mystery has model_type "mamba_x" and architectures MambaXForCausalLM, which no series modelplane serves covers; give the series explicitly if one fits (GET /v1/series lists them).',
    );
    expect(await keysUnder(`${r.prefix}/`)).toEqual([]);
    expect(hub.requests.filter((q) => q.url.includes('model.safetensors'))).toEqual([]);
    await expectNoUnfinishedUploads();
  });

  it('fails with UnknownSeries when the series given is not one we serve', async () => {
    const failure = await failureOf(packager().package(request(mystery.id, { series: 'mamba' })));
    expect(failure).toMatchObject({ code: 'UnknownSeries', message: 'Series mamba is not one modelplane serves; GET /v1/series lists them.' });
  });

  it('packages a model of an unknown architecture when its series is given', async () => {
    const r = request(mystery.id, { series: 'qwen' });
    const result = await packager().package(r);
    expect(result).toMatchObject({ series: 'qwen', serving: 'lmi', sizing: { parameters: 256 * 256, dtype: 'bfloat16' } });
    expect(await keysUnder(baseOf(r, mystery))).toEqual(['config.json', 'manifest.json', 'model.safetensors', 'serving.properties']);
  });
});
