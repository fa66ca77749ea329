import { beforeEach, describe, expect, it } from 'vitest';
import type { VersionFromArtifacts } from '../../../core/api.js';
import { fitsOn, minGpuMemoryGiB } from '../../../core/catalog/sizing.js';
import type { JobRecord, PackagedJob } from '../../../core/job-record.js';
import type { ArtifactSummary } from '../../../lambdas/registry/ports.js';
import { ApiError, ConflictError, NotFoundError, ValidationError } from '../../../lambdas/shared/errors.js';
import { artifactBucket, registryHarness, startTime, type RegistryHarness } from './support/fakes.js';

// The registry's rules on in-memory ports (test/lambdas/registry/support/fakes.ts); the same
// routes run end to end against the emulator in handler.int.test.ts.

const GiB = 1024 ** 3;
const weights = `s3://${artifactBucket}/llama/r1/`;
const image = 'registry.example/djl-inference:0.33.0-lmi15.0.0-cu128';
const llama: ArtifactSummary = { weightBytes: 16 * GiB, fileCount: 5, config: { model_type: 'llama', torch_dtype: 'bfloat16' }, parameters: 8_030_261_248 };

/** The rejection of a promise, or a failure when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(outcome)}`);
  return outcome;
}

function job(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: 'pj-1',
    tenant: 'team-a',
    status: 'succeeded',
    progress: { bytesDone: 100, bytesTotal: 100, filesDone: 2, filesTotal: 2 },
    source: { type: 'huggingface', modelId: 'Qwen/Qwen2.5-0.5B-Instruct' },
    model: 'llama',
    buildImage: true,
    register: false,
    artifacts: {
      modelDataUri: `s3://${artifactBucket}/packaged/pj-1/`,
      manifestUri: `s3://${artifactBucket}/packaged/pj-1/manifest.json`,
      imageUri: 'registry.example/qwen@sha256:abc',
    },
    environment: { OPTION_ROLLING_BATCH: 'vllm' },
    series: 'qwen',
    sizing: { parameters: 494_032_768, dtype: 'bfloat16', weightBytes: 988_097_824 },
    createdAt: startTime,
    updatedAt: startTime,
    ...overrides,
  };
}

describe('RegistryService', () => {
  let h: RegistryHarness;

  beforeEach(() => {
    h = registryHarness();
    h.artifacts.prefixes.set(weights, llama);
  });

  const createLlama = (tenant = 'team-a') => h.service.createModel(tenant, { name: 'llama', description: 'Llama 3 8B', labels: { team: 'search' } });
  const fromArtifacts = (extra: Partial<VersionFromArtifacts> = {}) =>
    h.service.createVersion('team-a', 'llama', { modelDataUri: weights, imageUri: image, ...extra });

  /** Nothing of the model is left anywhere: no record, group, package, SageMaker model or version record. */
  function expectNothingOf(model: string) {
    expect(h.store.models.has(model)).toBe(false);
    expect(h.store.versionsOf(model)).toEqual([]);
    expect(h.registry.groups.has(model)).toBe(false);
    expect(h.registry.versionsOf(model)).toEqual([]);
    expect([...h.registry.models.keys()].filter((name) => name.startsWith(`${model}-v`))).toEqual([]);
  }

  describe('models', () => {
    it('creates the record and its model package group, owned by the tenant', async () => {
      const model = await createLlama();
      expect(model).toEqual({ name: 'llama', description: 'Llama 3 8B', labels: { team: 'search' }, aliases: {}, createdAt: startTime, updatedAt: startTime });
      expect(h.store.models.get('llama')).toMatchObject({ name: 'llama', tenant: 'team-a', labels: { team: 'search' }, aliases: {} });
      expect(h.registry.groups.get('llama')).toEqual({ description: 'Llama 3 8B', tenant: 'team-a' });
      expect(h.calls).toEqual(['store.createModel', 'registry.createGroup']);
    });

    it('defaults labels to none and leaves out an absent description', async () => {
      const model = await h.service.createModel('team-a', { name: 'bare' });
      expect(model).toEqual({ name: 'bare', labels: {}, aliases: {}, createdAt: startTime, updatedAt: startTime });
      expect(h.registry.groups.get('bare')).toEqual({ tenant: 'team-a' });
    });

    it('refuses a name the same tenant has with 409 ModelAlreadyExists, and changes nothing', async () => {
      await createLlama();
      const error = await refusal(h.service.createModel('team-a', { name: 'llama', description: 'another' }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'ModelAlreadyExists' });
      expect(error.extensions()).toEqual({ model: 'llama' });
      expect(h.store.models.get('llama')?.description).toBe('Llama 3 8B');
      expect(h.calls.filter((c) => c === 'registry.createGroup')).toHaveLength(1);
    });

    it("refuses another tenant's name with 409 ModelNameUnavailable that does not name the owner", async () => {
      await createLlama();
      const error = await refusal(h.service.createModel('team-b', { name: 'llama' }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'ModelNameUnavailable' });
      expect(error.message).not.toContain('team-a');
      expect(error.extensions()).toEqual({});
      expect(h.store.models.get('llama')?.tenant).toBe('team-a');
    });

    it('passes on a store failure that is not a taken name', async () => {
      h.store.failNext.set('createModel', new Error('DynamoDB is down'));
      await expect(createLlama()).rejects.toThrow('DynamoDB is down');
      expect(h.registry.groups.size).toBe(0);
    });

    it('removes the record when the group cannot be made, so nothing is left', async () => {
      h.registry.groups.set('llama', { tenant: 'outside-modelplane' });
      const error = await refusal(createLlama());
      expect(error).toMatchObject({ status: 409, code: 'ModelNameUnavailable' });
      expect(h.store.models.has('llama')).toBe(false);

      h.registry.failNext.set('createGroup', new Error('SageMaker is down'));
      await expect(h.service.createModel('team-a', { name: 'qwen' })).rejects.toThrow('SageMaker is down');
      expectNothingOf('qwen');
      expect(h.calls.slice(-3)).toEqual(['store.createModel', 'registry.createGroup', 'store.deleteModel']);
    });

    it("gets the tenant's own model, and answers 404 ModelNotFound for another tenant's or a missing one", async () => {
      await createLlama();
      expect(await h.service.getModel('team-a', 'llama')).toMatchObject({ name: 'llama', description: 'Llama 3 8B' });
      for (const [tenant, name] of [
        ['team-b', 'llama'],
        ['team-a', 'nope'],
      ] as const) {
        const error = await refusal(h.service.getModel(tenant, name));
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ status: 404, code: 'ModelNotFound', message: `Model ${name} does not exist.` });
      }
    });

    it("lists only the tenant's models, in pages whose token is bound to the tenant", async () => {
      for (const name of ['c', 'a', 'b']) await h.service.createModel('team-a', { name });
      await h.service.createModel('team-b', { name: 'other' });

      const first = await h.service.listModels('team-a', 2);
      expect(first.items.map((m) => m.name)).toEqual(['a', 'b']);
      expect(first.nextToken).toEqual(expect.any(String));
      const second = await h.service.listModels('team-a', 2, first.nextToken);
      expect(second).toEqual({ items: [expect.objectContaining({ name: 'c' })] });
      expect((await h.service.listModels('team-b', 10)).items.map((m) => m.name)).toEqual(['other']);
      expect(await h.service.listModels('team-c', 10)).toEqual({ items: [] });

      const error = await refusal(h.service.listModels('team-b', 2, first.nextToken));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([{ path: '/query/nextToken', message: expect.stringContaining('not a token this list issued') }]);
      await expect(h.service.listModels('team-a', 2, 'garbage')).rejects.toBeInstanceOf(ValidationError);
    });

    it("updates the tenant's model and bumps updatedAt, and refuses another tenant's", async () => {
      await createLlama();
      h.clock.set('2026-11-24T10:00:00.000Z');
      const updated = await h.service.updateModel('team-a', 'llama', { description: 'Llama 3.1 8B', labels: { team: 'ads' } });
      expect(updated).toMatchObject({ description: 'Llama 3.1 8B', labels: { team: 'ads' }, createdAt: startTime, updatedAt: '2026-11-24T10:00:00.000Z' });
      expect(h.store.models.get('llama')).toMatchObject({ description: 'Llama 3.1 8B', labels: { team: 'ads' } });

      const labelsOnly = await h.service.updateModel('team-a', 'llama', { labels: {} });
      expect(labelsOnly).toMatchObject({ description: 'Llama 3.1 8B', labels: {} });

      await expect(h.service.updateModel('team-b', 'llama', { description: 'mine now' })).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
      expect(h.store.models.get('llama')?.description).toBe('Llama 3.1 8B');
    });

    it('refuses to delete a model while an endpoint serves any version: 409 ModelInUse with the endpoints, nothing removed', async () => {
      await createLlama();
      await fromArtifacts();
      await fromArtifacts();
      h.endpoints.serving = [
        { endpoint: 'search-b', modelName: 'llama-v2' },
        { endpoint: 'search-a', modelName: 'llama-v1' },
        { endpoint: 'search-a', modelName: 'llama-v2' },
        { endpoint: 'unrelated', modelName: 'qwen-v1' },
      ];
      const error = await refusal(h.service.deleteModel('team-a', 'llama'));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'ModelInUse' });
      expect(error.extensions()).toEqual({ endpoints: ['search-a', 'search-b'] });
      expect(h.endpoints.asked).toEqual([['llama-v1', 'llama-v2']]);
      expect(h.store.versionsOf('llama')).toEqual([1, 2]);
      expect(h.registry.versionsOf('llama')).toEqual([1, 2]);
      expect([...h.registry.models.keys()].sort()).toEqual(['llama-v1', 'llama-v2']);
      expect(h.registry.groups.has('llama')).toBe(true);
    });

    it('deletes every version (SageMaker model, package, record), across pages, then the group and the record', async () => {
      await createLlama();
      for (let i = 0; i < 3; i++) await fromArtifacts();
      await h.service.createModel('team-a', { name: 'qwen' });
      h.registry.pageCap = 2;
      h.calls.length = 0;

      await h.service.deleteModel('team-a', 'llama');

      expectNothingOf('llama');
      expect(h.registry.groups.has('qwen')).toBe(true);
      const arn = (v: number) => `sagemaker-arn:model-package/llama/${v}`;
      expect(h.calls).toEqual([
        'store.getModel',
        'registry.listPackages',
        'registry.listPackages',
        ...[3, 2, 1].flatMap(() => ['registry.deleteModel', 'registry.deletePackage', 'store.deleteVersion']),
        'registry.deleteGroup',
        'store.deleteModel',
      ]);
      expect(h.registry.packages.has(arn(1))).toBe(false);
    });

    it("deletes a model without versions, and answers 404 for another tenant's", async () => {
      await createLlama();
      await expect(h.service.deleteModel('team-b', 'llama')).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
      expect(h.store.models.has('llama')).toBe(true);
      await h.service.deleteModel('team-a', 'llama');
      expectNothingOf('llama');
    });
  });

  describe('versions from artifacts', () => {
    beforeEach(async () => {
      await createLlama();
    });

    it('registers a package, a SageMaker model and our record, sized from the inspection, approved by default', async () => {
      const version = await fromArtifacts({ environment: { OPTION_MAX_MODEL_LEN: '8192' }, description: 'first cut', labels: { run: 'r1' } });

      expect(version).toEqual({
        model: 'llama',
        version: 1,
        modelDataUri: weights,
        imageUri: image,
        environment: { OPTION_MAX_MODEL_LEN: '8192' },
        series: 'llama',
        approval: 'approved',
        description: 'first cut',
        labels: { run: 'r1' },
        aliases: [],
        sizing: {
          parameters: llama.parameters,
          dtype: 'bfloat16',
          weightBytes: 16 * GiB,
          minGpuMemoryGiB: minGpuMemoryGiB(16 * GiB),
          fitsOn: fitsOn(16 * GiB),
        },
        source: {},
        sagemakerModelName: 'llama-v1',
        modelPackageArn: 'sagemaker-arn:model-package/llama/1',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(version.sizing.fitsOn.length).toBeGreaterThan(0);
      expect(h.artifacts.inspected).toEqual([weights]);
      expect(h.registry.packages.get(version.modelPackageArn)?.input).toEqual({
        group: 'llama',
        imageUri: image,
        modelDataUri: weights,
        environment: { OPTION_MAX_MODEL_LEN: '8192' },
        approval: 'approved',
        description: 'first cut',
        tenant: 'team-a',
      });
      expect(h.registry.models.get('llama-v1')).toEqual({
        name: 'llama-v1',
        imageUri: image,
        modelDataUri: weights,
        environment: { OPTION_MAX_MODEL_LEN: '8192' },
        tenant: 'team-a',
        model: 'llama',
        version: 1,
      });
      expect(h.store.versions.get('llama#1')).toMatchObject({
        model: 'llama',
        version: 1,
        series: 'llama',
        sizing: { parameters: llama.parameters, dtype: 'bfloat16', weightBytes: 16 * GiB },
      });
      expect(h.store.versions.get('llama#1')).not.toHaveProperty('packagingJobId');
      expect(h.store.models.get('llama')?.latestVersion).toBe(1);
    });

    it('keeps the approval asked for, and defaults environment and labels to none', async () => {
      const version = await fromArtifacts({ approval: 'pendingManualApproval' });
      expect(version).toMatchObject({ approval: 'pendingManualApproval', environment: {}, labels: {} });
      expect(version).not.toHaveProperty('description');
      expect(h.registry.packages.get(version.modelPackageArn)?.approval).toBe('pendingManualApproval');
    });

    it('bumps latestVersion with each new version', async () => {
      await fromArtifacts();
      expect((await h.service.getModel('team-a', 'llama')).latestVersion).toBe(1);
      h.clock.set('2026-11-25T00:00:00.000Z');
      expect((await fromArtifacts()).version).toBe(2);
      expect(await h.service.getModel('team-a', 'llama')).toMatchObject({ latestVersion: 2, updatedAt: '2026-11-25T00:00:00.000Z' });
    });

    it('refuses weights outside the artifact bucket with a 400 naming that bucket, before reading anything', async () => {
      const error = await refusal(fromArtifacts({ modelDataUri: 's3://someone-elses-bucket/llama/r1/' }));
      expect(error).toBeInstanceOf(ValidationError);
      const errors = (error as ValidationError).errors;
      expect(errors).toEqual([{ path: '/body/modelDataUri', message: expect.stringContaining(`artifact bucket ${artifactBucket}`) }]);
      expect(error.status).toBe(400);
      expect(error.code).toBe('ValidationFailed');
      expect(h.artifacts.inspected).toEqual([]);
      expect(h.registry.packages.size).toBe(0);
    });

    it('refuses a bucket whose name only starts with the artifact bucket', async () => {
      await expect(fromArtifacts({ modelDataUri: `s3://${artifactBucket}-copy/llama/r1/` })).rejects.toBeInstanceOf(ValidationError);
    });

    it('refuses an unknown series with a 400, together with a wrong bucket', async () => {
      const alone = (await refusal(fromArtifacts({ series: 'mamba' }))) as ValidationError;
      expect(alone.errors).toEqual([{ path: '/body/series', message: expect.stringContaining('not a known series') }]);
      const both = (await refusal(fromArtifacts({ series: 'mamba', modelDataUri: 's3://elsewhere/x/' }))) as ValidationError;
      expect(both.errors.map((e) => e.path)).toEqual(['/body/modelDataUri', '/body/series']);
      expect(h.registry.packages.size).toBe(0);
      expect(h.store.versions.size).toBe(0);
    });

    it('detects the series from config.json (model_type, then architectures), and a given series wins', async () => {
      const qwen = `s3://${artifactBucket}/qwen/`;
      h.artifacts.prefixes.set(qwen, { weightBytes: GiB, fileCount: 2, config: { architectures: ['Qwen2ForCausalLM'], dtype: 'float16' } });
      expect(await fromArtifacts({ modelDataUri: qwen })).toMatchObject({ series: 'qwen', sizing: { dtype: 'float16', weightBytes: GiB } });
      expect((await fromArtifacts()).series).toBe('llama');
      expect((await fromArtifacts({ series: 'mistral' })).series).toBe('mistral');
    });

    it('leaves out series, parameters and dtype that the weights do not tell', async () => {
      const plain = `s3://${artifactBucket}/plain/`;
      h.artifacts.prefixes.set(plain, { weightBytes: 3 * GiB, fileCount: 1 });
      const unknown = `s3://${artifactBucket}/unknown/`;
      h.artifacts.prefixes.set(unknown, { weightBytes: GiB, fileCount: 1, config: { model_type: 'mamba', torch_dtype: 16 } });
      const first = await fromArtifacts({ modelDataUri: plain });
      expect(first).not.toHaveProperty('series');
      expect(first.sizing).toEqual({ weightBytes: 3 * GiB, minGpuMemoryGiB: minGpuMemoryGiB(3 * GiB), fitsOn: fitsOn(3 * GiB) });
      const second = await fromArtifacts({ modelDataUri: unknown });
      expect(second).not.toHaveProperty('series');
      expect(second.sizing).not.toHaveProperty('dtype');
    });

    it('passes on the inspector refusing an empty prefix, and registers nothing', async () => {
      await expect(fromArtifacts({ modelDataUri: `s3://${artifactBucket}/empty/` })).rejects.toBeInstanceOf(ValidationError);
      expect(h.registry.packages.size).toBe(0);
      expect(h.store.models.get('llama')).not.toHaveProperty('latestVersion');
    });

    it('undoes the package and the model when SageMaker refuses the model: no orphan', async () => {
      h.registry.failNext.set('createModel', new Error('Could not access model data'));
      await expect(fromArtifacts()).rejects.toThrow('Could not access model data');
      expect(h.registry.packages.size).toBe(0);
      expect(h.registry.models.size).toBe(0);
      expect(h.store.versions.size).toBe(0);
      expect(h.store.models.get('llama')).not.toHaveProperty('latestVersion');
      // SageMaker numbers on: the next version is 2, and it is whole.
      const next = await fromArtifacts();
      expect(next.version).toBe(2);
      expect(h.registry.versionsOf('llama')).toEqual([2]);
      expect(h.store.versionsOf('llama')).toEqual([2]);
    });

    it('undoes the package and the SageMaker model when our record cannot be written', async () => {
      h.store.failNext.set('putVersion', new Error('DynamoDB is down'));
      await expect(fromArtifacts()).rejects.toThrow('DynamoDB is down');
      expect(h.registry.packages.size).toBe(0);
      expect(h.registry.models.size).toBe(0);
      expect(h.store.versions.size).toBe(0);
    });

    it('passes on the original failure even when a step of the undo fails too, and still tries the other', async () => {
      h.registry.failNext.set('createModel', new Error('Could not access model data'));
      h.registry.failNext.set('deleteModel', new Error('Throttled'));
      await expect(fromArtifacts()).rejects.toThrow('Could not access model data');
      expect(h.registry.packages.size).toBe(0);
      h.store.failNext.set('putVersion', new Error('DynamoDB is down'));
      h.registry.failNext.set('deletePackage', new Error('Throttled'));
      await expect(fromArtifacts()).rejects.toThrow('DynamoDB is down');
      expect(h.registry.models.size).toBe(0);
    });

    it('never moves latestVersion back when a concurrent create numbered higher first', async () => {
      h.store.models.set('llama', { ...h.store.models.get('llama')!, latestVersion: 9 });
      h.calls.length = 0;
      expect((await fromArtifacts()).version).toBe(1);
      expect(h.store.models.get('llama')?.latestVersion).toBe(9);
      expect(h.calls).not.toContain('store.updateModel');
    });

    it("refuses a version of another tenant's model with 404, registering nothing", async () => {
      await expect(h.service.createVersion('team-b', 'llama', { modelDataUri: weights, imageUri: image })).rejects.toMatchObject({
        status: 404,
        code: 'ModelNotFound',
      });
      expect(h.registry.packages.size).toBe(0);
      expect(h.artifacts.inspected).toEqual([]);
    });
  });

  describe('versions from a packaging job', () => {
    beforeEach(async () => {
      await createLlama();
    });

    const fromJob = (jobId = 'pj-1', tenant = 'team-a', model = 'llama') =>
      h.service.createVersion(tenant, model, { packagingJobId: jobId, description: 'packaged', labels: { from: 'hub' } });

    it('makes a version of a succeeded job, with the job in its source', async () => {
      h.packagingJobs.records.set('pj-1', job());
      const version = await fromJob();
      expect(version).toMatchObject({
        version: 1,
        modelDataUri: `s3://${artifactBucket}/packaged/pj-1/`,
        imageUri: 'registry.example/qwen@sha256:abc',
        environment: { OPTION_ROLLING_BATCH: 'vllm' },
        series: 'qwen',
        approval: 'approved',
        description: 'packaged',
        labels: { from: 'hub' },
        sizing: { parameters: 494_032_768, dtype: 'bfloat16', weightBytes: 988_097_824 },
        source: { packagingJobId: 'pj-1' },
      });
      expect(h.store.versions.get('llama#1')?.packagingJobId).toBe('pj-1');
      // The job's sizing is enough: the weights are not read again.
      expect(h.artifacts.inspected).toEqual([]);
      expect(h.packagingJobs.reads).toEqual(['pj-1']);
    });

    it('reads the weight size from the artifacts when the job recorded no sizing, and takes a job without a model', async () => {
      const { sizing: _sizing, model: _model, ...rest } = job();
      h.packagingJobs.records.set('pj-1', rest);
      h.artifacts.prefixes.set(rest.artifacts!.modelDataUri, { weightBytes: 2 * GiB, fileCount: 3 });
      const version = await fromJob();
      expect(version.sizing).toEqual({ weightBytes: 2 * GiB, minGpuMemoryGiB: minGpuMemoryGiB(2 * GiB), fitsOn: fitsOn(2 * GiB) });
      expect(h.artifacts.inspected).toEqual([rest.artifacts!.modelDataUri]);
    });

    it("answers 400 for a missing job and for another tenant's, saying the same of both", async () => {
      h.packagingJobs.records.set('pj-theirs', job({ jobId: 'pj-theirs', tenant: 'team-b' }));
      for (const jobId of ['pj-missing', 'pj-theirs']) {
        const error = (await refusal(fromJob(jobId))) as ValidationError;
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.errors).toEqual([{ path: '/body/packagingJobId', message: `packaging job ${jobId} does not exist` }]);
      }
      expect(h.registry.packages.size).toBe(0);
    });

    it.each([
      ['queued', {}],
      ['running', { phase: 'downloading' }],
      ['running', { phase: 'registering' }],
      ['failed', { failure: { code: 'ChecksumMismatch', message: 'sha256 differs' } }],
      ['cancelled', { artifacts: undefined }],
    ] as const)('answers 409 PackagingJobNotSucceeded for a %s job %j', async (status, extra) => {
      h.packagingJobs.records.set('pj-1', job({ status, ...extra }));
      const error = await refusal(fromJob());
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'PackagingJobNotSucceeded' });
      expect(error.extensions()).toEqual({ jobStatus: status });
      expect(h.registry.packages.size).toBe(0);
      expect(h.store.versions.size).toBe(0);
    });

    it('answers 400 for a job packaged for another model', async () => {
      await h.service.createModel('team-a', { name: 'qwen' });
      h.packagingJobs.records.set('pj-1', job({ model: 'qwen' }));
      const error = (await refusal(fromJob())) as ValidationError;
      expect(error.errors).toEqual([{ path: '/body/packagingJobId', message: 'packaging job pj-1 was packaged for model qwen, not llama' }]);
      expect(h.registry.versionsOf('llama')).toEqual([]);
      expect((await fromJob('pj-1', 'team-a', 'qwen')).source).toEqual({ packagingJobId: 'pj-1' });
    });
  });

  describe('versions the packaging area registers', () => {
    const packaged: PackagedJob = {
      jobId: 'pj-7',
      artifacts: {
        modelDataUri: `s3://${artifactBucket}/packaged/pj-7/`,
        manifestUri: `s3://${artifactBucket}/packaged/pj-7/manifest.json`,
        imageUri: 'registry.example/llama@sha256:def',
      },
      environment: { OPTION_TENSOR_PARALLEL_DEGREE: 'max' },
      series: 'llama',
      sizing: { parameters: 8_030_261_248, dtype: 'bfloat16', weightBytes: 16 * GiB },
    };

    beforeEach(async () => {
      await createLlama();
    });

    it('registers the packaged artifacts as given, reading no job record', async () => {
      const version = await h.service.createPackagedVersion('team-a', 'llama', packaged);
      expect(version).toMatchObject({
        version: 1,
        modelDataUri: packaged.artifacts.modelDataUri,
        imageUri: packaged.artifacts.imageUri,
        environment: packaged.environment,
        series: 'llama',
        approval: 'approved',
        labels: {},
        sizing: { parameters: 8_030_261_248, dtype: 'bfloat16', weightBytes: 16 * GiB },
        source: { packagingJobId: 'pj-7' },
      });
      expect(h.packagingJobs.reads).toEqual([]);
      expect(h.artifacts.inspected).toEqual([]);
      expect(h.store.models.get('llama')?.latestVersion).toBe(1);
    });

    it('sizes from the artifacts when the job has no sizing, still reading no job record', async () => {
      const { sizing: _sizing, series: _series, ...bare } = packaged;
      h.artifacts.prefixes.set(bare.artifacts.modelDataUri, { weightBytes: 4 * GiB, fileCount: 2 });
      const version = await h.service.createPackagedVersion('team-a', 'llama', bare);
      expect(version.sizing.weightBytes).toBe(4 * GiB);
      expect(version).not.toHaveProperty('series');
      expect(h.packagingJobs.reads).toEqual([]);
    });

    it("refuses another tenant's model with 404", async () => {
      await expect(h.service.createPackagedVersion('team-b', 'llama', packaged)).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
      expect(h.registry.packages.size).toBe(0);
      expect(h.packagingJobs.reads).toEqual([]);
    });
  });

  describe('reading, changing and deleting versions', () => {
    beforeEach(async () => {
      await createLlama();
      for (let i = 0; i < 3; i++) await fromArtifacts({ labels: { n: String(i + 1) } });
    });

    it('gets a version with its aliases, sorted', async () => {
      await h.service.putAlias('team-a', 'llama', 'prod', 2);
      await h.service.putAlias('team-a', 'llama', 'canary', 2);
      await h.service.putAlias('team-a', 'llama', 'dev', 3);
      expect((await h.service.getVersion('team-a', 'llama', 2)).aliases).toEqual(['canary', 'prod']);
      expect((await h.service.getVersion('team-a', 'llama', 1)).aliases).toEqual([]);
    });

    it('answers 404 VersionNotFound for a version without a record or without a package', async () => {
      await expect(h.service.getVersion('team-a', 'llama', 9)).rejects.toMatchObject({ status: 404, code: 'VersionNotFound' });
      h.registry.packages.delete('sagemaker-arn:model-package/llama/2');
      const error = await refusal(h.service.getVersion('team-a', 'llama', 2));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ code: 'VersionNotFound', message: 'Model llama has no version 2.' });
      await expect(h.service.getVersion('team-b', 'llama', 1)).rejects.toMatchObject({ code: 'ModelNotFound' });
    });

    it("reads the approval from SageMaker's package, not from our record", async () => {
      h.registry.packages.get('sagemaker-arn:model-package/llama/1')!.approval = 'rejected';
      expect((await h.service.getVersion('team-a', 'llama', 1)).approval).toBe('rejected');
    });

    it('lists versions newest first with their aliases, in pages bound to tenant and model', async () => {
      await h.service.putAlias('team-a', 'llama', 'prod', 3);
      await h.service.putAlias('team-a', 'llama', 'beta', 3);
      const first = await h.service.listVersions('team-a', 'llama', 2);
      expect(first.items.map((v) => [v.version, v.aliases])).toEqual([
        [3, ['beta', 'prod']],
        [2, []],
      ]);
      const second = await h.service.listVersions('team-a', 'llama', 2, first.nextToken);
      expect(second.items.map((v) => v.version)).toEqual([1]);
      expect(second.nextToken).toBeUndefined();

      await h.service.createModel('team-a', { name: 'qwen' });
      await expect(h.service.listVersions('team-a', 'qwen', 2, first.nextToken)).rejects.toBeInstanceOf(ValidationError);
      await expect(h.service.listVersions('team-b', 'llama', 2)).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
    });

    it('hides a package that has no record of ours', async () => {
      await h.registry.createPackage({ group: 'llama', imageUri: image, modelDataUri: weights, environment: {}, approval: 'approved', tenant: 'team-a' });
      const page = await h.service.listVersions('team-a', 'llama', 10);
      expect(h.registry.versionsOf('llama')).toEqual([1, 2, 3, 4]);
      expect(page.items.map((v) => v.version)).toEqual([3, 2, 1]);
    });

    it('changes approval only when it differs, and description and labels, bumping updatedAt', async () => {
      h.clock.set('2026-12-01T00:00:00.000Z');
      const same = await h.service.updateVersion('team-a', 'llama', 1, { approval: 'approved' });
      expect(same.approval).toBe('approved');
      expect(h.registry.approvals).toEqual([]);

      const changed = await h.service.updateVersion('team-a', 'llama', 1, { approval: 'rejected', description: 'bad evals', labels: { eval: 'failed' } });
      expect(changed).toMatchObject({ approval: 'rejected', description: 'bad evals', labels: { eval: 'failed' }, updatedAt: '2026-12-01T00:00:00.000Z' });
      expect(h.registry.approvals).toEqual([{ arn: 'sagemaker-arn:model-package/llama/1', approval: 'rejected' }]);
      expect(await h.service.getVersion('team-a', 'llama', 1)).toMatchObject({
        approval: 'rejected',
        description: 'bad evals',
        labels: { eval: 'failed' },
        updatedAt: '2026-12-01T00:00:00.000Z',
      });

      const described = await h.service.updateVersion('team-a', 'llama', 1, { description: 'kept for the record' });
      expect(described).toMatchObject({ approval: 'rejected', description: 'kept for the record', labels: { eval: 'failed' } });
      expect(h.registry.approvals).toHaveLength(1);
    });

    it("refuses to change another tenant's version", async () => {
      await expect(h.service.updateVersion('team-b', 'llama', 1, { approval: 'rejected' })).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
      expect(h.registry.approvals).toEqual([]);
    });

    it('refuses to delete an aliased version: 409 VersionHasAliases with the aliases, sorted', async () => {
      await h.service.putAlias('team-a', 'llama', 'prod', 2);
      await h.service.putAlias('team-a', 'llama', 'default', 2);
      const error = await refusal(h.service.deleteVersion('team-a', 'llama', 2));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'VersionHasAliases' });
      expect(error.extensions()).toEqual({ aliases: ['default', 'prod'] });
      expect(h.store.versionsOf('llama')).toEqual([1, 2, 3]);
      expect(h.endpoints.asked).toEqual([]);
    });

    it('refuses to delete a served version: 409 VersionInUse with the endpoints, sorted', async () => {
      h.endpoints.serving = [
        { endpoint: 'z-ep', modelName: 'llama-v2' },
        { endpoint: 'a-ep', modelName: 'llama-v2' },
        { endpoint: 'other', modelName: 'llama-v1' },
      ];
      const error = await refusal(h.service.deleteVersion('team-a', 'llama', 2));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'VersionInUse' });
      expect(error.extensions()).toEqual({ endpoints: ['a-ep', 'z-ep'] });
      expect(h.registry.models.has('llama-v2')).toBe(true);
      expect(h.registry.versionsOf('llama')).toEqual([1, 2, 3]);
    });

    it('deletes a version: its SageMaker model, package and record, nothing else', async () => {
      await h.service.putAlias('team-a', 'llama', 'prod', 3);
      h.calls.length = 0;
      await h.service.deleteVersion('team-a', 'llama', 2);
      expect(h.calls.slice(-3)).toEqual(['registry.deleteModel', 'registry.deletePackage', 'store.deleteVersion']);
      expect([...h.registry.models.keys()].sort()).toEqual(['llama-v1', 'llama-v3']);
      expect(h.registry.versionsOf('llama')).toEqual([1, 3]);
      expect(h.store.versionsOf('llama')).toEqual([1, 3]);
      await expect(h.service.getVersion('team-a', 'llama', 2)).rejects.toMatchObject({ code: 'VersionNotFound' });
      await expect(h.service.deleteVersion('team-a', 'llama', 2)).rejects.toMatchObject({ status: 404, code: 'VersionNotFound' });
      expect(h.store.models.get('llama')?.aliases).toEqual({ prod: 3 });
    });

    it('moves latestVersion down to the highest version left when the newest goes, and drops it with the last', async () => {
      await h.service.deleteVersion('team-a', 'llama', 3);
      expect((await h.service.getModel('team-a', 'llama')).latestVersion).toBe(2);
      await h.service.deleteVersion('team-a', 'llama', 1);
      expect((await h.service.getModel('team-a', 'llama')).latestVersion).toBe(2);
      await h.service.deleteVersion('team-a', 'llama', 2);
      expect((await h.service.getModel('team-a', 'llama')).latestVersion).toBeUndefined();
    });
  });

  describe('aliases', () => {
    beforeEach(async () => {
      await createLlama();
      await fromArtifacts();
      await fromArtifacts();
    });

    it('sets and moves an alias, bumping updatedAt', async () => {
      h.clock.set('2026-12-02T00:00:00.000Z');
      expect(await h.service.putAlias('team-a', 'llama', 'prod', 1)).toMatchObject({ aliases: { prod: 1 }, updatedAt: '2026-12-02T00:00:00.000Z' });
      expect((await h.service.putAlias('team-a', 'llama', 'prod', 2)).aliases).toEqual({ prod: 2 });
      expect(h.store.models.get('llama')?.aliases).toEqual({ prod: 2 });
    });

    it('refuses an alias to a missing version (no record, or no package) with a 400 on /body/version', async () => {
      h.registry.packages.delete('sagemaker-arn:model-package/llama/2');
      for (const version of [7, 2]) {
        const error = (await refusal(h.service.putAlias('team-a', 'llama', 'prod', version))) as ValidationError;
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.errors).toEqual([{ path: '/body/version', message: `model llama has no version ${version}` }]);
      }
      expect(h.store.models.get('llama')?.aliases).toEqual({});
      await expect(h.service.putAlias('team-b', 'llama', 'prod', 1)).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
    });

    it('deletes an alias, and answers 404 AliasNotFound for one that is not there', async () => {
      await h.service.putAlias('team-a', 'llama', 'prod', 1);
      await h.service.putAlias('team-a', 'llama', 'dev', 2);
      await h.service.deleteAlias('team-a', 'llama', 'prod');
      expect(h.store.models.get('llama')?.aliases).toEqual({ dev: 2 });
      const error = await refusal(h.service.deleteAlias('team-a', 'llama', 'prod'));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, code: 'AliasNotFound' });
      await expect(h.service.deleteAlias('team-b', 'llama', 'dev')).rejects.toMatchObject({ status: 404, code: 'ModelNotFound' });
      expect(h.store.models.get('llama')?.aliases).toEqual({ dev: 2 });
    });
  });
});
