import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointRecord, EndpointStore, InvocationCounts, ServableVersion, Versions } from '../../../lambdas/endpoints/ports.js';
import { SageMakerEndpointGateway } from '../../../lambdas/endpoints/sagemaker-endpoints.js';
import { EndpointService } from '../../../lambdas/endpoints/service.js';
import { fromAwsError } from '../../../lambdas/shared/aws-errors.js';
import { ConflictError, QuotaExceededError, ThrottledError, UpstreamError } from '../../../lambdas/shared/errors.js';

// The emulator cannot produce quota or capacity errors, RollingBack or UpdateRollbackFailed,
// or throttling: these tests make SageMaker answer so with aws-sdk-client-mock.

class MemoryStore implements EndpointStore {
  readonly records = new Map<string, EndpointRecord>();
  async create(record: EndpointRecord) {
    this.records.set(record.name, record);
  }
  async get(name: string) {
    return this.records.get(name);
  }
  async list() {
    return { items: [...this.records.values()] };
  }
  /** Conditional, as DynamoEndpointStore's: fails when updatedAt moved since the caller read it. */
  async put(record: EndpointRecord, expectedUpdatedAt: string) {
    if (this.records.get(record.name)?.updatedAt !== expectedUpdatedAt)
      throw new ConflictError('EndpointChanged', `Endpoint ${record.name} changed while this request ran.`);
    this.records.set(record.name, record);
  }
  async delete(name: string) {
    this.records.delete(name);
  }
  async listAll() {
    return { items: [...this.records.values()] };
  }
}

const servable: ServableVersion = {
  model: 'llama',
  version: 1,
  approval: 'approved',
  sagemakerModelName: 'llama-v1',
  weightBytes: 16 * 1024 ** 3,
  minGpuMemoryGiB: 20.2,
  fitsOn: ['ml.g5.xlarge', 'ml.g5.2xlarge'],
};
const versions: Versions = { resolve: async () => servable, versionOf: (_model, name) => (name === 'llama-v1' ? 1 : undefined) };
const awsError = (name: string, message: string) => new SageMakerServiceException({ name, $fault: 'client', $metadata: {}, message });

