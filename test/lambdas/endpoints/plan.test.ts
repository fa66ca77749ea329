import { describe, expect, it } from 'vitest';
import type { UpdateEndpointRequest } from '../../../core/api.js';
import { configSpec, planCreate, planUpdate, wantedFleet, type CurrentFleet, type Resolved } from '../../../lambdas/endpoints/plan.js';
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
const main = { name: 'main', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 1 };
const current: CurrentFleet = { variants: [main] };
const ab: CurrentFleet = {
  variants: [
    { name: 'blue', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 90 },
    { name: 'green', version: 2, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 10 },
  ],
};
const autoscaling = { minInstances: 1, maxInstances: 4, target: { metric: 'concurrentRequests' as const, value: 8 } };

/** Resolves every variant's reference from a fixed catalog (versions 1 and 2, alias prod -> 2), as the service does. */
function resolveAll(fleet: ReturnType<typeof wantedFleet>['fleet']): { variants: Resolved[]; shadow?: Resolved } {
  const resolve = (ref: { version?: number; alias?: string }): Resolved => {
    if (ref.alias !== undefined) return ref.alias === 'prod' ? v2 : { missing: 'alias' };
    return ref.version === 1 ? v1 : ref.version === 2 ? v2 : { missing: 'version' };
  };
  return { variants: fleet.variants.map((v) => resolve(v.ref)), ...(fleet.shadow ? { shadow: resolve(fleet.shadow.ref) } : {}) };
}

function plan(base: EndpointRecord, fleet: CurrentFleet, input: UpdateEndpointRequest) {
  const wanted = wantedFleet(fleet, input);
  return planUpdate(base, fleet, wanted, resolveAll(wanted.fleet), input, now);
}

const definition = (name: string, version: number, weight = 1, instanceCount = 1) => ({ name, version, instanceType: 'ml.g5.2xlarge', instanceCount, weight });

