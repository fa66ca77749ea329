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
  type ProductionVariant,
  type ProductionVariantSummary,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../shared/aws-errors.js';
import type {
  ConfigDescription,
  ConfigSpec,
  ConfigVariantDescription,
  ConfigVariantSpec,
  EndpointState,
  SageMakerEndpoints,
  VariantChange,
  VariantState,
} from './ports.js';
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

function toProductionVariant(variant: ConfigVariantSpec): ProductionVariant {
  return {
    VariantName: variant.name,
    ModelName: variant.modelName,
    InstanceType: variantInstanceType(variant.instanceType),
    InitialInstanceCount: variant.instanceCount,
    InitialVariantWeight: variant.weight,
    ModelDataDownloadTimeoutInSeconds: variant.modelDataDownloadTimeoutInSeconds,
    ContainerStartupHealthCheckTimeoutInSeconds: variant.containerStartupHealthCheckTimeoutInSeconds,
  };
}

function fromProductionVariant(variant: ProductionVariant): ConfigVariantDescription {
  return {
    name: variant.VariantName ?? '',
    ...(variant.ModelName ? { modelName: variant.ModelName } : {}),
    ...(variant.InstanceType ? { instanceType: variant.InstanceType } : {}),
    ...(variant.InitialInstanceCount !== undefined ? { instanceCount: variant.InitialInstanceCount } : {}),
    ...(variant.InitialVariantWeight !== undefined ? { weight: variant.InitialVariantWeight } : {}),
  };
}

function toVariantState(variant: ProductionVariantSummary): VariantState {
  return {
    ...(variant.VariantName ? { name: variant.VariantName } : {}),
    ...(variant.CurrentInstanceCount !== undefined ? { currentInstanceCount: variant.CurrentInstanceCount } : {}),
    ...(variant.DesiredInstanceCount !== undefined ? { desiredInstanceCount: variant.DesiredInstanceCount } : {}),
    ...(variant.CurrentWeight !== undefined ? { currentWeight: variant.CurrentWeight } : {}),
    ...(variant.DesiredWeight !== undefined ? { desiredWeight: variant.DesiredWeight } : {}),
  };
}

/** Thin gateway over SageMaker endpoints and endpoint configs. */
export class SageMakerEndpointGateway implements SageMakerEndpoints {
  /** `deploymentTags` go on every config and endpoint it creates, beside the spec's own tags. */
  constructor(
    private readonly client: SageMakerClient,
    private readonly deploymentTags: Readonly<Record<string, string>> = {},
  ) {}

  async createConfig(spec: ConfigSpec): Promise<void> {
    await this.client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: spec.name,
        ProductionVariants: spec.variants.map(toProductionVariant),
        ...(spec.shadow ? { ShadowProductionVariants: [toProductionVariant(spec.shadow)] } : {}),
        // Per-instance (and per-GPU) figures: the InstanceId dimension exists only with enhanced metrics.
        MetricsConfig: { EnableEnhancedMetrics: true },
        Tags: tagList({ ...spec.tags, ...this.deploymentTags }),
      }),
    );
  }

  async describeConfig(name: string): Promise<ConfigDescription | undefined> {
    try {
      const config = await this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
      const shadow = config.ShadowProductionVariants?.[0];
      return { variants: (config.ProductionVariants ?? []).map(fromProductionVariant), ...(shadow ? { shadow: fromProductionVariant(shadow) } : {}) };
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
    await this.client.send(
      new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, Tags: tagList({ ...tags, ...this.deploymentTags }) }),
    );
  }

  async describeEndpoint(name: string): Promise<EndpointState | undefined> {
    try {
      const endpoint = await this.client.send(new DescribeEndpointCommand({ EndpointName: name }));
      const variants = (endpoint.ProductionVariants ?? []).map(toVariantState);
      const shadow = endpoint.ShadowProductionVariants?.[0];
      return {
        status: endpoint.EndpointStatus ?? 'OutOfService',
        ...(endpoint.FailureReason ? { failureReason: endpoint.FailureReason } : {}),
        configName: endpoint.EndpointConfigName ?? '',
        ...(endpoint.PendingDeploymentSummary?.EndpointConfigName ? { pendingConfigName: endpoint.PendingDeploymentSummary.EndpointConfigName } : {}),
        variant: variants.find((v) => v.name === variantName) ?? variants[0] ?? {},
        variants,
        ...(shadow ? { shadow: toVariantState(shadow) } : {}),
        createdAt: endpoint.CreationTime ?? new Date(),
        lastModified: endpoint.LastModifiedTime ?? endpoint.CreationTime ?? new Date(),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async updateWeightsAndCapacities(name: string, changes: readonly VariantChange[]): Promise<void> {
    await this.client.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: name,
        DesiredWeightsAndCapacities: changes.map((change) => ({
          VariantName: change.name,
          ...(change.weight !== undefined ? { DesiredWeight: change.weight } : {}),
          ...(change.instanceCount !== undefined ? { DesiredInstanceCount: change.instanceCount } : {}),
        })),
      }),
    );
  }

  async updateEndpoint(name: string, configName: string, deployment?: DeploymentConfig): Promise<void> {
    await this.client.send(
      new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, ...(deployment ? { DeploymentConfig: deployment } : {}) }),
    );
  }

  async deleteEndpoint(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteEndpointCommand({ EndpointName: name }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
