"""/balance derives from the plan in force for the current month from the moment the plan is
set, before any work or month job opened the month in the ledger (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.billing.model import EntryType, Period, TimeRecord
from domain.billing.service import Billing, balance_text
from domain.kernel.model import BillingModel, Client, Kind, KindTerms, Language, Mode, Plan

RUB = 100
DEC = Period(2026, 12)
TODAY = date(2026, 12, 3)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def uow_factory(any_uow_factory):
    return any_uow_factory


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))


@pytest.fixture
def billing(uow_factory, clock) -> Billing:
    return Billing(uow_factory, clock)


async def signed_client(uow_factory, billing: Billing, plan: Plan,
                        name: str = "ООО Вектор") -> Client:
    """A client created without a plan, then given `plan` mid-month, as `plans set` does."""
    async with uow_factory() as uow:
        client = await uow.clients.add(Client(None, name, created_at=datetime(
            2026, 12, 2, tzinfo=UTC)))
        await uow.commit()
    return await billing.set_plan(client.id, plan)


PACKAGE = Plan(BillingModel.PACKAGE, hourly_rate=2_000 * RUB, package_minutes=10 * 60)
TM = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=2_500 * RUB)
MONTHLY = Plan(BillingModel.MONTHLY, kinds=(
    KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 20_000 * RUB),
    KindTerms(Kind.MANAGERIAL, Mode.ACTIVE, 40_000 * RUB)))


async def test_new_package_client_sees_its_hours_before_any_work(billing, uow_factory):
    client = await signed_client(uow_factory, billing, PACKAGE)
    view = await billing.balance(client.id)
    assert (view.package_minutes, view.package_left) == (600, 600)
    assert view.burns_on == date(2027, 1, 1)
    text = balance_text(Language.RU, client, view, TODAY)
    assert "осталось 10 ч 00 мин из 10 ч 00 мин" in text
    assert "сгорают 1-го" in text and "2027-01-01" in text
    assert "Деньги на балансе" not in text  # a package client pays for hours, not a balance
    assert "целиком" in text  # the month the plan began counts in full, not by days
    en = balance_text(Language.EN, client, view, TODAY)
    assert "10 h 00 min left of 10 h 00 min" in en and "burn on the 1st" in en
    async with uow_factory() as uow:  # derived: nothing was written to show it
        assert list(await uow.ledger.entries(client.id)) == []


async def test_the_derived_package_is_the_one_the_first_work_then_draws_from(billing,
                                                                             uow_factory):
    client = await signed_client(uow_factory, billing, PACKAGE)
    before = await billing.balance(client.id)
    await billing.post_time(TimeRecord(1, client.id, Kind.TECHNICAL, 120, "billable", None,
                                       datetime(2026, 12, 3, 10, tzinfo=UTC)))
    after = await billing.balance(client.id)
    assert (after.package_minutes, after.package_left) == (before.package_minutes, 480)
    assert after.balance == before.balance == 0
    async with uow_factory() as uow:
        types = [e.type for e in await uow.ledger.entries(client.id)]
    assert types.count(EntryType.PACKAGE_GRANT) == 1


async def test_new_time_and_materials_client_sees_its_money_and_rate(billing, uow_factory):
    client = await signed_client(uow_factory, billing, TM)
    await billing.add_payment(client.id, 30_000 * RUB, "bank-1")
    view = await billing.balance(client.id)
    assert (view.balance, view.package_minutes) == (30_000 * RUB, 0)
    text = balance_text(Language.RU, client, view, TODAY)
    assert "Деньги на балансе: 30\u00a0000\u00a0₽" in text
    assert "2\u00a0500\u00a0₽ за час" in text
    assert "Пакет" not in text and "целиком" not in text


async def test_new_monthly_client_sees_what_is_covered_and_the_next_payment(billing,
                                                                            uow_factory):
    client = await signed_client(uow_factory, billing, MONTHLY)
    view = await billing.balance(client.id)
    assert view.balance == -60_000 * RUB  # this month's fees, as the month job will post them
    assert view.due_on == date(2026, 12, 20)
    assert [str(p) for p in view.pays_for] == ["2027-01", "2027-02"]  # active: 2 months ahead
    text = balance_text(Language.RU, client, view, TODAY)
    assert "техническая поддержка" in text and "консультация" in text
    assert "до 2026-12-20" in text and "целиком" in text
    # Opening the month for real changes nothing the client sees.
    await billing.open_period(client.id, DEC)
    assert await billing.balance(client.id) == view


async def test_a_plan_starting_next_month_shows_when_it_starts_and_no_hours_yet(billing,
                                                                               uow_factory):
    plan = Plan(BillingModel.PACKAGE, hourly_rate=2_000 * RUB, package_minutes=600,
                starts_on=date(2027, 1, 1))
    client = await signed_client(uow_factory, billing, plan)
    view = await billing.balance(client.id)
    assert (view.package_minutes, view.starts_on) == (0, date(2027, 1, 1))
    text = balance_text(Language.RU, client, view, TODAY)
    assert "2027-01-01" in text and "10 ч 00 мин" not in text


async def test_the_second_month_is_not_called_the_first(billing, uow_factory, clock):
    client = await signed_client(uow_factory, billing, PACKAGE)
    await billing.open_period(client.id, DEC)
    clock.at = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
    await billing.close_period(client.id, DEC)
    await billing.open_period(client.id, Period(2027, 1))
    view = await billing.balance(client.id)
    assert not view.first_month
    assert "целиком" not in balance_text(Language.RU, client, view, date(2027, 1, 10))
