"""The running bot's one sender: drains the outbox (domain/outbox.py) as soon as something is
committed to it, and whatever a previous run left behind when it starts.

Handlers record messages through `Post` in the batch transaction; the inbox worker wakes the
sender right after the batch commits, so a draft still appears within milliseconds. Between
wakes the sender sleeps until the earliest pending row is due (a retry, a paced message, a
scheduled notice), at most `idle` seconds, so rows from other processes go out too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from bot.pacing_redis import build_pacer
from domain.outbox.choices import ChoiceDesk, DeskFollowUps
from domain.outbox.service import AlertTo, FollowUps, Outbox, Post

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from bot.messengers import MessengerRegistry
    from bot.wiring import App
    from domain.kernel.ports import Clock

log = logging.getLogger(__name__)


class OutboxSender:
    def __init__(self, outbox: Outbox, clock: Clock, *, idle: float = 5.0) -> None:
        self.outbox = outbox
        self._clock = clock
        self._idle = idle
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._stop.clear()
            self._task = asyncio.create_task(self.run(), name="outbox-sender")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # a wake during the round below makes the next wait return
            timeout = self._idle
            try:
                await self.outbox.dispatch(stopping=self._stop.is_set)
                due = await self.outbox.next_due()
                if due is not None:
                    timeout = min(self._idle,
                                  max((due - self._clock.now()).total_seconds(), 0.01))
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the database may be briefly unavailable
                log.exception("sending from the outbox failed; retrying")
                timeout = 1.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    async def stop(self, grace: float = 3.0) -> None:
        """Finish the message in flight (so it is marked sent, not sent again), release the
        rest of the claimed batch for the next start, then stop."""
        if self._task is None:
            return
        self._stop.set()
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
        await self.outbox.close()


def build_outbox(app: App, messengers: MessengerRegistry, follow_ups: FollowUps, *,
                 paced: bool = True) -> Outbox:
    """The outbox as the running bot sends it: paced, with follow-ups, alerts to admins.
    `paced=False` is for a Bot API that enforces no limits (the benchmarks' instant one)."""
    from bot.summary_chart import render_chart

    settings = app.settings
    pacer = build_pacer(settings.redis_url, per_second=settings.telegram_per_second,
                        per_chat_seconds=settings.telegram_chat_gap_seconds,
                        per_group_minute=settings.telegram_group_per_minute) if paced else None
    return Outbox(app.uow, app.clock, messengers, pacer=pacer, charts=render_chart,
                  follow_ups=follow_ups, group=app.uow.batch,
                  alerts=AlertTo(settings.staff_chat_id, settings.default_language))


def attach_sender(app: App, dispatcher: Dispatcher, bot: Bot, *,
                  paced: bool = True) -> OutboxSender:
    """Start the sender for this dispatcher's `Post` (once; later calls return it)."""
    from bot.messengers.telegram import TelegramMessenger

    sender: OutboxSender | None = dispatcher.workflow_data.get("outbox_sender")
    if sender is None:
        messengers = dispatcher["messengers"]
        if messengers.telegram is None:
            messengers.add(TelegramMessenger(bot))
        follow_ups = DeskFollowUps(dispatcher["desk"], dispatcher["workspace"],
                                   ChoiceDesk(app.uow, dispatcher["desk"], app.clock,
                                              bot_id="whatsapp"),
                                   dispatcher.workflow_data.get("satisfaction"))
        sender = OutboxSender(build_outbox(app, messengers, follow_ups, paced=paced),
                              app.clock)
        dispatcher["outbox_sender"] = sender
        post: Post = dispatcher["post"]
        post.wake = sender.wake
    sender.start()
    sender.wake()  # rows left by a previous run go out now
    return sender
