"""Not a patch: what the endpoint patches share (sagemaker_endpoint_lifecycle.py,
sagemaker_update_endpoint.py, sagemaker_endpoint_capacity.py). moto's FakeEndpoint has no
lifecycle, so each endpoint carries an EndpointLifecycle; changes are scheduled one transition
time apart and applied lazily by settle(); the helpers build AWS's DescribeEndpoint shapes and
refusals.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .state import CONTROL

# Statuses in which AWS refuses any change, delete included ("Cannot update in-progress endpoint").
IN_PROGRESS_STATUSES = frozenset({"Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"})
AUTOSCALING_NAMESPACE = "sagemaker"
AUTOSCALING_DIMENSION = "sagemaker:variant:DesiredInstanceCount"
LIFECYCLE_ATTRIBUTE = "modelplane_lifecycle"
# Marks a shadow variant kept among a config's (and an endpoint's) variants (sagemaker_shadow_variants.py).
SHADOW_MARK = "ModelplaneShadow"


def split_shadows(variants: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A variant list as AWS answers it: production variants, and shadow variants without their mark."""
    production = [v for v in variants if not v.get(SHADOW_MARK)]
    shadows = [{k: value for k, value in v.items() if k != SHADOW_MARK} for v in variants if v.get(SHADOW_MARK)]
    return production, shadows


@dataclass
class EndpointLifecycle:
    """What moto's FakeEndpoint lacks, kept on it as an attribute. Changes are applied lazily: each
    step is due at a computed time and applied by settle before any endpoint operation reads or
    changes the endpoint, so the sequence depends on timestamps only, never on a timer thread."""

    steps: list[tuple[datetime, Callable[[datetime], None]]] = field(default_factory=list)
    pending: dict[str, Any] | None = None
    last_deployment_config: dict[str, Any] | None = None
    # Instance type of each live variant, kept here because its endpoint config may be deleted.
    instance_types: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


def lifecycle_of(endpoint: Any) -> EndpointLifecycle:
    lifecycle = getattr(endpoint, LIFECYCLE_ATTRIBUTE, None)
    if lifecycle is None:
        lifecycle = EndpointLifecycle()
        setattr(endpoint, LIFECYCLE_ATTRIBUTE, lifecycle)
    return lifecycle


def now() -> datetime:
    from moto.core.utils import utcnow

    return utcnow()


def schedule(endpoint: Any, start: datetime, *changes: Callable[[datetime], None]) -> None:
    """Queues changes one transition time apart, the first one transition time after start."""
    lifecycle = lifecycle_of(endpoint)
    step = timedelta(seconds=CONTROL.endpoint_transition_s)
    endpoint.last_modified_time = start
    due = start
    for change in changes:
        due += step
        lifecycle.steps.append((due, change))


def settle(backend: Any) -> None:
    """Applies every endpoint change that is due, in order; LastModifiedTime becomes the time each
    change was due, not the time it was observed."""
    current = now()
    for name, endpoint in list(backend.endpoints.items()):
        lifecycle = getattr(endpoint, LIFECYCLE_ATTRIBUTE, None)
        if lifecycle is None:
            continue
        while lifecycle.steps and lifecycle.steps[0][0] <= current:
            due, change = lifecycle.steps.pop(0)
            change(due)
            endpoint.last_modified_time = due
        if lifecycle.deleted:
            del backend.endpoints[name]


def endpoint_arn(backend: Any, name: str) -> str:
    from moto.sagemaker.models import FakeEndpoint

    return FakeEndpoint.arn_formatter(name, backend.account_id, backend.region_name)


def config_arn(backend: Any, name: str) -> str:
    from moto.sagemaker.models import FakeEndpointConfig

    return FakeEndpointConfig.arn_formatter(name, backend.account_id, backend.region_name)


def existing_endpoint(backend: Any, name: str) -> Any:
    from moto.sagemaker.exceptions import ValidationError

    endpoint = backend.endpoints.get(name)
    if endpoint is None:
        raise ValidationError(message=f'Could not find endpoint "{endpoint_arn(backend, name)}".')
    return endpoint


def existing_config(backend: Any, name: str) -> Any:
    from moto.sagemaker.exceptions import ValidationError

    config = backend.endpoint_configs.get(name)
    if config is None:
        raise ValidationError(message=f'Could not find endpoint configuration "{config_arn(backend, name)}".')
    return config


def refuse_change(backend: Any, endpoint: Any, allowed: tuple[str, ...]) -> None:
    """AWS's refusals of a change to an endpoint that is busy or failed."""
    from moto.sagemaker.exceptions import ValidationError

    status = endpoint.endpoint_status
    if status in allowed:
        return
    arn = endpoint.arn
    if status in IN_PROGRESS_STATUSES:
        raise ValidationError(message=f'Cannot update in-progress endpoint "{arn}".')
    if status == "Failed":
        raise ValidationError(message=f'Cannot update failed endpoint "{arn}".')
    raise ValidationError(message=f'Cannot update endpoint "{arn}" while its status is {status}.')


