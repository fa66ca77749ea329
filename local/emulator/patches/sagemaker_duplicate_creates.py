"""Make CreateModel, CreateEndpointConfig, CreateEndpoint and CreateModelPackageGroup refuse
a name already in use, with AWS's ValidationException (HTTP 400), instead of silently
replacing the existing resource (moto 5.2.1 overwrites its dict entry).
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html

Tested in test/local/emulator.test.ts (patch_refuse_duplicates).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any

from .sagemaker_arns import model_package_group_arn


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


def apply() -> None:
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
        lambda backend, name: f"Model Package Group already exists: {model_package_group_arn(backend, name)}",
    )
