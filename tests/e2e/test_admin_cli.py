"""Running the desk from a shell: `chatdesk clients list|show|rename|archive`, `staff
list|remove|role|add`, `plans history`, on a real SQLite file. Bad ids are one line and exit 2,
and write nothing."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from domain.intake.service import InboundMessage, IntakeService, Outcome
from domain.kernel.model import Coverage, Kind, Platform, Ticket, TicketStatus
from domain.onboarding.service import link_chat
from domain.triage import default_classifier
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

AT = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def cli(make_cli):
    return make_cli("en")


async def _in_db(url: str, work):  # noqa: ANN001, ANN202
    engine = make_engine(url)
    try:
        return await work(SqlUnitOfWorkFactory(engine))
    finally:
        await engine.dispose()


def open_ticket(url: str, client_name: str, title: str) -> None:
    async def work(uow):  # noqa: ANN001, ANN202
        async with uow() as tx:
            client = await tx.clients.get_by_name(client_name)
            await tx.tickets.add(Ticket(
                None, client.id, await tx.clients.next_ticket_number(client.id), Kind.TECHNICAL,
                TicketStatus.ACCEPTED, title, "", None, None, Coverage.COVERED, created_at=AT,
                updated_at=AT))
            await tx.commit()
    asyncio.run(_in_db(url, work))


def message_in_chat(url: str, client_name: str, text: str) -> Outcome:
    async def work(uow):  # noqa: ANN001, ANN202
        async with uow() as tx:
            client = await tx.clients.get_by_name(client_name)
            await link_chat(tx, client, Platform.TELEGRAM, "-100500")
            await tx.commit()
        async with uow() as tx:
            result = await IntakeService(default_classifier()).process(tx, InboundMessage(
                Platform.TELEGRAM, "-100500", "m1", "42", "Ivan", AT, text))
            await tx.commit()
            return result.outcome
    return asyncio.run(_in_db(url, work))


def test_clients_list_shows_plan_balance_and_open_requests(cli):
    cli("clients", "add", "ACME")
    cli("clients", "add", "Vector")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    cli("payments", "add", "ACME", "50 000", "--key", "bank-1")
    open_ticket(cli.url, "ACME", "Telephony is down")

    code, out, _ = cli("clients", "list", "--json")
    assert code == 0
    rows = {c["name"]: c for c in json.loads(out)["clients"]}
    assert rows["ACME"]["balance"]["amount"] == 5_000_000
    assert rows["ACME"]["plan"]["model"] == "time_and_materials"
    assert [t["title"] for t in rows["ACME"]["open_tickets"]] == ["Telephony is down"]
    assert rows["Vector"]["plan"] is None and rows["Vector"]["balance"] is None

    code, out, _ = cli("clients", "list")
    assert out.splitlines() == [
        "ACME: pay by the hour from a balance, 2,000\u00a0₽ an hour; "
        "50,000\u00a0₽ on balance; open requests: 1",
        "Vector: no plan; no balance; open requests: 0",
    ]
    code, out, _ = cli("clients", "show", "acme")
    assert code == 0 and "№1 Telephony is down — accepted, in the queue" in out


def test_an_archived_client_is_hidden_and_its_chat_no_longer_served(cli):
    cli("clients", "add", "ACME")
    cli("clients", "add", "Old Co")
    code, out, _ = cli("clients", "archive", "old co")
    assert code == 0 and "Old Co" in out
    names = [c["name"] for c in json.loads(cli("clients", "list", "--json")[1])["clients"]]
    assert names == ["ACME"]
    everyone = json.loads(cli("clients", "list", "--all", "--json")[1])["clients"]
    assert [c["name"] for c in everyone] == ["ACME", "Old Co"]
    assert everyone[1]["archived_at"] is not None

    assert message_in_chat(cli.url, "Old Co", "Телефония не работает, срочно") \
        is Outcome.UNKNOWN_CHAT
    cli("clients", "archive", "Old Co", "--restore")
    assert [c["name"] for c in json.loads(cli("clients", "list", "--json")[1])["clients"]] \
        == ["ACME", "Old Co"]


def test_renaming_a_client_keeps_it_and_refuses_a_taken_name(cli):
    cli("clients", "add", "ACME")
    cli("clients", "add", "Vector")
    assert cli("clients", "rename", "acme", "ACME Group")[0] == 0
    assert json.loads(cli("clients", "show", "ACME Group", "--json")[1])["name"] == "ACME Group"
    code, out, err = cli("clients", "rename", "ACME Group", "vector")
    assert (code, out, err.strip()) == (2, "", "chatdesk: There already is a client “vector”.")
    code, _, err = cli("clients", "show", "Nobody")
    assert (code, err.strip()) == (2, "chatdesk: There is no client “Nobody”.")


@pytest.mark.parametrize("bad", ["abc", "-5", "0", "12345678901234567890123456", "4.2",
                                 str(2**52 + 1), "١٢٣"])
def test_a_telegram_id_that_is_not_a_positive_number_is_refused_in_one_line(cli, bad):
    code, out, err = cli("staff", "add", "--name", "Pavel", f"--telegram-id={bad}")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "is not a Telegram id" in err
    assert json.loads(cli("staff", "list", "--json")[1])["staff"] == []


def test_phone_numbers_are_kept_as_digits_and_nonsense_is_refused(cli):
    code, out, _ = cli("staff", "add", "--name", "Pavel", "--whatsapp-id", "+7 (900) 111-22-33",
                       "--telegram-id", str(2**52), "--json")
    assert code == 0
    listed = json.loads(cli("staff", "list", "--json")[1])["staff"]
    assert (listed[0]["whatsapp_id"], listed[0]["telegram_id"]) == ("79001112233", str(2**52))
    code, _, err = cli("staff", "add", "--name", "Kate", "--whatsapp-id", "call me")
    assert code == 2 and "is not a phone number" in err
    code, _, err = cli("staff", "add", "--name", "Kate", "--whatsapp-id", "79001112233")
    assert (code, err.strip()) == (2, "chatdesk: Pavel is already on the team.")


def test_staff_roles_and_removal_keep_one_admin_and_let_a_member_come_back(cli):
    cli("staff", "add", "--name", "Anna", "--telegram-id", "100", "--role", "admin")
    cli("staff", "add", "--name", "Pavel", "--telegram-id", "200")
    cli("clients", "add", "ACME")
    cli("staff", "serve", "--staff", "2", "--client", "ACME")

    out = cli("staff", "list")[1]
    assert out.splitlines() == ["1. Anna — admin; Telegram 100; serves: every client",
                                "2. Pavel — staff; Telegram 200; serves: ACME"]
    code, _, err = cli("staff", "remove", "1")
    assert (code, err.strip()) == (
        2, "chatdesk: Anna is the only admin: make someone else an admin first.")
    assert cli("staff", "role", "2", "admin")[0] == 0
    assert cli("staff", "role", "1", "staff")[0] == 0
    assert cli("staff", "remove", "1")[0] == 0
    assert [s["name"] for s in json.loads(cli("staff", "list", "--json")[1])["staff"]] \
        == ["Pavel"]
    code, _, err = cli("staff", "remove", "1")
    assert (code, err.strip()) == (2, "chatdesk: There is no staff member number 1.")
    for bad in ("abc", "-1", "99999999999999999999999"):
        for argv in (("staff", "remove", bad), ("staff", "role", bad, "admin"),
                     ("staff", "serve", f"--staff={bad}", "--client", "ACME")):
            code, _, err = cli(*argv)
            assert (code, err.strip()) == (
                2, f"chatdesk: The staff number “{bad}” is a whole number from “staff list”.")

    # Anna comes back with the same Telegram account: the same member, access restored.
    code, out, _ = cli("staff", "add", "--name", "Anna K.", "--telegram-id", "100", "--json")
    assert (code, json.loads(out)["id"]) == (0, 1)
    assert [s["name"] for s in json.loads(cli("staff", "list", "--json")[1])["staff"]] \
        == ["Anna K.", "Pavel"]


def test_plans_history_lists_every_plan_a_client_had(cli):
    cli("clients", "add", "ACME")
    assert cli("plans", "history", "ACME")[1].strip() == \
        "The plan of “ACME” has not changed yet."
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    cli("plans", "set", "ACME", "--model", "package", "--hours", "20", "--rate", "2500")
    code, out, _ = cli("plans", "history", "ACME", "--json")
    changes = json.loads(out)["changes"]
    assert code == 0
    assert [(c["plan"]["model"], c["plan"]["hourly_rate"]) for c in changes] == [
        ("time_and_materials", 200000), ("package", 250000)]
    text = cli("plans", "history", "ACME")[1]
    assert "package of hours, 20 h a month, 2,500\u00a0₽ an hour beyond" in text
