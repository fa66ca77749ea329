import { randomUUID } from 'node:crypto';
import { findSeries } from '../../core/catalog/series.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { ConflictError, NotFoundError, SourceNotAllowedError, UpstreamError, ValidationError, type FieldError } from '../shared/errors.js';
import { TenantTagKey } from '../../core/env-names.js';
import type { Clock } from '../shared/ports.js';
import { PackagerEnv } from '../../core/packager-env.js';
import type { CreatePackagingJobRequest, ListPage, PackagingJob } from '../../core/api.js';
import { activeJobStatuses as active, packagedJob, type JobRecord } from '../../core/job-record.js';
import { admittingLocation, locationUri, sourceUriProblem, type SourceLocation } from '../../core/source-buckets.js';
import type { BatchJobs, BatchJobState, JobStore, VersionRegistrar } from './ports.js';

/** Batch's "Job State Change" event, the part we read. */
export interface BatchJobEvent {
  jobName: string;
  batchJobId: string;
  status: string;
  statusReason?: string;
  logStreamName?: string;
}

const jobNamePrefix = 'modelplane-';

/**
 * How long a job may have ended in Batch, with no word in its record, before the sweep finishes
 * the record itself: the state-change event normally arrives within seconds.
 */
export const eventGraceMs = 10 * 60_000;
/** How long a record may wait for its Batch job id before the sweep calls its submit lost. */
export const submitGraceMs = 15 * 60_000;
/** Batch's job states after which nothing more happens. */
const batchEnded = new Set(['SUCCEEDED', 'FAILED']);

/** What a sweep found and did. */
export interface PackagingSweep {
  /** Queued and running records seen. */
  active: number;
  /** Records the sweep finished: their Batch job had ended, was forgotten, or never existed. */
  finished: string[];
  /** `{jobId}: {why}` for the records it could not look at or finish. */
  failures: string[];
}

export interface PackagingDependencies {
  store: JobStore;
  batch: BatchJobs;
  registry: VersionRegistrar;
  clock: Clock;
  /** Console link to a Batch job's log stream; undefined where there is no console (the local plane). */
  logLink: (logStream: string) => string | undefined;
  /**
   * Where S3 sources may be: the artifact bucket's `uploads/` and the deployment's
   * `sourceBuckets`, exactly what the packaging job role can read (lib/packaging-jobs.ts).
   */
  sourceLocations: readonly SourceLocation[];
}

/**
 * Packaging jobs: create (record + Batch job, answered at once), list, describe, cancel, and
 * completion from Batch's state-change event (final status, failure, and the version it
 * registers). A job never stays non-terminal because of us: a submit that Batch refuses is
 * recorded as failed.
 */
export class PackagingService {
  constructor(private readonly deps: PackagingDependencies) {}

  /**
   * A job as the API shows it: the record without what only we need (owner, Batch id, packager
   * outputs). `phase` says what a live job is doing (the spec), so an ended job shows none; the
   * record keeps the last phase reached, for whoever diagnoses where a failed job stopped.
   */
  private view(record: JobRecord): PackagingJob {
    const { tenant: _tenant, environment: _environment, sizing: _sizing, batchJobId: _batch, logStream, phase, ...rest } = record;
    const logs = logStream ? this.deps.logLink(logStream) : undefined;
    return { ...rest, ...(phase && active.includes(record.status) ? { phase } : {}), links: logs ? { logs } : {} };
  }

  private async own(tenant: string, jobId: string): Promise<JobRecord> {
    const record = await this.deps.store.get(jobId);
    if (!record || record.tenant !== tenant) throw new NotFoundError(`Packaging job ${jobId} does not exist.`, 'PackagingJobNotFound');
    return record;
  }

