"""Builds the domain's `WorkCalendar` from the Russian production calendar and the settings.

Public holidays and transferred days off come from the `holidays` package. What it does not
say — which weekday's hours a working Saturday keeps, and which days are shortened by an hour
before a holiday (Labour Code art. 95) — is in the small tables below, one line per fact.
Only years present in both are "known"; anything else is `CalendarYearUnknown`, not a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import holidays

from bot.settings import Settings
from domain.calendar import (
    CalendarYearUnknown,
    DaySchedule,
    WeekSpecError,
    WorkCalendar,
    coverage_notice,
    parse_week,
)
from domain.texts import t

__all__ = ["CalendarSettingError", "calendar_warning", "last_covered_year", "parse_week",
           "russian_calendar", "year_facts"]

# Working Saturdays of the government's transfer decrees -> the weekday whose day off they
# replace (0 = Monday). 2025: Sat 1 Nov works for Mon 3 Nov; 2027: Sat 20 Feb for Mon 22 Feb.
WORKING_SATURDAYS: dict[int, dict[date, int]] = {
    2025: {date(2025, 11, 1): 0},
    2026: {},
    2027: {date(2027, 2, 20): 0},
}

# Pre-holiday days shortened by one hour. 2025 and 2026 as published with the decrees;
# 2027 derived by art. 95 from its decree (the working day right before a public holiday).
SHORTENED_DAYS: dict[int, tuple[date, ...]] = {
    2025: (date(2025, 3, 7), date(2025, 4, 30), date(2025, 6, 11), date(2025, 11, 1)),
    2026: (date(2026, 4, 30), date(2026, 5, 8), date(2026, 6, 11), date(2026, 11, 3)),
    2027: (date(2027, 2, 20), date(2027, 4, 30), date(2027, 6, 11), date(2027, 11, 3)),
}

KNOWN_YEARS = (min(SHORTENED_DAYS), max(SHORTENED_DAYS))


CalendarSettingError = WeekSpecError  # WORK_DAYS / WORK_HOURS / LUNCH_BREAK, named in the message


@dataclass(frozen=True, slots=True)
class YearFacts:
    """What the production calendar says about one year, as `chatdesk calendar check` shows it."""

    year: int
    days_off: tuple[date, ...]  # public holidays and transferred days off on weekdays
    working_days: tuple[date, ...]  # weekend days that are working days
    shortened: tuple[date, ...]


def year_facts(year: int) -> YearFacts:
    """The production calendar of one known year; `CalendarYearUnknown` outside them."""
    if not KNOWN_YEARS[0] <= year <= KNOWN_YEARS[1]:
        raise CalendarYearUnknown(year, KNOWN_YEARS)
    public = holidays.country_holidays("RU", years=year)
    return YearFacts(
        year=year,
        days_off=tuple(sorted(d for d in public if d.year == year)),
        working_days=tuple(sorted(WORKING_SATURDAYS[year])),
        shortened=SHORTENED_DAYS[year],
    )


def russian_calendar(tz: str, week: tuple[DaySchedule, ...],
                     years: tuple[int, int] = KNOWN_YEARS) -> WorkCalendar:
    """A working calendar for the Russian production calendar of `years` (all known by default)."""
    facts = [year_facts(y) for y in range(years[0], years[1] + 1)]
    return WorkCalendar(
        tz=tz,
        week=week,
        first_year=years[0],
        last_year=years[1],
        days_off=frozenset(d for f in facts for d in f.days_off),
        working_days={d: WORKING_SATURDAYS[f.year][d] for f in facts for d in f.working_days},
        shortened={d: 60 for f in facts for d in f.shortened},
    )


def calendar_from_settings(settings: Settings) -> WorkCalendar:
    """The integrator's calendar; a client's own is `dataclasses.replace(cal, tz=..., week=...)`."""
    week = parse_week(settings.work_days, settings.work_hours, settings.lunch_break)
    return russian_calendar(settings.timezone, week)


def last_covered_year() -> int:
    """The last year the working-calendar data covers (deadlines after it are refused)."""
    return KNOWN_YEARS[1]


def calendar_warning(settings: Settings, today: date | None = None) -> str | None:
    """The warning to give at start when the calendar data runs out within a month (from
    December 1 of its last year) or already has; None while it is good. `today` defaults to
    the desk's today (its clock, in TIMEZONE)."""
    if today is None:
        from bot.clock import system_clock

        today = system_clock(settings).now().astimezone(settings.tz).date()
    last = last_covered_year()
    notice = coverage_notice(last, today)
    if notice is None:
        return None
    return t(settings.default_language, f"calendar.{notice}", last=last, next=last + 1,
             today=today.isoformat())
