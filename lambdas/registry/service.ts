import { findSeries, detectSeries } from '../../core/catalog/series.js';
import { fitsOn, minGpuMemoryGiB } from '../../core/catalog/sizing.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../shared/errors.js';
import { versionModelName } from '../shared/names.js';
import type {
  Approval,
  CreateModelRequest,
  CreateModelVersionRequest,
  ListPage,
  Model,
  ModelVersion,
  UpdateModelRequest,
  UpdateModelVersionRequest,
  VersionFromArtifacts,
} from '../../core/api.js';
import { packagedJob, type PackagedJob } from '../../core/job-record.js';
import { NameTakenError, type Clock } from '../shared/ports.js';
import type { ArtifactInspector, EndpointUsage, ModelRecord, ModelRegistry, ModelStore, PackagingJobs, VersionRecord } from './ports.js';

/** Where a version's weights, image and environment come from, and what we know of their size. */
interface VersionSource {
  modelDataUri: string;
  imageUri: string;
  environment: Record<string, string>;
  series?: string;
  sizing: { parameters?: number; dtype?: string; weightBytes: number };
  packagingJobId?: string;
}

type VersionMetadata = Pick<VersionFromArtifacts, 'description' | 'labels' | 'approval'>;

export interface RegistryDependencies {
  store: ModelStore;
  registry: ModelRegistry;
  endpoints: EndpointUsage;
  artifacts: ArtifactInspector;
  packagingJobs: PackagingJobs;
  clock: Clock;
  /** Only artifacts in this bucket may be registered: it is the one SageMaker's role can read. */
  artifactBucket: string;
}

