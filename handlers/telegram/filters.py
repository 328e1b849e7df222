"""Chat filters as coroutines.

aiogram runs a plain (non-async) filter — including every `F...` magic filter — in a worker
thread via asyncio.to_thread; a handful of them per update cost more than the whole intake.
These async equivalents run inline.
"""

from __future__ import annotations

from aiogram.types import Message, TelegramObject

GROUP_TYPES = frozenset({"group", "supergroup"})


async def in_group(event: TelegramObject) -> bool:
    chat = getattr(event, "chat", None)
    return chat is not None and chat.type in GROUP_TYPES


async def in_private(event: TelegramObject) -> bool:
    chat = getattr(event, "chat", None)
    return chat is not None and chat.type == "private"


async def has_text(message: Message) -> bool:
    return bool(message.text)


async def is_migration(message: Message) -> bool:
    return message.migrate_to_chat_id is not None
