import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedCalls, startEmulator, type Emulator } from '../../local/emulator.js';

// Several production variants and shadow variants through the AWS SDK (patches
// sagemaker_shadow_variants, sagemaker_endpoint_capacity, sagemaker_endpoint_calls).
const partition = 'aws';
const roleArn = `arn:${partition}:iam::123456789012:role/modelplane-test`;
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:test';

let sequence = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('emulator variants', () => {
  let emulator: Emulator;
  let sagemaker: SageMakerClient;

  beforeAll(async () => {
    emulator = await startEmulator({ endpointTransitionSeconds: 0.2 });
    sagemaker = new SageMakerClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sagemaker?.destroy();
    await emulator?.stop();
  });

  const describeEndpoint = (name: string) => sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));

  async function untilInService(name: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while ((await describeEndpoint(name)).EndpointStatus !== 'InService') {
      if (Date.now() > deadline) throw new Error(`${name} never InService`);
      await sleep(40);
    }
  }

  async function model(): Promise<string> {
    const name = uniqueName('model');
    await sagemaker.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: image } }));
    return name;
  }

  const variant = (name: string, modelName: string, weight: number, count = 1): ProductionVariant => ({
    VariantName: name,
    ModelName: modelName,
    InstanceType: 'ml.g5.2xlarge',
    InitialInstanceCount: count,
    InitialVariantWeight: weight,
  });

  async function config(production: ProductionVariant[], shadows?: ProductionVariant[]): Promise<string> {
    const name = uniqueName('config');
    await sagemaker.send(
      new CreateEndpointConfigCommand({ EndpointConfigName: name, ProductionVariants: production, ...(shadows ? { ShadowProductionVariants: shadows } : {}) }),
    );
    return name;
  }

  async function endpoint(configName: string): Promise<string> {
    const name = uniqueName('endpoint');
    await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName }));
    await untilInService(name);
    return name;
  }

  it('reports each variant’s weight and count, and moves several variants’ weights Desired -> Current in one update', async () => {
    const [a, b] = [await model(), await model()];
    const name = await endpoint(await config([variant('blue', a, 90), variant('green', b, 10, 2)]));
    expect((await describeEndpoint(name)).ProductionVariants).toMatchObject([
      { VariantName: 'blue', CurrentWeight: 90, DesiredWeight: 90, CurrentInstanceCount: 1, DesiredInstanceCount: 1 },
      { VariantName: 'green', CurrentWeight: 10, DesiredWeight: 10, CurrentInstanceCount: 2, DesiredInstanceCount: 2 },
    ]);
    await sagemaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: name,
        DesiredWeightsAndCapacities: [
          { VariantName: 'blue', DesiredWeight: 50 },
          { VariantName: 'green', DesiredWeight: 50, DesiredInstanceCount: 1 },
        ],
      }),
    );
    const updating = await describeEndpoint(name);
    expect(updating.EndpointStatus).toBe('Updating');
    expect(updating.ProductionVariants).toMatchObject([
      { VariantName: 'blue', CurrentWeight: 90, DesiredWeight: 50 },
      { VariantName: 'green', CurrentWeight: 10, DesiredWeight: 50, CurrentInstanceCount: 2, DesiredInstanceCount: 1 },
    ]);
    await untilInService(name);
    expect((await describeEndpoint(name)).ProductionVariants).toMatchObject([
      { VariantName: 'blue', CurrentWeight: 50, DesiredWeight: 50 },
      { VariantName: 'green', CurrentWeight: 50, DesiredWeight: 50, CurrentInstanceCount: 1, DesiredInstanceCount: 1 },
    ]);
  });

  it('records every CreateEndpointConfig, so a test can tell a weight change made none', async () => {
    const a = await model();
    const configName = await config([variant('blue', a, 1)]);
    const name = await endpoint(configName);
    const before = ((await recordedCalls(emulator.endpoint, 'CreateEndpointConfig')) as { EndpointConfigName?: string }[]).length;
    await sagemaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities: [{ VariantName: 'blue', DesiredWeight: 2 }] }),
    );
    const calls = (await recordedCalls(emulator.endpoint, 'CreateEndpointConfig')) as { EndpointConfigName?: string }[];
    expect(calls.map((c) => c.EndpointConfigName)).toContain(configName);
    expect(calls).toHaveLength(before);
  });

  it('keeps shadow variants apart in the config and the endpoint, with their own lifecycle and weight', async () => {
    const [a, b] = [await model(), await model()];
    const configName = await config([variant('main', a, 1)], [variant('shadow', b, 0.2)]);
    const described = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
    expect(described.ProductionVariants?.map((v) => v.VariantName)).toEqual(['main']);
    expect(described.ShadowProductionVariants).toMatchObject([{ VariantName: 'shadow', ModelName: b, InitialVariantWeight: 0.2 }]);
    expect(JSON.stringify(described)).not.toContain('Modelplane');
    const name = uniqueName('endpoint');
    await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName }));
    const creating = await describeEndpoint(name);
    expect(creating.ShadowProductionVariants).toMatchObject([{ VariantName: 'shadow', CurrentInstanceCount: 0, DesiredInstanceCount: 1 }]);
    await untilInService(name);
    const running = await describeEndpoint(name);
    expect(running.ProductionVariants).toHaveLength(1);
    expect(running.ShadowProductionVariants).toMatchObject([{ VariantName: 'shadow', CurrentWeight: 0.2, DesiredWeight: 0.2, CurrentInstanceCount: 1 }]);

    // The sampling changes in place through the shadow's weight.
    await sagemaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities: [{ VariantName: 'shadow', DesiredWeight: 0.5 }] }),
    );
    expect((await describeEndpoint(name)).ShadowProductionVariants).toMatchObject([{ CurrentWeight: 0.2, DesiredWeight: 0.5 }]);
    await untilInService(name);
    expect((await describeEndpoint(name)).ShadowProductionVariants).toMatchObject([{ CurrentWeight: 0.5, DesiredWeight: 0.5 }]);

    // An update to a config without the shadow drops it, showing it pending meanwhile only on the way in.
    await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: await config([variant('main', b, 1)]) }));
    const updating = await describeEndpoint(name);
    expect(updating.PendingDeploymentSummary?.ProductionVariants?.map((v) => v.VariantName)).toEqual(['main']);
    expect(updating.PendingDeploymentSummary?.ShadowProductionVariants).toBeUndefined();
    await untilInService(name);
    expect((await describeEndpoint(name)).ShadowProductionVariants).toBeUndefined();
  });

  it('refuses a shadow beside several production variants, and names used twice, as AWS does', async () => {
    const [a, b] = [await model(), await model()];
    for (const [production, shadows] of [
      [[variant('blue', a, 1), variant('green', b, 1)], [variant('shadow', b, 0.1)]],
      [[variant('main', a, 1)], [variant('main', b, 0.1)]],
    ] as const) {
      const error = await config([...production], [...shadows]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SageMakerServiceException);
      expect((error as Error).name).toBe('ValidationException');
    }
  });
});
