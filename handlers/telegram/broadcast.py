"""/broadcast in an admin's private chat: the text, a preview (how many chats, the text), then
✅ Send or ✖ Cancel. The dialog is the admin's own menu, answered directly; the announcement
itself goes through the outbox (domain/broadcasts.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.broadcasts.model import AudienceError
from domain.broadcasts.rules import parse_audience
from domain.broadcasts.service import Broadcasts
from domain.kernel.model import Language, Platform
from domain.outbox.service import Post
from domain.texts import t
from domain.tickets.model import Actor, DeskError
from handlers.telegram.filters import InState, has_text, in_private


class BroadcastFlow(StatesGroup):
    text = State()
    confirm = State()


class BroadcastAction(CallbackData, prefix="bc"):
    a: str  # s = send, c = cancel


def _actor(user) -> Actor:  # noqa: ANN001 - an aiogram User
    return Actor(Platform.TELEGRAM, str(user.id), user.full_name)


def confirm_keyboard(lang: Language) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=t(lang, "bc.btn_send"),
                             callback_data=BroadcastAction(a="s").pack()),
        InlineKeyboardButton(text=t(lang, "bc.btn_cancel"),
                             callback_data=BroadcastAction(a="c").pack()),
    ]])


async def start(message: Message, command: CommandObject, state: FSMContext,
                broadcasts: Broadcasts) -> None:
    admin = await broadcasts.admin(_actor(message.from_user))
    specs = (command.args or "").split()
    try:
        parse_audience(specs)
    except AudienceError as exc:
        raise DeskError("bc.bad_filter", error=str(exc)) from None
    await state.set_state(BroadcastFlow.text)
    await state.set_data({"filter": specs})
    await message.answer(t(admin.language, "bc.ask_text"))


async def cancel(message: Message, state: FSMContext, broadcasts: Broadcasts) -> None:
    admin = await broadcasts.admin(_actor(message.from_user))
    await state.clear()
    await message.answer(t(admin.language, "bc.cancelled"))


async def text_given(message: Message, state: FSMContext, broadcasts: Broadcasts) -> None:
    admin = await broadcasts.admin(_actor(message.from_user))
    data = await state.get_data()
    preview = await broadcasts.preview(message.text or "", parse_audience(data["filter"]))
    if not preview.chats:
        raise DeskError("bc.no_chats")
    lang = admin.language
    audience = preview.audience.describe()
    await state.set_state(BroadcastFlow.confirm)
    await state.update_data(text=preview.text)
    await message.answer(
        t(lang, "bc.preview", chats=len(preview.chats), clients=preview.clients,
          text=preview.text, audience=t(lang, "bc.audience", audience=audience)
          if audience else ""),
        reply_markup=confirm_keyboard(lang))


async def decided(query: CallbackQuery, callback_data: BroadcastAction, state: FSMContext,
                  broadcasts: Broadcasts, post: Post) -> None:
    admin = await broadcasts.admin(_actor(query.from_user))
    lang = admin.language
    data = await state.get_data()
    if await state.get_state() != BroadcastFlow.confirm.state or "text" not in data:
        raise DeskError("bc.expired")
    await state.clear()
    if callback_data.a == "s":
        sent = await broadcasts.send(data["text"], parse_audience(data["filter"]),
                                     by=admin.name, report_to=str(query.from_user.id),
                                     language=lang)
        if post.wake is not None:
            post.wake()
        text = t(lang, "bc.sending", id=sent.id, chats=sent.chats)
    else:
        text = t(lang, "bc.cancelled")
    if query.message is not None:
        await query.message.edit_text(text)
    await query.answer()


def build() -> Router:
    router = Router(name="broadcast")
    router.message.register(start, Command("broadcast"), in_private)
    router.message.register(cancel, Command("cancel"), in_private,
                            InState(BroadcastFlow.text))
    router.message.register(cancel, Command("cancel"), in_private,
                            InState(BroadcastFlow.confirm))
    router.message.register(text_given, InState(BroadcastFlow.text), in_private, has_text)
    router.callback_query.register(decided, BroadcastAction.filter())
    return router
