"""Repository."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, case, func, select, update

from domain.broadcasts.model import Broadcast
from domain.kernel.model import Language
from storage.broadcasts.tables import broadcasts as b
from storage.kernel.repository import _Repo
from storage.outbox.tables import notices as n


def _broadcast(row) -> Broadcast:  # noqa: ANN001
    return Broadcast(row.id, row.text, row.audience, row.created_at, row.created_by,
                     row.report_to, Language(row.language), row.chats, row.reported_at)


class SqlBroadcastRepository(_Repo):
    async def add(self, broadcast: Broadcast) -> Broadcast:
        result = await self._conn.execute(b.insert().values(
            text=broadcast.text, audience=broadcast.audience, created_at=broadcast.created_at,
            created_by=broadcast.created_by, report_to=broadcast.report_to,
            language=broadcast.language.value, chats=broadcast.chats))
        broadcast.id = result.inserted_primary_key[0]
        return broadcast

    async def get(self, broadcast_id: int) -> Broadcast | None:
        row = (await self._conn.execute(select(b).where(b.c.id == broadcast_id))).first()
        return _broadcast(row) if row else None

    async def set_chats(self, broadcast_id: int, chats: int) -> None:
        await self._conn.execute(update(b).where(b.c.id == broadcast_id).values(chats=chats))

    async def unreported(self) -> Sequence[Broadcast]:
        rows = await self._conn.execute(select(b).where(b.c.reported_at.is_(None))
                                        .order_by(b.c.id))
        return [_broadcast(row) for row in rows]

    async def mark_reported(self, broadcast_id: int, at: datetime) -> None:
        await self._conn.execute(update(b).where(b.c.id == broadcast_id)
                                 .values(reported_at=at))

    async def counts(self, key_prefix: str) -> tuple[int, int, int]:
        sent = func.sum(case((n.c.sent_at.is_not(None), 1), else_=0))
        failed = func.sum(case((and_(n.c.sent_at.is_(None), n.c.failed_at.is_not(None)), 1),
                               else_=0))
        pending = func.sum(case((and_(n.c.sent_at.is_(None), n.c.failed_at.is_(None)), 1),
                                else_=0))
        row = (await self._conn.execute(select(sent, failed, pending).where(
            n.c.key.startswith(key_prefix, autoescape=True)))).first()
        return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)
