"""`chatdesk sla policies`, `chatdesk clients priority` and `chatdesk calendar client`, run
through the real command line against a real SQLite file."""

import asyncio
import json
from datetime import UTC, datetime

import pytest

from bot.calendars import last_covered_year
from bot.cli import main
from domain.kernel.model import Coverage, Kind, Ticket, TicketStatus
from domain.sla.model import Metric
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

POLICIES = """
[[policy]]
name = "VIP"
min_priority = 2
first_reaction = "1h"

[[policy]]
name = "Everyone"
first_reaction = "8h"
resolution = "72h calendar"
"""


@pytest.fixture(autouse=True)
def _english(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    (tmp_path / "sla.toml").write_text(POLICIES, encoding="utf-8")
    monkeypatch.setenv("SLA_POLICIES_FILE", str(tmp_path / "sla.toml"))
    # Inside the calendar data whatever the wall clock says: no running-out warning on stderr.
    monkeypatch.setenv("CHATDESK_FAKE_NOW", f"{last_covered_year() - 1}-11-12T10:00")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _with_uow(tmp_path, work):  # noqa: ANN001, ANN202
    async def go():  # noqa: ANN202
        engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
        try:
            async with SqlUnitOfWorkFactory(engine)() as uow:
                result = await work(uow)
                await uow.commit()
                return result
        finally:
            await engine.dispose()
    return asyncio.run(go())


def test_sla_policies_prints_the_rules_of_the_file_in_order(capsys):
    code, out, _ = run(capsys, "sla", "policies", "--json")
    data = json.loads(out)
    assert code == 0 and [p["name"] for p in data["policies"]] == ["VIP", "Everyone"]
    assert data["policies"][1]["resolution"] == "72h calendar"
    code, out, _ = run(capsys, "sla", "policies")
    assert out.splitlines()[1].startswith("1. VIP: priority>=2 kinds=any  first_reaction=1h")


def test_a_bad_policy_file_is_one_line_and_the_bot_does_not_start(capsys, tmp_path):
    (tmp_path / "sla.toml").write_text(POLICIES.replace('"1h"', '"1 hour"'), encoding="utf-8")
    for argv in (("sla", "policies"), ("run",)):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert "rule 1 (VIP): first_reaction = '1 hour' is not a positive duration" in err


def test_a_priority_change_moves_the_deadlines_of_the_clients_open_tickets(capsys, tmp_path):
    run(capsys, "clients", "add", "ООО Вектор")
    start = datetime(2026, 11, 9, 7, 0, tzinfo=UTC)  # Monday 10:00 in Moscow

    async def ticket(uow):  # noqa: ANN001, ANN202
        client = await uow.clients.get_by_name("ООО Вектор")
        made = await uow.tickets.add(Ticket(
            None, client.id, 1, Kind.TECHNICAL, TicketStatus.ACCEPTED, "t", "t", None, None,
            Coverage.COVERED, created_at=start, updated_at=start, confirmed_at=start))
        return made.id

    ticket_id = _with_uow(tmp_path, ticket)
    code, out, _ = run(capsys, "clients", "priority", "ооо вектор", "2")
    assert code == 0 and out.strip() == ("Priority of “ООО Вектор”: 2. Open tickets whose "
                                         "deadlines were recomputed from their original "
                                         "start: 1.")

    async def due(uow):  # noqa: ANN001, ANN202
        return (await uow.sla.get_due(ticket_id))[Metric.FIRST_REACTION]

    assert _with_uow(tmp_path, due) == datetime(2026, 11, 9, 8, 0, tzinfo=UTC)  # 1 h (VIP)
    code, _, err = run(capsys, "clients", "priority", "ООО Вектор", "high")
    assert code == 2 and "whole number" in err
    code, _, err = run(capsys, "clients", "priority", "ООО Щит", "1")
    assert code == 2 and "no client “ООО Щит”" in err


def test_a_clients_own_calendar_is_set_shown_and_cleared_and_bad_input_stores_nothing(capsys):
    run(capsys, "clients", "add", "ACME")
    code, out, _ = run(capsys, "calendar", "client", "ACME", "--json")
    assert code == 0 and json.loads(out)["own"] is False
    code, _, err = run(capsys, "calendar", "client", "ACME", "--timezone", "Asia/Yekaterinburg",
                       "--lunch", "19:00-20:00")
    assert code == 2 and err.startswith("chatdesk: --lunch is invalid")
    assert json.loads(run(capsys, "calendar", "client", "ACME", "--json")[1])["own"] is False
    code, out, _ = run(capsys, "calendar", "client", "ACME", "--timezone", "Asia/Yekaterinburg",
                       "--hours", "08:00-17:00", "--lunch", "12:00-13:00")
    assert code == 0 and "now follow its own calendar" in out
    shown = json.loads(run(capsys, "calendar", "client", "ACME", "--json")[1])
    assert shown == {"client": "ACME", "own": True, "timezone": "Asia/Yekaterinburg",
                     "work_days": "mon-fri", "work_hours": "08:00-17:00",
                     "lunch_break": "12:00-13:00"}
    code, out, _ = run(capsys, "calendar", "client", "ACME", "--clear")
    assert code == 0 and "follows the desk's calendar again" in out
    assert json.loads(run(capsys, "calendar", "client", "ACME", "--json")[1])["own"] is False
