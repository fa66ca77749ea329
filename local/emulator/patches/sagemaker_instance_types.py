"""Accept every `ml.*` instance type where moto checks a fixed, outdated allow-list.

moto 5.2.1 rejects current GPU and accelerator types (ml.g5, g6, g6e, p4d, p5, inf2...) in
CreateEndpointConfig, and in the SupportedRealtimeInferenceInstanceTypes /
SupportedTransformInstanceTypes of a model package's additional inference specifications.
AWS validates the shape of the name and the account's quota, not a list frozen in time.
Notebook instances and HyperPod clusters keep moto's lists: modelplane creates neither.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html

Tested in test/local/emulator.test.ts (patch_instance_types).
"""

from __future__ import annotations

import re
from typing import Any

ML_INSTANCE_TYPE = re.compile(r"^ml\.[a-z0-9-]+\.[a-z0-9-]+$")


def apply() -> None:
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
