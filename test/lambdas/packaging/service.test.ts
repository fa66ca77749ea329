import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchJobs, BatchSubmission, JobRecord, JobStatus, JobStore, VersionRegistrar } from '../../../lambdas/packaging/ports.js';
import { PackagingService } from '../../../lambdas/packaging/service.js';
import { ConflictError, UpstreamError, ValidationError } from '../../../lambdas/shared/errors.js';

class MemoryJobs implements JobStore {
  readonly records = new Map<string, JobRecord>();
  async create(record: JobRecord) {
    this.records.set(record.jobId, record);
  }
  async get(jobId: string) {
    return this.records.get(jobId);
  }
  async list(tenant: string) {
    return { items: [...this.records.values()].filter((r) => r.tenant === tenant) };
  }
  async update(jobId: string, changes: Partial<JobRecord>, whileStatus: readonly JobStatus[]) {
    const record = this.records.get(jobId);
    if (!record || !whileStatus.includes(record.status)) return undefined;
    const next = { ...record, ...changes };
    this.records.set(jobId, next);
    return next;
  }
}

class FakeBatch implements BatchJobs {
  readonly submitted: BatchSubmission[] = [];
  readonly terminated: string[] = [];
  refuse = false;
  async submit(job: BatchSubmission) {
    if (this.refuse) throw new Error('Job queue is disabled');
    this.submitted.push(job);
    return `batch-${this.submitted.length}`;
  }
  async terminate(batchJobId: string) {
    this.terminated.push(batchJobId);
  }
}

