import { isDeepStrictEqual } from 'node:util';
import type { Autoscaling, UpdateEndpointRequest } from '../../core/api.js';
import { findInstanceType } from '../../core/catalog/instance-types.js';
import { TenantTagKey } from '../../core/env-names.js';
import type { FieldError } from '../shared/errors.js';
import type { ConfigSpec, EndpointRecord, ServableVersion } from './ports.js';
import { alarmNames, defaultDeployment, endpointConfigName, scalingProblems, timeoutsFor } from './rules.js';

/** Every problem with serving `version` on `instanceType`, at `base` in the request. */
export function servingProblems(version: ServableVersion, instanceType: string, base: string, versionField: string): FieldError[] {
  const problems: FieldError[] = [];
  if (version.approval !== 'approved') {
    problems.push({
      path: `${base}/${versionField}`,
      message: `version ${version.version} of ${version.model} is ${version.approval}; only approved versions are served`,
    });
  }
  const type = findInstanceType(instanceType);
  if (!type) {
    problems.push({
      path: `${base}/instanceType`,
      message: `${instanceType} is not a GPU instance type this deployment serves on; GET /v1/instance-types lists them`,
    });
  } else if (!version.fitsOn.includes(instanceType)) {
    const fits = version.fitsOn.slice(0, 6);
    problems.push({
      path: `${base}/instanceType`,
      message:
        `version ${version.version} of ${version.model} needs ${version.minGpuMemoryGiB} GiB of GPU memory; ${instanceType} has ${type.gpuMemoryGiB} GiB. ` +
        (fits.length === 0
          ? 'No instance type in the catalog is large enough.'
          : `It fits on ${fits.join(', ')}${version.fitsOn.length > fits.length ? ` and ${version.fitsOn.length - fits.length} larger types` : ''}.`),
    });
  }
  return problems;
}

export function missingProblem(missing: 'model' | 'version' | 'alias', base: string, input: { model: string; version?: number; alias?: string }): FieldError {
  switch (missing) {
    case 'model':
      return { path: `${base}/model`, message: `model ${input.model} does not exist` };
    case 'version':
      return { path: `${base}/version`, message: `model ${input.model} has no version ${input.version}` };
    case 'alias':
      return { path: `${base}/alias`, message: `model ${input.model} has no alias ${input.alias}` };
  }
}

/** The one endpoint config builder, for create and for every rollout: the version on a fleet, with its tags. */
export function configSpec(
  endpoint: string,
  tenant: string,
  model: string,
  version: ServableVersion,
  fleet: { instanceType: string; instanceCount: number },
  now: Date,
): ConfigSpec {
  return {
    name: endpointConfigName(endpoint, now),
    modelName: version.sagemakerModelName,
    instanceType: fleet.instanceType,
    instanceCount: fleet.instanceCount,
    ...timeoutsFor(version.weightBytes),
    tags: { [TenantTagKey]: tenant, 'modelplane:model': model, 'modelplane:version': String(version.version) },
  };
}

/** What the endpoint runs now, from SageMaker's state and its current config. */
export interface CurrentFleet {
  version: number | undefined;
  instanceType: string;
  instanceCount: number;
}

/**
 * What an accepted update does, decided before anything changes:
 * - `rollout`: a new endpoint config (another instance type or version) through UpdateEndpoint
 *   with the deployment policy; an autoscaled variant changing type is deregistered first and
 *   its autoscaling re-applied once in service (`next.pendingAutoscaling`).
 * - `inPlace`: the same fleet, resized with UpdateEndpointWeightsAndCapacities and/or autoscaling
 *   set or removed, no new instances.
 * - `unchanged`: the endpoint already is what the request asks; nothing to call or store.
 * `next` is the endpoint record the change stores: it is written (conditionally) before the
 * change is made, so of two concurrent changes only the one whose record landed is made.
 */
