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
from pathlib import Path

from tests.postgres import _free_port
from tests.servers import start_and_wait, stop_process


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
        def pong(sock: socket.socket) -> bool:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

        self.process = start_and_wait(command, self.port, pong, "redis-server",
                                      RedisUnavailable)

    def stop(self) -> None:
        stop_process(self.process, self.folder)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def flush(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            sock.recv(16)
