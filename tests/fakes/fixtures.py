"""Pytest fixtures for the fake Bot API; enable with ``pytest_plugins = ["tests.fakes.fixtures"]``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from aiogram import Bot

from .bot_api import FakeBotAPI
from .harness import make_bot


@pytest_asyncio.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotAPI]:
    """A started FakeBotAPI on 127.0.0.1, stopped after the test."""
    fake = FakeBotAPI()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest_asyncio.fixture
async def fake_bot(fake_bot_api: FakeBotAPI) -> AsyncIterator[Bot]:
    """An aiogram Bot connected to ``fake_bot_api``; its session is closed afterwards."""
    bot = make_bot(fake_bot_api)
    try:
        yield bot
    finally:
        await bot.session.close()
