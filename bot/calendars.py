"""Builds the domain's `WorkCalendar` from the Russian production calendar and the settings.

Public holidays and transferred days off come from the `holidays` package. What it does not
say — which weekday's hours a working Saturday keeps, and which days are shortened by an hour
before a holiday (Labour Code art. 95) — is in the small tables below, one line per fact.
Only years present in both are "known"; anything else is `CalendarYearUnknown`, not a guess.

When the tables run out, later years come from the `holidays` package alone (upgrade it to
get a newly published decree): its public holidays, transferred days off and working
weekend days, with the days before a public holiday shortened by an hour (art. 95). Years
with a decree in the package are covered, and so is the year after the last of them — its
decree is published in the autumn, so until then it holds the statutory holidays only.
`last_covered_year()` is the last year deadlines can be counted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from bot.settings import Settings
from domain.kernel.calendar import (
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

KNOWN_YEARS = (min(SHORTENED_DAYS), max(SHORTENED_DAYS))  # the tables above
PACKAGE_LOOKAHEAD = 10  # years after the tables searched for a decree in the package


def _has_decree(year: int) -> bool:
    """Whether the package holds the year's transfer decree (days off moved, or a weekend
    day working), not only the statutory holidays."""
    public = holidays.country_holidays("RU", years=year)
    moved = any(d.year == year and ("substituted" in name.lower() or "observed" in name.lower())
                for d, name in public.items())
    return moved or bool(getattr(public, "weekend_workdays", None))


def last_covered_year() -> int:
    """The last year the working calendar has data for: the tables', or the package's last
    decree year, plus one year of statutory holidays ahead."""
    last = KNOWN_YEARS[1]
    for year in range(KNOWN_YEARS[1] + 1, KNOWN_YEARS[1] + PACKAGE_LOOKAHEAD + 1):
        if _has_decree(year):
            last = year
    return last + 1


def covered_years() -> tuple[int, int]:
    return KNOWN_YEARS[0], last_covered_year()


CalendarSettingError = WeekSpecError  # WORK_DAYS / WORK_HOURS / LUNCH_BREAK, named in the message


@dataclass(frozen=True, slots=True)
class YearFacts:
    """What the production calendar says about one year, as `chatdesk calendar check` shows it."""

    year: int
    days_off: tuple[date, ...]  # public holidays and transferred days off on weekdays
    working_days: tuple[date, ...]  # weekend days that are working days
    shortened: tuple[date, ...]


def year_facts(year: int) -> YearFacts:
    """The production calendar of one covered year; `CalendarYearUnknown` outside them."""
    first, last = covered_years()
    if not first <= year <= last:
        raise CalendarYearUnknown(year, (first, last))
    public = holidays.country_holidays("RU", years=year)
    days_off = tuple(sorted(d for d in public if d.year == year))
    if year in SHORTENED_DAYS:
        return YearFacts(year=year, days_off=days_off,
                         working_days=tuple(sorted(WORKING_SATURDAYS[year])),
                         shortened=SHORTENED_DAYS[year])
    working = tuple(sorted(d for d in getattr(public, "weekend_workdays", ()) if d.year == year))
    return YearFacts(year=year, days_off=days_off, working_days=working,
                     shortened=_pre_holiday(days_off, working))


def _pre_holiday(days_off: tuple[date, ...], working: tuple[date, ...]) -> tuple[date, ...]:
    """Art. 95: the working day right before a public holiday is an hour shorter."""
    off = set(days_off)

    def works(day: date) -> bool:
        return day in working or (day.weekday() < 5 and day not in off)

    return tuple(sorted({d - timedelta(days=1) for d in off
                         if (d - timedelta(days=1)).year == d.year
                         and works(d - timedelta(days=1))}))


def _working_saturday_weekday(facts: YearFacts, day: date) -> int:
    return WORKING_SATURDAYS.get(facts.year, {}).get(day, 0)


def russian_calendar(tz: str, week: tuple[DaySchedule, ...],
                     years: tuple[int, int] | None = None) -> WorkCalendar:
    """A working calendar for the Russian production calendar of `years` (all covered by
    default)."""
    years = years or covered_years()
    facts = [year_facts(y) for y in range(years[0], years[1] + 1)]
    return WorkCalendar(
        tz=tz,
        week=week,
        first_year=years[0],
        last_year=years[1],
        days_off=frozenset(d for f in facts for d in f.days_off),
        working_days={d: _working_saturday_weekday(f, d) for f in facts for d in f.working_days},
        shortened={d: 60 for f in facts for d in f.shortened},
    )


def calendar_from_settings(settings: Settings) -> WorkCalendar:
    """The integrator's calendar; a client's own is `dataclasses.replace(cal, tz=..., week=...)`."""
    week = parse_week(settings.work_days, settings.work_hours, settings.lunch_break)
    return russian_calendar(settings.timezone, week)


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
