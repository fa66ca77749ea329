import type { ModelStore } from '../registry/ports.js';
import type { RegistryService } from '../registry/service.js';
import type { VersionRegistrar } from './ports.js';

/** The registry, seen from packaging: does the model exist, and make a version from a job. */
export class RegistryRegistrar implements VersionRegistrar {
  constructor(
    private readonly store: ModelStore,
    private readonly registry: RegistryService,
  ) {}

  async modelExists(tenant: string, model: string): Promise<boolean> {
    const record = await this.store.getModel(model);
    return record?.tenant === tenant;
  }

  async registerFromJob(tenant: string, model: string, jobId: string): Promise<number> {
    return (await this.registry.createVersion(tenant, model, { packagingJobId: jobId })).version;
  }
}
