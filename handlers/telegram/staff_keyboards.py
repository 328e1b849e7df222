"""The staff workspace in Telegram: callback data, keyboards and the ticket card's text."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.kernel.model import UNSURE_CONFIDENCE, Kind, Language, TicketStatus
from domain.texts import kind_name, money, status_name, t
from domain.workspace.model import NoteKind, TimeCategory
from domain.workspace.service import Card, QueueItem, QueueView

QUICK_MINUTES = (15, 30, 60)
# One letter per category keeps callback data short and stable.
CATEGORY_CODES = {
    "b": TimeCategory.BILLABLE,
    "h": TimeCategory.HELPING_COLLEAGUE,
    "l": TimeCategory.LEARNING,
    "i": TimeCategory.INFRASTRUCTURE,
    "m": TimeCategory.OUR_MISTAKE,
}


class Act(CallbackData, prefix="w"):
    """A button on a ticket card. `a`: t=take, a=answer, m=time, s=statuses, c=comment,
    x=close, e=estimate, v=show the card; `t`: ticket id."""

    a: str
    t: int


class Minutes(CallbackData, prefix="wm"):
    t: int
    m: int  # 0 asks for a number


class Category(CallbackData, prefix="wc"):
    t: int
    m: int
    c: str


class Move(CallbackData, prefix="ws"):
    t: int
    s: str  # the status to move to


class Queue(CallbackData, prefix="wq"):
    v: str


class ClientChoice(CallbackData, prefix="wk"):
    """A client's answer in their chat. `a`: y/n = confirm a ticket staff opened for them,
    ea/ed = approve/decline an estimate; `i`: ticket or estimate id."""

    a: str
    i: int


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def card_keyboard(lang: Language, card: Card) -> InlineKeyboardMarkup:
    tid, status = card.ticket.id, card.ticket.status
    rows: list[list[InlineKeyboardButton]] = []
    if status is TicketStatus.NEEDS_TESTING:
        rows.append([_button(t(lang, "ws.btn.take_testing"), Act(a="t", t=tid))])
    elif status in (TicketStatus.ACCEPTED, TicketStatus.WAITING_FOR_CLIENT) or (
            status is TicketStatus.IN_PROGRESS and card.assignee is None):
        rows.append([_button(t(lang, "ws.btn.take"), Act(a="t", t=tid))])
    if status.is_open and status is not TicketStatus.AWAITING_CONFIRMATION:
        rows.append([_button(t(lang, "ws.btn.answer"), Act(a="a", t=tid)),
                     _button(t(lang, "ws.btn.time"), Act(a="m", t=tid))])
    second = [_button(t(lang, "ws.btn.status"), Act(a="s", t=tid)),
              _button(t(lang, "ws.btn.comment"), Act(a="c", t=tid))]
    rows.append(second)
    if TicketStatus.DONE in card.actions:
        rows.append([_button(t(lang, "ws.btn.close"), Act(a="x", t=tid))])
    if card.ticket.kind is Kind.NEW_WORK and status.is_open and (
            status is not TicketStatus.AWAITING_CONFIRMATION):
        rows.append([_button(t(lang, "ws.btn.estimate"), Act(a="e", t=tid))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def minutes_keyboard(lang: Language, ticket_id: int) -> InlineKeyboardMarkup:
    quick = [_button(t(lang, "ws.minutes", minutes=m), Minutes(t=ticket_id, m=m))
             for m in QUICK_MINUTES]
    return InlineKeyboardMarkup(inline_keyboard=[
        quick, [_button(t(lang, "ws.btn.other_minutes"), Minutes(t=ticket_id, m=0))]])


def categories_keyboard(lang: Language, ticket_id: int, minutes: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(t(lang, f"ws.category.{category.value}"),
                 Category(t=ticket_id, m=minutes, c=code))]
        for code, category in CATEGORY_CODES.items()
    ])


def statuses_keyboard(lang: Language, card: Card) -> InlineKeyboardMarkup:
    rows = [[_button(status_name(lang, to), Move(t=card.ticket.id, s=to.value))]
            for to in card.actions]
    rows.append([_button(t(lang, "btn.back"), Act(a="v", t=card.ticket.id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def queue_keyboard(lang: Language) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(t(lang, f"ws.queue.{view}"), Queue(v=view))] for view in QueueView.NAMED])


def client_keyboard(lang: Language, yes: ClientChoice, no: ClientChoice,
                    yes_text: str, no_text: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t(lang, yes_text), yes),
                                                  _button(t(lang, no_text), no)]])


def message_link(chat_external_id: str, message_id: str) -> str | None:
    """A t.me link to a message of a supergroup (members open it; basic groups have none)."""
    if not chat_external_id.startswith("-100"):
        return None
    return f"https://t.me/c/{chat_external_id[4:]}/{message_id}"


def duration(lang: Language, minutes: int) -> str:
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    if hours and rest:
        return sign + t(lang, "ws.hours_minutes", hours=hours, minutes=rest)
    if hours:
        return sign + t(lang, "ws.hours", hours=hours)
    return sign + t(lang, "ws.minutes", minutes=rest)


def card_text(lang: Language, card: Card, tz: ZoneInfo) -> str:
    tk, nobody = card.ticket, t(lang, "ws.nobody")
    lines = [
        t(lang, "ws.card.head", client=card.client.name, number=tk.number,
          kind=kind_name(lang, tk.kind)),
        f"«{tk.title}»" if lang is Language.RU else f"“{tk.title}”",
        t(lang, "ws.card.who", requester=card.requester.name if card.requester else nobody,
          status=status_name(lang, tk.status)),
    ]
    if card.due_at is not None and tk.status.is_open:
        lines.append(t(lang, "ws.card.due", due=card.due_at.astimezone(tz).strftime(
            "%d.%m %H:%M")))
    lines.append(t(lang, "ws.card.work", assignee=card.assignee.name if card.assignee else nobody,
                   minutes=duration(lang, card.minutes)))
    if card.tester is not None:
        lines.append(t(lang, "ws.card.tester", tester=card.tester.name))
    if tk.confidence < 1.0:  # the classifier's guess; a kind a person chose is certain
        low = tk.confidence < UNSURE_CONFIDENCE
        lines.append(t(lang, "ws.card.confidence_low" if low else "ws.card.confidence",
                       percent=round(tk.confidence * 100)))
    if tk.text and tk.text != tk.title:
        lines.append(tk.text if len(tk.text) <= 600 else tk.text[:599] + "…")
    if card.chat is not None and tk.message_ids:
        links = [message_link(card.chat.external_id, mid) for mid in tk.message_ids[:5]]
        if all(links):
            lines.append(t(lang, "ws.card.sources", links=" ".join(links)))
    for media_note, count in sorted(card.media_notes.items()):
        lines.append(t(lang, f"ws.card.media.{media_note.value}", count=count))
    for kind in (NoteKind.TEST_CASE, NoteKind.SERVICE_COMMENT):
        note = card.note(kind)
        if note is not None:
            lines.append(t(lang, f"ws.card.{kind.value}", text=note.text))
    if card.estimate is not None:
        lines.append(t(lang, "ws.card.estimate", time=duration(lang, card.estimate.minutes),
                       price=money(lang, card.estimate.price),
                       state=t(lang, f"ws.estimate_state.{card.estimate.status.value}")))
    if card.similar:
        lines.append(t(lang, "ws.card.similar"))
        lines += [t(lang, "ws.kb.line", number=hit.number, title=hit.title, snippet=hit.snippet)
                  for hit in card.similar]
    return "\n".join(lines)


def queue_text(lang: Language, items: list[QueueItem], tz: ZoneInfo) -> str:
    if not items:
        return t(lang, "ws.queue.empty")
    lines = [t(lang, "ws.queue.header", count=len(items))]
    for item in items[:30]:
        tk = item.ticket
        lines.append(t(lang, "ws.queue.line", client=item.client.name, number=tk.number,
                       status=status_name(lang, tk.status), title=tk.title)
                     + (" ⏰" if item.overdue else ""))
    return "\n".join(lines)
