/**
 * Bind helpers: each one tells a function where a resource is (the environment variable its
 * code reads, named in lambdas/shared/env-names.ts) and grants exactly the access it needs,
 * in one call, so a function never knows a resource it may not use or the reverse.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { EnvNames } from '../core/env-names.js';
import type { ModelplaneFunction } from './modelplane-function.js';
import { acknowledgeFindings, wildcardResourceFinding } from './nag.js';
import type { SageMakerExecutionRole } from './sagemaker-execution-role.js';

/** DynamoDB item and query actions, by their API names. */
export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'BatchGetItem' | 'BatchWriteItem' | 'Scan';

export interface TableBinding {
  /** The actions the function calls on the table. */
  readonly actions: readonly TableAction[];
  /** Indexes the function queries (Query only). @default - none */
  readonly indexes?: readonly string[];
}

/** Sets the table name variable and grants `actions` on the table, and Query on `indexes`. */
export function bindTable(fn: ModelplaneFunction, table: dynamodb.ITable, binding: TableBinding): void {
  fn.addEnvironment(EnvNames.tableName, table.tableName);
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: binding.actions.map((action) => `dynamodb:${action}`),
      resources: [table.tableArn],
    }),
  );
  const indexes = binding.indexes ?? [];
  if (indexes.length > 0) {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: indexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
}

/** Sets the artifact bucket variable and grants listing the bucket and reading its objects. */
export function bindArtifactBucketRead(fn: ModelplaneFunction, bucket: s3.IBucket): void {
  fn.addEnvironment(EnvNames.artifactBucket, bucket.bucketName);
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
  acknowledgeFindings(
    fn.role,
    'Model versions point at any prefix of the artifact bucket (their weights), so the function may read (s3:GetObject) any object of that one bucket.',
    [wildcardResourceFinding(fn, bucket.arnForObjects('*'))],
  );
}

/** Sets the SageMaker execution role variable and lets the function pass that role to SageMaker. */
export function bindSageMakerExecutionRole(fn: ModelplaneFunction, executionRole: SageMakerExecutionRole): void {
  fn.addEnvironment(EnvNames.sagemakerRoleArn, executionRole.roleArn);
  executionRole.grantPassRole(fn);
}
