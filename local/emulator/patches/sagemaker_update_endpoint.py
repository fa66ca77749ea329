"""Implement UpdateEndpoint, which moto 5.2.1 lacks (HTML 500).

Allowed when the endpoint is InService, or UpdateRollbackFailed (AWS's documented way out of
that status is another update); refused with AWS's wording while a change is in progress or
when Failed (only delete is allowed then), and when the config does not exist. As on AWS, an
update that changes the instance type of a variant registered with Application Auto Scaling
is refused (the scalable target must be deregistered first; a model-only change is allowed).
The endpoint goes Updating, with a PendingDeploymentSummary (config, variants with desired
counts and instance type, StartTime), then InService on the new config one transition time
later: its variants come from the config (InitialInstanceCount and weight), or keep their
current counts and weights with RetainAllVariantProperties (less those excluded).
LastDeploymentConfig is the DeploymentConfig sent (or the last one, with
RetainDeploymentConfig). A fault (see control_api.py) makes it end Failed, or RollingBack
then InService on the old config with a FailureReason (a blue/green update whose alarms
tripped), or RollingBack then UpdateRollbackFailed.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html
https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html

Tested in test/local/emulator-endpoints.test.ts (patch_update_endpoint).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .sagemaker_endpoint_state import (
    autoscaled_variants,
    existing_config,
    existing_endpoint,
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
    from moto.core.responses import ActionResult
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import SageMakerModelBackend
    from moto.sagemaker.responses import SageMakerResponse

    def refuse_autoscaled_instance_type_change(backend: Any, endpoint: Any, config: Any) -> None:
        current = lifecycle_of(endpoint).instance_types
        wanted = instance_types(config)
        changed = [v for v in autoscaled_variants(backend, endpoint.endpoint_name) if v in wanted and current.get(v) != wanted[v]]
        if changed:
            names = ", ".join(changed)
            raise ValidationError(
                message=f'The instance type of variant(s) [{names}] of endpoint "{endpoint.arn}" cannot change while '
                "registered as a scalable target with Application Auto Scaling. Deregister the scalable target, "
                "update the endpoint, then register it again."
            )

    def update_endpoint(
        self: Any,
        endpoint_name: str,
        endpoint_config_name: str,
        retain_all_variant_properties: bool | None = None,
        exclude_retained_variant_properties: list[dict[str, str]] | None = None,
        deployment_config: dict[str, Any] | None = None,
        retain_deployment_config: bool | None = None,
    ) -> str:
        with CONTROL.lock:
            settle(self)
            endpoint = existing_endpoint(self, endpoint_name)
            refuse_change(self, endpoint, allowed=("InService", "UpdateRollbackFailed"))
            config = existing_config(self, endpoint_config_name)
            refuse_autoscaled_instance_type_change(self, endpoint, config)
            lifecycle = lifecycle_of(endpoint)
            start = now()

            excluded = {p.get("VariantPropertyType") for p in exclude_retained_variant_properties or []}
            retained = {v["VariantName"]: v for v in endpoint.production_variants} if retain_all_variant_properties else {}
            new_variants = []
            for config_variant in config.production_variants:
                variant = variant_summary(self, config_variant, start, running=True)
                previous = retained.get(variant["VariantName"], {})
                for setting, property_type in (("InstanceCount", "DesiredInstanceCount"), ("Weight", "DesiredWeight")):
                    if property_type not in excluded and f"Desired{setting}" in previous and f"Desired{setting}" in variant:
                        variant[f"Desired{setting}"] = variant[f"Current{setting}"] = previous[f"Desired{setting}"]
                new_variants.append(variant)
            keep_capture = retain_all_variant_properties and "DataCaptureConfig" not in excluded
            new_capture = endpoint.data_capture_config if keep_capture else config.data_capture_config
            new_types = instance_types(config)

            pending_variants = []
            for variant in new_variants:
                pending = copy.deepcopy(variant)
                if "CurrentInstanceCount" in pending:
                    pending["CurrentInstanceCount"] = 0
                if variant["VariantName"] in new_types:
                    pending["InstanceType"] = new_types[variant["VariantName"]]
                pending["VariantStatus"] = [{"Status": "Creating", "StartTime": start}]
                pending_variants.append(pending)
            lifecycle.pending = {"EndpointConfigName": endpoint_config_name, "ProductionVariants": pending_variants, "StartTime": start}
            if deployment_config is None and retain_deployment_config:
                deployment_config = lifecycle.last_deployment_config
            lifecycle.last_deployment_config = deployment_config
            endpoint.endpoint_status = "Updating"
            endpoint.failure_reason = None
            fault = CONTROL.take_fault(endpoint_name, "update")
            reason = fault["reason"] if fault else None

            def deployed(at: datetime) -> None:
                endpoint.endpoint_config_name = endpoint_config_name
                endpoint.production_variants = new_variants
                endpoint.data_capture_config = new_capture
                lifecycle.instance_types = new_types
                lifecycle.pending = None
                endpoint.endpoint_status = "InService"

            def failed(at: datetime) -> None:
                lifecycle.pending = None
                endpoint.endpoint_status = "Failed"
                endpoint.failure_reason = reason

            def rolling_back(at: datetime) -> None:
                for variant in (lifecycle.pending or {}).get("ProductionVariants", []):
                    variant["VariantStatus"] = [{"Status": "Deleting", "StartTime": at}]
                endpoint.endpoint_status = "RollingBack"
                endpoint.failure_reason = reason

            def rolled_back(at: datetime) -> None:
                lifecycle.pending = None
                endpoint.endpoint_status = "InService"

            def rollback_failed(at: datetime) -> None:
                lifecycle.pending = None
                endpoint.endpoint_status = "UpdateRollbackFailed"

            outcomes: dict[str | None, tuple[Callable[[datetime], None], ...]] = {
                None: (deployed,),
                "failed": (failed,),
                "rolledBack": (rolling_back, rolled_back),
                "rollbackFailed": (rolling_back, rollback_failed),
            }
            schedule(endpoint, start, *outcomes[fault["outcome"] if fault else None])
            return endpoint.arn

    def update_endpoint_response(self: Any) -> ActionResult:
        arn = self.sagemaker_backend.update_endpoint(
            endpoint_name=self._get_param("EndpointName"),
            endpoint_config_name=self._get_param("EndpointConfigName"),
            retain_all_variant_properties=self._get_param("RetainAllVariantProperties"),
            exclude_retained_variant_properties=self._get_param("ExcludeRetainedVariantProperties"),
            deployment_config=self._get_param("DeploymentConfig"),
            retain_deployment_config=self._get_param("RetainDeploymentConfig"),
        )
        return ActionResult({"EndpointArn": arn})

    SageMakerModelBackend.update_endpoint = update_endpoint  # type: ignore[attr-defined]
    SageMakerResponse.update_endpoint = update_endpoint_response  # type: ignore[attr-defined]
