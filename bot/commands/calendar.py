"""`chatdesk calendar check YEAR` and `chatdesk sla due START HOURS`: the working calendar and
the SLA clock, answerable from a shell ("when is this due?") with the desk's own functions."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from bot.calendars import CalendarSettingError, calendar_from_settings, year_facts
from bot.errors import UsageError, UserFacingError
from bot.settings import Settings
from domain.kernel.calendar import CalendarYearUnknown
from domain.sla.model import Target, deadline
from domain.texts import t


def register(sub, command) -> None:  # noqa: ANN001 - argparse's private types
    calendar = sub.add_parser("calendar", help="the support working calendar").add_subparsers(
        dest="calendar_command", metavar="COMMAND", required=True)
    check = command("check", cmd_calendar_check,
                    "print what the calendar knows about a year: days off, working weekend "
                    "days and shortened pre-holiday days", calendar)
    check.add_argument("year", type=int)
    check.add_argument("--json", action="store_true", help="print one JSON object")

    sla = sub.add_parser("sla", help="SLA deadlines").add_subparsers(
        dest="sla_command", metavar="COMMAND", required=True)
    due = command("due", cmd_sla_due,
                  "when something that started at START falls due after HOURS of working time",
                  sla)
    due.add_argument("start", help="ISO date and time, e.g. 2026-03-06T17:00 (TIMEZONE if "
                     "no offset is given)")
    due.add_argument("hours", help="hours to go, e.g. 4 or 1.5")
    due.add_argument("--calendar-hours", action="store_true",
                     help="count plain calendar hours instead of working hours")
    due.add_argument("--json", action="store_true", help="print one JSON object")


def _unknown_year(settings: Settings, exc: CalendarYearUnknown) -> UserFacingError:
    first, last = exc.known
    return UserFacingError(t(settings.default_language, "calendar.unknown_year",
                             year=exc.year, first=first, last=last))


async def cmd_calendar_check(args: argparse.Namespace, settings: Settings) -> int:
    lang = settings.default_language
    try:
        facts = year_facts(args.year)
    except CalendarYearUnknown as exc:
        raise _unknown_year(settings, exc) from None
    if args.json:
        print(json.dumps({
            "year": facts.year,
            "days_off": _iso(facts.days_off),
            "working_days": _iso(facts.working_days),
            "shortened_days": _iso(facts.shortened),
        }))
        return 0

    def dates(days: tuple[date, ...]) -> str:
        return ", ".join(_iso(days)) or t(lang, "calendar.none")

    print(t(lang, "calendar.title", year=facts.year))
    print(t(lang, "calendar.days_off", dates=dates(facts.days_off)))
    print(t(lang, "calendar.working_days", dates=dates(facts.working_days)))
    print(t(lang, "calendar.shortened", dates=dates(facts.shortened)))
    return 0


async def cmd_sla_due(args: argparse.Namespace, settings: Settings) -> int:
    lang, zone = settings.default_language, settings.tz
    try:
        start = datetime.fromisoformat(args.start)
    except ValueError:
        raise UsageError(t(lang, "sla.bad_start", value=args.start)) from None
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    try:
        amount = float(args.hours.replace(",", "."))
        if not 0 <= amount:  # also NaN
            raise ValueError
    except ValueError:
        raise UsageError(t(lang, "sla.bad_hours", value=args.hours)) from None
    if amount >= 100_000:
        raise UsageError(t(lang, "sla.too_many_hours", value=args.hours))
    minutes = round(amount * 60)
    working = not args.calendar_hours
    try:
        calendar = calendar_from_settings(settings)
        due = deadline(calendar, Target(minutes, working), start) if minutes else start
        if working:
            calendar.check_year(calendar.local_date(start).year)  # zero hours: still a known year
    except CalendarSettingError as exc:
        raise UserFacingError(str(exc)) from None
    except CalendarYearUnknown as exc:
        raise _unknown_year(settings, exc) from None
    due_local = due.astimezone(zone)
    if args.json:
        print(json.dumps({"start": start.astimezone(zone).isoformat(), "hours": amount,
                          "working_hours": working, "due": due_local.isoformat(),
                          "timezone": settings.timezone}))
        return 0
    print(due_local.isoformat())
    print(t(lang, "sla.due", due=f"{due_local:%Y-%m-%d %H:%M}", tz=settings.timezone,
            amount=f"{amount:g}", start=f"{start.astimezone(zone):%Y-%m-%d %H:%M}",
            mode=t(lang, "sla.working_hours" if working else "sla.calendar_hours")))
    return 0


def _iso(days: tuple[date, ...]) -> list[str]:
    return [d.isoformat() for d in days]
