"""Which `chatdesk run` processes may share a database.

- SQLite: exactly one. An exclusive `flock` on a file beside the database (released by the
  kernel when the process ends, even by kill -9).
- PostgreSQL: a session-level advisory lock held on a connection of its own for the life of
  the process. Processes that can share the work (Redis for conversation state, webhook mode)
  take it shared; any other takes it exclusive. So several sharing processes start, and a
  process that cannot share refuses to start beside any other (and vice versa).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

RUN_LOCK = "chatdesk:run"


class InstanceConflict(Exception):
    """Another process holds the database in a way this one cannot run beside."""


@dataclass
class InstanceLock:
    backend: str
    shared: bool
    _fd: int | None = None
    _engine: AsyncEngine | None = None
    _conn: AsyncConnection | None = field(default=None, repr=False)

    async def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()  # ends the session: PostgreSQL drops its locks
            self._conn = None
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None


def sqlite_lock_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser().with_name(Path(database).name + ".run-lock")


async def hold_instance_lock(url: str, *, shared: bool) -> InstanceLock:
    """Take the run lock for `url` or raise InstanceConflict. SQLite is always exclusive."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return _sqlite_lock(url)
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        try:
            conn = await engine.connect()
        except (OSError, SQLAlchemyError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InstanceConflict(f"cannot reach the database (DATABASE_URL): {reason}") \
                from None
        function = "pg_try_advisory_lock_shared" if shared else "pg_try_advisory_lock"
        got = (await conn.execute(text(f"SELECT {function}(hashtext(:name))"),
                                  {"name": RUN_LOCK})).scalar()
        await conn.commit()  # the session-level lock outlives the transaction
    except BaseException:
        await engine.dispose()
        raise
    lock = InstanceLock("postgresql", shared, _engine=engine, _conn=conn)
    if not got:
        await lock.release()
        raise InstanceConflict(
            "another `chatdesk run` is using this PostgreSQL database and the two cannot share "
            "it: several processes need REDIS_URL, WEBHOOK_BASE_URL and WEBHOOK_SECRET in every "
            "one of them (README: Scaling out)")
    return lock


def _sqlite_lock(url: str) -> InstanceLock:
    path = sqlite_lock_path(url)
    if path is None:
        return InstanceLock("sqlite", False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
        os.close(fd)
        raise InstanceConflict(
            f"another `chatdesk run` (pid {holder}) is already using {make_url(url).database}: "
            "SQLite runs one process; for several use PostgreSQL and Redis "
            "(README: Scaling out)") from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return InstanceLock("sqlite", False, _fd=fd)
