import type { DeploymentConfig } from '@aws-sdk/client-sagemaker';
import type { Autoscaling, Deployment } from '../../core/api.js';
import type { FieldError } from '../shared/errors.js';

export const defaultDeployment = { strategy: 'allAtOnce', stepPercent: 10, waitSeconds: 300, rollbackOnAlarms: true } as const;

/** The variant name of an endpoint created with the single-version fields (and of records from before variants). */
export const variantName = 'main';

/** The shadow variant's name when the request gives none. */
export const shadowVariantName = 'shadow';

/**
 * Rules the schema cannot say, collected so the caller hears every problem at once:
 * min <= count <= max, burstable types cannot autoscale, linear steps of at least 10 %
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green-linear.html).
 */
export function scalingProblems(
  input: { instanceType: string; instanceCount: number; autoscaling?: Autoscaling | null; deployment?: Deployment },
  base = '/body',
): FieldError[] {
  const problems: FieldError[] = [];
  const scaling = input.autoscaling;
  if (scaling) {
    if (scaling.minInstances > scaling.maxInstances) {
      problems.push({ path: `${base}/autoscaling/minInstances`, message: `must not exceed maxInstances (${scaling.maxInstances})` });
    } else if (input.instanceCount < scaling.minInstances || input.instanceCount > scaling.maxInstances) {
      problems.push({ path: `${base}/instanceCount`, message: `must be within autoscaling's bounds ${scaling.minInstances}..${scaling.maxInstances}` });
    }
    if (/^ml\.t\d/.test(input.instanceType)) {
      problems.push({ path: `${base}/autoscaling`, message: `burstable instance types (${input.instanceType}) cannot autoscale` });
    }
  }
  const deployment = input.deployment;
  if (deployment?.strategy === 'linear' && deployment.stepPercent !== undefined && deployment.stepPercent < 10) {
    problems.push({ path: `${base}/deployment/stepPercent`, message: 'must be at least 10 for linear traffic shifting' });
  }
  return problems;
}

const GiB = 1024 ** 3;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/**
 * Download and health-check timeouts grow with the weights: SageMaker's defaults are too short
 * for large models (amazon-sagemaker-examples #3432) and both stop at 3600 s. Roughly 20 s per
 * GiB to copy from S3 and 15 s per GiB to load onto the GPUs, with 10 minutes at least.
 */
export function timeoutsFor(weightBytes: number): { modelDataDownloadTimeoutInSeconds: number; containerStartupHealthCheckTimeoutInSeconds: number } {
  const gib = weightBytes / GiB;
  return {
    modelDataDownloadTimeoutInSeconds: clamp(300 + gib * 20, 600, 3600),
    containerStartupHealthCheckTimeoutInSeconds: clamp(300 + gib * 15, 600, 3600),
  };
}

/** Our deployment settings as SageMaker's blue/green DeploymentConfig. */
export function toDeploymentConfig(settings: Deployment | undefined, alarmNames: readonly string[]): DeploymentConfig {
  const strategy = settings?.strategy ?? defaultDeployment.strategy;
  const wait = settings?.waitSeconds ?? defaultDeployment.waitSeconds;
  const step = { Type: 'CAPACITY_PERCENT' as const, Value: settings?.stepPercent ?? defaultDeployment.stepPercent };
  const routing =
    strategy === 'canary'
      ? { Type: 'CANARY' as const, WaitIntervalInSeconds: wait, CanarySize: step }
      : strategy === 'linear'
        ? { Type: 'LINEAR' as const, WaitIntervalInSeconds: wait, LinearStepSize: step }
        : { Type: 'ALL_AT_ONCE' as const, WaitIntervalInSeconds: wait };
  const rollback = (settings?.rollbackOnAlarms ?? defaultDeployment.rollbackOnAlarms) && alarmNames.length > 0;
  return {
    BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: routing, TerminationWaitInSeconds: 0 },
    ...(rollback ? { AutoRollbackConfiguration: { Alarms: alarmNames.map((AlarmName) => ({ AlarmName })) } } : {}),
  };
}

/** Derived names: endpoint configs get a time suffix (unique per change), and stay within 63 characters. */
export function endpointConfigName(endpoint: string, now: Date): string {
  return `${endpoint.slice(0, 50)}-${now.getTime().toString(36)}`;
}

/** A variant's rollback alarms; `main`'s keep the names they had before endpoints had several variants. */
export function alarmNames(endpoint: string, variant: string = variantName): { errors5xx: string; modelLatency: string } {
  const prefix = variant === variantName ? `modelplane-${endpoint}` : `modelplane-${endpoint}-${variant}`;
  return { errors5xx: `${prefix}-5xx-errors`, modelLatency: `${prefix}-model-latency` };
}
