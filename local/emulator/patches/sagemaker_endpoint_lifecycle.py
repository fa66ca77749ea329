"""Give endpoints AWS's lifecycle: CreateEndpoint answers at once and leaves the endpoint
Creating, InService (or Failed, see the control API's faults) one transition time later;
DeleteEndpoint leaves it Deleting, gone one transition time later. moto 5.2.1 makes an
endpoint InService inside CreateEndpoint and deletes it inside DeleteEndpoint.

DescribeEndpoint returns each variant's VariantName, DeployedImages (SpecifiedImage from the
model's containers, or its model package's), Current/DesiredWeight (1.0 unless configured),
Current/DesiredInstanceCount (current is 0 until InService) and VariantStatus while a change
is under way; FailureReason, LastDeploymentConfig and PendingDeploymentSummary when set; and
LastModifiedTime moves on every change. A missing endpoint or config is named with AWS's
wording (`Could not find endpoint "arn".`). DeleteEndpoint is refused while a change is in
progress (AWS: `Cannot update in-progress endpoint`), allowed when InService, Failed or
UpdateRollbackFailed, and deregisters the endpoint's scalable targets as AWS does.

Changes are applied lazily (see sagemaker_endpoint_state.EndpointLifecycle). Must be applied
after sagemaker_duplicate_creates, so that an endpoint whose deletion is due is gone before the
duplicate check.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html

Tested in test/local/emulator-endpoints.test.ts (patch_endpoint_lifecycle).
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from .sagemaker_endpoint_state import (
    AUTOSCALING_DIMENSION,
    AUTOSCALING_NAMESPACE,
    autoscaled_variants,
    autoscaling_backend,
    describe,
    existing_config,
    existing_endpoint,
    finish_variant_change,
    instance_types,
    lifecycle_of,
    now,
    refuse_change,
    schedule,
    settle,
    variant_summary,
)
from .state import CONTROL


def apply() -> None:
    from moto.sagemaker.models import SageMakerModelBackend

    original_create = SageMakerModelBackend.create_endpoint
    original_list = SageMakerModelBackend.list_endpoints

    @functools.wraps(original_create)
    def create_endpoint(self: Any, endpoint_name: str, endpoint_config_name: str, tags: list[dict[str, str]]) -> Any:
        with CONTROL.lock:
            settle(self)
            config = existing_config(self, endpoint_config_name)
            endpoint = original_create(self, endpoint_name=endpoint_name, endpoint_config_name=endpoint_config_name, tags=tags)
            start = endpoint.creation_time
            lifecycle = lifecycle_of(endpoint)
            lifecycle.instance_types = instance_types(config)
            endpoint.endpoint_status = "Creating"
            endpoint.production_variants = [
                {**variant_summary(self, v, start, running=False), "VariantStatus": [{"Status": "Creating", "StartTime": start}]}
                for v in config.production_variants
            ]
            fault = CONTROL.take_fault(endpoint_name, "create")

            def created(at: datetime) -> None:
                for variant in endpoint.production_variants:
                    variant.pop("VariantStatus", None)
                    if fault is None:
                        finish_variant_change(variant)
                if fault is None:
                    endpoint.endpoint_status = "InService"
                else:
                    endpoint.endpoint_status = "Failed"
                    endpoint.failure_reason = fault["reason"]

            schedule(endpoint, start, created)
            return endpoint

    def describe_endpoint(self: Any, endpoint_name: str) -> dict[str, Any]:
        with CONTROL.lock:
            settle(self)
            return describe(existing_endpoint(self, endpoint_name))

    @functools.wraps(original_list)
    def list_endpoints(self: Any, *args: Any, **kwargs: Any) -> Any:
        with CONTROL.lock:
            settle(self)
            return original_list(self, *args, **kwargs)

    def delete_endpoint(self: Any, endpoint_name: str) -> None:
        with CONTROL.lock:
            settle(self)
            endpoint = existing_endpoint(self, endpoint_name)
            refuse_change(self, endpoint, allowed=("InService", "Failed", "UpdateRollbackFailed", "OutOfService"))
            scaling = autoscaling_backend(self)
            for variant in autoscaled_variants(self, endpoint_name):
                scaling.deregister_scalable_target(AUTOSCALING_NAMESPACE, f"endpoint/{endpoint_name}/variant/{variant}", AUTOSCALING_DIMENSION)
            lifecycle = lifecycle_of(endpoint)
            endpoint.endpoint_status = "Deleting"

            def deleted(at: datetime) -> None:
                lifecycle.deleted = True

            schedule(endpoint, now(), deleted)

    SageMakerModelBackend.create_endpoint = create_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.describe_endpoint = describe_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.list_endpoints = list_endpoints  # type: ignore[method-assign]
    SageMakerModelBackend.delete_endpoint = delete_endpoint  # type: ignore[method-assign]
