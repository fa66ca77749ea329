import { describe, expect, it } from 'vitest';
import {
  keptFleet,
  pauseRefusal,
  pausedView,
  planPause,
  planPausedUpdate,
  planResume,
  resumeRequest,
  type PausedRecord,
} from '../../../lambdas/endpoints/pause.js';
import { wantedFleet, type CurrentFleet } from '../../../lambdas/endpoints/plan.js';
import type { EndpointRecord, ServableVersion } from '../../../lambdas/endpoints/ports.js';
import type { UpdateEndpointRequest } from '../../../core/api.js';

const now = new Date('2026-12-01T10:00:00Z');
const autoscaling = { minInstances: 1, maxInstances: 4, target: { metric: 'concurrentRequests' as const, value: 8 } };
const record: EndpointRecord = {
  name: 'chat',
  tenant: 'team-a',
  model: 'llama',
  alias: 'prod',
  deployment: { strategy: 'canary' },
  autoscaling,
  configs: ['chat-20261130000000'],
  alarms: ['modelplane-chat-5xx-errors'],
  createdAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
};
const v1: ServableVersion = {
  model: 'llama',
  version: 1,
  approval: 'approved',
  sagemakerModelName: 'llama-v1',
  weightBytes: 16e9,
  minGpuMemoryGiB: 20,
  fitsOn: ['ml.g5.2xlarge', 'ml.g6e.2xlarge'],
};
const v2: ServableVersion = { ...v1, version: 2, sagemakerModelName: 'llama-v2' };
const main = { name: 'main', version: 1, alias: 'prod', instanceType: 'ml.g5.2xlarge', instanceCount: 3, weight: 1 };
const fleet: CurrentFleet = { variants: [main] };
const paused: PausedRecord = planPause(record, fleet, now);

/** What the service does before planning: the wanted fleet for a request, its versions resolved by a table. */
function planned(current: CurrentFleet, input: Parameters<typeof wantedFleet>[1], versions: Record<number, ServableVersion | { missing: 'version' }>) {
  const wanted = wantedFleet(current, input);
  const resolve = (ref: { version?: number }) => versions[ref.version ?? 1] ?? { missing: 'version' as const };
  return {
    wanted,
    resolved: { variants: wanted.fleet.variants.map((v) => resolve(v.ref)), ...(wanted.fleet.shadow ? { shadow: resolve(wanted.fleet.shadow.ref) } : {}) },
  };
}