  async create(tenant: string, input: CreatePackagingJobRequest): Promise<PackagingJob> {
    const register = input.register ?? input.model !== undefined;
    const problems: FieldError[] = [];
    if (register && input.model === undefined) problems.push({ path: '/body/register', message: 'needs model: the model to register the result into' });
    if (input.model !== undefined && !(await this.deps.registry.modelExists(tenant, input.model))) {
      problems.push({ path: '/body/model', message: `model ${input.model} does not exist; create it first (POST /v1/models)` });
    }
    if (input.series !== undefined && !findSeries(input.series))
      problems.push({ path: '/body/series', message: 'is not a known series; GET /v1/series lists them' });
    if (problems.length > 0) throw new ValidationError(problems);
    if (input.source.type === 's3') this.checkSourceAllowed(input.source.uri);

    const now = this.deps.clock.now().toISOString();
    const record: JobRecord = {
      jobId: `pj-${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      tenant,
      status: 'queued',
      progress: { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 },
      source: input.source,
      ...(input.model === undefined ? {} : { model: input.model }),
      ...(input.series === undefined ? {} : { series: input.series }),
      buildImage: input.buildImage ?? true,
      register,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.store.create(record);
    const source = input.source;
    const environment: Record<string, string> = {
      [PackagerEnv.jobId]: record.jobId,
      [PackagerEnv.sourceType]: source.type,
      [PackagerEnv.buildImage]: String(record.buildImage),
      ...(source.type === 'huggingface'
        ? {
            [PackagerEnv.modelId]: source.modelId,
            [PackagerEnv.revision]: source.revision ?? 'main',
            ...(source.tokenSecretArn ? { [PackagerEnv.tokenSecretArn]: source.tokenSecretArn } : {}),
          }
        : { [PackagerEnv.sourceUri]: source.uri }),
      ...(input.series === undefined ? {} : { [PackagerEnv.series]: input.series }),
    };
    let batchJobId: string;
    try {
      batchJobId = await this.deps.batch.submit({
        jobName: `${jobNamePrefix}${record.jobId}`,
        environment,
        tags: { [TenantTagKey]: tenant, 'modelplane:job': record.jobId },
      });
    } catch (error) {
      // Nothing will ever run it: record why, so the job does not wait forever.
      const message = error instanceof Error ? error.message : String(error);
      await this.deps.store.update(
        record.jobId,
        {
          status: 'failed',
          failure: { code: 'SubmitFailed', message: `AWS Batch refused the job: ${message}` },
          updatedAt: this.deps.clock.now().toISOString(),
        },
        active,
      );
      throw new UpstreamError('ServiceUnavailable', `AWS Batch refused packaging job ${record.jobId}; it is recorded as failed. Retry later.`, {
        cause: error,
      });
    }
    try {
      return this.view((await this.deps.store.update(record.jobId, { batchJobId }, active)) ?? record);
    } catch (error) {
      // The caller hears of a failure and will retry: stop the job it will not follow, and fail its
      // record (or, if the table is away too, leave it to the sweep: a record with no Batch job id
      // fails after submitGraceMs).
      await this.deps.batch.terminate(batchJobId, `Its record could not be updated (${record.jobId})`).catch(() => undefined);
      const failure = { code: 'SubmitFailed', message: 'The job reached AWS Batch but its record could not be updated; it was stopped.' };
      await this.deps.store.update(record.jobId, { status: 'failed', failure, updatedAt: this.deps.clock.now().toISOString() }, active).catch(() => undefined);
      throw error;
    }
  }

  /**
   * An S3 source must lie inside a location the job role can read: refused here, at once, with
   * the allowed locations, rather than by an AccessDenied minutes later in the job.
   */
  private checkSourceAllowed(uri: string): void {
    const problem = sourceUriProblem(uri);
    if (problem !== undefined) throw new ValidationError([{ path: '/body/source/uri', message: problem }]);
    if (admittingLocation(uri, this.deps.sourceLocations)) return;
    const allowed = this.deps.sourceLocations.map(locationUri);
    throw new SourceNotAllowedError(
      `Packaging cannot read ${uri}: S3 sources must lie under ${allowed.join(', ')}. Upload the weights there, or add the bucket to the deployment's sourceBuckets.`,
      [{ path: '/body/source/uri', message: `is outside the locations packaging may read (${allowed.join(', ')})` }],
      allowed,
    );
  }

  async get(tenant: string, jobId: string): Promise<PackagingJob> {
    return this.view(await this.own(tenant, jobId));
  }

  async list(tenant: string, limit: number, filters: { status?: JobRecord['status']; model?: string }, nextToken?: string): Promise<ListPage<PackagingJob>> {
    const scope = `jobs:${tenant}:${filters.status ?? ''}:${filters.model ?? ''}`;
    const page = await this.deps.store.list(tenant, limit, filters, decodeCursor(scope, nextToken));
    const next = encodeCursor(scope, page.next);
    return { items: page.items.map((r) => this.view(r)), ...(next ? { nextToken: next } : {}) };
  }

  async cancel(tenant: string, jobId: string): Promise<PackagingJob> {
    const record = await this.own(tenant, jobId);
    if (record.status === 'cancelled') return this.view(record);
    if (!active.includes(record.status)) {
      throw new ConflictError('PackagingJobFinished', `Packaging job ${jobId} already ${record.status}; only a queued or running job can be cancelled.`, {
        currentStatus: record.status,
      });
    }
    const cancelled = await this.deps.store.update(
      jobId,
      { status: 'cancelled', failure: { code: 'Cancelled', message: 'Cancelled by the caller.' }, updatedAt: this.deps.clock.now().toISOString() },
      active,
    );
    if (!cancelled) return this.get(tenant, jobId);
    // The packager aborts its uploads when Batch stops it (SIGTERM), leaving nothing behind.
    if (record.batchJobId) await this.deps.batch.terminate(record.batchJobId, `Cancelled through the API (${jobId})`);
    return this.view(cancelled);
  }

