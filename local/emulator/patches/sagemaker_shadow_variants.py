"""Keep shadow variants, which moto 5.2.1 drops: CreateEndpointConfig ignores
ShadowProductionVariants, so DescribeEndpointConfig and DescribeEndpoint never show them.

With the patch, CreateEndpointConfig takes ShadowProductionVariants with AWS's rules (when
given, exactly one production variant and one shadow variant; variant names unique across
both) and keeps each shadow among the config's variants, marked as a shadow. The endpoint
patches (sagemaker_endpoint_lifecycle, sagemaker_update_endpoint, sagemaker_endpoint_capacity)
then give shadows the lifecycle of any variant: counts and weights move Desired -> Current
through Creating/Updating, and UpdateEndpointWeightsAndCapacities can change a shadow's weight
(its sampling relative to the production variant) or count. DescribeEndpointConfig answers
ShadowProductionVariants apart from ProductionVariants, and DescribeEndpoint (see
sagemaker_endpoint_state.describe) ShadowProductionVariants apart from ProductionVariants, in
its PendingDeploymentSummary too.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-ShadowProductionVariants
https://docs.aws.amazon.com/sagemaker/latest/dg/model-shadow-deployment.html

Tested in test/local/emulator-variants.test.ts.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from .sagemaker_endpoint_state import SHADOW_MARK, split_shadows


def apply() -> None:
    from moto.core.responses import ActionResult
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import SageMakerModelBackend
    from moto.sagemaker.responses import SageMakerResponse

    def refuse_invalid(production: list[dict[str, Any]], shadows: list[dict[str, Any]]) -> None:
        if shadows and (len(production) != 1 or len(shadows) != 1):
            raise ValidationError(
                message="When ShadowProductionVariants is specified, ProductionVariants and ShadowProductionVariants must each have exactly one variant."
            )
        names = [v.get("VariantName") for v in production + shadows]
        duplicates = sorted({n for n in names if names.count(n) > 1 and n is not None})
        if duplicates:
            raise ValidationError(message=f"The variant name(s) {duplicates} are non-unique within the endpoint configuration.")

    def create_endpoint_config_response(self: Any) -> ActionResult:
        production = self._get_param("ProductionVariants") or []
        shadows = self._get_param("ShadowProductionVariants") or []
        refuse_invalid(production, shadows)
        endpoint_config = self.sagemaker_backend.create_endpoint_config(
            endpoint_config_name=self._get_param("EndpointConfigName"),
            async_inference_config=self._get_param("AsyncInferenceConfig"),
            production_variants=production + [{**v, SHADOW_MARK: True} for v in shadows],
            data_capture_config=self._get_param("DataCaptureConfig"),
            tags=self._get_param("Tags"),
            kms_key_id=self._get_param("KmsKeyId"),
        )
        return ActionResult({"EndpointConfigArn": endpoint_config.endpoint_config_arn})

    original_describe = SageMakerModelBackend.describe_endpoint_config

    @functools.wraps(original_describe)
    def describe_endpoint_config(self: Any, endpoint_config_name: str) -> dict[str, Any]:
        response = copy.deepcopy(original_describe(self, endpoint_config_name))
        production, shadows = split_shadows(response.get("ProductionVariants") or [])
        response["ProductionVariants"] = production
        if shadows:
            response["ShadowProductionVariants"] = shadows
        return response

    SageMakerResponse.create_endpoint_config = create_endpoint_config_response  # type: ignore[method-assign]
    SageMakerModelBackend.describe_endpoint_config = describe_endpoint_config  # type: ignore[method-assign]
