"""Make Application Auto Scaling keep policies tied to their scalable target, as AWS does:
PutScalingPolicy on a target that is not registered fails with ObjectNotFoundException, and
DeregisterScalableTarget also deletes the target's scaling policies (and their alarms) and
scheduled actions. moto 5.2.1 stores a policy for any resource and keeps it after the target
is gone, so a re-registered target would silently inherit stale policies.
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html

Tested in test/local/emulator-endpoints.test.ts (patch_autoscaling_targets).
"""

from __future__ import annotations

import functools
from typing import Any


def apply() -> None:
    from moto.applicationautoscaling.models import ApplicationAutoscalingBackend
    from moto.core.exceptions import JsonRESTError

    original_put = ApplicationAutoscalingBackend.put_scaling_policy
    original_deregister = ApplicationAutoscalingBackend.deregister_scalable_target

    @functools.wraps(original_put)
    def put_scaling_policy(
        self: Any, policy_name: str, service_namespace: str, resource_id: str, scalable_dimension: str, *args: Any, **kwargs: Any
    ) -> Any:
        target = self.targets.get(scalable_dimension, {}).get(resource_id)
        if target is None or target.service_namespace != service_namespace:
            raise JsonRESTError(
                "ObjectNotFoundException",
                f"No scalable target registered for service namespace: {service_namespace}, resource ID: {resource_id}, "
                f"scalable dimension: {scalable_dimension}",
            )
        return original_put(self, policy_name, service_namespace, resource_id, scalable_dimension, *args, **kwargs)

    @functools.wraps(original_deregister)
    def deregister_scalable_target(self: Any, namespace: str, r_id: str, dimension: str) -> None:
        original_deregister(self, namespace, r_id, dimension)
        for key, policy in list(self.policies.items()):
            if (policy.service_namespace, policy.resource_id, policy.scalable_dimension) == (namespace, r_id, dimension):
                policy.delete_alarms(self.account_id, self.region_name)
                del self.policies[key]
        self.scheduled_actions = [
            a for a in self.scheduled_actions if (a.service_namespace, a.resource_id, a.scalable_dimension) != (namespace, r_id, dimension)
        ]

    ApplicationAutoscalingBackend.put_scaling_policy = put_scaling_policy  # type: ignore[method-assign]
    ApplicationAutoscalingBackend.deregister_scalable_target = deregister_scalable_target  # type: ignore[method-assign]
