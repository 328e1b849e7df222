"""A throwaway Redis server for the test session: `redis-server` on a free port and a
temporary folder, no persistence. As root it runs as an unprivileged user via runuser. Without
the binary the tests that need it are skipped with the reason — except under CI (CI=true),
where a missing server is a failure (.ci/run installs Debian's redis-server).

(Not tests/redis.py: with tests/ on sys.path that name would shadow the redis package.)
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.postgres import _free_port


class RedisUnavailable(Exception):
    pass


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisUnavailable("redis-server is not installed (Debian: apt-get install "
                                   "redis-server)")
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="chatdesk-redis-"))
        self.port = _free_port()
        self.user: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        if os.geteuid() == 0:
            for name in ("redis", "nobody"):
                try:
                    pwd.getpwnam(name)
                except KeyError:
                    continue
                self.user = name
                break
            if self.user is not None:
                shutil.chown(self.folder, self.user)
                self.folder.chmod(0o700)

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                   "--dir", str(self.folder), "--save", "", "--appendonly", "no",
                   "--daemonize", "no", "--logfile", str(self.folder / "log")]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode(errors="replace") if \
                    self.process.stderr else ""
                raise RedisUnavailable(f"redis-server exited: {error.strip()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RedisUnavailable("redis-server did not answer PING within 20 s")

    def stop(self) -> None:
        try:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def flush(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            sock.recv(16)
