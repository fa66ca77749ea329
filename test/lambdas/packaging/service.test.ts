import { beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord, JobStatus } from '../../../core/job-record.js';
import type { BatchJobs, BatchJobState, BatchSubmission, JobStore, VersionRegistrar } from '../../../lambdas/packaging/ports.js';
import { eventGraceMs, PackagingService, submitGraceMs } from '../../../lambdas/packaging/service.js';
import { ConflictError, SourceNotAllowedError, UpstreamError, ValidationError } from '../../../lambdas/shared/errors.js';
import type { SourceLocation } from '../../../core/source-buckets.js';

/** The artifact bucket's uploads/ and one configured source bucket prefix. */
const sourceLocations: SourceLocation[] = [
  { bucket: 'artifacts', prefix: 'uploads/' },
  { bucket: 'training-output', prefix: 'jobs/' },
];

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
  /** Two records a page, to exercise the sweep's paging; the cursor is the last key read, as a scan's is. */
  async listActive(cursor?: string) {
    const keys = [...this.records.keys()];
    const page = keys.slice(cursor ? keys.indexOf(cursor) + 1 : 0).slice(0, 2);
    const items = page.map((key) => this.records.get(key)!).filter((r) => r.status === 'queued' || r.status === 'running');
    const last = page.at(-1);
    return { items, ...(last !== undefined && last !== keys.at(-1) ? { next: last } : {}) };
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
  /** What Batch says of each job id; ids not here are jobs Batch has forgotten. */
  readonly states = new Map<string, Omit<BatchJobState, 'batchJobId'>>();
  readonly described: string[][] = [];
  describeFails = false;
  async describe(batchJobIds: readonly string[]) {
    this.described.push([...batchJobIds]);
    if (this.describeFails) throw new Error('Rate exceeded');
    return batchJobIds.flatMap((batchJobId) => {
      const state = this.states.get(batchJobId);
      return state ? [{ batchJobId, ...state }] : [];
    });
  }
}

