import { describe, expect, it } from 'vitest';
import { pauseRefusal, pausedView, planPause, planPausedUpdate, planResume, resumeRefusal, type PausedRecord } from '../../../lambdas/endpoints/pause.js';
import type { EndpointRecord, ServableVersion } from '../../../lambdas/endpoints/ports.js';

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
const fleet = { version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 3 };
const paused: PausedRecord = planPause(record, fleet, now);

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
      paused: { at: now.toISOString(), ...fleet },
      updatedAt: now.toISOString(),
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
    expect(() => planPause(record, { version: undefined, instanceType: '', instanceCount: 1 }, now)).toThrow(/cannot be paused/);
  });

  it('shows a paused endpoint from its record: no instances now, the kept count wanted, and when it was paused', () => {
    expect(pausedView(paused, undefined, 'us-east-1')).toMatchObject({
      status: 'paused',
      sagemakerStatus: 'Deleted',
      version: 1,
      alias: 'prod',
      instanceType: 'ml.g5.2xlarge',
      instanceCount: { current: 0, desired: 3 },
      autoscaling,
      pausedAt: now.toISOString(),
    });
    expect(pausedView({ ...paused, deleting: true }, undefined, 'us-east-1').status).toBe('deleting');
  });
});

describe('resume', () => {
  const later = new Date('2026-12-02T08:00:00Z');

  it('recreates the kept fleet on a new config, its autoscaling pending until in service', () => {
    const { next, config } = planResume(paused, v1, later);
    expect(config).toMatchObject({ modelName: 'llama-v1', instanceType: 'ml.g5.2xlarge', instanceCount: 3 });
    expect(next.configs).toEqual([...paused.configs, config.name]);
    expect(next).toMatchObject({ pendingAutoscaling: autoscaling, deployment: { strategy: 'canary' }, alias: 'prod', updatedAt: later.toISOString() });
    expect(next.paused).toBeUndefined();
    expect(next.autoscaling).toBeUndefined();
  });

  it('refuses a version that is gone or no longer approved, saying how to go on', () => {
    expect(resumeRefusal(paused, v1)).toBeUndefined();
    const gone = resumeRefusal(paused, { missing: 'version' });
    expect(gone).toMatchObject({ code: 'PausedVersionUnavailable' });
    expect(gone?.message).toMatch(/version 1 of llama was deleted while it was paused.*PATCH \/v1\/endpoints\/chat/);
    expect(resumeRefusal(paused, { ...v1, approval: 'rejected' })?.message).toMatch(/version 1 of llama is rejected/);
  });
});

describe('PATCH of a paused endpoint', () => {
  it('changes only the kept definition: version, type, count and autoscaling, no config', () => {
    const v2 = { ...v1, version: 2, sagemakerModelName: 'llama-v2' };
    const planned = planPausedUpdate(paused, v2, { version: 2, instanceType: 'ml.g6e.2xlarge', instanceCount: 2, autoscaling: null }, now);
    expect('next' in planned && planned.next).toMatchObject({
      paused: { version: 2, instanceType: 'ml.g6e.2xlarge', instanceCount: 2, at: paused.paused.at },
      configs: paused.configs,
      alarms: [],
    });
    expect('next' in planned && planned.next.autoscaling).toBeUndefined();
    expect('next' in planned && planned.next.alias).toBeUndefined();
  });

  it('answers a request that changes nothing with the record as it is, and refuses what a running endpoint would refuse', () => {
    expect(planPausedUpdate(paused, v1, { instanceCount: 3 }, now)).toEqual({ next: paused });
    const refused = planPausedUpdate(paused, v1, { instanceType: 'ml.g4dn.xlarge' }, now);
    expect('problems' in refused && refused.problems.map((p) => p.path)).toEqual(['/body/instanceType']);
  });
});