export type UpdatePlan =
  | { kind: 'rollout'; next: EndpointRecord; config: ConfigSpec; deregisterScaling: boolean }
  | { kind: 'inPlace'; next: EndpointRecord; instanceCount?: number; autoscaling?: Autoscaling | null }
  | { kind: 'unchanged'; next: EndpointRecord };

/** Plans an update of `record` from `current` to what `input` asks, or says every problem with it. */
export function planUpdate(
  record: EndpointRecord,
  current: CurrentFleet,
  target: ServableVersion | { missing: 'model' | 'version' | 'alias' },
  input: UpdateEndpointRequest,
  now: Date,
): { plan: UpdatePlan } | { problems: FieldError[] } {
  const instanceType = input.instanceType ?? current.instanceType;
  const instanceCount = input.instanceCount ?? current.instanceCount;
  const autoscaling =
    input.autoscaling === undefined ? (record.pendingAutoscaling === undefined ? record.autoscaling : record.pendingAutoscaling) : input.autoscaling;
  const problems: FieldError[] = [];
  if ('missing' in target) {
    const ref = input.version !== undefined || input.alias !== undefined ? input : { version: current.version };
    problems.push(missingProblem(target.missing === 'model' ? 'version' : target.missing, '/body', { model: record.model, ...ref }));
  }
  const typeChanged = instanceType !== current.instanceType;
  const versionChanged = !('missing' in target) && target.version !== current.version;
  if (!('missing' in target) && (typeChanged || versionChanged))
    problems.push(...servingProblems(target, instanceType, '/body', input.alias ? 'alias' : 'version'));
  problems.push(
    ...scalingProblems({ instanceType, instanceCount, ...(autoscaling ? { autoscaling } : {}), ...(input.deployment ? { deployment: input.deployment } : {}) }),
  );
  if (problems.length > 0 || 'missing' in target) return { problems };

  const next: EndpointRecord = { ...record, updatedAt: now.toISOString() };
  if (input.deployment) next.deployment = input.deployment;
  if (input.alias !== undefined) next.alias = input.alias;
  else if (input.version !== undefined) delete next.alias;

  if (typeChanged || versionChanged) {
    // An autoscaled variant cannot change instance type: deregister, update, re-register when in service
    // (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-delete.html).
    // Autoscaling still pending may already be registered (a reconcile that applied it can lose the
    // record write to a concurrent change), so a pending setting counts too; removing a target that
    // is not there is a no-op. (Found by the fuzz suite: SageMaker refused the type change, a 500.)
    const deregisterScaling =
      typeChanged && (record.autoscaling !== undefined || (record.pendingAutoscaling !== undefined && record.pendingAutoscaling !== null));
    if (deregisterScaling || input.autoscaling !== undefined) next.pendingAutoscaling = autoscaling ?? null;
    const config = configSpec(record.name, record.tenant, record.model, target, { instanceType, instanceCount }, now);
    next.configs = [...record.configs, config.name];
    // The rollback alarms are named by the endpoint: the record names them before they are made.
    if (next.deployment?.rollbackOnAlarms ?? defaultDeployment.rollbackOnAlarms)
      next.alarms = [...new Set([...record.alarms, ...Object.values(alarmNames(record.name))])];
    return { plan: { kind: 'rollout', next, config, deregisterScaling } };
  }
  if (input.autoscaling !== undefined) {
    delete next.pendingAutoscaling;
    if (input.autoscaling === null) delete next.autoscaling;
    else next.autoscaling = input.autoscaling;
  }
  if (instanceCount === current.instanceCount && input.autoscaling === undefined && isDeepStrictEqual({ ...next, updatedAt: record.updatedAt }, record)) {
    return { plan: { kind: 'unchanged', next: record } };
  }
  return {
    plan: {
      kind: 'inPlace',
      next,
      ...(instanceCount === current.instanceCount ? {} : { instanceCount }),
      ...(input.autoscaling === undefined ? {} : { autoscaling: input.autoscaling }),
    },
  };
}
