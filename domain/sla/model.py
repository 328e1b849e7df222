"""The SLA clock: policies, targets and deadlines computed from a ticket's history.

Semantics follow the common service desks (Zendesk, Jira Service Management, Zammad):
- every clock starts when the client confirms the ticket;
- reply timers (first reaction, next reply) are met by a staff reply — the bot's own messages
  do not count — and the next-reply timer restarts at the oldest unanswered client message;
- work timers (progress update, resolution) pause while the ticket waits for the client;
- a policy or priority change recomputes everything from the original start, because the
  deadlines are a pure function of (calendar, targets, history);
- a breach is a flag: the timer keeps counting and shows how late it is.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from domain.kernel.calendar import (
    CalendarYearUnknown,
    WorkCalendar,
    add_working_delta,
    is_working_time,
    next_working_moment,
    working_delta_between,
    working_minutes_between,
)
from domain.kernel.model import (
    BOT_SENDER,
    CLOSED_STATUSES,
    Disposition,
    Kind,
    Message,
    Ticket,
    TicketStatus,
)
from domain.outbox.model import CLIENT_FACING, NoticeType
from domain.workspace.model import Estimate

log = logging.getLogger(__name__)

PAUSED_STATUSES = frozenset({TicketStatus.WAITING_FOR_CLIENT})


class Metric(enum.StrEnum):
    FIRST_REACTION = "first_reaction"
    NEXT_REPLY = "next_reply"
    PROGRESS_UPDATE = "progress_update"
    RESOLUTION = "resolution"


REPLY_METRICS = frozenset({Metric.FIRST_REACTION, Metric.NEXT_REPLY})


@dataclass(frozen=True, slots=True)
class Target:
    """How long a timer may run: minutes of working time, or of plain calendar time."""

    minutes: int
    working: bool = True

    def __post_init__(self) -> None:
        if self.minutes <= 0:
            raise ValueError("an SLA target is a positive number of minutes")


@dataclass(frozen=True, slots=True)
class SlaTargets:
    first_reaction: Target | None = None
    next_reply: Target | None = None
    progress_update: Target | None = None
    resolution: Target | None = None

    def for_metric(self, metric: Metric) -> Target | None:
        return getattr(self, metric.value)


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """One rule of an ordered list: the first whose conditions match a ticket applies."""

    name: str
    targets: SlaTargets
    min_priority: int = 0
    kinds: frozenset[Kind] | None = None  # None: any kind

    def matches(self, priority: int, kind: Kind) -> bool:
        return priority >= self.min_priority and (self.kinds is None or kind in self.kinds)


def select_policy(policies: Sequence[SlaPolicy], priority: int, kind: Kind) -> SlaPolicy | None:
    """The first policy in order that matches the client's priority and the ticket's kind."""
    return next((p for p in policies if p.matches(priority, kind)), None)


class EventKind(enum.StrEnum):
    CLIENT_MESSAGE = "client_message"
    STAFF_REPLY = "staff_reply"
    BOT_MESSAGE = "bot_message"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class SlaEvent:
    at: datetime
    kind: EventKind
    status: TicketStatus | None = None  # the new status, for STATUS events


@dataclass(frozen=True, slots=True)
class TicketHistory:
    """What the clock needs to know about a ticket: when it was confirmed, and what happened."""

    confirmed_at: datetime | None
    events: tuple[SlaEvent, ...] = ()
    status: TicketStatus = TicketStatus.ACCEPTED  # the status right after confirmation


@dataclass(frozen=True, slots=True)
class Timer:
    """One SLA timer. `due` is None while paused; `met_at` once satisfied."""

    metric: Metric
    started_at: datetime
    due: datetime | None
    met_at: datetime | None = None
    paused_since: datetime | None = None
    remaining: timedelta | None = None  # left on the clock when paused

    @property
    def running(self) -> bool:
        return self.met_at is None and self.due is not None

    @property
    def met_late(self) -> bool:
        return self.met_at is not None and self.due is not None and self.met_at > self.due


@dataclass(frozen=True, slots=True)
class Deadlines:
    started_at: datetime | None
    timers: dict[Metric, Timer] = field(default_factory=dict)
    paused_since: datetime | None = None
    late_replies: int = 0  # next-reply cycles answered after their deadline

    def due(self, metric: Metric) -> datetime | None:
        """The deadline of a timer still running; None if met, paused or not applicable."""
        timer = self.timers.get(metric)
        return timer.due if timer is not None and timer.running else None


def _add(cal: WorkCalendar, target: Target, start: datetime, amount: timedelta) -> datetime:
    return add_working_delta(cal, start, amount) if target.working else start + amount


def _measure(cal: WorkCalendar, target: Target, a: datetime, b: datetime) -> timedelta:
    return working_delta_between(cal, a, b) if target.working else max(b - a, timedelta(0))


def deadline(cal: WorkCalendar, target: Target, start: datetime) -> datetime:
    """When a timer started at `start` falls due if nothing pauses it."""
    return _add(cal, target, start, timedelta(minutes=target.minutes))


def _reply_timer(cal: WorkCalendar, metric: Metric, target: Target, start: datetime,
                 met_at: datetime | None) -> Timer:
    return Timer(metric, start, deadline(cal, target, start), met_at)


def _work_timer(cal: WorkCalendar, metric: Metric, target: Target, start: datetime,
                pauses: Sequence[tuple[datetime, datetime | None]],
                met_at: datetime | None) -> Timer:
    """Run the clock from `start` across active stretches, skipping the pauses."""
    remaining = timedelta(minutes=target.minutes)
    cursor = start
    for pause_start, pause_end in pauses:
        if pause_end is not None and pause_end <= cursor:
            continue
        if pause_start > cursor:
            spent = _measure(cal, target, cursor, pause_start)
            if spent >= remaining:
                break  # the deadline falls before this pause
            remaining -= spent
        if pause_end is None:
            if met_at is None:
                return Timer(metric, start, None, None, max(pause_start, cursor), remaining)
            break
        cursor = max(cursor, pause_end)
    return Timer(metric, start, _add(cal, target, cursor, remaining), met_at)


def compute_deadlines(cal: WorkCalendar, targets: SlaTargets,
                      history: TicketHistory) -> Deadlines:
    """Every SLA timer of a ticket from its history: the one function the desk and CLI share."""
    start = history.confirmed_at
    if start is None:
        return Deadlines(None)
    events = sorted((e for e in history.events if e.at >= start), key=lambda e: e.at)

    status = history.status
    pauses: list[tuple[datetime, datetime | None]] = []
    closed_at: datetime | None = None
    first_staff: datetime | None = None
    last_staff: datetime | None = None
    unanswered: datetime | None = None  # oldest client message after the last staff reply
    cycles: list[tuple[datetime, datetime]] = []  # answered next-reply cycles (asked, answered)

    def set_status(new: TicketStatus, at: datetime) -> None:
        nonlocal status, closed_at
        if (status in PAUSED_STATUSES) != (new in PAUSED_STATUSES):
            if new in PAUSED_STATUSES:
                pauses.append((at, None))
            else:
                pauses[-1] = (pauses[-1][0], at)
        closed_at = at if new in CLOSED_STATUSES else None
        status = new

    if status in PAUSED_STATUSES:
        pauses.append((start, None))
    if status in CLOSED_STATUSES:
        closed_at = start
    for event in events:
        if event.kind is EventKind.STATUS and event.status is not None:
            set_status(event.status, event.at)
        elif event.kind is EventKind.STAFF_REPLY:
            if first_staff is None:
                first_staff = event.at
            elif unanswered is not None:
                cycles.append((unanswered, event.at))
            last_staff, unanswered = event.at, None
        elif event.kind is EventKind.CLIENT_MESSAGE and first_staff is not None:
            unanswered = unanswered or event.at
        # Bot messages (confirmation prompts, reminders) never stop a clock.

    timers: dict[Metric, Timer] = {}
    late = 0
    target = targets.first_reaction
    if target is not None:
        timers[Metric.FIRST_REACTION] = _reply_timer(
            cal, Metric.FIRST_REACTION, target, start, first_staff or closed_at)
    target = targets.next_reply
    if target is not None:
        for asked, answered in cycles:
            late += answered > deadline(cal, target, asked)
        if unanswered is not None and closed_at is None:
            timers[Metric.NEXT_REPLY] = _reply_timer(cal, Metric.NEXT_REPLY, target,
                                                     unanswered, None)
    target = targets.progress_update
    if target is not None and closed_at is None:
        timers[Metric.PROGRESS_UPDATE] = _work_timer(
            cal, Metric.PROGRESS_UPDATE, target, last_staff or start, pauses, None)
    target = targets.resolution
    if target is not None:
        timers[Metric.RESOLUTION] = _work_timer(
            cal, Metric.RESOLUTION, target, start, pauses, closed_at)
    paused_since = pauses[-1][0] if pauses and pauses[-1][1] is None else None
    return Deadlines(start, timers, paused_since, late)


class TimerState(enum.StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"
    MET_LATE = "met_late"


@dataclass(frozen=True, slots=True)
class TimerStatus:
    metric: Metric
    state: TimerState
    due: datetime | None
    overdue: timedelta = timedelta(0)  # keeps growing after a breach: the timer never stops

    @property
    def breached(self) -> bool:
        return self.state in (TimerState.BREACHED, TimerState.MET_LATE)


def breach_state(now: datetime, deadlines: Deadlines,
                 warn_before: timedelta = timedelta(0)) -> dict[Metric, TimerStatus]:
    """Where each timer stands at `now`: running, due soon, breached (and by how much), met."""
    now = now.astimezone(UTC)
    result: dict[Metric, TimerStatus] = {}
    for metric, timer in deadlines.timers.items():
        if timer.met_at is not None:
            late = timer.met_late
            result[metric] = TimerStatus(
                metric, TimerState.MET_LATE if late else TimerState.MET, timer.due,
                timer.met_at - timer.due if late and timer.due else timedelta(0))
        elif timer.due is None:
            result[metric] = TimerStatus(metric, TimerState.PAUSED, None)
        elif now >= timer.due:
            result[metric] = TimerStatus(metric, TimerState.BREACHED, timer.due, now - timer.due)
        elif now >= timer.due - warn_before:
            result[metric] = TimerStatus(metric, TimerState.DUE_SOON, timer.due)
        else:
            result[metric] = TimerStatus(metric, TimerState.RUNNING, timer.due)
    return result


class NoticeKind(enum.StrEnum):
    WARNING = "warning"  # shortly before the deadline
    BREACH = "breach"  # at the deadline


@dataclass(frozen=True, slots=True)
class Notice:
    """One notice a sweep owes: sent once per deadline."""

    ticket_id: int
    metric: Metric
    kind: NoticeKind
    due: datetime


S = TicketStatus


def hold_until(cal: WorkCalendar, now: datetime, kind: NoticeType) -> datetime:
    """When a notice may go out: at once for staff, the next working moment for the client."""
    if kind not in CLIENT_FACING:
        return now
    try:
        return now if is_working_time(cal, now) else next_working_moment(cal, now)
    except CalendarYearUnknown:
        log.warning("no working calendar for %s: client notice sent without quiet hours", now)
        return now


def working_minutes_or_elapsed(cal: WorkCalendar, a: datetime, b: datetime) -> int:
    try:
        return working_minutes_between(cal, a, b)
    except CalendarYearUnknown:
        return int((b - a).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    """Thresholds in working minutes."""

    no_time_logged: int = 4 * 60
    untaken: int = 8 * 60  # nudged again every 8 working hours: no ticket waits two days
    client_waiting: int = 2 * 60
    progress_note: int = 3 * 8 * 60  # three working days without a word to the client
    contradiction_grace: int = 30
    estimate_every: int = 3 * 8 * 60  # a client is nudged about an estimate every 3 working days


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """What the reminder rules need to know about one open ticket."""

    ticket: Ticket
    last_time_at: datetime | None = None  # the latest time entry
    last_client_at: datetime | None = None  # the client's latest message on it
    last_staff_at: datetime | None = None  # the latest staff answer the client saw
    estimate: Estimate | None = None  # the latest estimate


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder owed now; `key` names it for good, so it is recorded once."""

    kind: NoticeType
    key: str
    ticket: Ticket
    params: dict[str, object] = field(default_factory=dict)


