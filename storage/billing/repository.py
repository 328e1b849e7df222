"""The ledger over SQLAlchemy Core: entries are inserted, never updated or deleted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.billing.model import Dispute, DisputeStatus, Entry, EntryType, Period, Reversed
from domain.kernel.model import Kind
from storage.billing.tables import (
    billing_notices,
    closed_periods,
    disputes,
    ledger_entries,
    ledger_locks,
)

E = ledger_entries


def _entry(row: RowMapping) -> Entry:
    return Entry(
        client_id=row["client_id"], period=Period.parse(row["period"]),
        type=EntryType(row["type"]), key=row["key"], at=row["at"], amount=row["amount"],
        package_minutes=row["package_minutes"], minutes=row["minutes"],
        worked_minutes=row["worked_minutes"],
        kind=Kind(row["kind"]) if row["kind"] else None, category=row["category"],
        ticket_id=row["ticket_id"], staff_id=row["staff_id"], reverses_id=row["reverses_id"],
        note=row["note"], id=row["id"],
    )


def _dispute(row: RowMapping) -> Dispute:
    return Dispute(
        id=row["id"], client_id=row["client_id"], entry_id=row["entry_id"],
        reason=row["reason"], opened_by=row["opened_by"], opened_at=row["opened_at"],
        status=DisputeStatus(row["status"]), answer=row["answer"],
        resolved_by=row["resolved_by"], resolved_at=row["resolved_at"],
        reversal_id=row["reversal_id"],
    )


class SqlLedgerRepository:
    def __init__(self, conn: AsyncConnection, cache: dict) -> None:
        self._conn = conn

    def _insert(self, table):  # noqa: ANN001, ANN202
        # INSERT ... ON CONFLICT DO NOTHING: a concurrent duplicate is skipped, not an error
        # that would abort the whole PostgreSQL transaction.
        dialect = sqlite if self._conn.dialect.name == "sqlite" else postgresql
        return dialect.insert(table)

    async def lock(self, client_id: int) -> None:
        await self._conn.execute(
            self._insert(ledger_locks).values(client_id=client_id).on_conflict_do_nothing())
        await self._conn.execute(
            update(ledger_locks).where(ledger_locks.c.client_id == client_id)
            .values(version=ledger_locks.c.version + 1))

    async def add(self, entry: Entry) -> Entry | None:
        result = await self._conn.execute(
            self._insert(E).values(
                client_id=entry.client_id, period=str(entry.period), type=entry.type.value,
                key=entry.key, at=entry.at, amount=entry.amount,
                package_minutes=entry.package_minutes, minutes=entry.minutes,
                worked_minutes=entry.worked_minutes,
                kind=entry.kind.value if entry.kind else None, category=entry.category,
                ticket_id=entry.ticket_id, staff_id=entry.staff_id,
                reverses_id=entry.reverses_id, note=entry.note,
            ).on_conflict_do_nothing(index_elements=[E.c.key]).returning(E.c.id)
        )
        new_id = result.scalar()
        if new_id is None:
            return None
        return replace(entry, id=new_id)

    async def _one(self, where) -> Entry | None:  # noqa: ANN001
        row = (await self._conn.execute(select(E).where(where))).mappings().first()
        return _entry(row) if row else None

    async def by_key(self, key: str) -> Entry | None:
        return await self._one(E.c.key == key)

    async def get(self, entry_id: int) -> Entry | None:
        return await self._one(E.c.id == entry_id)

    async def entries(self, client_id: int, period: Period | None = None) -> Sequence[Entry]:
        query = select(E).where(E.c.client_id == client_id)
        if period is not None:
            query = query.where(E.c.period == str(period))
        rows = await self._conn.execute(query.order_by(E.c.id))
        return [_entry(r) for r in rows.mappings()]

    async def period_entries(self, period: Period) -> Sequence[Entry]:
        rows = await self._conn.execute(
            select(E).where(E.c.period == str(period)).order_by(E.c.id))
        return [_entry(r) for r in rows.mappings()]

    async def reversed(self, entry_id: int) -> Reversed:
        row = (await self._conn.execute(
            select(func.coalesce(func.sum(E.c.amount), 0), func.coalesce(func.sum(E.c.minutes), 0))
            .where(E.c.reverses_id == entry_id))).one()
        return Reversed(int(row[0]), int(row[1]))

    async def package_left(self, client_id: int, period: Period) -> int:
        return int((await self._conn.execute(
            select(func.coalesce(func.sum(E.c.package_minutes), 0))
            .where(E.c.client_id == client_id, E.c.period == str(period)))).scalar_one())

    async def balance(self, client_id: int) -> int:
        return int((await self._conn.execute(
            select(func.coalesce(func.sum(E.c.amount), 0)).where(E.c.client_id == client_id)
        )).scalar_one())

    async def is_closed(self, client_id: int, period: Period) -> bool:
        row = (await self._conn.execute(
            select(closed_periods.c.id).where(closed_periods.c.client_id == client_id,
                                              closed_periods.c.period == str(period)))).first()
        return row is not None

    async def close(self, client_id: int, period: Period, at: datetime) -> bool:
        result = await self._conn.execute(
            self._insert(closed_periods).values(client_id=client_id, period=str(period),
                                                closed_at=at).on_conflict_do_nothing())
        return result.rowcount == 1

    async def add_dispute(self, dispute: Dispute) -> Dispute:
        result = await self._conn.execute(insert(disputes).values(
            client_id=dispute.client_id, entry_id=dispute.entry_id, reason=dispute.reason,
            opened_by=dispute.opened_by[:255], opened_at=dispute.opened_at,
            status=dispute.status.value))
        dispute.id = result.inserted_primary_key[0]
        return dispute

    async def get_dispute(self, dispute_id: int) -> Dispute | None:
        row = (await self._conn.execute(
            select(disputes).where(disputes.c.id == dispute_id))).mappings().first()
        return _dispute(row) if row else None

    async def resolve_dispute(self, dispute: Dispute) -> None:
        # Only an open dispute changes: a second answer racing the first changes nothing.
        await self._conn.execute(
            update(disputes).where(disputes.c.id == dispute.id, disputes.c.status == "open")
            .values(status=dispute.status.value, answer=dispute.answer,
                    resolved_by=dispute.resolved_by, resolved_at=dispute.resolved_at,
                    reversal_id=dispute.reversal_id))

    async def disputes(self, client_id: int, status: DisputeStatus | None = None
                       ) -> Sequence[Dispute]:
        query = select(disputes).where(disputes.c.client_id == client_id)
        if status is not None:
            query = query.where(disputes.c.status == status.value)
        rows = await self._conn.execute(query.order_by(disputes.c.id))
        return [_dispute(r) for r in rows.mappings()]

    async def mark_notice(self, key: str, at: datetime) -> bool:
        result = await self._conn.execute(
            self._insert(billing_notices).values(key=key, sent_at=at).on_conflict_do_nothing())
        return result.rowcount == 1

    async def sent_notices(self, client_id: int, period: Period) -> frozenset[str]:
        rows = await self._conn.execute(
            select(billing_notices.c.key)
            .where(billing_notices.c.key.like(f"{client_id}:{period}:%")))
        return frozenset(rows.scalars())
