"""2,000 monthly summaries through a fake Telegram Bot API that answers 429 like Telegram:
more than 30 messages in any second overall, or more than one a second into one chat.

The summaries are decided and recorded by the real use case on SQLite, then sent by the real
outbox through aiogram over HTTP, paced by `scheduler.pacing.Pacer`. Only the text part is
sent (the chart rows are dropped before sending) to keep the run near a minute: the photos
would double the messages, not change the pacing.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from sqlalchemy import delete, insert

from bot.clock import FixedClock
from bot.messengers import MessengerRegistry
from bot.messengers.telegram import TelegramMessenger
from bot.settings import load_settings
from domain.kernel.model import BillingModel, Kind, KindTerms, Mode
from storage.engine import make_engine, upgrade
from storage.kernel import tables as t
from storage.outbox.tables import notices
from storage.uow import SqlUnitOfWorkFactory

CLIENTS = 2_000
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # Tuesday 10:00 in Moscow: working hours
TOKEN = "123456:BENCH"


class RateLimitedBotAPI:
    """sendMessage only, with Telegram's limits enforced over sliding one-second windows."""

    def __init__(self, per_second: int = 30, per_chat_seconds: float = 1.0) -> None:
        self.per_second, self.gap = per_second, per_chat_seconds
        self.recent: deque[float] = deque()
        self.last: dict[str, float] = {}
        self.ok = self.too_many = 0

    async def handle(self, request: web.Request) -> web.Response:
        data = await request.post()
        chat, now = str(data["chat_id"]), time.monotonic()
        while self.recent and self.recent[0] <= now - 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.per_second or now - self.last.get(chat, -1e9) < self.gap:
            self.too_many += 1
            return web.json_response({"ok": False, "error_code": 429,
                                      "description": "Too Many Requests: retry after 1",
                                      "parameters": {"retry_after": 1}}, status=429)
        self.recent.append(now)
        self.last[chat] = now
        self.ok += 1
        return web.json_response({"ok": True, "result": {
            "message_id": self.ok, "date": int(time.time()), "text": data.get("text", ""),
            "chat": {"id": int(chat), "type": "private"}}})


async def _seed(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        conn = uow.clients._conn
        await conn.execute(insert(t.clients), [
            {"id": i, "name": f"Client {i}", "created_at": datetime(2026, 1, 1, tzinfo=UTC)}
            for i in range(1, CLIENTS + 1)])
        await conn.execute(insert(t.people), [
            {"client_id": i, "platform": "telegram", "external_id": str(10_000 + i),
             "name": f"Owner {i}", "role": "owner"} for i in range(1, CLIENTS + 1)])
        await uow.commit()
    from domain.kernel.model import Plan

    async with uow_factory() as uow:
        for client in await uow.clients.list():
            client.plan = Plan(BillingModel.MONTHLY,
                               (KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 2_000_000),))
            await uow.clients.save_plan(client)
        await uow.commit()


async def serve_bot_api(api: RateLimitedBotAPI):  # noqa: ANN201
    """Serve `api`'s sendMessage on a free local port: (the runner to clean up, a real Bot)."""
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    app = web.Application()
    app.router.add_post(f"/bot{TOKEN}/sendMessage", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    bot = Bot(TOKEN, session=AiohttpSession(
        api=TelegramAPIServer.from_base(f"http://127.0.0.1:{port}")))
    return runner, bot


async def _run() -> list[dict]:
    from bot.scheduling import build_jobs
    from scheduler.pacing import Pacer

    api = RateLimitedBotAPI()
    runner, bot = await serve_bot_api(api)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        await upgrade(url)
        engine = make_engine(url)
        uow_factory = SqlUnitOfWorkFactory(engine)
        try:
            await _seed(uow_factory)
            clock = FixedClock(NOW)
            jobs = build_jobs(uow_factory, clock, load_settings(_env_file=None),
                              MessengerRegistry([TelegramMessenger(bot)]), pacer=Pacer())
            started = time.perf_counter()
            decided = await jobs.summaries.monthly()
            decide_seconds = time.perf_counter() - started
            async with uow_factory() as uow:
                await uow.clients._conn.execute(delete(notices).where(
                    notices.c.kind == "summary_chart"))
                await uow.commit()
            started = time.perf_counter()
            result = await jobs.outbox.dispatch()
            send_seconds = time.perf_counter() - started
        finally:
            await engine.dispose()
            await bot.session.close()
            await runner.cleanup()
    return [{
        "bench": "monthly summaries: decide and record",
        "clients": CLIENTS, "recorded": decided.recorded,
        "seconds": round(decide_seconds, 2),
        "per_second": round(CLIENTS / decide_seconds, 1),
    }, {
        "bench": "monthly summaries: send through a rate-limited fake Bot API (text part only)",
        "messages": result.sent, "failed": result.failed, "seconds": round(send_seconds, 2),
        "messages_per_second": round(result.sent / send_seconds, 2),
        "http_429": api.too_many, "limit": "30/s overall, 1/s per chat",
    }]


def run() -> list[dict]:
    return asyncio.run(_run())


if __name__ == "__main__":
    import json

    for row in run():
        print(json.dumps(row, ensure_ascii=False))
