import type { Client } from 'openapi-fetch';
import { ModelplaneProblem } from './errors.js';
import type { paths } from './generated/schema.js';
import { paginate, type Paginated } from './pagination.js';
import { Transport, type CreateOptions, type ModelplaneClientOptions, type RequestOptions } from './transport.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  CreateEndpointRequest,
  CreateModelRequest,
  CreateModelVersionRequest,
  CreatePackagingJobRequest,
  Endpoint,
  EndpointMetrics,
  EndpointMetricsQuery,
  InstanceType,
  Model,
  ModelVersion,
  PackagingJob,
  PromoteEndpointVariantRequest,
  PutAliasRequest,
  QueryParameters,
  Series,
  UpdateEndpointRequest,
  UpdateModelRequest,
  UpdateModelVersionRequest,
} from './types.js';
import { waitFor, type WaitOptions } from './waiters.js';
import { chatCompletion, chatCompletionStream, invokeEndpoint, type InvocationAnswer, type InvokeOptions } from './inference.js';

/** The modelplane API, one namespace per tag of the spec. */
export interface ModelplaneClient {
  models: {
    create(body: CreateModelRequest, options?: CreateOptions): Promise<Model>;
    list(query?: QueryParameters<'listModels'>, options?: RequestOptions): Paginated<Model>;
    get(name: string, options?: RequestOptions): Promise<Model>;
    update(name: string, patch: UpdateModelRequest, options?: RequestOptions): Promise<Model>;
    delete(name: string, options?: RequestOptions): Promise<void>;
  };
  versions: {
    create(model: string, body: CreateModelVersionRequest, options?: CreateOptions): Promise<ModelVersion>;
    list(model: string, query?: QueryParameters<'listModelVersions'>, options?: RequestOptions): Paginated<ModelVersion>;
    get(model: string, version: number, options?: RequestOptions): Promise<ModelVersion>;
    update(model: string, version: number, patch: UpdateModelVersionRequest, options?: RequestOptions): Promise<ModelVersion>;
    delete(model: string, version: number, options?: RequestOptions): Promise<void>;
  };
  aliases: {
    /** Points `alias` at a version (creating or moving it); answers the model with its aliases. */
    set(model: string, alias: string, body: PutAliasRequest, options?: RequestOptions): Promise<Model>;
    delete(model: string, alias: string, options?: RequestOptions): Promise<void>;
  };
  endpoints: {
    create(body: CreateEndpointRequest, options?: CreateOptions): Promise<Endpoint>;
    list(query?: QueryParameters<'listEndpoints'>, options?: RequestOptions): Paginated<Endpoint>;
    get(name: string, options?: RequestOptions): Promise<Endpoint>;
    update(name: string, patch: UpdateEndpointRequest, options?: RequestOptions): Promise<Endpoint>;
    /** Makes one variant (or the shadow) take all traffic and removes the others; answers the endpoint, updating. */
    promote(name: string, body: PromoteEndpointVariantRequest, options?: RequestOptions): Promise<Endpoint>;
    /** Starts the deletion; the endpoint answers `deleting` until it is gone (see waitUntilDeleted). */
    delete(name: string, options?: RequestOptions): Promise<Endpoint>;
    /** Pauses a running endpoint: its SageMaker endpoint goes (no cost), its definition stays; answers it `paused`. */
    pause(name: string, options?: RequestOptions): Promise<Endpoint>;
    /** Recreates a paused endpoint from its kept definition; answers it `creating` (see waitUntilSettled). */
    resume(name: string, options?: RequestOptions): Promise<Endpoint>;
    /**
     * Polls until the endpoint is `running` (or `paused`, which is settled too). Rejects with ModelplaneWaitError `failed` when it
     * lands in `failed`, `updateFailed` (rolled back; it still serves the old version) or
     * `outOfService`; `timeout` or `aborted` otherwise.
     */
    waitUntilSettled(name: string, options?: WaitOptions<Endpoint>): Promise<Endpoint>;
    /** Polls until the endpoint answers 404. */
    waitUntilDeleted(name: string, options?: WaitOptions<Endpoint>): Promise<void>;
    /**
     * Sends `body` to the model as it is (an object goes as JSON, a string as text, bytes as
     * application/octet-stream, unless `contentType` says otherwise) and answers the model's bytes.
     */
    invoke(name: string, body: unknown, options?: InvokeOptions): Promise<InvocationAnswer>;
    /**
     * An OpenAI-style chat completion. With `stream: true` the answer is an async iterator of
     * chunks as the model produces them (`for await (const chunk of ...)`); otherwise the whole completion.
     */
    chatCompletions(name: string, request: ChatCompletionRequest & { stream: true }, options?: RequestOptions): AsyncIterable<ChatCompletionChunk>;
    chatCompletions(name: string, request: ChatCompletionRequest & { stream?: false }, options?: RequestOptions): Promise<ChatCompletion>;
  };
  packagingJobs: {
    create(body: CreatePackagingJobRequest, options?: CreateOptions): Promise<PackagingJob>;
    list(query?: QueryParameters<'listPackagingJobs'>, options?: RequestOptions): Paginated<PackagingJob>;
    get(jobId: string, options?: RequestOptions): Promise<PackagingJob>;
    /** Asks Batch to stop the job; it turns `cancelled` when Batch confirms. */
    cancel(jobId: string, options?: RequestOptions): Promise<PackagingJob>;
    /**
     * Polls until the job `succeeded`. Rejects with ModelplaneWaitError `failed` when it is
     * `failed` or `cancelled` (the job's `failure` says why); `timeout` or `aborted` otherwise.
     */
    waitUntilDone(jobId: string, options?: WaitOptions<PackagingJob>): Promise<PackagingJob>;
  };
  catalog: {
    instanceTypes(options?: RequestOptions): Promise<InstanceType[]>;
    series(options?: RequestOptions): Promise<Series[]>;
  };
  metrics: {
    /** An endpoint's metrics; an endpoint with several variants answers per variant (`variant` narrows, `perVariant` forces it). */
    get(endpoint: string, query?: EndpointMetricsQuery, options?: RequestOptions): Promise<EndpointMetrics>;
  };
  /** The underlying openapi-fetch client (typed by the spec's paths), for anything the resources do not cover. */
  raw: Client<paths>;
}

