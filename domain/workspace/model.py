"""The staff workspace's model: transitions, time entries, notes, estimates, knowledge-base
hits."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from domain.kernel.model import TicketStatus

S = TicketStatus


class Need(enum.StrEnum):
    """What a staff member must give for a status change."""

    TEST_CASE = "test_case"  # needs_testing: how the tester checks the fix
    PROOF = "proof"  # done on a technical ticket: a screenshot or video, or a note why none
    SERVICE_COMMENT = "service_comment"  # done: how it was done, for the knowledge base
    REASON = "reason"  # rejected / cancelled: told to the client


# The SLA and reminder jobs follow the status: work is timed only while someone works on the
# ticket, and the reaction clock stops while the ball is on the client's side.
WORKING_STATUSES = frozenset({S.IN_PROGRESS, S.TESTING})


CLIENT_OWES_STATUSES = frozenset({S.WAITING_FOR_CLIENT, S.AWAITING_CONFIRMATION})


@dataclass(frozen=True, slots=True)
class Given:
    """What a staff member gave with a status change (and what the ticket already has)."""

    test_case: str = ""
    proof_message_id: str | None = None
    proof_note: str = ""
    service_comment: str = ""
    reason: str = ""

    def has(self, need: Need) -> bool:
        if need is Need.PROOF:
            return bool(self.proof_message_id or self.proof_note.strip())
        return bool(getattr(self, need.value).strip())


class TransitionError(Exception):
    """A status change the rules forbid; `key` names the text that says why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


class TimeCategory(enum.StrEnum):
    """Seed 003: every entry is billable or says why the client does not pay for it."""

    BILLABLE = "billable"
    HELPING_COLLEAGUE = "helping_colleague"
    LEARNING = "learning"
    INFRASTRUCTURE = "infrastructure"
    OUR_MISTAKE = "our_mistake"
    OVER_ESTIMATE = "over_estimate"

    @property
    def billable(self) -> bool:
        return self is TimeCategory.BILLABLE


@dataclass(frozen=True, slots=True)
class TimeEntry:
    """One chunk of work on a ticket. Never changed: a correction is a new entry."""

    id: int | None
    ticket_id: int
    client_id: int
    staff_id: int
    minutes: int  # negative only in a correction
    category: TimeCategory
    description: str
    period: str  # 'YYYY-MM', the month the work counts in
    idempotency_key: str
    created_at: datetime
    corrects_id: int | None = None


MAX_ENTRY_MINUTES = 24 * 60


class NoteKind(enum.StrEnum):
    TEST_CASE = "test_case"
    PROOF = "proof"
    SERVICE_COMMENT = "service_comment"
    REASON = "reason"


@dataclass(frozen=True, slots=True)
class Note:
    id: int | None
    ticket_id: int
    staff_id: int
    kind: NoteKind
    text: str
    created_at: datetime
    media_chat_id: str | None = None
    media_message_id: str | None = None


class EstimateStatus(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    DECLINED = "declined"


@dataclass(slots=True)
class Estimate:
    id: int | None
    ticket_id: int
    minutes: int
    price: int  # kopecks
    status: EstimateStatus
    proposed_by: int
    created_at: datetime
    decided_by: int | None = None  # a person on the client's side
    decided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class KbHit:
    """A knowledge-base match: an earlier answer of the same client."""

    ticket_id: int
    number: int
    title: str
    snippet: str
    source: str  # service_comment | ticket
