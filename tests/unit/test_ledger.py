"""The ledger's rules as worked accounting examples (no I/O). 1 ₽ = 100 kopecks."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.billing.model import (
    MAX_BALANCE_KOPECKS,
    MAX_ENTRY_KOPECKS,
    BalanceView,
    Entry,
    EntryType,
    LedgerError,
    NoticeType,
    Period,
    Reversed,
    TimeRecord,
    balance_view,
    burn_entry,
    check_bounds,
    cost,
    due_notices,
    monthly_fee,
    parse_roubles,
    period_opening,
    renewal,
    reversal_entry,
    rounded,
    time_entries,
    unpaid_minutes,
    validate_plan,
    work_yield,
)
from domain.kernel.model import BillingModel, Kind, KindTerms, Mode, Plan
from domain.texts import money

NOV = Period(2026, 11)
AT = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
RUB = 100


def work(minutes: int, *, kind: Kind = Kind.TECHNICAL, category: str = "billable", rid: int = 1,
         staff: int | None = 7, ticket: int | None = 42) -> TimeRecord:
    return TimeRecord(rid, 1, kind, minutes, category, staff, AT, ticket_id=ticket)


def post(record: TimeRecord, plan: Plan | None, package_left: int = 0) -> list[Entry]:
    entries = time_entries(record, plan, NOV, AT.date(), package_left)
    return [replace(e, id=i) for i, e in enumerate(entries, start=100)]  # as if stored


TM = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=2_500 * RUB, min_billable_minutes=15)
PACKAGE = Plan(BillingModel.PACKAGE, hourly_rate=2_000 * RUB, package_minutes=20 * 60)
MONTHLY = Plan(BillingModel.MONTHLY,
               kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 20_000 * RUB),
                      KindTerms(Kind.STRATEGIC, Mode.ACTIVE, 30_000 * RUB)),
               hourly_rate=2_500 * RUB, starts_on=date(2026, 10, 1))


# -- rounding and rates --------------------------------------------------------------------------


def test_a_fifteen_minute_step_bills_five_minutes_as_fifteen_and_twenty_as_thirty():
    assert (rounded(5, 15), rounded(20, 15), rounded(30, 15), rounded(7, 0)) == (15, 30, 30, 7)


def test_ninety_minutes_at_2500_rubles_an_hour_cost_3750_rubles():
    assert cost(90, 2_500 * RUB) == 3_750 * RUB


def test_a_minute_at_an_odd_rate_rounds_half_a_kopeck_up():
    assert cost(1, 90) == 2  # 1.5 kopecks


# -- time and materials --------------------------------------------------------------------------


def test_time_and_materials_charges_the_rounded_minutes_at_the_rate():
    [entry] = post(work(50), TM)
    assert (entry.type, entry.minutes, entry.worked_minutes) == (EntryType.TIME_DEBIT, 60, 50)
    assert entry.amount == -2_500 * RUB and entry.package_minutes == 0
    assert entry.key == "time:1"


def test_unbilled_work_is_recorded_at_zero_so_the_integrator_still_sees_the_hour():
    [entry] = post(work(45, category="learning"), TM)
    assert (entry.amount, entry.minutes, entry.worked_minutes, entry.billable) == (0, 45, 45, False)


def test_billable_work_for_a_client_without_a_plan_is_refused_not_given_away():
    with pytest.raises(LedgerError) as caught:
        post(work(30), None)
    assert caught.value.key == "billing.err.no_plan"


# -- hour packages -------------------------------------------------------------------------------


def test_work_inside_the_package_draws_hours_and_costs_nothing_more():
    [entry] = post(work(90), PACKAGE, package_left=20 * 60)
    assert (entry.package_minutes, entry.amount) == (-90, 0)


def test_work_beyond_the_package_is_overage_at_the_hourly_rate():
    # 19 of 20 hours are used; 2 hours of work: 1 from the package, 1 billed at 2,000 ₽.
    package_part, overage = post(work(120), PACKAGE, package_left=60)
    assert (package_part.type, package_part.package_minutes, package_part.amount) == (
        EntryType.TIME_DEBIT, -60, 0)
    assert (overage.type, overage.minutes, overage.amount) == (EntryType.OVERAGE, 60, -2_000 * RUB)
    assert overage.key == "time:1:overage"
    assert package_part.worked_minutes + overage.worked_minutes == 120


def test_unused_package_hours_burn_at_month_end_once_per_client_and_month():
    burn = burn_entry(1, NOV, 300, AT)
    assert (burn.type, burn.package_minutes, burn.amount, burn.key) == (
        EntryType.BURN, -300, 0, "burn:1:2026-11")
    assert burn_entry(1, NOV, 0, AT) is None


def test_a_package_month_opens_with_its_hours_granted():
    [grant] = period_opening(1, PACKAGE, NOV, AT)
    assert (grant.type, grant.package_minutes, grant.key) == (
        EntryType.PACKAGE_GRANT, 1200, "grant:1:2026-11")


# -- monthly plans -------------------------------------------------------------------------------


def test_monthly_plan_work_is_included_in_the_fee():
    [entry] = post(work(60), MONTHLY)
    assert entry.amount == 0 and entry.minutes == 60


def test_a_kind_outside_the_monthly_plan_is_a_paid_one_off_at_the_rate():
    [entry] = post(work(60, kind=Kind.MANAGERIAL), MONTHLY)
    assert entry.amount == -2_500 * RUB


def test_strategic_support_is_free_for_the_first_three_months():
    plan = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=2_000 * RUB,
                starts_on=date(2026, 9, 1))
    in_november = time_entries(work(60, kind=Kind.STRATEGIC), plan, NOV, date(2026, 11, 30), 0)
    in_december = time_entries(work(60, kind=Kind.STRATEGIC), plan, Period(2026, 12),
                               date(2026, 12, 1), 0)
    assert in_november[0].amount == 0
    assert in_december[0].amount == -2_000 * RUB


def test_the_strategic_fee_starts_in_the_fourth_month():
    assert monthly_fee(MONTHLY, Period(2026, 12)) == 20_000 * RUB  # Oct, Nov, Dec are free
    assert monthly_fee(MONTHLY, Period(2027, 1)) == 50_000 * RUB


def test_control_and_strategic_cannot_be_sold_passive():
    plan = Plan(BillingModel.MONTHLY, kinds=(KindTerms(Kind.CONTROL, Mode.PASSIVE, 1),))
    with pytest.raises(LedgerError) as caught:
        validate_plan(plan)
    assert caught.value.key == "billing.err.active_only"


# -- renewal by the 20th -------------------------------------------------------------------------


def test_a_passive_plan_renews_three_months_ahead_by_the_20th():
    plan = Plan(BillingModel.MONTHLY, kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE,
                                                      20_000 * RUB),))
    due, by, months = renewal(plan, balance=5_000 * RUB, today=date(2027, 2, 10))
    assert by == date(2027, 2, 20)
    assert [str(m) for m in months] == ["2027-03", "2027-04", "2027-05"]
    assert due == 60_000 * RUB - 5_000 * RUB  # the credit on the balance counts


def test_an_active_plan_renews_two_months_ahead_and_a_trial_month_one():
    plan = Plan(BillingModel.MONTHLY, kinds=(KindTerms(Kind.TECHNICAL, Mode.ACTIVE,
                                                      40_000 * RUB),),
                starts_on=date(2027, 2, 1), trial=True)
    assert renewal(plan, 0, date(2027, 2, 3))[0] == 40_000 * RUB  # trial: March alone
    assert renewal(plan, 0, date(2027, 3, 3))[0] == 80_000 * RUB  # April and May


def test_time_and_materials_owes_only_its_debt():
    assert renewal(TM, -1_000 * RUB, date(2026, 11, 5)) == (1_000 * RUB, date(2026, 11, 5), ())
    assert renewal(TM, 10, date(2026, 11, 5)) == (0, None, ())


# -- disputes ------------------------------------------------------------------------------------


def test_a_full_reversal_gives_back_the_money_and_the_package_minutes():
    [debit] = post(work(60), TM)
    back = reversal_entry(debit, Reversed(), key="reversal:1", at=AT, period=NOV)
    assert (back.amount, back.minutes, back.reverses_id) == (2_500 * RUB, 60, debit.id)
    [drawn] = post(work(60), PACKAGE, package_left=600)
    assert reversal_entry(drawn, Reversed(), key="r", at=AT, period=NOV).package_minutes == 60


def test_reversals_never_exceed_the_original_entry():
    [debit] = post(work(60), TM)  # 2,500 ₽
    reversal_entry(debit, Reversed(), key="r1", at=AT, period=NOV, amount=1_000 * RUB, minutes=0)
    with pytest.raises(LedgerError) as caught:
        reversal_entry(debit, Reversed(amount=1_000 * RUB), key="r2", at=AT, period=NOV,
                       amount=1_501 * RUB, minutes=0)
    assert caught.value.key == "billing.err.reversal_too_big"
    rest = reversal_entry(debit, Reversed(amount=1_000 * RUB), key="r2", at=AT, period=NOV)
    assert rest.amount == 1_500 * RUB


def test_package_minutes_do_not_come_back_into_a_later_month():
    [drawn] = post(work(60), PACKAGE, package_left=600)
    late = reversal_entry(drawn, Reversed(), key="r", at=AT, period=Period(2026, 12))
    assert late.package_minutes == 0 and late.minutes == 60


def test_payments_and_fees_cannot_be_disputed():
    payment = Entry(1, NOV, EntryType.PAYMENT, "p", AT, amount=100, id=5)
    with pytest.raises(LedgerError):
        reversal_entry(payment, Reversed(), key="r", at=AT, period=NOV)


# -- what the client sees ------------------------------------------------------------------------


def test_balance_is_the_sum_of_entries_and_the_package_is_what_is_left_this_month():
    entries = [
        *period_opening(1, PACKAGE, NOV, AT),
        Entry(1, NOV, EntryType.PAYMENT, "p", AT, amount=50_000 * RUB),
        *post(work(19 * 60, rid=1), PACKAGE, 1200),
        *post(work(120, rid=2), PACKAGE, 60),
    ]
    view = balance_view(1, PACKAGE, entries, date(2026, 11, 20))
    assert view.balance == 50_000 * RUB - 2_000 * RUB
    assert (view.package_minutes, view.package_left) == (1200, 0)
    assert [(s.kind, s.minutes, s.amount) for s in view.spend] == [
        (Kind.TECHNICAL, 21 * 60, 2_000 * RUB)]


def _view(**kw) -> BalanceView:
    base = dict(client_id=1, model=BillingModel.PACKAGE, period=NOV, balance=0,
                package_minutes=1200, package_left=1200, spend=(), due_amount=0, due_on=None)
    return BalanceView(**{**base, **kw})


def test_notices_fire_at_80_percent_used_and_when_the_package_is_exhausted():
    assert [n.type for n in due_notices(_view(package_left=300), NOV.first_day)] == []
    assert [n.type for n in due_notices(_view(package_left=240), NOV.first_day)] == [
        NoticeType.PACKAGE_80]
    assert [n.type for n in due_notices(_view(package_left=0), NOV.first_day)] == [
        NoticeType.PACKAGE_EXHAUSTED]


def test_each_notice_is_posted_once_a_month():
    view = _view(balance=-100)
    [notice] = due_notices(view, NOV.first_day)
    assert (notice.type, notice.key) == (NoticeType.NEGATIVE_BALANCE, "1:2026-11:negative_balance")
    assert due_notices(view, NOV.first_day, sent=frozenset({notice.key})) == []


def test_low_balance_and_renewal_notices():
    view = _view(package_minutes=0, package_left=0, balance=900, due_amount=5_000,
                 due_on=date(2026, 11, 20), pays_for=(Period(2026, 12),))
    assert [n.type for n in due_notices(view, date(2026, 11, 15), low_balance=1_000)] == [
        NoticeType.LOW_BALANCE, NoticeType.RENEWAL_DUE]
    assert due_notices(view, date(2026, 11, 21)) == []  # the deadline passed: a debt now


# -- the integrator's economics (seed 003) -------------------------------------------------------


def test_a_2000_ruble_hour_quietly_becomes_1680_rubles():
    # A week at 2,000 ₽ an hour: 21 billable hours, plus an hour helping a colleague, two hours
    # learning, half an hour on infrastructure and half an hour fixing our own mistake.
    plan = Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=2_000 * RUB)
    week = [("billable", 21 * 60), ("helping_colleague", 60), ("learning", 120),
            ("infrastructure", 30), ("our_mistake", 30)]
    entries = [e for rid, (category, minutes) in enumerate(week)
               for e in post(work(minutes, category=category, rid=rid), plan)]
    result = work_yield("Pavel", entries)
    assert result.revenue == 42_000 * RUB
    assert result.worked_minutes == 25 * 60
    assert result.hourly_yield == 1_680 * RUB
    assert result.billable_share == pytest.approx(0.84)


def test_tickets_that_eat_hours_without_money_are_found():
    entries = [*post(work(60, category="our_mistake", ticket=1, rid=1), TM),
               *post(work(60, ticket=2, rid=2), TM)]
    assert unpaid_minutes(entries) == {1: 60}


def test_a_period_is_a_calendar_month():
    assert str(Period.parse("2026-11")) == "2026-11"
    assert Period(2026, 12).shift(1) == Period(2027, 1)
    with pytest.raises(ValueError):
        Period.parse("November")


# -- money bounds (issue 21) ---------------------------------------------------------------------

_amounts = st.integers(min_value=-2 * MAX_ENTRY_KOPECKS, max_value=2 * MAX_ENTRY_KOPECKS) | \
    st.integers(min_value=-(2**70), max_value=2**70)


@given(st.lists(_amounts, max_size=40))
def test_a_posted_sequence_never_leaves_the_money_bounds(amounts):
    """Posting entries one by one, as the ledger does: every accepted entry is within the
    entry bound and leaves the balance within the balance bound; every refused one would not."""
    balance = 0
    at = datetime(2026, 11, 2, tzinfo=UTC)
    for n, amount in enumerate(amounts):
        entry = Entry(1, Period(2026, 11), EntryType.ADJUSTMENT, f"k{n}", at, amount=amount)
        try:
            check_bounds(balance, [entry])
        except LedgerError as exc:
            assert abs(amount) > MAX_ENTRY_KOPECKS or \
                abs(balance + amount) > MAX_BALANCE_KOPECKS
            assert exc.key in ("billing.err.entry_bounds", "billing.err.balance_bounds")
            continue
        balance += amount
        assert abs(amount) <= MAX_ENTRY_KOPECKS
        assert abs(balance) <= MAX_BALANCE_KOPECKS


@given(st.integers(min_value=0, max_value=MAX_BALANCE_KOPECKS), st.sampled_from(["ru", "en"]))
def test_an_amount_printed_by_the_desk_reads_back_as_the_same_kopecks(kopecks, lang):
    assert parse_roubles(money(lang, kopecks)) == kopecks


@pytest.mark.parametrize("typed", ["1e5", "-5", "abc", "", "50.555", "5,5,5", "₽", "0x10",
                                   "50 000 $", "1/2"])
def test_amounts_that_are_not_roubles_are_refused(typed):
    with pytest.raises(ValueError):
        parse_roubles(typed)


@pytest.mark.parametrize(("terms", "key"), [
    (dict(kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 100),
                 KindTerms(Kind.TECHNICAL, Mode.ACTIVE, 100))), "billing.err.kind_twice"),
    (dict(kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, -1),)), "billing.err.fee_bounds"),
    (dict(kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, MAX_ENTRY_KOPECKS + 1),)),
     "billing.err.fee_bounds"),
    (dict(kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 100),), hourly_rate=2**70),
     "billing.err.rate_bounds"),
    (dict(kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 100),), min_billable_minutes=-15),
     "billing.err.rounding"),
])
def test_plans_beyond_the_bounds_are_refused(terms, key):
    with pytest.raises(LedgerError) as refused:
        validate_plan(Plan(model=BillingModel.MONTHLY, **terms))
    assert refused.value.key == key