const endpointSettled = new Set<Endpoint['status']>(['running', 'paused']);
const endpointFailures = new Set<Endpoint['status']>(['failed', 'updateFailed', 'outOfService']);
const jobFailures = new Set<PackagingJob['status']>(['failed', 'cancelled']);

/**
 * Creates a client. `baseUrl` is the API root without `/v1` (a trailing `/v1` is dropped), e.g.
 * `createModelplaneClient({ baseUrl: 'http://127.0.0.1:8080', token: () => session.idToken() })`.
 */
export function createModelplaneClient(options: ModelplaneClientOptions): ModelplaneClient {
  const transport = new Transport(options);
  const api = transport.api;
  const send = transport.send.bind(transport);

  const models: ModelplaneClient['models'] = {
    create: (body, o) => send('createModel', (a) => api.POST('/v1/models', { body, ...a }), o),
    list: (query = {}, o) =>
      paginate((nextToken) => send('listModels', (a) => api.GET('/v1/models', { params: { query: { ...query, nextToken } }, ...a }), o), query.nextToken),
    get: (name, o) => send('getModel', (a) => api.GET('/v1/models/{modelName}', { params: { path: { modelName: name } }, ...a }), o),
    update: (name, patch, o) =>
      send('updateModel', (a) => api.PATCH('/v1/models/{modelName}', { params: { path: { modelName: name } }, body: patch, ...a }), o),
    delete: (name, o) => send('deleteModel', (a) => api.DELETE('/v1/models/{modelName}', { params: { path: { modelName: name } }, ...a }), o),
  };

  const versionPath = (model: string, version: number) => ({ path: { modelName: model, version } });
  const versions: ModelplaneClient['versions'] = {
    create: (model, body, o) =>
      send('createModelVersion', (a) => api.POST('/v1/models/{modelName}/versions', { params: { path: { modelName: model } }, body, ...a }), o),
    list: (model, query = {}, o) =>
      paginate(
        (nextToken) =>
          send(
            'listModelVersions',
            (a) => api.GET('/v1/models/{modelName}/versions', { params: { path: { modelName: model }, query: { ...query, nextToken } }, ...a }),
            o,
          ),
        query.nextToken,
      ),
    get: (model, version, o) =>
      send('getModelVersion', (a) => api.GET('/v1/models/{modelName}/versions/{version}', { params: versionPath(model, version), ...a }), o),
    update: (model, version, patch, o) =>
      send('updateModelVersion', (a) => api.PATCH('/v1/models/{modelName}/versions/{version}', { params: versionPath(model, version), body: patch, ...a }), o),
    delete: (model, version, o) =>
      send('deleteModelVersion', (a) => api.DELETE('/v1/models/{modelName}/versions/{version}', { params: versionPath(model, version), ...a }), o),
  };

  const aliasPath = (model: string, alias: string) => ({ path: { modelName: model, alias } });
  const aliases: ModelplaneClient['aliases'] = {
    set: (model, alias, body, o) =>
      send('putModelAlias', (a) => api.PUT('/v1/models/{modelName}/aliases/{alias}', { params: aliasPath(model, alias), body, ...a }), o),
    delete: (model, alias, o) =>
      send('deleteModelAlias', (a) => api.DELETE('/v1/models/{modelName}/aliases/{alias}', { params: aliasPath(model, alias), ...a }), o),
  };

  const endpointPath = (name: string) => ({ path: { endpointName: name } });
  const endpoints: ModelplaneClient['endpoints'] = {
    create: (body, o) => send('createEndpoint', (a) => api.POST('/v1/endpoints', { body, ...a }), o),
    list: (query = {}, o) =>
      paginate((nextToken) => send('listEndpoints', (a) => api.GET('/v1/endpoints', { params: { query: { ...query, nextToken } }, ...a }), o), query.nextToken),
    get: (name, o) => send('getEndpoint', (a) => api.GET('/v1/endpoints/{endpointName}', { params: endpointPath(name), ...a }), o),
    update: (name, patch, o) => send('updateEndpoint', (a) => api.PATCH('/v1/endpoints/{endpointName}', { params: endpointPath(name), body: patch, ...a }), o),
    delete: (name, o) => send('deleteEndpoint', (a) => api.DELETE('/v1/endpoints/{endpointName}', { params: endpointPath(name), ...a }), o),
    promote: (name, body, o) =>
      send('promoteEndpointVariant', (a) => api.POST('/v1/endpoints/{endpointName}/promote', { params: endpointPath(name), body, ...a }), o),
    pause: (name, o) => send('pauseEndpoint', (a) => api.POST('/v1/endpoints/{endpointName}/pause', { params: endpointPath(name), ...a }), o),
    resume: (name, o) => send('resumeEndpoint', (a) => api.POST('/v1/endpoints/{endpointName}/resume', { params: endpointPath(name), ...a }), o),
    waitUntilSettled: async (name, o) =>
      (await waitFor(
        `endpoint ${name}`,
        (signal) => endpoints.get(name, { ...(signal ? { signal } : {}) }),
        (endpoint) => (endpoint && endpointSettled.has(endpoint.status) ? 'done' : endpoint && endpointFailures.has(endpoint.status) ? 'failed' : 'pending'),
        o,
      ))!,
    waitUntilDeleted: async (name, o) => {
      await waitFor(
        `deletion of endpoint ${name}`,
        async (signal) => {
          try {
            return await endpoints.get(name, { ...(signal ? { signal } : {}) });
          } catch (error) {
            if (error instanceof ModelplaneProblem && error.status === 404) return undefined;
            throw error;
          }
        },
        (endpoint) => (endpoint === undefined ? 'done' : 'pending'),
        o,
      );
    },
    invoke: (name, body, o) => invokeEndpoint(transport, name, body, o),
    chatCompletions: ((name: string, request: ChatCompletionRequest, o?: RequestOptions) =>
      request.stream === true
        ? chatCompletionStream(transport, name, request, o)
        : chatCompletion(transport, name, request, o)) as ModelplaneClient['endpoints']['chatCompletions'],
  };

  const jobPath = (jobId: string) => ({ path: { jobId } });
  const packagingJobs: ModelplaneClient['packagingJobs'] = {
    create: (body, o) => send('createPackagingJob', (a) => api.POST('/v1/packaging-jobs', { body, ...a }), o),
    list: (query = {}, o) =>
      paginate(
        (nextToken) => send('listPackagingJobs', (a) => api.GET('/v1/packaging-jobs', { params: { query: { ...query, nextToken } }, ...a }), o),
        query.nextToken,
      ),
    get: (jobId, o) => send('getPackagingJob', (a) => api.GET('/v1/packaging-jobs/{jobId}', { params: jobPath(jobId), ...a }), o),
    cancel: (jobId, o) => send('cancelPackagingJob', (a) => api.DELETE('/v1/packaging-jobs/{jobId}', { params: jobPath(jobId), ...a }), o),
    waitUntilDone: async (jobId, o) =>
      (await waitFor(
        `packaging job ${jobId}`,
        (signal) => packagingJobs.get(jobId, { ...(signal ? { signal } : {}) }),
        (job) => (job?.status === 'succeeded' ? 'done' : job && jobFailures.has(job.status) ? 'failed' : 'pending'),
        o,
      ))!,
  };

  const catalog: ModelplaneClient['catalog'] = {
    instanceTypes: async (o) => (await send('listInstanceTypes', (a) => api.GET('/v1/instance-types', { ...a }), o)).items,
    series: async (o) => (await send('listSeries', (a) => api.GET('/v1/series', { ...a }), o)).items,
  };

  const metrics: ModelplaneClient['metrics'] = {
    get: (endpoint, query = {}, o) =>
      send('getEndpointMetrics', (a) => api.GET('/v1/endpoints/{endpointName}/metrics', { params: { ...endpointPath(endpoint), query }, ...a }), o),
  };

  return { models, versions, aliases, endpoints, packagingJobs, catalog, metrics, raw: api };
}
