"""Stored SLA deadlines and the sweep over them. Never commits; never loads tickets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Select, and_, case, delete, func, insert, literal, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.kernel.calendar import ClientHours
from domain.kernel.model import BOT_SENDER, TicketStatus
from domain.sla.model import Deadlines, Metric, Notice, NoticeKind, TicketFacts
from storage.kernel import tables as t
from storage.kernel.repository import _ticket
from storage.sla.tables import client_hours, ticket_reminders, ticket_sla, ticket_status_log
from storage.workspace.repository import _estimate
from storage.workspace.tables import estimates, time_entries

OPEN = [s.value for s in TicketStatus if s.is_open and s is not TicketStatus.AWAITING_CONFIRMATION]


CHUNK = 500  # ids per IN (...): under SQLite's bound-parameter limit


class SqlSlaRepository:
    def __init__(self, conn: AsyncConnection) -> None:
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

    # -- what the deadlines depend on besides the policies: a client's working calendar ---------

    async def client_hours(self, client_id: int) -> ClientHours | None:
        row = (await self._conn.execute(select(client_hours).where(
            client_hours.c.client_id == client_id))).mappings().first()
        return None if row is None else ClientHours(
            row["client_id"], row["timezone"], row["work_days"], row["work_hours"],
            row["lunch_break"])

    async def client_hours_for(self, client_ids: Sequence[int]) -> dict[int, ClientHours]:
        """The own calendars of these clients, in one query (absent: the desk's applies)."""
        ids = sorted(set(client_ids))
        found: dict[int, ClientHours] = {}
        for start in range(0, len(ids), CHUNK):
            for row in (await self._conn.execute(select(client_hours).where(
                    client_hours.c.client_id.in_(ids[start:start + CHUNK])))).mappings():
                found[row["client_id"]] = ClientHours(
                    row["client_id"], row["timezone"], row["work_days"], row["work_hours"],
                    row["lunch_break"])
        return found

    async def set_client_hours(self, hours: ClientHours, now: datetime) -> None:
        values = {"timezone": hours.timezone, "work_days": hours.work_days,
                  "work_hours": hours.work_hours, "lunch_break": hours.lunch_break,
                  "updated_at": now}
        done = await self._conn.execute(update(client_hours).where(
            client_hours.c.client_id == hours.client_id).values(**values))
        if not done.rowcount:
            await self._conn.execute(insert(client_hours).values(client_id=hours.client_id,
                                                                 **values))

    async def clear_client_hours(self, client_id: int) -> bool:
        done = await self._conn.execute(delete(client_hours).where(
            client_hours.c.client_id == client_id))
        return bool(done.rowcount)

    async def status_log(self, ticket_id: int) -> list[tuple[TicketStatus, datetime]]:
        log = ticket_status_log.c
        rows = await self._conn.execute(select(log.status, log.at).where(
            log.ticket_id == ticket_id).order_by(log.at, log.id))
        return [(TicketStatus(r.status), _utc(r.at)) for r in rows]

    async def log_status(self, ticket_id: int, status: TicketStatus, at: datetime) -> None:
        await self._conn.execute(insert(ticket_status_log).values(
            ticket_id=ticket_id, status=status.value, at=at))

    async def open_ticket_ids(self, client_id: int | None = None, *, after: int = 0,
                              limit: int | None = None) -> list[int]:
        """Confirmed open tickets (of one client, or all), by id after `after`: whose
        deadlines a change moves."""
        query = select(t.tickets.c.id).where(t.tickets.c.status.in_(OPEN),
                                             t.tickets.c.confirmed_at.is_not(None),
                                             t.tickets.c.id > after)
        if client_id is not None:
            query = query.where(t.tickets.c.client_id == client_id)
        query = query.order_by(t.tickets.c.id)
        if limit is not None:
            query = query.limit(limit)
        return list((await self._conn.execute(query)).scalars())

    # -- reminders: the next moment per ticket, and the facts of the few that are due -------------

    async def reminders_due(self, now: datetime, limit: int | None = None) -> list[int]:
        """Tickets whose next reminder moment has come: an index range scan on remind_at."""
        return list((await self._conn.execute(self.reminders_due_query(now, limit))).scalars())

    @staticmethod
    def reminders_due_query(now: datetime, limit: int | None = None) -> Select:
        query = (select(ticket_reminders.c.ticket_id)
                 .where(ticket_reminders.c.remind_at <= now)
                 .order_by(ticket_reminders.c.remind_at))
        return query if limit is None else query.limit(limit)

    async def set_remind_at(self, moments: dict[int, datetime | None], now: datetime) -> None:
        """Store each ticket's next reminder moment (None: nothing can fall due until it
        changes); a closed ticket's row goes."""
        ids = list(moments)
        for start in range(0, len(ids), CHUNK):
            await self._conn.execute(delete(ticket_reminders).where(
                ticket_reminders.c.ticket_id.in_(ids[start:start + CHUNK])))
        rows = [{"ticket_id": i, "remind_at": at, "updated_at": now}
                for i, at in moments.items() if at is not None]
        if rows:
            await self._conn.execute(insert(ticket_reminders), rows)

    async def changed_since(self, since: datetime | None,
                            marks: tuple[int, int, int]) -> tuple[list[int], tuple[int, int, int]]:
        """Tickets whose reminder facts may have changed: updated at or after `since`, or with a
        message, time entry or estimate newer than the `marks` (last seen ids). Each part is an
        index range scan; returns the ids and the next marks."""
        ids: set[int] = set()
        if since is None:
            query = select(t.tickets.c.id).where(t.tickets.c.confirmed_at.is_not(None))
        else:
            query = select(t.tickets.c.id).where(t.tickets.c.updated_at >= since)
        ids.update((await self._conn.execute(query)).scalars())
        new_marks = []
        for table, mark in zip((t.messages, time_entries, estimates), marks, strict=True):
            ids.update((await self._conn.execute(
                select(table.c.ticket_id).where(table.c.id > mark, table.c.ticket_id.is_not(None))
                .distinct())).scalars())
            newest = (await self._conn.execute(select(func.max(table.c.id)))).scalar()
            new_marks.append(max(newest or 0, mark))
        return sorted(ids), (new_marks[0], new_marks[1], new_marks[2])

    async def reminder_facts(self, ticket_ids: list[int]) -> list[TicketFacts]:
        """What the reminder rules need about these tickets, in four set queries per chunk
        (tickets, latest time entry, latest client and staff message, estimates)."""
        m = t.messages.c
        # As `domain.reminders.event_kind` counts: the bot's own prompts are neither side.
        side = case((m.from_staff == False, "client"),  # noqa: E712
                    (and_(m.disposition == "outgoing", m.sender_name == BOT_SENDER), "bot"),
                    else_="staff")
        facts: list[TicketFacts] = []
        for start in range(0, len(ticket_ids), CHUNK):
            chunk = ticket_ids[start:start + CHUNK]
            tickets = (await self._conn.execute(
                select(t.tickets).where(t.tickets.c.id.in_(chunk)))).mappings().all()
            timed = dict((await self._conn.execute(
                select(time_entries.c.ticket_id, func.max(time_entries.c.created_at))
                .where(time_entries.c.ticket_id.in_(chunk))
                .group_by(time_entries.c.ticket_id))).all())
            said: dict[tuple[int, str], datetime] = {}
            for ticket_id, who, at in (await self._conn.execute(
                    select(m.ticket_id, side, func.max(m.sent_at))
                    .where(m.ticket_id.in_(chunk)).group_by(m.ticket_id, side))).all():
                said[(ticket_id, who)] = _utc(at)
            latest = {}
            for row in (await self._conn.execute(
                    select(estimates).where(estimates.c.ticket_id.in_(chunk))
                    .order_by(estimates.c.created_at, estimates.c.id))).mappings():
                latest[row["ticket_id"]] = _estimate(row)
            for row in tickets:
                tid = row["id"]
                facts.append(TicketFacts(
                    _ticket(row), _utc(timed[tid]) if tid in timed else None,
                    said.get((tid, "client")), said.get((tid, "staff")), latest.get(tid)))
        return sorted(facts, key=lambda f: f.ticket.id)


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