def _model_package_images(backend: Any, name: str) -> list[str]:
    arn = backend.model_package_name_mapping.get(name, name)
    package = backend.model_packages.get(arn)
    specification = getattr(package, "inference_specification", None) or {}
    return [c["Image"] for c in specification.get("Containers") or [] if c.get("Image")]


def _deployed_images(backend: Any, model_name: str | None, at: datetime) -> list[dict[str, Any]]:
    """One DeployedImage per container of the variant's model (its Image, or its model package's)."""
    model = backend._models.get(model_name) if model_name else None
    if model is None:
        return []
    containers = [model.primary_container] if model.primary_container else list(model.containers or [])
    images: list[str] = []
    for container in containers:
        if container.get("Image"):
            images.append(container["Image"])
        elif container.get("ModelPackageName"):
            images.extend(_model_package_images(backend, container["ModelPackageName"]))
    return [{"SpecifiedImage": image, "ResolutionTime": at} for image in images]


def variant_summary(backend: Any, config_variant: Mapping[str, Any], at: datetime, running: bool) -> dict[str, Any]:
    """A ProductionVariantSummary for a variant of an endpoint config (weights default to 1.0)."""
    weight = float(config_variant.get("InitialVariantWeight", 1.0))
    summary: dict[str, Any] = {"VariantName": config_variant["VariantName"]}
    if config_variant.get(SHADOW_MARK):
        summary[SHADOW_MARK] = True
    images = _deployed_images(backend, config_variant.get("ModelName"), at)
    if images:
        summary["DeployedImages"] = images
    summary["CurrentWeight"] = weight
    summary["DesiredWeight"] = weight
    count = config_variant.get("InitialInstanceCount")
    if count is not None:
        summary["CurrentInstanceCount"] = count if running else 0
        summary["DesiredInstanceCount"] = count
    if config_variant.get("ServerlessConfig"):
        summary["CurrentServerlessConfig"] = config_variant["ServerlessConfig"]
        summary["DesiredServerlessConfig"] = config_variant["ServerlessConfig"]
    return summary


def instance_types(config: Any) -> dict[str, str]:
    return {v["VariantName"]: v["InstanceType"] for v in config.production_variants if v.get("InstanceType")}


def _data_capture_summary(config: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not config:
        return None
    enabled = bool(config.get("EnableCapture", True))
    summary = {
        "EnableCapture": enabled,
        "CaptureStatus": "Started" if enabled else "Stopped",
        "CurrentSamplingPercentage": config.get("InitialSamplingPercentage"),
        "DestinationS3Uri": config.get("DestinationS3Uri"),
        "KmsKeyId": config.get("KmsKeyId"),
    }
    return {k: v for k, v in summary.items() if v is not None}


def describe(endpoint: Any) -> dict[str, Any]:
    lifecycle = lifecycle_of(endpoint)
    production, shadows = split_shadows(copy.deepcopy(endpoint.production_variants))
    response: dict[str, Any] = {
        "EndpointName": endpoint.endpoint_name,
        "EndpointArn": endpoint.arn,
        "EndpointConfigName": endpoint.endpoint_config_name,
        "ProductionVariants": production,
        "EndpointStatus": endpoint.endpoint_status,
        "CreationTime": endpoint.creation_time,
        "LastModifiedTime": endpoint.last_modified_time,
    }
    pending = copy.deepcopy(lifecycle.pending)
    if pending:
        pending["ProductionVariants"], pending_shadows = split_shadows(pending.get("ProductionVariants") or [])
        if pending_shadows:
            pending["ShadowProductionVariants"] = pending_shadows
    optional = {
        "ShadowProductionVariants": shadows,
        "DataCaptureConfig": _data_capture_summary(endpoint.data_capture_config),
        "FailureReason": endpoint.failure_reason,
        "LastDeploymentConfig": copy.deepcopy(lifecycle.last_deployment_config),
        "PendingDeploymentSummary": pending,
    }
    response.update({k: v for k, v in optional.items() if v})
    return response


def autoscaling_backend(backend: Any) -> Any:
    from moto.applicationautoscaling.models import applicationautoscaling_backends

    return applicationautoscaling_backends[backend.account_id][backend.region_name]


def autoscaled_variants(backend: Any, endpoint_name: str) -> list[str]:
    """Variants of the endpoint registered as Application Auto Scaling scalable targets."""
    prefix = f"endpoint/{endpoint_name}/variant/"
    targets = autoscaling_backend(backend).targets.get(AUTOSCALING_DIMENSION, {})
    return [
        resource_id[len(prefix) :]
        for resource_id, target in targets.items()
        if resource_id.startswith(prefix) and target.service_namespace == AUTOSCALING_NAMESPACE
    ]


def finish_variant_change(variant: dict[str, Any]) -> None:
    variant.pop("VariantStatus", None)
    for setting in ("InstanceCount", "Weight"):
        if f"Desired{setting}" in variant:
            variant[f"Current{setting}"] = variant[f"Desired{setting}"]
