"""Serve modelplane's control API on the emulator's own port, beside moto's /moto-api/ (moto
5.2.1 has no way to slow endpoint transitions, inject endpoint failures or list requests):

- `GET|POST /modelplane-emulator/config`: `{"endpointTransitionSeconds": <seconds>}`, the
  time each endpoint transition takes (launcher flag --endpoint-transition-seconds).
- `POST /modelplane-emulator/faults`: `{"endpoint", "operation": "create"|"update", "reason",
  "outcome"?: "failed"|"rolledBack"|"rollbackFailed"}` makes the next such operation on that
  endpoint end badly (faults queue up, one per operation; GET lists those still waiting).
- `GET /modelplane-emulator/calls?operation=UpdateEndpoint`: the requests recorded by
  sagemaker_endpoint_calls.py, oldest first.

Requests under /modelplane-emulator/ are answered before moto's DomainDispatcherApplication
looks at them (it would route them as S3). `POST /moto-api/reset` also forgets the faults and
recorded calls; the transition time is kept, as moto keeps its own config. The state lives in
state.py.

Tested in test/local/emulator-endpoints.test.ts (patch_control_api).
"""

from __future__ import annotations

import functools
import math
from typing import Any

from .state import CONTROL, FAULT_OUTCOMES, RECORDED_OPERATIONS

CONTROL_PREFIX = "/modelplane-emulator"


def _control_app() -> Any:
    """The Flask app behind /modelplane-emulator/."""
    from flask import Flask, jsonify, request

    app = Flask("modelplane-emulator")

    def problem(message: str, status: int = 400) -> Any:
        return jsonify({"error": message}), status

    def json_object() -> dict[str, Any] | None:
        body = request.get_json(silent=True)
        return body if isinstance(body, dict) else None

    @app.route(f"{CONTROL_PREFIX}/config", methods=["GET", "POST"])
    def config() -> Any:
        if request.method == "POST":
            body = json_object()
            if body is None:
                return problem('Send a JSON object such as {"endpointTransitionSeconds": 0.5}.')
            unknown = sorted(set(body) - {"endpointTransitionSeconds"})
            if unknown:
                return problem(f"Unknown setting(s): {', '.join(unknown)}. Known: endpointTransitionSeconds.")
            seconds = body.get("endpointTransitionSeconds")
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds < 0:
                return problem("endpointTransitionSeconds must be a number of seconds, 0 or more.")
            with CONTROL.lock:
                CONTROL.endpoint_transition_s = float(seconds)
        return jsonify({"endpointTransitionSeconds": CONTROL.endpoint_transition_s})

    @app.route(f"{CONTROL_PREFIX}/faults", methods=["GET", "POST"])
    def faults() -> Any:
        if request.method == "GET":
            with CONTROL.lock:
                return jsonify([fault for queue in CONTROL.faults.values() for fault in queue])
        body = json_object()
        if body is None:
            return problem('Send a JSON object: {"endpoint", "operation", "reason", "outcome"?}.')
        unknown = sorted(set(body) - {"endpoint", "operation", "reason", "outcome"})
        if unknown:
            return problem(f"Unknown field(s): {', '.join(unknown)}.")
        for name in ("endpoint", "reason"):
            if not isinstance(body.get(name), str) or not body[name]:
                return problem(f"{name} must be a non-empty string.")
        operation = body.get("operation")
        if operation not in FAULT_OUTCOMES:
            return problem(f"operation must be one of: {', '.join(FAULT_OUTCOMES)}.")
        outcome = body.get("outcome", FAULT_OUTCOMES[operation][0])
        if outcome not in FAULT_OUTCOMES[operation]:
            return problem(f"outcome for {operation} must be one of: {', '.join(FAULT_OUTCOMES[operation])}.")
        fault = {"endpoint": body["endpoint"], "operation": operation, "reason": body["reason"], "outcome": outcome}
        waiting = CONTROL.add_fault(fault)
        return jsonify({"fault": fault, "waiting": waiting}), 201

    @app.route(f"{CONTROL_PREFIX}/calls", methods=["GET"])
    def calls() -> Any:
        operation = request.args.get("operation")
        if operation not in RECORDED_OPERATIONS:
            return problem(f"operation must be one of: {', '.join(RECORDED_OPERATIONS)}.")
        with CONTROL.lock:
            return jsonify(list(CONTROL.calls.get(operation, ())))

    @app.errorhandler(404)
    def not_found(error: Any) -> Any:
        return problem(f"No such control route: {request.method} {request.path}", 404)

    @app.errorhandler(405)
    def not_allowed(error: Any) -> Any:
        return problem(f"{request.method} is not allowed on {request.path}", 405)

    return app


def apply() -> None:
    from moto.moto_api._internal.models import MotoAPIBackend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    control_app = _control_app()
    original_call = DomainDispatcherApplication.__call__
    original_reset = MotoAPIBackend.reset

    @functools.wraps(original_call)
    def dispatch(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        if str(environ.get("PATH_INFO", "")).startswith(f"{CONTROL_PREFIX}/"):
            return control_app(environ, start_response)
        return original_call(self, environ, start_response)

    @functools.wraps(original_reset)
    def reset(self: Any) -> None:
        with CONTROL.lock:
            original_reset(self)
            CONTROL.clear()

    DomainDispatcherApplication.__call__ = dispatch  # type: ignore[method-assign]
    MotoAPIBackend.reset = reset  # type: ignore[method-assign]
