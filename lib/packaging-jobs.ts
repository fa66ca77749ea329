import { ArnFormat, Aws, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PackagerEnv } from '../core/packager-env.js';
import { packagingJobKey } from '../core/job-record.js';
import { EnvNames, TableKeys, TenantTagKey } from '../core/env-names.js';
import { artifactUploadsPrefix, formatSourceLocations, locationUri } from '../core/source-buckets.js';
import type { SourceBucketConfig } from './deploy-config.js';
import type { ModelplaneFunction } from './modelplane-function.js';
import { acknowledgeFindings, wildcardResourceFinding } from './nag.js';

export interface PackagingJobsProps {
  readonly table: dynamodb.ITable;
  readonly artifactBucket: s3.IBucket;
  /** Prefix of the Hub token secrets (`{namePrefix}/hf/*`), which every stage of an account shares. */
  readonly namePrefix: string;
  /** Prefix of the ECR repositories (`{repositoryPrefix}/serving`, `.../packager`): one per stage. */
  readonly repositoryPrefix: string;
  /** Where the Fargate tasks run. @default - a new VPC with public subnets only and no NAT gateway */
  readonly vpc?: ec2.IVpc;
  /** Tag of the packager image in the packager repository. @default 'latest' */
  readonly packagerImageTag?: string;
  /**
   * vCPUs and memory of a packaging task, chosen with `downloadConnections` (docs/deploy.md,
   * "Packaging job sizing"). @default 4 vCPU, 8 GiB (Fargate's least memory for 4 vCPU)
   */
  readonly cpu?: number;
  readonly memory?: Size;
  /** Range requests a packaging job keeps open at once (MODELPLANE_DOWNLOAD_CONNECTIONS). @default 12 */
  readonly downloadConnections?: number;
  /** The longest a packaging job may run. @default 4 hours */
  readonly timeout?: Duration;
  /** The Hub the packager downloads from (a mirror, say). @default 'https://huggingface.co' */
  readonly hubEndpoint?: string;
  /**
   * Buckets (or prefixes) the job may read S3 sources from besides the artifact bucket's
   * `uploads/`, each with the KMS key of its objects if they use one. @default - none
   */
  readonly sourceBuckets?: readonly SourceBucketConfig[];
}

/** Key prefix of packaged models in the artifact bucket (batch-packager's default). */
export const modelsPrefix = 'models';
/** Key prefix where fine-tuned weights are uploaded for packaging (source type s3). */
export const uploadsPrefix = artifactUploadsPrefix.replace(/\/$/, '');
/**
 * The packager's connection count on Fargate: at a CDN's 40-ish MB/s per connection, 12 keep one
 * Node thread (hashing, HTTP, TLS) busy; memory stays near 250 MiB (16 parts of 8 MiB in the window).
 */
export const defaultDownloadConnections = 12;

/**
 * Where packaging jobs run: AWS Batch on Fargate (no Docker daemon, streams weights from the
 * Hub straight to S3), the ECR repositories for serving images and for the packager itself,
 * and the job role with exactly what the packager does.
 */
export class PackagingJobs extends Construct {
  readonly servingRepository: ecr.Repository;
  readonly packagerRepository: ecr.Repository;
  readonly vpc: ec2.IVpc;
  readonly jobQueue: batch.JobQueue;
  readonly jobDefinition: batch.EcsJobDefinition;
  readonly jobRole: iam.Role;
  readonly logGroup: logs.LogGroup;
  private readonly sourceBuckets: readonly SourceBucketConfig[];

