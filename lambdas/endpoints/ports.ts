import type { DeploymentConfig, EndpointStatus as SageMakerStatus } from '@aws-sdk/client-sagemaker';
import type { Approval, Autoscaling, Deployment, EndpointSchedule } from '../../core/api.js';

/** What only we know about an endpoint: its owner, the model it serves, and the settings we applied. */
export interface EndpointRecord {
  name: string;
  tenant: string;
  model: string;
  alias?: string;
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
  /** Set while the endpoint is paused (lambdas/endpoints/pause.ts): its SageMaker endpoint is gone, this is what resume recreates. */
  paused?: PausedFleet;
  createdAt: string;
  updatedAt: string;
}

/** What a paused endpoint ran, kept to resume it: the version and fleet of its config when it was paused. */
export interface PausedFleet {
  /** When it was paused. */
  at: string;
  version: number;
  instanceType: string;
  instanceCount: number;
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

/** The counts of the endpoint's variant; its model and instance type are its current config's. */
export interface VariantState {
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
}

export interface EndpointState {
  status: SageMakerStatus;
  failureReason?: string;
  configName: string;
  pendingConfigName?: string;
  variant: VariantState;
  createdAt: Date;
  lastModified: Date;
}

export interface ConfigSpec {
  name: string;
  modelName: string;
  instanceType: string;
  instanceCount: number;
  modelDataDownloadTimeoutInSeconds: number;
  containerStartupHealthCheckTimeoutInSeconds: number;
  tags: Record<string, string>;
}

/** SageMaker endpoints and endpoint configs. */
export interface SageMakerEndpoints {
  createConfig(spec: ConfigSpec): Promise<void>;
  describeConfig(name: string): Promise<{ modelName?: string; instanceType?: string; instanceCount?: number } | undefined>;
  deleteConfig(name: string): Promise<void>;
  createEndpoint(name: string, configName: string, tags: Record<string, string>): Promise<void>;
  describeEndpoint(name: string): Promise<EndpointState | undefined>;
  updateCapacity(name: string, instanceCount: number): Promise<void>;
  updateEndpoint(name: string, configName: string, deployment: DeploymentConfig): Promise<void>;
  deleteEndpoint(name: string): Promise<void>;
}

/** Application Auto Scaling on the endpoint's variant. */
export interface EndpointScaling {
  apply(endpoint: string, settings: Autoscaling): Promise<void>;
  remove(endpoint: string): Promise<void>;
}

/** CloudWatch alarms that roll a deployment back. */
export interface RollbackAlarms {
  ensure(endpoint: string): Promise<string[]>;
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
