"""Inline keyboards and their callback data (kept far below Telegram's 64-byte limit)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.kernel.model import TICKET_KINDS, Choice, Kind, Language
from domain.texts import kind_name, t


class DraftAction(CallbackData, prefix="d"):
    """`a`: c=confirm, k=show kinds, s=set kind, d=decline, b=back; `t`: ticket id."""

    a: str
    t: int
    k: str = ""


def draft_keyboard(lang: Language, ticket_id: int, *,
                   unsure: bool = False) -> InlineKeyboardMarkup:
    """Confirm / change kind / not a request; when the kind is only a guess (`unsure`), the
    kinds themselves are offered at once instead of "change kind"."""
    confirm = [InlineKeyboardButton(text=t(lang, "btn.confirm"),
                                    callback_data=DraftAction(a="c", t=ticket_id).pack())]
    decline = InlineKeyboardButton(text=t(lang, "btn.decline"),
                                   callback_data=DraftAction(a="d", t=ticket_id).pack())
    if unsure:
        return InlineKeyboardMarkup(inline_keyboard=[confirm, *_kind_rows(lang, ticket_id),
                                                     [decline]])
    return InlineKeyboardMarkup(inline_keyboard=[
        confirm,
        [
            InlineKeyboardButton(text=t(lang, "btn.change_kind"),
                                 callback_data=DraftAction(a="k", t=ticket_id).pack()),
            decline,
        ],
    ])


def _kind_rows(lang: Language, ticket_id: int) -> list[list[InlineKeyboardButton]]:
    return [
        [InlineKeyboardButton(text=kind_name(lang, kind),
                              callback_data=DraftAction(a="s", t=ticket_id, k=kind.value).pack())]
        for kind in TICKET_KINDS
    ]


def kinds_keyboard(lang: Language, ticket_id: int) -> InlineKeyboardMarkup:
    rows = _kind_rows(lang, ticket_id)
    rows.append([InlineKeyboardButton(text=t(lang, "btn.back"),
                                      callback_data=DraftAction(a="b", t=ticket_id).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def parse_kind(value: str) -> Kind | None:
    try:
        return Kind(value)
    except ValueError:
        return None


async def edit_text(bot: Bot, chat_id: int | str, message_id: int | str, text: str,
                    markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit a bot message; an edit that changes nothing is not an error."""
    try:
        await bot.edit_message_text(text=text, chat_id=chat_id, message_id=int(message_id),
                                    reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise


def choices(markup: InlineKeyboardMarkup | None) -> list[Choice]:
    """A keyboard as the outbox records it: the domain's `Choice`s, rows kept."""
    if markup is None:
        return []
    return [Choice(button.callback_data or "", button.text, row)
            for row, buttons in enumerate(markup.inline_keyboard) for button in buttons]
