import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TableKeys } from '../core/env-names.js';

export interface ModelplaneStorageProps {
  /**
   * Protect the data from accidental deletion: DynamoDB deletion protection on the table.
   * Both the table and the buckets are retained when the stack is deleted either way.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * How long overwritten or deleted artifact versions stay restorable.
   * @default Duration.days(7)
   */
  readonly artifactNoncurrentVersionExpiration?: Duration;
  /**
   * How long server access logs of the artifact bucket are kept.
   * @default Duration.days(90)
   */
  readonly accessLogExpiration?: Duration;
}

/**
 * What modelplane stores itself: the single DynamoDB table (records only we know: packaging
 * jobs, aliases, idempotency keys, tenancy) and the artifact bucket (model weights, manifests)
 * with its server access logs.
 */
export class ModelplaneStorage extends Construct {
  readonly table: dynamodb.Table;
  readonly artifactBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ModelplaneStorageProps = {}) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TableKeys.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TableKeys.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TableKeys.timeToLive,
      // The AWS managed key (aws/dynamodb): use of it shows in CloudTrail, and no key policy to keep.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: props.deletionProtection ?? false,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TableKeys.gsi1.indexName,
      partitionKey: { name: TableKeys.gsi1.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TableKeys.gsi1.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      // Server access log delivery supports SSE-S3 only, not SSE-KMS.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: props.accessLogExpiration ?? Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.artifactBucket = new s3.Bucket(this, 'ArtifactBucket', {
      // SSE-S3: SageMaker, the handlers and the packaging job read and write without KMS grants,
      // and multi-GB weight uploads pay no per-request KMS charges.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioned: SageMaker downloads a version's weights again on every scale-out and instance
      // replacement, so weights deleted or overwritten under a live version break serving. Old
      // versions stay restorable for a week, then expire so multi-GB copies do not pile up.
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-artifacts',
          noncurrentVersionExpiration: props.artifactNoncurrentVersionExpiration ?? Duration.days(7),
          expiredObjectDeleteMarker: true,
        },
        // Packaging streams weights with multipart uploads; a failed or cancelled job leaves
        // parts behind that are billed until aborted.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(2) },
      ],
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'artifacts/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
