"""Billing use cases: plans, payments, work, month ends, disputes, statements, economics.

Each use case is one unit of work. Every posting first locks the client's ledger, so the
checks (key already posted? month closed? how much is left to reverse?) and the writes see
the same state even with concurrent writers; the unique idempotency key is the backstop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo

from domain.billing.model import (
    BILLABLE_CATEGORY,
    RENEWAL_DAY,
    BalanceView,
    Dispute,
    DisputeStatus,
    Entry,
    EntryType,
    KindSpend,
    LedgerError,
    Notice,
    NoticeType,
    Period,
    Reversed,
    TimeRecord,
    Yield,
    balance_view,
    burn_entry,
    check_bounds,
    due_notices,
    min_term_months,
    period_opening,
    reversal_entry,
    rounded,
    spend_by_kind,
    time_entries,
    time_key,
    unpaid_minutes,
    validate_plan,
    work_yield,
)
from domain.kernel.model import (
    BillingModel,
    Client,
    Kind,
    Language,
    Plan,
    Ticket,
)
from domain.kernel.ports import Clock
from domain.kernel.rules import STRATEGIC_FREE_MONTHS, add_months
from domain.outbox.model import NoticeType as OutboxKind
from domain.outbox.model import Outbound
from domain.texts import kind_name, money, plural, t
from domain.tickets.model import DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory
from domain.workspace.model import TimeCategory, TimeEntry


@dataclass(frozen=True, slots=True)
class Posted:
    """What a posting left in the ledger; `duplicate` when its key had been posted before."""

    entries: tuple[Entry, ...]
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class StatementLine:
    entry: Entry
    ticket_number: int | None = None
    ticket_title: str = ""
    staff_name: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    """A client's month: every entry the client may see, and the totals by kind."""

    client: Client
    period: Period
    lines: tuple[StatementLine, ...]
    by_kind: tuple[KindSpend, ...]
    opening_balance: int
    closing_balance: int

    @property
    def total_minutes(self) -> int:
        return sum(k.minutes for k in self.by_kind)

    @property
    def total_amount(self) -> int:
        return sum(k.amount for k in self.by_kind)


@dataclass(frozen=True, slots=True)
class UnpaidTicket:
    ticket_id: int
    number: int | None
    title: str
    client: str
    minutes: int  # worked minutes that brought no money


@dataclass(frozen=True, slots=True)
class Economics:
    period: Period
    total: Yield
    by_staff: tuple[Yield, ...]
    by_client: tuple[Yield, ...]
    unpaid_tickets: tuple[UnpaidTicket, ...]
    # Clients' 👍/👎 on tickets rated this month (domain/satisfaction): (client, up, down)
    satisfaction: tuple[tuple[str, int, int], ...] = ()


