import type { PackagingJobPhase, PackagingJobStatus, PackagingProgress, PackagingSource } from './api.js';
import { TableKeys } from './env-names.js';

export type JobStatus = PackagingJobStatus;
export type JobPhase = PackagingJobPhase;
export type JobSource = PackagingSource;
export type JobProgress = PackagingProgress;

/** What a packaging job made: the weights (an S3 prefix), its manifest and, when built, the serving image. */
export interface JobArtifacts {
  modelDataUri: string;
  manifestUri: string;
  imageUri: string;
}

/** Sizing facts the packager read from the weights. */
export interface JobSizing {
  parameters?: number;
  dtype?: string;
  weightBytes: number;
}

/**
 * A packaging job's record (DynamoDB, `JOB#{jobId}`), owned by the packaging area: written at
 * create, updated by the packager as it runs (phase, progress, artifacts, failure) and finished
 * by the Batch state-change event. `jobId` is ours; `batchJobId` is AWS Batch's.
 */
export interface JobRecord {
  jobId: string;
  tenant: string;
  status: JobStatus;
  phase?: JobPhase;
  progress: JobProgress;
  source: JobSource;
  resolvedRevision?: string;
  series?: string;
  model?: string;
  version?: number;
  buildImage: boolean;
  register: boolean;
  artifacts?: JobArtifacts;
  environment?: Record<string, string>;
  sizing?: JobSizing;
  failure?: { code: string; message: string };
  batchJobId?: string;
  logStream?: string;
  createdAt: string;
  updatedAt: string;
}

/** A job the packager finished: what the registry needs to make a version of it. */
export interface PackagedJob {
  jobId: string;
  artifacts: JobArtifacts;
  environment: Record<string, string>;
  series?: string;
  sizing?: JobSizing;
}

/** The packaged result of a record, or undefined while (or when) it has none. */
export function packagedJob(record: JobRecord): PackagedJob | undefined {
  if (!record.artifacts) return undefined;
  return {
    jobId: record.jobId,
    artifacts: record.artifacts,
    environment: record.environment ?? {},
    ...(record.series === undefined ? {} : { series: record.series }),
    ...(record.sizing === undefined ? {} : { sizing: record.sizing }),
  };
}

/** Queued and running jobs may still change; the others are final. */
export const activeJobStatuses: readonly JobStatus[] = ['queued', 'running'];

/** The key of a packaging job's record on the single table. */
export const packagingJobKey = (jobId: string) => ({ [TableKeys.partitionKey]: `JOB#${jobId}`, [TableKeys.sortKey]: 'JOB' });
