import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  ProductionVariantInstanceType,
  type DeploymentConfig,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../shared/aws-errors.js';
import type { ConfigSpec, EndpointState, SageMakerEndpoints } from './ports.js';
import { variantName } from './rules.js';

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const variantInstanceTypes: ReadonlySet<string> = new Set(Object.values(ProductionVariantInstanceType));

/** Whether SageMaker's SDK knows `name` as a production variant's instance type (a test holds the whole catalog to it). */
export function isVariantInstanceType(name: string): name is ProductionVariantInstanceType {
  return variantInstanceTypes.has(name);
}

function variantInstanceType(name: string): ProductionVariantInstanceType {
  if (!isVariantInstanceType(name)) throw new Error(`${name} is not a SageMaker production variant instance type`);
  return name;
}

/** Thin gateway over SageMaker endpoints and endpoint configs. */
export class SageMakerEndpointGateway implements SageMakerEndpoints {
  constructor(private readonly client: SageMakerClient) {}

  async createConfig(spec: ConfigSpec): Promise<void> {
    await this.client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: spec.name,
        ProductionVariants: [
          {
            VariantName: variantName,
            ModelName: spec.modelName,
            InstanceType: variantInstanceType(spec.instanceType),
            InitialInstanceCount: spec.instanceCount,
            ModelDataDownloadTimeoutInSeconds: spec.modelDataDownloadTimeoutInSeconds,
            ContainerStartupHealthCheckTimeoutInSeconds: spec.containerStartupHealthCheckTimeoutInSeconds,
          },
        ],
        // Per-instance (and per-GPU) figures: the InstanceId dimension exists only with enhanced metrics.
        MetricsConfig: { EnableEnhancedMetrics: true },
        Tags: tagList(spec.tags),
      }),
    );
  }

  async describeConfig(name: string): Promise<{ modelName?: string; instanceType?: string; instanceCount?: number } | undefined> {
    try {
      const config = await this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
      const variant = config.ProductionVariants?.[0];
      return {
        ...(variant?.ModelName ? { modelName: variant.ModelName } : {}),
        ...(variant?.InstanceType ? { instanceType: variant.InstanceType } : {}),
        ...(variant?.InitialInstanceCount !== undefined ? { instanceCount: variant.InitialInstanceCount } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async deleteConfig(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async createEndpoint(name: string, configName: string, tags: Record<string, string>): Promise<void> {
    await this.client.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, Tags: tagList(tags) }));
  }

  async describeEndpoint(name: string): Promise<EndpointState | undefined> {
    try {
      const endpoint = await this.client.send(new DescribeEndpointCommand({ EndpointName: name }));
      const variant = endpoint.ProductionVariants?.find((v) => v.VariantName === variantName);
      return {
        status: endpoint.EndpointStatus ?? 'OutOfService',
        ...(endpoint.FailureReason ? { failureReason: endpoint.FailureReason } : {}),
        configName: endpoint.EndpointConfigName ?? '',
        ...(endpoint.PendingDeploymentSummary?.EndpointConfigName ? { pendingConfigName: endpoint.PendingDeploymentSummary.EndpointConfigName } : {}),
        variant: {
          ...(variant?.CurrentInstanceCount !== undefined ? { currentInstanceCount: variant.CurrentInstanceCount } : {}),
          ...(variant?.DesiredInstanceCount !== undefined ? { desiredInstanceCount: variant.DesiredInstanceCount } : {}),
        },
        createdAt: endpoint.CreationTime ?? new Date(),
        lastModified: endpoint.LastModifiedTime ?? endpoint.CreationTime ?? new Date(),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async updateCapacity(name: string, instanceCount: number): Promise<void> {
    await this.client.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: name,
        DesiredWeightsAndCapacities: [{ VariantName: variantName, DesiredInstanceCount: instanceCount }],
      }),
    );
  }

  async updateEndpoint(name: string, configName: string, deployment: DeploymentConfig): Promise<void> {
    await this.client.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, DeploymentConfig: deployment }));
  }

  async deleteEndpoint(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteEndpointCommand({ EndpointName: name }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
