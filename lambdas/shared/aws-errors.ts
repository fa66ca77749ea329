import { ApiError, QuotaExceededError, ThrottledError, UpstreamError } from './errors.js';

const throttling = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
]);

const unavailable = new Set(['ServiceUnavailable', 'ServiceUnavailableException', 'InternalFailure', 'InternalServerError', 'InsufficientCapacityError']);

/**
 * Node's codes for a connection that could not be made or broke, as the SDK's retry strategy
 * counts them transient (@smithy/service-error-classification), plus DNS's temporary failure.
 */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Which AWS call an error came from: the client's service and the command's operation. */
export interface AwsCall {
  service: string;
  operation: string;
}

const calls = new WeakMap<object, AwsCall>();

/** Remembers the call an SDK error came from (the clients of aws-clients.ts do this for every call). */
export function recordAwsCall(error: unknown, call: AwsCall): void {
  if (typeof error === 'object' && error !== null && !calls.has(error)) calls.set(error, call);
}

/** The AWS call behind an error, looking through its causes: `SageMaker UpdateEndpoint`, for logs. */
export function awsCallOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const call = calls.get(e);
    if (call) return `${call.service} ${call.operation}`;
  }
  return undefined;
}

/** The error name of an AWS SDK v3 service exception, if it is one. */
export function awsErrorName(error: unknown): string | undefined {
  if (error instanceof Error && typeof (error as { $metadata?: unknown }).$metadata === 'object') return error.name;
  return undefined;
}

/**
 * Whether the call never got an answer: the connection was refused or broke, or the SDK's
 * connection or request timeout (aws-clients.ts) gave up on it. Nothing about the request is
 * known, so the caller may only retry.
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'TimeoutError' || (typeof code === 'string' && unreachableCodes.has(code));
}

/** Whether AWS answered with a server-side failure (HTTP 5xx). */
function isServerFault(error: Error): boolean {
  const fault = (error as { $fault?: unknown }).$fault;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return fault === 'server' || (typeof status === 'number' && status >= 500);
}

/** `SageMaker`, `DynamoDB`: the service an error came from, for a caller's message. */
function serviceOf(error: unknown): string {
  return awsCallOf(error)?.split(' ')[0] ?? 'An AWS service';
}

/**
 * Turns the AWS errors every operation can meet (throttling, quotas, service outages, calls
 * that got no answer) into our own; anything else is returned unchanged (and becomes a 500 if
 * it is not an ApiError).
 */
export function fromAwsError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (isUnreachable(error)) {
    const why =
      error instanceof Error && error.name === 'TimeoutError'
        ? 'did not answer in time'
        : `could not be reached (${String((error as { code?: unknown }).code)})`;
    return new UpstreamError('ServiceUnavailable', `${serviceOf(error)} ${why}; retry in a few seconds.`, { cause: error });
  }
  const name = awsErrorName(error);
  if (name === undefined) return error;
  if (throttling.has(name)) return new ThrottledError('AWS is throttling our requests; retry after a short pause.', { cause: error });
  if (name === 'ResourceLimitExceeded')
    return new QuotaExceededError(`An AWS service quota stops this request: ${(error as Error).message}`, undefined, { cause: error });
  if (/InsufficientCapacity|InsufficientInstanceCapacity|CapacityError/.test(name)) {
    return new UpstreamError(
      'InsufficientCapacity',
      `AWS has no capacity for this request right now (${(error as Error).message}); retry later or choose another instance type.`,
      {
        cause: error,
        retryAfterSeconds: 60,
      },
    );
  }
  if (unavailable.has(name) || isServerFault(error as Error))
    return new UpstreamError('ServiceUnavailable', `${serviceOf(error)} is unavailable (${name}); retry later.`, { cause: error });
  return error;
}

/** SageMaker reports most missing resources as a ValidationException with one of these phrasings. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ResourceNotFound' || error.name === 'ResourceNotFoundException') return true;
  return error.name === 'ValidationException' && /could not find|does not exist|not found/i.test(error.message);
}

/** SageMaker refuses a change to an endpoint that is creating, updating or deleting with this ValidationException. */
export function isEndpointInProgress(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationException' && /cannot update in-progress endpoint/i.test(error.message);
}