  /**
   * Finishes the records no event will finish: a job whose state-change event was lost (the rule
   * gave up, or the handler kept failing and the event went to the dead-letter queue), a job
   * Batch no longer knows, and a record whose submit never completed. Runs on a schedule; a
   * record that changed within the grace period is left alone.
   */
  async sweep(): Promise<PackagingSweep> {
    const now = this.deps.clock.now().getTime();
    const quietFor = (record: JobRecord, ms: number) => now - Date.parse(record.updatedAt) >= ms;
    const result: PackagingSweep = { active: 0, finished: [], failures: [] };
    const attempt = async (jobId: string, work: () => Promise<boolean>) => {
      try {
        if (await work()) result.finished.push(jobId);
      } catch (error) {
        result.failures.push(`${jobId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const fail = async (record: JobRecord, code: string, message: string) =>
      (await this.deps.store.update(record.jobId, { status: 'failed', failure: { code, message }, updatedAt: this.deps.clock.now().toISOString() }, active)) !==
      undefined;

    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listActive(cursor);
      result.active += page.items.length;
      for (const record of page.items.filter((r) => r.batchJobId === undefined && quietFor(r, submitGraceMs))) {
        await attempt(record.jobId, () =>
          fail(record, 'SubmitFailed', `The job was recorded but never reached AWS Batch: its submit did not finish within ${submitGraceMs / 60_000} minutes.`),
        );
      }
      const waiting = page.items.filter((r) => r.batchJobId !== undefined && quietFor(r, eventGraceMs));
      const states = await this.describeAll(waiting, result);
      for (const record of waiting) {
        if (states === undefined) break;
        const state = states.get(record.batchJobId!);
        if (state === undefined) {
          await attempt(record.jobId, () =>
            fail(record, 'JobLost', `AWS Batch no longer knows job ${record.batchJobId}, and it ended without recording an outcome.`),
          );
        } else if (batchEnded.has(state.status)) {
          await attempt(record.jobId, async () => {
            await this.onBatchJobEnded({
              jobName: state.jobName,
              batchJobId: state.batchJobId,
              status: state.status,
              ...(state.statusReason ? { statusReason: state.statusReason } : {}),
              ...(state.logStreamName ? { logStreamName: state.logStreamName } : {}),
            });
            return true;
          });
        }
      }
      cursor = page.next;
    } while (cursor);
    return result;
  }

  /** Batch's view of the records' jobs by Batch job id, or undefined (and a failure per record) when Batch cannot say. */
  private async describeAll(records: readonly JobRecord[], result: PackagingSweep): Promise<Map<string, BatchJobState> | undefined> {
    if (records.length === 0) return new Map();
    try {
      return new Map((await this.deps.batch.describe(records.map((r) => r.batchJobId!))).map((state) => [state.batchJobId, state]));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.failures.push(...records.map((r) => `${r.jobId}: AWS Batch could not describe job ${r.batchJobId}: ${message}`));
      return undefined;
    }
  }

  /** Batch says the job ended: record the outcome, and register the version when asked. */
  async onBatchJobEnded(event: BatchJobEvent): Promise<void> {
    if (!event.jobName.startsWith(jobNamePrefix)) return;
    const jobId = event.jobName.slice(jobNamePrefix.length);
    const record = await this.deps.store.get(jobId);
    if (!record || !active.includes(record.status)) return;
    const now = () => this.deps.clock.now().toISOString();
    const logs = event.logStreamName ? { logStream: event.logStreamName } : {};
    if (event.status !== 'SUCCEEDED') {
      await this.deps.store.update(
        jobId,
        {
          status: 'failed',
          failure: record.failure ?? { code: 'PackagerFailed', message: event.statusReason ?? 'The packaging job failed without a reason.' },
          ...logs,
          updatedAt: now(),
        },
        active,
      );
      return;
    }
    const packaged = packagedJob(record);
    if (!packaged) {
      await this.deps.store.update(
        jobId,
        { status: 'failed', failure: { code: 'NoArtifacts', message: 'The packager ended without recording its artifacts.' }, ...logs, updatedAt: now() },
        active,
      );
      return;
    }
    if (!(record.register && record.model)) {
      await this.deps.store.update(jobId, { status: 'succeeded', ...logs, updatedAt: now() }, active);
      return;
    }
    // Running, phase registering, until the version exists: a caller who sees `succeeded` sees its version too.
    await this.deps.store.update(jobId, { status: 'running', phase: 'registering', ...logs, updatedAt: now() }, active);
    try {
      const version = await this.deps.registry.registerPackaged(record.tenant, record.model, packaged);
      await this.deps.store.update(jobId, { status: 'succeeded', version, updatedAt: now() }, active);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.deps.store.update(
        jobId,
        {
          status: 'failed',
          failure: { code: 'RegistrationFailed', message: `Packaged, but registering a version of ${record.model} failed: ${message}` },
          updatedAt: now(),
        },
        active,
      );
    }
  }
}
