""""Today" as the code under test sees it: the desk's clock (shifted by CHATDESK_FAKE_NOW in the
shifted-date runs of .ci/run), in the desk's time zone. Tests that need the current date or
month ask here, never `date.today()`, so they pass on any date the clock is moved to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.clock import system_clock
from bot.settings import load_settings


def desk_now() -> datetime:
    settings = load_settings()
    return system_clock(settings).now().astimezone(settings.tz)


def desk_today() -> date:
    return desk_now().date()


class RunningClock:
    """Real time shifted to a chosen moment (a working morning, say): waits pass as they do
    live, and `advance` jumps ahead (to when a question or a reminder is due)."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        self._offset += delta