function modelView(record: ModelRecord): Model {
  return {
    name: record.name,
    ...(record.description === undefined ? {} : { description: record.description }),
    labels: record.labels,
    aliases: record.aliases,
    ...(record.latestVersion === undefined ? {} : { latestVersion: record.latestVersion }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function versionView(record: VersionRecord, approval: Approval, aliases: Record<string, number>): ModelVersion {
  return {
    model: record.model,
    version: record.version,
    modelDataUri: record.modelDataUri,
    imageUri: record.imageUri,
    environment: record.environment,
    ...(record.series === undefined ? {} : { series: record.series }),
    approval,
    ...(record.description === undefined ? {} : { description: record.description }),
    labels: record.labels,
    aliases: Object.entries(aliases)
      .filter(([, version]) => version === record.version)
      .map(([alias]) => alias)
      .sort(),
    sizing: {
      ...record.sizing,
      minGpuMemoryGiB: minGpuMemoryGiB(record.sizing.weightBytes),
      fitsOn: fitsOn(record.sizing.weightBytes),
    },
    source: record.packagingJobId === undefined ? {} : { packagingJobId: record.packagingJobId },
    sagemakerModelName: record.sagemakerModelName,
    modelPackageArn: record.modelPackageArn,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/**
 * The model registry: models (SageMaker model package groups plus our record of owner,
 * labels and aliases) and their immutable versions (a model package and a SageMaker Model
 * each, with uncompressed S3 weights). Tenancy: another tenant's model is a 404.
 */
export class RegistryService {
  constructor(private readonly deps: RegistryDependencies) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The caller's model, or a 404 that does not say whether another tenant has it. */
  private async ownModel(tenant: string, name: string): Promise<ModelRecord> {
    const record = await this.deps.store.getModel(name);
    if (!record || record.tenant !== tenant) throw new NotFoundError(`Model ${name} does not exist.`, 'ModelNotFound');
    return record;
  }

  async createModel(tenant: string, input: CreateModelRequest): Promise<Model> {
    const now = this.now();
    const record: ModelRecord = {
      name: input.name,
      tenant,
      ...(input.description === undefined ? {} : { description: input.description }),
      labels: input.labels ?? {},
      aliases: {},
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.deps.store.createModel(record);
    } catch (error) {
      if (!(error instanceof NameTakenError)) throw error;
      throw error.owner === tenant
        ? new ConflictError('ModelAlreadyExists', `Model ${input.name} already exists.`, { model: input.name })
        : new ConflictError('ModelNameUnavailable', `The name ${input.name} is not available: model names are unique in the account. Choose another name.`);
    }
    try {
      await this.deps.registry.createGroup(input.name, input.description, tenant);
    } catch (error) {
      // Leave nothing behind: without its group the record would be a model that cannot hold versions.
      await this.deps.store.deleteModel(input.name);
      throw error;
    }
    return modelView(record);
  }

  async getModel(tenant: string, name: string): Promise<Model> {
    return modelView(await this.ownModel(tenant, name));
  }

  async listModels(tenant: string, limit: number, nextToken?: string): Promise<ListPage<Model>> {
    const scope = `models:${tenant}`;
    const page = await this.deps.store.listModels(tenant, limit, decodeCursor(scope, nextToken));
    const next = encodeCursor(scope, page.next);
    return { items: page.items.map(modelView), ...(next ? { nextToken: next } : {}) };
  }

  async updateModel(tenant: string, name: string, changes: UpdateModelRequest): Promise<Model> {
    await this.ownModel(tenant, name);
    return modelView(await this.deps.store.updateModel(name, changes, this.now()));
  }

  /** Deletes the model with all its versions; refused while an endpoint serves any of them. */
  async deleteModel(tenant: string, name: string): Promise<void> {
    const record = await this.ownModel(tenant, name);
    const packages = await this.allPackages(name);
    const modelNames = new Set(packages.map((p) => versionModelName(name, p.version)));
    const serving = await this.deps.endpoints.endpointsServing(modelNames);
    if (serving.length > 0) {
      const endpoints = [...new Set(serving.map((s) => s.endpoint))].sort();
      throw new ConflictError('ModelInUse', `Model ${name} is deployed on endpoint(s) ${endpoints.join(', ')}; delete or move those endpoints first.`, {
        endpoints,
      });
    }
    // Versions first, the record last: a failure part-way leaves a model the caller can delete again.
    for (const pkg of packages) await this.removeVersion(name, pkg.version, pkg.arn);
    await this.deps.registry.deleteGroup(name);
    await this.deps.store.deleteModel(record.name);
  }

  private async allPackages(group: string): Promise<{ version: number; arn: string }[]> {
    const all: { version: number; arn: string }[] = [];
    let next: string | undefined;
    do {
      const page = await this.deps.registry.listPackages(group, 100, next);
      all.push(...page.items);
      next = page.next;
    } while (next);
    return all;
  }

  private async removeVersion(model: string, version: number, packageArn: string): Promise<void> {
    await this.deps.registry.deleteModel(versionModelName(model, version));
    await this.deps.registry.deletePackage(packageArn);
    await this.deps.store.deleteVersion(model, version);
  }

  private artifactProblems(modelDataUri: string): FieldError[] {
    const bucket = /^s3:\/\/([^/]+)\//.exec(modelDataUri)?.[1];
    return bucket === this.deps.artifactBucket
      ? []
      : [
          {
            path: '/body/modelDataUri',
            message: `must be in the artifact bucket ${this.deps.artifactBucket} (the only bucket endpoints may read); package weights from elsewhere with a packaging job of source type s3`,
          },
        ];
  }

  /** A version from a request: explicit artifacts, or the result of a succeeded packaging job. */
  async createVersion(tenant: string, model: string, input: CreateModelVersionRequest): Promise<ModelVersion> {
    const record = await this.ownModel(tenant, model);
    const source = 'packagingJobId' in input ? await this.fromPackagingJob(tenant, model, input.packagingJobId) : await this.fromArtifacts(input);
    return this.register(tenant, record, source, input);
  }

  /**
   * A version of what a packaging job just packaged, asked by the packaging area as the job
   * finishes (the job is still `running`, phase `registering`): it hands over the artifacts, so
   * nothing here reads or judges the job's record.
   */
  async createPackagedVersion(tenant: string, model: string, job: PackagedJob): Promise<ModelVersion> {
    const record = await this.ownModel(tenant, model);
    return this.register(tenant, record, await this.packagedSource(job), {});
  }

  private async register(tenant: string, record: ModelRecord, artifact: VersionSource, input: VersionMetadata): Promise<ModelVersion> {
    const model = record.name;
    // Approved by default, as the spec documents: endpoints serve approved versions only.
    const approval = input.approval ?? 'approved';
    const pkg = await this.deps.registry.createPackage({
      group: model,
      imageUri: artifact.imageUri,
      modelDataUri: artifact.modelDataUri,
      environment: artifact.environment,
      approval,
      ...(input.description === undefined ? {} : { description: input.description }),
      tenant,
    });
    const version: VersionRecord = {
      model,
      version: pkg.version,
      modelDataUri: artifact.modelDataUri,
      imageUri: artifact.imageUri,
      environment: artifact.environment,
      ...(artifact.series === undefined ? {} : { series: artifact.series }),
      sizing: artifact.sizing,
      ...(input.description === undefined ? {} : { description: input.description }),
      labels: input.labels ?? {},
      ...(artifact.packagingJobId === undefined ? {} : { packagingJobId: artifact.packagingJobId }),
      sagemakerModelName: versionModelName(model, pkg.version),
      modelPackageArn: pkg.arn,
      createdAt: pkg.createdAt,
      updatedAt: pkg.createdAt,
    };
    try {
      await this.deps.registry.createModel({
        name: version.sagemakerModelName,
        imageUri: version.imageUri,
        modelDataUri: version.modelDataUri,
        environment: version.environment,
        tenant,
        model,
        version: version.version,
      });
      await this.deps.store.putVersion(version);
    } catch (error) {
      // SageMaker models are immutable and versions are numbered by SageMaker: undo the half-made version.
      await this.deps.registry.deleteModel(version.sagemakerModelName).catch(() => undefined);
      await this.deps.registry.deletePackage(pkg.arn).catch(() => undefined);
      throw error;
    }
    if ((record.latestVersion ?? 0) < version.version) {
      await this.deps.store.updateModel(model, { latestVersion: version.version }, this.now());
    }
    return versionView(version, approval, record.aliases);
  }

  private async fromArtifacts(input: VersionFromArtifacts): Promise<VersionSource> {
    const problems = this.artifactProblems(input.modelDataUri);
    if (input.series !== undefined && !findSeries(input.series)) {
      problems.push({ path: '/body/series', message: `is not a known series; GET /v1/series lists them` });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const summary = await this.deps.artifacts.inspect(input.modelDataUri);
    const dtype = [summary.config?.torch_dtype, summary.config?.dtype].find((d): d is string => typeof d === 'string');
    const series = input.series ?? (summary.config ? detectSeries(summary.config)?.name : undefined);
    const parameters = summary.parameters;
    return {
      modelDataUri: input.modelDataUri,
      imageUri: input.imageUri,
      environment: input.environment ?? {},
      ...(series === undefined ? {} : { series }),
      sizing: {
        ...(parameters === undefined ? {} : { parameters }),
        ...(dtype === undefined ? {} : { dtype }),
        weightBytes: summary.weightBytes,
      },
    };
  }

  private async fromPackagingJob(tenant: string, model: string, jobId: string): Promise<VersionSource> {
    const job = await this.deps.packagingJobs.get(jobId);
    if (!job || job.tenant !== tenant) {
      throw new ValidationError([{ path: '/body/packagingJobId', message: `packaging job ${jobId} does not exist` }]);
    }
    const packaged = job.status === 'succeeded' ? packagedJob(job) : undefined;
    if (!packaged) {
      throw new ConflictError(
        'PackagingJobNotSucceeded',
        job.status === 'succeeded'
          ? `Packaging job ${jobId} succeeded without recording its artifacts; package the model again.`
          : `Packaging job ${jobId} is ${job.status}; a version can be made only from a succeeded job.`,
        { jobStatus: job.status },
      );
    }
    if (job.model !== undefined && job.model !== model) {
      throw new ValidationError([{ path: '/body/packagingJobId', message: `packaging job ${jobId} was packaged for model ${job.model}, not ${model}` }]);
    }
    return this.packagedSource(packaged);
  }

  private async packagedSource(job: PackagedJob): Promise<VersionSource> {
    return {
      modelDataUri: job.artifacts.modelDataUri,
      imageUri: job.artifacts.imageUri,
      environment: job.environment,
      ...(job.series === undefined ? {} : { series: job.series }),
      sizing: job.sizing ?? { weightBytes: (await this.deps.artifacts.inspect(job.artifacts.modelDataUri)).weightBytes },
      packagingJobId: job.jobId,
    };
  }

  private async ownVersion(tenant: string, model: string, version: number): Promise<{ model: ModelRecord; version: VersionRecord; approval: Approval }> {
    const record = await this.ownModel(tenant, model);
    const stored = await this.deps.store.getVersion(model, version);
    const pkg = stored && (await this.deps.registry.describePackage(stored.modelPackageArn));
    if (!stored || !pkg) throw new NotFoundError(`Model ${model} has no version ${version}.`, 'VersionNotFound');
    return { model: record, version: stored, approval: pkg.approval };
  }

  async getVersion(tenant: string, model: string, version: number): Promise<ModelVersion> {
    const found = await this.ownVersion(tenant, model, version);
    return versionView(found.version, found.approval, found.model.aliases);
  }

  async listVersions(tenant: string, model: string, limit: number, nextToken?: string): Promise<ListPage<ModelVersion>> {
    const record = await this.ownModel(tenant, model);
    const scope = `versions:${tenant}:${model}`;
    const page = await this.deps.registry.listPackages(model, limit, decodeCursor(scope, nextToken));
    const stored = await this.deps.store.getVersions(
      model,
      page.items.map((p) => p.version),
    );
    const items = page.items.flatMap((pkg) => {
      const version = stored.get(pkg.version);
      // A package without our record is one being created right now (or made outside modelplane): not ours to show.
      return version ? [versionView(version, pkg.approval, record.aliases)] : [];
    });
    const next = encodeCursor(scope, page.next);
    return { items, ...(next ? { nextToken: next } : {}) };
  }

  async updateVersion(tenant: string, model: string, version: number, changes: UpdateModelVersionRequest): Promise<ModelVersion> {
    const found = await this.ownVersion(tenant, model, version);
    if (changes.approval !== undefined && changes.approval !== found.approval) {
      await this.deps.registry.setApproval(found.version.modelPackageArn, changes.approval);
    }
    const metadata = {
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.labels === undefined ? {} : { labels: changes.labels }),
      updatedAt: this.now(),
    };
    await this.deps.store.updateVersion(model, version, metadata);
    return versionView({ ...found.version, ...metadata }, changes.approval ?? found.approval, found.model.aliases);
  }

  async deleteVersion(tenant: string, model: string, version: number): Promise<void> {
    const found = await this.ownVersion(tenant, model, version);
    const aliases = Object.entries(found.model.aliases)
      .filter(([, v]) => v === version)
      .map(([a]) => a)
      .sort();
    if (aliases.length > 0) {
      throw new ConflictError('VersionHasAliases', `Version ${version} of ${model} is aliased as ${aliases.join(', ')}; move or delete the alias first.`, {
        aliases,
      });
    }
    const serving = await this.deps.endpoints.endpointsServing(new Set([found.version.sagemakerModelName]));
    if (serving.length > 0) {
      const endpoints = serving.map((s) => s.endpoint).sort();
      throw new ConflictError(
        'VersionInUse',
        `Version ${version} of ${model} is deployed on endpoint(s) ${endpoints.join(', ')}; move those endpoints to another version first.`,
        { endpoints },
      );
    }
    await this.removeVersion(model, version, found.version.modelPackageArn);
    if (found.model.latestVersion === version) {
      // latestVersion is the highest version that exists: after the newest goes, the next one down (or none).
      const highest = Math.max(0, ...(await this.allPackages(model)).map((p) => p.version));
      await this.deps.store.updateModel(model, { latestVersion: highest > 0 ? highest : null }, this.now());
    }
  }

  async putAlias(tenant: string, model: string, alias: string, version: number): Promise<Model> {
    await this.ownModel(tenant, model);
    const stored = await this.deps.store.getVersion(model, version);
    const pkg = stored && (await this.deps.registry.describePackage(stored.modelPackageArn));
    if (!stored || !pkg) throw new ValidationError([{ path: '/body/version', message: `model ${model} has no version ${version}` }]);
    return modelView(await this.deps.store.setAlias(model, alias, version, this.now()));
  }

  async deleteAlias(tenant: string, model: string, alias: string): Promise<void> {
    const record = await this.ownModel(tenant, model);
    if (record.aliases[alias] === undefined) throw new NotFoundError(`Model ${model} has no alias ${alias}.`, 'AliasNotFound');
    await this.deps.store.setAlias(model, alias, undefined, this.now());
  }
}
