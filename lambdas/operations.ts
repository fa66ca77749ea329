/**
 * Which Lambda serves which spec operation. The CDK app builds one function per area and
 * wires API Gateway to it from this table; the router test checks it against openapi.yaml.
 * Operations whose capability belongs to a later issue are listed in `pendingOperations`
 * with the reason: they are absent from the router and from the deployed API.
 */
export const handlerAreas = {
  packaging: {
    entry: 'lambdas/packaging/handler.ts',
    operations: ['createPackagingJob', 'listPackagingJobs', 'getPackagingJob', 'cancelPackagingJob'],
  },
  registry: {
    entry: 'lambdas/registry/handler.ts',
    operations: [
      'createModel',
      'listModels',
      'getModel',
      'updateModel',
      'deleteModel',
      'createModelVersion',
      'listModelVersions',
      'getModelVersion',
      'updateModelVersion',
      'deleteModelVersion',
      'putModelAlias',
      'deleteModelAlias',
    ],
  },
  endpoints: {
    entry: 'lambdas/endpoints/handler.ts',
    operations: [
      'createEndpoint',
      'listEndpoints',
      'getEndpoint',
      'updateEndpoint',
      'deleteEndpoint',
      'promoteEndpointVariant',
      'pauseEndpoint',
      'resumeEndpoint',
    ],
  },
  catalog: {
    entry: 'lambdas/catalog/handler.ts',
    operations: ['listInstanceTypes', 'listSeries'],
  },
  metrics: {
    entry: 'lambdas/metrics/handler.ts',
    operations: ['getEndpointMetrics'],
  },
  invoke: {
    entry: 'lambdas/invoke/handler.ts',
    operations: ['invokeEndpoint', 'createChatCompletion'],
  },
} as const;

export type HandlerArea = keyof typeof handlerAreas;

export const pendingOperations: Readonly<Record<string, string>> = {};
