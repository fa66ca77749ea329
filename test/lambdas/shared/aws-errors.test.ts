import { describe, expect, it } from 'vitest';
import { awsCallOf, fromAwsError, isEndpointInProgress, isUnreachable, recordAwsCall } from '../../../lambdas/shared/aws-errors.js';
import { ConflictError, QuotaExceededError, ThrottledError, UpstreamError } from '../../../lambdas/shared/errors.js';
import { toProblem } from '../../../lambdas/shared/http/problem.js';
import { refused, serverError, throttling, timedOut } from '../../faults/support/aws-faults.js';

const aws = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });

describe('fromAwsError', () => {
  it.each([
    ['a refused connection', refused(), UpstreamError, 'ServiceUnavailable', 503],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: {} }), UpstreamError, 'ServiceUnavailable', 503],
    ['a request timeout', timedOut(), UpstreamError, 'ServiceUnavailable', 503],
    [
      'a connection timeout',
      Object.assign(new Error('did not establish a connection'), { name: 'TimeoutError', $metadata: {} }),
      UpstreamError,
      'ServiceUnavailable',
      503,
    ],
    ['throttling', throttling(), ThrottledError, 'Throttled', 429],
    ['DynamoDB throughput', aws('ProvisionedThroughputExceededException'), ThrottledError, 'Throttled', 429],
    ['an AWS 500 of a known name', serverError('InternalFailure'), UpstreamError, 'ServiceUnavailable', 503],
    ['an AWS 5xx of any name', serverError('SomethingOdd'), UpstreamError, 'ServiceUnavailable', 503],
    ['no capacity', aws('InsufficientCapacityError'), UpstreamError, 'InsufficientCapacity', 503],
    ['a quota', aws('ResourceLimitExceeded'), QuotaExceededError, 'QuotaExceeded', 400],
  ])('maps %s to %s %s', (_what, error, type, code, status) => {
    const mapped = fromAwsError(error);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped).toMatchObject({ code, status });
    expect((mapped as Error).cause).toBe(error);
  });

  it('leaves our own errors and AWS refusals it does not know alone (a ValidationException is the caller’s business)', () => {
    const ours = new ConflictError('EndpointBusy', 'busy');
    expect(fromAwsError(ours)).toBe(ours);
    const validation = aws('ValidationException');
    expect(fromAwsError(validation)).toBe(validation);
    const plain = new Error('a bug');
    expect(fromAwsError(plain)).toBe(plain);
  });

  it('names the service in what the caller reads, when the call is known', () => {
    const error = refused();
    recordAwsCall(error, { service: 'DynamoDB', operation: 'GetItem' });
    expect((fromAwsError(error) as Error).message).toBe('DynamoDB could not be reached (ECONNREFUSED); retry in a few seconds.');
    expect((fromAwsError(timedOut()) as Error).message).toBe('An AWS service did not answer in time; retry in a few seconds.');
  });
});

describe('awsCallOf', () => {
  it('finds the call through the causes of the error that reached the edge', () => {
    const error = serverError();
    recordAwsCall(error, { service: 'Batch', operation: 'SubmitJob' });
    expect(awsCallOf(new UpstreamError('ServiceUnavailable', 'refused', { cause: error }))).toBe('Batch SubmitJob');
    expect(awsCallOf(new Error('no AWS here'))).toBeUndefined();
  });
});

describe('isUnreachable and isEndpointInProgress', () => {
  it('tells a call that got no answer from one AWS answered', () => {
    expect([refused(), timedOut()].map(isUnreachable)).toEqual([true, true]);
    expect([throttling(), serverError(), new Error('x'), 'ECONNREFUSED'].map(isUnreachable)).toEqual([false, false, false, false]);
  });

  it('recognises SageMaker refusing a change to an endpoint in progress', () => {
    expect(
      isEndpointInProgress(aws('ValidationException', { message: 'Cannot update in-progress endpoint "arn:aws-test:sagemaker:us-east-1:1:endpoint/e".' })),
    ).toBe(true);
    expect(isEndpointInProgress(aws('ValidationException', { message: 'Could not find endpoint "e".' }))).toBe(false);
  });
});

describe('toProblem', () => {
  it.each([
    [new ThrottledError('slow down'), 429, '2'],
    [new UpstreamError('ServiceUnavailable', 'down'), 503, '5'],
    [new UpstreamError('InsufficientCapacity', 'none', { retryAfterSeconds: 60 }), 503, '60'],
  ])('says when to retry a %s', (error, status, retryAfter) => {
    const problem = toProblem(error, { requestId: 'r', instance: '/v1/models' });
    expect(problem.statusCode).toBe(status);
    expect(problem.headers).toMatchObject({ 'Content-Type': 'application/problem+json', 'Retry-After': retryAfter });
  });

  it('sets no Retry-After on problems a retry does not mend', () => {
    expect(toProblem(new ConflictError('EndpointBusy', 'busy'), { requestId: 'r', instance: '/' }).headers).not.toHaveProperty('Retry-After');
  });
});
