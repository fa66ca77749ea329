import type { Approval } from '../../../../core/api.js';
import type { JobRecord } from '../../../../core/job-record.js';
import type {
  ArtifactInspector,
  ArtifactSummary,
  EndpointUsage,
  ModelChanges,
  ModelRecord,
  ModelRegistry,
  ModelStore,
  NewPackage,
  NewSageMakerModel,
  PackageSummary,
  PackagingJobs,
  VersionRecord,
} from '../../../../lambdas/registry/ports.js';
import { RegistryService } from '../../../../lambdas/registry/service.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../../lambdas/shared/errors.js';
import { NameTakenError, type Clock, type Page } from '../../../../lambdas/shared/ports.js';

/**
 * In-memory fakes of the registry service's ports, behaving as the gateways do
 * (dynamo-model-store.ts, sagemaker-registry.ts, s3-artifacts.ts): what each holds is public
 * so tests can assert that nothing was left behind. `failNext` makes one call of a port fail.
 */

const versionKey = (model: string, version: number) => `${model}#${version}`;

/** Records which port methods were called, in order, as `port.method`. */
export type CallLog = string[];

/** Model and version records, as DynamoModelStore keeps them: names unique across tenants, listed per tenant by name. */
export class MemoryModelStore implements ModelStore {
  readonly models = new Map<string, ModelRecord>();
  readonly versions = new Map<string, VersionRecord>();
  readonly failNext = new Map<keyof ModelStore, Error>();

  constructor(private readonly calls: CallLog = []) {}

  private enter(method: keyof ModelStore): void {
    this.calls.push(`store.${method}`);
    const failure = this.failNext.get(method);
    if (failure) {
      this.failNext.delete(method);
      throw failure;
    }
  }

  private existing(name: string): ModelRecord {
    const record = this.models.get(name);
    if (!record) throw new NotFoundError('The record was deleted meanwhile.');
    return record;
  }

  async createModel(record: ModelRecord): Promise<void> {
    this.enter('createModel');
    const taken = this.models.get(record.name);
    if (taken) throw new NameTakenError(taken.tenant);
    this.models.set(record.name, structuredClone(record));
  }

  async getModel(name: string): Promise<ModelRecord | undefined> {
    this.enter('getModel');
    const record = this.models.get(name);
    return record && structuredClone(record);
  }

  /** By name within the tenant; the cursor is the last name of the page, as the GSI's key is. */
  async listModels(tenant: string, limit: number, cursor?: string): Promise<Page<ModelRecord>> {
    this.enter('listModels');
    const all = [...this.models.values()].filter((m) => m.tenant === tenant).sort((a, b) => a.name.localeCompare(b.name));
    const rest = cursor === undefined ? all : all.filter((m) => m.name > cursor);
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    return { items: structuredClone(items), ...(rest.length > limit && last ? { next: last.name } : {}) };
  }

