"""Pricing quotes, titles and text cleaning: pure rules of domain.md."""

from datetime import date

import pytest

from domain.kernel.model import BillingModel, Coverage, Kind, KindTerms, Mode, Plan
from domain.kernel.rules import add_months, clean_text, make_title, quote


def monthly(*kinds: Kind, starts_on: date | None = None) -> Plan:
    return Plan(BillingModel.MONTHLY, tuple(KindTerms(k, Mode.PASSIVE, 2_000_000) for k in kinds),
                hourly_rate=250_000, starts_on=starts_on)


def test_kind_bought_in_monthly_plan_is_covered_at_no_extra_cost():
    q = quote(monthly(Kind.TECHNICAL), Kind.TECHNICAL, date(2026, 11, 1))
    assert (q.coverage, q.hourly_rate) == (Coverage.COVERED, 0)


def test_kind_missing_from_monthly_plan_is_a_paid_one_off_at_the_hourly_rate():
    q = quote(monthly(Kind.TECHNICAL), Kind.MANAGERIAL, date(2026, 11, 1))
    assert (q.coverage, q.hourly_rate) == (Coverage.PAID_ONE_OFF, 250_000)


def test_new_work_always_becomes_an_estimate_request():
    for plan in (monthly(Kind.TECHNICAL), None):
        assert quote(plan, Kind.NEW_WORK, date(2026, 11, 1)).coverage is Coverage.ESTIMATE


def test_client_without_plan_is_told_a_manager_will_name_the_price():
    assert quote(None, Kind.TECHNICAL, date(2026, 11, 1)).coverage is Coverage.NO_PLAN


def test_package_and_time_and_materials_cover_every_support_kind_at_their_rate():
    for model in (BillingModel.PACKAGE, BillingModel.TIME_AND_MATERIALS):
        plan = Plan(model, hourly_rate=200_000, package_minutes=1200)
        for kind in (Kind.TECHNICAL, Kind.MANAGERIAL, Kind.CONTROL, Kind.STRATEGIC):
            q = quote(plan, kind, date(2026, 11, 1))
            assert (q.coverage, q.hourly_rate) == (Coverage.COVERED, 200_000)


@pytest.mark.parametrize(
    ("on", "free"),
    [(date(2026, 9, 1), True), (date(2026, 11, 30), True), (date(2026, 12, 1), False)],
)
def test_strategic_support_is_free_for_the_first_three_months(on, free):
    q = quote(monthly(Kind.TECHNICAL, starts_on=date(2026, 9, 1)), Kind.STRATEGIC, on)
    assert (q.free_reason == "strategic_trial") is free
    assert q.coverage is (Coverage.COVERED if free else Coverage.PAID_ONE_OFF)


def test_adding_months_clamps_to_the_last_day_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_title_is_the_first_sentence_cut_at_a_word_boundary():
    assert make_title("не работает телефония. Второе предложение") == "Не работает телефония"
    long = "очень " * 40
    title = make_title(long)
    assert len(title) <= 80 and title.endswith("…") and "  " not in title


def test_clean_text_drops_control_and_invisible_characters_but_keeps_lines():
    assert clean_text("\u200eпривет\x00\r\nмир\u202e ") == "привет\nмир"
    assert make_title("\x01\x02") == ""
