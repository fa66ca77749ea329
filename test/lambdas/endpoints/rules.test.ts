import type { EndpointStatus as SageMakerStatus } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { endpointConfigName, scalingProblems, timeoutsFor, toDeploymentConfig } from '../../../lambdas/endpoints/rules.js';
import { isBusy, toEndpointStatus } from '../../../lambdas/endpoints/status.js';

const GiB = 1024 ** 3;

describe('toEndpointStatus', () => {
  it.each<[SageMakerStatus, string | undefined, string, boolean]>([
    ['Creating', undefined, 'creating', true],
    ['Updating', undefined, 'updating', true],
    ['SystemUpdating', undefined, 'updating', true],
    ['RollingBack', undefined, 'rollingBack', true],
    ['InService', undefined, 'running', false],
    ['InService', 'alarm tripped: rolled back', 'updateFailed', false],
    ['Deleting', undefined, 'deleting', true],
    ['Failed', 'CUDA out of memory', 'failed', false],
    ['UpdateRollbackFailed', 'rollback failed', 'updateFailed', false],
    ['OutOfService', undefined, 'outOfService', false],
  ])('maps %s (reason %j) to %s', (status, reason, expected, busy) => {
    expect(toEndpointStatus(status, reason)).toBe(expected);
    expect(isBusy(status)).toBe(busy);
  });
});

describe('scalingProblems', () => {
  const autoscaling = (minInstances: number, maxInstances: number) => ({
    minInstances,
    maxInstances,
    target: { metric: 'invocationsPerInstance' as const, value: 10 },
  });

  it.each([
    [{ instanceType: 'ml.g5.xlarge', instanceCount: 2, autoscaling: autoscaling(1, 4) }, []],
    [{ instanceType: 'ml.g5.xlarge', instanceCount: 1 }, []],
    [{ instanceType: 'ml.g5.xlarge', instanceCount: 1, autoscaling: autoscaling(3, 2) }, ['/body/autoscaling/minInstances']],
    [{ instanceType: 'ml.g5.xlarge', instanceCount: 5, autoscaling: autoscaling(1, 4) }, ['/body/instanceCount']],
    [{ instanceType: 'ml.t2.medium', instanceCount: 1, autoscaling: autoscaling(1, 2) }, ['/body/autoscaling']],
    [{ instanceType: 'ml.g5.xlarge', instanceCount: 1, deployment: { strategy: 'linear' as const, stepPercent: 5 } }, ['/body/deployment/stepPercent']],
    [{ instanceType: 'ml.g5.xlarge', instanceCount: 1, deployment: { strategy: 'canary' as const, stepPercent: 5 } }, []],
  ])('checks %j', (input, paths) => {
    expect(scalingProblems(input).map((p) => p.path)).toEqual(paths);
  });
});

describe('timeoutsFor', () => {
  it.each([
    [1 * GiB, 600, 600],
    [16 * GiB, 620, 600],
    [140 * GiB, 3100, 2400],
    [400 * GiB, 3600, 3600],
  ])('gives %d bytes %d s to download and %d s to start', (bytes, download, startup) => {
    expect(timeoutsFor(bytes)).toEqual({ modelDataDownloadTimeoutInSeconds: download, containerStartupHealthCheckTimeoutInSeconds: startup });
  });
});

describe('toDeploymentConfig', () => {
  it.each([
    [undefined, { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 300 }],
    [
      { strategy: 'canary' as const, stepPercent: 20, waitSeconds: 60 },
      { Type: 'CANARY', WaitIntervalInSeconds: 60, CanarySize: { Type: 'CAPACITY_PERCENT', Value: 20 } },
    ],
    [{ strategy: 'linear' as const }, { Type: 'LINEAR', WaitIntervalInSeconds: 300, LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 10 } }],
  ])('routes traffic for %j', (settings, routing) => {
    expect(toDeploymentConfig(settings, ['a']).BlueGreenUpdatePolicy?.TrafficRoutingConfiguration).toEqual(routing);
  });

  it('rolls back on the alarms unless told not to', () => {
    expect(toDeploymentConfig(undefined, ['a', 'b']).AutoRollbackConfiguration).toEqual({ Alarms: [{ AlarmName: 'a' }, { AlarmName: 'b' }] });
    expect(toDeploymentConfig({ strategy: 'allAtOnce', rollbackOnAlarms: false }, ['a']).AutoRollbackConfiguration).toBeUndefined();
  });
});

describe('endpointConfigName', () => {
  it('stays within 63 characters and the SageMaker name rule for the longest endpoint name', () => {
    const name = endpointConfigName('e'.repeat(63), new Date('2026-11-23T00:00:00Z'));
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/);
  });
});
