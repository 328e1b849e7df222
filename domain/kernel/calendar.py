"""The working calendar: when the support desk works, and arithmetic over working time.

Pure and stdlib-only. An adapter (`bot/calendars.py`) builds a `WorkCalendar` from the
country's production calendar; the SLA clock and the CLI only ever see this value.
Times in and out are timezone-aware; the result is always UTC.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Interval = tuple[int, int]  # minutes from local midnight, [start, end)


DaySchedule = tuple[Interval, ...]


DAY = 24 * 60


class CalendarYearUnknown(Exception):
    """A date in a year the calendar has no holiday data for: an error, never a guess."""

    def __init__(self, year: int, known: tuple[int, int]) -> None:
        super().__init__(f"no working calendar for {year}: known years are {known[0]}–{known[1]}")
        self.year = year
        self.known = known


def coverage_notice(last_year: int, today: date) -> str | None:
    """Whether to warn that the calendar data runs out: "running_out" from December 1 of the
    last covered year (a month's notice), "ran_out" once `today` is past it, else None."""
    if today.year > last_year:
        return "ran_out"
    if today >= date(last_year, 12, 1):
        return "running_out"
    return None


def hours(start: str, end: str) -> Interval:
    """('09:00', '13:00') -> (540, 780)."""
    return _minute_of_day(start), _minute_of_day(end)


def _minute_of_day(text: str) -> int:
    hh, mm = text.split(":")
    value = int(hh) * 60 + int(mm)
    if not 0 <= value <= DAY:
        raise ValueError(f"{text!r} is not a time of day")
    return value


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Weekly hours in a time zone, minus days off, plus transferred working days."""

    tz: str
    week: tuple[DaySchedule, ...]  # Monday..Sunday
    first_year: int
    last_year: int
    days_off: frozenset[date] = frozenset()
    # A working Saturday keeps the hours of the weekday it stands in for (0 = Monday).
    working_days: Mapping[date, int] = field(default_factory=dict)
    shortened: Mapping[date, int] = field(default_factory=dict)  # minutes cut from day's end
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a week has seven days, Monday first")
        for day in self.week:
            previous = 0
            for start, end in day:
                if not previous <= start < end <= DAY:
                    raise ValueError(f"working intervals must be ordered and disjoint: {day}")
                previous = end
        if not any(self.week):
            raise ValueError("a calendar must have some working hours in the week")
        object.__setattr__(self, "_zone", ZoneInfo(self.tz))

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @property
    def years(self) -> tuple[int, int]:
        return self.first_year, self.last_year

    def check_year(self, year: int) -> None:
        if not self.first_year <= year <= self.last_year:
            raise CalendarYearUnknown(year, self.years)

    def schedule(self, day: date) -> DaySchedule:
        """The local working intervals of one day (empty on a day off)."""
        self.check_year(day.year)
        if day in self.days_off:
            return ()
        weekday = self.working_days.get(day, day.weekday())
        intervals = self.week[weekday]
        cut = self.shortened.get(day, 0)
        if cut and intervals:
            intervals = _cut_end(intervals, cut)
        return intervals

    def _utc_intervals(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        for start, end in self.schedule(day):
            yield self._at(day, start), self._at(day, end)

    def _at(self, day: date, minute: int) -> datetime:
        day, minute = (day + timedelta(days=1), 0) if minute == DAY else (day, minute)
        local = datetime.combine(day, time(minute // 60, minute % 60), self._zone)
        return local.astimezone(UTC)

    def local_date(self, moment: datetime) -> date:
        return _aware(moment).astimezone(self._zone).date()


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


SETTING_NAMES = ("Setting WORK_DAYS", "Setting WORK_HOURS", "Setting LUNCH_BREAK")


class WeekSpecError(ValueError):
    """Working days / hours / lunch break that cannot be read; the message names which."""


def parse_week(work_days: str, work_hours: str, lunch_break: str,
               names: tuple[str, str, str] = SETTING_NAMES) -> tuple[DaySchedule, ...]:
    """'mon-fri', '09:00-18:00', '13:00-14:00' -> the weekly schedule, Monday first.
    `names` say what to call the three values in an error (settings, or CLI options)."""
    days = _parse_days(work_days, names[0])
    try:
        start, end = hours(*work_hours.split("-"))
        if start >= end:
            raise ValueError
    except (TypeError, ValueError):
        raise WeekSpecError(
            f"{names[1]} is invalid: expected HH:MM-HH:MM (got {work_hours!r})") from None
    day: DaySchedule = ((start, end),)
    if lunch_break.strip():
        try:
            lunch_start, lunch_end = hours(*lunch_break.split("-"))
            if not start < lunch_start < lunch_end < end:
                raise ValueError
        except (TypeError, ValueError):
            raise WeekSpecError(
                f"{names[2]} is invalid: expected HH:MM-HH:MM inside the working hours "
                f"(got {lunch_break!r})") from None
        day = ((start, lunch_start), (lunch_end, end))
    return tuple(day if weekday in days else () for weekday in range(7))


def _parse_days(text: str, name: str) -> set[int]:
    days: set[int] = set()
    try:
        for part in text.lower().replace(" ", "").split(","):
            first, _, last = part.partition("-")
            a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
            if b < a:
                raise ValueError
            days.update(range(a, b + 1))
    except ValueError:
        raise WeekSpecError(
            f"{name} is invalid: expected e.g. mon-fri or mon-thu,sat (got {text!r})") from None
    return days


@dataclass(frozen=True, slots=True)
class ClientHours:
    """A client's own working calendar: its time zone and weekly hours (with a lunch break).
    Holidays, transfers and shortened days stay the desk's (the country's)."""

    client_id: int
    timezone: str
    work_days: str = "mon-fri"
    work_hours: str = "09:00-18:00"
    lunch_break: str = ""

    def validate(self) -> None:
        """A one-line `WeekSpecError` naming the bad value (the CLI's options)."""
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise WeekSpecError(f"--timezone is invalid: unknown time zone {self.timezone!r} "
                                "(use e.g. Europe/Moscow or Asia/Yekaterinburg)") from None
        parse_week(self.work_days, self.work_hours, self.lunch_break,
                   ("--days", "--hours", "--lunch"))

    @property
    def spec(self) -> tuple[str, str, str, str]:
        return self.timezone, self.work_days, self.work_hours, self.lunch_break


def with_client_hours(cal: WorkCalendar, own: ClientHours | None) -> WorkCalendar:
    """The desk's calendar, or the client's time zone and weekly hours over the same holidays."""
    if own is None:
        return cal
    return replace(cal, tz=own.timezone,
                   week=parse_week(own.work_days, own.work_hours, own.lunch_break))


def _cut_end(intervals: DaySchedule, minutes: int) -> DaySchedule:
    kept: list[Interval] = []
    for start, end in reversed(intervals):
        if minutes >= end - start:
            minutes -= end - start
            continue
        kept.append((start, end - minutes))
        minutes = 0
    return tuple(reversed(kept))


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("the working calendar needs timezone-aware times")
    return moment


def _days_from(cal: WorkCalendar, moment: datetime) -> Iterator[date]:
    # Local days: yesterday's hours end by local midnight, so they never matter.
    day = cal.local_date(moment)
    while True:
        yield day
        day += timedelta(days=1)


def add_working_delta(cal: WorkCalendar, start: datetime, amount: timedelta) -> datetime:
    """The moment `amount` of working time after `start`; O(days), never O(minutes)."""
    cursor = _aware(start).astimezone(UTC)
    if amount <= timedelta(0):
        return cursor
    remaining = amount
    for day in _days_from(cal, cursor):
        for begin, end in cal._utc_intervals(day):
            if end <= cursor:
                continue
            begin = max(begin, cursor)
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin
    raise AssertionError("unreachable: the day iterator is endless")  # pragma: no cover


def add_working_time(cal: WorkCalendar, start: datetime, minutes: int) -> datetime:
    """The moment `minutes` working minutes after `start` (a deadline ends inside working time)."""
    return add_working_delta(cal, start, timedelta(minutes=minutes))


def working_delta_between(cal: WorkCalendar, a: datetime, b: datetime) -> timedelta:
    """Working time in [a, b); zero when b is not after a."""
    a, b = _aware(a).astimezone(UTC), _aware(b).astimezone(UTC)
    total = timedelta(0)
    if b <= a:
        return total
    last = cal.local_date(b)
    for day in _days_from(cal, a):
        if day > last:
            break
        for begin, end in cal._utc_intervals(day):
            overlap = min(end, b) - max(begin, a)
            if overlap > timedelta(0):
                total += overlap
    return total


def working_minutes_between(cal: WorkCalendar, a: datetime, b: datetime) -> int:
    """Whole working minutes in [a, b)."""
    return int(working_delta_between(cal, a, b).total_seconds() // 60)


def is_working_time(cal: WorkCalendar, moment: datetime) -> bool:
    """Whether the desk works at this moment (interval starts count, ends do not)."""
    moment = _aware(moment).astimezone(UTC)
    return any(begin <= moment < end
               for begin, end in cal._utc_intervals(cal.local_date(moment)))


def next_working_moment(cal: WorkCalendar, moment: datetime) -> datetime:
    """`moment` itself during working time, else the start of the next working interval."""
    cursor = _aware(moment).astimezone(UTC)
    for day in _days_from(cal, cursor):
        for begin, end in cal._utc_intervals(day):
            if end > cursor:
                return max(begin, cursor)
    raise AssertionError("unreachable: the day iterator is endless")  # pragma: no cover
