"""Reminders as pure decisions over a ticket's facts, the clock and the working calendar,
tested as tables."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from domain.billing.model import BalanceView
from domain.kernel.calendar import (
    CalendarYearUnknown,
    WorkCalendar,
    add_working_time,
)
from domain.kernel.model import (
    CLOSED_STATUSES,
    Message,
    Ticket,
)
from domain.outbox.model import NoticeType
from domain.sla.model import (
    EventKind,
    Reminder,
    ReminderPolicy,
    S,
    TicketFacts,
    event_kind,
    working_minutes_or_elapsed,
)
from domain.workspace.model import WORKING_STATUSES, Estimate, EstimateStatus

log = logging.getLogger(__name__)

def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def reminders_for(facts: TicketFacts, now: datetime, cal: WorkCalendar,
                  policy: ReminderPolicy = ReminderPolicy()) -> list[Reminder]:
    """Which of the six reminders of seed 003 a ticket is owed at `now`."""
    ticket = facts.ticket
    if ticket.status in CLOSED_STATUSES or ticket.confirmed_at is None or ticket.id is None:
        return []
    found: list[Reminder] = []
    tid = ticket.id

    def idle(since: datetime) -> int:
        return working_minutes_or_elapsed(cal, since, now)

    def owe(kind: NoticeType, key: str, **params: object) -> None:
        found.append(Reminder(kind, f"{kind.value}:{tid}:{key}", ticket, params))

    changed = ticket.updated_at or ticket.confirmed_at
    # 1. In progress, but no time logged since it was taken or since the last entry.
    if ticket.status in WORKING_STATUSES and ticket.assignee_id is not None:
        anchor = max(changed, facts.last_time_at or changed)
        minutes = idle(anchor)
        if minutes >= policy.no_time_logged:
            owe(NoticeType.NO_TIME_LOGGED, _stamp(anchor), hours=minutes // 60)
    # 2. Accepted, nobody took it: nudged once per threshold of waiting.
    if ticket.status is S.ACCEPTED and ticket.assignee_id is None:
        minutes = idle(ticket.confirmed_at)
        if minutes >= policy.untaken:
            owe(NoticeType.UNTAKEN, str(minutes // policy.untaken), hours=minutes // 60)
    # 3. The client wrote last in a conversation staff already joined (the first reaction is
    # the SLA clock's business), and the ball is not on the client's side.
    client_last = (facts.last_client_at is not None and facts.last_staff_at is not None
                   and facts.last_client_at > facts.last_staff_at)
    if client_last and ticket.status is not S.WAITING_FOR_CLIENT:
        minutes = idle(facts.last_client_at)
        if minutes >= policy.client_waiting:
            owe(NoticeType.CLIENT_WAITING, _stamp(facts.last_client_at), hours=minutes // 60)
    # 4. A long ticket: no word to the client for days, even if all goes to plan.
    if ticket.status is not S.WAITING_FOR_CLIENT:
        anchor = max(ticket.confirmed_at, facts.last_staff_at or ticket.confirmed_at)
        minutes = idle(anchor)
        if minutes >= policy.progress_note:
            owe(NoticeType.PROGRESS_NOTE, _stamp(anchor), days=minutes // (8 * 60))
    # 5. An estimate waits for the client: nudge them, at most every few days.
    estimate = facts.estimate
    if (estimate is not None and estimate.status is EstimateStatus.PROPOSED
            and ticket.status is S.WAITING_FOR_CLIENT):
        # Counted in working time, so the nudges never bunch up after a weekend.
        rounds = idle(estimate.created_at) // policy.estimate_every
        if rounds >= 1:
            found.append(Reminder(NoticeType.ESTIMATE_WAITING,
                                  f"{NoticeType.ESTIMATE_WAITING.value}:{estimate.id}:{rounds}",
                                  ticket, {"days": (now - estimate.created_at).days,
                                           "hours": estimate.minutes // 60,
                                           "price": estimate.price}))
    # 6. A status that contradicts the facts.
    grace = policy.contradiction_grace
    if (ticket.status is S.WAITING_FOR_CLIENT and facts.last_client_at is not None
            and facts.last_client_at >= changed and idle(facts.last_client_at) >= grace):
        owe(NoticeType.CONTRADICTION, f"client_answered:{_stamp(facts.last_client_at)}",
            reason="client_answered")
    if ticket.status in WORKING_STATUSES and ticket.assignee_id is None and idle(changed) >= grace:
        owe(NoticeType.CONTRADICTION, f"no_assignee:{_stamp(changed)}", reason="no_assignee")
    if (ticket.status is S.ACCEPTED and facts.last_time_at is not None
            and facts.last_time_at > changed and idle(facts.last_time_at) >= grace):
        owe(NoticeType.CONTRADICTION, f"time_in_queue:{_stamp(facts.last_time_at)}",
            reason="time_in_queue")
    return found


def next_reminder_at(facts: TicketFacts, now: datetime, cal: WorkCalendar,
                     policy: ReminderPolicy = ReminderPolicy()) -> datetime | None:
    """The first moment after `now` at which `reminders_for` owes this ticket something it did
    not owe at `now` — None while its facts stay as they are. The sweep stores it, so it reads
    only the tickets whose moment has come instead of every open ticket."""
    ticket = facts.ticket
    if ticket.status in CLOSED_STATUSES or ticket.confirmed_at is None or ticket.id is None:
        return None
    moments: list[datetime] = []

    def at(since: datetime, minutes: int) -> None:
        try:
            moments.append(add_working_time(cal, since, minutes))
        except CalendarYearUnknown:
            moments.append(since + timedelta(minutes=minutes))

    changed = ticket.updated_at or ticket.confirmed_at
    grace = policy.contradiction_grace
    if ticket.status in WORKING_STATUSES and ticket.assignee_id is not None:
        at(max(changed, facts.last_time_at or changed), policy.no_time_logged)
    if ticket.status is S.ACCEPTED and ticket.assignee_id is None:
        rounds = working_minutes_or_elapsed(cal, ticket.confirmed_at, now) // policy.untaken
        at(ticket.confirmed_at, (rounds + 1) * policy.untaken)
    if (facts.last_client_at is not None and facts.last_staff_at is not None
            and facts.last_client_at > facts.last_staff_at
            and ticket.status is not S.WAITING_FOR_CLIENT):
        at(facts.last_client_at, policy.client_waiting)
    if ticket.status is not S.WAITING_FOR_CLIENT:
        at(max(ticket.confirmed_at, facts.last_staff_at or ticket.confirmed_at),
           policy.progress_note)
    estimate = facts.estimate
    if (estimate is not None and estimate.status is EstimateStatus.PROPOSED
            and ticket.status is S.WAITING_FOR_CLIENT):
        rounds = working_minutes_or_elapsed(cal, estimate.created_at, now) // policy.estimate_every
        at(estimate.created_at, (rounds + 1) * policy.estimate_every)
    if (ticket.status is S.WAITING_FOR_CLIENT and facts.last_client_at is not None
            and facts.last_client_at >= changed):
        at(facts.last_client_at, grace)
    if ticket.status in WORKING_STATUSES and ticket.assignee_id is None:
        at(changed, grace)
    if (ticket.status is S.ACCEPTED and facts.last_time_at is not None
            and facts.last_time_at > changed):
        at(facts.last_time_at, grace)
    return min((m for m in moments if m > now), default=None)


def facts_from_messages(ticket: Ticket, messages: Sequence[Message],
                        last_time_at: datetime | None = None,
                        estimate: Estimate | None = None) -> TicketFacts:
    """A ticket's facts from its message log (both directions) and its latest time entry."""
    client = [m.sent_at for m in messages if event_kind(m) is EventKind.CLIENT_MESSAGE]
    staff = [m.sent_at for m in messages if event_kind(m) is EventKind.STAFF_REPLY]
    return TicketFacts(ticket, last_time_at, max(client, default=None),
                       max(staff, default=None), estimate)


RENEWAL_REMINDER_DAYS = (13, 17, 19)  # of the month; the last one is the day before the 20th


def renewal_notice(view: BalanceView, today: date) -> tuple[NoticeType, str] | None:
    """The renewal reminder owed on `today`, or the lapse once the 20th passed unpaid.
    A sweep that missed a day sends only the latest reminder, never a burst of them."""
    if view.due_amount <= 0 or view.due_on is None or not view.pays_for:
        return None
    base = f"{view.client_id}:{view.period}"
    if today > view.due_on:
        return NoticeType.LAPSE, f"{NoticeType.LAPSE.value}:{base}"
    passed = [d for d in RENEWAL_REMINDER_DAYS if d <= today.day]
    if not passed:
        return None
    return NoticeType.RENEWAL, f"{NoticeType.RENEWAL.value}:{base}:{passed[-1]}"
