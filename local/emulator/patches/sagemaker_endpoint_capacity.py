"""Make UpdateEndpointWeightsAndCapacities a change that takes time, as on AWS: refused unless
the endpoint is InService (`Cannot update in-progress endpoint`, `Cannot update failed
endpoint`), then Updating with DesiredInstanceCount / DesiredWeight set at once and the
variant's VariantStatus Updating, and InService one transition time later with the current
values equal to the desired ones. moto 5.2.1 changes everything inside the call, and sets the
weight (or count) it was not sent to nothing; its own validation and wording are kept.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html

Tested in test/local/emulator-endpoints.test.ts (patch_update_weights_and_capacities).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .sagemaker_endpoint_state import endpoint_arn, finish_variant_change, now, refuse_change, schedule, settle
from .state import CONTROL


def apply() -> None:
    from moto.sagemaker.exceptions import AWSValidationException
    from moto.sagemaker.models import SageMakerModelBackend

    def update_endpoint_weights_and_capacities(self: Any, endpoint_name: str, desired_weights_and_capacities: list[dict[str, Any]]) -> str:
        with CONTROL.lock:
            settle(self)
            endpoint = self.endpoints.get(endpoint_name)
            if endpoint is None:
                raise AWSValidationException(f'Could not find endpoint "{endpoint_arn(self, endpoint_name)}".')
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
            refuse_change(self, endpoint, allowed=("InService",))
            start = now()
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
                    finish_variant_change(variant)
                endpoint.endpoint_status = "InService"

            schedule(endpoint, start, updated)
            return endpoint.arn

    SageMakerModelBackend.update_endpoint_weights_and_capacities = update_endpoint_weights_and_capacities  # type: ignore[method-assign]
