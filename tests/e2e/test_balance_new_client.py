"""A package client's balance from the moment its plan is set, before any work: in the group's
/balance and the owner's private one (real aiogram against the fake Bot API, real SQLite),
and from `chatdesk balance` (the CLI, as from a shell)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from domain.billing.model import Period
from domain.billing.service import Billing
from domain.kernel.model import BillingModel, Plan
from tests.e2e.test_billing_telegram import BOSS
from tests.e2e.test_billing_telegram import desk as desk  # noqa: F401 - the shared fixture
from tests.e2e.test_staff_workspace import GROUP, KATE

PACKAGE = Plan(BillingModel.PACKAGE, hourly_rate=200_000, package_minutes=10 * 60)


async def test_new_package_client_sees_its_hours_in_the_group_before_any_work(desk):  # noqa: F811
    async with desk.app.uow() as uow:
        acme = await uow.clients.get_by_name("ACME")
    await Billing(desk.app.uow, desk.app.clock).set_plan(acme.id, PACKAGE)

    desk.say(KATE, "/balance")
    shown = await desk.fake.wait_sent(GROUP, lambda m: "Баланс «ACME»" in m.get("text", ""))
    assert "осталось 10 ч 00 мин из 10 ч 00 мин" in shown["text"]
    assert "сгорают 1-го" in shown["text"]
    assert "Деньги на балансе: 0" not in shown["text"]

    desk.private(BOSS, "/balance", first_name="Boss")
    private = await desk.fake.wait_sent(BOSS, lambda m: "Баланс «ACME»" in m.get("text", ""))
    assert private["text"] == shown["text"]  # one answer wherever it is asked


@pytest.fixture
def cli(make_cli):
    return make_cli("en")


def test_chatdesk_balance_shows_a_new_package_clients_hours(cli):
    assert cli("clients", "add", "ACME")[0] == 0
    assert cli("plans", "set", "ACME", "--model", "package", "--hours", "10",
               "--rate", "2000")[0] == 0
    code, out, _ = cli("balance", "acme")
    assert code == 0 and "10 h 00 min left of 10 h 00 min" in out and "burn on the 1st" in out
    code, out, _ = cli("balance", "ACME", "--json")
    shown = json.loads(out)
    month = Period.parse(shown["month"])
    assert (code, shown["model"], shown["package_minutes"], shown["package_left"]) == (
        0, "package", 600, 600)
    assert date.fromisoformat(shown["burns_on"]) == month.shift(1).first_day
    assert shown["balance"] == 0


def test_chatdesk_balance_refuses_an_unknown_client_or_one_without_a_plan_in_one_line(cli):
    code, out, err = cli("balance", "Nobody")
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    cli("clients", "add", "ACME")
    code, out, err = cli("balance", "ACME")
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
