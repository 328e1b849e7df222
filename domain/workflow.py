"""The staff workspace's pure rules: the ticket status machine (domain.md, 'Tickets'), time
entries and their categories, estimates, notes. No I/O; `domain.workspace` applies them."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.model import Kind, Staff, Ticket, TicketStatus

S = TicketStatus


class Need(enum.StrEnum):
    """What a staff member must give for a status change."""

    TEST_CASE = "test_case"  # needs_testing: how the tester checks the fix
    PROOF = "proof"  # done on a technical ticket: a screenshot or video, or a note why none
    SERVICE_COMMENT = "service_comment"  # done: how it was done, for the knowledge base
    REASON = "reason"  # rejected / cancelled: told to the client


# Which statuses a staff member may move a ticket to, from each status. Closed tickets may be
# reopened; a draft may only be turned down (confirming it is the client's decision).
TRANSITIONS: dict[TicketStatus, tuple[TicketStatus, ...]] = {
    S.AWAITING_CONFIRMATION: (S.REJECTED, S.CANCELLED),
    S.ACCEPTED: (S.IN_PROGRESS, S.WAITING_FOR_CLIENT, S.DONE, S.REJECTED, S.CANCELLED),
    S.IN_PROGRESS: (S.NEEDS_TESTING, S.WAITING_FOR_CLIENT, S.DONE, S.ACCEPTED, S.REJECTED,
                    S.CANCELLED),
    S.NEEDS_TESTING: (S.TESTING, S.IN_PROGRESS),
    S.TESTING: (S.DONE, S.IN_PROGRESS, S.WAITING_FOR_CLIENT),
    S.WAITING_FOR_CLIENT: (S.IN_PROGRESS, S.DONE, S.CANCELLED),
    S.DONE: (S.IN_PROGRESS,),
    S.REJECTED: (S.IN_PROGRESS,),
    S.CANCELLED: (),
}

# The SLA and reminder jobs follow the status: work is timed only while someone works on the
# ticket, and the reaction clock stops while the ball is on the client's side.
WORKING_STATUSES = frozenset({S.IN_PROGRESS, S.TESTING})
CLIENT_OWES_STATUSES = frozenset({S.WAITING_FOR_CLIENT, S.AWAITING_CONFIRMATION})


def work_timer_runs(status: TicketStatus) -> bool:
    """'In progress but no time logged' reminders apply only while this is true."""
    return status in WORKING_STATUSES


def sla_clock_runs(status: TicketStatus) -> bool:
    """The reaction/answer clock stops while the client owes an answer and once closed."""
    return status.is_open and status not in CLIENT_OWES_STATUSES


def needs(ticket: Ticket, to: TicketStatus) -> tuple[Need, ...]:
    """What must be given to move `ticket` to `to`, in the order a person is asked for it."""
    if to is S.NEEDS_TESTING:
        return (Need.TEST_CASE,)
    if to in (S.REJECTED, S.CANCELLED):
        return (Need.REASON,)
    if to is S.DONE:
        proof = (Need.PROOF,) if ticket.kind is Kind.TECHNICAL else ()
        return (*proof, Need.SERVICE_COMMENT)
    return ()


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


def allowed(ticket: Ticket, staff: Staff) -> tuple[TicketStatus, ...]:
    """The statuses this staff member may move the ticket to now (for the buttons)."""
    return tuple(to for to in TRANSITIONS[ticket.status] if _forbidden(ticket, to, staff) is None)


def _forbidden(ticket: Ticket, to: TicketStatus, staff: Staff) -> str | None:
    if to not in TRANSITIONS[ticket.status]:
        return "ws.err.transition"
    # Testing is a second pair of eyes: the author of the fix cannot test it.
    if to is S.TESTING and staff.id == ticket.assignee_id:
        return "ws.err.own_testing"
    # The tester signs the test off; an admin may close for them.
    if ticket.status is S.TESTING and to is S.DONE and staff.id != ticket.tester_id and (
            not staff.is_admin):
        return "ws.err.not_tester"
    return None


def check(ticket: Ticket, to: TicketStatus, staff: Staff, given: Given) -> None:
    """Raise `TransitionError` unless `staff` may move `ticket` to `to` with what was given."""
    key = _forbidden(ticket, to, staff)
    if key is not None:
        raise TransitionError(key)
    for need in needs(ticket, to):
        if not given.has(need):
            raise TransitionError(f"ws.need.{need.value}")


def apply(ticket: Ticket, to: TicketStatus, staff: Staff, now: datetime) -> None:
    """Move the ticket; who works on it follows the status."""
    if to is S.IN_PROGRESS and ticket.assignee_id is None:
        ticket.assignee_id = staff.id
    if to is S.TESTING:
        ticket.tester_id = staff.id
    if to is S.ACCEPTED:  # given back to the queue
        ticket.assignee_id = None
    ticket.status, ticket.updated_at = to, now


# -- time entries -------------------------------------------------------------------------------


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


def period_of(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def split_over_estimate(minutes: int, billable_so_far: int,
                        estimate_minutes: int | None) -> tuple[int, int]:
    """(billable, over the estimate): hours beyond an approved estimate are the integrator's."""
    if estimate_minutes is None:
        return minutes, 0
    room = max(0, estimate_minutes - billable_so_far)
    return min(minutes, room), max(0, minutes - room)


# -- notes, estimates, the knowledge base -------------------------------------------------------


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


__all__ = [
    "Estimate", "EstimateStatus", "Given", "KbHit", "Need", "Note", "NoteKind", "TimeCategory",
    "TimeEntry", "TransitionError", "WorkspaceRepository", "allowed", "apply", "check", "needs", "period_of",
    "split_over_estimate", "sla_clock_runs", "work_timer_runs",
]


# -- the port -----------------------------------------------------------------------------------


class WorkspaceRepository(Protocol):
    """Storage of the staff workspace; reads return plain records, writes never commit."""

    async def serves(self, staff_id: int, client_id: int) -> bool: ...
    async def serve(self, staff_id: int, client_id: int) -> bool: ...
    async def served_clients(self, staff_id: int) -> Sequence[int]: ...
    async def servers_of(self, client_id: int) -> Sequence[int]: ...
    async def tickets(self, client_ids: Sequence[int] | None,
                      statuses: Sequence[TicketStatus]) -> Sequence[Ticket]: ...
    async def add_note(self, note: Note) -> Note: ...
    async def notes(self, ticket_id: int) -> Sequence[Note]: ...
    async def add_time(self, entry: TimeEntry) -> TimeEntry: ...
    async def time_by_key(self, idempotency_key: str) -> Sequence[TimeEntry]: ...
    async def time_entry(self, entry_id: int) -> TimeEntry | None: ...
    async def time_for_ticket(self, ticket_id: int) -> Sequence[TimeEntry]: ...
    async def add_estimate(self, estimate: Estimate) -> Estimate: ...
    async def estimate(self, estimate_id: int) -> Estimate | None: ...
    async def estimates_for(self, ticket_id: int) -> Sequence[Estimate]: ...
    async def decide_estimate(self, estimate: Estimate) -> None: ...
    async def kb_add(self, client_id: int, ticket_id: int, source: str, text: str,
                     at: datetime) -> None: ...
    async def kb_search(self, client_ids: Sequence[int] | None, words: Sequence[str], *,
                        match_all: bool, limit: int) -> Sequence[KbHit]: ...