  async updateModel(name: string, changes: ModelChanges, updatedAt: string): Promise<ModelRecord> {
    this.enter('updateModel');
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null));
    const next: ModelRecord = { ...this.existing(name), ...defined, updatedAt };
    if (changes.latestVersion === null) delete next.latestVersion;
    this.models.set(name, next);
    return structuredClone(next);
  }

  async setAlias(name: string, alias: string, version: number | undefined, updatedAt: string): Promise<ModelRecord> {
    this.enter('setAlias');
    const record = this.existing(name);
    const aliases = { ...record.aliases };
    if (version === undefined) delete aliases[alias];
    else aliases[alias] = version;
    const next = { ...record, aliases, updatedAt };
    this.models.set(name, next);
    return structuredClone(next);
  }

  async deleteModel(name: string): Promise<void> {
    this.enter('deleteModel');
    this.models.delete(name);
  }

  async putVersion(record: VersionRecord): Promise<void> {
    this.enter('putVersion');
    this.versions.set(versionKey(record.model, record.version), structuredClone(record));
  }

  async getVersion(model: string, version: number): Promise<VersionRecord | undefined> {
    this.enter('getVersion');
    const record = this.versions.get(versionKey(model, version));
    return record && structuredClone(record);
  }

  async getVersions(model: string, versions: readonly number[]): Promise<Map<number, VersionRecord>> {
    this.enter('getVersions');
    const found = new Map<number, VersionRecord>();
    for (const version of versions) {
      const record = this.versions.get(versionKey(model, version));
      if (record) found.set(version, structuredClone(record));
    }
    return found;
  }

  async updateVersion(model: string, version: number, changes: Partial<Pick<VersionRecord, 'description' | 'labels' | 'updatedAt'>>): Promise<void> {
    this.enter('updateVersion');
    const key = versionKey(model, version);
    const record = this.versions.get(key);
    if (!record) throw new NotFoundError('The record was deleted meanwhile.');
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.versions.set(key, { ...record, ...defined });
  }

  async deleteVersion(model: string, version: number): Promise<void> {
    this.enter('deleteVersion');
    this.versions.delete(versionKey(model, version));
  }

  /** The versions this store holds for a model, ascending. */
  versionsOf(model: string): number[] {
    return [...this.versions.values()]
      .filter((v) => v.model === model)
      .map((v) => v.version)
      .sort((a, b) => a - b);
  }
}

export interface StoredPackage extends PackageSummary {
  input: NewPackage;
}

/**
 * SageMaker's Model Registry and Models: groups, packages numbered per group from 1 and never
 * reused (as the emulator's model_package_versions patch does), listed newest first, at most
 * `pageCap` a page whatever the limit; deletes of what is gone are no-ops, as the gateway's are.
 */
export class MemoryModelRegistry implements ModelRegistry {
  readonly groups = new Map<string, { description?: string; tenant: string }>();
  readonly packages = new Map<string, StoredPackage>();
  readonly models = new Map<string, NewSageMakerModel>();
  readonly approvals: { arn: string; approval: Approval }[] = [];
  readonly failNext = new Map<keyof ModelRegistry, Error>();
  pageCap = Number.POSITIVE_INFINITY;
  private readonly counters = new Map<string, number>();
  private created = 0;

  constructor(private readonly calls: CallLog = []) {}

  private enter(method: keyof ModelRegistry): void {
    this.calls.push(`registry.${method}`);
    const failure = this.failNext.get(method);
    if (failure) {
      this.failNext.delete(method);
      throw failure;
    }
  }

  async createGroup(name: string, description: string | undefined, tenant: string): Promise<void> {
    this.enter('createGroup');
    if (this.groups.has(name)) throw new ConflictError('ModelNameUnavailable', `a SageMaker model package group ${name} already exists`);
    this.groups.set(name, { ...(description === undefined ? {} : { description }), tenant });
  }

  async deleteGroup(name: string): Promise<void> {
    this.enter('deleteGroup');
    if ([...this.packages.values()].some((p) => p.input.group === name)) throw new Error(`group ${name} still has packages`);
    this.groups.delete(name);
  }

  async createPackage(input: NewPackage): Promise<PackageSummary> {
    this.enter('createPackage');
    if (!this.groups.has(input.group)) throw new Error(`no group ${input.group}`);
    const version = (this.counters.get(input.group) ?? 0) + 1;
    this.counters.set(input.group, version);
    const arn = `sagemaker-arn:model-package/${input.group}/${version}`;
    // One second apart, so creation times order the packages as SageMaker's do.
    const createdAt = new Date(Date.UTC(2026, 10, 1, 0, 0, this.created++)).toISOString();
    const summary = { version, arn, approval: input.approval, createdAt };
    this.packages.set(arn, { ...summary, input: structuredClone(input) });
    return { ...summary };
  }

  async describePackage(arn: string): Promise<PackageSummary | undefined> {
    this.enter('describePackage');
    const found = this.packages.get(arn);
    return found && { version: found.version, arn: found.arn, approval: found.approval, createdAt: found.createdAt };
  }

