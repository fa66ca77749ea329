"""Number a group's versions 1, 2, 3... without ever reusing a number.

moto 5.2.1 numbers a new version as "packages in the group + 1", which after a
DeleteModelPackage (see model_package_deletes.py) repeats a live version's number and
overwrites it. AWS increments the version for each package added to the group.
https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-models.html

Tested in test/local/emulator.test.ts (patch_model_package_versions).
"""

from __future__ import annotations

import functools
import inspect
from typing import Any


def apply() -> None:
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
