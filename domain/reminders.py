"""Reminders and notices that keep the desk honest (domain.md, 'SLA and reminders'), and the
outbox that sends each of them exactly once.

Every sweep is one unit of work that decides and *records* what is owed — each notice under a
unique key (kind, subject, deadline or period) — and commits. Sending is a separate step over
the recorded rows: a sweep that runs twice, or on two instances, records nothing twice, and a
failed send is retried from its row, never decided again.

The decisions themselves are pure functions of a ticket's facts, the clock and the working
calendar, so they are tested as tables.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from domain.calendar import (
    CalendarYearUnknown,
    ClientHours,
    WorkCalendar,
    add_working_time,
    is_working_time,
    next_working_moment,
    with_client_hours,
    working_minutes_between,
)
from domain.ledger import BalanceView, balance_view
from domain.model import (
    CLOSED_STATUSES,
    Chat,
    Choice,
    Client,
    Disposition,
    Language,
    Message,
    Person,
    Platform,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.sla import (
    EventKind,
    Metric,
    NoticeKind,
    SlaEvent,
    SlaPolicy,
    TicketHistory,
    compute_deadlines,
    select_policy,
)
from domain.sla_policies import fingerprint
from domain.texts import money, t
from domain.workflow import WORKING_STATUSES, Estimate, EstimateStatus

if TYPE_CHECKING:  # the ports import this module's repository port
    from domain.ports import Clock, Messenger, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
S = TicketStatus


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


class NoticeRepository(Protocol):
    """The outbox and the scheduler's bookkeeping; writes never commit."""

    async def try_lock(self, name: str) -> bool:
        """Hold a lock named `name` until the transaction ends; False if another holds it."""
        ...

    async def record(self, notice: Outbound) -> bool: ...  # False: the key was recorded before
    async def claim(self, now: datetime, until: datetime, limit: int) -> Sequence[Outbound]: ...
    async def mark_sent(self, notice_id: int, message_id: str, at: datetime) -> None: ...
    async def mark_failed(self, notice_id: int, error: str, retry_at: datetime | None,
                          at: datetime) -> None: ...
    async def defer(self, notice_id: int, not_before: datetime) -> None:
        """Release a claimed row until `not_before` without counting an attempt."""
        ...

    async def rekey_chat(self, platform: Platform, old_chat_id: str, new_chat_id: str) -> int:
        """Point every unsent row for a migrated chat at its new id."""
        ...

    async def next_due(self) -> datetime | None:
        """When the earliest unsent row may go (claimed rows: when their claim ends)."""
        ...

    async def unsent(self, limit: int = 200) -> Sequence[Outbound]:
        """Rows not sent: pending first, then those given up on (newest first)."""
        ...

    async def all(self) -> Sequence[Outbound]: ...
    async def watermark(self, job_id: str) -> tuple[datetime | None, int]: ...
    async def set_watermark(self, job_id: str, at: datetime, watermark: int) -> None: ...
    async def changed_tickets(self, since: datetime | None,
                              after_message_id: int) -> tuple[Sequence[int], int]: ...
    async def owners(self, client_id: int) -> Sequence[Person]: ...


class Messengers(Protocol):
    """Finds the messenger that reaches a chat (`bot.messengers.MessengerRegistry`)."""

    def get(self, platform: Platform, chat_id: str) -> Messenger: ...


class ChartRenderer(Protocol):
    """Turns a recorded chart (JSON) into PNG bytes."""

    def __call__(self, chart: str) -> bytes: ...


# -- quiet hours ------------------------------------------------------------------------------


def hold_until(cal: WorkCalendar, now: datetime, kind: NoticeType) -> datetime:
    """When a notice may go out: at once for staff, the next working moment for the client."""
    if kind not in CLIENT_FACING:
        return now
    try:
        return now if is_working_time(cal, now) else next_working_moment(cal, now)
    except CalendarYearUnknown:
        log.warning("no working calendar for %s: client notice sent without quiet hours", now)
        return now


