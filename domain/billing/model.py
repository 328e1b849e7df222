"""The ledger's rules, pure: what entries a payment, a piece of work, a month end or a dispute
produce. Money is integer kopecks, time integer minutes.

Two accounts per client are sums of entries: the money balance (`amount`, kopecks, signed)
and, per calendar month, the package of hours (`package_minutes`, signed). Entries are never
edited; a correction is a new entry. Every entry has an idempotency key: posting the same key
twice has one effect.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time

from domain.kernel.model import BillingModel, Coverage, Kind, KindTerms, Mode, Plan
from domain.kernel.rules import STRATEGIC_FREE_MONTHS, add_months, quote

RENEWAL_DAY = 20  # renewal of a monthly plan is paid by the 20th of the current month


MIN_TERM_MONTHS = {Mode.PASSIVE: 3, Mode.ACTIVE: 2}  # prepaid ahead after the first month


PACKAGE_WARN_SHARE = 0.8


# Sane bounds, far above any real desk and far below what a 64-bit column holds: one entry
# (a payment, a fee, an hourly rate, a charge) is at most 100 million roubles, a client's
# balance stays within a billion roubles either way, a package within the hours of a month.
MAX_ENTRY_KOPECKS = 100_000_000_00


MAX_BALANCE_KOPECKS = 1_000_000_000_00


MAX_PACKAGE_MINUTES = 31 * 24 * 60


MAX_ROUNDING_MINUTES = 240


class LedgerError(Exception):
    """A posting the ledger refuses; `key` names the text that explains why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A calendar month, from the 1st to the 1st."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 2000 <= self.year <= 2999:
            raise ValueError(f"no such month: {self.year}-{self.month}")

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2026-11' → November 2026; anything else is a ValueError."""
        try:
            year, month = (int(part) for part in text.strip().split("-"))
        except ValueError:
            raise ValueError(f"expected a month as YYYY-MM, got {text!r}") from None
        return cls(year, month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def shift(self, months: int) -> Period:
        return Period.of(add_months(self.first_day, months))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class EntryType(enum.StrEnum):
    PAYMENT = "payment"  # money in
    FEE = "fee"  # the month's fixed fee of the plan
    PACKAGE_GRANT = "package_grant"  # the month's package of hours
    TIME_DEBIT = "time_debit"  # logged work: from the package, the balance, or free
    OVERAGE = "overage"  # work beyond the package, at the hourly rate
    BURN = "burn"  # package hours left unused at month end
    REVERSAL = "reversal"  # a disputed entry taken back, in part or in full
    ADJUSTMENT = "adjustment"  # a manual correction by an admin


BILLABLE_TYPES = frozenset({EntryType.TIME_DEBIT, EntryType.OVERAGE})


BILLABLE_CATEGORY = "billable"


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger line. `amount` and `package_minutes` are the effects on the two accounts;
    `minutes` is the work it bills and `worked_minutes` the work actually done."""

    client_id: int
    period: Period
    type: EntryType
    key: str
    at: datetime
    amount: int = 0
    package_minutes: int = 0
    minutes: int = 0
    worked_minutes: int = 0
    kind: Kind | None = None
    category: str | None = None
    ticket_id: int | None = None
    staff_id: int | None = None
    reverses_id: int | None = None
    note: str = ""
    id: int | None = None

    @property
    def billable(self) -> bool:
        return self.type in BILLABLE_TYPES and self.category == BILLABLE_CATEGORY


@dataclass(frozen=True, slots=True)
class TimeRecord:
    """A piece of work as the staff workspace logged it; its `id` (unique across clients)
    makes its posting idempotent."""

    id: int
    client_id: int
    kind: Kind
    minutes: int
    category: str
    staff_id: int | None
    at: datetime
    ticket_id: int | None = None
    description: str = ""


def rounded(minutes: int, step: int) -> int:
    """Billed minutes: work is rounded up to the client's step, so a 15-minute step bills
    5 minutes as 15 and 20 as 30; a step of 0 bills exactly."""
    if minutes <= 0:
        return 0
    return -(-minutes // step) * step if step > 0 else minutes


def cost(minutes: int, hourly_rate: int) -> int:
    """Kopecks for `minutes` at `hourly_rate` kopecks an hour, half a kopeck rounded up."""
    return (minutes * hourly_rate + 30) // 60


_CURRENCY = ("₽", "руб.", "руб", "р.", "rub", "rur")


_PLAIN = re.compile(r"\d+(?:[.,]\d{1,2})?")


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?")  # 50,000.50


def parse_roubles(text: str) -> int:
    """Kopecks from roubles as people type them: "50 000", "50000,50", "50 000 ₽",
    "50000.50", "50,000.50". Raises ValueError on anything else (signs, exponents, letters,
    three digits after the decimal mark)."""
    value = text.strip().lower()
    for sign in _CURRENCY:
        value = value.removesuffix(sign).strip()
    value = re.sub(r"[\s\u00a0\u202f']", "", value)
    if _GROUPED.fullmatch(value):
        value = value.replace(",", "")
    elif not _PLAIN.fullmatch(value):
        raise ValueError(f"not an amount of roubles: {text!r}")
    whole, _, frac = value.replace(",", ".").partition(".")
    return int(whole) * 100 + int(frac.ljust(2, "0") or 0)


def time_key(record_id: int) -> str:
    return f"time:{record_id}"


def strategic_free(plan: Plan, day: date) -> bool:
    return plan.starts_on is not None and plan.starts_on <= day < add_months(
        plan.starts_on, STRATEGIC_FREE_MONTHS)


def monthly_fee(plan: Plan, period: Period) -> int:
    """The fixed fee of the month: every kind's fee, strategic free for its first 3 months."""
    return sum(
        terms.monthly_fee for terms in plan.kinds
        if not (terms.kind is Kind.STRATEGIC and strategic_free(plan, period.first_day))
    )


def min_term_months(plan: Plan) -> int:
    """How many months are bought ahead: passive plans ≥ 3, active ≥ 2 (the shortest wins,
    since one active kind already makes the plan active); hour plans go month by month."""
    if plan.model is not BillingModel.MONTHLY or not plan.kinds:
        return 1
    return min(MIN_TERM_MONTHS[terms.mode] for terms in plan.kinds)


def validate_plan(plan: Plan) -> None:
    """Refuses plans an integrator cannot sell: control and strategic are active only; a
    package needs hours, and work beyond it (or by the hour) needs a rate; every figure is
    within the ledger's bounds and a kind is named once."""
    seen: set[Kind] = set()
    for terms in plan.kinds:
        if terms.kind in seen:
            raise LedgerError("billing.err.kind_twice", kind=terms.kind.value)
        seen.add(terms.kind)
        if not 0 <= terms.monthly_fee <= MAX_ENTRY_KOPECKS:
            raise LedgerError("billing.err.fee_bounds", kind=terms.kind.value)
        if terms.kind in (Kind.CONTROL, Kind.STRATEGIC) and terms.mode is not Mode.ACTIVE:
            raise LedgerError("billing.err.active_only", kind=terms.kind.value)
        if not terms.kind.is_support:
            raise LedgerError("billing.err.not_support", kind=terms.kind.value)
    if not 0 <= plan.hourly_rate <= MAX_ENTRY_KOPECKS:
        raise LedgerError("billing.err.rate_bounds")
    if not 0 <= plan.package_minutes <= MAX_PACKAGE_MINUTES:
        raise LedgerError("billing.err.package_bounds")
    if plan.model is BillingModel.PACKAGE and plan.package_minutes <= 0:
        raise LedgerError("billing.err.package_hours")
    if plan.model in (BillingModel.PACKAGE, BillingModel.TIME_AND_MATERIALS) and \
            plan.hourly_rate <= 0:
        raise LedgerError("billing.err.rate")
    if plan.model is BillingModel.MONTHLY and not plan.kinds:
        raise LedgerError("billing.err.no_kinds")
    if not 0 <= plan.min_billable_minutes <= MAX_ROUNDING_MINUTES:
        raise LedgerError("billing.err.rounding")


def in_force(plan: Plan, period: Period) -> bool:
    """A plan is in force from the month it starts (from the moment it is set when it names no
    start) on; a month it is in force for is bought whole, whatever day the plan began."""
    return plan.starts_on is None or Period.of(plan.starts_on) <= period


def check_bounds(balance: int, entries: Sequence[Entry]) -> None:
    """Refuses postings that break the money bounds: any one entry beyond
    `MAX_ENTRY_KOPECKS`, or a balance (after each entry in turn) beyond
    `MAX_BALANCE_KOPECKS` either way."""
    for entry in entries:
        if abs(entry.amount) > MAX_ENTRY_KOPECKS:
            raise LedgerError("billing.err.entry_bounds")
        balance += entry.amount
        if abs(balance) > MAX_BALANCE_KOPECKS:
            raise LedgerError("billing.err.balance_bounds")


def period_opening(client_id: int, plan: Plan, period: Period, at: datetime) -> list[Entry]:
    """The month's fee and package grant, keyed by client and month so each is posted once;
    nothing for a month before the plan starts."""
    if not in_force(plan, period):
        return []
    entries = []
    fee = monthly_fee(plan, period)
    if fee:
        entries.append(Entry(client_id, period, EntryType.FEE, f"fee:{client_id}:{period}", at,
                             amount=-fee))
    if plan.model is BillingModel.PACKAGE:
        entries.append(Entry(client_id, period, EntryType.PACKAGE_GRANT,
                             f"grant:{client_id}:{period}", at,
                             package_minutes=plan.package_minutes))
    return entries


def time_entries(record: TimeRecord, plan: Plan | None, period: Period, day: date,
                 package_left: int) -> list[Entry]:
    """What a logged piece of work costs the client, as ledger entries.

    Non-billable work is recorded at zero so the integrator still sees every hour; billable
    work is rounded, then drawn from the package (the rest as overage), charged to the balance
    (time and materials, paid one-offs, new work) or included (monthly plans, free strategic).
    """
    if record.minutes <= 0:
        raise LedgerError("billing.err.minutes")
    base = dict(kind=record.kind, category=record.category, ticket_id=record.ticket_id,
                staff_id=record.staff_id, note=record.description)
    key = time_key(record.id)
    if record.category != BILLABLE_CATEGORY:
        return [Entry(record.client_id, period, EntryType.TIME_DEBIT, key, record.at,
                      minutes=record.minutes, worked_minutes=record.minutes, **base)]
    if plan is None:
        raise LedgerError("billing.err.no_plan")
    billed = rounded(record.minutes, plan.min_billable_minutes)
    offer = quote(plan, record.kind, day)
    debit = Entry(record.client_id, period, EntryType.TIME_DEBIT, key, record.at,
                  minutes=billed, worked_minutes=record.minutes, **base)
    if offer.free_reason or (offer.coverage is Coverage.COVERED
                             and plan.model is BillingModel.MONTHLY):
        return [debit]
    if offer.coverage is Coverage.COVERED and plan.model is BillingModel.PACKAGE:
        from_package = min(billed, max(package_left, 0))
        over = billed - from_package
        entries = []
        if from_package:
            entries.append(replace(debit, minutes=from_package, package_minutes=-from_package,
                                    worked_minutes=_share(record.minutes, from_package, billed)))
        if over:
            # The first entry of a time record always carries its key: retries look it up.
            entries.append(replace(
                debit, type=EntryType.OVERAGE, key=f"{key}:overage" if entries else key,
                minutes=over,
                amount=-cost(over, plan.hourly_rate),
                worked_minutes=record.minutes - _share(record.minutes, from_package, billed)))
        return entries
    return [replace(debit, amount=-cost(billed, offer.hourly_rate or plan.hourly_rate))]


def _share(worked: int, part: int, whole: int) -> int:
    return worked * part // whole if whole else 0


def burn_entry(client_id: int, period: Period, package_left: int, at: datetime) -> Entry | None:
    """Unused package hours burn at month end: one entry per client and month, keyed so."""
    if package_left <= 0:
        return None
    return Entry(client_id, period, EntryType.BURN, f"burn:{client_id}:{period}", at,
                 package_minutes=-package_left)


@dataclass(frozen=True, slots=True)
class Reversed:
    """How much of an entry earlier reversals already took back (both positive)."""

    amount: int = 0
    minutes: int = 0


def reversal_entry(original: Entry, already: Reversed, *, key: str, at: datetime,
                   period: Period, amount: int | None = None, minutes: int | None = None,
                   note: str = "") -> Entry:
    """Takes back part or all of a billable entry: never more than is left of it. Package
    minutes come back only into the entry's own month, while that month is still open
    (`period` is where the reversal is posted)."""
    if original.type not in BILLABLE_TYPES or original.id is None:
        raise LedgerError("billing.err.not_disputable")
    left_amount = -original.amount - already.amount
    left_minutes = original.minutes - already.minutes
    amount = left_amount if amount is None else amount
    minutes = left_minutes if minutes is None else minutes
    if amount < 0 or minutes < 0 or (amount == 0 and minutes == 0):
        raise LedgerError("billing.err.nothing_to_reverse")
    if amount > left_amount or minutes > left_minutes:
        raise LedgerError("billing.err.reversal_too_big")
    package_back = 0
    if original.package_minutes and period == original.period:
        package_back = min(minutes, -original.package_minutes - _package_reversed(original,
                                                                                  already))
    return Entry(original.client_id, period, EntryType.REVERSAL, key, at, amount=amount,
                 package_minutes=package_back, minutes=minutes, kind=original.kind,
                 category=original.category, ticket_id=original.ticket_id,
                 staff_id=original.staff_id, reverses_id=original.id, note=note)


def _package_reversed(original: Entry, already: Reversed) -> int:
    # Minutes reversed so far came back to the package in the same proportion they were drawn.
    return min(already.minutes, -original.package_minutes)


@dataclass(frozen=True, slots=True)
class KindSpend:
    kind: Kind
    minutes: int
    amount: int  # kopecks charged, positive


@dataclass(frozen=True, slots=True)
class BalanceView:
    """The answer to /balance: hours left or money left, this month's spend, what is due."""

    client_id: int
    model: BillingModel
    period: Period
    balance: int  # kopecks; negative is a debt
    package_minutes: int  # granted this month
    package_left: int
    spend: tuple[KindSpend, ...]
    due_amount: int  # kopecks to pay by `due_on`; 0 when nothing is due
    due_on: date | None
    pays_for: tuple[Period, ...] = ()  # the months the payment buys
    hourly_rate: int = 0  # kopecks: time and materials, package overage, paid one-offs
    kinds: tuple[KindTerms, ...] = ()  # what a monthly plan covers
    burns_on: date | None = None  # when this month's unused package hours burn
    starts_on: date | None = None  # set while the plan has not started yet
    first_month: bool = False  # the plan's first month, bought whole (never prorated)

    @property
    def package_used(self) -> int:
        return self.package_minutes - self.package_left


def spend_by_kind(entries: list[Entry]) -> tuple[KindSpend, ...]:
    """This month's billable work per kind, reversals subtracted."""
    minutes: dict[Kind, int] = {}
    amount: dict[Kind, int] = {}
    for entry in entries:
        if entry.kind is None or entry.category != BILLABLE_CATEGORY:
            continue
        sign = -1 if entry.type is EntryType.REVERSAL else 1
        if entry.type in BILLABLE_TYPES or entry.type is EntryType.REVERSAL:
            minutes[entry.kind] = minutes.get(entry.kind, 0) + sign * entry.minutes
            amount[entry.kind] = amount.get(entry.kind, 0) - entry.amount
    return tuple(KindSpend(k, minutes[k], amount[k]) for k in Kind if k in minutes)


def renewal(plan: Plan, balance: int, today: date) -> tuple[int, date | None, tuple[Period, ...]]:
    """What to pay by the 20th to keep the desk running: the next months' fees (the minimum
    term ahead, one month in a trial's first month) less any credit, plus any debt.
    Time-and-materials clients owe only a debt, due at once."""
    current = Period.of(today)
    if plan.model is BillingModel.TIME_AND_MATERIALS or not plan.kinds:
        debt = max(-balance, 0)
        return debt, (today if debt else None), ()
    months = min_term_months(plan)
    if plan.trial and plan.starts_on is not None and Period.of(plan.starts_on) == current:
        months = 1
    ahead = tuple(current.shift(i) for i in range(1, months + 1))
    needed = sum(monthly_fee(plan, p) for p in ahead)
    due_on = current.first_day.replace(day=RENEWAL_DAY)
    return max(needed - balance, 0), due_on, ahead


def balance_view(client_id: int, plan: Plan, entries: list[Entry], today: date) -> BalanceView:
    """/balance from the client's entries (all periods) on `today` and the plan in force.

    The month's fee and package grant are the plan's from the moment it is in force: until the
    first piece of work or the month job posts them (with the same keys, so once), they are
    derived here, so the view is the same before and after they are posted."""
    period = Period.of(today)
    posted = {e.key for e in entries}
    opening = period_opening(client_id, plan, period, datetime.combine(period.first_day, time(),
                                                                       UTC))
    entries = [*entries, *(e for e in opening if e.key not in posted)]
    this_month = [e for e in entries if e.period == period]
    balance = sum(e.amount for e in entries)
    granted = sum(e.package_minutes for e in this_month if e.type is EntryType.PACKAGE_GRANT)
    left = sum(e.package_minutes for e in this_month)
    due, due_on, ahead = renewal(plan, balance, today)
    started = in_force(plan, period)
    opened_before = any(e.period < period and e.type in (EntryType.FEE, EntryType.PACKAGE_GRANT)
                        for e in entries)
    return BalanceView(
        client_id, plan.model, period, balance, granted, left, spend_by_kind(this_month), due,
        due_on, ahead, hourly_rate=plan.hourly_rate,
        kinds=plan.kinds if plan.model is BillingModel.MONTHLY else (),
        burns_on=period.shift(1).first_day if granted else None,
        starts_on=None if started else plan.starts_on,
        # A plan that names its start begins on a 1st; one set without a start began today or
        # earlier this month, and that month is bought whole.
        first_month=started and bool(opening) and not opened_before and plan.starts_on is None)


class NoticeType(enum.StrEnum):
    PACKAGE_80 = "package_80"
    PACKAGE_EXHAUSTED = "package_exhausted"
    LOW_BALANCE = "low_balance"
    NEGATIVE_BALANCE = "negative_balance"
    RENEWAL_DUE = "renewal_due"


@dataclass(frozen=True, slots=True)
class Notice:
    type: NoticeType
    key: str  # client + month + type: each notice is posted at most once a month
    params: dict[str, object] = field(default_factory=dict)


def due_notices(view: BalanceView, today: date, *, low_balance: int = 0,
                sent: frozenset[str] = frozenset()) -> list[Notice]:
    """Which balance notices to post now; those whose key is in `sent` were posted already.
    `low_balance` (kopecks) is the client's threshold; 0 turns that notice off."""
    found: list[NoticeType] = []
    if view.package_minutes > 0:
        if view.package_left <= 0:
            found.append(NoticeType.PACKAGE_EXHAUSTED)
        elif view.package_used >= PACKAGE_WARN_SHARE * view.package_minutes:
            found.append(NoticeType.PACKAGE_80)
    if view.balance < 0:
        found.append(NoticeType.NEGATIVE_BALANCE)
    elif low_balance and view.balance < low_balance:
        found.append(NoticeType.LOW_BALANCE)
    if view.due_amount > 0 and view.due_on is not None and today <= view.due_on \
            and view.pays_for:
        found.append(NoticeType.RENEWAL_DUE)
    notices = [Notice(t, f"{view.client_id}:{view.period}:{t.value}") for t in found]
    return [n for n in notices if n.key not in sent]


@dataclass(frozen=True, slots=True)
class Yield:
    """Hours worked against money earned, for one staff member or client (or everyone)."""

    name: str
    worked_minutes: int = 0
    billable_minutes: int = 0
    revenue: int = 0  # kopecks

    @property
    def billable_share(self) -> float:
        return self.billable_minutes / self.worked_minutes if self.worked_minutes else 0.0

    @property
    def hourly_yield(self) -> int:
        """Kopecks earned per hour actually worked: seed 003's 2,000 ₽ hour that is 1,680 ₽."""
        return self.revenue * 60 // self.worked_minutes if self.worked_minutes else 0


def work_yield(name: str, entries: list[Entry], *, with_fees: bool = False) -> Yield:
    """Hours worked and money earned by `entries`; a client's yield counts its fixed fees."""
    work = [e for e in entries if e.type in BILLABLE_TYPES]
    charged = [e for e in entries if e.type in BILLABLE_TYPES or e.type is EntryType.REVERSAL
               or (with_fees and e.type is EntryType.FEE)]
    return Yield(
        name,
        worked_minutes=sum(e.worked_minutes for e in work),
        billable_minutes=sum(e.worked_minutes for e in work if e.category == BILLABLE_CATEGORY),
        revenue=-sum(e.amount for e in charged),
    )


def unpaid_minutes(entries: list[Entry]) -> dict[int, int]:
    """Per ticket, worked minutes that brought no money: unbilled categories, work included in
    a fixed fee or free, and work reversed after a dispute."""
    unpaid: dict[int, int] = {}
    reversed_share: dict[int, int] = {}
    for e in entries:
        if e.type is EntryType.REVERSAL and e.ticket_id is not None:
            reversed_share[e.ticket_id] = reversed_share.get(e.ticket_id, 0) + e.minutes
    for e in entries:
        if e.type in BILLABLE_TYPES and e.ticket_id is not None and e.amount == 0 \
                and e.package_minutes == 0:
            unpaid[e.ticket_id] = unpaid.get(e.ticket_id, 0) + e.worked_minutes
    for ticket_id, minutes in reversed_share.items():
        unpaid[ticket_id] = unpaid.get(ticket_id, 0) + minutes
    return {k: v for k, v in unpaid.items() if v > 0}


class DisputeStatus(enum.StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"  # staff showed the entry is right; it stays
    REVERSED = "reversed"  # a reversal entry took it back, in part or in full


@dataclass(slots=True)
class Dispute:
    """A client's "I disagree" with one billable entry, and the staff's answer."""

    id: int | None
    client_id: int
    entry_id: int
    reason: str
    opened_by: str  # the client's person, as the messenger names them
    opened_at: datetime
    status: DisputeStatus = DisputeStatus.OPEN
    answer: str = ""
    resolved_by: int | None = None  # staff id
    resolved_at: datetime | None = None
    reversal_id: int | None = None
