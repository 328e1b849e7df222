"""The ledger wired into the desk, on SQLite and PostgreSQL: time logged in the workspace is
billed in the same transaction, balance notices and the month close happen once each."""

from __future__ import annotations

import pytest

from domain.billing.chat import BillingChat
from domain.billing.model import EntryType, Period
from domain.billing.service import Billing
from domain.kernel.model import (
    BillingModel,
    Kind,
    KindTerms,
    Mode,
    Person,
    PersonRole,
    Plan,
    Platform,
    TicketStatus,
)
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.tickets.model import Actor
from domain.workspace.model import TimeCategory
from domain.workspace.service import Workspace
from tests.conftest import T0, message

RUB = 100
PAVEL = Actor(Platform.TELEGRAM, "900", "Pavel")
PACKAGE = Plan(BillingModel.PACKAGE, hourly_rate=2_000 * RUB, package_minutes=10 * 60,
               kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 30_000 * RUB),))
TM = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=2_000 * RUB, min_billable_minutes=15)


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def now(self):
        return self.at


@pytest.fixture
def uow_factory(any_uow_factory):
    return any_uow_factory


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def desk_with(uow_factory, intake, clock, plan: Plan):
    """A client on `plan` with a group chat, an owner, Pavel serving it and a confirmed
    ticket: (workspace, billing, client id, ticket id)."""
    async with uow_factory() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=plan)
        await link_chat(uow, client, Platform.TELEGRAM, "-100500")
        await uow.people.add(Person(None, client.id, Platform.TELEGRAM, "777", "Boss",
                                    PersonRole.OWNER))
        pavel = await add_staff(uow, "Pavel", telegram_id="900")
        await uow.workspace.serve(pavel.id, client.id)
        result = await intake.process(uow, message("1", "Не работает телефония"))
        result.ticket.status, result.ticket.confirmed_at = TicketStatus.ACCEPTED, T0
        await uow.tickets.update(result.ticket)
        await uow.commit()
    return (Workspace(uow_factory, clock, reaction_hours=4), Billing(uow_factory, clock),
            client.id, result.ticket.id)


