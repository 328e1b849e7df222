"""What deadlines depend on besides the ticket — the policies, the client's priority and the
client's own working calendar — on SQLite and PostgreSQL: a change recomputes every open
ticket from its original start; quiet hours follow the client's calendar; the reminders sweep
reads only the tickets that changed or whose next reminder moment has come."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine

from bot.calendars import russian_calendar
from bot.clock import FixedClock
from domain.kernel.calendar import ClientHours, parse_week
from domain.kernel.model import (
    Chat,
    Coverage,
    Disposition,
    Kind,
    Message,
    Person,
    PersonRole,
    Platform,
    Ticket,
    TicketStatus,
)
from domain.onboarding.service import add_client
from domain.outbox.model import NoticeType
from domain.sla.model import Metric, Recipients, SlaPolicy, SlaSetup, SlaTargets, Target
from domain.sla.service import SlaService, Sweeps
from storage.sla.repository import SqlSlaRepository
from tests.conftest import monthly_plan

MSK = ZoneInfo("Europe/Moscow")
VLADIVOSTOK = ZoneInfo("Asia/Vladivostok")
CAL = russian_calendar("Europe/Moscow", parse_week("mon-fri", "09:00-18:00", "13:00-14:00"))
DEFAULT = SlaPolicy("default", SlaTargets(first_reaction=Target(8 * 60),
                                          resolution=Target(40 * 60)))
VIP = SlaPolicy("vip", SlaTargets(first_reaction=Target(60), resolution=Target(8 * 60)),
                min_priority=2)


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """November 2026: Monday the 9th, Tuesday the 10th..."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK).astimezone(UTC)


async def _ticket(uow, client_id: int, number: int, confirmed: datetime) -> int:
    ticket = await uow.tickets.add(Ticket(
        None, client_id, number, Kind.TECHNICAL, TicketStatus.ACCEPTED, "t", "t", None, None,
        Coverage.COVERED, created_at=confirmed, updated_at=confirmed, confirmed_at=confirmed))
    return ticket.id


async def _world(uow_factory, *, clients: int = 1, tickets: int = 1) -> tuple[list[int], list[int]]:
    client_ids, ticket_ids = [], []
    async with uow_factory() as uow:
        for c in range(clients):
            client = await add_client(uow, f"Client {c}", now=msk(2, 9))
            client_ids.append(client.id)
            for n in range(1, tickets + 1):
                ticket_ids.append(await _ticket(uow, client.id, n, msk(9, 10)))
        await uow.commit()
    return client_ids, ticket_ids


async def test_a_priority_change_recomputes_the_deadlines_from_the_original_start(any_uow_factory):
    (client_id,), (ticket_id,) = await _world(any_uow_factory)
    clock = FixedClock(msk(9, 10))
    sla = SlaService(any_uow_factory, clock, SlaSetup(CAL, (VIP, DEFAULT)))
    await sla.refresh(ticket_id)
    async with any_uow_factory() as uow:
        # Monday 10:00 + 8 working hours (lunch 13-14): Tuesday 10:00.
        assert (await uow.sla.get_due(ticket_id))[Metric.FIRST_REACTION] == msk(10, 10)
    clock.set(msk(9, 16))  # the priority changes later that day
    async with any_uow_factory() as uow:
        await uow.clients.set_priority(client_id, 2)
        assert await sla.refresh_client(uow, client_id, clock.now()) == 1
        await uow.commit()
    async with any_uow_factory() as uow:
        due = await uow.sla.get_due(ticket_id)
        assert (await uow.clients.get(client_id)).priority == 2
    # One working hour from the original start, not from the change: already breached.
    assert due[Metric.FIRST_REACTION] == msk(9, 11)
    assert due[Metric.RESOLUTION] == msk(10, 10)  # 8 working hours: Tuesday 10:00


