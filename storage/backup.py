"""Backups of the SQLite default through SQLite's own online backup API: the copy is one
consistent snapshot even while the bot writes (the API reads under SQLite's locks, WAL
included), and a restore writes back through the same locks, never by copying files under a
live connection. PostgreSQL has its own tools (pg_dump); these refuse it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.engine import sqlite_file
from storage.instances import InstanceConflict, hold_instance_lock

# A chatdesk database has these, whatever features it has grown since.
REQUIRED_TABLES = frozenset({"alembic_version", "clients", "tickets"})


class BackupError(Exception):
    """A backup or restore that cannot be done; `key` names the text for a person."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def sqlite_path(url: str) -> Path:
    path = sqlite_file(url)
    if path is None:
        raise BackupError("admin.backup.err.not_sqlite")
    return path


@contextlib.contextmanager
def _connect(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        yield conn
    finally:
        conn.close()


def _check_chatdesk(path: Path) -> None:
    try:
        with _connect(path, read_only=True) as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        raise BackupError("admin.backup.err.not_db", path=str(path)) from None
    if not ok or not REQUIRED_TABLES <= tables:
        raise BackupError("admin.backup.err.not_db", path=str(path))


def backup(url: str, target: Path) -> Path:
    """A consistent copy of the live database in `target` (a new file)."""
    source = sqlite_path(url)
    if not source.is_file():
        raise BackupError("admin.backup.err.no_file", path=str(source))
    if target.exists():
        raise BackupError("admin.backup.err.exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with _connect(source, read_only=True) as src, contextlib.closing(
                sqlite3.connect(partial)) as dst:
            src.backup(dst)  # all pages in one step: one snapshot, whatever writes meanwhile
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        _check_chatdesk(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


async def restore(url: str, source: Path, *, force: bool = False) -> Path:
    """Replace the database's contents by a backup's. Refused while a `chatdesk run` holds
    the database, unless `force`; the run lock is held meanwhile so none starts."""
    target = sqlite_path(url)
    await asyncio.to_thread(_check_backup, source)
    lock = None
    try:
        lock = await hold_instance_lock(url, shared=False)
    except InstanceConflict:
        if not force:
            raise BackupError("admin.backup.err.running") from None
    try:
        await asyncio.to_thread(_write_back, source, target)
    finally:
        if lock is not None:
            await lock.release()
    return target


def _check_backup(source: Path) -> None:
    if not source.is_file():
        raise BackupError("admin.backup.err.no_file", path=str(source))
    _check_chatdesk(source)


def _write_back(source: Path, target: Path) -> None:
    # Through SQLite's backup API into the live file: a connection the bot (with --force)
    # still has open sees the restored pages, never a half-copied file.
    target.parent.mkdir(parents=True, exist_ok=True)
    with _connect(source, read_only=True) as src, contextlib.closing(
            sqlite3.connect(target, timeout=30)) as dst:
        src.backup(dst)


async def ping(url: str) -> None:
    """Raises when the database does not answer (for `chatdesk health`)."""
    from sqlalchemy import text

    from storage.engine import make_engine

    # Connecting to SQLite would create an empty file: a missing database is an unhealthy one.
    await asyncio.to_thread(_sqlite_file_exists, url)
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        await engine.dispose()


def _sqlite_file_exists(url: str) -> None:
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise FileNotFoundError(f"no database file {make_url(url).database}")
