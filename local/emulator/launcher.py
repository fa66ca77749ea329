#!/usr/bin/env python3
"""modelplane's local AWS emulator: moto 5.2.1 in server mode, patched where it differs from AWS.

Started by local/emulator.ts (`npm start`, the test suites). It prints exactly one line,
`MOTO_READY http://127.0.0.1:<port>`, once the server listens, then serves until SIGTERM or
SIGINT, or until the process named by --parent-pid is gone, and exits 0.

Each patch below is a function `patch_<name>()` that restores one AWS behaviour moto 5.2.1
lacks; they rely on moto's internals, which is why the version is pinned and checked first.
"""

from __future__ import annotations

import argparse
import copy
import functools
import inspect
import json
import logging
import math
import os
import re
import signal
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NoReturn

MOTO_VERSION = "5.2.1"
INSTALL_HINT = f'pip install "moto[server]=={MOTO_VERSION}"'
EXIT_WRONG_MOTO = 3
EXIT_START_FAILED = 1
# A socket path that cannot exist (its parent is a file), so any Docker lookup fails at once
# instead of waiting on a daemon: Batch then never tries to run containers.
DEAD_DOCKER_HOST = "unix:///dev/null/modelplane-no-docker.sock"
ML_INSTANCE_TYPE = re.compile(r"^ml\.[a-z0-9-]+\.[a-z0-9-]+$")
START_TIMEOUT_S = 15.0
# How long each endpoint transition (Creating -> InService, Updating -> InService, Deleting ->
# gone...) takes; the control API changes it at run time.
DEFAULT_ENDPOINT_TRANSITION_S = 2.0
CONTROL_PREFIX = "/modelplane-emulator"
# The endpoint operations whose requests are kept for GET /modelplane-emulator/calls.
RECORDED_OPERATIONS = ("CreateEndpoint", "UpdateEndpoint", "UpdateEndpointWeightsAndCapacities", "DeleteEndpoint")
RECORDED_CALLS_KEPT = 1000
# Statuses in which AWS refuses any change, delete included ("Cannot update in-progress endpoint").
IN_PROGRESS_STATUSES = frozenset({"Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"})
# The outcomes a fault may ask for, by operation; the first is the default.
FAULT_OUTCOMES = {"create": ("failed",), "update": ("failed", "rolledBack", "rollbackFailed")}
AUTOSCALING_NAMESPACE = "sagemaker"
AUTOSCALING_DIMENSION = "sagemaker:variant:DesiredInstanceCount"
LIFECYCLE_ATTRIBUTE = "modelplane_lifecycle"


