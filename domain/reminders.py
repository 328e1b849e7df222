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
    WorkCalendar,
    is_working_time,
    next_working_moment,
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


# Notices for the client's side (the group chat, the owner): held outside working hours.
CLIENT_FACING = frozenset({NoticeType.ESTIMATE_WAITING, NoticeType.RENEWAL, NoticeType.LAPSE,
                           NoticeType.SUMMARY, NoticeType.SUMMARY_CHART})


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


def history_of(ticket: Ticket, messages: Sequence[Message]) -> TicketHistory:
    """The SLA history of a ticket from what is stored: its messages, and its current status as
    of its last change (the status log is not kept, so earlier pauses are not known)."""
    events = [SlaEvent(m.sent_at, event_kind(m)) for m in messages]
    if ticket.status is not S.ACCEPTED and ticket.updated_at is not None:
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


class SlaService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, setup: SlaSetup) -> None:
        self._uow = uow
        self._clock = clock
        self.setup = setup

    async def refresh(self, ticket_id: int) -> None:
        """Recompute and store a ticket's deadlines from its history."""
        async with self._uow() as uow:
            await self.refresh_in(uow, ticket_id, self._clock.now())
            await uow.commit()

    async def refresh_in(self, uow: UnitOfWork, ticket_id: int, now: datetime) -> None:
        ticket = await uow.tickets.get(ticket_id)
        if ticket is None or ticket.confirmed_at is None:
            return
        client = await uow.clients.get(ticket.client_id)
        policy = select_policy(self.setup.policies, client.priority if client else 0, ticket.kind)
        if policy is None:
            return
        history = history_of(ticket, await uow.messages.for_ticket(ticket.id))
        try:
            deadlines = compute_deadlines(self.setup.calendar, policy.targets, history)
        except CalendarYearUnknown:
            log.warning("ticket %s: no working calendar for its dates, SLA not computed",
                        ticket_id)
            return
        await uow.sla.save(ticket.id, policy.name, deadlines, now)


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

    async def reminders(self) -> SweepResult | None:
        """Record the reminders owed by every open confirmed ticket."""
        now = self._clock.now()
        open_statuses = [s for s in TicketStatus if s.is_open and s is not S.AWAITING_CONFIRMATION]
        async with self._uow() as uow:
            if not await uow.notices.try_lock(REMINDERS_JOB):
                return None
            recorded = 0
            for ticket in await uow.workspace.tickets(None, open_statuses):
                entries = await uow.workspace.time_for_ticket(ticket.id)
                estimates = await uow.workspace.estimates_for(ticket.id)
                facts = facts_from_messages(
                    ticket, await uow.messages.for_ticket(ticket.id),
                    max((e.created_at for e in entries), default=None),
                    max(estimates, key=lambda e: e.created_at, default=None))
                for reminder in reminders_for(facts, now, self._cal, self._policy):
                    if reminder.kind is NoticeType.ESTIMATE_WAITING:
                        recorded += await self._to_client_chat(uow, reminder, now)
                    else:
                        recorded += await self._to_staff(uow, reminder, now)
            await uow.commit()
        return SweepResult(recorded)

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
                for platform, chat_id in targets:
                    recorded += await uow.notices.record(Outbound(
                        f"{key}:{platform.value}:{chat_id}", kind, platform, chat_id, text,
                        hold_until(self._cal, now, kind), client_id=client.id))
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

    async def _to_client_chat(self, uow: UnitOfWork, reminder: Reminder, now: datetime) -> int:
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
            hold_until(self._cal, now, reminder.kind), client_id=client.id, ticket_id=ticket.id))


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