  constructor(scope: Construct, id: string, props: PackagingJobsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.sourceBuckets = props.sourceBuckets ?? [];

    this.servingRepository = new ecr.Repository(this, 'ServingImages', {
      repositoryName: `${props.repositoryPrefix}/serving`,
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.AES_256,
      lifecycleRules: [{ description: 'Untagged layers and manifests of superseded builds', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.packagerRepository = new ecr.Repository(this, 'PackagerImages', {
      repositoryName: `${props.repositoryPrefix}/packager`,
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.AES_256,
      lifecycleRules: [{ description: 'Keep the last 10 packager images', maxImageCount: 10 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Public subnets and no NAT gateway: the tasks reach the Hub and AWS with a public IP and
    // cost nothing while idle. Bring a VPC with private subnets and NAT where policy wants one.
    this.vpc =
      props.vpc ??
      new ec2.Vpc(this, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
        flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(), trafficType: ec2.FlowLogTrafficType.REJECT } },
      });
    const securityGroup = new ec2.SecurityGroup(this, 'Tasks', {
      vpc: this.vpc,
      description: 'modelplane packaging tasks: egress only',
      allowAllOutbound: true,
    });
    const computeEnvironment = new batch.FargateComputeEnvironment(this, 'Fargate', {
      vpc: this.vpc,
      vpcSubnets: { subnetType: props.vpc ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC },
      securityGroups: [securityGroup],
      maxvCpus: 64,
    });
    this.jobQueue = new batch.JobQueue(this, 'Queue', { computeEnvironments: [{ computeEnvironment, order: 1 }] });

    this.jobRole = new iam.Role(this, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'), description: 'modelplane packaging job' });
    this.grantJobRole(props, stack);
    this.grantReadSources();
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });

    this.jobDefinition = new batch.EcsJobDefinition(this, 'Packager', {
      container: new batch.EcsFargateContainerDefinition(this, 'Container', {
        image: ecs.ContainerImage.fromEcrRepository(this.packagerRepository, props.packagerImageTag ?? 'latest'),
        // The packager's JavaScript runs on one thread; the other vCPUs take TLS, GC and the
        // kernel's networking. It holds a few hundred MiB: 8 GiB is the least Fargate gives 4 vCPU.
        cpu: props.cpu ?? 4,
        memory: props.memory ?? Size.gibibytes(8),
        // Fargate's most: weights stream to S3, but a large file may need scratch space to resume.
        ephemeralStorageSize: Size.gibibytes(200),
        assignPublicIp: props.vpc === undefined,
        jobRole: this.jobRole,
        logging: ecs.LogDriver.awsLogs({ logGroup: this.logGroup, streamPrefix: 'packager' }),
        environment: {
          [EnvNames.tableName]: props.table.tableName,
          [EnvNames.artifactBucket]: props.artifactBucket.bucketName,
          [PackagerEnv.servingRepository]: this.servingRepository.repositoryUri,
          [PackagerEnv.hubEndpoint]: props.hubEndpoint ?? 'https://huggingface.co',
          [PackagerEnv.downloadConnections]: String(props.downloadConnections ?? defaultDownloadConnections),
          AWS_REGION: Aws.REGION,
        },
      }),
      timeout: props.timeout ?? Duration.hours(4),
      // Retry what AWS did wrong (no capacity, image pull), never the packager's own failures.
      // Batch retries a failure that matches no entry, so the last two exit on everything else:
      // an exit code, and (the documented catch-all) any reason, for attempts that end without
      // one (timeout, termination before start).
      // https://docs.aws.amazon.com/batch/latest/userguide/job_retries.html
      retryAttempts: 2,
      retryStrategies: [
        batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.CANNOT_PULL_CONTAINER),
        batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED),
        batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom({ onStatusReason: 'Task failed to start*' })),
        batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.NON_ZERO_EXIT_CODE),
        batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.custom({ onReason: '*' })),
      ],
    });
    const executionRole = this.jobDefinition.container.executionRole;
    acknowledgeFindings(
      executionRole,
      'The task execution role CDK makes pulls the packager image and writes its log stream; ecr:GetAuthorizationToken supports no resource-level permissions.',
      ['AwsSolutions-IAM5[Resource::*]'],
    );
  }

  private grantJobRole(props: PackagingJobsProps, stack: Stack): void {
    const objects = props.artifactBucket.arnForObjects(`${modelsPrefix}/*`);
    this.jobRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteModels',
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [objects],
      }),
    );
    // Fine-tuned weights to package come from the uploads/ prefix (a packaging job of source type s3).
    const uploads = props.artifactBucket.arnForObjects(`${uploadsPrefix}/*`);
    this.jobRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadUploads', actions: ['s3:GetObject'], resources: [uploads] }));
    this.jobRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListModels',
        actions: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [props.artifactBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${modelsPrefix}/*`, `${uploadsPrefix}/*`] } },
      }),
    );
    const secrets = stack.formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${props.namePrefix}/hf/*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.jobRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'HubTokens', actions: ['secretsmanager:GetSecretValue'], resources: [secrets] }));
    this.jobRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'JobRecord',
        actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        resources: [props.table.tableArn],
        // Packaging job records only (JOB#{jobId}), not the models, aliases or endpoints beside them.
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [packagingJobKey('*')[TableKeys.partitionKey]] } },
      }),
    );
    this.servingRepository.grantPullPush(this.jobRole);
    const published = stack.formatArn({ service: 'ecr', account: '*', resource: 'repository', resourceName: '*' });
    this.jobRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PullBaseImages',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        resources: [published],
        // The AWS Deep Learning Containers live in AWS's accounts; ours are covered above.
        conditions: { StringNotEquals: { 'aws:ResourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    acknowledgeFindings(
      this.jobRole,
      'The packager writes any model under the models/ prefix of the artifact bucket (one prefix per model and revision, named at run time).',
      [wildcardResourceFinding(this.jobRole, objects)],
    );
    acknowledgeFindings(
      this.jobRole,
      'Fine-tuned weights to package are read from any prefix under uploads/ of the artifact bucket, named by the caller at run time.',
      [wildcardResourceFinding(this.jobRole, uploads)],
    );
    acknowledgeFindings(
      this.jobRole,
      'Hub tokens of gated models are secrets named {namePrefix}/hf/{name}, chosen by the caller at run time; the job reads only those.',
      [wildcardResourceFinding(this.jobRole, secrets)],
    );
    acknowledgeFindings(
      this.jobRole,
      'Serving images start from AWS Deep Learning Containers in AWS-owned accounts that differ by Region; pulls from this account are excluded by condition.',
      [wildcardResourceFinding(this.jobRole, published)],
    );
    acknowledgeFindings(this.jobRole, 'ecr:GetAuthorizationToken supports no resource-level permissions.', ['AwsSolutions-IAM5[Resource::*]']);
  }

  /**
   * Read access to each configured source and nothing around it: GetObject under its prefix,
   * ListBucket only for keys under that prefix (the s3:prefix condition), and kms:Decrypt on
   * its own key only when S3 asks on the job's behalf (kms:ViaService, so the bucket must be in
   * the stack's Region). A whole bucket (prefix '') has no condition on listing.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
   */
  private grantReadSources(): void {
    this.sourceBuckets.forEach((source, i) => {
      const bucketArn = `arn:${Aws.PARTITION}:s3:::${source.bucket}`;
      const objects = `${bucketArn}/${source.prefix}*`;
      this.jobRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: `ReadSource${i}`, actions: ['s3:GetObject'], resources: [objects] }));
      this.jobRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: `ListSource${i}`,
          actions: ['s3:ListBucket'],
          resources: [bucketArn],
          ...(source.prefix === '' ? {} : { conditions: { StringLike: { 's3:prefix': [`${source.prefix}*`] } } }),
        }),
      );
      if (source.kmsKeyArn) {
        this.jobRole.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: `DecryptSource${i}`,
            actions: ['kms:Decrypt'],
            resources: [source.kmsKeyArn],
            conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
          }),
        );
      }
      acknowledgeFindings(
        this.jobRole,
        `Fine-tuned weights to package are read from any key under ${locationUri(source)}, a source the deployment configured (sourceBuckets), named by the caller at run time.`,
        [wildcardResourceFinding(this.jobRole, objects)],
      );
    });
  }

  /**
   * Tells `fn` the queue and job definition, and nothing more: lambdas/packaging/wiring.ts reads
   * both even where the function only records outcomes (the events handler).
   */
  nameJobs(fn: ModelplaneFunction): void {
    fn.addEnvironment(EnvNames.jobQueue, this.jobQueue.jobQueueArn);
    fn.addEnvironment(EnvNames.jobDefinition, this.jobDefinition.jobDefinitionArn);
    fn.addEnvironment(EnvNames.jobLogGroup, this.logGroup.logGroupName);
  }

  /** Lets `grantee` read the state of jobs (the sweep of unfinished job records). */
  grantDescribeJobs(grantee: ModelplaneFunction): void {
    grantee.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'DescribePackagingJobs', actions: ['batch:DescribeJobs'], resources: ['*'] }));
    // https://docs.aws.amazon.com/batch/latest/userguide/batch-supported-iam-actions-resources.html
    acknowledgeFindings(grantee, 'batch:DescribeJobs has no resource-level permissions; it only reads job states.', ['AwsSolutions-IAM5[Resource::*]']);
  }

  /** Tells `grantee` the queue and job definition, and lets it submit packaging jobs and stop them. */
  grantSubmitJobs(grantee: ModelplaneFunction): void {
    const stack = Stack.of(this);
    // SubmitJob is authorized on the queue and on the job definition (with and without revision).
    const definition = stack.formatArn({
      service: 'batch',
      resource: 'job-definition',
      resourceName: `${this.jobDefinition.jobDefinitionName}*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const jobs = stack.formatArn({ service: 'batch', resource: 'job', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.nameJobs(grantee);
    // The API refuses S3 sources the job role could not read (lambdas/packaging/service.ts).
    if (this.sourceBuckets.length > 0) grantee.addEnvironment(EnvNames.sourceBuckets, formatSourceLocations(this.sourceBuckets));
    grantee.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SubmitPackagingJobs',
        actions: ['batch:SubmitJob', 'batch:TagResource'],
        resources: [this.jobQueue.jobQueueArn, definition, jobs],
      }),
    );
    // Only jobs the API submitted (they carry the tenant tag), not every Batch job of the account.
    // TerminateJob supports aws:ResourceTag on the job resource:
    // https://docs.aws.amazon.com/batch/latest/userguide/batch-supported-iam-actions-resources.html
    grantee.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'StopPackagingJobs',
        actions: ['batch:TerminateJob'],
        resources: [jobs],
        conditions: { Null: { [`aws:ResourceTag/${TenantTagKey}`]: 'false' } },
      }),
    );
    acknowledgeFindings(
      grantee,
      'Batch job ids are made at submit time, so submitting, tagging and terminating cover job/* of this account; job definitions match by name across revisions.',
      [wildcardResourceFinding(grantee, jobs), wildcardResourceFinding(grantee, definition)],
    );
  }
}