  /** Newest first; the continuation is the offset of the next page. */
  async listPackages(group: string, limit: number, next?: string): Promise<Page<PackageSummary>> {
    this.enter('listPackages');
    const all = [...this.packages.values()].filter((p) => p.input.group === group).sort((a, b) => b.version - a.version);
    const start = next === undefined ? 0 : Number(next);
    const end = start + Math.min(limit, this.pageCap);
    const items = all.slice(start, end).map(({ version, arn, approval, createdAt }) => ({ version, arn, approval, createdAt }));
    return { items, ...(end < all.length ? { next: String(end) } : {}) };
  }

  async setApproval(arn: string, approval: Approval): Promise<void> {
    this.enter('setApproval');
    const found = this.packages.get(arn);
    if (!found) throw new Error(`no package ${arn}`);
    found.approval = approval;
    this.approvals.push({ arn, approval });
  }

  async deletePackage(arn: string): Promise<void> {
    this.enter('deletePackage');
    this.packages.delete(arn);
  }

  async createModel(input: NewSageMakerModel): Promise<void> {
    this.enter('createModel');
    if (this.models.has(input.name)) throw new Error(`model ${input.name} exists`);
    this.models.set(input.name, structuredClone(input));
  }

  async deleteModel(name: string): Promise<void> {
    this.enter('deleteModel');
    this.models.delete(name);
  }

  /** Package versions of a group, ascending. */
  versionsOf(group: string): number[] {
    return [...this.packages.values()]
      .filter((p) => p.input.group === group)
      .map((p) => p.version)
      .sort((a, b) => a - b);
  }
}

/** Which endpoints serve which SageMaker Models: set `serving` to put a model on an endpoint. */
export class FakeEndpointUsage implements EndpointUsage {
  serving: { endpoint: string; modelName: string }[] = [];
  readonly asked: string[][] = [];

  async endpointsServing(modelNames: ReadonlySet<string>): Promise<{ endpoint: string; modelName: string }[]> {
    this.asked.push([...modelNames].sort());
    return this.serving.filter((s) => modelNames.has(s.modelName));
  }
}

/** What S3 prefixes hold; a prefix not set here is empty, which S3ArtifactInspector refuses with a 400. */
export class FakeArtifactInspector implements ArtifactInspector {
  readonly prefixes = new Map<string, ArtifactSummary>();
  readonly inspected: string[] = [];

  async inspect(modelDataUri: string): Promise<ArtifactSummary> {
    this.inspected.push(modelDataUri);
    const summary = this.prefixes.get(modelDataUri);
    if (!summary) throw new ValidationError([{ path: '/body/modelDataUri', message: `holds no files` }]);
    return structuredClone(summary);
  }
}

/** Packaging job records by id; `reads` lists every id asked for. */
export class FakePackagingJobs implements PackagingJobs {
  readonly records = new Map<string, JobRecord>();
  readonly reads: string[] = [];

  async get(jobId: string): Promise<JobRecord | undefined> {
    this.reads.push(jobId);
    const record = this.records.get(jobId);
    return record && structuredClone(record);
  }
}

/** A clock that stands still until a test moves it. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export const artifactBucket = 'modelplane-artifacts-test';
export const startTime = '2026-11-23T00:00:00.000Z';

/** A RegistryService on fresh fakes, with the fakes for assertions. */
export function registryHarness() {
  const calls: CallLog = [];
  const store = new MemoryModelStore(calls);
  const registry = new MemoryModelRegistry(calls);
  const endpoints = new FakeEndpointUsage();
  const artifacts = new FakeArtifactInspector();
  const packagingJobs = new FakePackagingJobs();
  const clock = new FixedClock(new Date(startTime));
  const service = new RegistryService({ store, registry, endpoints, artifacts, packagingJobs, clock, artifactBucket });
  return { service, store, registry, endpoints, artifacts, packagingJobs, clock, calls };
}

export type RegistryHarness = ReturnType<typeof registryHarness>;
