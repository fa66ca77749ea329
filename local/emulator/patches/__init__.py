"""modelplane's patches to moto 5.2.1, one module per AWS behaviour moto lacks or gets wrong.

Each module's docstring says what moto gets wrong and what the patch does; each has an
`apply()`. They rely on moto's internals, which is why launcher.py checks the version before
apply_all(); no module imports moto when imported (only inside apply() and the functions it
installs), so that check can speak first. Modules that are not patches: state.py (the control API's config, faults and
recorded calls), sagemaker_endpoint_state.py (what the endpoint patches share),
sagemaker_arns.py (names and ARNs).

PATCHES is the order of application. Where it matters: batch_without_docker sets moto's config
before anything else touches moto; sagemaker_endpoint_lifecycle wraps the CreateEndpoint of
sagemaker_duplicate_creates (an endpoint whose deletion is due must be gone before the
duplicate check), so it comes after it. The rest keep the order they were written in.
"""

from __future__ import annotations

from collections.abc import Callable

from . import (
    autoscaling_targets,
    batch_without_docker,
    control_api,
    model_package_deletes,
    model_package_update,
    model_package_versions,
    sagemaker_duplicate_creates,
    sagemaker_endpoint_calls,
    sagemaker_endpoint_capacity,
    sagemaker_endpoint_lifecycle,
    sagemaker_instance_types,
    sagemaker_shadow_variants,
    sagemaker_update_endpoint,
)

PATCHES: list[Callable[[], None]] = [
    batch_without_docker.apply,
    sagemaker_instance_types.apply,
    sagemaker_duplicate_creates.apply,
    model_package_deletes.apply,
    model_package_versions.apply,
    model_package_update.apply,
    sagemaker_endpoint_lifecycle.apply,
    sagemaker_update_endpoint.apply,
    sagemaker_endpoint_capacity.apply,
    sagemaker_shadow_variants.apply,
    autoscaling_targets.apply,
    sagemaker_endpoint_calls.apply,
    control_api.apply,
]


def apply_all() -> None:
    for patch in PATCHES:
        patch()
