"""The emulator's own state, shared by the patches and the control API: the endpoint transition
time, the faults waiting for their operation, and the recorded endpoint requests.

Not a patch: moto has no such state. The control API (control_api.py) sets and reads it, the
endpoint patches (sagemaker_endpoint_*.py) read the transition time and take the faults, and
sagemaker_endpoint_calls.py records the requests.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

# How long each endpoint transition (Creating -> InService, Updating -> InService, Deleting ->
# gone...) takes; the control API changes it at run time.
DEFAULT_ENDPOINT_TRANSITION_S = 2.0
# The endpoint operations whose requests are kept for GET /modelplane-emulator/calls.
RECORDED_OPERATIONS = ("CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint", "UpdateEndpointWeightsAndCapacities", "DeleteEndpoint")
RECORDED_CALLS_KEPT = 1000
# The outcomes a fault may ask for, by operation; the first is the default.
FAULT_OUTCOMES = {"create": ("failed",), "update": ("failed", "rolledBack", "rollbackFailed")}


class EmulatorControl:
    """What the control API under /modelplane-emulator/ sets and reads: the endpoint transition
    time, the faults waiting for their operation, and the recorded endpoint requests. Endpoint
    state changes happen under the same lock, since the server answers requests on threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.endpoint_transition_s = DEFAULT_ENDPOINT_TRANSITION_S
        self.faults: dict[tuple[str, str], deque[dict[str, str]]] = {}
        self.calls: dict[str, deque[Any]] = {}

    def add_fault(self, fault: dict[str, str]) -> int:
        with self.lock:
            queue = self.faults.setdefault((fault["endpoint"], fault["operation"]), deque())
            queue.append(fault)
            return len(queue)

    def take_fault(self, endpoint_name: str, operation: str) -> dict[str, str] | None:
        with self.lock:
            queue = self.faults.get((endpoint_name, operation))
            if not queue:
                return None
            fault = queue.popleft()
            if not queue:
                del self.faults[(endpoint_name, operation)]
            return fault

    def record(self, operation: str, request: Any) -> None:
        with self.lock:
            self.calls.setdefault(operation, deque(maxlen=RECORDED_CALLS_KEPT)).append(request)

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()
            self.calls.clear()


CONTROL = EmulatorControl()