async def test_new_policies_recompute_every_open_ticket_once_from_its_original_start(
        any_uow_factory):
    _, ids = await _world(any_uow_factory, clients=2, tickets=2)
    clock = FixedClock(msk(9, 12))
    old = SlaService(any_uow_factory, clock, SlaSetup(CAL, (DEFAULT,)))
    async with any_uow_factory() as uow:
        assert await old.refresh_if_policies_changed(uow, clock.now()) == 4  # the first run
        assert await old.refresh_if_policies_changed(uow, clock.now()) == 0
        await uow.commit()
    faster = SlaPolicy("faster", SlaTargets(first_reaction=Target(2 * 60, working=False)))
    new = SlaService(any_uow_factory, clock, SlaSetup(CAL, (faster,)))
    clock.set(msk(12, 9))
    async with any_uow_factory() as uow:
        assert await new.refresh_if_policies_changed(uow, clock.now()) == 4
        assert await new.refresh_if_policies_changed(uow, clock.now()) == 0
        await uow.commit()
    async with any_uow_factory() as uow:
        dues = {(await uow.sla.get_due(i))[Metric.FIRST_REACTION] for i in ids}
    assert dues == {msk(9, 12)}  # two calendar hours after Monday 10:00
    # A large desk: a few tickets per sweep, so no transaction holds the database for long.
    slower = SlaService(any_uow_factory, clock, SlaSetup(CAL, (DEFAULT,)))
    counts = []
    for _ in range(4):
        async with any_uow_factory() as uow:
            counts.append(await slower.refresh_if_policies_changed(uow, clock.now(), limit=3))
            await uow.commit()
    assert counts == [3, 1, 0, 0]
    async with any_uow_factory() as uow:
        dues = {(await uow.sla.get_due(i))[Metric.FIRST_REACTION] for i in ids}
    assert dues == {msk(10, 10)}  # back to 8 working hours


async def test_a_clients_own_calendar_sets_its_deadlines_and_clearing_it_restores_the_desks(
        any_uow_factory):
    (client_id,), (ticket_id,) = await _world(any_uow_factory)
    clock = FixedClock(msk(9, 10))
    four = SlaPolicy("four", SlaTargets(first_reaction=Target(4 * 60)))
    sla = SlaService(any_uow_factory, clock, SlaSetup(CAL, (four,)))
    await sla.refresh(ticket_id)
    async with any_uow_factory() as uow:
        assert (await uow.sla.get_due(ticket_id))[Metric.FIRST_REACTION] == msk(9, 15)
        await uow.sla.set_client_hours(
            ClientHours(client_id, "Asia/Vladivostok", "mon-fri", "09:00-18:00", ""), clock.now())
        await sla.refresh_client(uow, client_id, clock.now())
        await uow.commit()
    async with any_uow_factory() as uow:
        due = (await uow.sla.get_due(ticket_id))[Metric.FIRST_REACTION]
        # Monday 10:00 in Moscow is 17:00 in Vladivostok: one hour that day, three on Tuesday.
        assert due == datetime(2026, 11, 10, 12, 0, tzinfo=VLADIVOSTOK)
        assert await uow.sla.clear_client_hours(client_id)
        await sla.refresh_client(uow, client_id, clock.now())
        await uow.commit()
    async with any_uow_factory() as uow:
        assert (await uow.sla.get_due(ticket_id))[Metric.FIRST_REACTION] == msk(9, 15)
        assert await uow.sla.client_hours(client_id) is None


async def test_quiet_hours_for_client_notices_follow_the_clients_own_calendar(any_uow_factory):
    clock = FixedClock(msk(13, 3))  # Friday 03:00 in Moscow is 10:00 in Vladivostok
    async with any_uow_factory() as uow:
        ids = []
        for name in ("Moscow Ltd", "Vladivostok Ltd"):
            client = await add_client(uow, name, now=msk(1, 0), plan=monthly_plan())
            await uow.people.add(Person(None, client.id, Platform.TELEGRAM, f"owner-{client.id}",
                                        "Owner", PersonRole.OWNER))
            ids.append(client.id)
        await uow.sla.set_client_hours(ClientHours(ids[1], "Asia/Vladivostok"), clock.now())
        await uow.commit()
    sweeps = Sweeps(any_uow_factory, clock, SlaService(any_uow_factory, clock,
                                                       SlaSetup(CAL, (DEFAULT,))))
    await sweeps.renewals()
    async with any_uow_factory() as uow:
        held = {n.client_id: n.not_before for n in await uow.notices.all()
                if n.kind is NoticeType.RENEWAL}
    assert held == {ids[0]: msk(13, 9), ids[1]: msk(13, 3)}


async def test_the_reminders_sweep_reads_only_changed_tickets_and_those_whose_moment_came(
        any_uow_factory):
    (client_id,), ids = await _world(any_uow_factory, tickets=3)
    clock = FixedClock(msk(9, 11))
    sweeps = Sweeps(any_uow_factory, clock, SlaService(any_uow_factory, clock,
                                                       SlaSetup(CAL, (DEFAULT,))),
                    Recipients("-200"))
    first = await sweeps.reminders()
    again = await sweeps.reminders()
    assert (first.refreshed, again.refreshed) == (3, 0)
    async with any_uow_factory() as uow:
        chat = await uow.chats.add(Chat(None, Platform.TELEGRAM, "-100", client_id))
        await uow.messages.add(Message(None, Platform.TELEGRAM, "-100", "m1", chat.id, "101",
                                       "Kate", clock.now(), "ping", ticket_id=ids[1],
                                       disposition=Disposition.TICKET))
        await uow.commit()
    assert (await sweeps.reminders()).refreshed == 1  # the one with a new message
    # Untaken: 8 working hours from Monday 10:00 (lunch 13-14) end on Tuesday at 10:00.
    clock.set(msk(10, 9, 59))
    assert (await sweeps.reminders()).refreshed == 0
    clock.set(msk(10, 10))
    result = await sweeps.reminders()
    assert (result.refreshed, result.recorded) == (3, 3)
    async with any_uow_factory() as uow:
        kinds = sorted(n.kind.value for n in await uow.notices.all())
    assert kinds == ["untaken"] * 3


