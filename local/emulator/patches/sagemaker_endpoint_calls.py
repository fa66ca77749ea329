"""Keep the request of every CreateEndpointConfig, CreateEndpoint, UpdateEndpoint, UpdateEndpointWeightsAndCapacities
and DeleteEndpoint received (accepted or refused, in order, the last 1000 of each), for
GET /modelplane-emulator/calls: a test can then assert what a control plane asked for, such
as an update's DeploymentConfig, which no Describe call returns in full, or that a weight
change made no endpoint config. moto keeps no
record of the requests it answered.

Tested in test/local/emulator-endpoints.test.ts (patch_control_api).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from .state import CONTROL, RECORDED_OPERATIONS


def apply() -> None:
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
