"""Billing in Telegram: /balance in a client's group or the owner's private chat; /statement
(the month's XLSX and an "I disagree" button under each billable entry) in the owner's private
chat; staff confirm or reverse a disputed entry from its card.

The balance shown in a client's group, dispute cards to staff and the verdict told to the
owners go through the outbox (domain/outbox.py); what answers a person's own command or
press in their private chat (their balance with the cabinet button, the statement file, the
button they pressed) is answered directly."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from domain.billing.chat import BillingChat, DisputeNews, entry_text
from domain.billing.service import Statement
from domain.kernel.model import Language, Platform
from domain.outbox.service import Post
from domain.texts import money, t
from handlers.telegram.cabinet import CabinetLinks, cabinet_button
from handlers.telegram.context import HandlerConfig
from handlers.telegram.filters import in_private
from handlers.telegram.keyboards import choices, edit_text

log = logging.getLogger(__name__)


class Dispute(CallbackData, prefix="bd"):
    """a: "d" the client disagrees (i is the entry), "c" / "r" staff confirm / reverse
    (i is the dispute)."""

    a: str
    i: int


async def balance(message: Message, config: HandlerConfig, post: Post,
                  billing_chat: BillingChat | None = None,
                  cabinet_links: CabinetLinks | None = None) -> None:
    if billing_chat is None or message.from_user is None:
        await message.reply(t(config.language, "billing.bot.off"))
        return
    private = await in_private(message)
    for shown in await billing_chat.balance(Platform.TELEGRAM, str(message.chat.id),
                                            str(message.from_user.id), private=private):
        if private:  # the Mini App button opens only in a private chat
            await message.answer(shown.text(), reply_markup=cabinet_button(
                shown.client.language, cabinet_links))
        else:
            await post.send(Platform.TELEGRAM, message.chat.id, shown.text())


def _buttons(*pairs: tuple[str, Dispute]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=text, callback_data=data.pack()) for text, data in pairs]])


async def statement(message: Message, config: HandlerConfig,
                    billing_chat: BillingChat | None = None,
                    render_xlsx: Callable[[Statement, Language], bytes] | None = None) -> None:
    """`render_xlsx` is injected by the composition root (openpyxl lives there)."""
    if billing_chat is None or render_xlsx is None or message.from_user is None:
        await message.reply(t(config.language, "billing.bot.off"))
        return
    for shown in await billing_chat.statements(Platform.TELEGRAM, str(message.from_user.id)):
        report, lang = shown.statement, shown.statement.client.language
        params = dict(client=report.client.name, month=str(report.period))
        body = await asyncio.to_thread(render_xlsx, report, lang)
        await message.answer_document(
            BufferedInputFile(body, filename=f"statement-{report.period}.xlsx"),
            caption=t(lang, "billing.statement.caption", **params))
        lines = shown.billable
        await message.answer(t(lang, "billing.statement.list_header" if lines
                               else "billing.statement.no_billable", **params))
        for line in lines:
            text = entry_text(lang, line)
            if line.entry.id in shown.disputed:
                await message.answer(f"{text}\n{t(lang, 'billing.statement.under_dispute')}")
            else:
                await message.answer(text, reply_markup=_buttons(
                    (t(lang, "billing.btn.disagree"), Dispute(a="d", i=line.entry.id))))


async def disagree(query: CallbackQuery, callback_data: Dispute, bot: Bot,
                   config: HandlerConfig, billing_chat: BillingChat, post: Post) -> None:
    news = await billing_chat.disagree(Platform.TELEGRAM, str(query.from_user.id),
                                       query.from_user.full_name, callback_data.i)
    lang = news.client.language
    await query.answer()
    if query.message is not None:
        await edit_text(bot, query.message.chat.id, query.message.message_id,
                        t(lang, "billing.dispute.opened", entry=entry_text(lang, news.line)),
                        None)
    await _tell_staff(post, config, news)


async def _tell_staff(post: Post, config: HandlerConfig, news: DisputeNews) -> None:
    lang = config.language
    text = t(lang, "billing.dispute.card", client=news.client.name, who=news.dispute.opened_by,
             entry=entry_text(lang, news.line))
    markup = _buttons((t(lang, "billing.btn.confirm_entry"), Dispute(a="c", i=news.dispute.id)),
                      (t(lang, "billing.btn.reverse_entry"), Dispute(a="r", i=news.dispute.id)))
    targets = [s.telegram_id for s in news.staff]
    if config.staff_chat_id:
        targets.append(config.staff_chat_id)
    for chat_id in targets:
        await post.send(Platform.TELEGRAM, chat_id, text, choices=choices(markup))


async def decide(query: CallbackQuery, callback_data: Dispute, bot: Bot, config: HandlerConfig,
                 billing_chat: BillingChat, post: Post) -> None:
    news = await billing_chat.decide(Platform.TELEGRAM, str(query.from_user.id), callback_data.i,
                                     reverse=callback_data.a == "r")
    await query.answer()
    lang, client_lang = config.language, news.client.language
    returned = money(lang, news.returned)
    card = t(lang, "billing.dispute.card_reversed" if news.reversed
             else "billing.dispute.card_confirmed", staff=news.decided_by, amount=returned)
    if query.message is not None:
        await edit_text(bot, query.message.chat.id, query.message.message_id,
                        f"{query.message.text or ''}\n\n{card}", None)
    told = t(client_lang, "billing.dispute.owner_reversed" if news.reversed
             else "billing.dispute.owner_confirmed", staff=news.decided_by,
             amount=money(client_lang, news.returned),
             entry=entry_text(client_lang, news.line))
    for owner in news.owners:
        await post.send(Platform.TELEGRAM, owner, told)


def build() -> Router:
    router = Router(name="billing")
    router.message.register(balance, Command("balance"))
    router.message.register(statement, Command("statement"), in_private)
    router.callback_query.register(disagree, Dispute.filter(F.a == "d"))
    router.callback_query.register(decide, Dispute.filter(F.a.in_({"c", "r"})))
    return router
