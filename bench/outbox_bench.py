"""The live outbox: how fast recorded messages reach a fake Telegram that answers 429 like the
real one (30/s overall, 1/s per chat, 20/min per group), and how long one message takes from
its commit to Telegram when the sender is woken (what a client waits for a draft, minus
intake).

Real pieces: `Post` + `OutboxSender` + `Outbox` + `Pacer` on SQLite, aiogram over HTTP.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections import deque
from pathlib import Path

from aiohttp import web

from bench.summaries_bench import RateLimitedBotAPI, serve_bot_api
from bot.clock import SystemClock
from bot.messengers import MessengerRegistry
from bot.messengers.telegram import TelegramMessenger
from bot.sending import OutboxSender
from domain.kernel.model import Platform
from domain.outbox.service import Outbox, Post
from scheduler.pacing import Pacer
from storage.engine import make_engine, upgrade
from storage.uow import SqlUnitOfWorkFactory

GROUPS, PER_GROUP = 30, 10
SINGLES = 50


class GroupLimitedBotAPI(RateLimitedBotAPI):
    """Adds Telegram's 20 messages a minute per group, and when each text arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[str, deque[float]] = {}
        self.arrived: dict[str, float] = {}

    async def handle(self, request: web.Request) -> web.Response:
        data = await request.post()
        chat, now = str(data["chat_id"]), time.monotonic()
        if chat.startswith("-"):
            window = self.groups.setdefault(chat, deque())
            while window and window[0] <= now - 60:
                window.popleft()
            if len(window) >= 20:
                self.too_many += 1
                return web.json_response({"ok": False, "error_code": 429,
                                          "description": "Too Many Requests: retry after 5",
                                          "parameters": {"retry_after": 5}}, status=429)
        response = await super().handle(request)
        if response.status == 200:
            if chat.startswith("-"):
                self.groups.setdefault(chat, deque()).append(now)
            self.arrived[str(data.get("text", ""))] = now
        return response


async def _until(condition, within: float = 120.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the outbox did not drain")
        await asyncio.sleep(0.005)


async def _run() -> list[dict]:
    api = GroupLimitedBotAPI()
    runner, bot = await serve_bot_api(api)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        await upgrade(url)
        engine = make_engine(url)
        uow = SqlUnitOfWorkFactory(engine)
        clock = SystemClock()
        outbox = Outbox(uow, clock, MessengerRegistry([TelegramMessenger(bot)]), pacer=Pacer())
        sender = OutboxSender(outbox, clock)
        post = Post(uow, clock, sender.wake)
        sender.start()
        try:
            # A burst: every group gets ten messages at once.
            started = time.monotonic()
            for n in range(PER_GROUP):
                for g in range(GROUPS):
                    await post.send(Platform.TELEGRAM, -1001000000000 - g, f"burst {g} {n}")
            await _until(lambda: api.ok >= GROUPS * PER_GROUP)
            seconds = time.monotonic() - started
            rows.append({
                "bench": "outbox: a burst to many groups through a 429-enforcing fake Bot API",
                "messages": api.ok, "seconds": round(seconds, 2),
                "messages_per_second": round(api.ok / seconds, 1), "http_429": api.too_many,
                "floor_seconds": PER_GROUP - 1, "limit": "30/s, 1/s per chat, 20/min per group"})
            # One at a time: from the commit of the message to Telegram receiving it.
            latencies = []
            for n in range(SINGLES):
                text = f"single {n}"
                before = time.monotonic()
                await post.send(Platform.TELEGRAM, 5_000_000 + n, text)
                await _until(lambda text=text: text in api.arrived, within=10)
                latencies.append((api.arrived[text] - before) * 1000)
                await asyncio.sleep(0.02)
            latencies.sort()
            rows.append({
                "bench": "outbox: one message from record (commit) to the Bot API",
                "messages": SINGLES, "p50_ms": round(statistics.median(latencies), 1),
                "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
                "max_ms": round(latencies[-1], 1)})
        finally:
            await sender.stop()
            await engine.dispose()
            await bot.session.close()
            await runner.cleanup()
    return rows


def run() -> list[dict]:
    return asyncio.run(_run())


if __name__ == "__main__":
    import json

    for row in run():
        print(json.dumps(row, ensure_ascii=False))
