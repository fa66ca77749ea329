/**
 * @modelplane/sdk: a typed client for the modelplane API. The types and the operation list
 * are generated from openapi/openapi.yaml (src/generated/); the rest is a thin resource layer
 * over openapi-fetch with retries, pagination, typed problems and waiters.
 */
export { createModelplaneClient, type ModelplaneClient } from './client.js';
export type { CreateOptions, FetchLike, ModelplaneClientOptions, RequestOptions, RetryOptions, TokenSource } from './transport.js';
export {
  ModelplaneError,
  ModelplaneNetworkError,
  ModelplaneProblem,
  ModelplaneTimeoutError,
  ModelplaneWaitError,
  isKnownProblemCode,
  isProblem,
  type ProblemDocument,
  type UnexpectedResponseCode,
  type WaitFailureReason,
} from './errors.js';
export type { Page, Paginated } from './pagination.js';
export type { InvocationAnswer, InvokeOptions } from './inference.js';
export type { WaitOptions, WaitProgress } from './waiters.js';
export { apiOperations, problemCodes, type OperationId, type ProblemCode } from './generated/spec-facts.js';
export type { components, operations, paths } from './generated/schema.js';
export type * from './types.js';
