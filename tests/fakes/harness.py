"""Helpers to run real aiogram against FakeBotAPI (importable from tests without the plugin)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from .bot_api import FakeBotAPI


class LocalAiohttpSession(AiohttpSession):
    """aiogram's own session, minus the 0.25 s sleep in close().

    That sleep lets SSL transports shut down; plain HTTP to 127.0.0.1 has none, and paying
    it in every test adds seconds to the suite. Requests go through the unchanged code.
    """

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(fake: FakeBotAPI, token: str | None = None, **kwargs: Any) -> Bot:
    """A real aiogram Bot whose HTTP session talks to ``fake`` (``token`` to test a wrong one)."""
    session = LocalAiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    return Bot(token or fake.token, session=session, **kwargs)


@contextlib.asynccontextmanager
async def polling(
    dp: Dispatcher, bot: Bot, fake: FakeBotAPI, *, polling_timeout: int = 1, **kwargs: Any
) -> AsyncIterator[asyncio.Task[None]]:
    """Run ``dp.start_polling`` in a task for the duration of the block.

    Entering waits until the first getUpdates reached the fake, so the dispatcher is really polling; leaving
    stops it through ``stop_polling`` (the same path as SIGTERM) and re-raises a crash.
    A short ``polling_timeout`` keeps the server-side long polls short.
    """
    polls_before = fake.polls_started
    task = asyncio.create_task(
        dp.start_polling(
            bot,
            polling_timeout=polling_timeout,
            handle_signals=False,  # pytest owns the signal handlers
            close_bot_session=False,  # the bot fixture closes it
            **kwargs,
        )
    )
    try:
        # getUpdates is recorded in fake.calls only when it returns, which for a long poll is
        # after polling_timeout; polls_started counts it on arrival
        waiting = asyncio.create_task(fake.wait_until(lambda: fake.polls_started > polls_before))
        await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():  # polling died before it ever polled: surface why
            waiting.cancel()
            task.result()
        await waiting
        yield task
    finally:
        if not task.done():
            with contextlib.suppress(RuntimeError):  # "Polling is not started" race on failure
                await dp.stop_polling()
        await task