def test_the_reminders_due_query_is_an_index_search(sqlite_url):
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as conn:
        query = (SqlSlaRepository.reminders_due_query(msk(9, 10)))
        sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    engine.dispose()
    assert any(re.match(r"SEARCH ticket_reminders USING (COVERING )?INDEX "
                        r"ix_ticket_reminders_remind_at", step) for step in plan), plan
    assert not any(step.startswith("SCAN") for step in plan), plan


async def test_a_pause_in_waiting_for_the_client_is_remembered_after_the_ticket_moves_on(
        any_uow_factory):
    """The tickets table keeps only the current status; the sweep logs each change it sees, so
    a later recomputation still skips an earlier pause."""
    (client_id,), (ticket_id,) = await _world(any_uow_factory)
    clock = FixedClock(msk(9, 10))
    resolve = SlaPolicy("resolve", SlaTargets(resolution=Target(16 * 60)))
    sla = SlaService(any_uow_factory, clock, SlaSetup(CAL, (resolve,)))

    async def move(status: TicketStatus, at: datetime) -> None:
        clock.set(at)
        async with any_uow_factory() as uow:
            ticket = await uow.tickets.get(ticket_id)
            ticket.status, ticket.updated_at = status, at
            await uow.tickets.update(ticket)
            await uow.commit()
        await sla.refresh(ticket_id)  # what the SLA sweep does for a changed ticket

    await sla.refresh(ticket_id)
    await move(TicketStatus.WAITING_FOR_CLIENT, msk(9, 12))  # 2 working hours spent
    await move(TicketStatus.IN_PROGRESS, msk(10, 12))  # a working day paused
    async with any_uow_factory() as uow:
        due = (await uow.sla.get_due(ticket_id))[Metric.RESOLUTION]
        assert [s for s, _ in await uow.sla.status_log(ticket_id)] == [
            TicketStatus.ACCEPTED, TicketStatus.WAITING_FOR_CLIENT, TicketStatus.IN_PROGRESS]
        # Recomputed later (a priority change): the pause is still known.
        await sla.refresh_client(uow, client_id, msk(10, 15))
        assert (await uow.sla.get_due(ticket_id))[Metric.RESOLUTION] == due
    # 14 working hours left from Tuesday 12:00 (lunch 13-14): 5 on Tuesday, 8 on Wednesday,
    # 1 on Thursday: Thursday 10:00. Without the pause it would be Wednesday 11:00.
    assert due == msk(12, 10)


async def test_a_pause_between_two_sweeps_is_remembered_too(any_uow_factory):
    """Statuses are logged when they change, not when the sweep next looks: a ticket that
    waited for the client and moved on before the sweep ran still has that pause counted."""
    (client_id,), (ticket_id,) = await _world(any_uow_factory)
    clock = FixedClock(msk(9, 10))
    resolve = SlaPolicy("resolve", SlaTargets(resolution=Target(16 * 60)))
    sla = SlaService(any_uow_factory, clock, SlaSetup(CAL, (resolve,)))
    await sla.refresh(ticket_id)
    for status, at in ((TicketStatus.WAITING_FOR_CLIENT, msk(9, 12)),
                       (TicketStatus.IN_PROGRESS, msk(10, 12))):
        async with any_uow_factory() as uow:
            ticket = await uow.tickets.get(ticket_id)
            ticket.status, ticket.updated_at = status, at
            await uow.tickets.update(ticket)
            await uow.commit()
    clock.set(msk(10, 12, 1))
    await sla.refresh(ticket_id)  # the sweep sees only the latest status
    async with any_uow_factory() as uow:
        assert [s for s, _ in await uow.sla.status_log(ticket_id)] == [
            TicketStatus.ACCEPTED, TicketStatus.WAITING_FOR_CLIENT, TicketStatus.IN_PROGRESS]
        assert (await uow.sla.get_due(ticket_id))[Metric.RESOLUTION] == msk(12, 10)
