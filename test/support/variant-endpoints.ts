import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  type ProductionVariantInstanceType,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { inject } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { DynamoEndpointStore } from '../../lambdas/endpoints/dynamo-endpoint-store.js';
import type { EndpointRecord } from '../../lambdas/endpoints/ports.js';

// moto's fixed account; the partition is kept out of string literals (see eslint.config.js).
const partition = 'aws';
const roleArn = `arn:${partition}:iam::123456789012:role/modelplane-test`;
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

export interface VariantSpec {
  name: string;
  instanceType: ProductionVariantInstanceType;
  instanceCount: number;
  weight: number;
}

/**
 * An endpoint serving several production variants, made with the SageMaker SDK in the emulator
 * (the API serves one version per endpoint until variants land), and its record written with the
 * endpoints area's own store, so the API knows its owner. Resolves once it is InService.
 */
export async function createVariantEndpoint(
  sagemaker: SageMakerClient,
  name: string,
  tenant: string,
  variants: readonly VariantSpec[],
  timeoutMs = 15_000,
): Promise<{ configName: string }> {
  const configName = `${name}-cfg`;
  for (const variant of variants) {
    await sagemaker.send(new CreateModelCommand({ ModelName: `${name}-${variant.name}`, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: image } }));
  }
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: configName,
      ProductionVariants: variants.map((v) => ({
        VariantName: v.name,
        ModelName: `${name}-${v.name}`,
        InstanceType: v.instanceType,
        InitialInstanceCount: v.instanceCount,
        InitialVariantWeight: v.weight,
      })),
    }),
  );
  await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName }));
  await writeEndpointRecord({ name, tenant, configs: [configName] });
  const deadline = Date.now() + timeoutMs;
  while ((await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus !== 'InService') {
    if (Date.now() > deadline) throw new Error(`endpoint ${name} never came into service`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { configName };
}

/**
 * Writes an endpoint record straight into the emulator's table, with extra attributes (a
 * `status` the record may keep, say) as another area would write them.
 */
export async function writeEndpointRecord(fields: Pick<EndpointRecord, 'name' | 'tenant'> & Partial<EndpointRecord> & Record<string, unknown>): Promise<void> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('emulatorEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
  );
  const now = new Date().toISOString();
  const record: EndpointRecord = { model: 'unknown', configs: [], alarms: [], createdAt: now, updatedAt: now, ...fields };
  try {
    await new DynamoEndpointStore(client, localResources.tableName).create(record);
  } finally {
    client.destroy();
  }
}