class Billing:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, tz: tzinfo = UTC) -> None:
        self._uow = uow
        self._clock = clock
        self._tz = tz

    def _today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    # -- plans ----------------------------------------------------------------------------------

    async def set_plan(self, client_id: int, plan: Plan, *, by: str = "") -> Client:
        """Give a client new commercial terms (an admin's decision), kept in its history."""
        validate_plan(plan)
        async with self._uow() as uow:
            client = await _client(uow, client_id)
            client.plan = plan
            await uow.clients.save_plan(client)
            await uow.admin.log_plan(client_id, plan, self._clock.now(), by)
            await uow.commit()
        return client

    async def find_client(self, name: str) -> Client:
        """The client named `name` (any letter case), with its plan."""
        async with self._uow() as uow:
            client = await uow.clients.get_by_name(name.strip())
        if client is None:
            raise LedgerError("billing.err.no_client")
        return client

    # -- postings -------------------------------------------------------------------------------

    async def add_payment(self, client_id: int, amount: int, key: str, note: str = "",
                          on: date | None = None) -> Posted:
        """Money received from the client on `on` (today in the desk's time zone by default),
        posted into that day's month; a retried key is recorded once. A payment received on an
        earlier day is stamped at that day's local noon; one dated after today is refused."""
        if amount <= 0:
            raise LedgerError("billing.err.payment")
        today = self._today()
        on = on or today
        if on > today:
            raise LedgerError("billing.err.payment_future", date=on.isoformat(),
                              today=today.isoformat())
        at = self._clock.now() if on == today else datetime.combine(on, time(12), self._tz)
        entry = Entry(client_id, Period.of(on), EntryType.PAYMENT, f"payment:{client_id}:{key}",
                      at.astimezone(UTC), amount=amount, note=note)
        return await self._post_one(entry)

    async def adjust(self, client_id: int, amount: int, key: str, note: str,
                     package_minutes: int = 0) -> Posted:
        """A manual correction by an admin, with the reason in `note`."""
        if not note.strip() or (amount == 0 and package_minutes == 0):
            raise LedgerError("billing.err.adjustment")
        entry = Entry(client_id, Period.of(self._today()), EntryType.ADJUSTMENT,
                      f"adjustment:{client_id}:{key}", self._clock.now(), amount=amount,
                      package_minutes=package_minutes, note=note)
        return await self._post_one(entry)

    async def open_period(self, client_id: int, period: Period) -> Posted:
        """The month's fee and package grant; opening a month twice changes nothing."""
        async with self._uow() as uow:
            await uow.ledger.lock(client_id)
            posted = await _open(uow, await _client(uow, client_id), period,
                                 self._clock.now())
            await uow.commit()
        return Posted(posted, duplicate=not posted)

    async def post_time(self, record: TimeRecord) -> Posted:
        """Bill a logged piece of work; the same time entry posted again has no new effect."""
        async with self._uow() as uow:
            posted = await post_time_in(uow, record, self._clock.now(), self._tz)
            if not posted.duplicate:
                await uow.commit()
        return posted

    async def close_period(self, client_id: int, period: Period) -> Posted:
        """Month end: unused package hours burn, then the month is closed to postings."""
        if period >= Period.of(self._today()):
            raise LedgerError("billing.err.close_early", month=str(period))
        async with self._uow() as uow:
            await uow.ledger.lock(client_id)
            await _client(uow, client_id)
            if await uow.ledger.is_closed(client_id, period):
                return Posted((), duplicate=True)
            left = await uow.ledger.package_left(client_id, period)
            burn = burn_entry(client_id, period, left, self._clock.now())
            posted = await _add_all(uow, [burn] if burn else [])
            await uow.ledger.close(client_id, period, self._clock.now())
            await uow.commit()
        return Posted(posted)

    async def reverse(self, entry_id: int, key: str, *, amount: int | None = None,
                      minutes: int | None = None, note: str = "") -> Posted:
        """Take back part or all of a billable entry; never more than the entry itself."""
        async with self._uow() as uow:
            posted = await self._reverse(uow, entry_id, key, amount, minutes, note)
            await uow.commit()
        return posted

    # -- disputes -------------------------------------------------------------------------------

    async def open_dispute(self, client_id: int, entry_id: int, by: str,
                           reason: str = "") -> Dispute:
        """The client's "I disagree" with one billable entry of its own."""
        async with self._uow() as uow:
            entry = await uow.ledger.get(entry_id)
            if entry is None or entry.client_id != client_id or not entry.billable:
                raise LedgerError("billing.err.not_disputable")
            if any(d.entry_id == entry_id
                   for d in await uow.ledger.disputes(client_id, DisputeStatus.OPEN)):
                raise LedgerError("billing.err.dispute_open")
            dispute = await uow.ledger.add_dispute(Dispute(
                None, client_id, entry_id, reason.strip(), by, self._clock.now()))
            await uow.commit()
        return dispute

    async def resolve_dispute(self, dispute_id: int, staff_id: int, answer: str, *,
                              reverse: bool, amount: int | None = None,
                              minutes: int | None = None) -> Dispute:
        """Staff answer a dispute: the entry stands, or a reversal takes it back."""
        async with self._uow() as uow:
            dispute = await uow.ledger.get_dispute(dispute_id)
            if dispute is not None:
                await uow.ledger.lock(dispute.client_id)
                dispute = await uow.ledger.get_dispute(dispute_id)  # as of holding the lock
            if dispute is None or dispute.status is not DisputeStatus.OPEN:
                raise LedgerError("billing.err.dispute_closed")
            if reverse:
                posted = await self._reverse(uow, dispute.entry_id, f"dispute:{dispute_id}",
                                             amount, minutes, answer)
                dispute.reversal_id = posted.entries[0].id
                dispute.status = DisputeStatus.REVERSED
            else:
                dispute.status = DisputeStatus.CONFIRMED
            dispute.answer, dispute.resolved_by = answer.strip(), staff_id
            dispute.resolved_at = self._clock.now()
            await uow.ledger.resolve_dispute(dispute)
            await uow.commit()
        return dispute

    async def disputes(self, client_id: int, status: DisputeStatus | None = None
                       ) -> list[Dispute]:
        """A client's disputes, for staff to answer."""
        async with self._uow() as uow:
            return list(await uow.ledger.disputes(client_id, status))

    # -- what people see ------------------------------------------------------------------------

    async def balance(self, client_id: int) -> BalanceView:
        """/balance: hours or money left, this month's spend by kind, the next payment."""
        async with self._uow() as uow:
            client = await _client(uow, client_id)
            if client.plan is None:
                raise LedgerError("billing.err.no_plan")
            entries = list(await uow.ledger.entries(client_id))
        return balance_view(client_id, client.plan, entries, self._today())

    async def notices(self, client_id: int, low_balance: int = 0) -> list[Notice]:
        """The balance notices due now, each marked sent so it is posted once a month."""
        today = self._today()
        async with self._uow() as uow:
            client = await _client(uow, client_id)
            if client.plan is None:
                return []
            view = balance_view(client_id, client.plan,
                                list(await uow.ledger.entries(client_id)), today)
            sent = await uow.ledger.sent_notices(client_id, view.period)
            due = [n for n in due_notices(view, today, low_balance=low_balance, sent=sent)
                   if await uow.ledger.mark_notice(n.key, self._clock.now())]
            await uow.commit()
        return due

    async def statement(self, client_id: int, period: Period) -> Statement:
        """The client's month: every entry it may see (not our unbilled time), totals by kind."""
        async with self._uow() as uow:
            client = await _client(uow, client_id)
            entries = await uow.ledger.entries(client_id)
            month = [e for e in entries if e.period == period
                     and not (e.type is EntryType.TIME_DEBIT
                              and e.category != BILLABLE_CATEGORY)]
            lines = [await _line(uow, e) for e in month]
        opening = sum(e.amount for e in entries if e.period < period)
        return Statement(client, period, tuple(lines), spend_by_kind(month), opening,
                         opening + sum(e.amount for e in month))

    async def economics(self, period: Period) -> Economics:
        """The integrator's month: billable share, real hourly yield, hours that earned nothing."""
        async with self._uow() as uow:
            entries = list(await uow.ledger.period_entries(period))
            staff = {s.id: s.name for s in await uow.staff.list(include_removed=True)}
            clients = {c.id: c.name for c in await uow.clients.list(include_archived=True)}
            unpaid = []
            for ticket_id, minutes in unpaid_minutes(entries).items():
                ticket = await uow.tickets.get(ticket_id)
                unpaid.append(UnpaidTicket(
                    ticket_id, ticket.number if ticket else None, ticket.title if ticket else "",
                    clients.get(ticket.client_id, "") if ticket else "", minutes))
            start = datetime.combine(period.first_day, time(0), self._tz).astimezone(UTC)
            end = datetime.combine(period.shift(1).first_day, time(0), self._tz).astimezone(UTC)
            votes = await uow.satisfaction.counts(start, end)
        unpaid.sort(key=lambda u: (-u.minutes, u.ticket_id))
        return Economics(
            period,
            work_yield("", entries),
            tuple(work_yield(staff.get(sid, str(sid)), [e for e in entries if e.staff_id == sid])
                  for sid in sorted({e.staff_id for e in entries if e.staff_id is not None})),
            tuple(work_yield(clients.get(cid, str(cid)), [e for e in entries if e.client_id == cid],
                         with_fees=True)
                  for cid in sorted({e.client_id for e in entries})),
            tuple(unpaid),
            tuple(sorted((clients.get(cid, str(cid)), c.up, c.down) for cid, c in votes.items())),
        )

    # -- inside one unit of work ----------------------------------------------------------------

    async def _post_one(self, entry: Entry) -> Posted:
        async with self._uow() as uow:
            await uow.ledger.lock(entry.client_id)
            await _client(uow, entry.client_id)
            existing = await uow.ledger.by_key(entry.key)
            if existing is not None:
                return Posted((existing,), duplicate=True)
            await _refuse_closed(uow, entry.client_id, entry.period)
            posted = await _add_all(uow, [entry])
            await uow.commit()
        return Posted(posted)

    async def _reverse(self, uow: UnitOfWork, entry_id: int, key: str, amount: int | None,
                       minutes: int | None, note: str) -> Posted:
        original = await uow.ledger.get(entry_id)
        if original is None:
            raise LedgerError("billing.err.not_disputable")
        await uow.ledger.lock(original.client_id)
        existing = await uow.ledger.by_key(f"reversal:{entry_id}:{key}")
        if existing is not None:
            return Posted((existing,), duplicate=True)
        # Into the entry's own month while it is open, else into the current one.
        period = original.period
        if await uow.ledger.is_closed(original.client_id, period):
            period = Period.of(self._today())
            await _refuse_closed(uow, original.client_id, period)
        entry = reversal_entry(original, await uow.ledger.reversed(entry_id),
                               key=f"reversal:{entry_id}:{key}", at=self._clock.now(), period=period,
                               amount=amount, minutes=minutes, note=note)
        return Posted(await _add_all(uow, [entry]))


