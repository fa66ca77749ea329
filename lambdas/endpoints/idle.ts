import type { EndpointIdlePause } from '../../core/api.js';
import type { FieldError } from '../shared/errors.js';
import type { EndpointRecord, EndpointState } from './ports.js';
import { variantName } from './rules.js';
import { toEndpointStatus } from './status.js';

/**
 * The idle pause, decided before anything is read or changed: an endpoint that is `running`
 * with `idlePause` set, whose production variants received no invocation over the last
 * `afterMinutes`, is paused (through the same path as `POST /pause`). The whole window must
 * lie after the endpoint was created, resumed or last changed in SageMaker: invocations are
 * counted per variant, and a rollout may have renamed the variants, so only a window the
 * current fleet served throughout says the endpoint is idle. The periodic sweep runs the check.
 */
export const idlePauseMinutes = { min: 15, max: 10080 } as const;

/** What the check reads: the invocations of these production variants over [start, end). */
export interface IdleWindow {
  variants: string[];
  start: Date;
  end: Date;
}

export type IdleDecision = { pause: true; window: IdleWindow; reason: string } | { pause: false; reason: string };

type IdleState = Pick<EndpointState, 'status' | 'failureReason' | 'createdAt' | 'lastModified' | 'variants'>;

/** The window to read for the endpoint now, or why it is kept as it is without reading anything. */
export function idleWindow(record: EndpointRecord, state: IdleState | undefined, now: Date): { window: IdleWindow } | { keep: string } {
  const minutes = record.idlePause?.afterMinutes;
  if (minutes === undefined) return { keep: 'it has no idle pause' };
  if (record.deleting) return { keep: 'it is being deleted' };
  if (record.paused) return { keep: 'it is paused' };
  if (!state) return { keep: 'SageMaker has no endpoint of that name' };
  const status = toEndpointStatus(state.status, state.failureReason);
  if (status !== 'running') return { keep: `it is ${status}, not running` };
  const since = Math.max(Date.parse(record.createdAt), state.createdAt.getTime(), state.lastModified.getTime());
  const start = new Date(now.getTime() - minutes * 60_000);
  if (start.getTime() < since) {
    const served = Math.max(0, Math.floor((now.getTime() - since) / 60_000));
    return { keep: `it has served for ${served} minutes since it was created, resumed or last changed; its idle pause counts ${minutes}` };
  }
  const named = state.variants.map((v) => v.name).filter((name): name is string => name !== undefined);
  const variants = named.length > 0 ? named : (record.variants?.map((v) => v.name) ?? [variantName]);
  return { window: { variants, start, end: now } };
}

/**
 * Whether to pause the endpoint now, given the invocations CloudWatch counted over its window
 * (`undefined`: they could not be read, and an endpoint is never paused on a guess).
 */
export function idleDecision(record: EndpointRecord, state: IdleState | undefined, invocations: number | undefined, now: Date): IdleDecision {
  const planned = idleWindow(record, state, now);
  if ('keep' in planned) return { pause: false, reason: planned.keep };
  const minutes = record.idlePause!.afterMinutes;
  if (invocations === undefined) return { pause: false, reason: 'its invocations could not be read from CloudWatch' };
  if (invocations > 0) return { pause: false, reason: `it received ${invocations} invocations in the last ${minutes} minutes` };
  return { pause: true, window: planned.window, reason: `it received no invocations in the last ${minutes} minutes` };
}

/** The idle pause field of a create or PATCH body, and its problems (the spec's bounds, said again for callers that skip it). */
export function idlePauseChange(value: EndpointIdlePause | null | undefined): { change?: EndpointIdlePause | null; problems: FieldError[] } {
  if (value === undefined) return { problems: [] };
  if (value === null) return { change: null, problems: [] };
  const minutes = value.afterMinutes;
  if (!Number.isInteger(minutes) || minutes < idlePauseMinutes.min || minutes > idlePauseMinutes.max) {
    return {
      problems: [
        { path: '/body/idlePause/afterMinutes', message: `must be a whole number of minutes from ${idlePauseMinutes.min} to ${idlePauseMinutes.max} (7 days)` },
      ],
    };
  }
  return { change: { afterMinutes: minutes }, problems: [] };
}

/** The record with the idle pause set (`null`: removed; absent: kept). */
export function withIdlePause<T extends EndpointRecord>(record: T, change: EndpointIdlePause | null | undefined): T {
  if (change === undefined) return record;
  const { idlePause: _old, ...rest } = record;
  return (change === null ? rest : { ...rest, idlePause: change }) as T;
}

/** The idle pause field of the API's view of an endpoint. */
export function idlePauseView(record: EndpointRecord): { idlePause?: EndpointIdlePause } {
  return record.idlePause ? { idlePause: record.idlePause } : {};
}
