"""The owner's monthly summary and the integrator's monthly digest (domain.md, 'Reports').

`build_summary` computes the figures from plain records (pure); `SummaryService` reads them
in one unit of work, for the CLI on demand or for every client on the 1st, when the summaries
are recorded in the outbox (text, then the chart as a photo) like any other notice.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from domain.billing.model import (
    BILLABLE_TYPES,
    Entry,
    KindSpend,
    Period,
    balance_view,
    spend_by_kind,
    work_yield,
)
from domain.billing.service import duration
from domain.kernel.calendar import CalendarYearUnknown, WorkCalendar
from domain.kernel.model import (
    CLOSED_STATUSES,
    TICKET_KINDS,
    Client,
    Kind,
    Language,
    Platform,
    StaffRole,
    Ticket,
    TicketStatus,
)
from domain.kernel.ports import Clock
from domain.outbox.model import NoticeType, Outbound
from domain.satisfaction.model import CsatCounts, counts_line
from domain.sla.model import (
    EventKind,
    SweepResult,
    TimerState,
    breach_state,
    compute_deadlines,
    history_of,
    hold_until,
    select_policy,
    working_minutes_or_elapsed,
)
from domain.sla.service import SlaService
from domain.texts import kind_name, money, t
from domain.uow import UnitOfWork, UnitOfWorkFactory

SUMMARY_JOB = "summaries"


SEND_WITHIN_DAYS = 7  # a summary not recorded by the 7th (the bot was down) is not sent late


LONGEST_WAITS = 3


@dataclass(frozen=True, slots=True)
class Wait:
    number: int
    title: str
    minutes: int  # working minutes from confirmation to the first staff answer


@dataclass(frozen=True, slots=True)
class TicketOutcome:
    """What the SLA clock says about one ticket of the month."""

    ticket: Ticket
    kept: bool | None  # None: no SLA policy applies
    wait: int | None  # working minutes to the first answer; None before any answer


@dataclass(frozen=True, slots=True)
class MonthlySummary:
    client: Client
    period: Period
    opened: dict[Kind, int]
    closed: dict[Kind, int]
    spend: tuple[KindSpend, ...]
    sla_total: int
    sla_kept: int
    longest: tuple[Wait, ...]
    recurring: tuple[tuple[str, int], ...]
    weekly: tuple[dict[Kind, int], ...]  # worked minutes per kind; week 1 is days 1-7
    balance: int | None = None  # None: the client has no plan
    due_amount: int = 0
    due_on: date | None = None
    worked_minutes: int = 0
    revenue: int = 0
    csat: CsatCounts = CsatCounts()  # the requesters' 👍/👎 given this month

    @property
    def sla_percent(self) -> int | None:
        return round(100 * self.sla_kept / self.sla_total) if self.sla_total else None


def period_bounds(cal: WorkCalendar, period: Period) -> tuple[datetime, datetime]:
    """The month from local midnight of the 1st to local midnight of the next 1st, in UTC."""
    start = datetime.combine(period.first_day, time(0), cal.zone).astimezone(UTC)
    end = datetime.combine(period.shift(1).first_day, time(0), cal.zone).astimezone(UTC)
    return start, end


def _words(title: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"\w+", title.lower()) if len(w) > 3)[:3]


def recurring_problems(tickets: Sequence[Ticket]) -> tuple[tuple[str, int], ...]:
    """Problems seen more than once: tickets whose titles share their first significant words,
    plus a ticket the client asked about again (its repeats count)."""
    groups: dict[tuple[str, ...], list[Ticket]] = {}
    for ticket in tickets:
        if _words(ticket.title):
            groups.setdefault(_words(ticket.title), []).append(ticket)
    found = [(group[0].title, len(group) + sum(tk.repeats for tk in group))
             for group in groups.values()
             if len(group) + sum(tk.repeats for tk in group) > 1]
    return tuple(sorted(found, key=lambda item: (-item[1], item[0]))[:5])


def build_summary(client: Client, period: Period, cal: WorkCalendar,
                  outcomes: Sequence[TicketOutcome], entries: Sequence[Entry],
                  all_entries: Sequence[Entry] | None, today: date,
                  csat: CsatCounts | None = None) -> MonthlySummary:
    """The figures of one client's month, from its tickets, SLA outcomes and ledger entries."""
    start, end = period_bounds(cal, period)

    def inside(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    month = [o for o in outcomes if inside(o.ticket.confirmed_at)]
    opened = Counter(o.ticket.kind for o in month)
    closed = Counter(o.ticket.kind for o in outcomes
                     if o.ticket.status in CLOSED_STATUSES and inside(o.ticket.updated_at)
                     and o.ticket.confirmed_at is not None)
    judged = [o for o in month if o.kept is not None]
    longest = sorted((Wait(o.ticket.number, o.ticket.title, o.wait) for o in month
                      if o.wait is not None), key=lambda w: (-w.minutes, w.number))
    weekly: list[dict[Kind, int]] = [{} for _ in range(5)]
    for entry in entries:
        if entry.type in BILLABLE_TYPES and entry.kind is not None and entry.worked_minutes:
            week = min((entry.at.astimezone(cal.zone).day - 1) // 7, 4)
            weekly[week][entry.kind] = weekly[week].get(entry.kind, 0) + entry.worked_minutes
    balance = due_amount = 0
    due_on = None
    if client.plan is not None and all_entries is not None:
        view = balance_view(client.id, client.plan, list(all_entries), today)
        balance, due_amount, due_on = view.balance, view.due_amount, view.due_on
    money_yield = work_yield(client.name, list(entries), with_fees=True)
    return MonthlySummary(
        client, period, dict(opened), dict(closed), spend_by_kind(list(entries)),
        len(judged), sum(1 for o in judged if o.kept), tuple(longest[:LONGEST_WAITS]),
        recurring_problems([o.ticket for o in month]), tuple(weekly),
        balance if client.plan is not None else None, due_amount, due_on,
        money_yield.worked_minutes, money_yield.revenue, csat or CsatCounts())


def summary_text(lang: Language | str, s: MonthlySummary) -> str:
    """The summary as the owner reads it in a private chat."""
    lines = [t(lang, "summary.title", month=str(s.period), client=s.client.name), ""]
    kinds = [k for k in TICKET_KINDS if s.opened.get(k) or s.closed.get(k)]
    if kinds:
        lines.append(t(lang, "summary.tickets"))
        lines += [t(lang, "summary.tickets_line", kind=kind_name(lang, k),
                    opened=s.opened.get(k, 0), closed=s.closed.get(k, 0)) for k in kinds]
    else:
        lines.append(t(lang, "summary.no_tickets"))
    if s.spend:
        lines.append(t(lang, "summary.work"))
        lines += [t(lang, "summary.work_line", kind=kind_name(lang, k.kind),
                    hours=duration(lang, k.minutes), amount=money(lang, k.amount))
                  for k in s.spend]
    else:
        lines.append(t(lang, "summary.no_work"))
    if s.sla_total:
        lines.append(t(lang, "summary.sla", kept=s.sla_kept, total=s.sla_total,
                       percent=s.sla_percent))
    else:
        lines.append(t(lang, "summary.sla_none"))
    if s.longest:
        lines.append(t(lang, "summary.waits"))
        lines += [t(lang, "summary.wait_line", number=w.number, title=w.title,
                    hours=duration(lang, w.minutes)) for w in s.longest]
    if s.recurring:
        lines.append(t(lang, "summary.recurring"))
        lines += [t(lang, "summary.recurring_line", title=title, count=count)
                  for title, count in s.recurring]
    lines.append(counts_line(lang, s.csat))
    if s.balance is not None:
        lines.append(t(lang, "summary.balance", amount=money(lang, s.balance)))
        if s.due_amount and s.due_on:
            lines.append(t(lang, "summary.next_payment", amount=money(lang, s.due_amount),
                           day=s.due_on.isoformat()))
        else:
            lines.append(t(lang, "summary.nothing_due"))
    return "\n".join(lines)


def chart_data(lang: Language | str, s: MonthlySummary) -> str:
    """What the chart renderer draws: hours by kind per week, labels already translated."""
    weeks = [i for i, w in enumerate(s.weekly) if w or i < 4]
    kinds = [k for k in TICKET_KINDS if any(w.get(k) for w in s.weekly)]
    return json.dumps({
        "title": t(lang, "summary.chart_caption", month=str(s.period)),
        "weeks": [t(lang, "summary.chart_week", week=i + 1) for i in weeks],
        "ylabel": t(lang, "summary.chart_hours"),
        "empty_note": t(lang, "summary.chart_no_data"),
        "series": [{"label": kind_name(lang, k),
                    "hours": [round(s.weekly[i].get(k, 0) / 60, 2) for i in weeks]}
                   for k in kinds],
    }, ensure_ascii=False)


def summary_json(s: MonthlySummary) -> dict:
    """The summary as data, for `chatdesk summary --json`."""
    return {
        "client": s.client.name, "month": str(s.period),
        "opened": {k.value: v for k, v in s.opened.items()},
        "closed": {k.value: v for k, v in s.closed.items()},
        "work": [{"kind": k.kind.value, "minutes": k.minutes, "amount": k.amount}
                 for k in s.spend],
        "sla": {"total": s.sla_total, "kept": s.sla_kept, "percent": s.sla_percent},
        "longest_waits": [{"number": w.number, "title": w.title, "minutes": w.minutes}
                          for w in s.longest],
        "recurring": [{"title": title, "count": count} for title, count in s.recurring],
        "weekly_minutes": [{k.value: v for k, v in w.items()} for w in s.weekly],
        "csat": {"up": s.csat.up, "down": s.csat.down, "percent": s.csat.percent},
        "balance": s.balance, "next_payment": s.due_amount,
        "next_payment_on": s.due_on.isoformat() if s.due_on else None,
    }


def digest_text(lang: Language | str, period: Period, rows: Sequence[MonthlySummary]) -> str:
    """The integrator's month for admins: per client, SLA kept and economics."""
    lines = [t(lang, "digest.title", month=str(period))]
    for s in rows:
        common = dict(client=s.client.name, hours=duration(lang, s.worked_minutes),
                      revenue=money(lang, s.revenue))
        if s.sla_percent is None:
            lines.append(t(lang, "digest.line_no_sla", **common))
        else:
            rate = s.revenue * 60 // s.worked_minutes if s.worked_minutes else 0
            lines.append(t(lang, "digest.line", percent=s.sla_percent,
                           rate=money(lang, rate), **common))
        if s.csat.total:
            lines.append(t(lang, "digest.csat", line=counts_line(lang, s.csat)))
    if not rows:
        lines.append(t(lang, "digest.empty"))
    return "\n".join(lines)


class SummaryService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, sla: SlaService) -> None:
        self._uow = uow
        self._clock = clock
        self._sla = sla

    @property
    def _cal(self) -> WorkCalendar:
        return self._sla.setup.calendar

    async def summary(self, client_id: int, period: Period) -> MonthlySummary:
        """One client's month, on demand (the CLI)."""
        async with self._uow() as uow:
            client = await uow.clients.get(client_id)
            if client is None:
                raise LookupError(client_id)
            return await self._build(uow, client, period)

    async def _build(self, uow: UnitOfWork, client: Client, period: Period) -> MonthlySummary:
        _, end = period_bounds(self._cal, period)
        now = self._clock.now()
        until = min(now, end)
        outcomes = []
        cal = await self._sla.calendar_for(uow, client.id)  # the client's own, if it has one
        for ticket in await uow.tickets.for_client(client.id):
            if ticket.confirmed_at is None or ticket.confirmed_at >= end:
                continue
            outcomes.append(self._outcome(ticket, await uow.messages.for_ticket(ticket.id),
                                          client, until, cal,
                                          await uow.sla.status_log(ticket.id)))
        entries = list(await uow.ledger.entries(client.id, period))
        everything = list(await uow.ledger.entries(client.id)) if client.plan else None
        today = now.astimezone(self._cal.zone).date()
        start, _ = period_bounds(self._cal, period)
        votes = await uow.satisfaction.counts(start, end, client.id)
        return build_summary(client, period, self._cal, outcomes, entries, everything, today,
                             votes.get(client.id, CsatCounts()))

    def _outcome(self, ticket: Ticket, messages: Sequence, client: Client,
                 until: datetime, cal: WorkCalendar,
                 statuses: Sequence[tuple[TicketStatus, datetime]] = ()) -> TicketOutcome:
        history = history_of(ticket, messages, statuses)
        first = min((e.at for e in history.events if e.kind is EventKind.STAFF_REPLY
                     and e.at >= ticket.confirmed_at), default=None)
        wait = working_minutes_or_elapsed(cal, ticket.confirmed_at, first) if first else None
        policy = select_policy(self._sla.setup.policies, client.priority, ticket.kind)
        if policy is None:
            return TicketOutcome(ticket, None, wait)
        try:
            deadlines = compute_deadlines(cal, policy.targets, history)
        except CalendarYearUnknown:
            return TicketOutcome(ticket, None, wait)
        states = breach_state(until, deadlines)
        late = any(s.state in (TimerState.BREACHED, TimerState.MET_LATE) for s in states.values())
        return TicketOutcome(ticket, not late and deadlines.late_replies == 0, wait)

    async def monthly(self) -> SweepResult | None:
        """On the first days of a month: last month's summary to every client's owner (text,
        then the chart as a photo) and the digest to the integrator's admins, each once."""
        now = self._clock.now()
        today = now.astimezone(self._cal.zone).date()
        if today.day > SEND_WITHIN_DAYS:
            return SweepResult(0)
        period = Period.of(today).shift(-1)
        async with self._uow() as uow:
            if not await uow.notices.try_lock(SUMMARY_JOB):
                return None
            recorded = 0
            rows = []
            _, end = period_bounds(self._cal, period)
            for client in await uow.clients.list():
                if client.created_at is not None and client.created_at >= end:
                    continue  # no month to sum up yet
                summary = await self._build(uow, client, period)
                rows.append(summary)
                lang = client.language
                text, chart = summary_text(lang, summary), chart_data(lang, summary)
                # Quiet hours are the client's own, when it has its own working calendar.
                held = hold_until(await self._sla.calendar_for(uow, client.id), now,
                                  NoticeType.SUMMARY)
                for owner in await uow.notices.owners(client.id):
                    base = f"{NoticeType.SUMMARY.value}:{client.id}:{period}:{owner.id}"
                    recorded += await uow.notices.record(Outbound(
                        base, NoticeType.SUMMARY, owner.platform, owner.external_id, text,
                        held, client_id=client.id))
                    recorded += await uow.notices.record(Outbound(
                        f"{base}:chart", NoticeType.SUMMARY_CHART, owner.platform,
                        owner.external_id, json.loads(chart)["title"], held,
                        client_id=client.id, chart=chart))
            for member in await uow.staff.list() if rows else ():
                if member.role is StaffRole.ADMIN and member.telegram_id:
                    recorded += await uow.notices.record(Outbound(
                        f"{NoticeType.DIGEST.value}:{period}:{member.id}", NoticeType.DIGEST,
                        Platform.TELEGRAM, member.telegram_id,
                        digest_text(member.language, period, rows), now))
            await uow.commit()
        return SweepResult(recorded)
