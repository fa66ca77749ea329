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

/** The error name of an AWS SDK v3 service exception, if it is one. */
export function awsErrorName(error: unknown): string | undefined {
  if (error instanceof Error && typeof (error as { $metadata?: unknown }).$metadata === 'object') return error.name;
  return undefined;
}

/**
 * Turns the AWS errors every operation can meet (throttling, quotas, service outages) into our
 * own; anything else is returned unchanged (and becomes a 500 if it is not an ApiError).
 */
export function fromAwsError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const name = awsErrorName(error);
  if (name === undefined) return error;
  if (throttling.has(name)) return new ThrottledError('AWS is throttling our requests; retry after a short pause.', { cause: error });
  if (name === 'ResourceLimitExceeded') return new QuotaExceededError(`An AWS service quota stops this request: ${(error as Error).message}`, undefined, { cause: error });
  if (/InsufficientCapacity|InsufficientInstanceCapacity|CapacityError/.test(name)) {
    return new UpstreamError('InsufficientCapacity', `AWS has no capacity for this request right now (${(error as Error).message}); retry later or choose another instance type.`, { cause: error });
  }
  if (unavailable.has(name)) return new UpstreamError('ServiceUnavailable', `An AWS service is unavailable (${name}); retry later.`, { cause: error });
  return error;
}

/** SageMaker reports most missing resources as a ValidationException with one of these phrasings. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ResourceNotFound' || error.name === 'ResourceNotFoundException') return true;
  return error.name === 'ValidationException' && /could not find|does not exist|not found/i.test(error.message);
}