describe('planUpdate, one variant', () => {
  it('resizes in place when only the count changes, with no new config', () => {
    expect(plan(record, current, { instanceCount: 3 })).toEqual({
      plan: {
        kind: 'inPlace',
        next: { ...record, variants: [definition('main', 1, 1, 3)], updatedAt: now.toISOString() },
        changes: [{ name: 'main', instanceCount: 3 }],
      },
    });
  });

  it('plans nothing to call or store when the endpoint already is what the request asks', () => {
    expect(plan(record, current, { instanceCount: 1 })).toEqual({ plan: { kind: 'unchanged', next: record } });
    expect(plan(record, current, {})).toEqual({ plan: { kind: 'unchanged', next: record } });
    const defined = { ...record, variants: [definition('main', 1)] };
    expect(plan(defined, current, { variants: [{ name: 'main', weight: 1 }] })).toEqual({ plan: { kind: 'unchanged', next: defined } });
  });

  it('stores a settings-only change in place without a call to make', () => {
    const deployment = { strategy: 'canary' as const, stepPercent: 20 };
    expect(plan(record, current, { instanceCount: 1, deployment })).toEqual({
      plan: { kind: 'inPlace', next: { ...record, deployment, variants: [definition('main', 1)], updatedAt: now.toISOString() }, changes: [] },
    });
  });

  it('sets and removes autoscaling in place', () => {
    expect(plan(record, current, { autoscaling })).toMatchObject({ plan: { kind: 'inPlace', autoscaling, next: { autoscaling } } });
    const removed = plan({ ...record, autoscaling }, current, { autoscaling: null });
    expect(removed).toMatchObject({ plan: { kind: 'inPlace', autoscaling: null } });
    expect('plan' in removed && removed.plan.next.autoscaling).toBeFalsy();
  });

  it('rolls out a new config for another version, built like create’s, and appends it to the record', () => {
    const planned = plan(record, current, { version: 2 });
    const config = configSpec('chat', 'team-a', 'llama', [{ definition: definition('main', 2), version: v2 }], undefined, now);
    const alarms = ['modelplane-chat-5xx-errors', 'modelplane-chat-model-latency'];
    expect(planned).toEqual({
      plan: {
        kind: 'rollout',
        config,
        deregisterScaling: false,
        guardrails: true,
        next: { ...record, variants: [definition('main', 2)], configs: [...record.configs, config.name], alarms, updatedAt: now.toISOString() },
      },
    });
    expect(config).toMatchObject({
      variants: [{ name: 'main', modelName: 'llama-v2', weight: 1 }],
      tags: { 'modelplane:tenant': 'team-a', 'modelplane:version': '2' },
    });
  });

  it('names no rollback alarms for a rollout that does not roll back on alarms', () => {
    const planned = plan(record, current, { version: 2, deployment: { strategy: 'allAtOnce', rollbackOnAlarms: false } });
    expect('plan' in planned && planned.plan.next.alarms).toEqual([]);
  });

  it('deregisters autoscaling for an instance-type change and keeps it to re-apply once in service', () => {
    expect(plan({ ...record, autoscaling }, current, { instanceType: 'ml.g6e.2xlarge' })).toMatchObject({
      plan: { kind: 'rollout', deregisterScaling: true, next: { pendingAutoscaling: autoscaling }, config: { variants: [{ instanceType: 'ml.g6e.2xlarge' }] } },
    });
  });

  it('deregisters autoscaling still pending too: a reconcile may have registered it and lost its record write (found by the fuzz suite)', () => {
    expect(plan({ ...record, pendingAutoscaling: autoscaling }, current, { instanceType: 'ml.g6e.2xlarge' })).toMatchObject({
      plan: { kind: 'rollout', deregisterScaling: true, next: { pendingAutoscaling: autoscaling } },
    });
  });

  it('lists every problem at once: a type the version does not fit, and a count outside the autoscaling range', () => {
    const planned = plan({ ...record, autoscaling }, current, { version: 2, instanceType: 'ml.g4dn.xlarge', instanceCount: 9 });
    expect('problems' in planned && planned.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/body/instanceType', '/body/instanceCount']));
  });

  it('says which reference is missing', () => {
    expect(plan(record, current, { alias: 'beta' })).toEqual({ problems: [{ path: '/body/alias', message: 'model llama has no alias beta' }] });
  });

  it('moves the record from an alias to a pinned version', () => {
    const planned = plan({ ...record, alias: 'prod' }, { variants: [{ ...main, alias: 'prod' }] }, { version: 2 });
    expect('plan' in planned && planned.plan.next.alias).toBeUndefined();
  });
});

describe('planUpdate, several variants and a shadow', () => {
  const abRecord = { ...record, variants: [definition('blue', 1, 90), definition('green', 2, 10)] };

  it('shifts weights in place with no new config', () => {
    const planned = plan(abRecord, ab, {
      variants: [
        { name: 'blue', weight: 50 },
        { name: 'green', weight: 50 },
      ],
    });
    expect(planned).toEqual({
      plan: {
        kind: 'inPlace',
        next: { ...abRecord, variants: [definition('blue', 1, 50), definition('green', 2, 50)], updatedAt: now.toISOString() },
        changes: [
          { name: 'blue', weight: 50 },
          { name: 'green', weight: 50 },
        ],
      },
    });
  });

  it('changes a variant’s version through a new config under the guardrails, with alarms per variant', () => {
    const planned = plan(abRecord, ab, { variants: [{ name: 'blue', version: 2 }, { name: 'green' }], deployment: { strategy: 'canary' } });
    expect(planned).toMatchObject({ plan: { kind: 'rollout', guardrails: true } });
    expect('plan' in planned && planned.plan.next.alarms).toEqual([
      'modelplane-chat-blue-5xx-errors',
      'modelplane-chat-blue-model-latency',
      'modelplane-chat-green-5xx-errors',
      'modelplane-chat-green-model-latency',
    ]);
  });

  it('rolls out all at once, without guardrails, when variants are added or removed, and refuses canary or linear for it', () => {
    const removed = plan(abRecord, ab, { variants: [{ name: 'green' }] });
    expect(removed).toMatchObject({ plan: { kind: 'rollout', guardrails: false, next: { alarms: [], variants: [definition('green', 2, 10)] } } });
    expect('plan' in removed && removed.plan.kind === 'rollout' && removed.plan.config.variants.map((v) => v.name)).toEqual(['green']);
    const canary = plan(abRecord, ab, { variants: [{ name: 'green' }], deployment: { strategy: 'canary' } });
    expect('problems' in canary && canary.problems.map((p) => p.path)).toEqual(['/body/deployment/strategy']);
  });

  it('goes from one variant to two (A/B) with a new config and the single-version fields refused beside variants', () => {
    const planned = plan(record, current, {
      variants: [
        { name: 'main', weight: 90 },
        { name: 'b', version: 2, instanceType: 'ml.g5.2xlarge', weight: 10 },
      ],
    });
    expect(planned).toMatchObject({
      plan: {
        kind: 'rollout',
        guardrails: false,
        config: {
          variants: [
            { name: 'main', weight: 90 },
            { name: 'b', weight: 10, modelName: 'llama-v2' },
          ],
        },
      },
    });
    const mixed = plan(record, current, { version: 2, variants: [{ name: 'main' }] });
    expect('problems' in mixed && mixed.problems.map((p) => p.path)).toEqual(['/body/version']);
  });

  it('refuses the single-version fields on an endpoint with several variants', () => {
    const planned = plan(abRecord, ab, { instanceCount: 2 });
    expect(planned).toEqual({
      problems: [{ path: '/body/instanceCount', message: 'the endpoint serves 2 variants (blue, green); change them with variants' }],
    });
  });

  it('lists every problem of the variants at once: names used twice, all weights 0, a new variant without version or type, autoscaling', () => {
    const planned = plan(abRecord, ab, {
      variants: [
        { name: 'blue', weight: 0 },
        { name: 'blue', weight: 0 },
        { name: 'red', weight: 0 },
      ],
      autoscaling,
    });
    expect('problems' in planned && planned.problems.map((p) => p.path).sort()).toEqual([
      '/body/autoscaling',
      '/body/variants',
      '/body/variants/1/name',
      '/body/variants/2/instanceType',
      '/body/variants/2/version',
    ]);
  });

  it('adds a shadow (weight relative to production), changes its sampling in place, and drops it', () => {
    const defined = { ...record, variants: [definition('main', 1)] };
    const added = plan(defined, current, { shadow: { version: 2, instanceType: 'ml.g5.2xlarge', samplingPercent: 20 } });
    expect(added).toMatchObject({
      plan: {
        kind: 'rollout',
        guardrails: false,
        config: { shadow: { name: 'shadow', modelName: 'llama-v2', weight: 0.2 } },
        next: { shadow: { name: 'shadow', samplingPercent: 20 } },
      },
    });
    const shadowed: CurrentFleet = {
      variants: [main],
      shadow: { name: 'shadow', version: 2, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 0.2, samplingPercent: 20 },
    };
    const withShadow = { ...defined, shadow: { name: 'shadow', version: 2, instanceType: 'ml.g5.2xlarge', instanceCount: 1, samplingPercent: 20 } };
    expect(plan(withShadow, shadowed, { shadow: { samplingPercent: 50 } })).toMatchObject({
      plan: { kind: 'inPlace', changes: [{ name: 'shadow', weight: 0.5 }] },
    });
    const dropped = plan(withShadow, shadowed, { shadow: null });
    expect(dropped).toMatchObject({ plan: { kind: 'rollout', guardrails: false } });
    expect('plan' in dropped && dropped.plan.next.shadow).toBeUndefined();
  });

  it('refuses a shadow beside several production variants, or one without its sampling', () => {
    const planned = plan(record, ab, { shadow: { version: 2, instanceType: 'ml.g5.2xlarge' } });
    expect('problems' in planned && planned.problems.map((p) => p.path).sort()).toEqual(['/body/shadow', '/body/shadow/samplingPercent']);
  });
});

describe('planCreate', () => {
  it('keeps the full definition in the record: variants and shadow', () => {
    const input = {
      name: 'ab',
      model: 'llama',
      variants: [
        { name: 'blue', version: 1, instanceType: 'ml.g5.2xlarge', weight: 90 },
        { name: 'green', alias: 'prod', instanceType: 'ml.g5.2xlarge', weight: 10 },
      ],
    };
    const wanted = wantedFleet({ variants: [] }, input);
    const planned = planCreate('team-a', input, wanted, resolveAll(wanted.fleet), now);
    expect(planned).toMatchObject({
      record: { variants: [definition('blue', 1, 90), { ...definition('green', 2, 10), alias: 'prod' }] },
      config: {
        variants: [
          { name: 'blue', weight: 90 },
          { name: 'green', weight: 10 },
        ],
        tags: { 'modelplane:version': '1' },
      },
    });
  });

  it('says a missing model at /body/model, as before variants', () => {
    const input = { name: 'x', model: 'nope', version: 1, instanceType: 'ml.g5.2xlarge' };
    const wanted = wantedFleet({ variants: [] }, input);
    expect(planCreate('team-a', input, wanted, { variants: [{ missing: 'model' }] }, now)).toEqual({
      problems: [{ path: '/body/model', message: 'model nope does not exist' }],
    });
  });
});
