import { fitsOn, minGpuMemoryGiB } from '../../core/catalog/sizing.js';
import { versionModelName } from '../shared/names.js';
import type { ModelRegistry, ModelStore } from '../registry/ports.js';
import type { ServableVersion, Versions } from './ports.js';

/** The registry, seen from the endpoints area: resolve a version or alias of a tenant's model, sized. */
export class RegistryVersions implements Versions {
  constructor(
    private readonly store: ModelStore,
    private readonly registry: ModelRegistry,
  ) {}

  async resolve(
    tenant: string,
    model: string,
    ref: { version?: number; alias?: string },
  ): Promise<ServableVersion | { missing: 'model' | 'version' | 'alias' }> {
    const record = await this.store.getModel(model);
    if (!record || record.tenant !== tenant) return { missing: 'model' };
    const number = ref.alias !== undefined ? record.aliases[ref.alias] : ref.version;
    if (number === undefined) return { missing: ref.alias !== undefined ? 'alias' : 'version' };
    const version = await this.store.getVersion(model, number);
    const pkg = version && (await this.registry.describePackage(version.modelPackageArn));
    if (!version || !pkg) return { missing: 'version' };
    return {
      model,
      version: number,
      approval: pkg.approval,
      sagemakerModelName: version.sagemakerModelName,
      weightBytes: version.sizing.weightBytes,
      minGpuMemoryGiB: minGpuMemoryGiB(version.sizing.weightBytes),
      fitsOn: fitsOn(version.sizing.weightBytes),
    };
  }

  versionOf(model: string, sagemakerModelName: string): number | undefined {
    const prefix = versionModelName(model, 0).slice(0, -1);
    if (!sagemakerModelName.startsWith(prefix)) return undefined;
    const version = Number(sagemakerModelName.slice(prefix.length));
    return Number.isInteger(version) && version > 0 ? version : undefined;
  }
}
