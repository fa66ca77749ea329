"""Implement DeleteModelPackage and DeleteModelPackageGroup, which moto 5.2.1 lacks (it
answers an HTML 500 that the SDK reports as a parse error).

DeleteModelPackage takes an unversioned package's name or ARN, or a versioned package's ARN
(a group name alone names no single version and is refused). DeleteModelPackageGroup refuses
a group that still holds versions with a ConflictException, as AWS does: versions must be
deleted first.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteModelPackage.html
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteModelPackageGroup.html

Tested in test/local/emulator.test.ts (patch_model_package_deletes).
"""

from __future__ import annotations

from typing import Any

from .sagemaker_arns import group_name, model_package_group_arn


def apply() -> None:
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
        name = group_name(model_package_group_name)
        group = self.model_package_groups.get(name)
        if group is None:
            raise ValidationError(message=f"ModelPackageGroup {model_package_group_arn(self, name)} does not exist.")
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
