"""The ledger wired into the desk, on SQLite and PostgreSQL: time logged in the workspace is
billed in the same transaction, balance notices and the month close happen once each."""

from __future__ import annotations

import pytest

from domain.billing import Billing
from domain.desk import Actor
from domain.ledger import EntryType
from domain.model import (
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
from domain.onboarding import add_client, add_staff, link_chat
from domain.workflow import TimeCategory
from domain.workspace import Workspace
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


