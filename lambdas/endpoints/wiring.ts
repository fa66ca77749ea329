import { DeploymentTagKey } from '../../core/env-names.js';
import { CloudWatchMetricsReader } from '../metrics/cloudwatch-metrics.js';
import { EndpointHealthReader } from '../metrics/health.js';
import { autoScalingClient, cloudWatchClient, documentClient, sageMakerClient, schedulerClient } from '../shared/aws-clients.js';
import { readConfig } from '../shared/config.js';
import { DynamoIdempotencyStore } from '../shared/idempotency.js';
import type { Clock } from '../shared/ports.js';
import { DynamoModelStore } from '../registry/dynamo-model-store.js';
import { SageMakerModelRegistry } from '../registry/sagemaker-registry.js';
import { CloudWatchRollbackAlarms } from './alarms.js';
import { DynamoEndpointStore } from './dynamo-endpoint-store.js';
import { RegistryVersions } from './registry-versions.js';
import { SageMakerEndpointGateway } from './sagemaker-endpoints.js';
import { EndpointAutoScaling } from './scaling.js';
import { SchedulerEndpointSchedules } from './schedules.js';
import { EndpointService } from './service.js';
import { CloudWatchInvocationCounts } from './invocation-counts.js';

/**
 * Builds the endpoint service and its idempotency store from the environment, once per cold
 * start. `clock` replaces the system clock (the local idle check runs on an injected one).
 */
export function wireEndpoints(options: { clock?: Clock } = {}): { service: EndpointService; idempotency: DynamoIdempotencyStore } {
  const config = readConfig();
  const dynamo = documentClient();
  const sagemaker = sageMakerClient();
  const cloudwatch = cloudWatchClient();
  const clock = options.clock ?? { now: () => new Date() };
  const metrics = new CloudWatchMetricsReader(cloudwatch);
  const service = new EndpointService({
    store: new DynamoEndpointStore(dynamo, config.tableName),
    sagemaker: new SageMakerEndpointGateway(sagemaker, config.deployment ? { [DeploymentTagKey]: config.deployment } : {}),
    scaling: new EndpointAutoScaling(autoScalingClient()),
    alarms: new CloudWatchRollbackAlarms(cloudwatch),
    versions: new RegistryVersions(new DynamoModelStore(dynamo, config.tableName), new SageMakerModelRegistry(sagemaker, config.sagemakerRoleArn)),
    clock,
    health: new EndpointHealthReader(metrics, clock),
    region: config.region,
    schedules: new SchedulerEndpointSchedules(schedulerClient()),
    invocations: new CloudWatchInvocationCounts(metrics),
  });
  return { service, idempotency: new DynamoIdempotencyStore(dynamo, config.tableName) };
}