describe('EndpointService against SageMaker states the emulator cannot produce', () => {
  const sagemaker = mockClient(SageMakerClient);
  let store: MemoryStore;
  let service: EndpointService;

  beforeEach(() => {
    sagemaker.reset();
    store = new MemoryStore();
    service = new EndpointService({
      store,
      sagemaker: new SageMakerEndpointGateway(new SageMakerClient({ region: 'us-east-1' })),
      scaling: { apply: async () => undefined, remove: async () => undefined },
      alarms: { ensure: async () => [], remove: async () => undefined },
      schedules: { put: async () => undefined, remove: async () => undefined },
      versions,
      clock: { now: () => new Date('2026-11-23T00:00:00Z') },
      region: 'us-east-1',
      health: { lastHealth: async () => new Map([['llama-ep', { gpuUtilization: 40, concurrentRequests: 3, at: '2026-11-22T23:59:00Z' }]]) },
      invocations: { sum: async () => 0 },
    });
  });
  afterEach(() => sagemaker.reset());

  it('turns a quota refusal into a 400 QuotaExceeded on instanceType and leaves nothing behind', async () => {
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker
      .on(CreateEndpointCommand)
      .rejects(awsError('ResourceLimitExceeded', "The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 0 Instances"));
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "llama-ep".'));
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    const error = await service.create('team-a', { name: 'llama-ep', model: 'llama', version: 1, instanceType: 'ml.g5.2xlarge' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as QuotaExceededError).errors[0]?.path).toBe('/body/instanceType');
    expect((error as Error).message).toMatch(/ml\.g5\.2xlarge for endpoint usage/);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)).toHaveLength(1);
    expect(store.records.size).toBe(0);
  });

  it('turns missing capacity into a 503 InsufficientCapacity and removes the config', async () => {
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker.on(CreateEndpointCommand).rejects(awsError('InsufficientCapacityError', 'No capacity for ml.p5.48xlarge'));
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "llama-ep".'));
    const error = fromAwsError(
      await service.create('team-a', { name: 'llama-ep', model: 'llama', version: 1, instanceType: 'ml.g5.2xlarge' }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe('InsufficientCapacity');
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)).toHaveLength(1);
    expect(store.records.size).toBe(0);
  });

  it.each([
    ['RollingBack', undefined, 'rollingBack'],
    ['UpdateRollbackFailed', 'Rollback failed: the old fleet could not be restored', 'updateFailed'],
    ['InService', 'Deployment rolled back: alarm modelplane-llama-ep-5xx-errors fired', 'updateFailed'],
  ] as const)('reports %s as %s with its reason', async (status, reason, expected) => {
    store.records.set('llama-ep', {
      name: 'llama-ep',
      tenant: 'team-a',
      model: 'llama',
      configs: ['c1'],
      alarms: [],
      createdAt: '2026-11-22T00:00:00Z',
      updatedAt: '2026-11-22T00:00:00Z',
    });
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ep',
      EndpointStatus: status,
      ...(reason ? { FailureReason: reason } : {}),
      EndpointConfigName: 'c1',
      ProductionVariants: [{ VariantName: 'main', CurrentInstanceCount: 2, DesiredInstanceCount: 2 }],
      CreationTime: new Date('2026-11-22T00:00:00Z'),
      LastModifiedTime: new Date('2026-11-22T01:00:00Z'),
    });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 2 }] });
    const view = await service.get('team-a', 'llama-ep');
    expect(view).toMatchObject({
      status: expected,
      sagemakerStatus: status,
      version: 1,
      instanceCount: { current: 2, desired: 2 },
      health: { gpuUtilization: 40, concurrentRequests: 3 },
    });
    if (reason) expect(view.reason).toBe(reason);
    if (status === 'RollingBack') {
      await expect(service.update('team-a', 'llama-ep', { instanceCount: 3 })).rejects.toMatchObject({ code: 'EndpointBusy', status: 409 });
    }
  });

  it('puts the record back when a throttled weight shift is not made, and makes no config for it', async () => {
    const variants = [
      { name: 'blue', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 90 },
      { name: 'green', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 10 },
    ];
    const record: EndpointRecord = {
      name: 'llama-ab',
      tenant: 'team-a',
      model: 'llama',
      variants,
      configs: ['c1'],
      alarms: [],
      createdAt: '2026-11-22T00:00:00Z',
      updatedAt: '2026-11-22T00:00:00Z',
    };
    store.records.set('llama-ab', record);
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ab',
      EndpointStatus: 'InService',
      EndpointConfigName: 'c1',
      ProductionVariants: variants.map((v) => ({
        VariantName: v.name,
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 1,
        CurrentWeight: v.weight,
        DesiredWeight: v.weight,
      })),
      CreationTime: new Date('2026-11-22T00:00:00Z'),
      LastModifiedTime: new Date('2026-11-22T01:00:00Z'),
    });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ProductionVariants: variants.map((v) => ({
        VariantName: v.name,
        ModelName: 'llama-v1',
        InstanceType: 'ml.g5.2xlarge' as const,
        InitialInstanceCount: 1,
        InitialVariantWeight: v.weight,
      })),
    });
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const error = fromAwsError(
      await service
        .update('team-a', 'llama-ab', {
          variants: [
            { name: 'blue', weight: 50 },
            { name: 'green', weight: 50 },
          ],
        })
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ThrottledError);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)[0]!.args[0].input.DesiredWeightsAndCapacities).toEqual([
      { VariantName: 'blue', DesiredWeight: 50 },
      { VariantName: 'green', DesiredWeight: 50 },
    ]);
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toHaveLength(0);
    expect(store.records.get('llama-ab')).toEqual(record);
  });

  it('refuses to promote a variant the endpoint does not have, naming those it has, and asks SageMaker for nothing', async () => {
    store.records.set('llama-ep', {
      name: 'llama-ep',
      tenant: 'team-a',
      model: 'llama',
      configs: ['c1'],
      alarms: [],
      createdAt: '2026-11-22T00:00:00Z',
      updatedAt: '2026-11-22T00:00:00Z',
    });
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ep',
      EndpointStatus: 'InService',
      EndpointConfigName: 'c1',
      ProductionVariants: [{ VariantName: 'main', CurrentInstanceCount: 1, DesiredInstanceCount: 1, CurrentWeight: 1, DesiredWeight: 1 }],
      ShadowProductionVariants: [{ VariantName: 'shadow', CurrentInstanceCount: 1, DesiredInstanceCount: 1, CurrentWeight: 0.2, DesiredWeight: 0.2 }],
      CreationTime: new Date('2026-11-22T00:00:00Z'),
      LastModifiedTime: new Date('2026-11-22T01:00:00Z'),
    });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
      ShadowProductionVariants: [
        { VariantName: 'shadow', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, InitialVariantWeight: 0.2 },
      ],
    });
    expect(await service.get('team-a', 'llama-ep')).toMatchObject({ shadow: { name: 'shadow', version: 1, samplingPercent: 20 } });
    await expect(service.promote('team-a', 'llama-ep', { variant: 'green' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: '/body/variant', message: 'endpoint llama-ep has no variant green; its variants are main, shadow (shadow)' }],
    });
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toHaveLength(0);
  });

  it('sweeps every endpoint: cleans up one SageMaker no longer has and counts the rest by status', async () => {
    const record = (name: string): EndpointRecord => ({
      name,
      tenant: 'team-a',
      model: 'llama',
      configs: [`${name}-c1`],
      alarms: [],
      createdAt: 'x',
      updatedAt: 'x',
    });
    store.records.set('gone', record('gone'));
    store.records.set('live', record('live'));
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'gone' }).rejects(awsError('ValidationException', 'Could not find endpoint "gone".'));
    sagemaker
      .on(DescribeEndpointCommand, { EndpointName: 'live' })
      .resolves({ EndpointName: 'live', EndpointStatus: 'InService', EndpointConfigName: 'live-c1', CreationTime: new Date(), LastModifiedTime: new Date() });
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    const swept = await service.sweep();
    expect(swept).toEqual({ counts: { running: 1 }, total: 1, failures: [], idlePaused: [] });
    expect([...store.records.keys()]).toEqual(['live']);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual(['gone-c1']);
  });

  it('removes only configs older than the one in use: a newer one is a rollout that has not reached SageMaker yet (found by the fuzz suite)', async () => {
    store.records.set('roll', {
      name: 'roll',
      tenant: 'team-a',
      model: 'llama',
      configs: ['roll-c1', 'roll-c2', 'roll-c3'],
      alarms: [],
      createdAt: 'x',
      updatedAt: 'x',
    });
    sagemaker
      .on(DescribeEndpointCommand, { EndpointName: 'roll' })
      .resolves({ EndpointName: 'roll', EndpointStatus: 'InService', EndpointConfigName: 'roll-c2', CreationTime: new Date(), LastModifiedTime: new Date() });
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    await service.reconcile('roll');
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual(['roll-c1']);
    expect(store.records.get('roll')?.configs).toEqual(['roll-c2', 'roll-c3']);
  });

  const inService = (count: number) => ({
    EndpointName: 'llama-ep',
    EndpointStatus: 'InService' as const,
    EndpointConfigName: 'c1',
    ProductionVariants: [{ VariantName: 'main', CurrentInstanceCount: count, DesiredInstanceCount: count }],
    CreationTime: new Date('2026-11-22T00:00:00Z'),
    LastModifiedTime: new Date('2026-11-22T00:00:00Z'),
  });
  const stored = (): EndpointRecord => ({
    name: 'llama-ep',
    tenant: 'team-a',
    model: 'llama',
    configs: ['c1'],
    alarms: [],
    createdAt: '2026-11-22T00:00:00.000Z',
    updatedAt: '2026-11-22T00:00:00.000Z',
  });

  it('refuses a resize SageMaker finds in progress with 409 EndpointBusy and the status, and puts the record back', async () => {
    store.records.set('llama-ep', stored());
    // Another request's resize got to SageMaker first: it is updating by the time this one asks.
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce(inService(1))
      .resolves({ ...inService(1), EndpointStatus: 'Updating' });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] });
    sagemaker
      .on(UpdateEndpointWeightsAndCapacitiesCommand)
      .rejects(awsError('ValidationException', 'Cannot update in-progress endpoint "arn:aws-test:sagemaker:us-east-1:123456789012:endpoint/llama-ep".'));
    const error = await service.update('team-a', 'llama-ep', { instanceCount: 3, deployment: { strategy: 'canary' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: 'EndpointBusy' });
    expect((error as ConflictError).extensions()).toEqual({ currentStatus: 'updating' });
    expect(store.records.get('llama-ep')).toEqual(stored());
  });

  it('asks nothing of SageMaker when another change claimed the record first, and answers 409 EndpointChanged', async () => {
    store.records.set('llama-ep', stored());
    sagemaker.on(DescribeEndpointCommand).resolves(inService(1));
    // The other change lands while this request reads SageMaker.
    sagemaker.on(DescribeEndpointConfigCommand).callsFake(() => {
      store.records.set('llama-ep', { ...stored(), updatedAt: '2026-11-22T00:00:01.000Z' });
      return { ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] };
    });
    await expect(service.update('team-a', 'llama-ep', { instanceCount: 4 })).rejects.toMatchObject({ status: 409, code: 'EndpointChanged' });
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
  });

  it('answers a request that changes nothing with the endpoint as it found it, writing nothing', async () => {
    store.records.set('llama-ep', stored());
    sagemaker.on(DescribeEndpointCommand).resolves(inService(3));
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] });
    const view = await service.update('team-a', 'llama-ep', { instanceCount: 3 });
    expect(view).toMatchObject({ status: 'running', instanceCount: { current: 3, desired: 3 }, updatedAt: '2026-11-22T00:00:00.000Z' });
    expect(store.records.get('llama-ep')).toEqual(stored());
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
  });

  it('lets AWS throttling surface as a 429 Throttled', async () => {
    store.records.set('llama-ep', { name: 'llama-ep', tenant: 'team-a', model: 'llama', configs: ['c1'], alarms: [], createdAt: 'x', updatedAt: 'x' });
    sagemaker
      .on(DescribeEndpointCommand)
      .resolves({ EndpointName: 'llama-ep', EndpointStatus: 'InService', EndpointConfigName: 'c1', CreationTime: new Date(), LastModifiedTime: new Date() });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] });
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const error = fromAwsError(await service.update('team-a', 'llama-ep', { instanceCount: 2 }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ThrottledError);
  });
});

