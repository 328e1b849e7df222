"""Billing use cases on a real database (SQLite and PostgreSQL): idempotent postings, month
ends, disputes, statements, economics, and what the database itself refuses."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from domain.billing.model import DisputeStatus, Entry, EntryType, LedgerError, Period, TimeRecord
from domain.billing.service import Billing
from domain.kernel.model import (
    BillingModel,
    Coverage,
    Kind,
    KindTerms,
    Mode,
    Plan,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.onboarding.service import add_client

RUB = 100
NOV, DEC = Period(2026, 11), Period(2026, 12)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def uow_factory(any_uow_factory):
    """Every ledger rule is proven on SQLite and on PostgreSQL alike."""
    return any_uow_factory


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 12, 9, 0, tzinfo=UTC))


@pytest.fixture
def billing(uow_factory, clock) -> Billing:
    return Billing(uow_factory, clock)


async def new_client(uow_factory, plan: Plan, name: str = "ACME") -> tuple[int, int, int]:
    """A client with `plan`, a staff member and a ticket: (client, staff, ticket) ids."""
    async with uow_factory() as uow:
        client = await add_client(uow, name, now=datetime(2026, 10, 1, tzinfo=UTC), plan=plan)
        staff = await uow.staff.add(Staff(None, f"Pavel {name}", telegram_id=f"t-{name}"))
        ticket = await uow.tickets.add(Ticket(
            None, client.id, 1, Kind.TECHNICAL, TicketStatus.IN_PROGRESS, "Телефония", "",
            None, None, Coverage.COVERED, created_at=datetime(2026, 11, 1, tzinfo=UTC),
            updated_at=datetime(2026, 11, 1, tzinfo=UTC)))
        await uow.commit()
    return client.id, staff.id, ticket.id


def record(rid: int, client: int, minutes: int, *, staff: int | None = None,
           ticket: int | None = None, category: str = "billable",
           at: datetime = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)) -> TimeRecord:
    return TimeRecord(rid, client, Kind.TECHNICAL, minutes, category, staff, at, ticket,
                      "настроили телефонию")


PACKAGE = Plan(BillingModel.PACKAGE, hourly_rate=2_000 * RUB, package_minutes=20 * 60,
               kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 30_000 * RUB),))
TM = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=2_000 * RUB, min_billable_minutes=15)


async def ledger_sums(uow_factory, client: int) -> tuple[int, int, list[Entry]]:
    async with uow_factory() as uow:
        entries = list(await uow.ledger.entries(client))
        return await uow.ledger.balance(client), len(entries), entries


async def test_a_retried_payment_is_recorded_once(billing, uow_factory):
    client, _, _ = await new_client(uow_factory, TM)
    first = await billing.add_payment(client, 10_000 * RUB, "bank-771")
    again = await billing.add_payment(client, 10_000 * RUB, "bank-771")
    assert not first.duplicate and again.duplicate
    assert again.entries[0].id == first.entries[0].id
    balance, count, _ = await ledger_sums(uow_factory, client)
    assert (balance, count) == (10_000 * RUB, 1)


async def test_a_package_month_from_grant_to_overage_to_burn(billing, uow_factory, clock):
    client, staff, ticket = await new_client(uow_factory, PACKAGE)
    await billing.post_time(record(1, client, 19 * 60, staff=staff, ticket=ticket))
    posted = await billing.post_time(record(2, client, 120, staff=staff, ticket=ticket))
    assert [e.type for e in posted.entries] == [EntryType.TIME_DEBIT, EntryType.OVERAGE]
    view = await billing.balance(client)
    assert (view.package_minutes, view.package_left) == (1200, 0)
    assert view.balance == -30_000 * RUB - 2_000 * RUB  # the month's fee and one overage hour

    clock.at = datetime(2026, 12, 1, 0, 5, tzinfo=UTC)
    closed = await billing.close_period(client, NOV)
    assert closed.entries == ()  # nothing left to burn
    with pytest.raises(LedgerError) as caught:
        await billing.post_time(record(3, client, 30))
    assert caught.value.key == "billing.err.closed"


async def test_unused_hours_burn_once_however_often_the_month_is_closed(billing, uow_factory,
                                                                        clock):
    client, _, _ = await new_client(uow_factory, PACKAGE)
    await billing.post_time(record(1, client, 200))
    clock.at = datetime(2026, 12, 1, 0, 5, tzinfo=UTC)
    first, second = await billing.close_period(client, NOV), await billing.close_period(client, NOV)
    assert [(e.type, e.package_minutes) for e in first.entries] == [(EntryType.BURN, -1000)]
    assert second.duplicate and second.entries == ()
    async with uow_factory() as uow:
        assert await uow.ledger.package_left(client, NOV) == 0


async def test_a_month_cannot_be_closed_before_it_ends(billing, uow_factory):
    client, _, _ = await new_client(uow_factory, PACKAGE)
    with pytest.raises(LedgerError):
        await billing.close_period(client, NOV)


async def test_concurrent_retries_of_one_time_entry_post_it_once(billing, uow_factory):
    client, _, _ = await new_client(uow_factory, TM)
    results = await asyncio.gather(*(billing.post_time(record(9, client, 50))
                                     for _ in range(8)))
    assert sum(not r.duplicate for r in results) == 1
    balance, count, _ = await ledger_sums(uow_factory, client)
    assert (balance, count) == (-2_000 * RUB, 1)  # 50 minutes rounded to an hour


async def test_concurrent_debits_into_one_package_never_overdraw_it(billing, uow_factory):
    client, _, _ = await new_client(uow_factory, PACKAGE)
    await asyncio.gather(*(billing.post_time(record(i, client, 300)) for i in range(6)))
    _, _, entries = await ledger_sums(uow_factory, client)
    drawn = -sum(e.package_minutes for e in entries if e.type is EntryType.TIME_DEBIT)
    overage = sum(e.minutes for e in entries if e.type is EntryType.OVERAGE)
    assert (drawn, overage) == (1200, 600)


async def test_a_disputed_entry_is_reversed_never_edited_and_never_beyond_itself(
        billing, uow_factory):
    client, staff, ticket = await new_client(uow_factory, TM)
    [debit] = (await billing.post_time(record(1, client, 90, staff=staff, ticket=ticket))).entries
    dispute = await billing.open_dispute(client, debit.id, "Ольга", "мы это не просили")
    with pytest.raises(LedgerError):
        await billing.open_dispute(client, debit.id, "Ольга")
    done = await billing.resolve_dispute(dispute.id, staff, "Согласны, вернули час", reverse=True,
                                         amount=2_000 * RUB, minutes=60)
    assert done.status is DisputeStatus.REVERSED
    with pytest.raises(LedgerError) as caught:
        await billing.reverse(debit.id, "extra", amount=1_001 * RUB, minutes=0)
    assert caught.value.key == "billing.err.reversal_too_big"
    await billing.reverse(debit.id, "rest")
    balance, _, entries = await ledger_sums(uow_factory, client)
    assert balance == 0
    assert [e for e in entries if e.id == debit.id] == [debit]  # the original is untouched


async def test_a_confirmed_dispute_leaves_the_entry_standing(billing, uow_factory):
    client, staff, _ = await new_client(uow_factory, TM)
    [debit] = (await billing.post_time(record(1, client, 60))).entries
    dispute = await billing.open_dispute(client, debit.id, "Ольга")
    done = await billing.resolve_dispute(dispute.id, staff, "Работа сделана: см. заявку",
                                         reverse=False)
    assert done.status is DisputeStatus.CONFIRMED
    assert (await billing.balance(client)).balance == -2_000 * RUB
    with pytest.raises(LedgerError):
        await billing.resolve_dispute(dispute.id, staff, "ещё раз", reverse=True)


async def test_the_database_refuses_a_negative_payment_and_a_second_entry_with_one_key(
        uow_factory):
    client, _, _ = await new_client(uow_factory, TM)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    async with uow_factory() as uow:
        assert await uow.ledger.add(Entry(client, NOV, EntryType.PAYMENT, "k", at, amount=5))
        assert await uow.ledger.add(Entry(client, NOV, EntryType.PAYMENT, "k", at, amount=5)) \
            is None
        with pytest.raises(IntegrityError):
            await uow.ledger.add(Entry(client, NOV, EntryType.PAYMENT, "k2", at, amount=-5))


async def test_notices_are_posted_once_a_month(billing, uow_factory):
    client, _, _ = await new_client(uow_factory, TM)
    await billing.post_time(record(1, client, 60))
    first = await billing.notices(client)
    assert [n.type.value for n in first] == ["negative_balance"]
    assert await billing.notices(client) == []


async def test_statement_shows_billable_entries_and_totals_by_kind(billing, uow_factory):
    client, staff, ticket = await new_client(uow_factory, TM)
    await billing.add_payment(client, 5_000 * RUB, "p1")
    await billing.post_time(record(1, client, 60, staff=staff, ticket=ticket))
    await billing.post_time(record(2, client, 30, staff=staff, ticket=ticket,
                                   category="our_mistake"))
    statement = await billing.statement(client, NOV)
    assert [line.entry.type for line in statement.lines] == [EntryType.PAYMENT,
                                                             EntryType.TIME_DEBIT]
    work = statement.lines[1]
    assert (work.ticket_number, work.staff_name) == (1, "Pavel ACME")
    assert (statement.total_minutes, statement.total_amount) == (60, 2_000 * RUB)
    assert (statement.opening_balance, statement.closing_balance) == (0, 3_000 * RUB)


async def test_economics_show_the_real_hourly_yield(billing, uow_factory):
    client, staff, ticket = await new_client(uow_factory, TM)
    await billing.post_time(record(1, client, 21 * 60, staff=staff, ticket=ticket))
    await billing.post_time(record(2, client, 4 * 60, staff=staff, ticket=ticket,
                                   category="learning"))
    report = await billing.economics(NOV)
    [pavel] = report.by_staff
    assert (pavel.name, pavel.hourly_yield) == ("Pavel ACME", 1_680 * RUB)
    assert report.total.billable_share == pytest.approx(0.84)
    assert [(u.number, u.minutes) for u in report.unpaid_tickets] == [(1, 240)]


async def test_a_monthly_plan_charges_its_fee_once_per_month(billing, uow_factory):
    plan = Plan(BillingModel.MONTHLY, kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE,
                                                       20_000 * RUB),),
                starts_on=date(2026, 11, 1))
    client, _, _ = await new_client(uow_factory, plan)
    await billing.open_period(client, NOV)
    again = await billing.open_period(client, NOV)
    await billing.post_time(record(1, client, 60))
    assert again.duplicate
    view = await billing.balance(client)
    assert view.balance == -20_000 * RUB
    assert view.due_on == date(2026, 11, 20) and [str(p) for p in view.pays_for] == [
        "2026-12", "2027-01", "2027-02"]
    assert view.due_amount == 80_000 * RUB  # three months ahead plus this month's unpaid fee
