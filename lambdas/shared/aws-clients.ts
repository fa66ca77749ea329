import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { BatchClient } from '@aws-sdk/client-batch';
import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { MetadataBearer, MiddlewareStack, NodeHttpHandlerOptions } from '@smithy/types';
import { recordAwsCall } from './aws-errors.js';

/**
 * How long one attempt of an AWS call may take. An API request makes a few calls in a row and
 * API Gateway gives up on it after 29 s, so a call that gets no answer must fail in seconds
 * (and become a 503 the caller can retry), not hang on Node's defaults, which never time out:
 * - connecting: 2 s. AWS endpoints accept a connection in milliseconds; a refused or unroutable
 *   one fails at once or never.
 * - the whole request and response: 5 s. Every call on the request path is a small control
 *   call (Describe, Create, Put, a metric query) that AWS answers well under a second.
 * - attempts: 2 (one retry, for throttling and transient faults) unless AWS_MAX_ATTEMPTS says.
 * So one call gives up after about 10 s at worst. DEVELOPERS.md (Faults) says the same.
 */
export const awsCallTimeouts = { connectionTimeoutMs: 2_000, requestTimeoutMs: 5_000, maxAttempts: 2 } as const;

const requestHandler: NodeHttpHandlerOptions & { throwOnRequestTimeout: boolean } = {
  connectionTimeout: awsCallTimeouts.connectionTimeoutMs,
  requestTimeout: awsCallTimeouts.requestTimeoutMs,
  // Without it a breach of requestTimeout is only a logged warning (@smithy/node-http-handler).
  throwOnRequestTimeout: true,
};

function maxAttempts(): number {
  const configured = Number(process.env.AWS_MAX_ATTEMPTS);
  return Number.isInteger(configured) && configured >= 1 ? configured : awsCallTimeouts.maxAttempts;
}

/** The timeouts and retries every client of ours is built with (region, credentials and endpoint still come from the environment). */
export function awsClientDefaults(): { requestHandler: typeof requestHandler; maxAttempts: number } {
  return { requestHandler, maxAttempts: maxAttempts() };
}

/**
 * Remembers on every failed call which call it was (`SageMaker UpdateEndpoint`), so the log of a
 * failed request names it (aws-errors.ts awsCallOf). The names come from the SDK's own context.
 */
function named<C extends { middlewareStack: unknown }>(client: C): C {
  // Every client's stack takes an initialize middleware; only its input and output types differ.
  (client.middlewareStack as MiddlewareStack<object, MetadataBearer>).add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        recordAwsCall(error, {
          service: (context.clientName ?? 'AWS').replace(/Client$/, ''),
          operation: (context.commandName ?? 'call').replace(/Command$/, ''),
        });
        throw error;
      }
    },
    { step: 'initialize', name: 'modelplaneAwsCallName', priority: 'high' },
  );
  return client;
}

/** Names the failed calls of a client built elsewhere (the invoke area's runtime client). */
export const withCallNames = named;

/**
 * SageMaker Runtime's figures: an invocation runs the model, so it may take as long as API
 * Gateway waits (29 s; SageMaker itself allows the container 60 s), and it is never retried:
 * a model call is neither cheap nor known to be idempotent.
 */
export const runtimeCallTimeouts = { connectionTimeoutMs: 2_000, requestTimeoutMs: 28_000, maxAttempts: 1 } as const;

export function runtimeClientDefaults(): { requestHandler: typeof requestHandler; maxAttempts: number } {
  return {
    requestHandler: { ...requestHandler, connectionTimeout: runtimeCallTimeouts.connectionTimeoutMs, requestTimeout: runtimeCallTimeouts.requestTimeoutMs },
    maxAttempts: runtimeCallTimeouts.maxAttempts,
  };
}

/**
 * SDK clients, created once per cold start by each area's wiring (and by the local plane's
 * pollers), all with the same bounded timeouts and retries. Region, credentials and the
 * endpoint (AWS_ENDPOINT_URL) come from the environment, so the same code talks to AWS or to
 * the local emulator.
 */
export function sageMakerClient(): SageMakerClient {
  return named(new SageMakerClient(awsClientDefaults()));
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } });
}

export function dynamoDbClient(): DynamoDBClient {
  return named(new DynamoDBClient(awsClientDefaults()));
}

export function s3Client(): S3Client {
  // A custom endpoint (the local emulator) cannot serve virtual-hosted buckets: use path style there.
  return named(new S3Client({ ...awsClientDefaults(), forcePathStyle: process.env.AWS_ENDPOINT_URL !== undefined }));
}

export function cloudWatchClient(config: Pick<CloudWatchClientConfig, 'disableRequestCompression'> = {}): CloudWatchClient {
  return named(new CloudWatchClient({ ...awsClientDefaults(), ...config }));
}

export function autoScalingClient(): ApplicationAutoScalingClient {
  return named(new ApplicationAutoScalingClient(awsClientDefaults()));
}

export function batchClient(): BatchClient {
  return named(new BatchClient(awsClientDefaults()));
}

export function schedulerClient(): SchedulerClient {
  return named(new SchedulerClient(awsClientDefaults()));
}