describe('pause', () => {
  it('pauses only an endpoint that serves: busy states are EndpointBusy, failed and out of service EndpointNotRunning', () => {
    expect(pauseRefusal('chat', { status: 'InService' })).toBeUndefined();
    expect(pauseRefusal('chat', { status: 'InService', failureReason: 'rolled back' })).toBeUndefined();
    expect(pauseRefusal('chat', { status: 'Updating' })).toMatchObject({ code: 'EndpointBusy' });
    expect(pauseRefusal('chat', { status: 'Failed' })?.message).toMatch(/failed; only a running endpoint can be paused \(delete it/);
    expect(pauseRefusal('chat', { status: 'OutOfService' })).toMatchObject({ code: 'EndpointNotRunning' });
    expect(pauseRefusal('chat', { status: 'Updating' })?.extensions()).toEqual({ currentStatus: 'updating' });
    expect(pauseRefusal('chat', { status: 'OutOfService' })?.extensions()).toEqual({ currentStatus: 'outOfService' });
  });

  it('keeps what the endpoint runs and its settings, forgets the alarms it removes, and claims the record with a new updatedAt', () => {
    expect(paused).toEqual({
      ...record,
      alarms: [],
      paused: { at: now.toISOString(), variants: [main] },
      updatedAt: now.toISOString(),
    });
  });

  it('keeps every variant and the shadow of an A/B endpoint', () => {
    const ab: CurrentFleet = {
      variants: [
        { name: 'blue', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 90 },
        { name: 'green', version: 2, instanceType: 'ml.g6e.2xlarge', instanceCount: 2, weight: 10 },
      ],
    };
    expect(planPause(record, ab, now).paused.variants).toEqual(ab.variants);
    const shadowed: CurrentFleet = { variants: [ab.variants[0]!], shadow: { ...ab.variants[1]!, weight: 18, samplingPercent: 20 } };
    expect(planPause(record, shadowed, now).paused.shadow).toEqual({
      name: 'green',
      version: 2,
      instanceType: 'ml.g6e.2xlarge',
      instanceCount: 2,
      samplingPercent: 20,
    });
  });

  it('keeps autoscaling that was still waiting to be applied, and drops autoscaling that was waiting to be removed', () => {
    const { autoscaling: _a, ...bare } = record;
    expect(planPause({ ...bare, pendingAutoscaling: autoscaling }, fleet, now)).toMatchObject({ autoscaling });
    const removed = planPause({ ...record, pendingAutoscaling: null }, fleet, now);
    expect(removed.autoscaling).toBeUndefined();
    expect('pendingAutoscaling' in removed).toBe(false);
  });

  it('refuses to pause a fleet it cannot tell (a config that is gone or not ours)', () => {
    expect(() => planPause(record, { variants: [{ ...main, version: undefined, instanceType: '' }] }, now)).toThrow(/cannot be paused/);
    expect(() => planPause(record, { variants: [] }, now)).toThrow(/cannot be paused/);
  });

  it('shows a paused endpoint from its record: no instances now, the kept count wanted, and when it was paused', () => {
    expect(pausedView(paused, undefined, 'us-east-1')).toMatchObject({
      status: 'paused',
      sagemakerStatus: 'Deleted',
      version: 1,
      alias: 'prod',
      instanceType: 'ml.g5.2xlarge',
      instanceCount: { current: 0, desired: 3 },
      variants: [{ name: 'main', version: 1, instanceCount: { current: 0, desired: 3 }, weight: { current: 0, desired: 1 } }],
      autoscaling,
      pausedAt: now.toISOString(),
    });
    expect(pausedView({ ...paused, deleting: true }, undefined, 'us-east-1').status).toBe('deleting');
  });
});

describe('resume', () => {
  const later = new Date('2026-12-02T08:00:00Z');

  it('recreates the kept fleet on a new config, its autoscaling pending until in service', () => {
    const { wanted, resolved } = planned({ variants: [] }, resumeRequest(paused), { 1: v1 });
    const { next, config } = planResume(paused, wanted, resolved, later);
    expect(config.variants).toEqual([expect.objectContaining({ name: 'main', modelName: 'llama-v1', instanceType: 'ml.g5.2xlarge', instanceCount: 3 })]);
    expect(next.configs).toEqual([...paused.configs, config.name]);
    expect(next).toMatchObject({ pendingAutoscaling: autoscaling, deployment: { strategy: 'canary' }, alias: 'prod', updatedAt: later.toISOString() });
    expect(next.variants).toEqual([main]);
    expect(next.paused).toBeUndefined();
    expect(next.autoscaling).toBeUndefined();
  });

  it('recreates both variants of an A/B endpoint with their weights', () => {
    const ab = planPause(
      record,
      {
        variants: [
          { name: 'blue', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 90 },
          { name: 'green', version: 2, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 10 },
        ],
      },
      now,
    );
    const { wanted, resolved } = planned({ variants: [] }, resumeRequest(ab), { 1: v1, 2: v2 });
    const { config } = planResume(ab, wanted, resolved, later);
    expect(config.variants.map((v) => [v.name, v.modelName, v.weight])).toEqual([
      ['blue', 'llama-v1', 90],
      ['green', 'llama-v2', 10],
    ]);
  });

  it('refuses a version that is gone or no longer approved, saying how to go on', () => {
    const gone = planned({ variants: [] }, resumeRequest(paused), {});
    expect(() => planResume(paused, gone.wanted, gone.resolved, later)).toThrow(/cannot be resumed: .*PATCH \/v1\/endpoints\/chat/);
    const rejected = planned({ variants: [] }, resumeRequest(paused), { 1: { ...v1, approval: 'rejected' } });
    expect(() => planResume(paused, rejected.wanted, rejected.resolved, later)).toThrow(expect.objectContaining({ code: 'PausedVersionUnavailable' }));
  });
});

describe('PATCH of a paused endpoint', () => {
  const patch = (input: UpdateEndpointRequest, versions: Record<number, ServableVersion>) => {
    const { wanted, resolved } = planned(keptFleet(paused.paused), input, versions);
    return planPausedUpdate(paused, wanted, resolved, input, now);
  };

  it('changes only the kept definition: version, type, count and autoscaling, no config', () => {
    const changed = patch({ version: 2, instanceType: 'ml.g6e.2xlarge', instanceCount: 2, autoscaling: null }, { 1: v1, 2: v2 });
    expect('next' in changed && changed.next).toMatchObject({
      paused: { variants: [{ name: 'main', version: 2, instanceType: 'ml.g6e.2xlarge', instanceCount: 2 }], at: paused.paused.at },
      configs: paused.configs,
      alarms: [],
    });
    expect('next' in changed && changed.next.autoscaling).toBeUndefined();
    expect('next' in changed && changed.next.alias).toBeUndefined();
  });

  it('answers a request that changes nothing with the record as it is, and refuses what a running endpoint would refuse', () => {
    expect(patch({ instanceCount: 3 }, { 1: v1 })).toEqual({ next: paused });
    const refused = patch({ instanceType: 'ml.g4dn.xlarge' }, { 1: v1 });
    expect('problems' in refused && refused.problems.map((p) => p.path)).toEqual(['/body/instanceType']);
  });
});
