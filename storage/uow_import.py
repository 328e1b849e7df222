"""A unit of work for bulk imports into SQLite that runs its SQL on the calling thread.

aiosqlite runs every statement on a worker thread, and each statement costs several thread
round trips (about 35 per imported message); on a busy machine those hand-offs, not SQLite,
were most of an import's time. A command-line import has nothing else to do while it waits,
so it drives a plain synchronous SQLite connection behind the same async interface: the very
same repositories and SQL as the live bot, without the hops. The event loop is blocked while
a statement runs, which is why the live bot never uses this.
"""

from __future__ import annotations

from typing import Any, Self

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url

from storage.engine import WRITER, _sqlite_begin, _sqlite_pragmas
from storage.kernel.cache import TxCache
from storage.uow import SqlUnitOfWork


class _InlineConnection:
    """The part of `AsyncConnection` that repositories use, over a synchronous connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.dialect = conn.dialect

    async def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        return self._conn.execute(statement, parameters, **kw)

    async def scalar(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        return self._conn.scalar(statement, parameters, **kw)

    async def scalars(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        return self._conn.scalars(statement, parameters, **kw)


class InlineSqliteUnitOfWork(SqlUnitOfWork):
    """`SqlUnitOfWork` with every repository of it, on a synchronous SQLite connection."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)  # type: ignore[arg-type]
        self._sync_engine = engine
        self._sync: Connection | None = None

    async def __aenter__(self) -> Self:
        self._sync = self._sync_engine.connect()
        # BEGIN IMMEDIATE: the import holds the write lock for each whole batch, so what it
        # keeps in memory between messages (`ChatImport(exclusive=True)`) stays true, and
        # a live bot's commit between its reads and its first write cannot fail it.
        self._sync.info[WRITER] = True
        self._sync.begin()
        self._attach(_InlineConnection(self._sync), TxCache())  # type: ignore[arg-type]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._sync is not None
        try:
            if self._sync.in_transaction():
                self._sync.rollback()
        finally:
            self._sync.info.pop(WRITER, None)
            self._sync.close()
            self._sync = None

    async def commit(self) -> None:
        assert self._sync is not None, "commit outside the unit of work"
        self._sync.commit()
        self._sync.begin()

    async def rollback(self) -> None:
        assert self._sync is not None, "rollback outside the unit of work"
        self._sync.rollback()
        self._sync.begin()


class InlineSqliteUnitOfWorkFactory:
    """Units of work for one import on the SQLite database at `url` (an aiosqlite URL)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(make_url(url).set(drivername="sqlite"))
        event.listen(self.engine, "connect", _sqlite_pragmas)
        event.listen(self.engine, "begin", _sqlite_begin)

    def __call__(self) -> InlineSqliteUnitOfWork:
        return InlineSqliteUnitOfWork(self.engine)

    async def dispose(self) -> None:
        self.engine.dispose()


def import_uow_factory(url: str) -> InlineSqliteUnitOfWorkFactory | None:
    """The fast factory for an SQLite database; None for others (their drivers need no help)."""
    if make_url(url).get_backend_name() != "sqlite":
        return None
    return InlineSqliteUnitOfWorkFactory(url)
