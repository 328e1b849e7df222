"""Running one or several `chatdesk run` processes: where conversation state lives, and who
may run beside whom.

- Without REDIS_URL the aiogram FSM state (a staff member half-way through logging time, say)
  lives in the process's memory; with it, in Redis, so a conversation started through one
  process goes on through another.
- No aiogram event isolation: the inbox worker already handles one process's updates one at a
  time, and a cross-process Redis lock held while a handler waits on database row locks could
  deadlock with another process's batch. FSM steps are human-paced.
- `instance_guard` refuses a start that could not share the work with a running process:
  SQLite runs one process; on PostgreSQL several run only when every one has REDIS_URL and
  webhook mode with a fixed WEBHOOK_SECRET (a polling process deletes the others' webhook and
  keeps state in memory; random per-process secrets would lock all but one out).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from copy import copy
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage

from bot.errors import UserFacingError
from bot.settings import Settings
from storage.instances import InstanceConflict, hold_instance_lock

log = logging.getLogger(__name__)

# An abandoned conversation (a staff member who never finished typing) is forgotten after this.
FSM_TTL_SECONDS = 7 * 24 * 3600


class StartupError(UserFacingError):
    """The bot cannot start as configured; the message is one line for a person."""


def redacted(url: str) -> str:
    """redis://user:secret@host:6379/0 -> redis://user:***@host:6379/0"""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://***@{host}"


class DialogMemoryStorage(MemoryStorage):
    """aiogram's memory storage, holding only people who are in a dialog.

    aiogram's own keeps a record for every (chat, person) it is ever asked about — reading the
    state of every message's author creates one — so a desk with thousands of client chats
    grows by one record per person who ever wrote, for the life of the process. Here reading
    creates nothing, and a record whose state and data are both cleared is dropped."""

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await super().set_state(key, state)
        self._forget_if_empty(key)

    async def get_state(self, key: StorageKey) -> str | None:
        record = self.storage.get(key)
        return record.state if record is not None else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await super().set_data(key, data)
        self._forget_if_empty(key)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = self.storage.get(key)
        return record.data.copy() if record is not None else {}

    async def get_value(self, storage_key: StorageKey, dict_key: str,
                        default: Any | None = None) -> Any | None:  # noqa: ANN401
        record = self.storage.get(storage_key)
        return copy(record.data.get(dict_key, default)) if record is not None else default

    def _forget_if_empty(self, key: StorageKey) -> None:
        record = self.storage.get(key)
        if record is not None and record.state is None and not record.data:
            del self.storage[key]


async def build_fsm_storage(settings: Settings, *, connect_seconds: float = 5.0) -> BaseStorage:
    """Memory by default; Redis with REDIS_URL, checked at once so a wrong URL is one line."""
    if not settings.redis_url:
        return DialogMemoryStorage()
    from aiogram.fsm.storage.redis import RedisStorage
    from redis.exceptions import RedisError

    try:
        storage = RedisStorage.from_url(
            settings.redis_url,
            connection_kwargs={"socket_connect_timeout": connect_seconds},
            # Several bots may share one Redis: keys carry the bot id.
            key_builder=DefaultKeyBuilder(prefix="chatdesk:fsm", with_bot_id=True),
            state_ttl=FSM_TTL_SECONDS, data_ttl=FSM_TTL_SECONDS)
    except ValueError as exc:
        raise StartupError(f"REDIS_URL is invalid: {exc} (expected redis://host:6379/0)") \
            from None
    try:
        await asyncio.wait_for(storage.redis.ping(), connect_seconds)
    except (RedisError, OSError, TimeoutError) as exc:
        await storage.close()
        reason = str(exc) or type(exc).__name__
        raise StartupError(
            f"cannot reach Redis at {redacted(settings.redis_url)} (REDIS_URL): {reason}"
        ) from None
    log.info("conversation state in Redis at %s", redacted(settings.redis_url))
    return storage


def can_share(settings: Settings) -> bool:
    """Whether this process can run beside others on the same database."""
    if settings.database_url.startswith("sqlite"):
        return False
    if not settings.telegram_bot_token:
        return True  # WhatsApp webhooks only: no conversation state, no polling
    # Without a fixed WEBHOOK_SECRET each process registers a random one of its own, and
    # Telegram would send the last one to all of them.
    return bool(settings.redis_url and settings.webhook_base_url and settings.webhook_secret)


@contextlib.asynccontextmanager
async def instance_guard(settings: Settings) -> AsyncIterator[None]:
    """Hold the database's run lock while the bot runs; refuse with one line if it is taken."""
    try:
        lock = await hold_instance_lock(settings.database_url, shared=can_share(settings))
    except InstanceConflict as exc:
        raise StartupError(str(exc)) from None
    if not lock.shared and lock.backend == "postgresql":
        log.info("running as the only process on this database (several need REDIS_URL, "
                 "WEBHOOK_BASE_URL and WEBHOOK_SECRET in every process)")
    try:
        yield
    finally:
        await lock.release()
