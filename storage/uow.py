"""The SQL unit of work: one connection, one transaction, rolled back unless committed."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.repositories import (
    SqlChatRepository,
    SqlClientRepository,
    SqlMessageRepository,
    SqlPersonRepository,
    SqlStaffRepository,
    SqlTicketRepository,
)
from storage.repositories_choices import SqlPendingChoiceRepository
from storage.repositories_ledger import SqlLedgerRepository
from storage.repositories_sla import SqlSlaRepository
from storage.repositories_workspace import SqlWorkspaceRepository


class SqlUnitOfWork:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._conn: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        self._conn = await self._engine.connect()
        await self._conn.begin()
        cache: dict = {}
        self.clients = SqlClientRepository(self._conn, cache)
        self.chats = SqlChatRepository(self._conn, cache)
        self.people = SqlPersonRepository(self._conn, cache)
        self.staff = SqlStaffRepository(self._conn, cache)
        self.messages = SqlMessageRepository(self._conn, cache)
        self.tickets = SqlTicketRepository(self._conn, cache)
        self.workspace = SqlWorkspaceRepository(self._conn, cache)
        self.ledger = SqlLedgerRepository(self._conn, cache)
        self.sla = SqlSlaRepository(self._conn, cache)
        self.choices = SqlPendingChoiceRepository(self._conn, cache)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._conn is not None
        try:
            if self._conn.in_transaction():
                await self._conn.rollback()
        finally:
            await self._conn.close()
            self._conn = None

    async def commit(self) -> None:
        assert self._conn is not None, "commit outside the unit of work"
        await self._conn.commit()
        await self._conn.begin()

    async def rollback(self) -> None:
        assert self._conn is not None, "rollback outside the unit of work"
        await self._conn.rollback()
        await self._conn.begin()


class SqlUnitOfWorkFactory:
    """Makes a fresh unit of work per update, job or import batch."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    async def dispose(self) -> None:
        await self.engine.dispose()
