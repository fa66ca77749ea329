import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

/**
 * SDK clients, created once per cold start by each area's wiring. Region, credentials,
 * retries (AWS_MAX_ATTEMPTS) and the endpoint (AWS_ENDPOINT_URL) come from the environment,
 * so the same code talks to AWS or to the local emulator.
 */
export function sageMakerClient(): SageMakerClient {
  return new SageMakerClient({});
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
}

export function s3Client(): S3Client {
  // A custom endpoint (the local emulator) cannot serve virtual-hosted buckets: use path style there.
  return new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL !== undefined });
}
