import {
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteModelCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand,
  paginateListEndpoints,
  type ContainerDefinition,
  type ModelApprovalStatus,
  type SageMakerClient,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { TenantTagKey } from '../../core/env-names.js';
import { ConflictError } from '../shared/errors.js';
import type { Approval } from '../../core/api.js';
import { isNotFound } from '../shared/aws-errors.js';
import type { Page } from '../shared/ports.js';
import type { EndpointUsage, ModelRegistry, NewPackage, NewSageMakerModel, PackageSummary } from './ports.js';

const toSageMaker = { approved: 'Approved', pendingManualApproval: 'PendingManualApproval', rejected: 'Rejected' } as const satisfies Record<
  Approval,
  ModelApprovalStatus
>;
const fromSageMaker = { Approved: 'approved', PendingManualApproval: 'pendingManualApproval', Rejected: 'rejected' } as const satisfies Record<
  ModelApprovalStatus,
  Approval
>;

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Weights are uncompressed files under an S3 prefix; SageMaker copies them to /opt/ml/model. */
function container(imageUri: string, modelDataUri: string, environment: Record<string, string>): ContainerDefinition {
  return {
    Image: imageUri,
    ModelDataSource: { S3DataSource: { S3Uri: modelDataUri, S3DataType: 'S3Prefix', CompressionType: 'None' } },
    Environment: environment,
  };
}

/** Thin gateway over SageMaker's Model Registry and Models. */
export class SageMakerModelRegistry implements ModelRegistry, EndpointUsage {
  constructor(
    private readonly client: SageMakerClient,
    private readonly executionRoleArn: string,
  ) {}

  private tags(tenant: string, extra: Record<string, string> = {}): Tag[] {
    return [{ Key: TenantTagKey, Value: tenant }, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))];
  }

  async createGroup(name: string, description: string | undefined, tenant: string): Promise<void> {
    try {
      await this.client.send(
        new CreateModelPackageGroupCommand({
          ModelPackageGroupName: name,
          ...(description === undefined ? {} : { ModelPackageGroupDescription: description.slice(0, 1024) }),
          Tags: this.tags(tenant),
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ValidationException' && /already exist/i.test(error.message)) {
        throw new ConflictError(
          'ModelNameUnavailable',
          `The name ${name} is not available: a SageMaker model package group of that name already exists in the account.`,
          {},
          { cause: error },
        );
      }
      throw error;
    }
  }

  async deleteGroup(name: string): Promise<void> {
    await ignoreNotFound(this.client.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: name })));
  }

  async createPackage(input: NewPackage): Promise<PackageSummary> {
    const created = await this.client.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: input.group,
        ...(input.description === undefined ? {} : { ModelPackageDescription: input.description.slice(0, 1024) }),
        ModelApprovalStatus: toSageMaker[input.approval],
        InferenceSpecification: {
          Containers: [container(input.imageUri, input.modelDataUri, input.environment)],
          SupportedContentTypes: ['application/json'],
          SupportedResponseMIMETypes: ['application/json'],
        },
        CustomerMetadataProperties: { [TenantTagKey]: input.tenant },
      }),
    );
    const arn = created.ModelPackageArn;
    if (!arn) throw new Error('CreateModelPackage returned no ModelPackageArn');
    try {
      return this.summary(await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn })));
    } catch (error) {
      // The caller never learns of a package it cannot describe, so it could not undo it: undo it here.
      await this.deletePackage(arn).catch(() => undefined);
      throw error;
    }
  }

  private summary(described: {
    ModelPackageArn?: string;
    ModelPackageVersion?: number;
    ModelApprovalStatus?: ModelApprovalStatus;
    CreationTime?: Date;
  }): PackageSummary {
    const version = described.ModelPackageVersion ?? Number(described.ModelPackageArn?.split('/').pop());
    return {
      version,
      arn: described.ModelPackageArn ?? '',
      approval: fromSageMaker[described.ModelApprovalStatus ?? 'PendingManualApproval'],
      createdAt: (described.CreationTime ?? new Date()).toISOString(),
    };
  }

  async describePackage(arn: string): Promise<PackageSummary | undefined> {
    try {
      return this.summary(await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn })));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async listPackages(group: string, limit: number, next?: string): Promise<Page<PackageSummary>> {
    const result = await this.client.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: group,
        ModelPackageType: 'Versioned',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: limit,
        ...(next ? { NextToken: next } : {}),
      }),
    );
    return {
      items: (result.ModelPackageSummaryList ?? []).map((s) => this.summary(s)),
      ...(result.NextToken ? { next: result.NextToken } : {}),
    };
  }

  async setApproval(arn: string, approval: Approval): Promise<void> {
    await this.client.send(new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: toSageMaker[approval] }));
  }

  async deletePackage(arn: string): Promise<void> {
    await ignoreNotFound(this.client.send(new DeleteModelPackageCommand({ ModelPackageName: arn })));
  }

  async createModel(input: NewSageMakerModel): Promise<void> {
    await this.client.send(
      new CreateModelCommand({
        ModelName: input.name,
        ExecutionRoleArn: this.executionRoleArn,
        PrimaryContainer: container(input.imageUri, input.modelDataUri, input.environment),
        Tags: this.tags(input.tenant, { 'modelplane:model': input.model, 'modelplane:version': String(input.version) }),
      }),
    );
  }

  async deleteModel(name: string): Promise<void> {
    await ignoreNotFound(this.client.send(new DeleteModelCommand({ ModelName: name })));
  }

  async endpointsServing(modelNames: ReadonlySet<string>): Promise<{ endpoint: string; modelName: string }[]> {
    if (modelNames.size === 0) return [];
    const found: { endpoint: string; modelName: string }[] = [];
    for await (const page of paginateListEndpoints({ client: this.client, pageSize: 100 }, {})) {
      for (const summary of page.Endpoints ?? []) {
        const endpoint = summary.EndpointName;
        if (!endpoint) continue;
        let configs: string[];
        try {
          const described = await this.client.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
          // While an update runs, the endpoint serves the current config and is moving to the pending one.
          configs = [described.EndpointConfigName, described.PendingDeploymentSummary?.EndpointConfigName].filter((c): c is string => !!c);
        } catch (error) {
          if (isNotFound(error)) continue;
          throw error;
        }
        for (const config of configs) {
          try {
            const described = await this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: config }));
            // A shadow variant serves its version too (it receives a copy of the traffic).
            for (const variant of [...(described.ProductionVariants ?? []), ...(described.ShadowProductionVariants ?? [])]) {
              if (variant.ModelName && modelNames.has(variant.ModelName)) found.push({ endpoint, modelName: variant.ModelName });
            }
          } catch (error) {
            if (!isNotFound(error)) throw error;
          }
        }
      }
    }
    return found;
  }
}
