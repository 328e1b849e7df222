"""`chatdesk calendar check` and `chatdesk sla due`, run through the real command line."""

import json

import pytest

from bot.calendars import last_covered_year
from bot.cli import main


@pytest.fixture(autouse=True)
def _english_in_moscow(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    monkeypatch.setenv("TIMEZONE", "Europe/Moscow")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    # A day well inside the calendar data, whatever the wall clock says: no running-out warning.
    monkeypatch.setenv("CHATDESK_FAKE_NOW", f"{last_covered_year() - 1}-11-12T10:00")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_calendar_check_lists_days_off_transfers_and_shortened_days_as_iso_dates(capsys):
    code, out, _ = run(capsys, "calendar", "check", "2025")
    assert code == 0
    lines = out.splitlines()
    assert "2025-12-31" in lines[1] and "2025-11-03" in lines[1]
    assert lines[2].endswith("2025-11-01")
    assert lines[3].endswith("2025-03-07, 2025-04-30, 2025-06-11, 2025-11-01")


def test_calendar_check_json_is_one_object(capsys):
    code, out, _ = run(capsys, "calendar", "check", "2026", "--json")
    facts = json.loads(out)
    assert code == 0 and facts["year"] == 2026 and facts["working_days"] == []
    assert "2026-01-09" in facts["days_off"] and "2026-05-08" in facts["shortened_days"]


def test_an_unknown_year_is_a_one_line_error_with_exit_code_2(capsys):
    beyond = last_covered_year() + 3
    code, out, err = run(capsys, "calendar", "check", str(beyond))
    assert code == 2 and out == ""
    assert str(beyond) in err and f"2025–{beyond - 3}" in err
    assert len(err.strip().splitlines()) == 1


def test_sla_due_answers_in_the_desks_time_zone_across_the_new_year(capsys):
    code, out, _ = run(capsys, "sla", "due", "2025-12-30T17:00", "2")
    iso, human = out.splitlines()
    assert code == 0 and iso == "2026-01-12T10:00:00+03:00"
    assert human == ("Due: 2026-01-12 10:00 (Europe/Moscow) — 2 h of working time "
                     "from 2025-12-30 17:00")


def test_sla_due_takes_an_explicit_offset_and_calendar_hours(capsys):
    code, out, _ = run(capsys, "sla", "due", "2026-03-13T14:00+00:00", "24", "--calendar-hours",
                       "--json")
    assert code == 0 and json.loads(out)["due"] == "2026-03-14T17:00:00+03:00"


def test_sla_due_into_an_unknown_year_refuses_rather_than_guesses(capsys):
    last = last_covered_year()
    code, out, err = run(capsys, "sla", "due", f"{last}-12-29T17:00", "40")
    assert code == 2 and out == "" and str(last + 1) in err


def test_deadlines_run_into_the_year_after_the_built_in_tables(capsys):
    """2027-12-31 is a transferred day off and 2028's new-year holidays end on Sunday the 9th:
    4 working hours from Friday evening end at 13:00 on Monday 10 January 2028."""
    code, out, _ = run(capsys, "sla", "due", "2027-12-31T17:00", "4")
    assert code == 0 and out.splitlines()[0] == "2028-01-10T13:00:00+03:00"
    facts = json.loads(run(capsys, "calendar", "check", "2028", "--json")[1])
    assert "2028-11-03" in facts["shortened_days"]  # the day before Unity Day, by art. 95


@pytest.mark.parametrize(("start", "hours", "word"),
                         [("next tuesday", "2", "start"), ("2026-03-03T10:00", "-1", "hours"),
                          ("2026-03-03T10:00", "two", "hours")])
def test_bad_input_is_one_line_saying_what_to_give(capsys, start, hours, word):
    code, _, err = run(capsys, "sla", "due", start, hours)
    assert code == 2 and word in err and len(err.strip().splitlines()) == 1


def test_unreadable_working_hours_name_the_setting(capsys, monkeypatch):
    monkeypatch.setenv("WORK_HOURS", "nine to six")
    code, _, err = run(capsys, "sla", "due", "2026-03-03T10:00", "2")
    assert code == 2 and "WORK_HOURS" in err


@pytest.mark.parametrize("command", [("calendar", "check", "2026"),
                                     ("sla", "due", "2026-03-06T17:00", "1")])
def test_from_december_1_of_the_last_covered_year_calendar_and_sla_warn_in_one_line(
        monkeypatch, capsys, command):
    last = last_covered_year()
    monkeypatch.setenv("CHATDESK_FAKE_NOW", f"{last}-12-01T00:30")
    code, out, err = run(capsys, *command)
    assert code == 0 and out
    assert err.strip() == (
        f"chatdesk: warning: the working calendar is known only to the end of {last}: from "
        f"January 1, {last + 1} SLA deadlines cannot be computed. Update chatdesk (the holidays "
        "package and the tables in bot/calendars.py) before the new year")


def test_the_day_before_the_notice_month_there_is_no_warning(monkeypatch, capsys):
    monkeypatch.setenv("CHATDESK_FAKE_NOW", f"{last_covered_year()}-11-30T23:30")
    code, _, err = run(capsys, "calendar", "check", "2026")
    assert (code, err) == (0, "")


def test_past_the_last_covered_year_the_warning_says_deadlines_are_not_computed(monkeypatch,
                                                                                 capsys):
    last = last_covered_year()
    monkeypatch.setenv("CHATDESK_FAKE_NOW", f"{last + 1}-01-01T00:30")
    code, _, err = run(capsys, "calendar", "check", "2026")
    assert code == 0 and len(err.strip().splitlines()) == 1
    assert err.startswith(f"chatdesk: warning: the working calendar is known only to the end "
                          f"of {last}, and today is {last + 1}-01-01: SLA deadlines cannot")
