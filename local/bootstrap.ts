import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, EntityAlreadyExistsException, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  BatchClient,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  RegisterJobDefinitionCommand,
} from '@aws-sdk/client-batch';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleGroupCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { EnvNames, TableKeys } from '../core/env-names.js';
import { formatSourceLocations } from '../core/source-buckets.js';

/** Names of what the stack would create, for the local control plane. */
export const localResources = {
  tableName: 'modelplane-local',
  artifactBucket: 'modelplane-artifacts-local',
  /** A second bucket configured as a packaging source (sourceBuckets), standing in for a SageMaker training output bucket. */
  trainingBucket: 'modelplane-local-training',
  sagemakerRoleName: 'modelplane-sagemaker-execution',
  batchRoleName: 'modelplane-batch-service',
  computeEnvironment: 'modelplane-local',
  jobQueue: 'modelplane-packaging-local',
  jobDefinition: 'modelplane-packager-local',
  scheduleGroup: 'modelplane-local',
  schedulerRoleName: 'modelplane-scheduler',
  /** The function endpoint schedules invoke: locally the runtime's scheduler calls the endpoint events handler for it (local/scheduler.ts). */
  scheduleTarget: 'modelplane-endpoint-events-local',
} as const;

export interface LocalEnvironment {
  [EnvNames.tableName]: string;
  [EnvNames.deployment]: string;
  [EnvNames.artifactBucket]: string;
  [EnvNames.sagemakerRoleArn]: string;
  [EnvNames.jobQueue]: string;
  [EnvNames.jobDefinition]: string;
  [EnvNames.sourceBuckets]: string;
  [EnvNames.scheduleGroup]: string;
  [EnvNames.scheduleTargetArn]: string;
  [EnvNames.schedulerRoleArn]: string;
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
    await dynamo.send(
      new UpdateTimeToLiveCommand({ TableName: localResources.tableName, TimeToLiveSpecification: { AttributeName: timeToLive, Enabled: true } }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await dynamo.send(new DescribeTableCommand({ TableName: localResources.tableName }));
  }
  for (const bucket of [localResources.artifactBucket, localResources.trainingBucket]) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (!(error instanceof Error && /BucketAlready(OwnedByYou|Exists)/.test(error.name))) throw error;
    }
  }
  const roleArn = await ensureRole(iam, localResources.sagemakerRoleName, 'sagemaker.amazonaws.com');
  const batchRoleArn = await ensureRole(iam, localResources.batchRoleName, 'batch.amazonaws.com');
  const batch = new BatchClient(common);
  await ensureBatch(batch, batchRoleArn, { [EnvNames.tableName]: localResources.tableName, [EnvNames.artifactBucket]: localResources.artifactBucket });
  const schedulerRoleArn = await ensureRole(iam, localResources.schedulerRoleName, 'scheduler.amazonaws.com');
  const scheduler = new SchedulerClient(common);
  try {
    await scheduler.send(new CreateScheduleGroupCommand({ Name: localResources.scheduleGroup }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConflictException')) throw error;
  }
  scheduler.destroy();
  batch.destroy();
  dynamo.destroy();
  s3.destroy();
  iam.destroy();
  return {
    [EnvNames.tableName]: localResources.tableName,
    // As a stack named modelplane-local: its endpoints carry this deployment tag.
    [EnvNames.deployment]: localResources.tableName,
    [EnvNames.artifactBucket]: localResources.artifactBucket,
    [EnvNames.sagemakerRoleArn]: roleArn,
    [EnvNames.jobQueue]: localResources.jobQueue,
    [EnvNames.jobDefinition]: localResources.jobDefinition,
    // As a deployment with `sourceBuckets: ["modelplane-local-training"]`: packaging may read the whole bucket.
    [EnvNames.sourceBuckets]: formatSourceLocations([{ bucket: localResources.trainingBucket, prefix: '' }]),
    [EnvNames.scheduleGroup]: localResources.scheduleGroup,
    // The role's account, and a function name nothing in the emulator has: only the local scheduler reads it.
    [EnvNames.scheduleTargetArn]: ['arn', 'aws', 'lambda', region, schedulerRoleArn.split(':')[4], 'function', localResources.scheduleTarget].join(':'),
    [EnvNames.schedulerRoleArn]: schedulerRoleArn,
  };
}

async function ensureRole(iam: IAMClient, roleName: string, service: string): Promise<string> {
  let arn: string | undefined;
  try {
    arn = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
          }),
        }),
      )
    ).Role?.Arn;
  } catch (error) {
    // Another process bootstrapping the same emulator made it first: use that one.
    if (!(error instanceof EntityAlreadyExistsException)) throw error;
    arn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn;
  }
  if (!arn) throw new Error(`The emulator returned no ARN for role ${roleName}.`);
  return arn;
}

/**
 * The Batch queue and job definition packaging jobs are submitted to. The emulator only
 * records jobs (it runs nothing): local/batch-executor.ts runs the packager for each one, with
 * the job definition's environment, as Fargate would.
 */
async function ensureBatch(batch: BatchClient, serviceRole: string, environment: Record<string, string>): Promise<void> {
  const environments = await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [localResources.computeEnvironment] }));
  let computeEnvironmentArn = environments.computeEnvironments?.[0]?.computeEnvironmentArn;
  if (!computeEnvironmentArn) {
    computeEnvironmentArn = (
      await batch.send(
        new CreateComputeEnvironmentCommand({ computeEnvironmentName: localResources.computeEnvironment, type: 'UNMANAGED', state: 'ENABLED', serviceRole }),
      )
    ).computeEnvironmentArn;
  }
  const queues = await batch.send(new DescribeJobQueuesCommand({ jobQueues: [localResources.jobQueue] }));
  if (!queues.jobQueues?.length) {
    await batch
      .send(
        new CreateJobQueueCommand({
          jobQueueName: localResources.jobQueue,
          state: 'ENABLED',
          priority: 1,
          computeEnvironmentOrder: [{ order: 1, computeEnvironment: computeEnvironmentArn }],
        }),
      )
      .catch((error: unknown) => {
        // Another process bootstrapping the same emulator (a parallel test file) made it between our look and our create: use that one.
        if (!(error instanceof Error && error.name === 'ClientException' && /already exists/.test(error.message))) throw error;
      });
  }
  const definitions = await batch.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: localResources.jobDefinition, status: 'ACTIVE' }));
  if (!definitions.jobDefinitions?.length) {
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: localResources.jobDefinition,
        type: 'container',
        containerProperties: {
          image: 'modelplane/packager:local',
          resourceRequirements: [
            { type: 'VCPU', value: '2' },
            { type: 'MEMORY', value: '4096' },
          ],
          environment: Object.entries(environment).map(([name, value]) => ({ name, value })),
        },
      }),
    );
  }
}
