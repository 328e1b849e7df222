"""Satisfaction columns of tickets and broadcasts, over SQLAlchemy Core. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, select, update

from domain.satisfaction.model import CsatCounts, CsatState, Score
from storage.kernel.repository import _Repo
from storage.kernel.tables import tickets


class SqlSatisfactionRepository(_Repo):
    async def get(self, ticket_id: int) -> CsatState:
        row = (await self._conn.execute(select(
            tickets.c.csat_done_at, tickets.c.csat_asked_at, tickets.c.csat_prompt_id,
            tickets.c.csat_score, tickets.c.csat_comment, tickets.c.csat_voted_at,
        ).where(tickets.c.id == ticket_id))).first()
        if row is None:
            return CsatState(ticket_id)
        return CsatState(ticket_id, row.csat_done_at, row.csat_asked_at, row.csat_prompt_id,
                         Score(row.csat_score) if row.csat_score else None,
                         row.csat_comment or "", row.csat_voted_at)

    async def mark_done(self, ticket_id: int, at: datetime) -> None:
        await self._conn.execute(update(tickets).where(
            tickets.c.id == ticket_id, tickets.c.csat_asked_at.is_(None),
        ).values(csat_done_at=at))

    async def due(self, until: datetime, limit: int) -> Sequence[int]:
        rows = await self._conn.execute(
            select(tickets.c.id).where(tickets.c.csat_done_at <= until)
            .order_by(tickets.c.csat_done_at).limit(limit))
        return list(rows.scalars())

    async def clear_due(self, ticket_id: int) -> None:
        await self._conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                                 .values(csat_done_at=None))

    async def mark_asked(self, ticket_id: int, at: datetime) -> None:
        await self._conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                                 .values(csat_done_at=None, csat_asked_at=at))

    async def set_prompt(self, ticket_id: int, message_id: str) -> None:
        await self._conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                                 .values(csat_prompt_id=message_id))

    async def by_prompt(self, chat_id: int, message_id: str) -> int | None:
        return await self._conn.scalar(select(tickets.c.id).where(
            tickets.c.chat_id == chat_id, tickets.c.csat_prompt_id == message_id))

    async def latest_asked(self, chat_id: int, requester_id: int,
                           since: datetime) -> tuple[int, datetime] | None:
        row = (await self._conn.execute(
            select(tickets.c.id, tickets.c.csat_asked_at).where(
                tickets.c.chat_id == chat_id, tickets.c.requester_id == requester_id,
                tickets.c.csat_asked_at >= since, tickets.c.csat_score.is_(None))
            .order_by(tickets.c.csat_asked_at.desc()).limit(1))).first()
        return (row[0], row[1]) if row is not None else None

    async def vote(self, ticket_id: int, score: Score, at: datetime) -> bool:
        # Conditional on no vote yet: two presses racing store one.
        result = await self._conn.execute(update(tickets).where(
            tickets.c.id == ticket_id, tickets.c.csat_score.is_(None),
        ).values(csat_score=score.value, csat_voted_at=at))
        return result.rowcount == 1

    async def set_comment(self, ticket_id: int, comment: str) -> None:
        await self._conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                                 .values(csat_comment=comment))

    async def counts(self, start: datetime, end: datetime,
                     client_id: int | None = None) -> dict[int, CsatCounts]:
        up = func.sum(case((tickets.c.csat_score == Score.UP.value, 1), else_=0))
        down = func.sum(case((tickets.c.csat_score == Score.DOWN.value, 1), else_=0))
        query = (select(tickets.c.client_id, up, down)
                 .where(tickets.c.csat_voted_at >= start, tickets.c.csat_voted_at < end)
                 .group_by(tickets.c.client_id))
        if client_id is not None:
            query = query.where(tickets.c.client_id == client_id)
        return {row[0]: CsatCounts(int(row[1] or 0), int(row[2] or 0))
                for row in await self._conn.execute(query)}
