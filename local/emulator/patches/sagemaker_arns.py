"""Not a patch: SageMaker names and ARNs as AWS writes them in its messages, shared by
sagemaker_duplicate_creates.py and model_package_deletes.py."""

from __future__ import annotations

from typing import Any


def model_package_group_arn(backend: Any, name: str) -> str:
    from moto.sagemaker.utils import arn_formatter

    return arn_formatter("model-package-group", name, backend.account_id, backend.region_name)


def group_name(name_or_arn: str) -> str:
    """ModelPackageGroupName parameters accept a name or an ARN (the name is the last segment)."""
    return name_or_arn.split("/")[-1] if name_or_arn.startswith("arn:") else name_or_arn
