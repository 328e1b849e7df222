"""The Bitrix24 mirror over SQLAlchemy Core. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, insert, not_, or_, select, update

from domain.bitrix.model import Answer, Mirror, Portal
from domain.kernel.model import BOT_SENDER, CLOSED_STATUSES, Disposition
from storage.bitrix.tables import bitrix_notes, bitrix_portals, bitrix_tasks
from storage.kernel.repository import _Repo
from storage.kernel.tables import messages, tickets

_CLOSED = [s.value for s in CLOSED_STATUSES]


def _portal(row) -> Portal:  # noqa: ANN001
    return Portal(row.client_id, row.webhook, row.responsible_id, row.enabled_at,
                  row.broken_at, row.last_error)


def _mirror(row) -> Mirror:  # noqa: ANN001
    return Mirror(row.ticket_id, row.client_id, row.task_id, bool(row.closed), row.seen_status,
                  row.seen_comments, row.comments_after, row.seen_comment_id,
                  bool(row.in_flight), row.attempts, row.next_at, row.last_error,
                  row.failed_at)


# The bot's own notices on a ticket (accepted, status changes) are logged as BOT_SENDER
# (handlers/telegram/staff_render.py); only people's answers become task comments.
def _staff_answers(after_column):  # noqa: ANN001, ANN202
    return and_(messages.c.ticket_id == bitrix_tasks.c.ticket_id,
                messages.c.from_staff.is_(True),
                messages.c.disposition == Disposition.OUTGOING.value,
                messages.c.sender_name != BOT_SENDER, messages.c.id > after_column)


class SqlBitrixRepository(_Repo):
    async def portal(self, client_id: int) -> Portal | None:
        row = (await self._conn.execute(select(bitrix_portals).where(
            bitrix_portals.c.client_id == client_id))).first()
        return _portal(row) if row is not None else None

    async def portals(self) -> Sequence[Portal]:
        rows = await self._conn.execute(select(bitrix_portals)
                                        .order_by(bitrix_portals.c.client_id))
        return [_portal(r) for r in rows]

    async def set_portal(self, portal: Portal) -> None:
        values = {"webhook": portal.webhook, "responsible_id": portal.responsible_id,
                  "enabled_at": portal.enabled_at, "broken_at": None, "last_error": None}
        done = await self._conn.execute(update(bitrix_portals).where(
            bitrix_portals.c.client_id == portal.client_id).values(**values))
        if done.rowcount == 0:
            await self._conn.execute(insert(bitrix_portals).values(
                client_id=portal.client_id, **values))

    async def drop_portal(self, client_id: int) -> None:
        await self._conn.execute(delete(bitrix_portals).where(
            bitrix_portals.c.client_id == client_id))

    async def mark_broken(self, client_id: int, error: str, at: datetime) -> bool:
        done = await self._conn.execute(update(bitrix_portals).where(
            bitrix_portals.c.client_id == client_id, bitrix_portals.c.broken_at.is_(None),
        ).values(broken_at=at, last_error=error))
        return done.rowcount == 1

    async def enqueue(self) -> int:
        new = (select(tickets.c.id, tickets.c.client_id)
               .join(bitrix_portals, bitrix_portals.c.client_id == tickets.c.client_id)
               .where(tickets.c.confirmed_at.is_not(None),
                      tickets.c.confirmed_at >= bitrix_portals.c.enabled_at,
                      not_(exists().where(bitrix_tasks.c.ticket_id == tickets.c.id))))
        done = await self._conn.execute(insert(bitrix_tasks).from_select(
            ["ticket_id", "client_id"], new))
        return done.rowcount or 0

    async def due(self, client_id: int, now: datetime, limit: int) -> Sequence[Mirror]:
        closed_now = tickets.c.status.in_(_CLOSED)
        work = or_(
            bitrix_tasks.c.task_id.is_(None),
            and_(closed_now, bitrix_tasks.c.closed.is_(False)),
            and_(not_(closed_now), bitrix_tasks.c.closed.is_(True)),
            exists().where(_staff_answers(bitrix_tasks.c.comments_after)),
        )
        rows = await self._conn.execute(
            select(bitrix_tasks).join(tickets, tickets.c.id == bitrix_tasks.c.ticket_id)
            .where(bitrix_tasks.c.client_id == client_id, bitrix_tasks.c.failed_at.is_(None),
                   or_(bitrix_tasks.c.next_at.is_(None), bitrix_tasks.c.next_at <= now), work)
            .order_by(bitrix_tasks.c.ticket_id).limit(limit))
        return [_mirror(r) for r in rows]

    async def watched(self, client_id: int, active_since: datetime) -> Sequence[Mirror]:
        rows = await self._conn.execute(
            select(bitrix_tasks).join(tickets, tickets.c.id == bitrix_tasks.c.ticket_id)
            .where(bitrix_tasks.c.client_id == client_id, bitrix_tasks.c.task_id.is_not(None),
                   or_(tickets.c.status.not_in(_CLOSED), tickets.c.updated_at >= active_since))
            .order_by(bitrix_tasks.c.ticket_id))
        return [_mirror(r) for r in rows]

    async def claim(self, ticket_id: int, now: datetime, until: datetime) -> bool:
        done = await self._conn.execute(update(bitrix_tasks).where(
            bitrix_tasks.c.ticket_id == ticket_id, bitrix_tasks.c.failed_at.is_(None),
            or_(bitrix_tasks.c.next_at.is_(None), bitrix_tasks.c.next_at <= now),
        ).values(next_at=until))
        return done.rowcount == 1

    async def get(self, ticket_id: int) -> Mirror | None:
        row = (await self._conn.execute(select(bitrix_tasks).where(
            bitrix_tasks.c.ticket_id == ticket_id))).first()
        return _mirror(row) if row is not None else None

    async def save(self, mirror: Mirror) -> None:
        await self._conn.execute(update(bitrix_tasks).where(
            bitrix_tasks.c.ticket_id == mirror.ticket_id).values(
            task_id=mirror.task_id, closed=mirror.closed, seen_status=mirror.seen_status,
            seen_comments=mirror.seen_comments, comments_after=mirror.comments_after,
            seen_comment_id=mirror.seen_comment_id, in_flight=mirror.in_flight,
            attempts=mirror.attempts, next_at=mirror.next_at, last_error=mirror.last_error,
            failed_at=mirror.failed_at))

    async def answers(self, ticket_id: int, after_id: int) -> Sequence[Answer]:
        rows = await self._conn.execute(
            select(messages.c.id, messages.c.sender_name, messages.c.text)
            .where(messages.c.ticket_id == ticket_id, messages.c.from_staff.is_(True),
                   messages.c.disposition == Disposition.OUTGOING.value,
                   messages.c.sender_name != BOT_SENDER, messages.c.id > after_id)
            .order_by(messages.c.id))
        return [Answer(r.id, r.sender_name, r.text or "") for r in rows]

    async def add_note(self, ticket_id: int, comment_id: int, author: str, text: str,
                       at: datetime) -> bool:
        known = await self._conn.scalar(select(bitrix_notes.c.id).where(
            bitrix_notes.c.ticket_id == ticket_id, bitrix_notes.c.comment_id == comment_id))
        if known is not None:
            return False
        await self._conn.execute(insert(bitrix_notes).values(
            ticket_id=ticket_id, comment_id=comment_id, author=author[:255], text=text,
            created_at=at))
        return True

    async def counts(self, client_id: int) -> tuple[int, int]:
        mirrored = await self._conn.scalar(select(func.count()).select_from(bitrix_tasks).where(
            bitrix_tasks.c.client_id == client_id, bitrix_tasks.c.task_id.is_not(None)))
        pending = await self._conn.scalar(select(func.count()).select_from(bitrix_tasks).where(
            bitrix_tasks.c.client_id == client_id, bitrix_tasks.c.failed_at.is_(None),
            or_(bitrix_tasks.c.task_id.is_(None), bitrix_tasks.c.attempts > 0)))
        return int(mirrored or 0), int(pending or 0)

    async def failed(self, client_id: int) -> Sequence[tuple[int, str]]:
        rows = await self._conn.execute(
            select(tickets.c.number, bitrix_tasks.c.last_error)
            .join(tickets, tickets.c.id == bitrix_tasks.c.ticket_id)
            .where(bitrix_tasks.c.client_id == client_id, bitrix_tasks.c.failed_at.is_not(None))
            .order_by(tickets.c.number))
        return [(r.number, r.last_error or "") for r in rows]

    async def retry(self, client_id: int) -> int:
        done = await self._conn.execute(update(bitrix_tasks).where(
            bitrix_tasks.c.client_id == client_id, bitrix_tasks.c.failed_at.is_not(None),
        ).values(failed_at=None, attempts=0, next_at=None))
        return done.rowcount or 0
