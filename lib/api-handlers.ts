import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { handlerAreas, type HandlerArea } from '../lambdas/operations.js';
import { EnvNames, TableKeys } from '../core/env-names.js';
import { bindArtifactBucketRead, bindSageMakerExecutionRole, bindTable } from './bindings.js';
import { ModelplaneFunction } from './modelplane-function.js';
import { grantEndpointAccess, grantEndpointMetricsAccess, grantInvokeAccess, grantModelRegistryAccess } from './area-access.js';
import type { PackagingJobs } from './packaging-jobs.js';
import type { SageMakerExecutionRole } from './sagemaker-execution-role.js';

export interface ApiHandlersProps {
  /** The single table. */
  readonly table: dynamodb.ITable;
  /** The bucket with model weights and manifests. */
  readonly artifactBucket: s3.IBucket;
  /** The role SageMaker serves models with (passed to CreateModel). */
  readonly sagemakerExecutionRole: SageMakerExecutionRole;
  /** Where packaging jobs run (the packaging area submits to it). */
  readonly packagingJobs: PackagingJobs;
  /** Service name in logs and traces. @default 'modelplane' */
  readonly serviceName?: string;
  /** Retention of the functions' log groups. @default - ModelplaneFunction's default */
  readonly logRetention?: logs.RetentionDays;
}

type AreaGrants = (fn: ModelplaneFunction, props: ApiHandlersProps) => void;

/**
 * lambdas/shared/config.ts requires the bucket and execution role variables of every area that
 * reads its configuration; areas that use neither get the names and no access.
 */
function nameWithoutAccess(fn: ModelplaneFunction, props: ApiHandlersProps): void {
  fn.addEnvironment(EnvNames.artifactBucket, props.artifactBucket.bucketName);
  fn.addEnvironment(EnvNames.sagemakerRoleArn, props.sagemakerExecutionRole.roleArn);
}

/**
 * What each area's function may touch, least privilege per area. Keyed by every area of
 * lambdas/operations.ts: a new area does not compile until its grants are written here.
 */
export const areaGrants = {
  packaging: (fn, props) => {
    // Job records, and model records (a job must name an existing model of the caller's).
    bindTable(fn, props.table, { actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'], indexes: [TableKeys.gsi1.indexName] });
    nameWithoutAccess(fn, props);
    props.packagingJobs.grantSubmitJobs(fn);
  },
  registry: (fn, props) => {
    bindTable(fn, props.table, {
      actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'],
      indexes: [TableKeys.gsi1.indexName],
    });
    bindArtifactBucketRead(fn, props.artifactBucket);
    bindSageMakerExecutionRole(fn, props.sagemakerExecutionRole);
    grantModelRegistryAccess(fn);
  },
  endpoints: (fn, props) => {
    bindTable(fn, props.table, {
      actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'],
      indexes: [TableKeys.gsi1.indexName],
    });
    nameWithoutAccess(fn, props);
    // The endpoints it creates carry this deployment's tag, which the invoke grant requires.
    fn.addEnvironment(EnvNames.deployment, Stack.of(fn).stackName);
    grantEndpointAccess(fn);
  },
  metrics: (fn, props) => {
    bindTable(fn, props.table, { actions: ['GetItem'] });
    nameWithoutAccess(fn, props);
    grantEndpointMetricsAccess(fn);
  },
  // Static data shipped with the code: no AWS access.
  catalog: () => undefined,
  invoke: (fn, props) => {
    // Endpoint records (the owner), read only.
    bindTable(fn, props.table, { actions: ['GetItem'] });
    nameWithoutAccess(fn, props);
    grantInvokeAccess(fn);
  },
} as const satisfies Record<HandlerArea, AreaGrants>;

/**
 * One Lambda function per handler area of lambdas/operations.ts, each serving its area's
 * spec operations, with the area's grants.
 */
export class ApiHandlers extends Construct {
  readonly functions: Readonly<Record<HandlerArea, ModelplaneFunction>>;

  constructor(scope: Construct, id: string, props: ApiHandlersProps) {
    super(scope, id);
    const functions: Partial<Record<HandlerArea, ModelplaneFunction>> = {};
    for (const area of Object.keys(handlerAreas) as HandlerArea[]) {
      const { entry, operations } = handlerAreas[area];
      const fn = new ModelplaneFunction(this, area, {
        entry,
        description: `modelplane ${area}: ${operations.join(', ')}`.slice(0, 256),
        serviceName: props.serviceName,
        logRetention: props.logRetention,
      });
      areaGrants[area](fn, props);
      functions[area] = fn;
    }
    this.functions = functions as Record<HandlerArea, ModelplaneFunction>;
  }

  /** The function serving `operationId`, or undefined when no area serves it. */
  functionFor(operationId: string): ModelplaneFunction | undefined {
    const area = (Object.keys(handlerAreas) as HandlerArea[]).find((a) => (handlerAreas[a].operations as readonly string[]).includes(operationId));
    return area === undefined ? undefined : this.functions[area];
  }

  /** The function serving each operation of every area, by operationId (the API's integrations). */
  integrations(): Record<string, lambda.IFunction> {
    const integrations: Record<string, lambda.IFunction> = {};
    for (const area of Object.keys(handlerAreas) as HandlerArea[]) {
      for (const operationId of handlerAreas[area].operations) integrations[operationId] = this.functions[area].function;
    }
    return integrations;
  }
}
