import { describe, expect, it } from 'vitest';
import { configSpec, planUpdate, type CurrentFleet } from '../../../lambdas/endpoints/plan.js';
import type { EndpointRecord, ServableVersion } from '../../../lambdas/endpoints/ports.js';

const now = new Date('2026-12-01T10:00:00Z');
const record: EndpointRecord = {
  name: 'chat',
  tenant: 'team-a',
  model: 'llama',
  configs: ['chat-20261130000000'],
  alarms: [],
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
const current: CurrentFleet = { version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1 };
const autoscaling = { minInstances: 1, maxInstances: 4, target: { metric: 'concurrentRequests' as const, value: 8 } };

describe('planUpdate', () => {
  it('resizes in place when only the count changes, with no new config', () => {
    const planned = planUpdate(record, current, v1, { instanceCount: 3 }, now);
    expect(planned).toEqual({ plan: { kind: 'inPlace', next: { ...record, updatedAt: now.toISOString() }, instanceCount: 3 } });
  });

  it('plans nothing to call or store when the endpoint already is what the request asks', () => {
    expect(planUpdate(record, current, v1, { instanceCount: 1 }, now)).toEqual({ plan: { kind: 'unchanged', next: record } });
    expect(planUpdate(record, current, v1, {}, now)).toEqual({ plan: { kind: 'unchanged', next: record } });
  });

  it('stores a settings-only change in place without a call to make', () => {
    const deployment = { strategy: 'canary' as const, stepPercent: 20 };
    const planned = planUpdate(record, current, v1, { instanceCount: 1, deployment }, now);
    expect(planned).toEqual({ plan: { kind: 'inPlace', next: { ...record, deployment, updatedAt: now.toISOString() } } });
  });

  it('sets and removes autoscaling in place', () => {
    expect(planUpdate(record, current, v1, { autoscaling }, now)).toMatchObject({ plan: { kind: 'inPlace', autoscaling, next: { autoscaling } } });
    const removed = planUpdate({ ...record, autoscaling }, current, v1, { autoscaling: null }, now);
    expect(removed).toMatchObject({ plan: { kind: 'inPlace', autoscaling: null } });
    expect('plan' in removed && removed.plan.next.autoscaling).toBeFalsy();
  });

  it('rolls out a new config for another version, built like create’s, and appends it to the record', () => {
    const planned = planUpdate(record, current, v2, { version: 2 }, now);
    const config = configSpec('chat', 'team-a', 'llama', v2, { instanceType: 'ml.g5.2xlarge', instanceCount: 1 }, now);
    const alarms = ['modelplane-chat-5xx-errors', 'modelplane-chat-model-latency'];
    expect(planned).toEqual({
      plan: {
        kind: 'rollout',
        config,
        deregisterScaling: false,
        next: { ...record, configs: [...record.configs, config.name], alarms, updatedAt: now.toISOString() },
      },
    });
    expect(config).toMatchObject({ modelName: 'llama-v2', tags: { 'modelplane:tenant': 'team-a', 'modelplane:version': '2' } });
  });

  it('names no rollback alarms for a rollout that does not roll back on alarms', () => {
    const planned = planUpdate(record, current, v2, { version: 2, deployment: { strategy: 'allAtOnce', rollbackOnAlarms: false } }, now);
    expect('plan' in planned && planned.plan.next.alarms).toEqual([]);
  });

  it('deregisters autoscaling for an instance-type change and keeps it to re-apply once in service', () => {
    const planned = planUpdate({ ...record, autoscaling }, current, v1, { instanceType: 'ml.g6e.2xlarge' }, now);
    expect(planned).toMatchObject({
      plan: { kind: 'rollout', deregisterScaling: true, next: { pendingAutoscaling: autoscaling }, config: { instanceType: 'ml.g6e.2xlarge' } },
    });
  });

  it('deregisters autoscaling still pending too: a reconcile may have registered it and lost its record write (found by the fuzz suite)', () => {
    const planned = planUpdate({ ...record, pendingAutoscaling: autoscaling }, current, v1, { instanceType: 'ml.g6e.2xlarge' }, now);
    expect(planned).toMatchObject({ plan: { kind: 'rollout', deregisterScaling: true, next: { pendingAutoscaling: autoscaling } } });
  });

  it('lists every problem at once: a type the version does not fit, and a count outside the autoscaling range', () => {
    const planned = planUpdate({ ...record, autoscaling }, current, v2, { version: 2, instanceType: 'ml.g4dn.xlarge', instanceCount: 9 }, now);
    expect('problems' in planned && planned.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/body/instanceType', '/body/instanceCount']));
  });

  it('says which reference is missing', () => {
    expect(planUpdate(record, current, { missing: 'alias' }, { alias: 'prod' }, now)).toEqual({
      problems: [{ path: '/body/alias', message: 'model llama has no alias prod' }],
    });
  });

  it('moves the record from an alias to a pinned version', () => {
    const planned = planUpdate({ ...record, alias: 'prod' }, current, v2, { version: 2 }, now);
    expect('plan' in planned && planned.plan.next.alias).toBeUndefined();
  });
});
