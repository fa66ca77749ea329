/**
 * Environment variable names shared by the CDK app (which sets them) and the handlers
 * (which read them once, typed, in lambdas/shared/config.ts).
 */
export const EnvNames = {
  /** The deployment (stack name) whose endpoints carry it in DeploymentTagKey; unset, endpoints carry no deployment tag. */
  deployment: 'MODELPLANE_DEPLOYMENT',
  /** DynamoDB table holding model records, aliases, idempotency keys (and later job records). */
  tableName: 'MODELPLANE_TABLE_NAME',
  /** S3 bucket for model artifacts (weights, manifests). */
  artifactBucket: 'MODELPLANE_ARTIFACT_BUCKET',
  /** IAM role SageMaker assumes to run models (pulls the image, reads the weights). */
  sagemakerRoleArn: 'MODELPLANE_SAGEMAKER_ROLE_ARN',
  /**
   * With IAM auth (SigV4) there is no token to carry a tenant: every caller the API's IAM policy
   * admits acts as this one tenant (one deployment per tenant). Unset with Cognito auth.
   */
  iamTenant: 'MODELPLANE_IAM_TENANT',
  /** Browser origins allowed by CORS, comma-separated (`*` for any); unset turns CORS off. */
  allowedOrigins: 'MODELPLANE_ALLOWED_ORIGINS',
  /** The AWS Batch job queue and job definition packaging jobs run on. */
  jobQueue: 'MODELPLANE_JOB_QUEUE',
  jobDefinition: 'MODELPLANE_JOB_DEFINITION',
  /** The log group packaging jobs write to (for the log links of jobs). */
  jobLogGroup: 'MODELPLANE_JOB_LOG_GROUP',
  /**
   * Where packaging may read S3 sources beside the artifact bucket's `uploads/` (the deploy
   * config's `sourceBuckets`): comma-separated `s3://bucket/prefix/` (core/source-buckets.ts).
   * Unset: only `uploads/`.
   */
  sourceBuckets: 'MODELPLANE_SOURCE_BUCKETS',
  /** Endpoint pause/resume schedules: this deployment's EventBridge Scheduler group, the function they invoke and the role they invoke it as. */
  scheduleGroup: 'MODELPLANE_SCHEDULE_GROUP',
  scheduleTargetArn: 'MODELPLANE_SCHEDULE_TARGET_ARN',
  schedulerRoleArn: 'MODELPLANE_SCHEDULER_ROLE_ARN',
  /** Log level for the Powertools logger. */
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  /** Service name in structured logs. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

/** The single table's key schema, shared by lib/ (CDK) and local/ (bootstrap). */
export const TableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  timeToLive: 'expiresAt',
} as const;

/** The tag that marks every AWS resource we create with its tenant. */
export const TenantTagKey = 'modelplane:tenant';
/**
 * The tag that marks the SageMaker endpoints (and their configs) a deployment creates with that
 * deployment (its stack name, `EnvNames.deployment`), so IAM can hold invoking to this deployment's
 * endpoints: endpoint names are chosen by callers, not prefixed per deployment.
 */
export const DeploymentTagKey = 'modelplane:deployment';
