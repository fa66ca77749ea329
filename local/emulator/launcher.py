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
import functools
import inspect
import logging
import os
import re
import signal
import socket
import sys
import threading
from collections.abc import Callable, Mapping
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


PATCHES: list[Callable[[], None]] = [
    patch_instance_types,
    patch_refuse_duplicates,
    patch_model_package_deletes,
    patch_model_package_versions,
    patch_update_model_package_merge,
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
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    original_ppid = os.getppid()
    require_moto()
    keep_docker_out_of_reach()
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
