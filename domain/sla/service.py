"""Reminders and notices that keep the desk honest (domain.md, 'SLA and reminders'): the SLA
service that keeps deadlines, and the sweeps that record each notice once for the outbox.

Every sweep is one unit of work that decides and *records* what is owed — each notice under a
unique key (kind, subject, deadline or period) — and commits. Sending is a separate step over
the recorded rows: a sweep that runs twice, or on two instances, records nothing twice, and a
failed send is retried from its row, never decided again.

The decisions themselves are pure functions of a ticket's facts, the clock and the working
calendar, so they are tested as tables.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from domain.billing.model import balance_view
from domain.kernel.calendar import (
    CalendarYearUnknown,
    ClientHours,
    WorkCalendar,
    with_client_hours,
)
from domain.kernel.model import (
    Chat,
    Client,
    Language,
    Platform,
    Staff,
)
from domain.kernel.ports import Clock
from domain.outbox.model import NoticeType, Outbound
from domain.sla.model import (
    Metric,
    NoticeKind,
    Recipients,
    Reminder,
    ReminderPolicy,
    SlaSetup,
    SweepResult,
    compute_deadlines,
    history_of,
    hold_until,
    select_policy,
)
from domain.sla.policies import fingerprint
from domain.sla.rules import _stamp, next_reminder_at, reminders_for, renewal_notice
from domain.texts import money, t
from domain.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


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
