import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointRecord, EndpointStore, ServableVersion, Versions } from '../../../lambdas/endpoints/ports.js';
import { SageMakerEndpointGateway } from '../../../lambdas/endpoints/sagemaker-endpoints.js';
import { EndpointService } from '../../../lambdas/endpoints/service.js';
import { fromAwsError } from '../../../lambdas/shared/aws-errors.js';
import { QuotaExceededError, ThrottledError, UpstreamError } from '../../../lambdas/shared/errors.js';

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
  async put(record: EndpointRecord) {
    this.records.set(record.name, record);
  }
  async delete(name: string) {
    this.records.delete(name);
  }
  async listAll() {
    return { items: [...this.records.values()] };
  }
}

const servable: ServableVersion = { model: 'llama', version: 1, approval: 'approved', sagemakerModelName: 'llama-v1', weightBytes: 16 * 1024 ** 3, minGpuMemoryGiB: 20.2, fitsOn: ['ml.g5.xlarge', 'ml.g5.2xlarge'] };
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
      versions,
      clock: { now: () => new Date('2026-11-23T00:00:00Z') },
      region: 'us-east-1',
      health: { lastHealth: async () => new Map([['llama-ep', { gpuUtilization: 40, concurrentRequests: 3, at: '2026-11-22T23:59:00Z' }]]) },
    });
  });
  afterEach(() => sagemaker.reset());

  it('turns a quota refusal into a 400 QuotaExceeded on instanceType and leaves nothing behind', async () => {
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker.on(CreateEndpointCommand).rejects(awsError('ResourceLimitExceeded', 'The account-level service limit \'ml.g5.2xlarge for endpoint usage\' is 0 Instances'));
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
    const error = fromAwsError(await service.create('team-a', { name: 'llama-ep', model: 'llama', version: 1, instanceType: 'ml.g5.2xlarge' }).catch((e: unknown) => e));
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
    store.records.set('llama-ep', { name: 'llama-ep', tenant: 'team-a', model: 'llama', configs: ['c1'], alarms: [], createdAt: '2026-11-22T00:00:00Z', updatedAt: '2026-11-22T00:00:00Z' });
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'llama-ep',
      EndpointStatus: status,
      ...(reason ? { FailureReason: reason } : {}),
      EndpointConfigName: 'c1',
      ProductionVariants: [{ VariantName: 'main', CurrentInstanceCount: 2, DesiredInstanceCount: 2 }],
      CreationTime: new Date('2026-11-22T00:00:00Z'),
      LastModifiedTime: new Date('2026-11-22T01:00:00Z'),
    });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 2 }] });
    const view = await service.get('team-a', 'llama-ep');
    expect(view).toMatchObject({ status: expected, sagemakerStatus: status, version: 1, instanceCount: { current: 2, desired: 2 }, health: { gpuUtilization: 40, concurrentRequests: 3 } });
    if (reason) expect(view.reason).toBe(reason);
    if (status === 'RollingBack') {
      await expect(service.update('team-a', 'llama-ep', { instanceCount: 3 })).rejects.toMatchObject({ code: 'EndpointBusy', status: 409 });
    }
  });

  it('sweeps every endpoint: cleans up one SageMaker no longer has and counts the rest by status', async () => {
    const record = (name: string): EndpointRecord => ({ name, tenant: 'team-a', model: 'llama', configs: [`${name}-c1`], alarms: [], createdAt: 'x', updatedAt: 'x' });
    store.records.set('gone', record('gone'));
    store.records.set('live', record('live'));
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'gone' }).rejects(awsError('ValidationException', 'Could not find endpoint "gone".'));
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'live' }).resolves({ EndpointName: 'live', EndpointStatus: 'InService', EndpointConfigName: 'live-c1', CreationTime: new Date(), LastModifiedTime: new Date() });
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    const swept = await service.sweep();
    expect(swept).toEqual({ counts: { running: 1 }, total: 1, failures: [] });
    expect([...store.records.keys()]).toEqual(['live']);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual(['gone-c1']);
  });

  it('lets AWS throttling surface as a 429 Throttled', async () => {
    store.records.set('llama-ep', { name: 'llama-ep', tenant: 'team-a', model: 'llama', configs: ['c1'], alarms: [], createdAt: 'x', updatedAt: 'x' });
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointName: 'llama-ep', EndpointStatus: 'InService', EndpointConfigName: 'c1', CreationTime: new Date(), LastModifiedTime: new Date() });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ProductionVariants: [{ VariantName: 'main', ModelName: 'llama-v1', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] });
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const error = fromAwsError(await service.update('team-a', 'llama-ep', { instanceCount: 2 }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ThrottledError);
  });
});
