"""The staff workspace's pure rules: the ticket status machine (domain.md, 'Tickets'), time
entries and their categories, estimates, notes. No I/O; `domain.workspace` applies them."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.model import Kind, Staff, Ticket, TicketStatus
from domain.workspace.model import (
    CLIENT_OWES_STATUSES,
    WORKING_STATUSES,
    Given,
    Need,
    S,
    TransitionError,
)

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


def period_of(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def split_over_estimate(minutes: int, billable_so_far: int,
                        estimate_minutes: int | None) -> tuple[int, int]:
    """(billable, over the estimate): hours beyond an approved estimate are the integrator's."""
    if estimate_minutes is None:
        return minutes, 0
    room = max(0, estimate_minutes - billable_so_far)
    return min(minutes, room), max(0, minutes - room)


__all__ = [
    "allowed",
    "apply",
    "check",
    "needs",
    "period_of",
    "split_over_estimate",
    "sla_clock_runs",
    "work_timer_runs",
]
