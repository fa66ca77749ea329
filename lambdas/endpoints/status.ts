import type { EndpointStatus as SageMakerStatus } from '@aws-sdk/client-sagemaker';
import type { EndpointStatus } from '../../core/api.js';

/**
 * SageMaker's nine endpoint statuses
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html#sagemaker-DescribeEndpoint-response-EndpointStatus)
 * mapped exhaustively: a new SageMaker status fails the build here instead of leaking out.
 * `InService` with a FailureReason is an update that failed and was rolled back: the endpoint
 * serves, on its old configuration.
 */
const statusMap = {
  Creating: 'creating',
  Updating: 'updating',
  SystemUpdating: 'updating',
  RollingBack: 'rollingBack',
  InService: 'running',
  Deleting: 'deleting',
  Failed: 'failed',
  UpdateRollbackFailed: 'updateFailed',
  OutOfService: 'outOfService',
} as const satisfies Record<SageMakerStatus, EndpointStatus>;

export function toEndpointStatus(status: SageMakerStatus, failureReason?: string): EndpointStatus {
  const mapped: EndpointStatus = statusMap[status];
  return mapped === 'running' && failureReason ? 'updateFailed' : mapped;
}

/** Statuses in which SageMaker refuses changes: the API answers 409 EndpointBusy. */
const busy: ReadonlySet<SageMakerStatus> = new Set<SageMakerStatus>(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

export function isBusy(status: SageMakerStatus): boolean {
  return busy.has(status);
}

/** Statuses from which nothing changes by itself: the watcher stops caring. */
export function isSettled(status: SageMakerStatus): boolean {
  return !busy.has(status);
}
