"""Questions the bot asked in a chat that lacks buttons, waiting for a typed number.

Kept apart from `domain.choices` (the use case) because `domain.ports` imports the repository
Protocol from here, and the use case imports `domain.ports` through the desk.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from domain.kernel.model import (
    Choice,
    Platform,
)


class NoticeType(enum.StrEnum):
    SLA_WARNING = "sla_warning"
    SLA_BREACH = "sla_breach"
    NO_TIME_LOGGED = "no_time"  # in progress, no time logged for a while
    UNTAKEN = "untaken"  # accepted, nobody took it
    CLIENT_WAITING = "client_waiting"  # the last message is the client's
    PROGRESS_NOTE = "progress_note"  # a long ticket owes the client a progress note
    ESTIMATE_WAITING = "estimate_waiting"  # an estimate awaits the client's approval
    CONTRADICTION = "contradiction"  # the status contradicts the facts
    RENEWAL = "renewal"  # pay by the 20th
    LAPSE = "lapse"  # the 20th passed unpaid
    SUMMARY = "summary"  # the owner's monthly summary
    SUMMARY_CHART = "summary_chart"
    DIGEST = "digest"  # the integrator's monthly digest to admins
    BALANCE = "balance"  # package 80% / used up, low or negative balance (domain/billing_chat)
    WEEKLY_REPORT = "weekly_report"  # hours spent and left, to the client chat
    # Live messages, recorded by handlers in the transaction of the change that caused them:
    DRAFT = "draft"  # a ticket's draft with its buttons; re-read at send time (domain/outbox)
    MESSAGE = "message"  # any other message or edit to a chat
    ALERT = "alert"  # to admins: a message could not be delivered at all
    CSAT = "csat"  # a done ticket's requester is asked 👍 or 👎 (domain/satisfaction)
    BROADCAST = "broadcast"  # an admin's announcement to client chats (domain/broadcasts)


# Notices for the client's side (the group chat, the owner): held outside working hours.
CLIENT_FACING = frozenset({NoticeType.ESTIMATE_WAITING, NoticeType.RENEWAL, NoticeType.LAPSE,
                           NoticeType.SUMMARY, NoticeType.SUMMARY_CHART, NoticeType.CSAT})


@dataclass(slots=True)
class Outbound:
    """One recorded notice: what to send where, and from when."""

    key: str
    kind: NoticeType
    platform: Platform
    chat_id: str
    text: str
    not_before: datetime
    client_id: int | None = None
    ticket_id: int | None = None
    chart: str | None = None  # JSON for the chart renderer; then `text` is the caption
    choices: tuple[Choice, ...] = ()  # buttons (or numbered options where there are none)
    reply_to: str | None = None  # the message it answers
    edit_of: str | None = None  # when set, edit this earlier message instead of sending
    follow_up: str | None = None  # JSON: what to record once sent (domain/outbox.FollowUps)
    media: str | None = None  # JSON {"kind", "file"}: a file the messenger holds; text: caption
    id: int | None = None
    attempts: int = 0
    sent_at: datetime | None = None
    message_id: str | None = None
    failed_at: datetime | None = None  # given up on: a permanent error or too many attempts
    last_error: str | None = None


@dataclass(slots=True)
class PendingChoice:
    """One numbered question: option N is `options[N - 1]` (an opaque key such as "c")."""

    id: int | None
    platform: Platform
    chat_external_id: str
    prompt_message_id: str
    ticket_id: int
    asked_of: str  # the requester's messenger id: only they may answer with a bare number
    options: tuple[str, ...]
    created_at: datetime
    answered: bool = False

    def option(self, number: int) -> str | None:
        return self.options[number - 1] if 1 <= number <= len(self.options) else None
