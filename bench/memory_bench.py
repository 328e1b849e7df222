"""Resident memory of the running bot with 2,000 clients and 2,000 linked chats.

The database is filled in this process; then a fresh subprocess starts the bot stack as
`chatdesk run` does (TelegramRuntime: inbox writer and worker, dispatcher, scheduler; Telegram
replaced by a session that answers at once), takes a burst of messages across every chat,
waits until each is handled, and reports its peak resident set (VmHWM). Target: ≤ 150 MB.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

CHATS = 2000
PER_CHAT = 3  # messages per chat in the burst


def _chat_id(c: int) -> str:
    return str(-1002000000000 - c)


async def _seed(url: str) -> None:
    from bot.settings import load_settings
    from bot.wiring import build_app
    from domain.kernel.model import Platform
    from domain.onboarding.service import add_client, add_staff, link_chat

    app = await build_app(load_settings(database_url=url))
    async with app.uow() as uow:
        await add_staff(uow, "Павел", telegram_id="900")
        for c in range(CHATS):
            client = await add_client(uow, f"Клиент {c}", now=datetime.now(UTC))
            await link_chat(uow, client, Platform.TELEGRAM, _chat_id(c), f"Клиент {c}")
        await uow.commit()
    await app.close()


def _burst() -> list[tuple[str, str, str]]:
    from bench.floor_bench import TEXTS

    base = int(datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp())
    rows = []
    for i in range(CHATS * PER_CHAT):
        c = i % CHATS
        user = 100 + (i // CHATS) % 3
        update = {"update_id": 1 + i, "message": {
            "message_id": 10 + i, "date": base + i,
            "chat": {"id": int(_chat_id(c)), "type": "supergroup", "title": f"Клиент {c}"},
            "from": {"id": user, "is_bot": False, "first_name": f"U{user}"},
            "text": TEXTS[i % len(TEXTS)].format(n=i)}}
        rows.append(("telegram", str(update["update_id"]), json.dumps(update)))
    return rows


def _rss_kb() -> dict[str, int]:
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


async def _child(url: str) -> dict:
    # Imports in the order `chatdesk run` makes them: the bot package first.
    from bot.settings import load_settings
    from bot.telegram import TelegramRuntime
    from bot.wiring import build_app

    from aiogram import Bot  # isort: skip
    from bench.floor_bench import InstantSession  # isort: skip

    app = await build_app(load_settings(database_url=url))
    bot = Bot("1:memory", session=InstantSession())
    runtime = TelegramRuntime(app, bot)
    await runtime.start(polling=False, scheduler=True)
    idle = _rss_kb()["VmRSS"]
    rows = _burst()
    started = time.perf_counter()
    for i in range(0, len(rows), 100):  # as polling delivers them: 100 per getUpdates
        await runtime.writer.put_many(rows[i:i + 100])
    while runtime.worker.processed < len(rows):  # noqa: ASYNC110 - polls a counter, no event
        await asyncio.sleep(0.05)
    seconds = time.perf_counter() - started
    await runtime.stop()
    await app.close()
    rss = _rss_kb()
    return {"idle_rss_mb": round(idle / 1024, 1), "peak_rss_mb": round(rss["VmHWM"] / 1024, 1),
            "updates": len(rows), "seconds": round(seconds, 2)}


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'memory.sqlite3'}"
        asyncio.run(_seed(url))
        out = subprocess.run([sys.executable, "-m", "bench.memory_bench", url],
                             capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return [{"bench": "memory_2000_chats_sqlite", "clients": CHATS, "linked_chats": CHATS,
             **figures, "target_mb": 150}]


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_child(sys.argv[1]))))
