"""Nothing lost: every inbound update is committed to the inbox before it is acknowledged,
and a worker handles committed updates in group-committed batches.

- `InboxWriter.put()` returns only after the update is durable; concurrent puts share one
  commit (group commit).
- `poll_updates()` is our own long-polling loop: it asks Telegram for the next updates (which
  confirms the previous ones) only after the previous ones are committed. aiogram's own loop
  confirms updates before its handlers have finished.
- `InboxWorker` feeds committed updates to the aiogram dispatcher inside one batch
  transaction: every use case becomes a savepoint, and the updates' effects and their "done"
  marks are made durable together by one commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramConflictError,
    TelegramNetworkError,
    TelegramServerError,
)
from aiogram.methods import GetUpdates
from aiogram.types import Update

from handlers.telegram.deferred import Call, collecting
from storage.reliability import inbox_claim, inbox_finish, inbox_put
from storage.uow import SqlUnitOfWorkFactory

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


class InboxWriter:
    """Group commit of inbound updates."""

    def __init__(self, uow: SqlUnitOfWorkFactory, *, on_stored: Callable[[], None] | None = None,
                 max_batch: int = 1000) -> None:
        self._engine = uow.engine
        self._queue: asyncio.Queue[tuple[tuple[str, str, str], asyncio.Future[None]]] = (
            asyncio.Queue())
        self._on_stored = on_stored
        self._max_batch = max_batch
        self._task: asyncio.Task[None] | None = None

    async def put(self, platform: str, key: str, payload: str) -> None:
        """Returns once the update is committed (or raises if it could not be)."""
        await self.put_many([(platform, key, payload)])

    async def put_many(self, rows: list[tuple[str, str, str]]) -> None:
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
                 after_commit: Callable[[list[str]], Awaitable[None]] | None = None) -> None:
        self._uow, self._dispatcher, self._bot = uow, dispatcher, bot
        self._batch_size = batch_size
        # A batch commits after this much work even if more is waiting: group commit for
        # throughput, without holding early updates hostage to late ones.
        self._batch_seconds = batch_seconds
        self._wake = asyncio.Event()
        self._after_commit = after_commit
        # How many pending updates a batch claims: about as many as it got through last time
        # before its deadline, so it does not fetch (and drop) payloads it has no time for.
        self._claim = batch_size
        self._outgoing: asyncio.Queue[Call] = asyncio.Queue()
        self._sender: asyncio.Task[None] | None = None
        self.processed = 0

    def wake(self) -> None:
        self._wake.set()

    async def drain(self) -> int:
        """Handle every pending update now; returns how many were handled."""
        handled = 0
        while True:
            count = await self._one_batch()
            handled += count
            if count == 0:
                return handled

    async def _one_batch(self) -> int:
        async with self._uow.batch() as batch:
            rows = await inbox_claim(batch.connection, self._claim)
            if not rows:
                return 0
            done: list[int] = []
            done_keys: list[str] = []
            failed: dict[int, str] = {}
            deadline = time.monotonic() + self._batch_seconds
            sends: list[Call] = []
            for row in rows:
                if (done or failed) and time.monotonic() > deadline:
                    break  # the rest stay pending for the next batch
                try:
                    update = Update.model_validate_json(row.payload, context={"bot": self._bot})
                    with collecting() as calls:
                        await self._dispatcher.feed_update(self._bot, update)
                    sends.extend(calls)  # a failed update's sends are dropped with its work
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
        if self._sender is not None and not self._sender.done():
            # Sends go out in order from one task, so a slow Telegram never delays intake.
            for send in sends:
                self._outgoing.put_nowait(send)
        else:
            await _send_all(sends)
        if self._after_commit is not None:
            await self._after_commit(done_keys)
        return len(done) + len(failed)

    async def _send_loop(self) -> None:
        while True:
            send = await self._outgoing.get()
            await _send_all([send])

    async def run(self, stop: asyncio.Event) -> None:
        """Handle updates as they arrive, and whatever was left by a previous run."""
        self._sender = asyncio.create_task(self._send_loop(), name="after-commit-sends")
        try:
            await self._run(stop)
        finally:
            # Let what is queued go out before stopping; what is lost here is re-posted later.
            while not self._outgoing.empty():
                await _send_all([self._outgoing.get_nowait()])
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender

    async def _run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.drain()
            except Exception:  # noqa: BLE001 - the database may be briefly unavailable
                log.exception("inbox worker failed; retrying")
                await asyncio.sleep(1)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=1.0)


async def _send_all(sends: list[Call]) -> None:
    for send in sends:
        try:
            await send()
        except Exception:  # noqa: BLE001 - the work is committed; a lost draft is re-posted
            log.exception("a message after commit could not be sent")


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
            ("telegram", str(u.update_id), u.model_dump_json(exclude_unset=True, by_alias=True))
            for u in updates
        ])
        # Only now may Telegram forget them: the next getUpdates carries this offset.
        offset = updates[-1].update_id + 1
