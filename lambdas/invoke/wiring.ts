import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { documentClient, runtimeClientDefaults, sageMakerClient, withCallNames } from '../shared/aws-clients.js';
import { readConfig } from '../shared/config.js';
import { DynamoEndpointStore } from '../endpoints/dynamo-endpoint-store.js';
import { SageMakerEndpointGateway } from '../endpoints/sagemaker-endpoints.js';
import { EndpointInvocationTargets } from './endpoint-targets.js';
import { SageMakerModelRuntime } from './sagemaker-runtime.js';
import { InvokeService } from './service.js';

/**
 * Builds the invoke service from the environment, once per cold start. The runtime client's
 * endpoint comes from the environment like every client's (AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME
 * before AWS_ENDPOINT_URL): the local plane points it at its inference stand-in.
 */
export function wireInvoke(): InvokeService {
  const config = readConfig();
  return new InvokeService({
    targets: new EndpointInvocationTargets(new DynamoEndpointStore(documentClient(), config.tableName), new SageMakerEndpointGateway(sageMakerClient())),
    runtime: new SageMakerModelRuntime(withCallNames(new SageMakerRuntimeClient(runtimeClientDefaults()))),
  });
}