async def test_time_logged_in_the_workspace_changes_the_balance_at_once(
        uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    [entry] = await ws.log_time(ticket, PAVEL, 50, TimeCategory.BILLABLE, "телефония", "k1")
    view = await billing.balance(client)
    assert view.balance == -2_000 * RUB  # 50 min is billed as a full hour: 15-minute steps
    async with uow_factory() as uow:
        debit = await uow.ledger.by_key(f"time:{entry.id}")
    assert (debit.type, debit.minutes, debit.worked_minutes, debit.ticket_id) == (
        EntryType.TIME_DEBIT, 60, 50, ticket)


async def test_a_retried_time_entry_is_billed_once(uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    for _ in range(3):
        await ws.log_time(ticket, PAVEL, 30, TimeCategory.BILLABLE, "телефония", "same-key")
    async with uow_factory() as uow:
        times = [e for e in await uow.ledger.entries(client) if e.type is EntryType.TIME_DEBIT]
    assert len(times) == 1
    assert (await billing.balance(client)).balance == -1_000 * RUB


async def test_package_hours_are_drawn_by_the_workspace_and_unbilled_time_costs_nothing(
        uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, PACKAGE)
    await ws.log_time(ticket, PAVEL, 120, TimeCategory.BILLABLE, "телефония", "k1")
    await ws.log_time(ticket, PAVEL, 45, TimeCategory.LEARNING, "читали документацию", "k2")
    view = await billing.balance(client)
    assert (view.package_minutes, view.package_left) == (600, 480)
    assert view.balance == -30_000 * RUB  # the month's fee, nothing more
    async with uow_factory() as uow:
        learning = [e for e in await uow.ledger.entries(client) if e.category == "learning"]
    assert [(e.minutes, e.amount) for e in learning] == [(45, 0)]


async def test_a_positive_correction_is_billed_too(uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    [entry] = await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k1")
    await ws.correct_time(entry.id, PAVEL, 30, "забыл учесть звонок", "c1")
    await ws.correct_time(entry.id, PAVEL, 30, "забыл учесть звонок", "c1")
    assert (await billing.balance(client)).balance == -3_000 * RUB


async def test_a_negative_correction_takes_billed_time_back(uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    [entry] = await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k1")
    await ws.correct_time(entry.id, PAVEL, -30, "на самом деле полчаса", "c1")
    await ws.correct_time(entry.id, PAVEL, -30, "на самом деле полчаса", "c1")  # a retry
    assert (await billing.balance(client)).balance == -1_000 * RUB
    async with uow_factory() as uow:
        back = [e for e in await uow.ledger.entries(client) if e.type is EntryType.REVERSAL]
    assert [(e.minutes, e.amount) for e in back] == [(30, 1_000 * RUB)]


async def test_a_negative_correction_bills_the_rounded_remainder(uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    [entry] = await ws.log_time(ticket, PAVEL, 50, TimeCategory.BILLABLE, "телефония", "k1")
    assert (await billing.balance(client)).balance == -2_000 * RUB  # 50 min billed as 60
    await ws.correct_time(entry.id, PAVEL, -5, "45 минут", "c1")
    assert (await billing.balance(client)).balance == -1_500 * RUB  # 45 min billed as 45
    await ws.correct_time(entry.id, PAVEL, -3, "42 минуты", "c2")
    assert (await billing.balance(client)).balance == -1_500 * RUB  # still 45 after rounding


async def test_a_negative_correction_returns_overage_first_then_package_hours(
        uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, PACKAGE)
    [entry] = await ws.log_time(ticket, PAVEL, 11 * 60, TimeCategory.BILLABLE, "переезд", "k1")
    view = await billing.balance(client)
    assert (view.package_left, view.balance) == (0, -32_000 * RUB)  # fee + 1 hour overage
    await ws.correct_time(entry.id, PAVEL, -90, "полтора часа лишние", "c1")
    view = await billing.balance(client)
    assert (view.package_left, view.balance) == (30, -30_000 * RUB)


async def test_a_correction_of_a_correction_never_takes_back_more_than_was_billed(
        uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    [entry] = await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k1")
    await ws.correct_time(entry.id, PAVEL, 30, "ещё звонок", "c1")
    await ws.correct_time(entry.id, PAVEL, -90, "всё было зря", "c2")
    assert (await billing.balance(client)).balance == 0


async def test_time_logged_for_a_client_without_a_plan_is_kept_but_not_billed(
        uow_factory, intake, clock):
    ws, _, client, ticket = await desk_with(uow_factory, intake, clock, TM)
    async with uow_factory() as uow:
        acme = await uow.clients.get(client)
        acme.plan = None
        await uow.clients.save_plan(acme)
        await uow.commit()
    assert await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k1")
    async with uow_factory() as uow:
        assert list(await uow.ledger.entries(client)) == []




async def outbox(uow_factory) -> list[tuple[str, str]]:
    async with uow_factory() as uow:
        return [(o.kind.value, o.chat_id) for o in await uow.notices.all()]


async def test_package_notices_reach_the_chat_and_the_owner_once_each(
        uow_factory, intake, clock):
    ws, _, _, ticket = await desk_with(uow_factory, intake, clock, PACKAGE)
    chat = BillingChat(uow_factory, clock)
    await ws.log_time(ticket, PAVEL, 8 * 60, TimeCategory.BILLABLE, "телефония", "k1")
    # 80% of the package used: told at once, right after the time entry.
    assert await outbox(uow_factory) == [("balance", "-100500"), ("balance", "777")]
    assert await chat.notices() == 0  # the job finds nothing new
    await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k2")
    assert await chat.notices() == 0  # still 80%+, already told this month
    await ws.log_time(ticket, PAVEL, 2 * 60, TimeCategory.BILLABLE, "телефония", "k3")
    assert await chat.notices() == 0
    async with uow_factory() as uow:
        texts = [o.text for o in await uow.notices.all()]
    assert len(texts) == 4 and len(set(texts)) == 2  # 80% and exhausted, to two chats each


async def test_a_time_and_materials_client_hears_of_a_negative_balance_once(
        uow_factory, intake, clock):
    ws, _, _, ticket = await desk_with(uow_factory, intake, clock, TM)
    chat = BillingChat(uow_factory, clock)
    await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k1")
    await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k2")
    assert await chat.notices() == 0
    assert await outbox(uow_factory) == [("balance", "-100500"), ("balance", "777")]


async def test_the_month_closes_once_and_unused_package_hours_burn_once(
        uow_factory, intake, clock):
    ws, billing, client, ticket = await desk_with(uow_factory, intake, clock, PACKAGE)
    await ws.log_time(ticket, PAVEL, 60, TimeCategory.BILLABLE, "телефония", "k1")
    clock.at = T0.replace(month=12, day=1, hour=3)
    chat = BillingChat(uow_factory, clock)
    assert await chat.month_close() == 1
    assert await chat.month_close() == 0
    async with uow_factory() as uow:
        entries = await uow.ledger.entries(client)
        assert await uow.ledger.is_closed(client, Period(2026, 11))
    burns = [e for e in entries if e.type is EntryType.BURN]
    assert [(b.period, b.package_minutes) for b in burns] == [(Period(2026, 11), -9 * 60)]
    assert (await billing.balance(client)).package_left == 10 * 60  # December's package


async def test_the_weekly_report_goes_to_the_client_chat_once_a_week(uow_factory, intake, clock):
    ws, _, _, ticket = await desk_with(uow_factory, intake, clock, PACKAGE)
    await ws.log_time(ticket, PAVEL, 90, TimeCategory.BILLABLE, "телефония", "k1")
    chat = BillingChat(uow_factory, clock)
    clock.at = T0.replace(day=13, hour=12)  # Friday the 13th, 15:00 in Moscow
    assert await chat.weekly_reports(4, 16) == 0  # not yet 16:00 in UTC
    clock.at = T0.replace(day=13, hour=16)
    assert await chat.weekly_reports(4, 16) == 1
    clock.at = T0.replace(day=13, hour=18)
    assert await chat.weekly_reports(4, 16) == 0
    async with uow_factory() as uow:
        [report] = [o for o in await uow.notices.all() if o.kind.value == "weekly_report"]
    assert report.chat_id == "-100500"
    assert report.text.startswith("Итоги недели для «ACME»")