async def _take_back(uow: UnitOfWork, client: Client, ticket: Ticket, correction: TimeEntry,
                     now: datetime, tz: tzinfo) -> Posted:
    """A correction of less time takes billed time back: the work's billed total becomes what
    the corrected work rounds to, taken from the newest postings first (overage before package
    hours), never more than was billed. Each reversal is keyed by the correction, so a retry
    posts nothing twice."""
    await uow.ledger.lock(client.id)
    family = [e for e in await uow.workspace.time_for_ticket(ticket.id)
              if correction.corrects_id in (e.id, e.corrects_id)]
    if all(e.id != correction.id for e in family):
        family.append(correction)
    postings: list[tuple[Entry, Reversed]] = []
    for member in family:
        if member.minutes <= 0 or member.id is None:
            continue
        for key in (time_key(member.id), f"{time_key(member.id)}:overage"):
            entry = await uow.ledger.by_key(key)
            if entry is not None and entry.id is not None:
                postings.append((entry, await uow.ledger.reversed(entry.id)))
    billed = sum(entry.minutes - done.minutes for entry, done in postings)
    step = (client.plan.min_billable_minutes if client.plan is not None
            and correction.category is TimeCategory.BILLABLE else 0)
    take = billed - rounded(max(sum(e.minutes for e in family), 0), step)
    period = Period.of(now.astimezone(tz).date())
    reversals: list[Entry] = []
    for entry, done in sorted(postings, key=lambda p: p[0].id or 0, reverse=True):
        key = f"reversal:{entry.id}:{time_key(correction.id or 0)}"
        if take <= 0 or await uow.ledger.by_key(key) is not None:
            continue
        left_minutes, left_amount = entry.minutes - done.minutes, -entry.amount - done.amount
        minutes = min(take, left_minutes)
        if minutes <= 0:
            continue
        amount = (left_amount if minutes == left_minutes
                  else min(left_amount, (-entry.amount * minutes + entry.minutes // 2)
                           // entry.minutes))
        into = entry.period
        if await uow.ledger.is_closed(client.id, into):
            into = period
            await _refuse_closed(uow, client.id, into)
        reversals.append(reversal_entry(entry, done, key=key, at=now, period=into,
                                        amount=amount, minutes=minutes,
                                        note=correction.description))
        take -= minutes
    return Posted(await _add_all(uow, reversals))


async def post_time_in(uow: UnitOfWork, record: TimeRecord, now: datetime,
                       tz: tzinfo = UTC) -> Posted:
    """Bill a logged piece of work inside `uow` (the caller commits): the workspace posts its
    time entries in the same transaction that records them, so a retry posts once."""
    day = record.at.astimezone(tz).date()
    period = Period.of(day)
    await uow.ledger.lock(record.client_id)
    first = await uow.ledger.by_key(time_key(record.id))
    if first is not None:
        overage = await uow.ledger.by_key(f"{time_key(record.id)}:overage")
        return Posted(tuple(e for e in (first, overage) if e), duplicate=True)
    client = await _client(uow, record.client_id)
    await _refuse_closed(uow, record.client_id, period)
    if client.plan is not None:
        await _open(uow, client, period, now)
    left = await uow.ledger.package_left(record.client_id, period)
    entries = time_entries(record, client.plan, period, day, left)
    return Posted(await _add_all(uow, entries))


async def _open(uow: UnitOfWork, client: Client, period: Period,
                now: datetime) -> tuple[Entry, ...]:
    if client.plan is None:
        raise LedgerError("billing.err.no_plan")
    await _refuse_closed(uow, client.id, period)
    wanted = period_opening(client.id, client.plan, period, now)
    return await _add_all(uow, [e for e in wanted if not await uow.ledger.by_key(e.key)])


async def _refuse_closed(uow: UnitOfWork, client_id: int, period: Period) -> None:
    if await uow.ledger.is_closed(client_id, period):
        raise LedgerError("billing.err.closed", month=str(period))


async def _add_all(uow: UnitOfWork, entries: list[Entry]) -> tuple[Entry, ...]:
    for client_id in {e.client_id for e in entries}:
        check_bounds(await uow.ledger.balance(client_id),
                     [e for e in entries if e.client_id == client_id])
    posted = []
    for entry in entries:
        stored = await uow.ledger.add(entry)
        if stored is None:
            # Only a writer that skipped the lock gets here; stop rather than half-post.
            raise LedgerError("billing.err.concurrent")
        posted.append(stored)
    return tuple(posted)


async def _client(uow: UnitOfWork, client_id: int) -> Client:
    client = await uow.clients.get(client_id)
    if client is None:
        raise LedgerError("billing.err.no_client")
    return client


async def _line(uow: UnitOfWork, entry: Entry) -> StatementLine:
    ticket = await uow.tickets.get(entry.ticket_id) if entry.ticket_id else None
    staff = await uow.staff.get(entry.staff_id) if entry.staff_id else None
    return StatementLine(entry, ticket.number if ticket else None,
                         ticket.title if ticket else "", staff.name if staff else "")


def error_text(lang: Language | str, error: LedgerError) -> str:
    """A refusal of the ledger, as a sentence for a person."""
    params = {k: kind_name(lang, Kind(v)) if k == "kind" else v for k, v in error.params.items()}
    return t(lang, error.key, **params)


def duration(lang: Language | str, minutes: int) -> str:
    hours, rest = divmod(abs(minutes), 60)
    return t(lang, "billing.duration", sign="-" if minutes < 0 else "", hours=hours,
             minutes=f"{rest:02d}")


def package_hours(lang: Language | str, plan: Plan) -> str:
    """A package's size: "20 ч" for whole hours, else hours and minutes ("0 ч 06 мин")."""
    hours, rest = divmod(plan.package_minutes, 60)
    return t(lang, "billing.hours", hours=hours) if not rest else duration(lang,
                                                                          plan.package_minutes)


def plan_text(lang: Language | str, client: Client) -> str:
    """The client's plan as the bot and the CLI show it."""
    plan = client.plan
    if plan is None:
        return t(lang, "billing.plan.none", client=client.name)
    lines = [t(lang, "billing.plan.header", client=client.name,
               model=t(lang, f"billing.model.{plan.model.value}"))]
    for terms in plan.kinds:
        params = dict(kind=kind_name(lang, terms.kind), mode=t(lang, f"billing.mode.{terms.mode}"),
                      fee=money(lang, terms.monthly_fee))
        if terms.kind is Kind.STRATEGIC and plan.starts_on is not None:
            until = add_months(plan.starts_on, STRATEGIC_FREE_MONTHS)
            lines.append(t(lang, "billing.plan.kind_free", until=until.isoformat(), **params))
        else:
            lines.append(t(lang, "billing.plan.kind", **params))
    if plan.model is BillingModel.PACKAGE:
        lines.append(t(lang, "billing.plan.package", hours=package_hours(lang, plan),
                       rate=money(lang, plan.hourly_rate)))
    elif plan.hourly_rate:
        lines.append(t(lang, "billing.plan.rate", rate=money(lang, plan.hourly_rate)))
    if plan.min_billable_minutes:
        lines.append(t(lang, "billing.plan.rounding", minutes=plan.min_billable_minutes))
    if plan.starts_on:
        lines.append(t(lang, "billing.plan.starts", day=plan.starts_on.isoformat()))
    if plan.trial:
        lines.append(t(lang, "billing.plan.trial"))
    if plan.model is not BillingModel.TIME_AND_MATERIALS and plan.kinds:
        months = min_term_months(plan)
        lines.append(t(lang, "billing.plan.term", day=RENEWAL_DAY, months=months,
                       month_word=plural(lang, months, "plural.months")))
    return "\n".join(lines)


def balance_text(lang: Language | str, client: Client, view: BalanceView, today: date) -> str:
    """/balance, for the group chat, the owner's private chat and the CLI."""
    lines = [t(lang, "billing.balance.header", client=client.name, day=today.isoformat())]
    lines += plan_state_lines(lang, view)
    if view.spend:
        lines.append(t(lang, "billing.balance.spend_header"))
        lines += [t(lang, "billing.balance.spend_line", kind=kind_name(lang, s.kind),
                    hours=duration(lang, s.minutes), amount=money(lang, s.amount))
                  for s in view.spend]
    else:
        lines.append(t(lang, "billing.balance.no_spend"))
    if view.due_amount and view.due_on:
        lines.append(t(lang, "billing.balance.due", amount=money(lang, view.due_amount),
                       day=view.due_on.isoformat(),
                       months=", ".join(str(p) for p in view.pays_for) or str(view.period)))
    else:
        lines.append(t(lang, "billing.balance.nothing_due"))
    return "\n".join(lines)


def plan_state_lines(lang: Language | str, view: BalanceView) -> list[str]:
    """What the plan in force gives this month, per model: the package's hours and when they
    burn, the money balance and rate, or the kinds a monthly plan covers; the cabinet shows
    the same lines."""
    lines = []
    if view.starts_on is not None:
        lines.append(t(lang, "billing.balance.starts", day=view.starts_on.isoformat()))
    if view.package_minutes:
        total = duration(lang, view.package_minutes)
        if view.package_left > 0:
            lines.append(t(lang, "billing.balance.package_left",
                           left=duration(lang, view.package_left), total=total,
                           day=view.burns_on.isoformat() if view.burns_on else ""))
        else:
            lines.append(t(lang, "billing.balance.package_over", total=total))
    if view.kinds:
        lines.append(t(lang, "billing.balance.covered"))
        lines += [t(lang, "billing.balance.covered_line", kind=kind_name(lang, k.kind),
                    mode=t(lang, f"billing.mode.{k.mode}")) for k in view.kinds]
    if view.model is BillingModel.TIME_AND_MATERIALS:
        lines.append(t(lang, "billing.balance.debt" if view.balance < 0
                       else "billing.balance.money", amount=money(lang, abs(view.balance))))
        lines.append(t(lang, "billing.balance.hourly", rate=money(lang, view.hourly_rate)))
    elif view.balance < 0:  # fees and overage not paid yet; nothing to say of a zero balance
        lines.append(t(lang, "billing.balance.unpaid", amount=money(lang, -view.balance)))
    elif view.balance > 0:
        lines.append(t(lang, "billing.balance.money", amount=money(lang, view.balance)))
    if view.first_month:
        lines.append(t(lang, "billing.balance.first_month"))
    return lines


def notice_text(lang: Language | str, notice: Notice, view: BalanceView, plan: Plan) -> str:
    """One balance notice, for the client's chat or its owner."""
    return t(lang, f"billing.notice.{notice.type.value}",
             used=duration(lang, view.package_used), total=duration(lang, view.package_minutes),
             left=duration(lang, view.package_left), rate=money(lang, plan.hourly_rate),
             amount=money(lang, abs(view.balance) if notice.type is not NoticeType.RENEWAL_DUE
                          else view.due_amount),
             months=", ".join(str(p) for p in view.pays_for),
             day=view.due_on.isoformat() if view.due_on else "")


async def bill_time(uow: UnitOfWork, ticket: Ticket, entries: Sequence[TimeEntry],
                    now: datetime, tz: tzinfo = UTC) -> list[Posted]:
    """Post the workspace's new time entries of `ticket` to the client's ledger inside `uow`.

    Billable work of a client without a plan cannot be priced, so it stays in the workspace
    only; a month already closed refuses the posting (and with it the time entry)."""
    client = await uow.clients.get(ticket.client_id)
    posted = []
    for entry in entries:
        if entry.id is not None and entry.minutes < 0 and entry.corrects_id is not None \
                and client is not None:
            try:
                posted.append(await _take_back(uow, client, ticket, entry, now, tz))
            except LedgerError as exc:
                raise DeskError(exc.key, **exc.params) from exc
            continue
        if entry.id is None or entry.minutes <= 0 or client is None or (
                client.plan is None and entry.category is TimeCategory.BILLABLE):
            continue
        record = TimeRecord(entry.id, ticket.client_id, ticket.kind, entry.minutes,
                            entry.category.value, entry.staff_id, entry.created_at, ticket.id,
                            entry.description)
        try:
            posted.append(await post_time_in(uow, record, now, tz))
        except LedgerError as exc:
            raise DeskError(exc.key, **exc.params) from exc
    return posted


# The renewals sweep (domain/reminders.py) already tells the owner to pay by the 20th and
# that a month lapsed unpaid; posting the renewal here too would say it twice.
OWNED_ELSEWHERE = frozenset({NoticeType.RENEWAL_DUE})


# A client on fixed fees is "negative" from the day its month's fee is posted until it pays:
# that is the renewal sweep's matter, so money notices go to time-and-materials clients only.
MONEY_NOTICES = frozenset({NoticeType.LOW_BALANCE, NoticeType.NEGATIVE_BALANCE})


def wanted(notice: Notice, model: BillingModel) -> bool:
    if notice.type in OWNED_ELSEWHERE:
        return False
    return notice.type not in MONEY_NOTICES or model is BillingModel.TIME_AND_MATERIALS


async def record_balance_notices(uow: UnitOfWork, client: Client, today: date, now: datetime,
                                 low_balance: int = 0) -> int:
    """Decide the client's due balance notices and record them in the outbox, inside `uow`:
    to the client's chats and to its owners. A notice decided before is never recorded again."""
    if client.plan is None or client.id is None:
        return 0
    view = balance_view(client.id, client.plan, list(await uow.ledger.entries(client.id)), today)
    sent = await uow.ledger.sent_notices(client.id, view.period)
    due: list[Notice] = [n for n in due_notices(view, today, low_balance=low_balance, sent=sent)
                         if wanted(n, client.plan.model)]
    if not due:
        return 0
    targets = [(c.platform, c.external_id) for c in await uow.chats.for_client(client.id)
               if c.active]
    targets += [(p.platform, p.external_id) for p in await uow.notices.owners(client.id)]
    recorded = 0
    for notice in due:
        if not await uow.ledger.mark_notice(notice.key, now):
            continue
        text = notice_text(client.language, notice, view, client.plan)
        for platform, chat_id in targets:
            recorded += await uow.notices.record(Outbound(
                f"billing:{notice.key}:{platform.value}:{chat_id}", OutboxKind.BALANCE,
                platform, chat_id, text, now, client_id=client.id))
    return recorded
