#!/usr/bin/env python3
"""modelplane's local AWS emulator: moto 5.2.1 in server mode, patched where it differs from AWS.

Started by local/emulator.ts (`npm start`, the test suites) as `python3 local/emulator/launcher.py`,
from any directory. It prints exactly one line, `MOTO_READY http://127.0.0.1:<port>`, once the
server listens, then serves until SIGTERM or SIGINT, or until the process named by --parent-pid
is gone, and exits 0.

The patches live in patches/, one module per AWS behaviour moto 5.2.1 lacks, each with an
`apply()`; they rely on moto's internals, which is why the version is pinned and checked first.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import signal
import socket
import sys
import threading
from typing import NoReturn

# patches/ sits beside this file: importable whatever the cwd (and even with PYTHONSAFEPATH).
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

# Importing the patches does not import moto (each apply() does): require_moto() speaks first.
import patches  # noqa: E402
from patches.state import CONTROL, DEFAULT_ENDPOINT_TRANSITION_S  # noqa: E402

MOTO_VERSION = "5.2.1"
INSTALL_HINT = f'pip install "moto[server]=={MOTO_VERSION}"'
EXIT_WRONG_MOTO = 3
EXIT_START_FAILED = 1
START_TIMEOUT_S = 15.0


def fail(message: str, code: int) -> NoReturn:
    print(f"modelplane emulator: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def require_moto() -> None:
    """Exit 3 unless the pinned moto is importable: the patches read its internals."""
    try:
        import moto
    except ImportError:
        fail(f"moto is not installed for {sys.executable}. Install it with: {INSTALL_HINT}", EXIT_WRONG_MOTO)
    found = getattr(moto, "__version__", "unknown")
    if found != MOTO_VERSION:
        fail(
            f"moto {MOTO_VERSION} is required, found {found} for {sys.executable}. Install it with: {INSTALL_HINT}",
            EXIT_WRONG_MOTO,
        )


def ensure_port_free(port: int) -> None:
    """Fail clearly on a busy port: moto's server thread would die and leave start() waiting."""
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            fail(f"cannot listen on 127.0.0.1:{port}: {error.strerror}", EXIT_START_FAILED)


def parent_is_gone(parent_pid: int, original_ppid: int) -> bool:
    if parent_pid == original_ppid and os.getppid() != original_ppid:
        # Reparented: our parent died, even if its pid was reused since.
        return True
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="moto 5.2.1 in server mode, patched for modelplane.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--parent-pid", type=int, default=None, help="exit when this process is gone")
    parser.add_argument("--log-requests", action="store_true", help="log every request on stderr")
    parser.add_argument(
        "--endpoint-transition-seconds",
        type=float,
        default=DEFAULT_ENDPOINT_TRANSITION_S,
        help=f"how long each SageMaker endpoint transition takes (default {DEFAULT_ENDPOINT_TRANSITION_S})",
    )
    args = parser.parse_args(argv)
    if not math.isfinite(args.endpoint_transition_seconds) or args.endpoint_transition_seconds < 0:
        parser.error("--endpoint-transition-seconds must be a number of seconds, 0 or more")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    original_ppid = os.getppid()
    require_moto()
    CONTROL.endpoint_transition_s = args.endpoint_transition_seconds
    patches.apply_all()
    if not args.log_requests:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    ensure_port_free(args.port)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(START_TIMEOUT_S)
    if starter.is_alive():
        fail(f"moto did not start listening within {START_TIMEOUT_S:.0f} s", EXIT_START_FAILED)
    host, port = server.get_host_and_port()

    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    print(f"MOTO_READY http://{host}:{port}", flush=True)
    while not stop.wait(1.0):
        if args.parent_pid is not None and parent_is_gone(args.parent_pid, original_ppid):
            print("modelplane emulator: parent process is gone, shutting down", file=sys.stderr, flush=True)
            break
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
