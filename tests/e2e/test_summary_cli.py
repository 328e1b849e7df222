"""`chatdesk summary` end to end on a real SQLite file, as from a shell."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from domain.billing.model import Period
from domain.kernel.model import Coverage, Kind, Ticket, TicketStatus
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.dates import desk_today

AT = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def cli(make_cli):
    return make_cli("en")


async def tickets(url: str) -> None:
    """Two confirmed requests about the same problem, one of them done."""
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            client = await uow.clients.get_by_name("ACME")
            for status in (TicketStatus.DONE, TicketStatus.ACCEPTED):
                await uow.tickets.add(Ticket(
                    None, client.id, await uow.clients.next_ticket_number(client.id),
                    Kind.TECHNICAL, status, "Телефония не звонит у менеджеров", "", None, None,
                    Coverage.COVERED, created_at=AT, updated_at=AT, confirmed_at=AT))
            await uow.commit()
    finally:
        await engine.dispose()


def test_summary_prints_the_month_as_json_and_writes_the_chart(cli, tmp_path):
    assert cli("clients", "add", "ACME")[0] == 0
    asyncio.run(tickets(cli.url))
    code, out, _ = cli("summary", "ACME", "--month", "2026-11", "--json",
                       "--png", str(tmp_path / "chart.png"))
    assert code == 0
    summary = json.loads(out)
    assert summary["opened"] == {"technical": 2} and summary["closed"] == {"technical": 1}
    assert summary["recurring"] == [{"title": "Телефония не звонит у менеджеров", "count": 2}]
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.dates
def test_summary_without_a_month_is_of_last_month_in_the_desk_time_zone(cli):
    assert cli("clients", "add", "ACME")[0] == 0
    code, out, _ = cli("summary", "ACME", "--json")
    assert code == 0
    assert json.loads(out)["month"] == str(Period.of(desk_today()).shift(-1))


def test_summary_as_text_is_written_for_a_person(cli):
    cli("clients", "add", "ACME")
    asyncio.run(tickets(cli.url))
    code, out, _ = cli("summary", "ACME", "--month", "2026-11")
    assert code == 0
    assert out.startswith("Month 2026-11 in review — “ACME”")
    assert "• technical support: 2 / 1" in out


@pytest.mark.parametrize(("argv", "message"), [
    (("summary", "Nobody", "--month", "2026-11"), "There is no client “Nobody”"),
    (("summary", "ACME", "--month", "November"), "Give the month as YYYY-MM"),
])
def test_summary_mistakes_are_one_line_for_a_person(cli, argv, message):
    cli("clients", "add", "ACME")
    code, _, err = cli(*argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_a_chart_of_a_month_without_work_says_there_is_no_data():
    import json as _json

    from bot.summary_chart import chart_figure, render_chart

    empty = _json.dumps({"title": "Hours by kind, 2026-11", "weeks": ["W1", "W2"],
                         "ylabel": "hours", "series": [],
                         "empty_note": "No data: no work was logged this month"})
    texts = [x.get_text() for x in chart_figure(empty).axes[0].texts]
    assert texts == ["No data: no work was logged this month"]
    assert render_chart(empty)[:8] == b"\x89PNG\r\n\x1a\n"
    full = _json.loads(empty) | {"series": [{"label": "technical", "hours": [1.5, 0]}]}
    assert len(chart_figure(_json.dumps(full)).axes[0].texts) == 0
