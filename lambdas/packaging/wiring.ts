import { batchClient, documentClient } from '../shared/aws-clients.js';
import { readConfig, required } from '../shared/config.js';
import { logStreamUrl } from '../shared/console-links.js';
import { EnvNames } from '../../core/env-names.js';
import { artifactUploadsPrefix, parseSourceLocations } from '../../core/source-buckets.js';
import { DynamoIdempotencyStore } from '../shared/idempotency.js';
import { DynamoModelStore } from '../registry/dynamo-model-store.js';
import { wireRegistry } from '../registry/wiring.js';
import { AwsBatchJobs } from './aws-batch.js';
import { DynamoJobStore } from './dynamo-job-store.js';
import { RegistryRegistrar } from './registry-registrar.js';
import { PackagingService } from './service.js';

/** Builds the packaging service and its idempotency store from the environment, once per cold start. */
export function wirePackaging(): { service: PackagingService; idempotency: DynamoIdempotencyStore } {
  const config = readConfig();
  const dynamo = documentClient();
  const service = new PackagingService({
    store: new DynamoJobStore(dynamo, config.tableName),
    batch: new AwsBatchJobs(batchClient(), required(process.env, EnvNames.jobQueue), required(process.env, EnvNames.jobDefinition)),
    registry: new RegistryRegistrar(new DynamoModelStore(dynamo, config.tableName), wireRegistry().service),
    clock: { now: () => new Date() },
    sourceLocations: [{ bucket: config.artifactBucket, prefix: artifactUploadsPrefix }, ...parseSourceLocations(process.env[EnvNames.sourceBuckets] ?? '')],
    // The job definition names its log group; AWS Batch's own default is /aws/batch/job. With
    // AWS_ENDPOINT_URL set (the local plane, on the emulator) no console holds the stream: no
    // link, rather than one that opens nothing (the local packager logs to `npm start`'s console).
    logLink: (logStream) =>
      process.env.AWS_ENDPOINT_URL ? undefined : logStreamUrl(config.region, process.env[EnvNames.jobLogGroup] ?? '/aws/batch/job', logStream),
  });
  return { service, idempotency: new DynamoIdempotencyStore(dynamo, config.tableName) };
}