def _working_minutes(cal: WorkCalendar, a: datetime, b: datetime) -> int:
    try:
        return working_minutes_between(cal, a, b)
    except CalendarYearUnknown:
        return int((b - a).total_seconds() // 60)


# -- reminders: pure decisions ------------------------------------------------------------------


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
        return _working_minutes(cal, since, now)

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
        rounds = _working_minutes(cal, ticket.confirmed_at, now) // policy.untaken
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
        rounds = _working_minutes(cal, estimate.created_at, now) // policy.estimate_every
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


def event_kind(message: Message) -> EventKind:
    """Who a logged message is from, as the SLA clock counts it: the bot's own prompts and
    reminders stop no clock, a staff answer relayed by the bot does."""
    if not message.from_staff:
        return EventKind.CLIENT_MESSAGE
    if message.disposition is Disposition.OUTGOING and message.sender_name == "bot":
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


# -- renewals: pure decisions ----------------------------------------------------------------------

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


# -- the SLA clock, applied ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlaSetup:
    calendar: WorkCalendar
    policies: tuple[SlaPolicy, ...]
    warn_before: timedelta = timedelta(minutes=60)


POLICIES_JOB = "sla_policies"  # the fingerprint of the policies the stored deadlines follow


class SlaService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, setup: SlaSetup) -> None:
        self._uow = uow
        self._clock = clock
        self.setup = setup
        self._calendars: dict[tuple[str, str, str, str], WorkCalendar] = {}

    def calendar_of(self, own: ClientHours | None) -> WorkCalendar:
        """The desk's calendar, or a client's own hours over it (built once per spec)."""
        if own is None:
            return self.setup.calendar
        cal = self._calendars.get(own.spec)
        if cal is None:
            cal = self._calendars[own.spec] = with_client_hours(self.setup.calendar, own)
        return cal

    async def calendar_for(self, uow: UnitOfWork, client_id: int | None) -> WorkCalendar:
        if client_id is None:
            return self.setup.calendar
        return self.calendar_of(await uow.sla.client_hours(client_id))

    async def refresh(self, ticket_id: int) -> None:
        """Recompute and store a ticket's deadlines from its history."""
        async with self._uow() as uow:
            await self.refresh_in(uow, ticket_id, self._clock.now())
            await uow.commit()

    async def refresh_in(self, uow: UnitOfWork, ticket_id: int, now: datetime) -> None:
        ticket = await uow.tickets.get(ticket_id)
        if ticket is None or ticket.confirmed_at is None:
            return
        statuses = await uow.sla.status_log(ticket.id)
        if not statuses or statuses[-1][0] is not ticket.status:
            # Storage logs each status change with the change itself; a ticket confirmed
            # before that log existed gets its current status logged here, once.
            at = max(ticket.updated_at or ticket.confirmed_at, ticket.confirmed_at)
            await uow.sla.log_status(ticket.id, ticket.status, at)
            statuses.append((ticket.status, at))
        client = await uow.clients.get(ticket.client_id)
        policy = select_policy(self.setup.policies, client.priority if client else 0, ticket.kind)
        if policy is None:
            return
        history = history_of(ticket, await uow.messages.for_ticket(ticket.id), statuses)
        try:
            calendar = await self.calendar_for(uow, ticket.client_id)
            deadlines = compute_deadlines(calendar, policy.targets, history)
        except CalendarYearUnknown:
            log.warning("ticket %s: no working calendar for its dates, SLA not computed",
                        ticket_id)
            return
        await uow.sla.save(ticket.id, policy.name, deadlines, now)

    async def refresh_client(self, uow: UnitOfWork, client_id: int, now: datetime) -> int:
        """After a client's priority or working hours change: every open ticket's deadlines
        again, from each ticket's original start. Returns how many were recomputed."""
        ids = await uow.sla.open_ticket_ids(client_id)
        for ticket_id in ids:
            await self.refresh_in(uow, ticket_id, now)
        return len(ids)

    async def refresh_if_policies_changed(self, uow: UnitOfWork, now: datetime,
                                          limit: int = 500) -> int:
        """When the policies differ from those the stored deadlines follow (a new file, or the
        first run), recompute every open ticket from its original start, `limit` tickets per
        call (a sweep's transaction stays short however many are open); the fingerprint is
        stored once all are done. Returns how many were recomputed by this call."""
        wanted = fingerprint(self.setup.policies)
        _, done = await uow.notices.watermark(POLICIES_JOB)
        if done == wanted:
            return 0
        _, pending = await uow.notices.watermark(f"{POLICIES_JOB}:pending")
        _, after = await uow.notices.watermark(f"{POLICIES_JOB}:after")
        ids = await uow.sla.open_ticket_ids(after=after if pending == wanted else 0,
                                            limit=limit)
        for ticket_id in ids:
            await self.refresh_in(uow, ticket_id, now)
        if len(ids) < limit:
            await uow.notices.set_watermark(POLICIES_JOB, now, wanted)
        else:
            await uow.notices.set_watermark(f"{POLICIES_JOB}:pending", now, wanted)
            await uow.notices.set_watermark(f"{POLICIES_JOB}:after", now, ids[-1])
        return len(ids)


