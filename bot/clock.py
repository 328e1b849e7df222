"""Clock adapters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings


class SystemClock:
    """The machine's clock. `shifted_to` moves it to another moment, from which it keeps
    ticking: the CHATDESK_FAKE_NOW setting, for test runs on a chosen date."""

    def __init__(self, shifted_to: datetime | None = None) -> None:
        if shifted_to is not None and shifted_to.tzinfo is None:
            raise ValueError("SystemClock needs an aware datetime to shift to")
        self._offset = shifted_to - datetime.now(UTC) if shifted_to else timedelta(0)

    @property
    def shifted(self) -> bool:
        return bool(self._offset)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


def system_clock(settings: Settings) -> SystemClock:
    """The clock the desk runs on: the machine's, or shifted by CHATDESK_FAKE_NOW."""
    return SystemClock(settings.chatdesk_fake_now)


class FixedClock:
    """A clock that moves only when told to: for the demo, tests and simulations."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)
