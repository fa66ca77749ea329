import { documentClient, s3Client, sageMakerClient } from '../shared/aws-clients.js';
import { readConfig } from '../shared/config.js';
import { DynamoIdempotencyStore } from '../shared/idempotency.js';
import { DynamoModelStore } from './dynamo-model-store.js';
import { DynamoJobStore } from '../packaging/dynamo-job-store.js';
import { S3ArtifactInspector } from './s3-artifacts.js';
import { SageMakerModelRegistry } from './sagemaker-registry.js';
import { RegistryService } from './service.js';

/** Builds the registry service and its idempotency store from the environment, once per cold start. */
export function wireRegistry(): { service: RegistryService; idempotency: DynamoIdempotencyStore } {
  const config = readConfig();
  const dynamo = documentClient();
  const sagemaker = new SageMakerModelRegistry(sageMakerClient(), config.sagemakerRoleArn);
  const service = new RegistryService({
    store: new DynamoModelStore(dynamo, config.tableName),
    registry: sagemaker,
    endpoints: sagemaker,
    artifacts: new S3ArtifactInspector(s3Client()),
    // Packaging owns the job records; the registry only reads one when asked for a version from a job.
    packagingJobs: new DynamoJobStore(dynamo, config.tableName),
    clock: { now: () => new Date() },
    artifactBucket: config.artifactBucket,
  });
  return { service, idempotency: new DynamoIdempotencyStore(dynamo, config.tableName) };
}
