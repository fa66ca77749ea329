"""Batch without Docker: moto 5.2.1 runs each submitted Batch job's container through a Docker
daemon (and waits on one when none answers). There is no Docker here: this points DOCKER_HOST at
a socket path that cannot exist (its parent is a file), so any Docker lookup fails at once
instead of waiting on a daemon, and sets moto's `batch.use_docker` to false, so Batch jobs
complete at submission and nothing ever dials a daemon (local/batch-executor.ts runs the jobs).
"""

from __future__ import annotations

import os

DEAD_DOCKER_HOST = "unix:///dev/null/modelplane-no-docker.sock"


def apply() -> None:
    """No Docker here: Batch jobs complete at submission and nothing ever dials a daemon."""
    os.environ["DOCKER_HOST"] = DEAD_DOCKER_HOST
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.set_config({"batch": {"use_docker": False}})
