import { cloudWatchClient, documentClient, sageMakerClient } from '../shared/aws-clients.js';
import { readConfig } from '../shared/config.js';
import { DynamoEndpointStore } from '../endpoints/dynamo-endpoint-store.js';
import { CloudWatchMetricsReader } from './cloudwatch-metrics.js';
import { SageMakerVariantReader } from './sagemaker-variants.js';
import { MetricsService } from './service.js';

/** Builds the metrics service from the environment, once per cold start. */
export function wireMetrics(): { service: MetricsService } {
  const config = readConfig();
  const service = new MetricsService({
    store: new DynamoEndpointStore(documentClient(), config.tableName),
    sagemaker: new SageMakerVariantReader(sageMakerClient()),
    metrics: new CloudWatchMetricsReader(cloudWatchClient()),
    clock: { now: () => new Date() },
  });
  return { service };
}