describe('PackagingService', () => {
  let jobs: MemoryJobs;
  let batch: FakeBatch;
  let registered: string[];
  let registryFails: boolean;
  let service: PackagingService;
  const source = { type: 'huggingface' as const, modelId: 'Qwen/Qwen2.5-0.5B-Instruct' };

  beforeEach(() => {
    jobs = new MemoryJobs();
    batch = new FakeBatch();
    registered = [];
    registryFails = false;
    const registry: VersionRegistrar = {
      modelExists: async (tenant, model) => tenant === 'team-a' && model === 'qwen',
      registerFromJob: async (_tenant, model, jobId) => {
        if (registryFails) throw new Error('SageMaker refused the model package');
        registered.push(`${model}:${jobId}`);
        return 3;
      },
    };
    service = new PackagingService({ store: jobs, batch, registry, clock: { now: () => new Date('2026-11-23T00:00:00Z') }, logLink: (stream) => `https://logs/${stream}` });
  });

  it('records the job as queued and submits it to Batch with its parameters as environment', async () => {
    const job = await service.submit('team-a', { source: { ...source, revision: 'v1.0', tokenSecretArn: 'secret-arn' }, model: 'qwen' });
    expect(job).toMatchObject({ status: 'queued', register: true, buildImage: true, model: 'qwen', progress: { bytesDone: 0, filesTotal: 0 }, links: {} });
    expect(job.jobId).toMatch(/^pj-[a-z0-9]{20}$/);
    expect(batch.submitted[0]).toMatchObject({
      jobName: `modelplane-${job.jobId}`,
      environment: { MODELPLANE_JOB_ID: job.jobId, MODELPLANE_SOURCE_TYPE: 'huggingface', MODELPLANE_SOURCE_MODEL_ID: source.modelId, MODELPLANE_SOURCE_REVISION: 'v1.0', MODELPLANE_HF_TOKEN_SECRET_ARN: 'secret-arn' },
      tags: { 'modelplane:tenant': 'team-a' },
    });
    expect(jobs.records.get(job.jobId)?.batchJobId).toBe('batch-1');
  });

  it('rejects register without a model, an unknown model and an unknown series, all at once', async () => {
    const error = (await service.submit('team-a', { source, register: true, series: 'mamba' }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toEqual(['/body/register', '/body/series']);
    const other = (await service.submit('team-b', { source, model: 'qwen' }).catch((e: unknown) => e)) as ValidationError;
    expect(other.errors.map((e) => e.path)).toEqual(['/body/model']);
    expect(batch.submitted).toEqual([]);
  });

  it('fails the job, not leaves it queued, when Batch refuses it', async () => {
    batch.refuse = true;
    await expect(service.submit('team-a', { source })).rejects.toBeInstanceOf(UpstreamError);
    const [record] = [...jobs.records.values()];
    expect(record).toMatchObject({ status: 'failed', failure: { code: 'SubmitFailed' } });
  });

  it('cancels a running job once, terminating its Batch job, and refuses to cancel a finished one', async () => {
    const job = await service.submit('team-a', { source });
    const cancelled = await service.cancel('team-a', job.jobId);
    expect(cancelled.status).toBe('cancelled');
    expect((await service.cancel('team-a', job.jobId)).status).toBe('cancelled');
    expect(batch.terminated).toEqual(['batch-1']);
    const done = await service.submit('team-a', { source });
    jobs.records.set(done.jobId, { ...jobs.records.get(done.jobId)!, status: 'succeeded' });
    await expect(service.cancel('team-a', done.jobId)).rejects.toBeInstanceOf(ConflictError);
    await expect(service.get('team-b', done.jobId)).rejects.toMatchObject({ status: 404 });
  });

  it('registers a version when a job that asked for it succeeds', async () => {
    const job = await service.submit('team-a', { source, model: 'qwen' });
    jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, status: 'running', artifacts: { modelDataUri: 's3://b/m/', manifestUri: 's3://b/m/manifest.json', imageUri: 'r/i@sha256:1' } });
    await service.onBatchJobEnded({ jobName: `modelplane-${job.jobId}`, jobId: 'batch-1', status: 'SUCCEEDED', logStreamName: 'packager/default/abc' });
    expect(registered).toEqual([`qwen:${job.jobId}`]);
    expect(await service.get('team-a', job.jobId)).toMatchObject({ status: 'succeeded', phase: 'registering', version: 3, links: { logs: 'https://logs/packager/default/abc' } });
  });

  it('fails with the packager\'s own reason, or Batch\'s, when the job fails', async () => {
    const job = await service.submit('team-a', { source });
    jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, failure: { code: 'ChecksumMismatch', message: 'model.safetensors: sha256 differs' } });
    await service.onBatchJobEnded({ jobName: `modelplane-${job.jobId}`, jobId: 'batch-1', status: 'FAILED', statusReason: 'Essential container in task exited' });
    expect((await service.get('team-a', job.jobId)).failure).toEqual({ code: 'ChecksumMismatch', message: 'model.safetensors: sha256 differs' });
    const other = await service.submit('team-a', { source });
    await service.onBatchJobEnded({ jobName: `modelplane-${other.jobId}`, jobId: 'batch-2', status: 'FAILED', statusReason: 'Task failed to start' });
    expect((await service.get('team-a', other.jobId)).failure).toEqual({ code: 'PackagerFailed', message: 'Task failed to start' });
  });

  it('fails a succeeded job whose registration fails, and ignores events of cancelled or foreign jobs', async () => {
    registryFails = true;
    const job = await service.submit('team-a', { source, model: 'qwen' });
    jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, artifacts: { modelDataUri: 's3://b/m/', manifestUri: 's3://b/m/manifest.json', imageUri: 'r/i@sha256:1' } });
    await service.onBatchJobEnded({ jobName: `modelplane-${job.jobId}`, jobId: 'batch-1', status: 'SUCCEEDED' });
    expect((await service.get('team-a', job.jobId)).failure?.code).toBe('RegistrationFailed');
    const cancelled = await service.submit('team-a', { source });
    await service.cancel('team-a', cancelled.jobId);
    await service.onBatchJobEnded({ jobName: `modelplane-${cancelled.jobId}`, jobId: 'batch-2', status: 'FAILED' });
    expect((await service.get('team-a', cancelled.jobId)).status).toBe('cancelled');
    await expect(service.onBatchJobEnded({ jobName: 'someone-elses-job', jobId: 'x', status: 'SUCCEEDED' })).resolves.toBeUndefined();
  });
});
