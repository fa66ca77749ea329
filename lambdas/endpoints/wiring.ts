import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { documentClient, sageMakerClient } from '../shared/aws-clients.js';
import { readConfig } from '../shared/config.js';
import { DynamoIdempotencyStore } from '../shared/idempotency.js';
import { DynamoModelStore } from '../registry/dynamo-model-store.js';
import { SageMakerModelRegistry } from '../registry/sagemaker-registry.js';
import { CloudWatchRollbackAlarms } from './alarms.js';
import { DynamoEndpointStore } from './dynamo-endpoint-store.js';
import { RegistryVersions } from './registry-versions.js';
import { SageMakerEndpointGateway } from './sagemaker-endpoints.js';
import { EndpointAutoScaling } from './scaling.js';
import { EndpointService } from './service.js';

/** Builds the endpoint service and its idempotency store from the environment, once per cold start. */
export function wireEndpoints(): { service: EndpointService; idempotency: DynamoIdempotencyStore } {
  const config = readConfig();
  const dynamo = documentClient();
  const sagemaker = sageMakerClient();
  const service = new EndpointService({
    store: new DynamoEndpointStore(dynamo, config.tableName),
    sagemaker: new SageMakerEndpointGateway(sagemaker),
    scaling: new EndpointAutoScaling(new ApplicationAutoScalingClient({})),
    alarms: new CloudWatchRollbackAlarms(new CloudWatchClient({})),
    versions: new RegistryVersions(new DynamoModelStore(dynamo, config.tableName), new SageMakerModelRegistry(sagemaker, config.sagemakerRoleArn)),
    clock: { now: () => new Date() },
  });
  return { service, idempotency: new DynamoIdempotencyStore(dynamo, config.tableName) };
}