# -- the sweeps -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recipients:
    """Where staff notices go when a ticket has no assignee reachable in private."""

    staff_chat: str | None = None  # a Telegram group of the integrator's staff


@dataclass(frozen=True, slots=True)
class SweepResult:
    recorded: int
    refreshed: int = 0


SLA_JOB = "sla"
REMINDERS_JOB = "reminders"
RENEWALS_JOB = "renewals"
REMINDER_MARKS = ("messages", "time", "estimates")  # last ids seen by the reminders sweep


class Sweeps:
    """The periodic decisions: SLA notices, the six reminders, renewals."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, sla: SlaService,
                 recipients: Recipients = Recipients(),
                 policy: ReminderPolicy = ReminderPolicy()) -> None:
        self._uow = uow
        self._clock = clock
        self._sla = sla
        self._to = recipients
        self._policy = policy

    @property
    def _cal(self) -> WorkCalendar:
        return self._sla.setup.calendar

    async def sla(self) -> SweepResult | None:
        """Refresh the deadlines of changed tickets, then record warnings and breaches due."""
        now = self._clock.now()
        async with self._uow() as uow:
            if not await uow.notices.try_lock(SLA_JOB):
                return None
            await self._sla.refresh_if_policies_changed(uow, now)
            since, after = await uow.notices.watermark(SLA_JOB)
            # A margin for updates committed just after the last run read the table.
            since = since - timedelta(minutes=5) if since is not None else None
            changed, last_message = await uow.notices.changed_tickets(since, after)
            for ticket_id in changed:
                await self._sla.refresh_in(uow, ticket_id, now)
            await uow.notices.set_watermark(SLA_JOB, now, last_message)
            due = await uow.sla.due_notices(now, now + self._sla.setup.warn_before)
            recorded = 0
            for notice in await uow.sla.mark_notified(due, now):
                ticket = await uow.tickets.get(notice.ticket_id)
                if ticket is None or not ticket.status.is_open:
                    continue
                kind = (NoticeType.SLA_BREACH if notice.kind is NoticeKind.BREACH
                        else NoticeType.SLA_WARNING)
                params = {"metric": notice.metric, "due": notice.due,
                          "minutes": max(0, int((notice.due - now).total_seconds() // 60))}
                key = f"{kind.value}:{ticket.id}:{notice.metric.value}:{_stamp(notice.due)}"
                recorded += await self._to_staff(uow, Reminder(kind, key, ticket, params), now,
                                                 also_staff_chat=kind is NoticeType.SLA_BREACH)
            await uow.commit()
        return SweepResult(recorded, len(changed))

    async def reminders(self, batch: int = 2000) -> SweepResult | None:
        """Record the reminders owed now. Never a pass over every open ticket: only tickets
        whose facts changed since the last run (index range scans on ids and `updated_at`) and
        those whose stored next-reminder moment has come (a range scan on `remind_at`) are
        read, with their facts in a few set queries; each gets its next moment stored."""
        now = self._clock.now()
        async with self._uow() as uow:
            if not await uow.notices.try_lock(REMINDERS_JOB):
                return None
            since, _ = await uow.notices.watermark(REMINDERS_JOB)
            marks = tuple([(await uow.notices.watermark(f"{REMINDERS_JOB}:{part}"))[1]
                           for part in REMINDER_MARKS])
            # A margin for updates committed just after the last run read the tables.
            since = since - timedelta(minutes=5) if since is not None else None
            changed, new_marks = await uow.sla.changed_since(since, marks)  # type: ignore[arg-type]
            due = await uow.sla.reminders_due(now)
            ids = sorted({*changed, *due})
            recorded = 0
            for start in range(0, len(ids), batch):
                upcoming: dict[int, datetime | None] = {}
                found = await uow.sla.reminder_facts(ids[start:start + batch])
                own = await uow.sla.client_hours_for([f.ticket.client_id for f in found])
                for facts in found:
                    cal = self._sla.calendar_of(own.get(facts.ticket.client_id))
                    for reminder in reminders_for(facts, now, cal, self._policy):
                        if reminder.kind is NoticeType.ESTIMATE_WAITING:
                            recorded += await self._to_client_chat(uow, reminder, now, cal)
                        else:
                            recorded += await self._to_staff(uow, reminder, now)
                    upcoming[facts.ticket.id] = next_reminder_at(facts, now, cal, self._policy)
                await uow.sla.set_remind_at(upcoming, now)
            await uow.notices.set_watermark(REMINDERS_JOB, now, 0)
            for part, mark in zip(REMINDER_MARKS, new_marks, strict=True):
                await uow.notices.set_watermark(f"{REMINDERS_JOB}:{part}", now, mark)
            await uow.commit()
        return SweepResult(recorded, len(ids))

    async def renewals(self, tz_today: date | None = None) -> SweepResult | None:
        """Renewal reminders to owners before the 20th; a visible lapse after it."""
        now = self._clock.now()
        today = tz_today or now.astimezone(self._cal.zone).date()
        async with self._uow() as uow:
            if not await uow.notices.try_lock(RENEWALS_JOB):
                return None
            recorded = 0
            for client in await uow.clients.list():
                if client.plan is None or not client.plan.kinds:
                    continue
                view = balance_view(client.id, client.plan,
                                    list(await uow.ledger.entries(client.id)), today)
                owed = renewal_notice(view, today)
                if owed is None:
                    continue
                kind, key = owed
                lang = client.language
                text = t(lang, f"remind.{kind.value}", client=client.name,
                         amount=money(lang, view.due_amount),
                         months=", ".join(str(p) for p in view.pays_for),
                         day=view.due_on.isoformat() if view.due_on else "")
                targets = [(p.platform, p.external_id) for p in await uow.notices.owners(client.id)]
                if kind is NoticeType.LAPSE:
                    targets += [(c.platform, c.external_id)
                                for c in await uow.chats.for_client(client.id) if c.active]
                held = hold_until(await self._sla.calendar_for(uow, client.id), now, kind)
                for platform, chat_id in targets:
                    recorded += await uow.notices.record(Outbound(
                        f"{key}:{platform.value}:{chat_id}", kind, platform, chat_id, text,
                        held, client_id=client.id))
            await uow.commit()
        return SweepResult(recorded)

    # -- recording ------------------------------------------------------------------------------

    async def _to_staff(self, uow: UnitOfWork, reminder: Reminder, now: datetime, *,
                        also_staff_chat: bool = False) -> int:
        ticket = reminder.ticket
        client = await uow.clients.get(ticket.client_id)
        assignee = await uow.staff.get(ticket.assignee_id) if ticket.assignee_id else None
        targets: list[tuple[str, Language]] = []
        if assignee is not None and assignee.telegram_id:
            targets.append((assignee.telegram_id, assignee.language))
        if self._to.staff_chat and (also_staff_chat or not targets):
            targets.append((self._to.staff_chat, client.language if client else Language.RU))
        recorded = 0
        for chat_id, lang in targets:
            text = staff_text(lang, reminder, client, assignee)
            recorded += await uow.notices.record(Outbound(
                f"{reminder.key}:{chat_id}", reminder.kind, Platform.TELEGRAM, chat_id, text,
                hold_until(self._cal, now, reminder.kind), client_id=ticket.client_id,
                ticket_id=ticket.id))
        return recorded

    async def _to_client_chat(self, uow: UnitOfWork, reminder: Reminder, now: datetime,
                              cal: WorkCalendar) -> int:
        ticket = reminder.ticket
        chat: Chat | None = await uow.chats.get(ticket.chat_id) if ticket.chat_id else None
        client = await uow.clients.get(ticket.client_id)
        if chat is None or not chat.active or client is None:
            return 0
        lang = client.language
        text = t(lang, f"remind.{reminder.kind.value}", number=ticket.number, title=ticket.title,
                 days=reminder.params["days"], hours=reminder.params["hours"],
                 price=money(lang, int(reminder.params["price"])))
        return await uow.notices.record(Outbound(
            reminder.key, reminder.kind, chat.platform, chat.external_id, text,
            hold_until(cal, now, reminder.kind), client_id=client.id, ticket_id=ticket.id))


def staff_text(lang: Language, reminder: Reminder, client: Client | None,
               assignee: Staff | None) -> str:
    """A reminder for staff, naming the ticket so it can be found without the code."""
    ticket, p = reminder.ticket, reminder.params
    head = t(lang, "remind.ticket", number=ticket.number, title=ticket.title,
             client=client.name if client else "?")
    if reminder.kind in (NoticeType.SLA_WARNING, NoticeType.SLA_BREACH):
        due: datetime = p["due"]  # type: ignore[assignment]
        body = t(lang, f"remind.{reminder.kind.value}",
                 metric=t(lang, f"remind.metric.{Metric(p['metric']).value}"),
                 due=due.strftime("%Y-%m-%d %H:%M UTC"), minutes=p["minutes"])
    elif reminder.kind is NoticeType.CONTRADICTION:
        body = t(lang, f"remind.contradiction.{p['reason']}")
    else:
        body = t(lang, f"remind.{reminder.kind.value}", **p)
    return f"{head}\n{body}"
