"""Private chats with the bot: the owner's deep link, help."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from domain.kernel.model import Platform
from domain.texts import t
from domain.tickets.model import Actor
from domain.tickets.service import Desk
from handlers.telegram.context import HandlerConfig
from handlers.telegram.filters import in_private


async def start_with_code(message: Message, command: CommandObject, desk: Desk,
                          config: HandlerConfig) -> None:
    payload = command.args or ""
    if not payload.startswith("own_"):
        await message.answer(t(config.language, "help_private"))
        return
    user = message.from_user
    client = await desk.bind_owner(payload.removeprefix("own_"),
                                   Actor(Platform.TELEGRAM, str(user.id), user.full_name))
    await message.answer(t(client.language, "owner_bound", client=client.name))


async def anything(message: Message, config: HandlerConfig) -> None:
    await message.answer(t(config.language, "help_private"))


def build() -> Router:
    router = Router(name="private")
    router.message.filter(in_private)
    router.message.register(start_with_code, CommandStart(deep_link=True))
    router.message.register(anything)
    return router
