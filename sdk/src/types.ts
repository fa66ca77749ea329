/**
 * Names for the generated types integrators use most. These are aliases of
 * generated/schema.ts (openapi-typescript output), never restatements of a schema.
 */
import type { components, operations } from './generated/schema.js';

export type Schemas = components['schemas'];

/** The JSON request body of an operation, by operationId. */
export type RequestBody<K extends keyof operations> = operations[K] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters of an operation, by operationId. */
export type QueryParameters<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

export type Model = Schemas['Model'];
export type ModelVersion = Schemas['ModelVersion'];
export type Endpoint = Schemas['Endpoint'];
export type EndpointStatus = Schemas['EndpointStatus'];
export type EndpointMetrics = Schemas['EndpointMetrics'];
export type PackagingJob = Schemas['PackagingJob'];
export type PackagingJobStatus = Schemas['PackagingJobStatus'];
export type InstanceType = Schemas['InstanceType'];
export type Series = Schemas['Series'];
export type FieldError = Schemas['FieldError'];

export type CreateModelRequest = RequestBody<'createModel'>;
export type UpdateModelRequest = RequestBody<'updateModel'>;
export type CreateModelVersionRequest = RequestBody<'createModelVersion'>;
export type UpdateModelVersionRequest = RequestBody<'updateModelVersion'>;
export type PutAliasRequest = RequestBody<'putModelAlias'>;
export type CreateEndpointRequest = RequestBody<'createEndpoint'>;
export type UpdateEndpointRequest = RequestBody<'updateEndpoint'>;
export type PromoteEndpointVariantRequest = RequestBody<'promoteEndpointVariant'>;
export type EndpointVariant = Schemas['EndpointVariant'];
export type EndpointShadow = Schemas['EndpointShadow'];
export type CreatePackagingJobRequest = RequestBody<'createPackagingJob'>;
export type EndpointMetricsQuery = QueryParameters<'getEndpointMetrics'>;

export type ChatCompletionRequest = RequestBody<'createChatCompletion'>;
export type ChatCompletion = Schemas['ChatCompletion'];
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
export type ChatMessage = Schemas['ChatMessage'];
