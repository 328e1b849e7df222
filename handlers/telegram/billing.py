"""/balance in a client's group or the owner's private chat (more billing commands to come)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from domain.billing_chat import BillingChat
from domain.model import Platform
from domain.texts import t
from handlers.telegram.cabinet import CabinetLinks, cabinet_button
from handlers.telegram.context import HandlerConfig
from handlers.telegram.filters import in_private


async def balance(message: Message, config: HandlerConfig, billing_chat: BillingChat | None = None,
                  cabinet_links: CabinetLinks | None = None) -> None:
    if billing_chat is None or message.from_user is None:
        await message.reply(t(config.language, "billing.bot.off"))
        return
    private = await in_private(message)
    for shown in await billing_chat.balance(Platform.TELEGRAM, str(message.chat.id),
                                            str(message.from_user.id), private=private):
        # The Mini App button opens only in a private chat.
        await message.answer(shown.text(), reply_markup=cabinet_button(
            shown.client.language, cabinet_links) if private else None)


def build() -> Router:
    router = Router(name="billing")
    router.message.register(balance, Command("balance"))
    return router
