/**
 * The API's vocabulary: the schema types generated from openapi/openapi.yaml (openapi-typescript,
 * `npm run api:generate`), under the spec's own names. Services take and return these; storage
 * records (core/job-record.ts, lambdas/<area>/ports.ts) stay hand-written because they are storage.
 * The only import is the generated file, which is the contract itself, not project code.
 */
import type { components, operations } from '../openapi/generated/types.js';

export type { components, operations, paths } from '../openapi/generated/types.js';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type ValidationProblem = Schemas['ValidationProblem'];
export type FieldError = Schemas['FieldError'];
export type ConflictProblem = Schemas['ConflictProblem'];
export type CreatePackagingJobRequest = Schemas['CreatePackagingJobRequest'];
export type PackagingSource = Schemas['PackagingSource'];
export type HuggingFaceSource = Schemas['HuggingFaceSource'];
export type S3Source = Schemas['S3Source'];
export type PackagingJobStatus = Schemas['PackagingJobStatus'];
export type PackagingJobPhase = Schemas['PackagingJobPhase'];
export type PackagingJob = Schemas['PackagingJob'];
export type PackagingProgress = Schemas['PackagingProgress'];
export type PackagingArtifacts = Schemas['PackagingArtifacts'];
export type PackagingFailure = Schemas['PackagingFailure'];
export type PackagingJobList = Schemas['PackagingJobList'];
export type CreateModelRequest = Schemas['CreateModelRequest'];
export type UpdateModelRequest = Schemas['UpdateModelRequest'];
export type Model = Schemas['Model'];
export type ModelList = Schemas['ModelList'];
export type PutAliasRequest = Schemas['PutAliasRequest'];
export type Approval = Schemas['Approval'];
export type CreateModelVersionRequest = Schemas['CreateModelVersionRequest'];
export type VersionFromPackagingJob = Schemas['VersionFromPackagingJob'];
export type VersionFromArtifacts = Schemas['VersionFromArtifacts'];
export type UpdateModelVersionRequest = Schemas['UpdateModelVersionRequest'];
export type ModelVersion = Schemas['ModelVersion'];
export type Sizing = Schemas['Sizing'];
export type ModelVersionList = Schemas['ModelVersionList'];
export type CreateEndpointRequest = Schemas['CreateEndpointRequest'];
export type UpdateEndpointRequest = Schemas['UpdateEndpointRequest'];
export type EndpointVariantSpec = Schemas['EndpointVariantSpec'];
export type EndpointShadowSpec = Schemas['EndpointShadowSpec'];
export type PromoteEndpointVariantRequest = Schemas['PromoteEndpointVariantRequest'];
export type EndpointVariant = Schemas['EndpointVariant'];
export type EndpointShadow = Schemas['EndpointShadow'];
export type Autoscaling = Schemas['Autoscaling'];
export type EndpointSchedule = Schemas['EndpointSchedule'];
export type EndpointIdlePause = Schemas['EndpointIdlePause'];
export type ScalingTarget = Schemas['ScalingTarget'];
export type Deployment = Schemas['Deployment'];
export type EndpointStatus = Schemas['EndpointStatus'];
export type Endpoint = Schemas['Endpoint'];
export type EndpointHealth = Schemas['EndpointHealth'];
export type EndpointList = Schemas['EndpointList'];
export type MetricName = Schemas['MetricName'];
export type Statistic = Schemas['Statistic'];
export type EndpointMetrics = Schemas['EndpointMetrics'];
export type MetricSeries = Schemas['MetricSeries'];
export type MetricPoint = Schemas['MetricPoint'];
export type InstanceType = Schemas['InstanceType'];
export type InstanceTypeList = Schemas['InstanceTypeList'];
export type Series = Schemas['Series'];
export type SeriesList = Schemas['SeriesList'];

/** The query of getEndpointMetrics: which metrics, over which window, at which period and statistic. */
export type EndpointMetricsQuery = NonNullable<operations['getEndpointMetrics']['parameters']['query']>;

/** A list answer of the API: a page of items and, when there is more, the token of the next page. */
export interface ListPage<T> {
  items: T[];
  nextToken?: string;
}
export type ChatCompletionRequest = Schemas['ChatCompletionRequest'];
export type ChatCompletion = Schemas['ChatCompletion'];
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
