"""Rules."""

from __future__ import annotations

from collections.abc import Sequence

from domain.broadcasts.model import MAX_TEXT, Audience, AudienceError, Report
from domain.kernel.model import BillingModel, Language
from domain.kernel.rules import clean_text
from domain.outbox.model import NoticeType
from domain.texts import t
from domain.tickets.model import DeskError


def parse_audience(specs: Sequence[str]) -> Audience:
    """'model=package,monthly' and 'clients=ACME,Globex' (any number of them, combined)."""
    models: set[BillingModel] = set()
    clients: set[str] = set()
    for spec in specs:
        name, sep, value = spec.partition("=")
        items = [v.strip() for v in value.split(",") if v.strip()]
        if not sep or not items:
            raise AudienceError(f"filter {spec!r}: expected model=<models> or clients=<names>")
        if name.strip() in ("model", "models", "plan"):
            for item in items:
                try:
                    models.add(BillingModel(item))
                except ValueError:
                    known = ", ".join(m.value for m in BillingModel)
                    raise AudienceError(f"filter {spec!r}: unknown plan model {item!r} "
                                        f"(known: {known})") from None
        elif name.strip() in ("client", "clients"):
            clients.update(item.casefold() for item in items)
        else:
            raise AudienceError(f"filter {spec!r}: expected model=<models> or clients=<names>")
    return Audience(frozenset(models), frozenset(clients))


def row_prefix(broadcast_id: int) -> str:
    return f"{NoticeType.BROADCAST.value}:{broadcast_id}:"


def check_text(text: str) -> str:
    text = clean_text(text)
    if not text:
        raise DeskError("bc.empty")
    if len(text) > MAX_TEXT:
        raise DeskError("bc.too_long", limit=MAX_TEXT)
    return text


def report_text(lang: Language | str, report: Report) -> str:
    b = report.broadcast
    key = "bc.report_done" if report.done else "bc.report_running"
    return t(lang, key, id=b.id, chats=b.chats, delivered=report.delivered,
             failed=report.failed, pending=report.pending)
