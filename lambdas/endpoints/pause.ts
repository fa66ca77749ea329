import type { Autoscaling, Endpoint, UpdateEndpointRequest } from '../../core/api.js';
import { endpointLogGroup, logGroupUrl } from '../shared/console-links.js';
import { ConflictError, type FieldError } from '../shared/errors.js';
import { configSpec, planUpdate, servingProblems, type CurrentFleet } from './plan.js';
import type { ConfigSpec, EndpointRecord, EndpointState, PausedFleet, ServableVersion } from './ports.js';
import { scheduleView } from './schedules.js';
import { isBusy, toEndpointStatus } from './status.js';

/**
 * Pause and resume, decided before anything changes. A paused endpoint has no SageMaker
 * endpoint, endpoint config, autoscaling target or alarm (nothing runs, nothing is billed);
 * its record keeps what it ran (`paused`: version, instance type and count) with its
 * autoscaling and deployment settings, and resume recreates it from that through the same
 * config builder as create and every rollout.
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
  if (fleet.version === undefined || fleet.instanceType === '') {
    throw new Error(`Endpoint ${record.name} runs a config that is not one of ours or is gone; it cannot be paused`);
  }
  const at = now.toISOString();
  const autoscaling = intendedAutoscaling(record);
  const { pendingAutoscaling: _pending, autoscaling: _applied, ...rest } = record;
  return {
    ...rest,
    ...(autoscaling ? { autoscaling } : {}),
    paused: { at, version: fleet.version, instanceType: fleet.instanceType, instanceCount: fleet.instanceCount },
    alarms: [],
    updatedAt: at,
  };
}

/** Why the paused endpoint cannot be resumed on its version, or undefined when it can. */
export function resumeRefusal(record: PausedRecord, target: ServableVersion | { missing: string }): ConflictError | undefined {
  const { version, instanceType } = record.paused;
  const because =
    'missing' in target
      ? `version ${version} of ${record.model} was deleted while it was paused`
      : servingProblems(target, instanceType, '', 'version')
          .map((problem) => problem.message)
          .join('; ');
  if (because === '') return undefined;
  return new ConflictError(
    'PausedVersionUnavailable',
    `Endpoint ${record.name} cannot be resumed: ${because}. Change its version (PATCH /v1/endpoints/${record.name}) and resume it.`,
  );
}

/**
 * The record and endpoint config of a resume: the kept fleet on a new config, the autoscaling
 * pending until the endpoint is in service (as after a create). Configs still listed from
 * before the pause are older than the new one, so the reconcile removes them.
 */
export function planResume(record: PausedRecord, target: ServableVersion, now: Date): { next: EndpointRecord; config: ConfigSpec } {
  const { instanceType, instanceCount } = record.paused;
  const config = configSpec(record.name, record.tenant, record.model, target, { instanceType, instanceCount }, now);
  const { paused: _paused, autoscaling, pendingAutoscaling: _pending, ...rest } = record;
  return {
    next: {
      ...rest,
      ...(autoscaling ? { pendingAutoscaling: autoscaling } : {}),
      configs: [...record.configs, config.name],
      alarms: [],
      updatedAt: now.toISOString(),
    },
    config,
  };
}

/**
 * PATCH of a paused endpoint: the same rules as a running one's (planUpdate), but it changes
 * only the kept definition; nothing is created until it is resumed.
 */
export function planPausedUpdate(
  record: PausedRecord,
  target: ServableVersion | { missing: 'model' | 'version' | 'alias' },
  input: UpdateEndpointRequest,
  now: Date,
): { next: PausedRecord } | { problems: FieldError[] } {
  const kept = record.paused;
  const planned = planUpdate(record, kept, target, input, now);
  if ('problems' in planned) return planned;
  if (planned.plan.kind === 'unchanged' || 'missing' in target) return { next: record };
  const { pendingAutoscaling: _pending, autoscaling: _applied, ...rest } = planned.plan.next;
  const autoscaling = input.autoscaling === undefined ? record.autoscaling : (input.autoscaling ?? undefined);
  return {
    next: {
      ...rest,
      ...(autoscaling ? { autoscaling } : {}),
      configs: record.configs,
      alarms: record.alarms,
      paused: {
        ...kept,
        version: target.version,
        instanceType: input.instanceType ?? kept.instanceType,
        instanceCount: input.instanceCount ?? kept.instanceCount,
      },
    },
  };
}

/** The API's view of a paused endpoint, from its record; `state` is SageMaker's while it still deletes the endpoint. */
export function pausedView(record: PausedRecord, state: EndpointState | undefined, region: string): Endpoint {
  const { paused } = record;
  return {
    name: record.name,
    status: record.deleting ? 'deleting' : 'paused',
    sagemakerStatus: state?.status ?? 'Deleted',
    sagemakerEndpointName: record.name,
    model: record.model,
    version: paused.version,
    ...(record.alias ? { alias: record.alias } : {}),
    instanceType: paused.instanceType,
    instanceCount: { current: 0, desired: paused.instanceCount },
    ...(record.autoscaling ? { autoscaling: record.autoscaling } : {}),
    ...(record.deployment ? { deployment: record.deployment } : {}),
    ...scheduleView(record),
    links: { logs: logGroupUrl(region, endpointLogGroup(record.name)) },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    pausedAt: paused.at,
  };
}