def fail(message: str, code: int) -> NoReturn:
    print(f"modelplane emulator: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def require_moto() -> None:
    """Exit 3 unless the pinned moto is importable: the patches read its internals."""
    try:
        import moto
    except ImportError:
        fail(f"moto is not installed for {sys.executable}. Install it with: {INSTALL_HINT}", EXIT_WRONG_MOTO)
    found = getattr(moto, "__version__", "unknown")
    if found != MOTO_VERSION:
        fail(
            f"moto {MOTO_VERSION} is required, found {found} for {sys.executable}. Install it with: {INSTALL_HINT}",
            EXIT_WRONG_MOTO,
        )


def _model_package_group_arn(backend: Any, name: str) -> str:
    from moto.sagemaker.utils import arn_formatter

    return arn_formatter("model-package-group", name, backend.account_id, backend.region_name)


def _group_name(name_or_arn: str) -> str:
    """ModelPackageGroupName parameters accept a name or an ARN (the name is the last segment)."""
    return name_or_arn.split("/")[-1] if name_or_arn.startswith("arn:") else name_or_arn


def patch_instance_types() -> None:
    """Accept every `ml.*` instance type where moto checks a fixed, outdated allow-list.

    moto 5.2.1 rejects current GPU and accelerator types (ml.g5, g6, g6e, p4d, p5, inf2...) in
    CreateEndpointConfig, and in the SupportedRealtimeInferenceInstanceTypes /
    SupportedTransformInstanceTypes of a model package's additional inference specifications.
    AWS validates the shape of the name and the account's quota, not a list frozen in time.
    Notebook instances and HyperPod clusters keep moto's lists: modelplane creates neither.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
    """
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import FakeEndpointConfig, ModelPackage

    def check(instance_type: Any, attribute: str) -> None:
        if not isinstance(instance_type, str) or not ML_INSTANCE_TYPE.match(instance_type):
            raise ValidationError(
                message=f"Value '{instance_type}' at '{attribute}' failed to satisfy constraint: "
                f"Member must satisfy regular expression pattern: {ML_INSTANCE_TYPE.pattern}"
            )

    def validate_instance_type(self: Any, instance_type: str) -> None:
        check(instance_type, "instanceType")

    def validate_realtime(instance_types: list[str]) -> None:
        for instance_type in instance_types:
            check(instance_type, "SupportedRealtimeInferenceInstanceTypes")

    def validate_transform(instance_types: list[str]) -> None:
        for instance_type in instance_types:
            check(instance_type, "SupportedTransformInstanceTypes")

    FakeEndpointConfig.validate_instance_type = validate_instance_type  # type: ignore[method-assign]
    ModelPackage.validate_supported_realtime_inference_instance_types = staticmethod(validate_realtime)  # type: ignore[method-assign,assignment]
    ModelPackage.validate_supported_transform_instance_types = staticmethod(validate_transform)  # type: ignore[method-assign,assignment]


def _refuse_existing(
    method_name: str,
    name_parameter: str,
    existing: Callable[[Any], Mapping[str, Any]],
    message: Callable[[Any, str], str],
) -> None:
    """Wraps a SageMakerModelBackend create method so it raises instead of replacing a resource."""
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import SageMakerModelBackend

    original = getattr(SageMakerModelBackend, method_name)
    signature = inspect.signature(original)

    @functools.wraps(original)
    def create(self: Any, *args: Any, **kwargs: Any) -> Any:
        name = signature.bind(self, *args, **kwargs).arguments[name_parameter]
        if name in existing(self):
            raise ValidationError(message=message(self, name))
        return original(self, *args, **kwargs)

    setattr(SageMakerModelBackend, method_name, create)


def patch_refuse_duplicates() -> None:
    """Make CreateModel, CreateEndpointConfig, CreateEndpoint and CreateModelPackageGroup refuse
    a name already in use, with AWS's ValidationException (HTTP 400), instead of silently
    replacing the existing resource (moto 5.2.1 overwrites its dict entry).
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html
    """
    from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig
    from moto.sagemaker.utils import arn_formatter

    _refuse_existing(
        "create_model",
        "model_name",
        lambda backend: backend._models,
        lambda backend, name: "Cannot create already existing model "
        f'"{arn_formatter("model", name, backend.account_id, backend.region_name)}".',
    )
    _refuse_existing(
        "create_endpoint_config",
        "endpoint_config_name",
        lambda backend: backend.endpoint_configs,
        lambda backend, name: "Cannot create already existing endpoint configuration "
        f'"{FakeEndpointConfig.arn_formatter(name, backend.account_id, backend.region_name)}".',
    )
    _refuse_existing(
        "create_endpoint",
        "endpoint_name",
        lambda backend: backend.endpoints,
        lambda backend, name: "Cannot create already existing endpoint "
        f'"{FakeEndpoint.arn_formatter(name, backend.account_id, backend.region_name)}".',
    )
    _refuse_existing(
        "create_model_package_group",
        "model_package_group_name",
        lambda backend: backend.model_package_groups,
        lambda backend, name: f"Model Package Group already exists: {_model_package_group_arn(backend, name)}",
    )


def patch_model_package_deletes() -> None:
    """Implement DeleteModelPackage and DeleteModelPackageGroup, which moto 5.2.1 lacks (it
    answers an HTML 500 that the SDK reports as a parse error).

    DeleteModelPackage takes an unversioned package's name or ARN, or a versioned package's ARN
    (a group name alone names no single version and is refused). DeleteModelPackageGroup refuses
    a group that still holds versions with a ConflictException, as AWS does: versions must be
    deleted first.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteModelPackage.html
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteModelPackageGroup.html
    """
    from moto.core.responses import ActionResult, EmptyResult
    from moto.sagemaker.exceptions import ConflictException, ValidationError
    from moto.sagemaker.models import SageMakerModelBackend
    from moto.sagemaker.responses import SageMakerResponse

    def delete_model_package(self: Any, model_package_name: str) -> None:
        arn = self.model_package_name_mapping.get(model_package_name)
        package = self.model_packages.get(arn) if arn else None
        names_one_package = package is not None and (
            package.model_package_version is None or model_package_name == package.arn
        )
        if package is None or not names_one_package:
            raise ValidationError(message=f"Model package {model_package_name} not found")
        del self.model_packages[package.arn]
        for key in [key for key, value in self.model_package_name_mapping.items() if value == package.arn]:
            del self.model_package_name_mapping[key]
        group = package.model_package_group_name
        if package.model_package_version is not None:
            remaining = [p for p in self.model_packages.values() if p.model_package_group_name == group]
            if remaining:
                # moto resolves a bare group name to the newest version: keep that true.
                newest = max(remaining, key=lambda p: p.model_package_version)
                self.model_package_name_mapping[group] = newest.arn

    def delete_model_package_group(self: Any, model_package_group_name: str) -> None:
        name = _group_name(model_package_group_name)
        group = self.model_package_groups.get(name)
        if group is None:
            raise ValidationError(message=f"ModelPackageGroup {_model_package_group_arn(self, name)} does not exist.")
        if any(p.model_package_group_name == name for p in self.model_packages.values()):
            raise ConflictException(
                f"Model Package Group {group.arn} cannot be deleted because it still contains model packages. "
                "Delete its model packages first."
            )
        del self.model_package_groups[name]

    def delete_model_package_response(self: Any) -> ActionResult:
        self.sagemaker_backend.delete_model_package(self._get_param("ModelPackageName"))
        return EmptyResult()

    def delete_model_package_group_response(self: Any) -> ActionResult:
        self.sagemaker_backend.delete_model_package_group(self._get_param("ModelPackageGroupName"))
        return EmptyResult()

    SageMakerModelBackend.delete_model_package = delete_model_package  # type: ignore[attr-defined]
    SageMakerModelBackend.delete_model_package_group = delete_model_package_group  # type: ignore[attr-defined]
    # moto routes an action to the response method of the same snake_case name.
    SageMakerResponse.delete_model_package = delete_model_package_response  # type: ignore[attr-defined]
    SageMakerResponse.delete_model_package_group = delete_model_package_group_response  # type: ignore[attr-defined]


def patch_model_package_versions() -> None:
    """Number a group's versions 1, 2, 3... without ever reusing a number.

    moto numbers a new version as "packages in the group + 1", which after a DeleteModelPackage
    (see patch_model_package_deletes) repeats a live version's number and overwrites it. AWS
    increments the version for each package added to the group.
    https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-models.html
    """
    from moto.sagemaker.models import ModelPackage, SageMakerModelBackend

    original = SageMakerModelBackend.create_model_package
    signature = inspect.signature(original)

    @functools.wraps(original)
    def create_model_package(self: Any, *args: Any, **kwargs: Any) -> str:
        arguments = signature.bind(self, *args, **kwargs).arguments
        arguments.pop("self")
        group_name = arguments.get("model_package_group_name")
        group = self.model_package_groups.get(group_name) if group_name else None
        if group is None or arguments.get("model_package_name"):
            # Unversioned packages and every error case: moto's own behaviour is right.
            return original(self, *args, **kwargs)
        last = getattr(group, "modelplane_last_version", None)
        if last is None:
            last = max(
                (p.model_package_version or 0 for p in self.model_packages.values() if p.model_package_group_name == group_name),
                default=0,
            )
        version = last + 1
        group.modelplane_last_version = version
        package = ModelPackage(
            **{**arguments, "model_package_name": group_name},
            model_package_version=version,
            approval_description=None,
            region_name=self.region_name,
            account_id=self.account_id,
            model_package_type="Versioned",
        )
        self.model_package_name_mapping[group_name] = package.arn
        self.model_package_name_mapping[package.arn] = package.arn
        self.model_packages[package.arn] = package
        return package.arn

    SageMakerModelBackend.create_model_package = create_model_package  # type: ignore[method-assign]


def patch_update_model_package_merge() -> None:
    """Make UpdateModelPackage change only what the request sends, as AWS does.

    moto 5.2.1 resets ModelApprovalStatus and ApprovalDescription to nothing when they are not
    sent, replaces CustomerMetadataProperties instead of merging them key by key, drops the
    additional inference specifications when none are added, and fails on
    CustomerMetadataPropertiesToRemove when the package has no properties. This also accepts
    InferenceSpecification, which AWS allows updating and moto ignores.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateModelPackage.html
    """
    from moto.core.responses import ActionResult
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import SageMakerModelBackend
    from moto.sagemaker.responses import SageMakerResponse

    def update_model_package(
        self: Any,
        model_package_arn: str,
        model_approval_status: str | None = None,
        approval_description: str | None = None,
        customer_metadata_properties: dict[str, str] | None = None,
        customer_metadata_properties_to_remove: list[str] | None = None,
        additional_inference_specifications_to_add: list[Any] | None = None,
        inference_specification: dict[str, Any] | None = None,
    ) -> str:
        package = self.model_packages.get(self.model_package_name_mapping.get(model_package_arn, model_package_arn))
        if package is None:
            raise ValidationError(message=f"Model package {model_package_arn} not found")
        if model_approval_status is not None:
            package.set_model_approval_status(model_approval_status)
        if approval_description is not None:
            package.approval_description = approval_description
        if inference_specification is not None:
            package.inference_specification = inference_specification
        if customer_metadata_properties or customer_metadata_properties_to_remove:
            properties = {**(package.customer_metadata_properties or {}), **(customer_metadata_properties or {})}
            for key in customer_metadata_properties_to_remove or []:
                properties.pop(key, None)
            # An emptied map is omitted from DescribeModelPackage rather than returned as {}.
            package.customer_metadata_properties = properties or None
        if additional_inference_specifications_to_add:
            package.add_additional_inference_specifications(additional_inference_specifications_to_add)
        package.modifications_done()
        return package.arn

    def update_model_package_response(self: Any) -> ActionResult:
        arn = self.sagemaker_backend.update_model_package(
            model_package_arn=self._get_param("ModelPackageArn"),
            model_approval_status=self._get_param("ModelApprovalStatus"),
            approval_description=self._get_param("ApprovalDescription"),
            customer_metadata_properties=self._get_param("CustomerMetadataProperties"),
            customer_metadata_properties_to_remove=self._get_param("CustomerMetadataPropertiesToRemove"),
            additional_inference_specifications_to_add=self._get_param("AdditionalInferenceSpecificationsToAdd"),
            inference_specification=self._get_param("InferenceSpecification"),
        )
        return ActionResult({"ModelPackageArn": arn})

    SageMakerModelBackend.update_model_package = update_model_package  # type: ignore[method-assign]
    SageMakerResponse.update_model_package = update_model_package_response  # type: ignore[method-assign]


class EmulatorControl:
    """What the control API under /modelplane-emulator/ sets and reads: the endpoint transition
    time, the faults waiting for their operation, and the recorded endpoint requests. Endpoint
    state changes happen under the same lock, since the server answers requests on threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.endpoint_transition_s = DEFAULT_ENDPOINT_TRANSITION_S
        self.faults: dict[tuple[str, str], deque[dict[str, str]]] = {}
        self.calls: dict[str, deque[Any]] = {}

    def add_fault(self, fault: dict[str, str]) -> int:
        with self.lock:
            queue = self.faults.setdefault((fault["endpoint"], fault["operation"]), deque())
            queue.append(fault)
            return len(queue)

    def take_fault(self, endpoint_name: str, operation: str) -> dict[str, str] | None:
        with self.lock:
            queue = self.faults.get((endpoint_name, operation))
            if not queue:
                return None
            fault = queue.popleft()
            if not queue:
                del self.faults[(endpoint_name, operation)]
            return fault

    def record(self, operation: str, request: Any) -> None:
        with self.lock:
            self.calls.setdefault(operation, deque(maxlen=RECORDED_CALLS_KEPT)).append(request)

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()
            self.calls.clear()


CONTROL = EmulatorControl()


@dataclass
class EndpointLifecycle:
    """What moto's FakeEndpoint lacks, kept on it as an attribute. Changes are applied lazily: each
    step is due at a computed time and applied by _settle before any endpoint operation reads or
    changes the endpoint, so the sequence depends on timestamps only, never on a timer thread."""

    steps: list[tuple[datetime, Callable[[datetime], None]]] = field(default_factory=list)
    pending: dict[str, Any] | None = None
    last_deployment_config: dict[str, Any] | None = None
    # Instance type of each live variant, kept here because its endpoint config may be deleted.
    instance_types: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


def _lifecycle(endpoint: Any) -> EndpointLifecycle:
    lifecycle = getattr(endpoint, LIFECYCLE_ATTRIBUTE, None)
    if lifecycle is None:
        lifecycle = EndpointLifecycle()
        setattr(endpoint, LIFECYCLE_ATTRIBUTE, lifecycle)
    return lifecycle


def _now() -> datetime:
    from moto.core.utils import utcnow

    return utcnow()


def _schedule(endpoint: Any, start: datetime, *changes: Callable[[datetime], None]) -> None:
    """Queues changes one transition time apart, the first one transition time after start."""
    lifecycle = _lifecycle(endpoint)
    step = timedelta(seconds=CONTROL.endpoint_transition_s)
    endpoint.last_modified_time = start
    due = start
    for change in changes:
        due += step
        lifecycle.steps.append((due, change))


def _settle(backend: Any) -> None:
    """Applies every endpoint change that is due, in order; LastModifiedTime becomes the time each
    change was due, not the time it was observed."""
    now = _now()
    for name, endpoint in list(backend.endpoints.items()):
        lifecycle = getattr(endpoint, LIFECYCLE_ATTRIBUTE, None)
        if lifecycle is None:
            continue
        while lifecycle.steps and lifecycle.steps[0][0] <= now:
            due, change = lifecycle.steps.pop(0)
            change(due)
            endpoint.last_modified_time = due
        if lifecycle.deleted:
            del backend.endpoints[name]


def _endpoint_arn(backend: Any, name: str) -> str:
    from moto.sagemaker.models import FakeEndpoint

    return FakeEndpoint.arn_formatter(name, backend.account_id, backend.region_name)


def _config_arn(backend: Any, name: str) -> str:
    from moto.sagemaker.models import FakeEndpointConfig

    return FakeEndpointConfig.arn_formatter(name, backend.account_id, backend.region_name)


def _existing_endpoint(backend: Any, name: str) -> Any:
    from moto.sagemaker.exceptions import ValidationError

    endpoint = backend.endpoints.get(name)
    if endpoint is None:
        raise ValidationError(message=f'Could not find endpoint "{_endpoint_arn(backend, name)}".')
    return endpoint


def _existing_config(backend: Any, name: str) -> Any:
    from moto.sagemaker.exceptions import ValidationError

    config = backend.endpoint_configs.get(name)
    if config is None:
        raise ValidationError(message=f'Could not find endpoint configuration "{_config_arn(backend, name)}".')
    return config


def _refuse_change(backend: Any, endpoint: Any, allowed: tuple[str, ...]) -> None:
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


def _variant_summary(backend: Any, config_variant: Mapping[str, Any], at: datetime, running: bool) -> dict[str, Any]:
    """A ProductionVariantSummary for a variant of an endpoint config (weights default to 1.0)."""
    weight = float(config_variant.get("InitialVariantWeight", 1.0))
    summary: dict[str, Any] = {"VariantName": config_variant["VariantName"]}
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


def _instance_types(config: Any) -> dict[str, str]:
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


def _describe(endpoint: Any) -> dict[str, Any]:
    lifecycle = _lifecycle(endpoint)
    response: dict[str, Any] = {
        "EndpointName": endpoint.endpoint_name,
        "EndpointArn": endpoint.arn,
        "EndpointConfigName": endpoint.endpoint_config_name,
        "ProductionVariants": copy.deepcopy(endpoint.production_variants),
        "EndpointStatus": endpoint.endpoint_status,
        "CreationTime": endpoint.creation_time,
        "LastModifiedTime": endpoint.last_modified_time,
    }
    optional = {
        "DataCaptureConfig": _data_capture_summary(endpoint.data_capture_config),
        "FailureReason": endpoint.failure_reason,
        "LastDeploymentConfig": copy.deepcopy(lifecycle.last_deployment_config),
        "PendingDeploymentSummary": copy.deepcopy(lifecycle.pending),
    }
    response.update({k: v for k, v in optional.items() if v})
    return response


def _autoscaling_backend(backend: Any) -> Any:
    from moto.applicationautoscaling.models import applicationautoscaling_backends

    return applicationautoscaling_backends[backend.account_id][backend.region_name]


def _autoscaled_variants(backend: Any, endpoint_name: str) -> list[str]:
    """Variants of the endpoint registered as Application Auto Scaling scalable targets."""
    prefix = f"endpoint/{endpoint_name}/variant/"
    targets = _autoscaling_backend(backend).targets.get(AUTOSCALING_DIMENSION, {})
    return [
        resource_id[len(prefix) :]
        for resource_id, target in targets.items()
        if resource_id.startswith(prefix) and target.service_namespace == AUTOSCALING_NAMESPACE
    ]


def _finish_variant_change(variant: dict[str, Any]) -> None:
    variant.pop("VariantStatus", None)
    for setting in ("InstanceCount", "Weight"):
        if f"Desired{setting}" in variant:
            variant[f"Current{setting}"] = variant[f"Desired{setting}"]


def patch_endpoint_lifecycle() -> None:
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

    Changes are applied lazily (see EndpointLifecycle). Must run after patch_refuse_duplicates, so
    that an endpoint whose deletion is due is gone before the duplicate check.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
    https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html
    """
    from moto.sagemaker.models import SageMakerModelBackend

    original_create = SageMakerModelBackend.create_endpoint
    original_list = SageMakerModelBackend.list_endpoints

    @functools.wraps(original_create)
    def create_endpoint(self: Any, endpoint_name: str, endpoint_config_name: str, tags: list[dict[str, str]]) -> Any:
        with CONTROL.lock:
            _settle(self)
            config = _existing_config(self, endpoint_config_name)
            endpoint = original_create(self, endpoint_name=endpoint_name, endpoint_config_name=endpoint_config_name, tags=tags)
            start = endpoint.creation_time
            lifecycle = _lifecycle(endpoint)
            lifecycle.instance_types = _instance_types(config)
            endpoint.endpoint_status = "Creating"
            endpoint.production_variants = [
                {**_variant_summary(self, v, start, running=False), "VariantStatus": [{"Status": "Creating", "StartTime": start}]}
                for v in config.production_variants
            ]
            fault = CONTROL.take_fault(endpoint_name, "create")

            def created(at: datetime) -> None:
                for variant in endpoint.production_variants:
                    variant.pop("VariantStatus", None)
                    if fault is None:
                        _finish_variant_change(variant)
                if fault is None:
                    endpoint.endpoint_status = "InService"
                else:
                    endpoint.endpoint_status = "Failed"
                    endpoint.failure_reason = fault["reason"]

            _schedule(endpoint, start, created)
            return endpoint

    def describe_endpoint(self: Any, endpoint_name: str) -> dict[str, Any]:
        with CONTROL.lock:
            _settle(self)
            return _describe(_existing_endpoint(self, endpoint_name))

    @functools.wraps(original_list)
    def list_endpoints(self: Any, *args: Any, **kwargs: Any) -> Any:
        with CONTROL.lock:
            _settle(self)
            return original_list(self, *args, **kwargs)

    def delete_endpoint(self: Any, endpoint_name: str) -> None:
        with CONTROL.lock:
            _settle(self)
            endpoint = _existing_endpoint(self, endpoint_name)
            _refuse_change(self, endpoint, allowed=("InService", "Failed", "UpdateRollbackFailed", "OutOfService"))
            scaling = _autoscaling_backend(self)
            for variant in _autoscaled_variants(self, endpoint_name):
                scaling.deregister_scalable_target(AUTOSCALING_NAMESPACE, f"endpoint/{endpoint_name}/variant/{variant}", AUTOSCALING_DIMENSION)
            lifecycle = _lifecycle(endpoint)
            endpoint.endpoint_status = "Deleting"

            def deleted(at: datetime) -> None:
                lifecycle.deleted = True

            _schedule(endpoint, _now(), deleted)

    SageMakerModelBackend.create_endpoint = create_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.describe_endpoint = describe_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.list_endpoints = list_endpoints  # type: ignore[method-assign]
    SageMakerModelBackend.delete_endpoint = delete_endpoint  # type: ignore[method-assign]


def patch_update_endpoint() -> None:
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
    RetainDeploymentConfig). A fault (see patch_control_api) makes it end Failed, or RollingBack
    then InService on the old config with a FailureReason (a blue/green update whose alarms
    tripped), or RollingBack then UpdateRollbackFailed.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html
    https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html
    """
    from moto.core.responses import ActionResult
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import SageMakerModelBackend
    from moto.sagemaker.responses import SageMakerResponse

    def refuse_autoscaled_instance_type_change(backend: Any, endpoint: Any, config: Any) -> None:
        current = _lifecycle(endpoint).instance_types
        wanted = _instance_types(config)
        changed = [v for v in _autoscaled_variants(backend, endpoint.endpoint_name) if v in wanted and current.get(v) != wanted[v]]
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
            _settle(self)
            endpoint = _existing_endpoint(self, endpoint_name)
            _refuse_change(self, endpoint, allowed=("InService", "UpdateRollbackFailed"))
            config = _existing_config(self, endpoint_config_name)
            refuse_autoscaled_instance_type_change(self, endpoint, config)
            lifecycle = _lifecycle(endpoint)
            start = _now()

            excluded = {p.get("VariantPropertyType") for p in exclude_retained_variant_properties or []}
            retained = {v["VariantName"]: v for v in endpoint.production_variants} if retain_all_variant_properties else {}
            new_variants = []
            for config_variant in config.production_variants:
                variant = _variant_summary(self, config_variant, start, running=True)
                previous = retained.get(variant["VariantName"], {})
                for setting, property_type in (("InstanceCount", "DesiredInstanceCount"), ("Weight", "DesiredWeight")):
                    if property_type not in excluded and f"Desired{setting}" in previous and f"Desired{setting}" in variant:
                        variant[f"Desired{setting}"] = variant[f"Current{setting}"] = previous[f"Desired{setting}"]
                new_variants.append(variant)
            keep_capture = retain_all_variant_properties and "DataCaptureConfig" not in excluded
            new_capture = endpoint.data_capture_config if keep_capture else config.data_capture_config
            new_types = _instance_types(config)

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
            _schedule(endpoint, start, *outcomes[fault["outcome"] if fault else None])
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


def patch_update_weights_and_capacities() -> None:
    """Make UpdateEndpointWeightsAndCapacities a change that takes time, as on AWS: refused unless
    the endpoint is InService (`Cannot update in-progress endpoint`, `Cannot update failed
    endpoint`), then Updating with DesiredInstanceCount / DesiredWeight set at once and the
    variant's VariantStatus Updating, and InService one transition time later with the current
    values equal to the desired ones. moto 5.2.1 changes everything inside the call, and sets the
    weight (or count) it was not sent to nothing; its own validation and wording are kept.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html
    """
    from moto.sagemaker.exceptions import AWSValidationException
    from moto.sagemaker.models import SageMakerModelBackend

    def update_endpoint_weights_and_capacities(self: Any, endpoint_name: str, desired_weights_and_capacities: list[dict[str, Any]]) -> str:
        with CONTROL.lock:
            _settle(self)
            endpoint = self.endpoints.get(endpoint_name)
            if endpoint is None:
                raise AWSValidationException(f'Could not find endpoint "{_endpoint_arn(self, endpoint_name)}".')
            variants = {v["VariantName"]: v for v in endpoint.production_variants}
            seen: set[str] = set()
            for wanted in desired_weights_and_capacities:
                name = wanted.get("VariantName")
                if name in seen:
                    raise AWSValidationException(f'The variant name "{name}" was non-unique within the request.')
                if name not in variants:
                    raise AWSValidationException(
                        f'The variant name(s) "{name}" is/are not present within endpoint configuration "{endpoint.endpoint_config_name}".'
                    )
                seen.add(name)
            _refuse_change(self, endpoint, allowed=("InService",))
            start = _now()
            changed = []
            for wanted in desired_weights_and_capacities:
                variant = variants[wanted["VariantName"]]
                if wanted.get("DesiredWeight") is not None:
                    variant["DesiredWeight"] = float(wanted["DesiredWeight"])
                if wanted.get("DesiredInstanceCount") is not None:
                    variant["DesiredInstanceCount"] = wanted["DesiredInstanceCount"]
                variant["VariantStatus"] = [{"Status": "Updating", "StartTime": start}]
                changed.append(variant)
            endpoint.endpoint_status = "Updating"
            endpoint.failure_reason = None

            def updated(at: datetime) -> None:
                for variant in changed:
                    _finish_variant_change(variant)
                endpoint.endpoint_status = "InService"

            _schedule(endpoint, start, updated)
            return endpoint.arn

    SageMakerModelBackend.update_endpoint_weights_and_capacities = update_endpoint_weights_and_capacities  # type: ignore[method-assign]


def patch_autoscaling_targets() -> None:
    """Make Application Auto Scaling keep policies tied to their scalable target, as AWS does:
    PutScalingPolicy on a target that is not registered fails with ObjectNotFoundException, and
    DeregisterScalableTarget also deletes the target's scaling policies (and their alarms) and
    scheduled actions. moto 5.2.1 stores a policy for any resource and keeps it after the target
    is gone, so a re-registered target would silently inherit stale policies.
    https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html
    https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html
    """
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


def patch_record_endpoint_calls() -> None:
    """Keep the request of every CreateEndpoint, UpdateEndpoint, UpdateEndpointWeightsAndCapacities
    and DeleteEndpoint received (accepted or refused, in order, the last 1000 of each), for
    GET /modelplane-emulator/calls: a test can then assert what a control plane asked for, such
    as an update's DeploymentConfig, which no Describe call returns in full.
    """
    from moto.sagemaker.responses import SageMakerResponse

    original = SageMakerResponse.call_action

    @functools.wraps(original)
    def call_action(self: Any) -> Any:
        operation = self._get_action()
        if operation in RECORDED_OPERATIONS:
            body = self.body.decode("utf-8") if isinstance(self.body, bytes) else (self.body or "{}")
            try:
                request = json.loads(body)
            except ValueError:
                request = body
            CONTROL.record(operation, request)
        return original(self)

    SageMakerResponse.call_action = call_action  # type: ignore[method-assign]


def _control_app() -> Any:
    """The Flask app behind /modelplane-emulator/: see patch_control_api."""
    from flask import Flask, jsonify, request

    app = Flask("modelplane-emulator")

    def problem(message: str, status: int = 400) -> Any:
        return jsonify({"error": message}), status

    def json_object() -> dict[str, Any] | None:
        body = request.get_json(silent=True)
        return body if isinstance(body, dict) else None

    @app.route(f"{CONTROL_PREFIX}/config", methods=["GET", "POST"])
    def config() -> Any:
        if request.method == "POST":
            body = json_object()
            if body is None:
                return problem('Send a JSON object such as {"endpointTransitionSeconds": 0.5}.')
            unknown = sorted(set(body) - {"endpointTransitionSeconds"})
            if unknown:
                return problem(f"Unknown setting(s): {', '.join(unknown)}. Known: endpointTransitionSeconds.")
            seconds = body.get("endpointTransitionSeconds")
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds < 0:
                return problem("endpointTransitionSeconds must be a number of seconds, 0 or more.")
            with CONTROL.lock:
                CONTROL.endpoint_transition_s = float(seconds)
        return jsonify({"endpointTransitionSeconds": CONTROL.endpoint_transition_s})

    @app.route(f"{CONTROL_PREFIX}/faults", methods=["GET", "POST"])
    def faults() -> Any:
        if request.method == "GET":
            with CONTROL.lock:
                return jsonify([fault for queue in CONTROL.faults.values() for fault in queue])
        body = json_object()
        if body is None:
            return problem('Send a JSON object: {"endpoint", "operation", "reason", "outcome"?}.')
        unknown = sorted(set(body) - {"endpoint", "operation", "reason", "outcome"})
        if unknown:
            return problem(f"Unknown field(s): {', '.join(unknown)}.")
        for name in ("endpoint", "reason"):
            if not isinstance(body.get(name), str) or not body[name]:
                return problem(f"{name} must be a non-empty string.")
        operation = body.get("operation")
        if operation not in FAULT_OUTCOMES:
            return problem(f"operation must be one of: {', '.join(FAULT_OUTCOMES)}.")
        outcome = body.get("outcome", FAULT_OUTCOMES[operation][0])
        if outcome not in FAULT_OUTCOMES[operation]:
            return problem(f"outcome for {operation} must be one of: {', '.join(FAULT_OUTCOMES[operation])}.")
        fault = {"endpoint": body["endpoint"], "operation": operation, "reason": body["reason"], "outcome": outcome}
        waiting = CONTROL.add_fault(fault)
        return jsonify({"fault": fault, "waiting": waiting}), 201

    @app.route(f"{CONTROL_PREFIX}/calls", methods=["GET"])
    def calls() -> Any:
        operation = request.args.get("operation")
        if operation not in RECORDED_OPERATIONS:
            return problem(f"operation must be one of: {', '.join(RECORDED_OPERATIONS)}.")
        with CONTROL.lock:
            return jsonify(list(CONTROL.calls.get(operation, ())))

    @app.errorhandler(404)
    def not_found(error: Any) -> Any:
        return problem(f"No such control route: {request.method} {request.path}", 404)

    @app.errorhandler(405)
    def not_allowed(error: Any) -> Any:
        return problem(f"{request.method} is not allowed on {request.path}", 405)

    return app


def patch_control_api() -> None:
    """Serve modelplane's control API on the emulator's own port, beside moto's /moto-api/:

    - `GET|POST /modelplane-emulator/config`: `{"endpointTransitionSeconds": <seconds>}`, the
      time each endpoint transition takes (launcher flag --endpoint-transition-seconds).
    - `POST /modelplane-emulator/faults`: `{"endpoint", "operation": "create"|"update", "reason",
      "outcome"?: "failed"|"rolledBack"|"rollbackFailed"}` makes the next such operation on that
      endpoint end badly (faults queue up, one per operation; GET lists those still waiting).
    - `GET /modelplane-emulator/calls?operation=UpdateEndpoint`: the requests recorded by
      patch_record_endpoint_calls, oldest first.

    Requests under /modelplane-emulator/ are answered before moto's DomainDispatcherApplication
    looks at them (it would route them as S3). `POST /moto-api/reset` also forgets the faults and
    recorded calls; the transition time is kept, as moto keeps its own config.
    """
    from moto.moto_api._internal.models import MotoAPIBackend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    control_app = _control_app()
    original_call = DomainDispatcherApplication.__call__
    original_reset = MotoAPIBackend.reset

    @functools.wraps(original_call)
    def dispatch(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        if str(environ.get("PATH_INFO", "")).startswith(f"{CONTROL_PREFIX}/"):
            return control_app(environ, start_response)
        return original_call(self, environ, start_response)

    @functools.wraps(original_reset)
    def reset(self: Any) -> None:
        with CONTROL.lock:
            original_reset(self)
            CONTROL.clear()

    DomainDispatcherApplication.__call__ = dispatch  # type: ignore[method-assign]
    MotoAPIBackend.reset = reset  # type: ignore[method-assign]


PATCHES: list[Callable[[], None]] = [
    patch_instance_types,
    patch_refuse_duplicates,
    patch_model_package_deletes,
    patch_model_package_versions,
    patch_update_model_package_merge,
    patch_endpoint_lifecycle,
    patch_update_endpoint,
    patch_update_weights_and_capacities,
    patch_autoscaling_targets,
    patch_record_endpoint_calls,
    patch_control_api,
]


def keep_docker_out_of_reach() -> None:
    """No Docker here: Batch jobs complete at submission and nothing ever dials a daemon."""
    os.environ["DOCKER_HOST"] = DEAD_DOCKER_HOST
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.set_config({"batch": {"use_docker": False}})


def ensure_port_free(port: int) -> None:
    """Fail clearly on a busy port: moto's server thread would die and leave start() waiting."""
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            fail(f"cannot listen on 127.0.0.1:{port}: {error.strerror}", EXIT_START_FAILED)


