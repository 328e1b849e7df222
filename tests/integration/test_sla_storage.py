"""Stored SLA deadlines on a real SQLite file: the sweep finds exactly what is owed, by index,
and marking a notice twice sends it once."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine

from domain.kernel.calendar import WorkCalendar
from domain.kernel.model import Coverage, Kind, Ticket, TicketStatus
from domain.onboarding.service import add_client
from domain.sla.model import (
    Deadlines,
    Metric,
    NoticeKind,
    SlaTargets,
    Target,
    TicketHistory,
    compute_deadlines,
)
from storage.sla.repository import sweep_query

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
ALWAYS = WorkCalendar("UTC", (((0, 24 * 60),),) * 7, 2025, 2027)  # calendar hours, simply


def deadlines(started: datetime, hours: float) -> Deadlines:
    targets = SlaTargets(resolution=Target(int(hours * 60)))
    return compute_deadlines(ALWAYS, targets, TicketHistory(started))


async def _tickets(uow_factory, count: int) -> list[int]:
    async with uow_factory() as uow:
        client = await add_client(uow, "ООО Вектор", now=NOW)
        ids = []
        for number in range(1, count + 1):
            ticket = await uow.tickets.add(Ticket(
                id=None, client_id=client.id, number=number, kind=Kind.TECHNICAL,
                status=TicketStatus.ACCEPTED, title="t", text="t", chat_id=None,
                requester_id=None, coverage=Coverage.COVERED, created_at=NOW, updated_at=NOW,
                confirmed_at=NOW))
            ids.append(ticket.id)
        await uow.commit()
    return ids


async def test_the_sweep_returns_breaches_and_warnings_that_are_owed_and_nothing_else(uow_factory):
    late, soon, later, paused = await _tickets(uow_factory, 4)
    async with uow_factory() as uow:
        await uow.sla.save(late, "default", deadlines(NOW - timedelta(hours=5), 4), NOW)
        await uow.sla.save(soon, "default", deadlines(NOW - timedelta(hours=3), 4), NOW)
        await uow.sla.save(later, "default", deadlines(NOW, 8), NOW)
        history = TicketHistory(NOW - timedelta(hours=1), status=TicketStatus.WAITING_FOR_CLIENT)
        await uow.sla.save(paused, "default", compute_deadlines(
            ALWAYS, SlaTargets(resolution=Target(30)), history), NOW)
        await uow.commit()
    async with uow_factory() as uow:
        notices = await uow.sla.due_notices(NOW, NOW + timedelta(hours=2))
    assert [(n.ticket_id, n.metric, n.kind) for n in notices] == [
        (late, Metric.RESOLUTION, NoticeKind.BREACH),
        (soon, Metric.RESOLUTION, NoticeKind.WARNING),
    ]
    assert notices[0].due == NOW - timedelta(hours=1)


async def test_marking_notices_is_idempotent(uow_factory):
    ids = await _tickets(uow_factory, 3)
    async with uow_factory() as uow:
        for ticket_id in ids:
            await uow.sla.save(ticket_id, "default", deadlines(NOW - timedelta(hours=5), 4), NOW)
        await uow.commit()
    async with uow_factory() as uow:
        owed = await uow.sla.due_notices(NOW, NOW)
        first = await uow.sla.mark_notified(owed, NOW)
        second = await uow.sla.mark_notified(owed, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.sla.due_notices(NOW, NOW) == []
    assert sorted(n.ticket_id for n in first) == ids and second == []


async def test_a_moved_deadline_is_noticed_again_and_an_unchanged_one_is_not(uow_factory):
    moved, kept = await _tickets(uow_factory, 2)
    async with uow_factory() as uow:
        for ticket_id in (moved, kept):
            await uow.sla.save(ticket_id, "default", deadlines(NOW - timedelta(hours=5), 4), NOW)
        await uow.sla.mark_notified(await uow.sla.due_notices(NOW, NOW), NOW)
        # A priority change: recomputed from the original start with other targets.
        await uow.sla.save(moved, "vip", deadlines(NOW - timedelta(hours=5), 2), NOW)
        await uow.sla.save(kept, "default", deadlines(NOW - timedelta(hours=5), 4), NOW)
        notices = await uow.sla.due_notices(NOW, NOW)
        await uow.commit()
    assert [(n.ticket_id, n.kind) for n in notices] == [(moved, NoticeKind.BREACH)]


async def test_a_met_timer_leaves_the_sweep(uow_factory):
    (ticket_id,) = await _tickets(uow_factory, 1)
    targets = SlaTargets(resolution=Target(60))
    done = TicketHistory(NOW - timedelta(hours=3), status=TicketStatus.DONE)
    async with uow_factory() as uow:
        await uow.sla.save(ticket_id, "default", compute_deadlines(ALWAYS, targets, done), NOW)
        assert await uow.sla.get_due(ticket_id) == {m: None for m in Metric}
        assert await uow.sla.due_notices(NOW, NOW + timedelta(days=1)) == []


async def test_every_part_of_the_sweep_is_an_index_search_not_a_table_scan(sqlite_url):
    query = sweep_query(NOW, NOW + timedelta(hours=1))
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    engine.dispose()
    searches = [step for step in plan if "ticket_sla" in step]
    assert len(searches) == 8
    assert all(re.match(r"SEARCH ticket_sla USING (COVERING )?INDEX ix_ticket_sla_", step)
               for step in searches), plan
