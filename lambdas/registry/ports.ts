import type { Approval } from '../../core/api.js';
import type { JobRecord } from '../../core/job-record.js';
import type { Page } from '../shared/ports.js';

/**
 * The narrow ports the registry service depends on. Gateways (sagemaker-registry.ts,
 * dynamo-model-store.ts, s3-artifacts.ts) implement them with AWS SDK clients; tests may
 * implement them with fakes.
 */

/** What only we know about a model: owner, description, labels, aliases. */
export interface ModelRecord {
  name: string;
  tenant: string;
  description?: string;
  labels: Record<string, string>;
  aliases: Record<string, number>;
  latestVersion?: number;
  createdAt: string;
  updatedAt: string;
}

/** What we keep about a version beside SageMaker's package: the immutable artifact and our metadata. */
export interface VersionRecord {
  model: string;
  version: number;
  modelDataUri: string;
  imageUri: string;
  environment: Record<string, string>;
  series?: string;
  sizing: { parameters?: number; dtype?: string; weightBytes: number };
  description?: string;
  labels: Record<string, string>;
  packagingJobId?: string;
  sagemakerModelName: string;
  modelPackageArn: string;
  createdAt: string;
  updatedAt: string;
}

/** What may change on a model record. */
export type ModelChanges = Partial<Pick<ModelRecord, 'description' | 'labels' | 'aliases'>> & { latestVersion?: number | null };

export interface ModelStore {
  /** Creates the record; throws NameTakenError carrying the owner when the name exists. */
  createModel(record: ModelRecord): Promise<void>;
  getModel(name: string): Promise<ModelRecord | undefined>;
  listModels(tenant: string, limit: number, cursor?: string): Promise<Page<ModelRecord>>;
  /** Writes the changed fields and bumps updatedAt; `latestVersion: null` removes it (the model has no version left). */
  updateModel(name: string, changes: ModelChanges, updatedAt: string): Promise<ModelRecord>;
  /** Sets or removes one alias atomically (version undefined removes it). */
  setAlias(name: string, alias: string, version: number | undefined, updatedAt: string): Promise<ModelRecord>;
  deleteModel(name: string): Promise<void>;
  putVersion(record: VersionRecord): Promise<void>;
  getVersion(model: string, version: number): Promise<VersionRecord | undefined>;
  getVersions(model: string, versions: readonly number[]): Promise<Map<number, VersionRecord>>;
  updateVersion(model: string, version: number, changes: Partial<Pick<VersionRecord, 'description' | 'labels' | 'updatedAt'>>): Promise<void>;
  deleteVersion(model: string, version: number): Promise<void>;
}

export interface PackageSummary {
  version: number;
  arn: string;
  approval: Approval;
  createdAt: string;
}

export interface NewPackage {
  group: string;
  imageUri: string;
  modelDataUri: string;
  environment: Record<string, string>;
  approval: Approval;
  description?: string;
  tenant: string;
}

export interface NewSageMakerModel {
  name: string;
  imageUri: string;
  modelDataUri: string;
  environment: Record<string, string>;
  tenant: string;
  model: string;
  version: number;
}

/** SageMaker Model Registry (groups, packages) and SageMaker Models. */
export interface ModelRegistry {
  createGroup(name: string, description: string | undefined, tenant: string): Promise<void>;
  deleteGroup(name: string): Promise<void>;
  createPackage(input: NewPackage): Promise<PackageSummary>;
  /** Versioned packages are addressed by the ARN CreateModelPackage returned (kept in the version record). */
  describePackage(arn: string): Promise<PackageSummary | undefined>;
  listPackages(group: string, limit: number, next?: string): Promise<Page<PackageSummary>>;
  setApproval(arn: string, approval: Approval): Promise<void>;
  deletePackage(arn: string): Promise<void>;
  createModel(input: NewSageMakerModel): Promise<void>;
  deleteModel(name: string): Promise<void>;
}

/** Which endpoints serve which SageMaker Models (endpoints are the source of truth). */
export interface EndpointUsage {
  /** Endpoint names whose current config serves any of the given SageMaker Model names. */
  endpointsServing(modelNames: ReadonlySet<string>): Promise<{ endpoint: string; modelName: string }[]>;
}

export interface ArtifactSummary {
  weightBytes: number;
  fileCount: number;
  /** config.json, when the prefix has one. */
  config?: { model_type?: unknown; architectures?: unknown; torch_dtype?: unknown; dtype?: unknown };
  /** Parameter count from the safetensors headers, when the weights are safetensors. */
  parameters?: number;
}

/** Reads what an S3 prefix holds. Throws ValidationError when it is unreadable or empty. */
export interface ArtifactInspector {
  inspect(modelDataUri: string): Promise<ArtifactSummary>;
}

/** Packaging job records (owned by the packaging area), read when a caller makes a version from a job. */
export interface PackagingJobs {
  get(jobId: string): Promise<JobRecord | undefined>;
}
