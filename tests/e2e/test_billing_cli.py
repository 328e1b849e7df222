"""The billing command line end to end: `chatdesk plans|payments|statement|economics` on a
real SQLite file, the XLSX read back, and opened by LibreOffice where it is installed.

The tests are synchronous: `chatdesk` runs its own event loop, as from a shell."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from domain.billing.model import TimeRecord
from domain.billing.service import Billing
from domain.kernel.model import Coverage, Kind, Staff, Ticket, TicketStatus
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.dates import desk_today

AT = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


class Clock:
    def now(self) -> datetime:
        return AT


@pytest.fixture
def cli(make_cli):
    return make_cli("en")


async def log_work(url: str, client_name: str) -> None:
    """Work the staff workspace would log: 21 billable hours and 4 hours of learning."""
    engine = make_engine(url)
    uow = SqlUnitOfWorkFactory(engine)
    try:
        async with uow() as tx:
            client = await tx.clients.get_by_name(client_name)
            staff = await tx.staff.add(Staff(None, "Pavel", telegram_id="900"))
            ticket = await tx.tickets.add(Ticket(
                None, client.id, 1, Kind.TECHNICAL, TicketStatus.IN_PROGRESS,
                "Telephony on a profile", "", None, None, Coverage.COVERED, created_at=AT,
                updated_at=AT))
            await tx.commit()
        billing = Billing(uow, Clock())
        await billing.post_time(TimeRecord(1, client.id, Kind.TECHNICAL, 21 * 60, "billable",
                                           staff.id, AT, ticket.id, "set up telephony"))
        await billing.post_time(TimeRecord(2, client.id, Kind.TECHNICAL, 4 * 60, "learning",
                                           staff.id, AT, ticket.id, "read the docs"))
    finally:
        await engine.dispose()


@pytest.mark.dates
def test_an_admin_sets_a_plan_takes_a_payment_and_exports_the_month(cli, tmp_path):
    assert cli("clients", "add", "ACME", "--json")[0] == 0
    code, out, _ = cli("plans", "set", "acme", "--model", "tm", "--rate", "2000",
                       "--rounding", "15", "--json")
    assert code == 0
    assert json.loads(out)["plan"] == {
        "model": "time_and_materials", "kinds": [], "hourly_rate": 200000,
        "package_minutes": 0, "rounding_minutes": 15, "starts_on": None, "trial": False}
    assert "2,000\u00a0₽" in cli("plans", "show", "ACME")[1]

    paid = ("--key", "bank-1", "--date", "2026-11-12", "--json")
    first = json.loads(cli("payments", "add", "ACME", "50 000", *paid)[1])
    again = json.loads(cli("payments", "add", "ACME", "50000", *paid)[1])
    assert (first["duplicate"], again["duplicate"]) == (False, True)
    assert (first["date"], first["month"]) == ("2026-11-12", "2026-11")
    assert again["balance"] == 5_000_000

    asyncio.run(log_work(cli.url, "ACME"))
    xlsx = tmp_path / "out" / "acme-2026-11.xlsx"
    code, out, _ = cli("statement", "ACME", "--month", "2026-11", "--xlsx", str(xlsx), "--json")
    report = json.loads(out)
    assert [e["type"] for e in report["entries"]] == ["payment", "time_debit"]
    assert report["totals"] == {"technical": {"minutes": 1260, "amount": 4_200_000}}
    assert report["closing_balance"] == 5_000_000 - 4_200_000

    rows = [r for r in load_workbook(xlsx).active.iter_rows(values_only=True)]
    work = next(r for r in rows if r[1] == 1)
    assert work[2:4] == ("Pavel", "work: Telephony on a profile") and work[5:] == (1260, -42000)
    assert rows[-2][0] == "Total" and rows[-2][5:] == (1260, -42000)  # as the rows above
    assert rows[-1][1] == 8000

    economics = json.loads(cli("economics", "--month", "2026-11", "--json")[1])
    assert economics["staff"][0]["hourly_yield"] == 168_000  # 2,000 ₽ billed, 1,680 ₽ earned
    assert economics["unpaid_tickets"] == [
        {"client": "ACME", "ticket": 1, "title": "Telephony on a profile", "minutes": 240}]


@pytest.mark.dates
def test_a_payment_without_a_date_is_posted_today_in_the_desk_time_zone(cli):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    today = desk_today()
    paid = json.loads(cli("payments", "add", "ACME", "100000", "--json")[1])
    assert (paid["date"], paid["month"]) == (today.isoformat(), f"{today:%Y-%m}")
    code, out, _ = cli("statement", "ACME", "--month", f"{today:%Y-%m}", "--json")
    assert [e["type"] for e in json.loads(out)["entries"]] == ["payment"]


@pytest.mark.dates
@pytest.mark.parametrize("bad", ["12.11.2026", "2026-11-31", "20261112", "yesterday"])
def test_a_payment_date_that_is_not_a_day_is_refused_in_one_line_and_nothing_is_written(
        cli, bad):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    code, out, err = cli("payments", "add", "ACME", "100000", "--date", bad)
    assert (code, out) == (2, "")
    assert err.strip() == f"chatdesk: --date “{bad}”: give a date as YYYY-MM-DD, e.g. 2026-11-12."
    month = f"{desk_today():%Y-%m}"
    assert json.loads(cli("statement", "ACME", "--month", month, "--json")[1])["entries"] == []


@pytest.mark.dates
def test_a_payment_cannot_be_dated_after_today(cli):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    tomorrow = desk_today() + timedelta(days=1)
    code, out, err = cli("payments", "add", "ACME", "100000", "--date", tomorrow.isoformat())
    assert (code, out) == (2, "")
    assert err.strip().startswith(f"chatdesk: A payment cannot be dated in the future ({tomorrow})")
    month = f"{tomorrow:%Y-%m}"
    assert json.loads(cli("statement", "ACME", "--month", month, "--json")[1])["entries"] == []


@pytest.mark.parametrize(("typed", "kopecks", "shown"), [
    ("50000", 5_000_000, "50,000\u00a0₽"), ("50 000", 5_000_000, "50,000\u00a0₽"),
    ("50 000 ₽", 5_000_000, "50,000\u00a0₽"), ("50000,50", 5_000_050, "50,000.50\u00a0₽"),
    ("50000.50", 5_000_050, "50,000.50\u00a0₽"), ("1\u00a0680,5", 168_050, "1,680.50\u00a0₽")])
def test_payments_are_typed_in_roubles_as_people_write_them_and_told_back(cli, typed, kopecks,
                                                                          shown):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    code, out, _ = cli("payments", "add", "ACME", typed)
    assert code == 0 and f"payment of {shown}" in out.lower()
    assert json.loads(cli("payments", "add", "ACME", typed, "--key", "k", "--json")[1])[
        "amount"] == kopecks


def test_a_balance_never_passes_the_money_bound(cli):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    for key in range(10):
        assert cli("payments", "add", "ACME", "100 000 000", "--key", str(key))[0] == 0
    code, _, err = cli("payments", "add", "ACME", "0,01", "--key", "one-more")
    assert code == 2 and "1,000,000,000" in err
    balance = json.loads(cli("payments", "add", "ACME", "1", "--key", "0", "--json")[1])
    assert balance["duplicate"] and balance["balance"] == 100_000_000_000


def test_ledger_refusals_are_one_line_for_a_person(cli):
    cli("clients", "add", "ACME")
    code, _, err = cli("plans", "set", "ACME", "--model", "monthly",
                       "--kind", "control:passive:40000")
    assert code == 2
    assert err.strip() == "chatdesk: control of employees' work is active only: set its mode " \
                          "to active."
    code, _, err = cli("statement", "Nobody", "--month", "2026-11")
    assert (code, err.strip()) == (2, "chatdesk: There is no such client.")
    code, _, err = cli("economics", "--month", "November")
    assert code == 2 and "YYYY-MM" in err


def test_the_statement_opens_in_libreoffice(cli, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice (libreoffice/soffice) is not installed")
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    asyncio.run(log_work(cli.url, "ACME"))
    xlsx = tmp_path / "acme.xlsx"
    assert cli("statement", "ACME", "--month", "2026-11", "--xlsx", str(xlsx))[0] == 0
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(xlsx)], capture_output=True, timeout=120)
    assert done.returncode == 0 and (tmp_path / "acme.pdf").stat().st_size > 0


def test_the_xlsx_keeps_kopecks_exact_and_totals_each_kind_in_its_columns(cli, tmp_path):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000,50")  # 2,000.50 ₽ an hour
    asyncio.run(log_work(cli.url, "ACME"))
    xlsx = tmp_path / "acme.xlsx"
    assert cli("statement", "ACME", "--month", "2026-11", "--xlsx", str(xlsx))[0] == 0
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows())
    work = next(r for r in rows if r[1].value == 1)
    assert work[6].value == -42010.5 and work[6].number_format == "#,##0.00"
    totals = next(i for i, r in enumerate(rows) if r[0].value == "Totals by kind")
    kind_row = [c.value for c in rows[totals + 1]]
    assert kind_row == [None, None, None, "21 h 00 min", "technical support", 1260, -42010.5]
    total = [c.value for c in rows[totals + 2]]
    assert total == ["Total", None, None, "21 h 00 min", None, 1260, -42010.5]


def test_an_empty_month_says_so_under_the_totals_by_kind(cli, tmp_path):
    cli("clients", "add", "ACME")
    cli("plans", "set", "ACME", "--model", "tm", "--rate", "2000")
    xlsx = tmp_path / "acme.xlsx"
    assert cli("statement", "ACME", "--month", "2026-10", "--xlsx", str(xlsx))[0] == 0
    rows = [r for r in load_workbook(xlsx).active.iter_rows(values_only=True)]
    totals = next(i for i, r in enumerate(rows) if r[0] == "Totals by kind")
    assert rows[totals + 1][3] == "no billable work this month"
    assert rows[totals + 2][0] == "Total" and rows[totals + 2][3] == "0 h 00 min"
