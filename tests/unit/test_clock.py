"""The system clock and CHATDESK_FAKE_NOW: a shifted clock starts at the given moment and ticks on."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import SystemClock, system_clock
from bot.settings import SettingsError, load_settings


def test_an_unshifted_system_clock_tells_the_machine_time():
    before = datetime.now(UTC)
    now = SystemClock().now()
    assert before <= now <= datetime.now(UTC) and not SystemClock().shifted


def test_a_shifted_clock_starts_at_the_given_moment_and_keeps_ticking():
    start = datetime(2028, 2, 29, 23, 59, 59, tzinfo=UTC)
    clock = SystemClock(start)
    first, second = clock.now(), clock.now()
    assert clock.shifted and start <= first <= second < start + timedelta(minutes=1)


def test_a_fake_now_without_an_offset_is_read_in_the_desk_time_zone(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMEZONE", "Europe/Moscow")
    monkeypatch.setenv("CHATDESK_FAKE_NOW", "2026-12-31T23:30")
    settings = load_settings()
    assert settings.chatdesk_fake_now == datetime(2026, 12, 31, 23, 30,
                                                  tzinfo=ZoneInfo("Europe/Moscow"))
    moment = system_clock(settings).now()
    assert moment.tzinfo is UTC and datetime(2026, 12, 31, 20, 30, tzinfo=UTC) <= moment
    assert moment < datetime(2026, 12, 31, 20, 31, tzinfo=UTC)


def test_an_empty_fake_now_leaves_the_clock_alone(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHATDESK_FAKE_NOW", "")
    assert load_settings().chatdesk_fake_now is None
    assert not system_clock(load_settings()).shifted


def test_a_fake_now_that_is_not_a_moment_is_one_line_naming_the_setting(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHATDESK_FAKE_NOW", "next tuesday")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith("Setting CHATDESK_FAKE_NOW is invalid: expected an ISO")