describe('PackagingService', () => {
  let jobs: MemoryJobs;
  let batch: FakeBatch;
  let registered: string[];
  let registryFails: boolean;
  let service: PackagingService;
  let now: Date;
  const source = { type: 'huggingface' as const, modelId: 'Qwen/Qwen2.5-0.5B-Instruct' };

  beforeEach(() => {
    jobs = new MemoryJobs();
    batch = new FakeBatch();
    registered = [];
    registryFails = false;
    const registry: VersionRegistrar = {
      modelExists: async (tenant, model) => tenant === 'team-a' && model === 'qwen',
      registerPackaged: async (_tenant, model, job) => {
        if (registryFails) throw new Error('SageMaker refused the model package');
        registered.push(`${model}:${job.jobId}`);
        return 3;
      },
    };
    now = new Date('2026-11-23T00:00:00Z');
    service = new PackagingService({
      store: jobs,
      batch,
      registry,
      clock: { now: () => now },
      logLink: (stream) => `https://logs/${stream}`,
      sourceLocations,
    });
  });

  it('submits an S3 source under an allowed location, a prefix or an archive, with its URI as the job parameter', async () => {
    for (const uri of ['s3://artifacts/uploads/ft-1/', 's3://training-output/jobs/ft-2/output/model.tar.gz']) {
      const job = await service.create('team-a', { source: { type: 's3', uri } });
      expect(job.source).toEqual({ type: 's3', uri });
      expect(batch.submitted.at(-1)?.environment).toMatchObject({ MODELPLANE_SOURCE_TYPE: 's3', MODELPLANE_SOURCE_URI: uri });
    }
  });

  it.each([
    ['another bucket', 's3://elsewhere/ft/'],
    ['the artifact bucket outside uploads/', 's3://artifacts/models/x/'],
    ['a prefix that only starts like an allowed one', 's3://training-output/jobsite/ft/'],
  ])('rejects an S3 source in %s with SourceNotAllowed, naming the allowed locations, and records nothing', async (_, uri) => {
    const error = (await service.create('team-a', { source: { type: 's3', uri } }).catch((e: unknown) => e)) as SourceNotAllowedError;
    expect(error).toBeInstanceOf(SourceNotAllowedError);
    expect(error).toMatchObject({ status: 400, code: 'SourceNotAllowed', allowedSources: ['s3://artifacts/uploads/', 's3://training-output/jobs/'] });
    expect(error.message).toContain('s3://training-output/jobs/');
    expect(error.errors).toEqual([{ path: '/body/source/uri', message: expect.stringContaining('s3://artifacts/uploads/') }]);
    expect(jobs.records.size).toBe(0);
    expect(batch.submitted).toEqual([]);
  });

  it('rejects an S3 source URI with ".." segments as invalid, whatever the location', async () => {
    const error = (await service
      .create('team-a', { source: { type: 's3', uri: 's3://artifacts/uploads/../models/' } })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors).toEqual([{ path: '/body/source/uri', message: expect.stringContaining('".."') }]);
  });

  it('records the job as queued and submits it to Batch with its parameters as environment', async () => {
    const job = await service.create('team-a', { source: { ...source, revision: 'v1.0', tokenSecretArn: 'secret-arn' }, model: 'qwen' });
    expect(job).toMatchObject({ status: 'queued', register: true, buildImage: true, model: 'qwen', progress: { bytesDone: 0, filesTotal: 0 }, links: {} });
    expect(job.jobId).toMatch(/^pj-[a-z0-9]{20}$/);
    expect(batch.submitted[0]).toMatchObject({
      jobName: `modelplane-${job.jobId}`,
      environment: {
        MODELPLANE_JOB_ID: job.jobId,
        MODELPLANE_SOURCE_TYPE: 'huggingface',
        MODELPLANE_SOURCE_MODEL_ID: source.modelId,
        MODELPLANE_SOURCE_REVISION: 'v1.0',
        MODELPLANE_HF_TOKEN_SECRET_ARN: 'secret-arn',
      },
      tags: { 'modelplane:tenant': 'team-a' },
    });
    expect(jobs.records.get(job.jobId)?.batchJobId).toBe('batch-1');
  });

  it('rejects register without a model, an unknown model and an unknown series, all at once', async () => {
    const error = (await service.create('team-a', { source, register: true, series: 'mamba' }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toEqual(['/body/register', '/body/series']);
    const other = (await service.create('team-b', { source, model: 'qwen' }).catch((e: unknown) => e)) as ValidationError;
    expect(other.errors.map((e) => e.path)).toEqual(['/body/model']);
    expect(batch.submitted).toEqual([]);
  });

  it('fails the job, not leaves it queued, when Batch refuses it', async () => {
    batch.refuse = true;
    await expect(service.create('team-a', { source })).rejects.toBeInstanceOf(UpstreamError);
    const [record] = [...jobs.records.values()];
    expect(record).toMatchObject({ status: 'failed', failure: { code: 'SubmitFailed' } });
  });

  it('stops the Batch job and fails the record when the record cannot take the Batch job id', async () => {
    const update = jobs.update.bind(jobs);
    // DynamoDB answers the create, then not (a timeout, a blip): the job runs in Batch, unseen.
    jobs.update = async (jobId, changes, whileStatus) => {
      if ('batchJobId' in changes) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: {} });
      return update(jobId, changes, whileStatus);
    };
    await expect(service.create('team-a', { source })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(batch.terminated).toEqual(['batch-1']);
    expect([...jobs.records.values()]).toMatchObject([{ status: 'failed', failure: { code: 'SubmitFailed' } }]);
  });

  it('cancels a running job once, terminating its Batch job, and refuses to cancel a finished one', async () => {
    const job = await service.create('team-a', { source });
    const cancelled = await service.cancel('team-a', job.jobId);
    expect(cancelled.status).toBe('cancelled');
    expect((await service.cancel('team-a', job.jobId)).status).toBe('cancelled');
    expect(batch.terminated).toEqual(['batch-1']);
    const done = await service.create('team-a', { source });
    jobs.records.set(done.jobId, { ...jobs.records.get(done.jobId)!, status: 'succeeded' });
    await expect(service.cancel('team-a', done.jobId)).rejects.toBeInstanceOf(ConflictError);
    await expect(service.get('team-b', done.jobId)).rejects.toMatchObject({ status: 404 });
  });

  it('registers a version when a job that asked for it succeeds', async () => {
    const job = await service.create('team-a', { source, model: 'qwen' });
    jobs.records.set(job.jobId, {
      ...jobs.records.get(job.jobId)!,
      status: 'running',
      artifacts: { modelDataUri: 's3://b/m/', manifestUri: 's3://b/m/manifest.json', imageUri: 'r/i@sha256:1' },
    });
    await service.onBatchJobEnded({ jobName: `modelplane-${job.jobId}`, batchJobId: 'batch-1', status: 'SUCCEEDED', logStreamName: 'packager/default/abc' });
    expect(registered).toEqual([`qwen:${job.jobId}`]);
    const succeeded = await service.get('team-a', job.jobId);
    expect(succeeded).toMatchObject({ status: 'succeeded', version: 3, links: { logs: 'https://logs/packager/default/abc' } });
    expect(succeeded).not.toHaveProperty('phase');
  });

  it('shows phase only while the job is queued or running (the spec: what a running job is doing)', async () => {
    const job = await service.create('team-a', { source });
    jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, status: 'running', phase: 'downloading' });
    expect((await service.get('team-a', job.jobId)).phase).toBe('downloading');
    for (const status of ['succeeded', 'failed', 'cancelled'] as const) {
      jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, status, phase: 'downloading' });
      expect(await service.get('team-a', job.jobId)).not.toHaveProperty('phase');
    }
  });

  it('gives no logs link where there is nowhere to link to (logLink answers undefined, as on the local plane)', async () => {
    const local = new PackagingService({
      store: jobs,
      batch,
      registry: { modelExists: async () => true, registerPackaged: async () => 1 },
      clock: { now: () => now },
      logLink: () => undefined,
      sourceLocations,
    });
    const job = await local.create('team-a', { source });
    jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, status: 'failed', logStream: 'packager/default/abc' });
    expect((await local.get('team-a', job.jobId)).links).toEqual({});
  });

  it("fails with the packager's own reason, or Batch's, when the job fails", async () => {
    const job = await service.create('team-a', { source });
    jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, failure: { code: 'ChecksumMismatch', message: 'model.safetensors: sha256 differs' } });
    await service.onBatchJobEnded({
      jobName: `modelplane-${job.jobId}`,
      batchJobId: 'batch-1',
      status: 'FAILED',
      statusReason: 'Essential container in task exited',
    });
    expect((await service.get('team-a', job.jobId)).failure).toEqual({ code: 'ChecksumMismatch', message: 'model.safetensors: sha256 differs' });
    const other = await service.create('team-a', { source });
    await service.onBatchJobEnded({ jobName: `modelplane-${other.jobId}`, batchJobId: 'batch-2', status: 'FAILED', statusReason: 'Task failed to start' });
    expect((await service.get('team-a', other.jobId)).failure).toEqual({ code: 'PackagerFailed', message: 'Task failed to start' });
  });

  it('fails a succeeded job whose registration fails, and ignores events of cancelled or foreign jobs', async () => {
    registryFails = true;
    const job = await service.create('team-a', { source, model: 'qwen' });
    jobs.records.set(job.jobId, {
      ...jobs.records.get(job.jobId)!,
      artifacts: { modelDataUri: 's3://b/m/', manifestUri: 's3://b/m/manifest.json', imageUri: 'r/i@sha256:1' },
    });
    await service.onBatchJobEnded({ jobName: `modelplane-${job.jobId}`, batchJobId: 'batch-1', status: 'SUCCEEDED' });
    expect((await service.get('team-a', job.jobId)).failure?.code).toBe('RegistrationFailed');
    const cancelled = await service.create('team-a', { source });
    await service.cancel('team-a', cancelled.jobId);
    await service.onBatchJobEnded({ jobName: `modelplane-${cancelled.jobId}`, batchJobId: 'batch-2', status: 'FAILED' });
    expect((await service.get('team-a', cancelled.jobId)).status).toBe('cancelled');
    await expect(service.onBatchJobEnded({ jobName: 'someone-elses-job', batchJobId: 'x', status: 'SUCCEEDED' })).resolves.toBeUndefined();
  });

  describe('sweep', () => {
    const later = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    const artifacts = { modelDataUri: 's3://b/m/', manifestUri: 's3://b/m/manifest.json', imageUri: 'r/i@sha256:1' };
    const running = async (input: Parameters<PackagingService['create']>[1], extra: Partial<JobRecord> = {}) => {
      const job = await service.create('team-a', input);
      jobs.records.set(job.jobId, { ...jobs.records.get(job.jobId)!, status: 'running', ...extra });
      return { jobId: job.jobId, batchJobId: jobs.records.get(job.jobId)!.batchJobId! };
    };

    it('finishes jobs whose state-change event never came, as the event would have', async () => {
      const failed = await running({ source }, { failure: { code: 'DownloadStalled', message: 'no bytes for 60 s' } });
      const packaged = await running({ source, model: 'qwen' }, { artifacts });
      const plain = await running({ source }, { artifacts });
      batch.states.set(failed.batchJobId, {
        jobName: `modelplane-${failed.jobId}`,
        status: 'FAILED',
        statusReason: 'Essential container in task exited',
        logStreamName: 'packager/default/f',
      });
      batch.states.set(packaged.batchJobId, { jobName: `modelplane-${packaged.jobId}`, status: 'SUCCEEDED', logStreamName: 'packager/default/p' });
      batch.states.set(plain.batchJobId, { jobName: `modelplane-${plain.jobId}`, status: 'SUCCEEDED' });
      later(eventGraceMs);

      const swept = await service.sweep();

      expect(swept).toEqual({ active: 3, finished: [failed.jobId, packaged.jobId, plain.jobId], failures: [] });
      expect(await service.get('team-a', failed.jobId)).toMatchObject({
        status: 'failed',
        failure: { code: 'DownloadStalled' },
        links: { logs: 'https://logs/packager/default/f' },
      });
      expect(await service.get('team-a', packaged.jobId)).toMatchObject({ status: 'succeeded', version: 3 });
      expect(registered).toEqual([`qwen:${packaged.jobId}`]);
      expect((await service.get('team-a', plain.jobId)).status).toBe('succeeded');
      // Two records a page: one DescribeJobs call per page.
      expect(batch.described).toEqual([[failed.batchJobId, packaged.batchJobId], [plain.batchJobId]]);
    });

    it('leaves jobs that Batch still runs, and records that changed within the grace period', async () => {
      const busy = await running({ source });
      batch.states.set(busy.batchJobId, { jobName: `modelplane-${busy.jobId}`, status: 'RUNNING' });
      later(eventGraceMs);
      const fresh = await running({ source }, { artifacts, updatedAt: now.toISOString() });
      batch.states.set(fresh.batchJobId, { jobName: `modelplane-${fresh.jobId}`, status: 'SUCCEEDED' });

      expect(await service.sweep()).toEqual({ active: 2, finished: [], failures: [] });
      expect(batch.described).toEqual([[busy.batchJobId]]);
      expect((await service.get('team-a', fresh.jobId)).status).toBe('running');
    });

    it('fails a job Batch has forgotten, and a record whose submit never finished, but only after their grace periods', async () => {
      const forgotten = await running({ source });
      const now0 = now.toISOString();
      jobs.records.set('pj-nosubmit', {
        ...jobs.records.get(forgotten.jobId)!,
        jobId: 'pj-nosubmit',
        status: 'queued',
        batchJobId: undefined,
        createdAt: now0,
        updatedAt: now0,
      });

      later(eventGraceMs);
      expect((await service.sweep()).finished).toEqual([forgotten.jobId]);
      expect((await service.get('team-a', forgotten.jobId)).failure).toEqual({
        code: 'JobLost',
        message: expect.stringContaining(`AWS Batch no longer knows job ${forgotten.batchJobId}`),
      });
      expect((await service.get('team-a', 'pj-nosubmit')).status).toBe('queued');

      later(submitGraceMs - eventGraceMs);
      expect((await service.sweep()).finished).toEqual(['pj-nosubmit']);
      expect((await service.get('team-a', 'pj-nosubmit')).failure).toEqual({
        code: 'SubmitFailed',
        message: expect.stringContaining('never reached AWS Batch'),
      });
    });

    it('reports what it could not look at, changes nothing there, and goes on with the next page', async () => {
      const first = await running({ source }, { artifacts });
      const second = await running({ source }, { artifacts });
      later(eventGraceMs);
      const third = await running({ source }, { artifacts, updatedAt: new Date(0).toISOString() });
      batch.describeFails = true;

      const swept = await service.sweep();
      expect(swept.finished).toEqual([]);
      expect(swept.failures).toEqual(
        [first, second, third].map(({ jobId, batchJobId }) => `${jobId}: AWS Batch could not describe job ${batchJobId}: Rate exceeded`),
      );
      expect(batch.described).toHaveLength(2);
      for (const { jobId } of [first, second, third]) expect((await service.get('team-a', jobId)).status).toBe('running');
    });
  });
});
