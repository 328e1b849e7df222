"""The bot being added to or removed from a chat."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import JOIN_TRANSITION, LEAVE_TRANSITION, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from domain.kernel.model import Platform
from domain.texts import t
from domain.tickets.service import Desk
from handlers.telegram.context import HandlerConfig


async def added(event: ChatMemberUpdated, desk: Desk, config: HandlerConfig) -> None:
    if event.chat.type == "private":
        return
    # An unlinked chat hears once how to link it; nothing about it is stored until then.
    if not await desk.is_linked(Platform.TELEGRAM, str(event.chat.id)):
        await event.answer(t(config.language, "how_to_link"))


async def removed(event: ChatMemberUpdated, desk: Desk) -> None:
    await desk.bot_removed(Platform.TELEGRAM, str(event.chat.id))


def build() -> Router:
    router = Router(name="membership")
    router.my_chat_member.register(added, ChatMemberUpdatedFilter(JOIN_TRANSITION))
    router.my_chat_member.register(removed, ChatMemberUpdatedFilter(LEAVE_TRANSITION))
    return router
