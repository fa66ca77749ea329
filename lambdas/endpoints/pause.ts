import type { Autoscaling, CreateEndpointRequest, Endpoint, UpdateEndpointRequest } from '../../core/api.js';
import { endpointLogGroup, logGroupUrl } from '../shared/console-links.js';
import { ConflictError, type FieldError } from '../shared/errors.js';
import { planCreate, planUpdate, primaryOf, shadowWeight, type CurrentFleet, type Resolved, type WantedFleet } from './plan.js';
import type { ConfigSpec, EndpointRecord, EndpointState, PausedFleet } from './ports.js';
import { idlePauseView } from './idle.js';
import { scheduleView } from './schedules.js';
import { isBusy, toEndpointStatus } from './status.js';

/**
 * Pause and resume, decided before anything changes. A paused endpoint has no SageMaker
 * endpoint, endpoint config, autoscaling target or alarm (nothing runs, nothing is billed);
 * its record keeps what it ran (`paused`: every variant's version, instance type, count and
 * weight, and the shadow) with its autoscaling and deployment settings, and resume recreates it
 * from that through the same planner and config builder as create.
 */
export type PausedRecord = EndpointRecord & { paused: PausedFleet };

export function isPaused(record: EndpointRecord): record is PausedRecord {
  return record.paused !== undefined;
}

/** The autoscaling the endpoint is meant to have: a setting still waiting to be applied wins. */
export function intendedAutoscaling(record: EndpointRecord): Autoscaling | undefined {
  return record.pendingAutoscaling === undefined ? record.autoscaling : (record.pendingAutoscaling ?? undefined);
}

/**
 * Why the endpoint cannot be paused now, or undefined when it can: it must be serving
 * (running, or updateFailed: rolled back and serving on its old config).
 */
export function pauseRefusal(name: string, state: Pick<EndpointState, 'status' | 'failureReason'>): ConflictError | undefined {
  if (state.status === 'InService') return undefined;
  const currentStatus = toEndpointStatus(state.status, state.failureReason);
  if (isBusy(state.status)) return new ConflictError('EndpointBusy', `Endpoint ${name} is ${currentStatus}; pause it when it is running.`, { currentStatus });
  return new ConflictError(
    'EndpointNotRunning',
    `Endpoint ${name} is ${currentStatus}; only a running endpoint can be paused${currentStatus === 'failed' ? ' (delete it and create it again)' : ''}.`,
    { currentStatus },
  );
}

/**
 * The record a pause stores (before anything is removed, so that a concurrent change loses):
 * what the endpoint runs now, its autoscaling as meant (applied when resumed), and no alarms
 * (they are removed; a rollout makes them again).
 */
export function planPause(record: EndpointRecord, fleet: CurrentFleet, now: Date): PausedRecord {
  const served = [...fleet.variants, ...(fleet.shadow ? [fleet.shadow] : [])];
  if (served.length === 0 || served.some((v) => v.version === undefined || v.instanceType === '')) {
    throw new Error(`Endpoint ${record.name} runs a config that is not one of ours or is gone; it cannot be paused`);
  }
  const at = now.toISOString();
  const autoscaling = intendedAutoscaling(record);
  const { pendingAutoscaling: _pending, autoscaling: _applied, ...rest } = record;
  const { shadow } = fleet;
  return {
    ...rest,
    ...(autoscaling ? { autoscaling } : {}),
    paused: {
      at,
      variants: fleet.variants.map((v) => ({
        name: v.name,
        version: v.version!,
        ...(v.alias ? { alias: v.alias } : {}),
        instanceType: v.instanceType,
        instanceCount: v.instanceCount,
        weight: v.weight,
      })),
      ...(shadow
        ? {
            shadow: {
              name: shadow.name,
              version: shadow.version!,
              ...(shadow.alias ? { alias: shadow.alias } : {}),
              instanceType: shadow.instanceType,
              instanceCount: shadow.instanceCount,
              samplingPercent: shadow.samplingPercent,
            },
          }
        : {}),
    },
    alarms: [],
    updatedAt: at,
  };
}

/** The kept fleet as the planner reads a running one's. */
export function keptFleet(paused: PausedFleet): CurrentFleet {
  const production = paused.variants[0]?.weight ?? 1;
  return {
    variants: paused.variants.map((v) => ({ ...v })),
    ...(paused.shadow ? { shadow: { ...paused.shadow, weight: shadowWeight(production, paused.shadow.samplingPercent) } } : {}),
  };
}

/** The create that resume makes: the kept variants and shadow by version (an alias was resolved when it was set). */
export function resumeRequest(record: PausedRecord): CreateEndpointRequest {
  const { variants, shadow } = record.paused;
  return {
    name: record.name,
    model: record.model,
    variants: variants.map((v) => ({ name: v.name, version: v.version, instanceType: v.instanceType, instanceCount: v.instanceCount, weight: v.weight })),
    ...(shadow
      ? {
          shadow: {
            name: shadow.name,
            version: shadow.version,
            instanceType: shadow.instanceType,
            instanceCount: shadow.instanceCount,
            samplingPercent: shadow.samplingPercent,
          },
        }
      : {}),
  };
}