def parent_is_gone(parent_pid: int, original_ppid: int) -> bool:
    if parent_pid == original_ppid and os.getppid() != original_ppid:
        # Reparented: our parent died, even if its pid was reused since.
        return True
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="moto 5.2.1 in server mode, patched for modelplane.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--parent-pid", type=int, default=None, help="exit when this process is gone")
    parser.add_argument("--log-requests", action="store_true", help="log every request on stderr")
    parser.add_argument(
        "--endpoint-transition-seconds",
        type=float,
        default=DEFAULT_ENDPOINT_TRANSITION_S,
        help=f"how long each SageMaker endpoint transition takes (default {DEFAULT_ENDPOINT_TRANSITION_S})",
    )
    args = parser.parse_args(argv)
    if not math.isfinite(args.endpoint_transition_seconds) or args.endpoint_transition_seconds < 0:
        parser.error("--endpoint-transition-seconds must be a number of seconds, 0 or more")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    original_ppid = os.getppid()
    require_moto()
    keep_docker_out_of_reach()
    CONTROL.endpoint_transition_s = args.endpoint_transition_seconds
    for patch in PATCHES:
        patch()
    if not args.log_requests:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    ensure_port_free(args.port)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(START_TIMEOUT_S)
    if starter.is_alive():
        fail(f"moto did not start listening within {START_TIMEOUT_S:.0f} s", EXIT_START_FAILED)
    host, port = server.get_host_and_port()

    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    print(f"MOTO_READY http://{host}:{port}", flush=True)
    while not stop.wait(1.0):
        if args.parent_pid is not None and parent_is_gone(args.parent_pid, original_ppid):
            print("modelplane emulator: parent process is gone, shutting down", file=sys.stderr, flush=True)
            break
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
