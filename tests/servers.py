"""What the throwaway servers the tests start (Redis, dovecot) share: start the process, wait
until it answers on its port, stop it and remove its folder; and the session fixture's rule —
skipped where no server can run, except under CI (CI=true), where that is a failure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def start_and_wait(command: list[str], port: int, ready: Callable[[socket.socket], bool],
                   name: str, unavailable: type[Exception],
                   seconds: float = 20) -> subprocess.Popen[bytes]:
    """Start `command` and return once `ready(connection)` is true on 127.0.0.1:`port`;
    raise `unavailable` with the server's last words if it exits or never gets ready."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise unavailable(f"{name} exited: {error.strip()[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if ready(sock):
                    return process
        except OSError:
            pass
        time.sleep(0.05)
    stop_process(process, None)
    raise unavailable(f"{name} did not answer within {seconds:.0f} s")


def stop_process(process: subprocess.Popen[bytes] | None, folder: Path | None) -> None:
    try:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def session_server(make: Callable[[], Any], unavailable: type[Exception],
                   what: str) -> Iterator[Any]:
    """The body of a session fixture: a started server, stopped at the end."""
    try:
        server = make()
        server.start()
    except unavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the {what} tests: {exc}")
        pytest.skip(f"{what} tests skipped: {exc}")
    try:
        yield server
    finally:
        server.stop()