// Pause and resume that fail half-way: the emulator cannot throttle or refuse for a quota, so
// SageMaker answers so through aws-sdk-client-mock.
describe('EndpointService pause and resume that fail half-way', () => {
  const sagemaker = mockClient(SageMakerClient);
  const autoscaling = { minInstances: 1, maxInstances: 4, target: { metric: 'concurrentRequests' as const, value: 8 } };
  let store: MemoryStore;
  let scalingCalls: string[];
  let scheduleCalls: string[];
  let service: EndpointService;
  let invocations: InvocationCounts['sum'];
  const running: EndpointRecord = {
    name: 'llama-ep',
    tenant: 'team-a',
    model: 'llama',
    autoscaling,
    configs: ['c1'],
    alarms: [],
    createdAt: '2026-11-22T00:00:00Z',
    updatedAt: '2026-11-22T00:00:00Z',
  };
  const gone = awsError('ValidationException', 'Could not find endpoint "llama-ep".');

  beforeEach(() => {
    sagemaker.reset();
    store = new MemoryStore();
    scalingCalls = [];
    scheduleCalls = [];
    invocations = async () => 0;
    service = new EndpointService({
      store,
      sagemaker: new SageMakerEndpointGateway(new SageMakerClient({ region: 'us-east-1' })),
      scaling: {
        apply: async (name) => void scalingCalls.push(`apply ${name}`),
        remove: async (name) => void scalingCalls.push(`remove ${name}`),
      },
      alarms: { ensure: async () => [], remove: async () => undefined },
      versions,
      clock: { now: () => new Date('2026-11-23T00:00:00Z') },
      region: 'us-east-1',
      health: { lastHealth: async () => new Map() },
      schedules: {
        put: async (name, kind) => void scheduleCalls.push(`put ${name} ${kind}`),
        remove: async (name, kind) => void scheduleCalls.push(`remove ${name} ${kind}`),
      },
      invocations: { sum: async (endpoint, variants, start, end) => invocations(endpoint, variants, start, end) },
    });
  });
  afterEach(() => sagemaker.reset());

  const kept = { at: '2026-11-22T12:00:00.000Z', variants: [{ name: 'main', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 2, weight: 1 }] };

  it('settles a paused endpoint once SageMaker has deleted it: its configs go, the record stays paused', async () => {
    store.records.set('llama-ep', { ...running, configs: ['c1'], paused: kept });
    sagemaker.on(DescribeEndpointCommand).rejects(gone);
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    await service.reconcile('llama-ep');
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual(['c1']);
    expect(store.records.get('llama-ep')).toEqual({ ...running, configs: [], paused: kept });
    expect(await service.get('team-a', 'llama-ep')).toMatchObject({ status: 'paused', sagemakerStatus: 'Deleted', pausedAt: kept.at });
  });

  it('changes only the kept definition of a paused endpoint, and deletes it with its schedules and no SageMaker call but config clean-up', async () => {
    store.records.set('llama-ep', { ...running, configs: [], paused: kept });
    sagemaker.on(DescribeEndpointCommand).rejects(gone);
    const changed = await service.update('team-a', 'llama-ep', { instanceCount: 3 });
    expect(changed).toMatchObject({ status: 'paused', instanceCount: { current: 0, desired: 3 } });
    expect(store.records.get('llama-ep')?.paused).toEqual({ ...kept, variants: [{ ...kept.variants[0], instanceCount: 3 }] });
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    const deleted = await service.delete('team-a', 'llama-ep');
    expect(deleted.status).toBe('deleting');
    expect(store.records.has('llama-ep')).toBe(false);
    expect(scheduleCalls).toEqual(['remove llama-ep pause', 'remove llama-ep resume']);
  });

  it('keeps schedules in the record and in Scheduler on a schedule-only PATCH, and removes one given null', async () => {
    store.records.set('llama-ep', { ...running, configs: [], paused: kept });
    sagemaker.on(DescribeEndpointCommand).rejects(gone);
    const schedule = { cron: '0 19 * * MON-FRI', timezone: 'Europe/Berlin' };
    expect(await service.update('team-a', 'llama-ep', { pauseSchedule: schedule, resumeSchedule: schedule })).toMatchObject({ pauseSchedule: schedule });
    expect(store.records.get('llama-ep')).toMatchObject({ pauseSchedule: schedule, resumeSchedule: schedule, paused: kept });
    const removed = await service.update('team-a', 'llama-ep', { pauseSchedule: null });
    expect(removed.pauseSchedule).toBeUndefined();
    expect(removed.resumeSchedule).toEqual(schedule);
    expect(scheduleCalls).toEqual(['put llama-ep pause', 'put llama-ep resume', 'remove llama-ep pause']);
    await expect(service.update('team-a', 'llama-ep', { resumeSchedule: { cron: '0 7 * * 1', timezone: 'UTC' } })).rejects.toMatchObject({ status: 400 });
  });

  it('skips a scheduled action the endpoint is not in a state to take, without retrying', async () => {
    store.records.set('llama-ep', { ...running, configs: [], paused: kept });
    sagemaker.on(DescribeEndpointCommand).rejects(gone);
    expect(await service.scheduled('pause', 'llama-ep')).toEqual({ done: false, reason: 'endpoint llama-ep is already paused' });
    expect(await service.scheduled('resume', 'nothing-here')).toEqual({ done: false, reason: 'endpoint nothing-here does not exist' });
  });

  // The emulator's CloudWatch cannot be made to fail a read; the idle pause must then not pause.
  it('pauses an idle endpoint through pause, and leaves one whose invocations cannot be read running, reporting it', async () => {
    // Clock 2026-11-23T00:00Z; the SageMaker endpoint has served since 22:00 the day before.
    const idle: EndpointRecord = { ...running, idlePause: { afterMinutes: 60 } };
    store.records.set('llama-ep', idle);
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ep',
      EndpointStatus: 'InService',
      EndpointConfigName: 'c1',
      ProductionVariants: [{ VariantName: 'main', CurrentInstanceCount: 2, DesiredInstanceCount: 2 }],
      CreationTime: new Date('2026-11-22T22:00:00Z'),
      LastModifiedTime: new Date('2026-11-22T22:00:00Z'),
    });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 2 }] });
    sagemaker.on(DeleteEndpointCommand).resolves({});
    const reads: string[] = [];
    invocations = async (endpoint, variants, start, end) => {
      reads.push(`${endpoint} ${variants.join(',')} ${start.toISOString()} ${end.toISOString()}`);
      throw new UpstreamError('ServiceUnavailable', 'CloudWatch could not read Invocations: throttled');
    };
    expect(await service.idleSweep()).toEqual({ paused: [], failures: ['llama-ep: idle check: CloudWatch could not read Invocations: throttled'] });
    expect(reads).toEqual(['llama-ep main 2026-11-22T23:00:00.000Z 2026-11-23T00:00:00.000Z']);
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toEqual([]);
    expect(store.records.get('llama-ep')).toEqual(idle);

    invocations = async () => 0;
    const swept = await service.sweep();
    expect(swept.idlePaused).toEqual([{ name: 'llama-ep', tenant: 'team-a', afterMinutes: 60, reason: 'it received no invocations in the last 60 minutes' }]);
    expect(swept).toMatchObject({ counts: { paused: 1 }, total: 1, failures: [] });
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(1);
    expect(store.records.get('llama-ep')).toMatchObject({
      idlePause: { afterMinutes: 60 },
      paused: { at: '2026-11-23T00:00:00.000Z', variants: [{ name: 'main', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 2 }] },
    });
  });

  it('puts the record and autoscaling back when DeleteEndpoint is throttled', async () => {
    store.records.set('llama-ep', running);
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ep',
      EndpointStatus: 'InService',
      EndpointConfigName: 'c1',
      ProductionVariants: [{ VariantName: 'main', CurrentInstanceCount: 2, DesiredInstanceCount: 2 }],
      CreationTime: new Date(),
      LastModifiedTime: new Date(),
    });
    sagemaker
      .on(DescribeEndpointConfigCommand)
      .resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] });
    sagemaker.on(DeleteEndpointCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const error = fromAwsError(await service.pause('team-a', 'llama-ep').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ThrottledError);
    expect(store.records.get('llama-ep')).toEqual(running);
    expect(scalingCalls).toEqual(['remove llama-ep', 'apply llama-ep']);
  });

  it('removes the new config and keeps the endpoint paused when the resume hits a quota', async () => {
    const paused: EndpointRecord = {
      ...running,
      configs: [],
      paused: { at: '2026-11-22T12:00:00.000Z', variants: [{ name: 'main', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 2, weight: 1 }] },
    };
    store.records.set('llama-ep', paused);
    sagemaker.on(DescribeEndpointCommand).rejects(gone);
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker
      .on(CreateEndpointCommand)
      .rejects(awsError('ResourceLimitExceeded', "The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 1 Instances"));
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    const error = await service.resume('team-a', 'llama-ep').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    const created = sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input;
    expect(created.ProductionVariants?.[0]).toMatchObject({ ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 2 });
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual([created.EndpointConfigName]);
    expect(store.records.get('llama-ep')).toEqual(paused);
  });

  // The emulator's transition time is one setting for every suite sharing it, so a SageMaker
  // endpoint held in Deleting is answered here.
  it('answers a pause whose endpoint SageMaker is still deleting as paused, and refuses its resume with EndpointPausing', async () => {
    const paused: EndpointRecord = {
      ...running,
      paused: { at: '2026-11-22T12:00:00.000Z', variants: [{ name: 'main', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 2, weight: 1 }] },
    };
    store.records.set('llama-ep', paused);
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ep',
      EndpointStatus: 'Deleting',
      EndpointConfigName: 'c1',
      CreationTime: new Date(),
      LastModifiedTime: new Date(),
    });
    expect(await service.get('team-a', 'llama-ep')).toMatchObject({ status: 'paused', sagemakerStatus: 'Deleting', instanceCount: { current: 0, desired: 2 } });
    await expect(service.resume('team-a', 'llama-ep')).rejects.toMatchObject({ status: 409, code: 'EndpointPausing' });
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(store.records.get('llama-ep')).toEqual(paused);
  });
});
