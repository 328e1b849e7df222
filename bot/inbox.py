"""Nothing lost: every inbound update is committed to the inbox before it is acknowledged,
and a worker handles committed updates in group-committed batches.

- `InboxWriter.put()` returns only after the update is durable; concurrent puts share one
  commit (group commit).
- `poll_updates()` is our own long-polling loop: it asks Telegram for the next updates (which
  confirms the previous ones) only after the previous ones are committed. aiogram's own loop
  confirms updates before its handlers have finished.
- `InboxWorker` feeds committed updates to the aiogram dispatcher inside one batch
  transaction: every use case becomes a savepoint, and the updates' effects, the messages
  they send (rows of the outbox, domain/outbox.py) and their "done" marks are made durable
  together by one commit. `on_commit` then wakes the outbox's sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramConflictError,
    TelegramNetworkError,
    TelegramServerError,
)
from aiogram.methods import GetUpdates
from aiogram.types import Update

from storage.reliability.repository import (
    InboxPut,
    inbox_claim,
    inbox_finish,
    inbox_peek,
    inbox_put,
)
from storage.uow import SqlUnitOfWorkFactory

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


class InboxWriter:
    """Group commit of inbound updates."""

    def __init__(self, uow: SqlUnitOfWorkFactory, *, on_stored: Callable[[], None] | None = None,
                 max_batch: int = 1000) -> None:
        self._engine = uow.engine
        self._queue: asyncio.Queue[tuple[InboxPut, asyncio.Future[None]]] = asyncio.Queue()
        self._on_stored = on_stored
        self._max_batch = max_batch
        self._task: asyncio.Task[None] | None = None

    async def put(self, platform: str, key: str, payload: str, chat: str | None = None) -> None:
        """Returns once the update is committed (or raises if it could not be)."""
        await self.put_many([(platform, key, payload, chat)])

    async def put_many(self, rows: list[InboxPut]) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="inbox-writer")
        loop = asyncio.get_running_loop()
        futures = []
        for row in rows:
            future: asyncio.Future[None] = loop.create_future()
            self._queue.put_nowait((row, future))
            futures.append(future)
        await asyncio.gather(*futures)

    async def _run(self) -> None:
        while True:
            first = await self._queue.get()
            pending = [first]
            while not self._queue.empty() and len(pending) < self._max_batch:
                pending.append(self._queue.get_nowait())
            try:
                await inbox_put(self._engine, [row for row, _ in pending], _now())
            except Exception as exc:  # noqa: BLE001 - every waiter must hear about it
                for _, future in pending:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for _, future in pending:
                if not future.done():
                    future.set_result(None)
            if self._on_stored is not None:
                self._on_stored()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class InboxWorker:
    """Feeds committed updates to the dispatcher in group-committed batches."""

    def __init__(self, uow: SqlUnitOfWorkFactory, dispatcher: Dispatcher, bot: Bot, *,
                 batch_size: int = 100, batch_seconds: float = 0.02,
                 after_commit: Callable[[list[str]], Awaitable[None]] | None = None,
                 on_commit: Callable[[], None] | None = None,
                 before_batch: Callable[[list[str]], Awaitable[None]] | None = None) -> None:
        self._uow, self._dispatcher, self._bot = uow, dispatcher, bot
        self._batch_size = batch_size
        # A batch commits after this much work even if more is waiting: group commit for
        # throughput, without holding early updates hostage to late ones.
        self._batch_seconds = batch_seconds
        self._wake = asyncio.Event()
        self._after_commit = after_commit
        self._on_commit = on_commit
        # Slow preparation of the next updates (reading voice notes), done before the batch
        # opens its transaction: on SQLite a batch holds the one write lock while it runs.
        self._before_batch = before_batch
        # How many pending updates a batch claims: about as many as it got through last time
        # before its deadline, so it does not fetch (and drop) payloads it has no time for.
        self._claim = batch_size
        self.processed = 0

    def wake(self) -> None:
        self._wake.set()

    async def drain(self, stop: asyncio.Event | None = None) -> int:
        """Handle every pending update now (or, once `stop` is set, finish the batch in hand
        and stop); returns how many were handled."""
        handled = 0
        while True:
            count = await self._one_batch()
            handled += count
            if count == 0 or (stop is not None and stop.is_set()):
                return handled

    async def _one_batch(self) -> int:
        if self._before_batch is not None:
            payloads = await inbox_peek(self._uow.engine, self._claim)
            if payloads:
                try:
                    await self._before_batch(payloads)
                except Exception:  # noqa: BLE001 - preparing is an optimisation, never a blocker
                    log.exception("preparing the next updates failed; handling them as they are")
        async with self._uow.batch() as batch:
            rows = await inbox_claim(batch.connection, self._claim)
            if not rows:
                return 0
            done: list[int] = []
            done_keys: list[str] = []
            failed: dict[int, str] = {}
            deadline = time.monotonic() + self._batch_seconds
            for row in rows:
                if (done or failed) and time.monotonic() > deadline:
                    break  # the rest stay pending for the next batch
                try:
                    update = Update.model_validate_json(row.payload, context={"bot": self._bot})
                    await self._dispatcher.feed_update(self._bot, update)
                    done.append(row.id)
                    done_keys.append(row.key)
                except Exception as exc:  # noqa: BLE001 - one bad update must not stop the rest
                    log.exception("update %s failed (attempt %s)", row.key, row.attempts + 1)
                    failed[row.id] = f"{type(exc).__name__}: {exc}"
            handled = len(done) + len(failed)
            self._claim = (min(self._batch_size, self._claim * 2) if handled == len(rows)
                           else min(self._batch_size, max(8, handled + handled // 2)))
            await inbox_finish(batch.connection, done, failed, _now())
            await batch.commit()
        self.processed += len(done)
        if self._on_commit is not None:
            self._on_commit()  # what the batch recorded in the outbox may go now
        if self._after_commit is not None:
            await self._after_commit(done_keys)
        return len(done) + len(failed)

    async def run(self, stop: asyncio.Event) -> None:
        """Handle updates as they arrive, and whatever was left by a previous run."""
        await self._run(stop)

    async def _run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.drain(stop)
            except Exception:  # noqa: BLE001 - the database may be briefly unavailable
                log.exception("inbox worker failed; retrying")
                await asyncio.sleep(1)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=1.0)


async def poll_updates(bot: Bot, writer: InboxWriter, stop: asyncio.Event, *,
                       allowed_updates: list[str] | None = None, long_poll: int = 25) -> None:
    """Long polling that confirms an update to Telegram only after it is committed."""
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        try:
            updates = await bot(GetUpdates(offset=offset, timeout=long_poll,
                                           allowed_updates=allowed_updates))
        except asyncio.CancelledError:
            raise
        except (TelegramNetworkError, TelegramServerError, TelegramConflictError) as exc:
            # Conflict: a previous process's long poll is still open; it ends within seconds.
            log.warning("getUpdates failed (%s); retrying in %.0f s", exc, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30)
            continue
        except Exception:  # noqa: BLE001 - polling must never die silently
            log.exception("getUpdates failed unexpectedly; retrying in %.0f s", backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30)
            continue
        backoff = 1.0
        if not updates:
            continue
        await writer.put_many([
            ("telegram", str(u.update_id), u.model_dump_json(exclude_unset=True, by_alias=True),
             chat_of(u))
            for u in updates
        ])
        # Only now may Telegram forget them: the next getUpdates carries this offset.
        offset = updates[-1].update_id + 1


# Updates whose event carries a chat; a callback query's chat is its message's.
_CHAT_EVENTS = ("message", "edited_message", "channel_post", "edited_channel_post",
                "business_message", "edited_business_message", "my_chat_member", "chat_member",
                "chat_join_request", "message_reaction", "message_reaction_count",
                "chat_boost", "removed_chat_boost")


def _field(obj: Any, name: str) -> Any:  # noqa: ANN401 - a raw dict or an aiogram object
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def chat_of(update: Any) -> str | None:  # noqa: ANN401
    """The chat an update (a parsed `Update` or its raw JSON dict) belongs to, or None."""
    event = None
    for kind in _CHAT_EVENTS:
        if (event := _field(update, kind)) is not None:
            break
    if event is None and (query := _field(update, "callback_query")) is not None:
        event = _field(query, "message")
        if event is None:  # an inline message: the person who pressed is the order key
            user = _field(query, "from_user") or _field(query, "from")
            return f"user:{_field(user, 'id')}" if user is not None else None
    chat = _field(event, "chat") if event is not None else None
    chat_id = _field(chat, "id") if chat is not None else None
    return str(chat_id) if chat_id is not None else None
