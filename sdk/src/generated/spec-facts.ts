// Generated from openapi/openapi.yaml by scripts/generate-api.ts. Do not edit: run `npm run api:generate`.

/** Every problem `code` openapi/openapi.yaml documents (its Errors table and response examples). */
export const problemCodes = [
  'AliasNotFound',
  'EndpointAlreadyExists',
  'EndpointBusy',
  'EndpointChanged',
  'EndpointFailed',
  'EndpointNameUnavailable',
  'EndpointNotFound',
  'IdempotencyKeyInProgress',
  'IdempotencyKeyReused',
  'InsufficientCapacity',
  'InternalError',
  'InvalidTenant',
  'MissingTenant',
  'ModelAlreadyExists',
  'ModelInUse',
  'ModelNameUnavailable',
  'ModelNotFound',
  'NotFound',
  'PackagingJobFinished',
  'PackagingJobNotFound',
  'PackagingJobNotSucceeded',
  'QuotaExceeded',
  'RequestTooLarge',
  'RouteNotFound',
  'ServiceUnavailable',
  'SourceNotAllowed',
  'Throttled',
  'Unauthorized',
  'ValidationFailed',
  'VersionHasAliases',
  'VersionInUse',
  'VersionNotFound',
] as const;

export type ProblemCode = (typeof problemCodes)[number];

/** Every operation of the API by operationId; `idempotencyKey` marks the creates that accept an Idempotency-Key. */
export const apiOperations = {
  listPackagingJobs: { method: 'GET', path: '/v1/packaging-jobs', tag: 'packaging', idempotencyKey: false },
  createPackagingJob: { method: 'POST', path: '/v1/packaging-jobs', tag: 'packaging', idempotencyKey: true },
  getPackagingJob: { method: 'GET', path: '/v1/packaging-jobs/{jobId}', tag: 'packaging', idempotencyKey: false },
  cancelPackagingJob: { method: 'DELETE', path: '/v1/packaging-jobs/{jobId}', tag: 'packaging', idempotencyKey: false },
  listModels: { method: 'GET', path: '/v1/models', tag: 'models', idempotencyKey: false },
  createModel: { method: 'POST', path: '/v1/models', tag: 'models', idempotencyKey: true },
  getModel: { method: 'GET', path: '/v1/models/{modelName}', tag: 'models', idempotencyKey: false },
  deleteModel: { method: 'DELETE', path: '/v1/models/{modelName}', tag: 'models', idempotencyKey: false },
  updateModel: { method: 'PATCH', path: '/v1/models/{modelName}', tag: 'models', idempotencyKey: false },
  listModelVersions: { method: 'GET', path: '/v1/models/{modelName}/versions', tag: 'versions', idempotencyKey: false },
  createModelVersion: { method: 'POST', path: '/v1/models/{modelName}/versions', tag: 'versions', idempotencyKey: true },
  getModelVersion: { method: 'GET', path: '/v1/models/{modelName}/versions/{version}', tag: 'versions', idempotencyKey: false },
  deleteModelVersion: { method: 'DELETE', path: '/v1/models/{modelName}/versions/{version}', tag: 'versions', idempotencyKey: false },
  updateModelVersion: { method: 'PATCH', path: '/v1/models/{modelName}/versions/{version}', tag: 'versions', idempotencyKey: false },
  putModelAlias: { method: 'PUT', path: '/v1/models/{modelName}/aliases/{alias}', tag: 'aliases', idempotencyKey: false },
  deleteModelAlias: { method: 'DELETE', path: '/v1/models/{modelName}/aliases/{alias}', tag: 'aliases', idempotencyKey: false },
  listEndpoints: { method: 'GET', path: '/v1/endpoints', tag: 'endpoints', idempotencyKey: false },
  createEndpoint: { method: 'POST', path: '/v1/endpoints', tag: 'endpoints', idempotencyKey: true },
  getEndpoint: { method: 'GET', path: '/v1/endpoints/{endpointName}', tag: 'endpoints', idempotencyKey: false },
  deleteEndpoint: { method: 'DELETE', path: '/v1/endpoints/{endpointName}', tag: 'endpoints', idempotencyKey: false },
  updateEndpoint: { method: 'PATCH', path: '/v1/endpoints/{endpointName}', tag: 'endpoints', idempotencyKey: false },
  getEndpointMetrics: { method: 'GET', path: '/v1/endpoints/{endpointName}/metrics', tag: 'metrics', idempotencyKey: false },
  listInstanceTypes: { method: 'GET', path: '/v1/instance-types', tag: 'catalog', idempotencyKey: false },
  listSeries: { method: 'GET', path: '/v1/series', tag: 'catalog', idempotencyKey: false },
} as const;

export type OperationId = keyof typeof apiOperations;
