import type { JobRecord, JobStatus, PackagedJob } from '../../core/job-record.js';

export interface JobStore {
  create(record: JobRecord): Promise<void>;
  get(jobId: string): Promise<JobRecord | undefined>;
  list(tenant: string, limit: number, filters: { status?: JobStatus; model?: string }, cursor?: string): Promise<{ items: JobRecord[]; next?: string }>;
  /**
   * Changes fields only while the job is in one of `whileStatus` (a finished job never moves
   * again); answers the record after, or undefined when the condition failed.
   */
  update(jobId: string, changes: Partial<JobRecord>, whileStatus: readonly JobStatus[]): Promise<JobRecord | undefined>;
  /** Queued and running jobs of every tenant, a page at a time (for the sweep, off the request path). */
  listActive(cursor?: string): Promise<{ items: JobRecord[]; next?: string }>;
}

export interface BatchSubmission {
  jobName: string;
  environment: Record<string, string>;
  tags: Record<string, string>;
}

/** A job as AWS Batch describes it now. */
export interface BatchJobState {
  batchJobId: string;
  jobName: string;
  /** SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED. */
  status: string;
  statusReason?: string;
  logStreamName?: string;
}

/** AWS Batch, where the packager runs. */
export interface BatchJobs {
  submit(job: BatchSubmission): Promise<string>;
  terminate(batchJobId: string, reason: string): Promise<void>;
  /** The jobs Batch still knows among these ids (it forgets ended jobs after some days); any number of ids. */
  describe(batchJobIds: readonly string[]): Promise<BatchJobState[]>;
}

/** The registry, for jobs that register their result as a version. */
export interface VersionRegistrar {
  modelExists(tenant: string, model: string): Promise<boolean>;
  /** Makes a version of `model` from what a finished job packaged; answers the version number. */
  registerPackaged(tenant: string, model: string, job: PackagedJob): Promise<number>;
}
