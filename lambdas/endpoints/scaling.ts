import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import type { EndpointScaling } from './ports.js';
import type { Autoscaling } from '../../core/api.js';
import { variantName } from './rules.js';

/** The predefined metrics target tracking offers for SageMaker variants. */
const predefinedMetric = {
  invocationsPerInstance: 'SageMakerVariantInvocationsPerInstance',
  concurrentRequests: 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
} as const satisfies Record<Autoscaling['target']['metric'], string>;

const target = (endpoint: string, variant: string) => ({
  ServiceNamespace: 'sagemaker' as const,
  ResourceId: `endpoint/${endpoint}/variant/${variant}`,
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' as const,
});

const policyName = (endpoint: string) => `modelplane-${endpoint}-target-tracking`;

function isMissing(error: unknown): boolean {
  // AWS answers ObjectNotFoundException; the emulator a ValidationException saying so.
  return error instanceof Error && (error.name === 'ObjectNotFoundException' || /not found|no scalable target|no scaling policy/i.test(error.message));
}

/** Thin gateway over Application Auto Scaling: one scalable target and one target-tracking policy per endpoint, on its one variant. */
export class EndpointAutoScaling implements EndpointScaling {
  constructor(private readonly client: ApplicationAutoScalingClient) {}

  async apply(endpoint: string, settings: Autoscaling, variant: string = variantName): Promise<void> {
    await this.client.send(
      new RegisterScalableTargetCommand({ ...target(endpoint, variant), MinCapacity: settings.minInstances, MaxCapacity: settings.maxInstances }),
    );
    await this.client.send(
      new PutScalingPolicyCommand({
        ...target(endpoint, variant),
        PolicyName: policyName(endpoint),
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: settings.target.value,
          PredefinedMetricSpecification: { PredefinedMetricType: predefinedMetric[settings.target.metric] },
          ScaleInCooldown: settings.scaleInCooldownSeconds ?? 300,
          ScaleOutCooldown: settings.scaleOutCooldownSeconds ?? 60,
        },
      }),
    );
  }

  async remove(endpoint: string, variant: string = variantName): Promise<void> {
    for (const command of [
      new DeleteScalingPolicyCommand({ ...target(endpoint, variant), PolicyName: policyName(endpoint) }),
      new DeregisterScalableTargetCommand(target(endpoint, variant)),
    ]) {
      try {
        await this.client.send(command as DeleteScalingPolicyCommand);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
  }
}
