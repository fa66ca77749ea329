import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeFindings, wildcardResourceFinding } from './nag.js';

export interface SageMakerExecutionRoleProps {
  /** The bucket holding model weights; the role reads it and nothing else in S3. */
  readonly artifactBucket: s3.IBucket;
  /**
   * Repositories in this account whose images the role may pull: those named
   * `{imageRepositoryPrefix}/...` (where packaging jobs push serving images).
   */
  readonly imageRepositoryPrefix: string;
  /**
   * Also allow pulling images from repositories in other accounts, such as the AWS Deep
   * Learning Containers (LMI, vLLM, Hugging Face) that model versions usually name. Such a
   * pull still needs the other repository's own policy to allow it.
   * @default true
   */
  readonly allowCrossAccountImages?: boolean;
}

/**
 * The role SageMaker assumes to serve model versions: it pulls the serving image, reads the
 * weights from the artifact bucket and writes the container's logs and metrics.
 */
export class SageMakerExecutionRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SageMakerExecutionRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.role = new iam.Role(this, 'Role', {
      // Who may hand the role to SageMaker is what limits its use: see grantPassRole.
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'Assumed by SageMaker to serve modelplane model versions',
    });

    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadArtifactBucket',
        actions: ['s3:ListBucket'],
        resources: [props.artifactBucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadArtifacts',
        actions: ['s3:GetObject'],
        resources: [props.artifactBucket.arnForObjects('*')],
      }),
    );

    const ownRepositories = stack.formatArn({ service: 'ecr', resource: 'repository', resourceName: `${props.imageRepositoryPrefix}/*` });
    const pullActions = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PullOwnImages', actions: pullActions, resources: [ownRepositories] }));
    const publishedRepositories = stack.formatArn({ service: 'ecr', account: '*', resource: 'repository', resourceName: '*' });
    const crossAccount = props.allowCrossAccountImages ?? true;
    if (crossAccount) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'PullPublishedImages',
          actions: pullActions,
          resources: [publishedRepositories],
          // Repositories of this account are covered by PullOwnImages (our prefix only).
          conditions: { StringNotEquals: { 'aws:ResourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'EcrToken', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));

    const sagemakerLogGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '/aws/sagemaker/*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteSageMakerLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [sagemakerLogGroups, `${sagemakerLogGroups}:log-stream:*`],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PutSageMakerMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        // Container metrics (GPU, CPU, memory, disk) go to /aws/sagemaker/Endpoints and the like.
        conditions: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
      }),
    );

    const finding = (resource: string) => wildcardResourceFinding(this, resource);
    acknowledgeFindings(
      this.role,
      'SageMaker reads the weights of any model version, which may sit under any prefix of the artifact bucket; s3:GetObject on that one bucket only.',
      [finding(props.artifactBucket.arnForObjects('*'))],
    );
    acknowledgeFindings(
      this.role,
      `Serving images pushed by packaging jobs live in this account's ECR repositories named ${props.imageRepositoryPrefix}/*; pull actions only.`,
      [finding(ownRepositories)],
    );
    if (crossAccount) {
      acknowledgeFindings(
        this.role,
        "Model versions name AWS Deep Learning Container images (LMI, vLLM, Hugging Face) whose registry account differs by Region; pull actions on repositories of other accounts only (this account is excluded by condition), each also subject to that repository's own policy.",
        [finding(publishedRepositories)],
      );
    }
    acknowledgeFindings(
      this.role,
      'SageMaker names endpoint log groups and streams after the endpoint at run time; limited to /aws/sagemaker/* log groups of this account and Region.',
      [finding(sagemakerLogGroups), finding(`${sagemakerLogGroups}:log-stream:*`)],
    );
    acknowledgeFindings(
      this.role,
      'ecr:GetAuthorizationToken and cloudwatch:PutMetricData support no resource-level permissions, so their resource is *; PutMetricData is limited to /aws/sagemaker/* namespaces by condition.',
      ['AwsSolutions-IAM5[Resource::*]'],
    );
  }

  get roleArn(): string {
    return this.role.roleArn;
  }

  /**
   * Lets `grantee` hand this role to SageMaker (CreateModel's ExecutionRoleArn), and to no
   * other service.
   */
  grantPassRole(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['iam:PassRole'],
      resourceArns: [this.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
  }
}
