"""Inbox storage: raw updates kept before acknowledgement. Statements here run on a
connection the caller owns (a group-commit batch)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, case, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.engine import writer_connection
from storage.hot import hot
from storage.kernel.tables import UTCDateTime
from storage.reliability.tables import inbox


def _insert(conn: AsyncConnection, table):  # noqa: ANN001, ANN202
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)


@dataclass(frozen=True, slots=True)
class InboxRow:
    id: int
    platform: str
    key: str
    payload: str
    attempts: int


InboxPut = tuple[str, str, str] | tuple[str, str, str, str | None]


async def inbox_put(engine: AsyncEngine, rows: Sequence[InboxPut], now: datetime) -> int:
    """Store (platform, key, payload[, chat]) rows in ONE transaction; known keys are skipped.
    Returns how many were new. When it returns, they are durable."""
    if not rows:
        return 0
    async with writer_connection(engine) as conn, conn.begin():
        statement = _insert(conn, inbox).on_conflict_do_nothing(
            index_elements=["platform", "key"])
        result = await conn.execute(
            statement, [{"platform": row[0], "key": row[1], "payload": row[2],
                         "chat": row[3] if len(row) > 3 else None, "received_at": now}
                        for row in rows])
        return max(result.rowcount, 0)


# pg_try_advisory_xact_lock(CHAT_LOCKS, hashtext(chat)): one namespace for inbox chats.
CHAT_LOCKS = 7_101


# Built once, and marked hot: every batch of the inbox worker claims and marks its rows.
_PENDING = hot(
    select(inbox.c.id, inbox.c.platform, inbox.c.key, inbox.c.payload, inbox.c.attempts)
    .where(inbox.c.status == "pending").order_by(inbox.c.id).limit(bindparam("claim_limit")))
# One row of an executemany on SQLite, where a statement costs microseconds; PostgreSQL marks
# the batch's rows with one `id IN (...)` instead of a round trip per row.
_DONE = hot(update(inbox).where(inbox.c.id == bindparam("done_id")).values(
    status="done", processed_at=bindparam("done_at", type_=UTCDateTime())))


async def inbox_claim(conn: AsyncConnection, limit: int) -> list[InboxRow]:
    """The oldest pending updates.

    On PostgreSQL several processes share the inbox: a worker first takes a transaction-level
    advisory lock on each chat among the oldest pending rows (skipping chats another worker
    holds), then claims only those chats' rows (and rows of no chat), locked with
    `FOR UPDATE SKIP LOCKED`. So no update is handled twice, and one chat's updates are handled
    by one process at a time, in order: a burst is grouped as one process would group it."""
    if conn.dialect.name != "postgresql":
        return [InboxRow(*row) for row in await conn.execute(_PENDING, {"claim_limit": limit})]
    query = (select(inbox.c.id, inbox.c.platform, inbox.c.key, inbox.c.payload,
                    inbox.c.attempts)
             .where(inbox.c.status == "pending").order_by(inbox.c.id).limit(limit))
    oldest = (select(inbox.c.chat).where(inbox.c.status == "pending", inbox.c.chat.is_not(None))
              .order_by(inbox.c.id).limit(limit).subquery())
    chats = select(oldest.c.chat).distinct().subquery()
    held = [chat for (chat,) in await conn.execute(select(chats.c.chat).where(
        func.pg_try_advisory_xact_lock(CHAT_LOCKS, func.hashtext(chats.c.chat))))]
    query = query.where(or_(inbox.c.chat.in_(held), inbox.c.chat.is_(None))) \
        .with_for_update(skip_locked=True)
    return [InboxRow(*row) for row in await conn.execute(query)]


async def inbox_peek(engine: AsyncEngine, limit: int) -> list[str]:
    """The payloads of the oldest pending updates, read without claiming or locking anything
    (to prepare slow work, like reading a voice note, before a batch takes the write lock)."""
    async with engine.connect() as conn:
        rows = await conn.execute(select(inbox.c.payload).where(inbox.c.status == "pending")
                                  .order_by(inbox.c.id).limit(limit))
        return [payload for (payload,) in rows]


async def inbox_finish(conn: AsyncConnection, done: Sequence[int],
                       failed: dict[int, str], now: datetime,
                       max_attempts: int = 5) -> None:
    if done and conn.dialect.name != "postgresql":
        await conn.execute(_DONE, [{"done_id": row_id, "done_at": now} for row_id in done])
    elif done:
        await conn.execute(update(inbox).where(inbox.c.id.in_(list(done)))
                           .values(status="done", processed_at=now))
    for row_id, error in failed.items():
        # A failing update is retried a few times, then parked as failed (visible, not lost).
        await conn.execute(
            update(inbox).where(inbox.c.id == row_id).values(
                attempts=inbox.c.attempts + 1, error=error[:2000],
                status=case((inbox.c.attempts + 1 >= max_attempts, "failed"),
                            else_="pending")))


async def inbox_counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(inbox.c.status, func.count()).group_by(inbox.c.status))
        return {status: count for status, count in rows}