def event_kind(message: Message) -> EventKind:
    """Who a logged message is from, as the SLA clock counts it: the bot's own prompts and
    reminders stop no clock, a staff answer relayed by the bot does."""
    if not message.from_staff:
        return EventKind.CLIENT_MESSAGE
    if message.disposition is Disposition.OUTGOING and message.sender_name == BOT_SENDER:
        return EventKind.BOT_MESSAGE
    return EventKind.STAFF_REPLY


def history_of(ticket: Ticket, messages: Sequence[Message],
               statuses: Sequence[tuple[TicketStatus, datetime]] = ()) -> TicketHistory:
    """The SLA history of a ticket from what is stored: its messages, its logged status changes
    (every pause in "waiting for the client"), and its current status as of its last change
    when the log does not have it yet."""
    events = [SlaEvent(m.sent_at, event_kind(m)) for m in messages]
    events += [SlaEvent(at, EventKind.STATUS, status) for status, at in statuses]
    last = statuses[-1][0] if statuses else S.ACCEPTED
    if ticket.status is not last and ticket.updated_at is not None:
        events.append(SlaEvent(ticket.updated_at, EventKind.STATUS, ticket.status))
    return TicketHistory(ticket.confirmed_at, tuple(events))


@dataclass(frozen=True, slots=True)
class SlaSetup:
    calendar: WorkCalendar
    policies: tuple[SlaPolicy, ...]
    warn_before: timedelta = timedelta(minutes=60)


@dataclass(frozen=True, slots=True)
class Recipients:
    """Where staff notices go when a ticket has no assignee reachable in private."""

    staff_chat: str | None = None  # a Telegram group of the integrator's staff


@dataclass(frozen=True, slots=True)
class SweepResult:
    recorded: int
    refreshed: int = 0
