"""The working calendar: Moscow hours 09–18 with lunch 13–14, Russian holidays and transfers."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendars import (
    KNOWN_YEARS,
    WORKING_SATURDAYS,
    CalendarSettingError,
    last_covered_year,
    parse_week,
    russian_calendar,
    year_facts,
)
from domain.kernel.calendar import (
    CalendarYearUnknown,
    WorkCalendar,
    add_working_time,
    coverage_notice,
    is_working_time,
    next_working_moment,
    working_minutes_between,
)

MSK = ZoneInfo("Europe/Moscow")
WEEK = parse_week("mon-fri", "09:00-18:00", "13:00-14:00")
CAL = russian_calendar("Europe/Moscow", WEEK)


def msk(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


@pytest.mark.parametrize(
    ("start", "hours", "due", "why"),
    [
        (msk(2026, 3, 3, 10, 0), 2, msk(2026, 3, 3, 12, 0), "inside one morning"),
        (msk(2026, 3, 3, 12, 30), 1, msk(2026, 3, 3, 14, 30), "lunch does not count"),
        (msk(2026, 3, 3, 22, 0), 1, msk(2026, 3, 4, 10, 0), "the night does not count"),
        (msk(2026, 3, 13, 17, 0), 2, msk(2026, 3, 16, 10, 0), "the weekend does not count"),
        (msk(2026, 3, 14, 11, 0), 1, msk(2026, 3, 16, 10, 0), "a start on Saturday waits"),
        (msk(2025, 12, 30, 17, 0), 2, msk(2026, 1, 12, 10, 0),
         "Dec 31 and the New Year holidays with Jan 9 transferred are off"),
        (msk(2026, 4, 30, 16, 30), 1, msk(2026, 5, 4, 9, 30),
         "Apr 30 ends an hour early; May 1–3 are off"),
        (msk(2025, 10, 31, 17, 0), 8, msk(2025, 11, 1, 17, 0),
         "Sat Nov 1 2025 is a working day, one hour short"),
        (msk(2025, 10, 31, 17, 0), 9, msk(2025, 11, 5, 10, 0),
         "Nov 2 Sunday, Nov 3 transferred and Nov 4 holiday are off"),
        (msk(2026, 3, 6, 17, 30), 1, msk(2026, 3, 10, 9, 30),
         "Women's Day on Sunday moves the day off to Monday Mar 9"),
        (msk(2027, 2, 19, 17, 0), 4, msk(2027, 2, 20, 12, 0),
         "Sat Feb 20 2027 works for Mon Feb 22"),
    ],
)
def test_working_time_is_added_over_nights_weekends_and_holidays(start, hours, due, why):
    assert add_working_time(CAL, start, hours * 60) == due.astimezone(UTC), why


def test_the_result_is_aware_utc_whatever_zone_came_in():
    due = add_working_time(CAL, datetime(2026, 3, 3, 7, 0, tzinfo=UTC), 60)
    assert due.tzinfo is UTC and due == msk(2026, 3, 3, 11, 0)


@pytest.mark.parametrize(("year", "hours"), [(2025, 1972), (2026, 1972), (2027, 1972)])
def test_a_years_working_hours_match_the_official_norm_for_a_40_hour_week(year, hours):
    minutes = working_minutes_between(CAL, msk(year, 1, 1), msk(year + 1, 1, 1) - timedelta(
        seconds=1))
    assert minutes == hours * 60


def test_2026_new_year_holidays_run_from_jan_1_to_jan_11():
    assert next_working_moment(CAL, msk(2026, 1, 1, 10, 0)) == msk(2026, 1, 12, 9, 0)
    assert {date(2026, 1, d) for d in range(1, 10)} <= set(year_facts(2026).days_off)


def test_working_saturdays_table_agrees_with_the_holidays_package():
    for year in range(KNOWN_YEARS[0], KNOWN_YEARS[1] + 1):
        package = holidays.country_holidays("RU", years=year)
        assert set(WORKING_SATURDAYS[year]) == set(getattr(package, "weekend_workdays", set()))


def test_a_year_outside_the_data_is_an_error_naming_the_year():
    with pytest.raises(CalendarYearUnknown, match="2024"):
        add_working_time(CAL, msk(2024, 6, 3, 10, 0), 60)
    last = last_covered_year()
    with pytest.raises(CalendarYearUnknown, match=str(last + 1)):  # the deadline crosses over
        add_working_time(CAL, msk(last, 12, 29, 17, 0), 40 * 60)
    with pytest.raises(CalendarYearUnknown):
        year_facts(last + 2)


def test_years_after_the_tables_come_from_the_holidays_package():
    assert last_covered_year() > KNOWN_YEARS[1]
    facts = year_facts(KNOWN_YEARS[1] + 1)
    package = holidays.country_holidays("RU", years=facts.year)
    assert set(facts.days_off) == {d for d in package if d.year == facts.year}
    # art. 95: each shortened day is a working weekday right before a day off
    assert facts.shortened and all(
        d.weekday() < 5 and d not in facts.days_off and date.fromordinal(d.toordinal() + 1)
        in facts.days_off for d in facts.shortened)


def test_is_working_time_counts_interval_starts_but_not_ends():
    assert is_working_time(CAL, msk(2026, 3, 3, 9, 0))
    assert not is_working_time(CAL, msk(2026, 3, 3, 13, 0))
    assert is_working_time(CAL, msk(2026, 3, 3, 12, 59))
    assert not is_working_time(CAL, msk(2026, 3, 7, 10, 0))  # Saturday


def test_next_working_moment_is_now_during_work_and_the_next_start_otherwise():
    assert next_working_moment(CAL, msk(2026, 3, 3, 10, 15)) == msk(2026, 3, 3, 10, 15)
    assert next_working_moment(CAL, msk(2026, 3, 3, 13, 20)) == msk(2026, 3, 3, 14, 0)


def test_weekly_hours_follow_the_calendars_own_time_zone_across_a_dst_change():
    berlin = ZoneInfo("Europe/Berlin")
    cal = WorkCalendar("Europe/Berlin", WEEK, 2026, 2026)
    due = add_working_time(cal, datetime(2026, 3, 27, 17, 0, tzinfo=berlin), 120)
    assert due == datetime(2026, 3, 30, 10, 0, tzinfo=berlin)


@pytest.mark.parametrize(
    ("days", "work", "lunch"),
    [("mon-fri", "9-18", ""), ("monday", "09:00-18:00", ""), ("mon-fri", "18:00-09:00", ""),
     ("mon-fri", "09:00-18:00", "12:00-19:00")],
)
def test_unreadable_working_hours_settings_name_the_setting(days, work, lunch):
    with pytest.raises(CalendarSettingError, match=r"Setting (WORK_DAYS|WORK_HOURS|LUNCH_BREAK)"):
        parse_week(days, work, lunch)


def test_a_six_day_week_and_no_lunch_are_allowed():
    week = parse_week("mon-thu,sat", "10:00-16:00", "")
    assert week[5] == ((600, 960),) and week[4] == () and week[6] == ()


starts = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=MSK))


@settings(max_examples=150, deadline=None)
@given(starts, st.integers(min_value=0, max_value=200 * 60))
def test_working_minutes_between_a_start_and_its_deadline_is_what_was_added(start, minutes):
    due = add_working_time(CAL, start, minutes)
    assert working_minutes_between(CAL, start, due) == minutes


@pytest.mark.parametrize(("today", "notice"), [
    (date(2027, 11, 30), None),
    (date(2027, 12, 1), "running_out"),  # a month's notice
    (date(2027, 12, 31), "running_out"),
    (date(2028, 1, 1), "ran_out"),
    (date(2028, 2, 29), "ran_out"),
    (date(2026, 12, 3), None),
])
def test_the_calendar_warns_from_december_1_of_its_last_year_and_after_it(today, notice):
    assert coverage_notice(2027, today) == notice
