"""The Telegram side of the `Messenger` port, over an aiogram `Bot` (ids as strings).

Failures become the domain's `SendError` types, so the outbox decides what they mean: flood
control and chat migrations are followed there (the session's retry middleware stands aside
for these calls), network and server errors are retried, the rest is permanent."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from contextvars import ContextVar
from itertools import groupby

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
)

from domain.kernel.model import Choice, MediaKind, Platform
from domain.kernel.ports import (
    Capabilities,
    ChatMigrated,
    PermanentSendError,
    SendRetryAfter,
    TransientSendError,
)

# Set while the messenger calls Telegram: the session's retry middleware then lets 429s and
# network errors through to be translated, instead of waiting them out itself.
OWN_RETRIES: ContextVar[bool] = ContextVar("chatdesk_own_retries", default=False)


@contextlib.asynccontextmanager
async def translated() -> AsyncIterator[None]:
    token = OWN_RETRIES.set(True)
    try:
        yield
    except TelegramRetryAfter as exc:
        raise SendRetryAfter(exc.retry_after, exc.message) from exc
    except TelegramMigrateToChat as exc:
        raise ChatMigrated(str(exc.migrate_to_chat_id), exc.message) from exc
    except (TelegramNetworkError, TelegramServerError) as exc:
        raise TransientSendError(str(exc)) from exc
    except TelegramAPIError as exc:  # forbidden (kicked, blocked), not found, bad request
        raise PermanentSendError(str(exc)) from exc
    finally:
        OWN_RETRIES.reset(token)


def _chat(chat_id: str) -> int | str:
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def _reply(reply_to: str | None) -> ReplyParameters | None:
    # A deleted original must not stop the answer from arriving.
    return (ReplyParameters(message_id=int(reply_to), allow_sending_without_reply=True)
            if reply_to else None)


def keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup:
    """One button per row unless choices share a `row`; the choice key travels as callback
    data (64 bytes at most)."""
    rows = groupby(enumerate(choices), key=lambda ic: ("row", ic[1].row) if ic[1].row is not None
                   else ("own", ic[0]))
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=c.label, callback_data=c.key) for _, c in row]
        for _, row in rows
    ])



class TelegramMessenger:
    platform = Platform.TELEGRAM
    capabilities = Capabilities(buttons=True, max_buttons=20, edit=True, polls=True,
                                max_text=4096)

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        async with translated():
            sent = await self._bot.send_message(
                _chat(chat_id), text[:self.capabilities.max_text],
                reply_parameters=_reply(reply_to),
                message_thread_id=int(thread_id) if thread_id else None)
        return str(sent.message_id)

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, *,
                         caption: str = "", filename: str | None = None,
                         reply_to: str | None = None) -> str:
        media = (BufferedInputFile(content, filename or "file") if isinstance(content, bytes)
                 else content)
        common = {"reply_parameters": _reply(reply_to)}
        chat = _chat(chat_id)
        async with translated():
            if kind is MediaKind.PHOTO:
                sent = await self._bot.send_photo(chat, media, caption=caption or None, **common)
            elif kind in (MediaKind.VIDEO, MediaKind.ANIMATION):
                sent = await self._bot.send_video(chat, media, caption=caption or None, **common)
            elif kind is MediaKind.VOICE:
                sent = await self._bot.send_voice(chat, media, caption=caption or None, **common)
            elif kind is MediaKind.AUDIO:
                sent = await self._bot.send_audio(chat, media, caption=caption or None, **common)
            elif kind is MediaKind.STICKER:
                sent = await self._bot.send_sticker(chat, media, **common)
            else:
                sent = await self._bot.send_document(chat, media, caption=caption or None, **common)
        return str(sent.message_id)

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        async with translated():
            sent = await self._bot.send_message(
                _chat(chat_id), text[:self.capabilities.max_text],
                reply_markup=keyboard(choices), reply_parameters=_reply(reply_to))
        return str(sent.message_id)

    async def edit_text(self, chat_id: str, message_id: str, text: str,
                        choices: Sequence[Choice] | None = None) -> bool:
        async with translated():
            try:
                await self._bot.edit_message_text(
                    text=text[:self.capabilities.max_text], chat_id=_chat(chat_id),
                    message_id=int(message_id),
                    reply_markup=keyboard(choices) if choices else None)
            except TelegramBadRequest as exc:
                if "not modified" not in exc.message:
                    raise
        return True

    async def aclose(self) -> None:
        """The bot's session belongs to whoever built the bot."""
