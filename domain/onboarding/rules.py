"""Rules."""

from __future__ import annotations

import re

from domain.kernel.model import (
    Kind,
    KindTerms,
    Mode,
)
from domain.onboarding.model import PHONE_DIGITS, TELEGRAM_ID_MAX
from domain.tickets.model import DeskError


def parse_telegram_id(text: object) -> str:
    """A Telegram user id as stored: a positive integer up to 2**52, without a sign or
    leading zeros; anything else is refused."""
    raw = str(text).strip()
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= TELEGRAM_ID_MAX:
        raise DeskError("admin.err.telegram_id", value=str(text))
    return str(int(raw))


_PHONE_DECOR = re.compile(r"[\s()\-.]")


def parse_phone(text: object) -> str:
    """A phone number (a WhatsApp account) as digits only: "+7 (900) 111-22-33" is
    "79001112233"; letters, or too few or too many digits, are refused."""
    raw = _PHONE_DECOR.sub("", str(text).strip()).removeprefix("+")
    if not raw.isascii() or not raw.isdigit() or len(raw) not in PHONE_DIGITS:
        raise DeskError("admin.err.phone", value=str(text))
    return raw


_AMOUNT = re.compile(r"^(?P<whole>\d{1,12})(?:[.,](?P<cents>\d{1,2}))?$")


def parse_rubles(text: str) -> int:
    """"15000", "15 000", "15000,50" or "15000.5 ₽" in kopecks; anything else is refused."""
    raw = re.sub(r"[\s\u00a0]|₽|руб\.?|rub\.?", "", text.strip(), flags=re.I)
    found = _AMOUNT.match(raw)
    if not found:
        raise DeskError("admin.err.amount", value=text.strip())
    return int(found["whole"]) * 100 + int((found["cents"] or "0").ljust(2, "0"))


# Word beginnings an admin may type for a kind and a mode, in either language.
_KIND_WORDS = {"тех": Kind.TECHNICAL, "tech": Kind.TECHNICAL, "конс": Kind.MANAGERIAL,
               "упр": Kind.MANAGERIAL, "how": Kind.MANAGERIAL, "manag": Kind.MANAGERIAL,
               "контр": Kind.CONTROL, "contr": Kind.CONTROL, "страт": Kind.STRATEGIC,
               "strat": Kind.STRATEGIC}


_MODE_WORDS = {"пас": Mode.PASSIVE, "pas": Mode.PASSIVE, "акт": Mode.ACTIVE, "act": Mode.ACTIVE}


def _word(table: dict, word: str):  # noqa: ANN001, ANN202
    word = word.casefold()
    return next((v for k, v in table.items() if word.startswith(k)), None)


def parse_monthly_terms(text: str) -> tuple[KindTerms, ...]:
    """Lines like "тех пасс 20000" (kind, mode, monthly fee in rubles), one kind a line."""
    terms = []
    for line in filter(None, (ln.strip() for ln in text.splitlines())):
        words = line.split(maxsplit=2)
        kind = _word(_KIND_WORDS, words[0]) if words else None
        mode = _word(_MODE_WORDS, words[1]) if len(words) > 1 else None
        if kind is None or mode is None or len(words) < 3:
            raise DeskError("admin.err.plan_line", value=line)
        terms.append(KindTerms(kind, mode, parse_rubles(words[2])))
    if not terms:
        raise DeskError("admin.err.plan_line", value=text.strip())
    return tuple(terms)


def parse_hours_and_rate(text: str) -> tuple[int, int]:
    """"20 2500": hours a month and the hourly rate in rubles, as (minutes, kopecks)."""
    words = text.split()
    if len(words) != 2 or not words[0].isascii() or not words[0].isdigit():
        raise DeskError("admin.err.hours_rate", value=text.strip())
    return int(words[0]) * 60, parse_rubles(words[1])
