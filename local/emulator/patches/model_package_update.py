"""Make UpdateModelPackage change only what the request sends, as AWS does.

moto 5.2.1 resets ModelApprovalStatus and ApprovalDescription to nothing when they are not
sent, replaces CustomerMetadataProperties instead of merging them key by key, drops the
additional inference specifications when none are added, and fails on
CustomerMetadataPropertiesToRemove when the package has no properties. This also accepts
InferenceSpecification, which AWS allows updating and moto ignores.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateModelPackage.html

Tested in test/local/emulator.test.ts (patch_update_model_package_merge).
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
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
