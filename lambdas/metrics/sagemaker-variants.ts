import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../shared/aws-errors.js';
import type { EndpointVariants, ServingVariant, VariantRole } from './ports.js';

type Config = Pick<DescribeEndpointConfigCommandOutput, 'ProductionVariants' | 'ShadowProductionVariants'>;

/** Each variant's instance type in an endpoint config, production and shadow alike. */
function instanceTypesOf(config: Config | undefined): Map<string, string> {
  const variants = [...(config?.ProductionVariants ?? []), ...(config?.ShadowProductionVariants ?? [])];
  return new Map(variants.flatMap((v) => (v.VariantName && v.InstanceType ? [[v.VariantName, v.InstanceType] as const] : [])));
}

/** Variant names by role from a list of variants (an endpoint's summaries or a config's variants). */
function named(role: VariantRole, variants: readonly { VariantName?: string | undefined }[] | undefined): { name: string; role: VariantRole }[] {
  return (variants ?? []).flatMap((v) => (v.VariantName ? [{ name: v.VariantName, role }] : []));
}

/**
 * The variants an endpoint serves, from DescribeEndpoint (its ProductionVariants and
 * ShadowProductionVariants) and their instance types from its current endpoint config. An
 * endpoint still being created may list no variants yet: its config's are taken then.
 */
export class SageMakerVariantReader implements EndpointVariants {
  constructor(private readonly client: SageMakerClient) {}

  async variantsOf(endpoint: string): Promise<ServingVariant[] | undefined> {
    const described = await this.describeEndpoint(endpoint);
    if (!described) return undefined;
    const config = described.EndpointConfigName ? await this.describeConfig(described.EndpointConfigName) : undefined;
    const types = instanceTypesOf(config);
    const listed = [...named('production', described.ProductionVariants), ...named('shadow', described.ShadowProductionVariants)];
    const variants = listed.length > 0 ? listed : [...named('production', config?.ProductionVariants), ...named('shadow', config?.ShadowProductionVariants)];
    return variants.map((v) => {
      const instanceType = types.get(v.name);
      return instanceType === undefined ? v : { ...v, instanceType };
    });
  }

  private async describeEndpoint(endpoint: string) {
    try {
      return await this.client.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async describeConfig(name: string): Promise<Config | undefined> {
    try {
      return await this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}
