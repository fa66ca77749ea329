import {
  ApplicationAutoScalingClient,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  ObjectNotFoundException,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  ListEndpointsCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type DeploymentConfig,
  type DescribeEndpointOutput,
  type EndpointStatus,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureEmulator, injectEndpointFault, recordedCalls, startEmulator, type Emulator } from '../../local/emulator.js';

// moto's fixed account; the partition is kept out of string literals (see eslint.config.js).
const partition = 'aws';
const arnPrefix = `arn:${partition}:sagemaker:us-east-1:123456789012`;
const roleArn = `arn:${partition}:iam::123456789012:role/modelplane-test`;
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:test';
const transitionSeconds = 0.2;
const dimension = 'sagemaker:variant:DesiredInstanceCount';
const blueGreen: DeploymentConfig = {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 20 }, WaitIntervalInSeconds: 60 },
    TerminationWaitInSeconds: 120,
  },
  AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'modelplane-test-5xx' }] },
};

let sequence = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service error a call failed with; fails the test if the call succeeded. */
async function rejection<E extends Error = SageMakerServiceException>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error && '$metadata' in error) return error as E;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('emulator endpoints', () => {
  let emulator: Emulator;
  let sagemaker: SageMakerClient;
  let scaling: ApplicationAutoScalingClient;
  let cloudwatch: CloudWatchClient;

  beforeAll(async () => {
    emulator = await startEmulator({ endpointTransitionSeconds: transitionSeconds });
    const common = { endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    sagemaker = new SageMakerClient(common);
    scaling = new ApplicationAutoScalingClient(common);
    cloudwatch = new CloudWatchClient(common);
  });
  afterAll(async () => {
    sagemaker?.destroy();
    scaling?.destroy();
    cloudwatch?.destroy();
    await emulator?.stop();
  });

  const describeEndpoint = (name: string) => sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));

  /** Polls DescribeEndpoint and returns the statuses seen (each once, in order) until `final`. */
  async function statusesUntil(name: string, final: EndpointStatus | 'gone', timeoutMs = 5_000): Promise<string[]> {
    const seen: string[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let status: string;
      try {
        status = (await describeEndpoint(name)).EndpointStatus!;
      } catch (error) {
        if (!(error instanceof SageMakerServiceException && error.message.startsWith('Could not find endpoint'))) throw error;
        status = 'gone';
      }
      if (seen.at(-1) !== status) seen.push(status);
      if (status === final) return seen;
      if (Date.now() > deadline) throw new Error(`endpoint ${name} went ${seen.join(' -> ')}, never ${final}`);
      await sleep(40);
    }
  }

  async function createModel(name = uniqueName('model'), container: { Image?: string; ModelPackageName?: string } = { Image: image }): Promise<string> {
    await sagemaker.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: roleArn, PrimaryContainer: container }));
    return name;
  }

  async function createConfig(model: string, count = 1, instanceType: ProductionVariantInstanceType = 'ml.g5.2xlarge'): Promise<string> {
    const name = uniqueName('config');
    await sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: name,
        ProductionVariants: [{ VariantName: 'main', ModelName: model, InstanceType: instanceType, InitialInstanceCount: count }],
      }),
    );
    return name;
  }

  /** An endpoint on a new model and config, created and (unless told otherwise) waited InService. */
  async function endpointInService(count = 1): Promise<{ name: string; model: string; config: string }> {
    const model = await createModel();
    const config = await createConfig(model, count);
    const name = uniqueName('endpoint');
    await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
    expect(await statusesUntil(name, 'InService')).toEqual(['Creating', 'InService']);
    return { name, model, config };
  }

  async function registerTarget(name: string): Promise<string> {
    const resourceId = `endpoint/${name}/variant/main`;
    await scaling.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: resourceId,
        ScalableDimension: dimension,
        MinCapacity: 1,
        MaxCapacity: 4,
      }),
    );
    return resourceId;
  }

  async function putTargetTracking(resourceId: string): Promise<void> {
    await scaling.send(
      new PutScalingPolicyCommand({
        PolicyName: 'invocations',
        ServiceNamespace: 'sagemaker',
        ResourceId: resourceId,
        ScalableDimension: dimension,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
          ScaleInCooldown: 300,
          ScaleOutCooldown: 60,
        },
      }),
    );
  }

  describe('patch_endpoint_lifecycle', () => {
    it('goes Creating then InService when the transition time has passed, with variant details in both states', async () => {
      const model = await createModel();
      const config = await createConfig(model, 2);
      const name = uniqueName('endpoint');
      const created = await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      expect(created.EndpointArn).toBe(`${arnPrefix}:endpoint/${name}`);

      const creating = await describeEndpoint(name);
      expect(creating).toMatchObject({ EndpointName: name, EndpointConfigName: config, EndpointStatus: 'Creating' });
      expect(creating.FailureReason).toBeUndefined();
      expect(creating.PendingDeploymentSummary).toBeUndefined();
      const [variant] = creating.ProductionVariants!;
      expect(variant).toMatchObject({
        VariantName: 'main',
        DeployedImages: [{ SpecifiedImage: image }],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 0,
        DesiredInstanceCount: 2,
        VariantStatus: [{ Status: 'Creating' }],
      });
      expect(variant!.VariantStatus![0]!.StartTime).toEqual(creating.CreationTime);

      expect(await statusesUntil(name, 'InService')).toEqual(['Creating', 'InService']);
      const ready = await describeEndpoint(name);
      expect(ready.ProductionVariants).toEqual([
        {
          VariantName: 'main',
          DeployedImages: [{ SpecifiedImage: image, ResolutionTime: creating.CreationTime }],
          CurrentWeight: 1,
          DesiredWeight: 1,
          CurrentInstanceCount: 2,
          DesiredInstanceCount: 2,
        },
      ]);
      expect(ready.CreationTime).toEqual(creating.CreationTime);
      expect(ready.LastModifiedTime!.getTime() - creating.CreationTime!.getTime()).toBeGreaterThanOrEqual(transitionSeconds * 1000 - 1);
    });

    it('filters ListEndpoints on the status the endpoint has reached when StatusEquals is given', async () => {
      const model = await createModel();
      const config = await createConfig(model);
      const name = uniqueName('endpoint');
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      const creating = await sagemaker.send(new ListEndpointsCommand({ NameContains: name, StatusEquals: 'Creating' }));
      expect(creating.Endpoints?.map((e) => e.EndpointName)).toEqual([name]);
      await sleep(transitionSeconds * 1000 + 50);
      const inService = await sagemaker.send(new ListEndpointsCommand({ NameContains: name }));
      expect(inService.Endpoints?.map((e) => e.EndpointStatus)).toEqual(['InService']);
    });

    it('takes DeployedImages from the model package when the model container names one', async () => {
      const group = uniqueName('group');
      await sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: group }));
      const packaged = `${image}-packaged`;
      const version = await sagemaker.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: group,
          InferenceSpecification: {
            Containers: [{ Image: packaged }],
            SupportedContentTypes: ['application/json'],
            SupportedResponseMIMETypes: ['application/json'],
          },
        }),
      );
      const model = await createModel(uniqueName('model'), { ModelPackageName: version.ModelPackageArn! });
      const name = uniqueName('endpoint');
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
      const described = await describeEndpoint(name);
      expect(described.ProductionVariants?.[0]?.DeployedImages?.map((i) => i.SpecifiedImage)).toEqual([packaged]);
    });

    it('goes Deleting then disappears with AWS wording when DeleteEndpoint is called, and frees the name', async () => {
      const { name, config } = await endpointInService();
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      expect(await statusesUntil(name, 'gone')).toEqual(['Deleting', 'gone']);
      const error = await rejection(describeEndpoint(name));
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(`Could not find endpoint "${arnPrefix}:endpoint/${name}".`);
      expect((await sagemaker.send(new ListEndpointsCommand({ NameContains: name }))).Endpoints).toEqual([]);
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      expect((await describeEndpoint(name)).EndpointStatus).toBe('Creating');
    });

    it('moves LastModifiedTime forward when DeleteEndpoint is called', async () => {
      const { name } = await endpointInService();
      const before = await describeEndpoint(name);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      const deleting = await describeEndpoint(name);
      expect(deleting.EndpointStatus).toBe('Deleting');
      expect(deleting.LastModifiedTime!.getTime()).toBeGreaterThan(before.LastModifiedTime!.getTime());
    });

    it('refuses DeleteEndpoint with ValidationException when the endpoint is still Creating', async () => {
      const model = await createModel();
      const name = uniqueName('endpoint');
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
      const error = await rejection(sagemaker.send(new DeleteEndpointCommand({ EndpointName: name })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(`Cannot update in-progress endpoint "${arnPrefix}:endpoint/${name}".`);
      expect(await statusesUntil(name, 'InService')).toEqual(['Creating', 'InService']);
    });

    it('refuses DeleteEndpoint with ValidationException when the endpoint does not exist', async () => {
      const name = uniqueName('missing');
      const error = await rejection(sagemaker.send(new DeleteEndpointCommand({ EndpointName: name })));
      expect(error.message).toBe(`Could not find endpoint "${arnPrefix}:endpoint/${name}".`);
    });

    it('refuses CreateEndpoint with ValidationException when the endpoint config does not exist', async () => {
      const config = uniqueName('missing');
      const error = await rejection(sagemaker.send(new CreateEndpointCommand({ EndpointName: uniqueName('endpoint'), EndpointConfigName: config })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(`Could not find endpoint configuration "${arnPrefix}:endpoint-config/${config}".`);
    });

    it('ends Failed with the FailureReason when a create fault is injected, then only allows delete', async () => {
      const model = await createModel();
      const config = await createConfig(model);
      const name = uniqueName('endpoint');
      await injectEndpointFault(emulator.endpoint, {
        endpoint: name,
        operation: 'create',
        reason: 'The primary container for production variant main did not pass the ping health check.',
      });
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      expect(await statusesUntil(name, 'Failed')).toEqual(['Creating', 'Failed']);
      const failed = await describeEndpoint(name);
      expect(failed.FailureReason).toBe('The primary container for production variant main did not pass the ping health check.');
      expect(failed.ProductionVariants?.[0]).toMatchObject({ CurrentInstanceCount: 0, DesiredInstanceCount: 1 });
      expect(failed.ProductionVariants?.[0]?.VariantStatus).toBeUndefined();

      const update = await rejection(sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: config })));
      expect(update.message).toBe(`Cannot update failed endpoint "${arnPrefix}:endpoint/${name}".`);
      const scale = await rejection(
        sagemaker.send(
          new UpdateEndpointWeightsAndCapacitiesCommand({
            EndpointName: name,
            DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredInstanceCount: 2 }],
          }),
        ),
      );
      expect(scale.message).toBe(`Cannot update failed endpoint "${arnPrefix}:endpoint/${name}".`);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      expect(await statusesUntil(name, 'gone')).toEqual(['Deleting', 'gone']);
    });

    it('consumes a create fault once so that the next endpoint of that name is created normally', async () => {
      const model = await createModel();
      const config = await createConfig(model);
      const name = uniqueName('endpoint');
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'create', reason: 'image pull failed' });
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      expect(await statusesUntil(name, 'Failed')).toEqual(['Creating', 'Failed']);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      await statusesUntil(name, 'gone');
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      expect(await statusesUntil(name, 'InService')).toEqual(['Creating', 'InService']);
      expect((await describeEndpoint(name)).FailureReason).toBeUndefined();
    });
  });

  describe('patch_update_endpoint', () => {
    it('goes Updating with a pending deployment, then InService on the new config with LastDeploymentConfig', async () => {
      const { name, model, config: oldConfig } = await endpointInService();
      const newConfig = await createConfig(model, 3, 'ml.g5.4xlarge');
      const before = await describeEndpoint(name);
      const answer = await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: newConfig, DeploymentConfig: blueGreen }));
      expect(answer.EndpointArn).toBe(`${arnPrefix}:endpoint/${name}`);

      const updating = await describeEndpoint(name);
      expect(updating).toMatchObject({ EndpointStatus: 'Updating', EndpointConfigName: oldConfig, ProductionVariants: before.ProductionVariants });
      expect(updating.LastModifiedTime!.getTime()).toBeGreaterThan(before.LastModifiedTime!.getTime());
      expect(updating.PendingDeploymentSummary).toEqual({
        EndpointConfigName: newConfig,
        StartTime: updating.LastModifiedTime,
        ProductionVariants: [
          {
            VariantName: 'main',
            DeployedImages: [{ SpecifiedImage: image, ResolutionTime: updating.LastModifiedTime }],
            CurrentWeight: 1,
            DesiredWeight: 1,
            CurrentInstanceCount: 0,
            DesiredInstanceCount: 3,
            InstanceType: 'ml.g5.4xlarge',
            VariantStatus: [{ Status: 'Creating', StartTime: updating.LastModifiedTime }],
          },
        ],
      });

      expect(await statusesUntil(name, 'InService')).toEqual(['Updating', 'InService']);
      const done = await describeEndpoint(name);
      expect(done).toMatchObject({ EndpointConfigName: newConfig, LastDeploymentConfig: blueGreen });
      expect(done.ProductionVariants).toMatchObject([{ VariantName: 'main', CurrentInstanceCount: 3, DesiredInstanceCount: 3 }]);
      expect(done.ProductionVariants?.[0]?.VariantStatus).toBeUndefined();
      expect(done.PendingDeploymentSummary).toBeUndefined();
      expect(done.FailureReason).toBeUndefined();
    });

    it('records the UpdateEndpoint request as sent when recordedCalls is asked for it', async () => {
      const { name, model } = await endpointInService();
      const newConfig = await createConfig(model);
      await sagemaker.send(
        new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: newConfig, DeploymentConfig: blueGreen, RetainAllVariantProperties: false }),
      );
      const calls = (await recordedCalls(emulator.endpoint, 'UpdateEndpoint')) as { EndpointName: string }[];
      expect(calls.filter((c) => c.EndpointName === name)).toEqual([
        { EndpointName: name, EndpointConfigName: newConfig, DeploymentConfig: blueGreen, RetainAllVariantProperties: false },
      ]);
      const creates = (await recordedCalls(emulator.endpoint, 'CreateEndpoint')) as { EndpointName: string }[];
      expect(creates.filter((c) => c.EndpointName === name)).toHaveLength(1);
    });

    it('keeps the scaled instance count when RetainAllVariantProperties is true, unless that property is excluded', async () => {
      const { name, model } = await endpointInService();
      await sagemaker.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredInstanceCount: 3 }] }),
      );
      await statusesUntil(name, 'InService');
      await sagemaker.send(
        new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model, 1), RetainAllVariantProperties: true }),
      );
      expect((await describeEndpoint(name)).PendingDeploymentSummary?.ProductionVariants?.[0]?.DesiredInstanceCount).toBe(3);
      await statusesUntil(name, 'InService');
      expect((await describeEndpoint(name)).ProductionVariants?.[0]).toMatchObject({ CurrentInstanceCount: 3, DesiredInstanceCount: 3 });

      await sagemaker.send(
        new UpdateEndpointCommand({
          EndpointName: name,
          EndpointConfigName: await createConfig(model, 2),
          RetainAllVariantProperties: true,
          ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredInstanceCount' }],
        }),
      );
      await statusesUntil(name, 'InService');
      expect((await describeEndpoint(name)).ProductionVariants?.[0]).toMatchObject({ CurrentInstanceCount: 2, DesiredInstanceCount: 2 });
    });

    it('reuses the last deployment config when RetainDeploymentConfig is true and none is sent', async () => {
      const { name, model } = await endpointInService();
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model), DeploymentConfig: blueGreen }));
      await statusesUntil(name, 'InService');
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model), RetainDeploymentConfig: true }));
      await statusesUntil(name, 'InService');
      expect((await describeEndpoint(name)).LastDeploymentConfig).toEqual(blueGreen);
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
      await statusesUntil(name, 'InService');
      expect((await describeEndpoint(name)).LastDeploymentConfig).toBeUndefined();
    });

    it('keeps serving when the old endpoint config is deleted after the update', async () => {
      const { name, model, config: oldConfig } = await endpointInService();
      const newConfig = await createConfig(model);
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: newConfig }));
      await statusesUntil(name, 'InService');
      await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: oldConfig }));
      expect((await describeEndpoint(name)).EndpointConfigName).toBe(newConfig);
    });

    it.each<['Creating' | 'Updating']>([['Creating'], ['Updating']])(
      'refuses UpdateEndpoint with ValidationException when the endpoint is %s',
      async (status) => {
        const model = await createModel();
        const config = await createConfig(model);
        const name = uniqueName('endpoint');
        if (status === 'Creating') {
          await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
        } else {
          await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
          await statusesUntil(name, 'InService');
          await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
        }
        expect((await describeEndpoint(name)).EndpointStatus).toBe(status);
        const error = await rejection(sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: config })));
        expect(error.name).toBe('ValidationException');
        expect(error.$metadata.httpStatusCode).toBe(400);
        expect(error.message).toBe(`Cannot update in-progress endpoint "${arnPrefix}:endpoint/${name}".`);
      },
    );

    it('refuses UpdateEndpoint with ValidationException and changes nothing when the endpoint config does not exist', async () => {
      const { name, config } = await endpointInService();
      const missing = uniqueName('missing');
      const error = await rejection(sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: missing })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(`Could not find endpoint configuration "${arnPrefix}:endpoint-config/${missing}".`);
      expect(await describeEndpoint(name)).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: config });
    });

    it('refuses UpdateEndpoint with ValidationException when the endpoint does not exist', async () => {
      const name = uniqueName('missing');
      const error = await rejection(sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: 'any' })));
      expect(error.message).toBe(`Could not find endpoint "${arnPrefix}:endpoint/${name}".`);
    });

    it('refuses an instance type change of an autoscaled variant until its scalable target is deregistered, and allows a model change', async () => {
      const { name, model } = await endpointInService();
      const resourceId = await registerTarget(name);
      const otherModel = await createModel();
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(otherModel) }));
      await statusesUntil(name, 'InService');

      const bigger = await createConfig(model, 1, 'ml.g6e.2xlarge');
      const error = await rejection(sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: bigger })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain('[main]');
      expect(error.message).toContain('Deregister the scalable target');
      expect((await describeEndpoint(name)).EndpointStatus).toBe('InService');

      await scaling.send(new DeregisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension }));
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: bigger }));
      expect(await statusesUntil(name, 'InService')).toEqual(['Updating', 'InService']);
      await registerTarget(name);
    });

    it('goes Updating, RollingBack, then InService on the old config with the FailureReason when a rolledBack fault is injected', async () => {
      const { name, model, config: oldConfig } = await endpointInService();
      const before = await describeEndpoint(name);
      const reason = 'Alarm modelplane-test-5xx went into ALARM during the baking period; traffic rolled back.';
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'update', reason, outcome: 'rolledBack' });
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model, 2), DeploymentConfig: blueGreen }));
      const seen: DescribeEndpointOutput[] = [];
      for (;;) {
        const described = await describeEndpoint(name);
        if (seen.at(-1)?.EndpointStatus !== described.EndpointStatus) seen.push(described);
        if (described.EndpointStatus === 'InService') break;
        await sleep(40);
      }
      expect(seen.map((d) => d.EndpointStatus)).toEqual(['Updating', 'RollingBack', 'InService']);
      expect(seen[1]).toMatchObject({ FailureReason: reason, PendingDeploymentSummary: { ProductionVariants: [{ VariantStatus: [{ Status: 'Deleting' }] }] } });
      const after = seen[2]!;
      expect(after).toMatchObject({
        EndpointConfigName: oldConfig,
        FailureReason: reason,
        ProductionVariants: before.ProductionVariants,
        LastDeploymentConfig: blueGreen,
      });
      expect(after.PendingDeploymentSummary).toBeUndefined();

      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model, 2) }));
      expect((await describeEndpoint(name)).FailureReason).toBeUndefined();
      expect(await statusesUntil(name, 'InService')).toEqual(['Updating', 'InService']);
    });

    it('ends UpdateRollbackFailed with the FailureReason when a rollbackFailed fault is injected, and accepts a new update then', async () => {
      const { name, model } = await endpointInService();
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'update', reason: 'rollback failed', outcome: 'rollbackFailed' });
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model, 2) }));
      expect(await statusesUntil(name, 'UpdateRollbackFailed')).toEqual(['Updating', 'RollingBack', 'UpdateRollbackFailed']);
      expect((await describeEndpoint(name)).FailureReason).toBe('rollback failed');

      const scale = await rejection(
        sagemaker.send(
          new UpdateEndpointWeightsAndCapacitiesCommand({
            EndpointName: name,
            DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredInstanceCount: 2 }],
          }),
        ),
      );
      expect(scale.message).toBe(`Cannot update endpoint "${arnPrefix}:endpoint/${name}" while its status is UpdateRollbackFailed.`);
      const fixed = await createConfig(model, 2);
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: fixed }));
      expect(await statusesUntil(name, 'InService')).toEqual(['Updating', 'InService']);
      expect(await describeEndpoint(name)).toMatchObject({ EndpointConfigName: fixed });
    });

    it('ends Failed with the FailureReason when an update fault is injected without an outcome', async () => {
      const { name, model } = await endpointInService();
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'update', reason: 'CUDA out of memory' });
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
      expect(await statusesUntil(name, 'Failed')).toEqual(['Updating', 'Failed']);
      const failed = await describeEndpoint(name);
      expect(failed.FailureReason).toBe('CUDA out of memory');
      expect(failed.PendingDeploymentSummary).toBeUndefined();
    });
  });

  describe('patch_update_weights_and_capacities', () => {
    it('sets the desired count at once and the current count once InService when the capacity changes', async () => {
      const { name } = await endpointInService();
      const before = await describeEndpoint(name);
      await sagemaker.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredInstanceCount: 3 }] }),
      );
      const updating = await describeEndpoint(name);
      expect(updating.EndpointStatus).toBe('Updating');
      expect(updating.LastModifiedTime!.getTime()).toBeGreaterThan(before.LastModifiedTime!.getTime());
      expect(updating.ProductionVariants?.[0]).toMatchObject({
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 3,
        CurrentWeight: 1,
        DesiredWeight: 1,
        VariantStatus: [{ Status: 'Updating' }],
      });
      expect(await statusesUntil(name, 'InService')).toEqual(['Updating', 'InService']);
      const done = await describeEndpoint(name);
      expect(done.ProductionVariants?.[0]).toMatchObject({ CurrentInstanceCount: 3, DesiredInstanceCount: 3, CurrentWeight: 1, DesiredWeight: 1 });
      expect(done.ProductionVariants?.[0]?.VariantStatus).toBeUndefined();
      const calls = (await recordedCalls(emulator.endpoint, 'UpdateEndpointWeightsAndCapacities')) as { EndpointName: string }[];
      expect(calls.filter((c) => c.EndpointName === name)).toEqual([
        { EndpointName: name, DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredInstanceCount: 3 }] },
      ]);
    });

    it('changes the weight and keeps the count when only DesiredWeight is sent', async () => {
      const { name } = await endpointInService(2);
      await sagemaker.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredWeight: 0.5 }] }),
      );
      expect((await describeEndpoint(name)).ProductionVariants?.[0]).toMatchObject({ CurrentWeight: 1, DesiredWeight: 0.5, DesiredInstanceCount: 2 });
      await statusesUntil(name, 'InService');
      expect((await describeEndpoint(name)).ProductionVariants?.[0]).toMatchObject({ CurrentWeight: 0.5, DesiredWeight: 0.5, CurrentInstanceCount: 2 });
    });

    it.each<['Creating' | 'Updating']>([['Creating'], ['Updating']])('refuses with ValidationException when the endpoint is %s', async (status) => {
      // Long enough that a loaded machine cannot let the endpoint settle between the calls below.
      if (status === 'Creating') await configureEmulator(emulator.endpoint, { endpointTransitionSeconds: 5 });
      try {
        const model = await createModel();
        const name = uniqueName('endpoint');
        await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
        const scale = (count: number) =>
          sagemaker.send(
            new UpdateEndpointWeightsAndCapacitiesCommand({
              EndpointName: name,
              DesiredWeightsAndCapacities: [{ VariantName: 'main', DesiredInstanceCount: count }],
            }),
          );
        if (status === 'Updating') {
          await statusesUntil(name, 'InService');
          await configureEmulator(emulator.endpoint, { endpointTransitionSeconds: 5 });
          await scale(2);
        }
        expect((await describeEndpoint(name)).EndpointStatus).toBe(status);
        const error = await rejection(scale(4));
        expect(error.name).toBe('ValidationException');
        expect(error.message).toBe(`Cannot update in-progress endpoint "${arnPrefix}:endpoint/${name}".`);
      } finally {
        await configureEmulator(emulator.endpoint, { endpointTransitionSeconds: transitionSeconds });
      }
    });

    it("keeps moto's validation when the variant is not on the endpoint", async () => {
      const { name, config } = await endpointInService();
      const error = await rejection(
        sagemaker.send(
          new UpdateEndpointWeightsAndCapacitiesCommand({
            EndpointName: name,
            DesiredWeightsAndCapacities: [{ VariantName: 'other', DesiredInstanceCount: 2 }],
          }),
        ),
      );
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(`The variant name(s) "other" is/are not present within endpoint configuration "${config}".`);
    });
  });

  describe('patch_autoscaling_targets', () => {
    it('registers a target and a target-tracking policy, and deletes the policy with the target when it is deregistered', async () => {
      const { name } = await endpointInService();
      const resourceId = await registerTarget(name);
      await putTargetTracking(resourceId);
      const targets = await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }));
      expect(targets.ScalableTargets).toMatchObject([{ ResourceId: resourceId, ScalableDimension: dimension, MinCapacity: 1, MaxCapacity: 4 }]);
      const policies = await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId }));
      expect(policies.ScalingPolicies).toMatchObject([
        {
          PolicyName: 'invocations',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 70,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
          },
        },
      ]);

      await scaling.send(new DeregisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension }));
      expect((await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }))).ScalableTargets).toEqual(
        [],
      );
      expect((await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId }))).ScalingPolicies).toEqual([]);
    });

    it('refuses PutScalingPolicy with ObjectNotFoundException when no scalable target is registered', async () => {
      const resourceId = `endpoint/${uniqueName('endpoint')}/variant/main`;
      const error = await rejection(putTargetTracking(resourceId));
      expect(error).toBeInstanceOf(ObjectNotFoundException);
      expect(error.message).toBe(
        `No scalable target registered for service namespace: sagemaker, resource ID: ${resourceId}, scalable dimension: ${dimension}`,
      );
    });

    it("deregisters the endpoint's scalable targets and policies when DeleteEndpoint is called", async () => {
      const { name } = await endpointInService();
      const resourceId = await registerTarget(name);
      await putTargetTracking(resourceId);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      expect((await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }))).ScalableTargets).toEqual(
        [],
      );
      expect((await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId }))).ScalingPolicies).toEqual([]);
    });
  });

  // What moto 5.2.1 already does right: checked so that an upgrade or a patch cannot break it unseen.
  describe('moto 5.2.1 unpatched behaviour', () => {
    it('stores, describes and deletes CloudWatch alarms on SageMaker endpoint metrics', async () => {
      const name = uniqueName('alarm');
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: name,
          Namespace: 'AWS/SageMaker',
          MetricName: 'Invocation5XXErrors',
          Dimensions: [
            { Name: 'EndpointName', Value: 'llama' },
            { Name: 'VariantName', Value: 'main' },
          ],
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 2,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        }),
      );
      const described = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      expect(described.MetricAlarms).toMatchObject([
        {
          AlarmName: name,
          Namespace: 'AWS/SageMaker',
          MetricName: 'Invocation5XXErrors',
          Threshold: 1,
          EvaluationPeriods: 2,
          TreatMissingData: 'notBreaching',
        },
      ]);
      expect(described.MetricAlarms?.[0]?.Dimensions).toEqual([
        { Name: 'EndpointName', Value: 'llama' },
        { Name: 'VariantName', Value: 'main' },
      ]);
      await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] }));
      expect((await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms).toEqual([]);
    });

    it('updates a scalable target in place when RegisterScalableTarget is called again', async () => {
      const { name } = await endpointInService();
      const resourceId = await registerTarget(name);
      await scaling.send(
        new RegisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: dimension, MaxCapacity: 8 }),
      );
      const targets = await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }));
      expect(targets.ScalableTargets).toMatchObject([{ MinCapacity: 1, MaxCapacity: 8 }]);
    });
  });

  describe('patch_control_api', () => {
    const control = (path: string, init?: RequestInit) => fetch(new URL(`/modelplane-emulator/${path}`, emulator.endpoint), init);
    const post = (path: string, body: unknown) =>
      control(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('reports the transition time given to startEmulator and changes it when configureEmulator is called', async () => {
      expect(await (await control('config')).json()).toEqual({ endpointTransitionSeconds: transitionSeconds });
      await configureEmulator(emulator.endpoint, { endpointTransitionSeconds: 0 });
      try {
        expect(await (await control('config')).json()).toEqual({ endpointTransitionSeconds: 0 });
        const model = await createModel();
        const name = uniqueName('endpoint');
        await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
        expect((await describeEndpoint(name)).EndpointStatus).toBe('InService');
      } finally {
        await configureEmulator(emulator.endpoint, { endpointTransitionSeconds: transitionSeconds });
      }
    });

    it('refuses a transition time with HTTP 400 when it is negative or not a number', async () => {
      await expect(configureEmulator(emulator.endpoint, { endpointTransitionSeconds: -1 })).rejects.toThrow(
        /HTTP 400 endpointTransitionSeconds must be a number/,
      );
      const answer = await post('config', { endpointTransitionSeconds: '1' });
      expect(answer.status).toBe(400);
      expect(await (await control('config')).json()).toEqual({ endpointTransitionSeconds: transitionSeconds });
    });

    it('refuses a fault with HTTP 400 when the outcome does not fit the operation or a field is missing', async () => {
      await expect(injectEndpointFault(emulator.endpoint, { endpoint: 'x', operation: 'create', reason: 'r', outcome: 'rolledBack' })).rejects.toThrow(
        /HTTP 400 outcome for create must be one of: failed/,
      );
      expect((await post('faults', { endpoint: 'x', operation: 'update' })).status).toBe(400);
      expect((await post('faults', { endpoint: 'x', operation: 'delete', reason: 'r' })).status).toBe(400);
    });

    it('lists the faults still waiting when GET /modelplane-emulator/faults is called', async () => {
      const name = uniqueName('endpoint');
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'update', reason: 'first', outcome: 'rolledBack' });
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'update', reason: 'second' });
      const waiting = (await (await control('faults')).json()) as { endpoint: string }[];
      expect(waiting.filter((f) => f.endpoint === name)).toEqual([
        { endpoint: name, operation: 'update', reason: 'first', outcome: 'rolledBack' },
        { endpoint: name, operation: 'update', reason: 'second', outcome: 'failed' },
      ]);
    });

    it('rejects recordedCalls when the operation is not one that is recorded', async () => {
      await expect(recordedCalls(emulator.endpoint, 'DescribeEndpoint')).rejects.toThrow(/HTTP 400 operation must be one of: CreateEndpoint/);
    });

    it('answers 404 with a JSON error when the control route does not exist', async () => {
      const answer = await control('nothing');
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({ error: 'No such control route: GET /modelplane-emulator/nothing' });
    });

    // Last: it wipes the emulator.
    it('forgets faults and recorded calls but keeps the transition time when POST /moto-api/reset is called', async () => {
      const { name, model } = await endpointInService();
      await injectEndpointFault(emulator.endpoint, { endpoint: name, operation: 'update', reason: 'never used' });
      await configureEmulator(emulator.endpoint, { endpointTransitionSeconds: 0.15 });
      expect(await recordedCalls(emulator.endpoint, 'CreateEndpoint')).not.toEqual([]);

      const reset = await fetch(new URL('/moto-api/reset', emulator.endpoint), { method: 'POST' });
      expect(reset.status).toBe(200);
      expect(await (await control('faults')).json()).toEqual([]);
      expect(await recordedCalls(emulator.endpoint, 'CreateEndpoint')).toEqual([]);
      expect(await (await control('config')).json()).toEqual({ endpointTransitionSeconds: 0.15 });
      expect((await rejection(describeEndpoint(name))).message).toMatch(/^Could not find endpoint/);

      // The fault was forgotten: an endpoint of that name now updates normally.
      await createModel(model);
      const config = await createConfig(model);
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      await statusesUntil(name, 'InService');
      await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await createConfig(model) }));
      expect(await statusesUntil(name, 'InService')).toEqual(['Updating', 'InService']);
    });
  });

  describe('startEmulator', () => {
    it('rejects before starting anything when endpointTransitionSeconds is negative', async () => {
      await expect(startEmulator({ endpointTransitionSeconds: -0.5 })).rejects.toThrow(
        /endpointTransitionSeconds must be a number of seconds, 0 or more, got -0.5/,
      );
    });
  });
});
