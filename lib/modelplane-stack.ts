import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { pendingOperations } from '../lambdas/operations.js';
import { EnvNames } from '../core/env-names.js';
import { ApiHandlers } from './api-handlers.js';
import { ModelplaneApi } from './api.js';
import { EndpointEvents } from './endpoint-events.js';
import { EndpointSchedules } from './endpoint-schedules.js';
import { OperationsDashboard } from './operations-dashboard.js';
import { PackagingEvents } from './packaging-events.js';
import { PackagingJobs } from './packaging-jobs.js';
import { deployConfigDefaults, type AuthMode, type InvocationLimits, type SourceBucketConfig, type UsagePlanConfig } from './deploy-config.js';
import { SageMakerExecutionRole } from './sagemaker-execution-role.js';
import { ModelplaneStorage } from './storage.js';
import { ModelplaneUserPool } from './user-pool.js';

export interface ModelplaneStackProps extends StackProps {
  /** The deployment's stage; `prod` turns on deletion protection of the table and the user pool. */
  readonly stage: string;
  /** Prefix of the API's name and of the ECR repositories SageMaker may pull our images from. */
  readonly namePrefix: string;
  /** How callers authenticate. */
  readonly auth: AuthMode;
  /** Origins allowed by CORS. @default - CORS off */
  readonly allowedOrigins?: readonly string[];
  /** With IAM auth, the tenant every signed caller acts as. @default 'default' */
  readonly iamTenant?: string;
  /** Usage plans with an API key each (ModelplaneApi). @default - none */
  readonly usagePlans?: readonly UsagePlanConfig[];
  /** Buckets (or prefixes) packaging may read S3 sources from besides the artifact bucket's `uploads/` (PackagingJobs). @default - none */
  readonly sourceBuckets?: readonly SourceBucketConfig[];
  /** Limits on the inference routes. @default deployConfigDefaults.invocationLimits */
  readonly invocationLimits?: InvocationLimits;
}

/** The modelplane control plane: composes the constructs of lib/ and outputs what clients need. */
export class ModelplaneStack extends Stack {
  readonly storage: ModelplaneStorage;
  readonly sagemakerExecutionRole: SageMakerExecutionRole;
  readonly handlers: ApiHandlers;
  readonly endpointEvents: EndpointEvents;
  readonly endpointSchedules: EndpointSchedules;
  readonly packagingJobs: PackagingJobs;
  readonly packagingEvents: PackagingEvents;
  readonly userPool?: ModelplaneUserPool;
  readonly api: ModelplaneApi;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: ModelplaneStackProps) {
    super(scope, id, props);
    const production = props.stage === 'prod';
    const name = `${props.namePrefix}-${props.stage}`;

    this.storage = new ModelplaneStorage(this, 'Storage', { deletionProtection: production });
    this.sagemakerExecutionRole = new SageMakerExecutionRole(this, 'SageMakerExecutionRole', {
      artifactBucket: this.storage.artifactBucket,
      // Per stage: two stages in one account get their own repositories, and each role pulls only its own.
      imageRepositoryPrefix: name,
    });
    this.packagingJobs = new PackagingJobs(this, 'PackagingJobs', {
      table: this.storage.table,
      artifactBucket: this.storage.artifactBucket,
      namePrefix: props.namePrefix,
      repositoryPrefix: name,
      ...(props.sourceBuckets ? { sourceBuckets: props.sourceBuckets } : {}),
    });
    const handlerProps = {
      table: this.storage.table,
      artifactBucket: this.storage.artifactBucket,
      sagemakerExecutionRole: this.sagemakerExecutionRole,
      packagingJobs: this.packagingJobs,
      serviceName: props.namePrefix,
    };
    this.handlers = new ApiHandlers(this, 'Handlers', handlerProps);
    this.endpointEvents = new EndpointEvents(this, 'EndpointEvents', handlerProps);
    // Endpoint pause/resume schedules run the events handler; the endpoints API makes them.
    this.endpointSchedules = new EndpointSchedules(this, 'EndpointSchedules', { groupName: `${name}-endpoints`, target: this.endpointEvents.handler });
    this.endpointSchedules.grantManage(this.handlers.functions.endpoints);
    this.packagingEvents = new PackagingEvents(this, 'PackagingEvents', handlerProps);
    if (props.auth === 'cognito') {
      this.userPool = new ModelplaneUserPool(this, 'Users', { userPoolName: name, deletionProtection: production });
    }
    this.api = new ModelplaneApi(this, 'Api', {
      restApiName: name,
      integrations: this.handlers.integrations(),
      pendingOperations: Object.keys(pendingOperations),
      authorization: this.userPool ? { type: 'cognito', userPool: this.userPool.userPool } : { type: 'iam' },
      allowedOrigins: props.allowedOrigins,
      usagePlans: props.usagePlans,
      invocationLimits: props.invocationLimits ?? deployConfigDefaults.invocationLimits,
    });

    for (const fn of [...Object.values(this.handlers.functions), this.endpointEvents.handler, this.packagingEvents.handler]) {
      if (props.auth === 'iam') fn.addEnvironment(EnvNames.iamTenant, props.iamTenant ?? 'default');
      if (props.allowedOrigins?.length) fn.addEnvironment(EnvNames.allowedOrigins, props.allowedOrigins.join(','));
    }

    this.dashboard = new OperationsDashboard(this, 'Operations', {
      dashboardName: name,
      restApi: this.api.restApi,
      functions: { ...this.handlers.functions, endpointEvents: this.endpointEvents.handler, packagingEvents: this.packagingEvents.handler },
      failedPackagingJobs: this.packagingEvents.failedJobs,
    });

    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the API (paths start with /v1)', value: this.api.url });
    if (this.userPool) {
      new CfnOutput(this, 'UserPoolId', { description: 'Cognito user pool of the API users', value: this.userPool.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { description: 'App client to sign in with', value: this.userPool.client.userPoolClientId });
    }
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'ArtifactBucketName', { description: 'Upload model weights here', value: this.storage.artifactBucket.bucketName });
    new CfnOutput(this, 'SageMakerExecutionRoleArn', { value: this.sagemakerExecutionRole.roleArn });
    new CfnOutput(this, 'PackagingJobQueue', { value: this.packagingJobs.jobQueue.jobQueueArn });
    new CfnOutput(this, 'PackagerRepositoryUri', {
      description: 'Push the packager image here (batch-packager/Dockerfile)',
      value: this.packagingJobs.packagerRepository.repositoryUri,
    });
    new CfnOutput(this, 'ServingRepositoryUri', { value: this.packagingJobs.servingRepository.repositoryUri });
  }
}
