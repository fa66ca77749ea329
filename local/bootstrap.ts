import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, EntityAlreadyExistsException, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { EnvNames, TableKeys } from '../lambdas/shared/env-names.js';

/** Names of what the stack would create, for the local control plane. */
export const localResources = {
  tableName: 'modelplane-local',
  artifactBucket: 'modelplane-artifacts-local',
  sagemakerRoleName: 'modelplane-sagemaker-execution',
} as const;

export interface LocalEnvironment {
  [EnvNames.tableName]: string;
  [EnvNames.artifactBucket]: string;
  [EnvNames.sagemakerRoleArn]: string;
}

/**
 * Creates in the emulator what the CDK stack creates in AWS (the table with the same keys and
 * index, the artifact bucket, the SageMaker execution role) and returns the environment the
 * handlers read. Safe to run again against an emulator that already has them.
 */
export async function bootstrapLocal(endpoint: string, region: string): Promise<LocalEnvironment> {
  const common = { endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };
  const dynamo = new DynamoDBClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const iam = new IAMClient(common);
  const { partitionKey, sortKey, gsi1, timeToLive } = TableKeys;
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: localResources.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [partitionKey, sortKey, gsi1.partitionKey, gsi1.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: gsi1.indexName,
            KeySchema: [
              { AttributeName: gsi1.partitionKey, KeyType: 'HASH' },
              { AttributeName: gsi1.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await dynamo.send(new UpdateTimeToLiveCommand({ TableName: localResources.tableName, TimeToLiveSpecification: { AttributeName: timeToLive, Enabled: true } }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await dynamo.send(new DescribeTableCommand({ TableName: localResources.tableName }));
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: localResources.artifactBucket }));
  } catch (error) {
    if (!(error instanceof Error && /BucketAlready(OwnedByYou|Exists)/.test(error.name))) throw error;
  }
  let roleArn: string | undefined;
  try {
    roleArn = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: localResources.sagemakerRoleName,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      )
    ).Role?.Arn;
  } catch (error) {
    // Another process bootstrapping the same emulator made it first: use that one.
    if (!(error instanceof EntityAlreadyExistsException)) throw error;
    roleArn = (await iam.send(new GetRoleCommand({ RoleName: localResources.sagemakerRoleName }))).Role?.Arn;
  }
  dynamo.destroy();
  s3.destroy();
  iam.destroy();
  if (!roleArn) throw new Error('The emulator returned no ARN for the SageMaker execution role.');
  return {
    [EnvNames.tableName]: localResources.tableName,
    [EnvNames.artifactBucket]: localResources.artifactBucket,
    [EnvNames.sagemakerRoleArn]: roleArn,
  };
}
