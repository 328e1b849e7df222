"""Small pure rules every context uses: what a request costs under a plan, ticket titles,
month arithmetic."""

from __future__ import annotations

import re
from datetime import date

from domain.kernel.model import BillingModel, Coverage, Kind, Plan, Quote

STRATEGIC_FREE_MONTHS = 3


TITLE_MAX = 80


def add_months(day: date, months: int) -> date:
    """Calendar arithmetic, clamping to the month's last day (Jan 31 + 1 month = Feb 28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month, dom)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def quote(plan: Plan | None, kind: Kind, on: date) -> Quote:
    """What a request of `kind` costs under `plan` on day `on` (domain.md, 'Money')."""
    if kind is Kind.NEW_WORK:
        return Quote(Coverage.ESTIMATE, plan.hourly_rate if plan else 0)
    if plan is None:
        return Quote(Coverage.NO_PLAN)
    if (
        kind is Kind.STRATEGIC
        and plan.starts_on is not None
        and plan.starts_on <= on < add_months(plan.starts_on, STRATEGIC_FREE_MONTHS)
    ):
        return Quote(Coverage.COVERED, 0, free_reason="strategic_trial")
    if plan.model is BillingModel.MONTHLY:
        covered = plan.terms_for(kind) is not None
    else:
        # Package and T&M clients buy hours, not kinds: every support kind draws on them
        # unless the plan names the kinds it is limited to.
        covered = not plan.kinds or plan.terms_for(kind) is not None
    if covered:
        rate = 0 if plan.model is BillingModel.MONTHLY else plan.hourly_rate
        return Quote(Coverage.COVERED, rate)
    return Quote(Coverage.PAID_ONE_OFF, plan.hourly_rate)


_SPACE = re.compile(r"\s+")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060\ufeff]")


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def clean_text(text: str) -> str:
    """Text as stored and shown: control and invisible characters removed, lines kept."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def make_title(text: str, limit: int = TITLE_MAX) -> str:
    """A short ticket title: the first sentence of the request, cut at a word boundary."""
    flat = _SPACE.sub(" ", clean_text(text)).strip()
    if not flat:
        return ""
    first = _SENTENCE_END.split(flat, maxsplit=1)[0].rstrip(" .")
    if len(first) <= limit:
        return first[:1].upper() + first[1:]
    cut = first[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut[:1].upper() + cut[1:].rstrip(" ,;:-") + "…"
