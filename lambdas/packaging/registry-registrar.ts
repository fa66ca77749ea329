import type { PackagedJob } from '../../core/job-record.js';
import type { ModelStore } from '../registry/ports.js';
import type { RegistryService } from '../registry/service.js';
import type { VersionRegistrar } from './ports.js';

/** The registry, seen from packaging: does the model exist, and make a version of what a job packaged. */
export class RegistryRegistrar implements VersionRegistrar {
  constructor(
    private readonly store: ModelStore,
    private readonly registry: RegistryService,
  ) {}

  async modelExists(tenant: string, model: string): Promise<boolean> {
    const record = await this.store.getModel(model);
    return record?.tenant === tenant;
  }

  async registerPackaged(tenant: string, model: string, job: PackagedJob): Promise<number> {
    return (await this.registry.createPackagedVersion(tenant, model, job)).version;
  }
}
