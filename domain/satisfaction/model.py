"""Model."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.kernel.model import Client, Language, Ticket
from domain.texts import t

CSAT_JOB = "csat"


PREFIX = "csat"  # callback data: "csat:<ticket id>:<up|down>", far below Telegram's 64 bytes


MAX_WORD = 500


class Score(enum.StrEnum):
    UP = "up"
    DOWN = "down"

    @property
    def emoji(self) -> str:
        return "👍" if self is Score.UP else "👎"


@dataclass(frozen=True, slots=True)
class CsatState:
    """What a ticket holds about its satisfaction question."""

    ticket_id: int
    done_at: datetime | None = None  # closed and not asked yet: the sweep's due mark
    asked_at: datetime | None = None
    prompt_id: str | None = None  # the question's message id in the client's chat
    score: Score | None = None
    comment: str = ""
    voted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CsatCounts:
    up: int = 0
    down: int = 0

    @property
    def total(self) -> int:
        return self.up + self.down

    @property
    def percent(self) -> int | None:
        return round(100 * self.up / self.total) if self.total else None


@dataclass(frozen=True, slots=True)
class CsatPolicy:
    delay: timedelta = timedelta(minutes=30)  # a ticket reopened at once is never asked
    too_late: timedelta = timedelta(days=3)  # a question days after the work is noise
    # A bare "1" or 👍 (no buttons, no quote) answers the requester's question this long.
    answer_window: timedelta = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Voted:
    ticket: Ticket
    client: Client
    score: Score
    name: str
    text: str  # the question's new text: thanks, and how to add a word


@dataclass(frozen=True, slots=True)
class Worded:
    ticket: Ticket
    language: Language
    text: str  # the answer in the chat


def counts_line(lang: Language | str, counts: CsatCounts | None) -> str:
    """One line for a summary: 👍 n · 👎 m (p% satisfied), or that nobody voted."""
    if counts is None or not counts.total:
        return t(lang, "csat.summary_none")
    return t(lang, "csat.summary", up=counts.up, down=counts.down, percent=counts.percent)
