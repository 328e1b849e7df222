"""Engines and schema upgrades for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import functools
import sqlite3
import weakref
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.sqlite_inline import inline_creator

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection: object, _record: object, *,
                    synchronous: str = "full") -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin: needed for
    # SAVEPOINTs (one savepoint per update inside a group-committed batch) and for
    # BEGIN IMMEDIATE below.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets readers run beside the writer. FULL (the default): every commit is on the disk
    # before it returns, and a commit is what lets Telegram forget an update; group commit
    # keeps that to one fsync per batch, not per message. NORMAL survives kill -9 but may
    # lose the last commits to a power cut or a kernel panic; it is faster because a commit
    # does not wait for the disk (SQLITE_SYNCHRONOUS, README "Reliability").
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={SYNCHRONOUS[synchronous]}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


SYNCHRONOUS = {"full": "FULL", "normal": "NORMAL"}
_synchronous: weakref.WeakKeyDictionary[AsyncEngine, str] = weakref.WeakKeyDictionary()


def sqlite_pragmas_of(engine: AsyncEngine):  # noqa: ANN201 - a connect-event listener
    """The connect listener for another connection to the same file (the batch twin)."""
    return functools.partial(_sqlite_pragmas, synchronous=_synchronous.get(engine, "full"))


WRITER = "chatdesk_writer"


def _sqlite_begin(connection: object) -> None:
    # A writer (see `writer_connection`) takes the write lock up front with IMMEDIATE: a
    # deferred transaction that reads and then writes can fail with SQLITE_BUSY_SNAPSHOT when
    # another connection committed in between, and busy_timeout does not retry that case.
    # Readers begin deferred and never wait for a writer in WAL mode.
    immediate = connection.info.get(WRITER)  # type: ignore[attr-defined]
    connection.exec_driver_sql(  # type: ignore[attr-defined]
        "BEGIN IMMEDIATE" if immediate else "BEGIN")


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def make_engine(url: str, *, echo: bool = False, synchronous: str = "full") -> AsyncEngine:
    """An async engine; for SQLite the file's folder is created and WAL mode switched on, with
    `synchronous` ("full" or "normal") for every connection."""
    if synchronous not in SYNCHRONOUS:
        raise ValueError(f"synchronous must be one of {', '.join(SYNCHRONOUS)}")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        options: dict = {}
        if database and database != ":memory:":
            path = Path(database).expanduser()
            path.parent.mkdir(parents=True, exist_ok=True)
            options["async_creator"] = inline_creator(str(path))
        engine = create_async_engine(url, echo=echo, **options)
        _synchronous[engine] = synchronous
        event.listen(engine.sync_engine, "connect",
                     functools.partial(_sqlite_pragmas, synchronous=synchronous))
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    return create_async_engine(url, echo=echo, pool_pre_ping=True)


_write_locks: weakref.WeakKeyDictionary[AsyncEngine, asyncio.Lock] = (
    weakref.WeakKeyDictionary())


def write_lock(engine: AsyncEngine) -> contextlib.AbstractAsyncContextManager:
    """SQLite has one writer at a time. Inside one process writers queue on a fair asyncio
    lock instead of SQLite's busy-wait, which can starve a short writer (the inbox) behind a
    long one (a batch). PostgreSQL needs no such lock."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    lock = _write_locks.get(engine)
    if lock is None:
        lock = _write_locks[engine] = asyncio.Lock()
    return lock


@contextlib.asynccontextmanager
async def writer_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection for a transaction that writes: queued on the in-process write lock, and
    on SQLite begun with BEGIN IMMEDIATE. The caller begins, commits or rolls back."""
    async with write_lock(engine):
        conn = await engine.connect()
        conn.sync_connection.info[WRITER] = True
        try:
            yield conn
        finally:
            if not conn.closed:
                conn.sync_connection.info.pop(WRITER, None)
            await conn.close()


def display_url(url: str) -> str:
    """The database URL with any password hidden, for messages to people."""
    return make_url(url).render_as_string(hide_password=True)


def _alembic_config(url: str):  # noqa: ANN202 - alembic is imported lazily, it is slow to load
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migration_heads() -> frozenset[str]:
    """The newest revision of every branch of the migration history, read from the files
    without importing Alembic (a revision no other names as its `down_revision`)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id in ("revision", "down_revision")):
                continue
            name, value = node.targets[0].id, ast.literal_eval(node.value)
            if name == "revision":
                revisions.add(value)
            elif name == "down_revision" and value is not None:
                parents.update([value] if isinstance(value, str) else value)
    return frozenset(revisions - parents)


def _sqlite_at_heads(url: str) -> bool:
    """Whether an SQLite file is already at every head. A restart of the bot then skips
    Alembic altogether: importing it (and Mako, and Pygments through Mako) costs several MB
    of resident memory kept for the life of the process, to learn there is nothing to do."""
    path = sqlite_file(url)
    if path is None or not path.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            found = {row[0] for row in db.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:  # no table yet, a locked or broken file: let Alembic say
        return False
    return found == migration_heads()


def _upgrade_sync(url: str, revision: str) -> None:
    if revision == "heads" and _sqlite_at_heads(url):
        return
    from alembic import command

    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(_alembic_config(url), revision)


async def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the schema to `revision` with Alembic (the app does this on start too)."""
    # Alembic's env.py runs its own event loop for the async driver, so keep it off ours.
    await asyncio.to_thread(_upgrade_sync, url, revision)
