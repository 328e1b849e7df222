"""Stored SLA deadlines and the sweep over them. Never commits; never loads tickets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Select, and_, insert, literal, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.sla import Deadlines, Metric, Notice, NoticeKind
from storage.tables_sla import ticket_sla


class SqlSlaRepository:
    def __init__(self, conn: AsyncConnection, cache: dict | None = None) -> None:
        self._conn = conn

    async def save(self, ticket_id: int, policy: str, deadlines: Deadlines,
                   now: datetime) -> None:
        """Store freshly computed deadlines; a notice flag survives only if its deadline did."""
        if deadlines.started_at is None:
            return
        c = ticket_sla.c
        old = (await self._conn.execute(
            select(ticket_sla).where(c.ticket_id == ticket_id))).mappings().first()
        values: dict[str, object] = {"policy": policy, "started_at": deadlines.started_at,
                                     "paused_since": deadlines.paused_since, "updated_at": now}
        for metric in Metric:
            due = deadlines.due(metric)
            values[f"due_{metric}"] = due
            if old is None or (due is not None and old[f"due_{metric}"] != due):
                values[f"warned_{metric}"] = False
                values[f"breached_{metric}"] = False
        if old is None:
            await self._conn.execute(insert(ticket_sla).values(ticket_id=ticket_id, **values))
        else:
            await self._conn.execute(
                update(ticket_sla).where(c.ticket_id == ticket_id).values(**values))

    async def get_due(self, ticket_id: int) -> dict[Metric, datetime | None]:
        row = (await self._conn.execute(
            select(ticket_sla).where(ticket_sla.c.ticket_id == ticket_id))).mappings().first()
        return {} if row is None else {m: row[f"due_{m}"] for m in Metric}

    async def due_notices(self, now: datetime, warn_until: datetime,
                          limit: int | None = None) -> Sequence[Notice]:
        """Timers breached by `now` or due by `warn_until` whose notice is not sent yet.

        One index range scan per (metric, notice): the cost follows the answer, not the
        number of open tickets.
        """
        rows = (await self._conn.execute(sweep_query(now, warn_until, limit))).all()
        return [Notice(r.ticket_id, Metric(r.metric), NoticeKind(r.kind), _utc(r.due))
                for r in rows]

    async def mark_notified(self, notices: Sequence[Notice], now: datetime) -> list[Notice]:
        """Flag notices as sent; returns only those not flagged before (safe to repeat)."""
        marked: list[Notice] = []
        groups: dict[tuple[Metric, NoticeKind], list[Notice]] = {}
        for notice in notices:
            groups.setdefault((notice.metric, notice.kind), []).append(notice)
        for (metric, kind), group in groups.items():
            flag = ticket_sla.c[f"{'breached' if kind is NoticeKind.BREACH else 'warned'}_{metric}"]
            by_id = {n.ticket_id: n for n in group}
            ids = list(by_id)
            for start in range(0, len(ids), 500):  # keep under SQLite's bound-parameter limit
                chunk = ids[start:start + 500]
                result = await self._conn.execute(
                    update(ticket_sla)
                    .where(ticket_sla.c.ticket_id.in_(chunk), flag == False)  # noqa: E712
                    .values({flag: True, ticket_sla.c.last_notice_at: now})
                    .returning(ticket_sla.c.ticket_id))
                marked.extend(by_id[row.ticket_id] for row in result)
        return marked


def sweep_query(now: datetime, warn_until: datetime, limit: int | None = None) -> Select:
    """Per metric and notice, `flag = false AND due in range`: each part an index range scan."""
    parts = []
    for metric in Metric:
        due = ticket_sla.c[f"due_{metric}"]
        for kind, flag in ((NoticeKind.BREACH, f"breached_{metric}"),
                           (NoticeKind.WARNING, f"warned_{metric}")):
            if kind is NoticeKind.BREACH:
                window = due <= now
            else:
                # A breach notice supersedes the warning it would arrive with.
                window = and_(due > now, due <= warn_until)
            parts.append(select(ticket_sla.c.ticket_id, literal(metric.value).label("metric"),
                                literal(kind.value).label("kind"), due.label("due"))
                         .where(ticket_sla.c[flag] == False, window))  # noqa: E712
    query = union_all(*parts).order_by("due")
    return query if limit is None else query.limit(limit)


def _utc(value: datetime | str) -> datetime:
    # A UNION may lose the column type, and SQLite then hands back its stored text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
