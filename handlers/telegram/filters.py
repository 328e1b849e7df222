"""Chat filters as coroutines.

aiogram runs a plain (non-async) filter — including every `F...` magic filter — in a worker
thread via asyncio.to_thread; a handful of them per update cost more than the whole intake.
These async equivalents run inline.
"""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.fsm.state import State
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


class InState(Filter):
    """`State` as a filter, run inline: aiogram treats a bare `State` (a plain callable) as a
    sync filter and runs it in a thread — one thread hop per flow step on every message."""

    def __init__(self, state: State) -> None:
        self.state = state.state

    async def __call__(self, event: TelegramObject, raw_state: str | None = None) -> bool:
        return self.state == "*" or raw_state == self.state


async def plain_group_message(message: Message, raw_state: str | None = None) -> bool:
    """A group message no router but intake wants: not a command, not a reply (a reply may
    answer a card or a satisfaction question), not a migration, and its author in no dialog.
    Such messages, most of a busy desk's traffic, go straight to intake (handlers/telegram/
    __init__.py) instead of past every flow's filters."""
    if message.chat.type not in GROUP_TYPES or raw_state is not None:
        return False
    if message.reply_to_message is not None or message.migrate_to_chat_id is not None:
        return False
    text = message.text or message.caption or ""
    return not text.startswith("/")
