import type { DeploymentConfig, EndpointStatus as SageMakerStatus } from '@aws-sdk/client-sagemaker';
import type { Approval, Autoscaling, Deployment, EndpointIdlePause, EndpointSchedule } from '../../core/api.js';

/**
 * A production variant as the endpoint is to have it (the record's desired definition): what
 * SageMaker serves once the last change is made, in the API's terms. `configSpec` (plan.ts) is
 * the one place that turns a definition into an endpoint config.
 */
export interface VariantDefinition {
  /** SageMaker's VariantName. */
  name: string;
  version: number;
  /** The alias the version was resolved from, when it was given by alias. */
  alias?: string;
  instanceType: string;
  /** The count last asked for; autoscaling may move the live count. */
  instanceCount: number;
  /** Relative traffic weight (SageMaker's InitialVariantWeight / DesiredWeight). */
  weight: number;
}

/** The shadow variant as the endpoint is to have it; its SageMaker weight is the production variant's × samplingPercent / 100. */
export interface ShadowDefinition {
  name: string;
  version: number;
  alias?: string;
  instanceType: string;
  instanceCount: number;
  samplingPercent: number;
}

/** What only we know about an endpoint: its owner, the model it serves, and the settings we applied. */
export interface EndpointRecord {
  name: string;
  tenant: string;
  model: string;
  /** The alias of the single-version form (`alias` at the top of create or update). */
  alias?: string;
  /**
   * The full desired definition: every production variant and the shadow, as the last accepted
   * change left them (written before the change is made). Records written before variants existed
   * have none: their one variant, `main`, is read from SageMaker and written on their next change.
   */
  variants?: VariantDefinition[];
  shadow?: ShadowDefinition;
  deployment?: Deployment;
  autoscaling?: Autoscaling;
  /** Autoscaling to (re-)apply once the endpoint is in service; null removes it. */
  pendingAutoscaling?: Autoscaling | null;
  /** Every endpoint config we made for it, oldest first; all but the one in use are cleaned up. */
  configs: string[];
  /** CloudWatch alarms we made for rollbacks. */
  alarms: string[];
  deleting?: boolean;
  /** Pause and resume schedules (lambdas/endpoints/schedules.ts), run by EventBridge Scheduler. */
  pauseSchedule?: EndpointSchedule;
  resumeSchedule?: EndpointSchedule;
  /** Pause once idle this long (lambdas/endpoints/idle.ts), checked by the periodic sweep. */
  idlePause?: EndpointIdlePause;
  /** Set while the endpoint is paused (lambdas/endpoints/pause.ts): its SageMaker endpoint is gone, this is what resume recreates. */
  paused?: PausedFleet;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a paused endpoint ran, kept to resume it: each production variant and the shadow as its
 * config and SageMaker's desired counts and weights had them when it was paused.
 */
export interface PausedFleet {
  /** When it was paused. */
  at: string;
  variants: VariantDefinition[];
  shadow?: ShadowDefinition;
}

export interface EndpointStore {
  /** Creates the record; throws NameTakenError (registry ports) carrying the owner when the name exists. */
  create(record: EndpointRecord): Promise<void>;
  get(name: string): Promise<EndpointRecord | undefined>;
  list(tenant: string, limit: number, cursor?: string): Promise<{ items: EndpointRecord[]; next?: string }>;
  /** Replaces the record's mutable fields (optimistic: fails when updatedAt moved meanwhile). */
  put(record: EndpointRecord, expectedUpdatedAt: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Every tenant's endpoint records, a page at a time (for the periodic sweep). */
  listAll(cursor?: string): Promise<{ items: EndpointRecord[]; next?: string }>;
}

/** Counts of the endpoints we manage, by our status, published for the operations dashboard. */
export interface FleetGauge {
  publish(counts: Readonly<Record<string, number>>, total: number): Promise<void>;
}

/** A variant's counts and weights (DescribeEndpoint); its model and instance type are its current config's. */
export interface VariantState {
  name?: string;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  currentWeight?: number;
  desiredWeight?: number;
}

export interface EndpointState {
  status: SageMakerStatus;
  failureReason?: string;
  configName: string;
  pendingConfigName?: string;
  /** The first production variant (the only one of a single-version endpoint). */
  variant: VariantState;
  /** Every production variant (ProductionVariants), in SageMaker's order. */
  variants: VariantState[];
  /** The shadow variant (ShadowProductionVariants), if any. */
  shadow?: VariantState;
  createdAt: Date;
  lastModified: Date;
}

/** One variant of an endpoint config: a model on a fleet, with its weight. */
export interface ConfigVariantSpec {
  name: string;
  modelName: string;
  instanceType: string;
  instanceCount: number;
  weight: number;
  modelDataDownloadTimeoutInSeconds: number;
  containerStartupHealthCheckTimeoutInSeconds: number;
}

export interface ConfigSpec {
  name: string;
  variants: ConfigVariantSpec[];
  shadow?: ConfigVariantSpec;
  tags: Record<string, string>;
}

/** A variant as DescribeEndpointConfig tells it. */
export interface ConfigVariantDescription {
  name: string;
  modelName?: string;
  instanceType?: string;
  instanceCount?: number;
  weight?: number;
}

export interface ConfigDescription {
  variants: ConfigVariantDescription[];
  shadow?: ConfigVariantDescription;
}

/** A change of one variant's weight and/or count, made in place (UpdateEndpointWeightsAndCapacities). */
export interface VariantChange {
  name: string;
  weight?: number;
  instanceCount?: number;
}

/** SageMaker endpoints and endpoint configs. */
export interface SageMakerEndpoints {
  createConfig(spec: ConfigSpec): Promise<void>;
  describeConfig(name: string): Promise<ConfigDescription | undefined>;
  deleteConfig(name: string): Promise<void>;
  createEndpoint(name: string, configName: string, tags: Record<string, string>): Promise<void>;
  describeEndpoint(name: string): Promise<EndpointState | undefined>;
  updateWeightsAndCapacities(name: string, changes: readonly VariantChange[]): Promise<void>;
  /** Without `deployment`, SageMaker's default update: the new fleet takes all traffic once in service. */
  updateEndpoint(name: string, configName: string, deployment?: DeploymentConfig): Promise<void>;
  deleteEndpoint(name: string): Promise<void>;
}

/** Application Auto Scaling on one variant of an endpoint (`main` unless named). */
export interface EndpointScaling {
  apply(endpoint: string, settings: Autoscaling, variant?: string): Promise<void>;
  remove(endpoint: string, variant?: string): Promise<void>;
}

/** CloudWatch alarms that roll a deployment back. */
export interface RollbackAlarms {
  /** A pair of alarms per production variant (`main` unless named); answers their names. */
  ensure(endpoint: string, variants?: readonly string[]): Promise<string[]>;
  remove(names: readonly string[]): Promise<void>;
}

/** What the endpoints area needs from the registry: a version to serve, resolved and sized. */
export interface ServableVersion {
  model: string;
  version: number;
  approval: Approval;
  sagemakerModelName: string;
  weightBytes: number;
  minGpuMemoryGiB: number;
  fitsOn: string[];
}

export interface Versions {
  /** The tenant's model version (by number or alias), or a reason it cannot be found. */
  resolve(tenant: string, model: string, ref: { version?: number; alias?: string }): Promise<ServableVersion | { missing: 'model' | 'version' | 'alias' }>;
  /** Version number of a SageMaker Model name we derived, or undefined. */
  versionOf(model: string, sagemakerModelName: string): number | undefined;
}

/** Health at a glance for many endpoints in one call (lambdas/metrics/health.ts). */
export interface HealthReader {
  lastHealth(
    endpoints: readonly { name: string; instanceType: string }[],
  ): Promise<Map<string, { gpuUtilization?: number; concurrentRequests?: number; at?: string }>>;
}

/** SageMaker's invocations of an endpoint's variants (CloudWatch `AWS/SageMaker` `Invocations`, Sum), for the idle pause. */
export interface InvocationCounts {
  /**
   * The invocations of the given variants of the endpoint over [start, end), summed; minutes
   * without a data point count as none. Throws when CloudWatch cannot be read.
   */
  sum(endpoint: string, variants: readonly string[], start: Date, end: Date): Promise<number>;
}