/**
 * The record and endpoint config of a resume: the kept fleet on a new config (checked as a
 * create is: a version deleted or no longer approved meanwhile is a 409 PausedVersionUnavailable),
 * the autoscaling pending until the endpoint is in service (as after a create). Configs still
 * listed from before the pause are older than the new one, so the reconcile removes them.
 */
export function planResume(
  record: PausedRecord,
  wanted: { fleet: WantedFleet; problems: { path: string; message: string }[] },
  resolved: { variants: Resolved[]; shadow?: Resolved },
  now: Date,
): { next: EndpointRecord; config: ConfigSpec } {
  const planned = planCreate(record.tenant, resumeRequest(record), wanted, resolved, now);
  if ('problems' in planned) {
    const because = planned.problems.map((problem) => problem.message).join('; ');
    throw new ConflictError(
      'PausedVersionUnavailable',
      `Endpoint ${record.name} cannot be resumed: ${because}. Change its version (PATCH /v1/endpoints/${record.name}) and resume it.`,
    );
  }
  const keptAlias = new Map([...record.paused.variants, ...(record.paused.shadow ? [record.paused.shadow] : [])].map((v) => [v.name, v.alias]));
  const withAlias = <T extends { name: string; alias?: string }>(d: T): T => {
    const alias = keptAlias.get(d.name);
    return alias ? { ...d, alias } : d;
  };
  const { config } = planned;
  const { paused: _paused, autoscaling, pendingAutoscaling: _pending, ...rest } = record;
  return {
    next: {
      ...rest,
      variants: (planned.record.variants ?? []).map(withAlias),
      ...(planned.record.shadow ? { shadow: withAlias(planned.record.shadow) } : {}),
      ...(autoscaling ? { pendingAutoscaling: autoscaling } : {}),
      configs: [...record.configs, config.name],
      alarms: [],
      updatedAt: now.toISOString(),
    },
    config,
  };
}

/**
 * PATCH of a paused endpoint: the same rules as a running one's (planUpdate, on the kept fleet),
 * but it changes only the kept definition; nothing is created until it is resumed.
 */
export function planPausedUpdate(
  record: PausedRecord,
  wanted: { fleet: WantedFleet; problems: FieldError[] },
  resolved: { variants: Resolved[]; shadow?: Resolved },
  input: UpdateEndpointRequest,
  now: Date,
): { next: PausedRecord } | { problems: FieldError[] } {
  const kept = record.paused;
  const planned = planUpdate(record, keptFleet(kept), wanted, resolved, input, now);
  if ('problems' in planned) return planned;
  if (planned.plan.kind === 'unchanged') return { next: record };
  const { pendingAutoscaling: _pending, autoscaling: _applied, ...rest } = planned.plan.next;
  const autoscaling = input.autoscaling === undefined ? record.autoscaling : (input.autoscaling ?? undefined);
  const variants = planned.plan.next.variants ?? kept.variants;
  const shadow = planned.plan.next.shadow;
  return {
    next: {
      ...rest,
      ...(autoscaling ? { autoscaling } : {}),
      configs: record.configs,
      alarms: record.alarms,
      paused: { at: kept.at, variants, ...(shadow ? { shadow } : {}) },
    },
  };
}

/** The API's view of a paused endpoint, from its record; `state` is SageMaker's while it still deletes the endpoint. */
export function pausedView(record: PausedRecord, state: EndpointState | undefined, region: string): Endpoint {
  const { paused } = record;
  const primary = primaryOf(paused.variants)!;
  return {
    name: record.name,
    status: record.deleting ? 'deleting' : 'paused',
    sagemakerStatus: state?.status ?? 'Deleted',
    sagemakerEndpointName: record.name,
    model: record.model,
    version: primary.version,
    ...(primary.alias ? { alias: primary.alias } : {}),
    instanceType: primary.instanceType,
    instanceCount: { current: 0, desired: primary.instanceCount },
    variants: paused.variants.map((v) => ({
      name: v.name,
      version: v.version,
      ...(v.alias ? { alias: v.alias } : {}),
      instanceType: v.instanceType,
      instanceCount: { current: 0, desired: v.instanceCount },
      weight: { current: 0, desired: v.weight },
    })),
    ...(paused.shadow
      ? {
          shadow: {
            name: paused.shadow.name,
            version: paused.shadow.version,
            ...(paused.shadow.alias ? { alias: paused.shadow.alias } : {}),
            instanceType: paused.shadow.instanceType,
            instanceCount: { current: 0, desired: paused.shadow.instanceCount },
            samplingPercent: paused.shadow.samplingPercent,
          },
        }
      : {}),
    ...(record.autoscaling ? { autoscaling: record.autoscaling } : {}),
    ...(record.deployment ? { deployment: record.deployment } : {}),
    ...scheduleView(record),
    ...idlePauseView(record),
    links: { logs: logGroupUrl(region, endpointLogGroup(record.name)) },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    pausedAt: paused.at,
  };
}
