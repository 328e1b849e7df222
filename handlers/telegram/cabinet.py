"""/cabinet: the way into the client cabinet from Telegram.

A one-time login link signs in whoever opens it first, so it is only ever sent in a private
chat; in a group the bot offers a button that opens that private chat.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    WebAppInfo,
)

from domain.cabinet.model import CabinetError, Principal
from domain.cabinet.service import Cabinet
from domain.kernel.model import Language, Platform
from domain.texts import t
from handlers.telegram.context import HandlerConfig
from handlers.telegram.filters import in_group, in_private

START_PAYLOAD = "cabinet"


@dataclass(frozen=True, slots=True)
class CabinetLinks:
    """Where the cabinet lives, as the bot hands it out."""

    base_url: str  # e.g. https://desk.example.com
    link_minutes: int

    def login(self, token: str) -> str:
        return f"{self.base_url.rstrip('/')}/cabinet/login/{token}"

    @property
    def webapp(self) -> str | None:
        # Telegram opens Mini Apps only over https.
        base = self.base_url.rstrip("/")
        return f"{base}/cabinet/" if base.lower().startswith("https://") else None


def cabinet_button(lang: Language, links: CabinetLinks | None) -> InlineKeyboardMarkup | None:
    """The Mini App button, for private chats (e.g. under /balance); None without https."""
    if links is None or links.webapp is None:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=t(lang, "cabinet.bot.open"), web_app=WebAppInfo(url=links.webapp))]])


async def in_group_chat(message: Message, config: HandlerConfig,
                        cabinet_links: CabinetLinks | None = None) -> None:
    if cabinet_links is None:
        await message.reply(t(config.language, "cabinet.bot.off"))
        return
    url = f"https://t.me/{config.bot_username}?start={START_PAYLOAD}"
    await message.reply(t(config.language, "cabinet.bot.in_group"), reply_markup=(
        InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text=t(config.language, "cabinet.bot.go_private"), url=url)]])))


async def in_private_chat(message: Message, config: HandlerConfig,
                          cabinet: Cabinet | None = None,
                          cabinet_links: CabinetLinks | None = None) -> None:
    lang = config.language
    if cabinet is None or cabinet_links is None:
        await message.answer(t(lang, "cabinet.bot.off"))
        return
    try:
        token = await cabinet.issue_link(Principal(Platform.TELEGRAM, str(message.from_user.id)))
    except CabinetError as exc:
        await message.answer(t(lang, exc.key, **exc.params))
        return
    await message.answer(
        t(lang, "cabinet.bot.link", link=cabinet_links.login(token),
          minutes=cabinet_links.link_minutes),
        reply_markup=cabinet_button(lang, cabinet_links),
        link_preview_options=LinkPreviewOptions(is_disabled=True))


async def _start_cabinet(message: Message) -> bool:
    return (message.text or "").split() == ["/start", START_PAYLOAD]


def build() -> Router:
    router = Router(name="cabinet")
    router.message.register(in_group_chat, Command("cabinet"), in_group)
    router.message.register(in_private_chat, Command("cabinet"), in_private)
    router.message.register(in_private_chat, _start_cabinet, in_private)
    return router
