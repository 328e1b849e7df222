"""The SQL unit of work: one connection, one transaction, rolled back unless committed.

Inside `SqlUnitOfWorkFactory.batch()` every unit of work becomes a SAVEPOINT on the batch's
connection: many updates are handled one by one (a failure rolls back only its own savepoint)
and made durable by a single commit — group commit. The savepoint is opened by the unit's
first statement, not before: a unit that commits and then runs nothing more (intake's case)
costs SAVEPOINT + RELEASE, not a second, empty SAVEPOINT + ROLLBACK TO as well.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncTransaction

from storage import sqlite_batch
from storage.billing.repository import SqlLedgerRepository
from storage.bitrix.repository import SqlBitrixRepository
from storage.broadcasts.repository import SqlBroadcastRepository
from storage.cabinet.repository import SqlCabinetRepository
from storage.engine import write_lock, writer_connection
from storage.kernel.cache import TxCache, shared_cache
from storage.kernel.repository import (
    SqlChatRepository,
    SqlClientRepository,
    SqlMessageRepository,
    SqlPersonRepository,
    SqlStaffRepository,
    SqlTicketRepository,
)
from storage.mail.repository import SqlMailRepository
from storage.onboarding.repository import SqlAdminRepository
from storage.outbox.repository import SqlNoticeRepository, SqlPendingChoiceRepository
from storage.satisfaction.repository import SqlSatisfactionRepository
from storage.sla.repository import SqlSlaRepository
from storage.workspace.repository import SqlWorkspaceRepository


@dataclass
class Batch:
    """An open group-commit transaction; `connection` is shared by the units of work in it."""

    engine: AsyncEngine
    connection: AsyncConnection
    cache: TxCache = field(default_factory=TxCache)

    async def commit(self) -> None:
        await self.connection.commit()
        self.cache.committed()
        await self.connection.begin()


_current_batch: ContextVar[Batch | None] = ContextVar("chatdesk_batch", default=None)


class _SavepointConnection:
    """The batch connection as a unit of work's repositories see it: the unit's savepoint is
    opened just before its first statement."""

    __slots__ = ("_uow", "_conn", "dialect")

    def __init__(self, uow: SqlUnitOfWork, conn: AsyncConnection) -> None:
        self._uow, self._conn = uow, conn
        self.dialect = conn.dialect

    async def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        if self._uow._savepoint is None:
            await self._uow._open_savepoint()
        return await self._conn.execute(statement, parameters, **kw)

    async def scalar(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        if self._uow._savepoint is None:
            await self._uow._open_savepoint()
        return await self._conn.scalar(statement, parameters, **kw)

    async def scalars(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        if self._uow._savepoint is None:
            await self._uow._open_savepoint()
        return await self._conn.scalars(statement, parameters, **kw)


_REPOSITORIES: dict[str, Any] = {
    "clients": SqlClientRepository,
    "chats": SqlChatRepository,
    "people": SqlPersonRepository,
    "staff": SqlStaffRepository,
    "messages": SqlMessageRepository,
    "tickets": SqlTicketRepository,
    "workspace": SqlWorkspaceRepository,
    "ledger": SqlLedgerRepository,
    "sla": lambda conn, _cache: SqlSlaRepository(conn),
    "notices": SqlNoticeRepository,
    "choices": SqlPendingChoiceRepository,
    "cabinet": SqlCabinetRepository,
    "satisfaction": SqlSatisfactionRepository,
    "broadcasts": SqlBroadcastRepository,
    "admin": SqlAdminRepository,
    "mail": SqlMailRepository,
    "bitrix": SqlBitrixRepository,
}


class SqlUnitOfWork:
    def __init__(self, engine: AsyncEngine, batch: Batch | None = None) -> None:
        self._engine = engine
        self._batch = batch
        self._conn: AsyncConnection | None = None
        self._savepoint: AsyncTransaction | None = None
        self._cache: TxCache | None = None

    async def _open_savepoint(self) -> None:
        assert self._conn is not None, "statement outside the unit of work"
        self._savepoint = await self._conn.begin_nested()

    def _attach(self, conn: Any, cache: dict) -> None:
        if not isinstance(cache, TxCache):
            cache = TxCache()
        self._cache = cache
        self._repo_conn = conn
        for name in _REPOSITORIES:  # a unit of work entered again starts afresh
            self.__dict__.pop(name, None)

    def __getattr__(self, name: str) -> Any:
        # Repositories are made on first use: a unit of work uses two or three of the
        # seventeen, and intake opens two units per update.
        make = _REPOSITORIES.get(name)
        conn = self.__dict__.get("_repo_conn")
        if make is None or conn is None:
            raise AttributeError(name)
        repository = make(conn, self._cache)
        setattr(self, name, repository)
        return repository

    async def __aenter__(self) -> Self:
        if self._batch is not None:
            self._conn = self._batch.connection
            self._savepoint = None  # opened by the first statement
            self._attach(_SavepointConnection(self, self._conn), self._batch.cache)
            return self
        self._writer = writer_connection(self._engine)
        self._conn = await self._writer.__aenter__()
        try:
            await self._conn.begin()
        except BaseException:
            await self._writer.__aexit__(None, None, None)
            raise
        self._attach(self._conn, TxCache(shared_cache(self._engine)))
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._conn is not None
        if self._batch is not None:
            if self._savepoint is not None and self._savepoint.is_active:
                await self._savepoint.rollback()
                if exc and exc[0] is not None:
                    # The batch's identity cache may hold rows this savepoint just un-wrote.
                    # (Leaving without an error means nothing uncommitted was written.)
                    self._batch.cache.clear()
                else:
                    self._batch.cache.pending.clear()  # share nothing it may have read
            self._savepoint = None
            self._conn = None
            return
        try:
            if self._conn.in_transaction():
                await self._conn.rollback()
        finally:
            self._conn = None
            await self._writer.__aexit__(None, None, None)

    async def commit(self) -> None:
        assert self._conn is not None, "commit outside the unit of work"
        if self._batch is not None:
            # Durable only when the whole batch commits; the caller of batch() owns that.
            # The next statement, if any, opens the next savepoint.
            if self._savepoint is not None:
                await self._savepoint.commit()
                self._savepoint = None
            return
        await self._conn.commit()
        self._cache.committed()
        await self._conn.begin()

    async def rollback(self) -> None:
        assert self._conn is not None, "rollback outside the unit of work"
        if self._batch is not None:
            if self._savepoint is not None:
                await self._savepoint.rollback()
                self._savepoint = None
            self._batch.cache.clear()
            return
        await self._conn.rollback()
        await self._conn.begin()


class SqlUnitOfWorkFactory:
    """Makes a fresh unit of work per update, job or import batch."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        batch = _current_batch.get()
        if batch is not None and batch.engine is self.engine:
            return SqlUnitOfWork(self.engine, batch)
        return SqlUnitOfWork(self.engine)

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[Batch]:
        """Group commit: units of work opened inside become savepoints of one transaction,
        durable when the caller calls `batch.commit()`; leaving without it rolls all back."""
        twin = sqlite_batch.batch_engine(self.engine)
        if twin is not None:
            async with write_lock(self.engine):
                conn = sqlite_batch.connect_writer(twin)
                try:
                    await conn.begin()
                    async with self._open(conn) as batch:
                        yield batch
                finally:
                    sqlite_batch.close(conn)
            return
        async with writer_connection(self.engine) as conn:
            await conn.begin()
            async with self._open(conn) as batch:
                yield batch

    @asynccontextmanager
    async def _open(self, conn: Any) -> AsyncIterator[Batch]:
        batch = Batch(self.engine, conn, TxCache(shared_cache(self.engine)))
        token = _current_batch.set(batch)
        try:
            yield batch
        finally:
            _current_batch.reset(token)
            if conn.in_transaction():
                await conn.rollback()

    async def dispose(self) -> None:
        sqlite_batch.dispose(self.engine)
        await self.engine.dispose()
