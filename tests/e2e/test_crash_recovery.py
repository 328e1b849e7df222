"""kill -9 in the middle of a burst of updates: after a restart every message is handled once.

The bot runs as a real `chatdesk run` process polling a fake Bot API on 127.0.0.1; the test
kills it with SIGKILL at seeded moments while updates keep arriving, restarts it, and then
checks the database: every message stored exactly once, every request a ticket exactly once.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.wiring import build_app
from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from storage.reliability.repository import inbox_counts
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[2]
GROUP = -1002000000001
REQUESTS = ["Не работает телефония у сотрудника {n}", "Обмен с 1С упал, заказ {n} не выгрузился",
            "Подскажите, как выставить счёт по заказу {n}?", "спасибо", "Доброе утро!"]


async def _start_bot(env: dict) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)


@pytest.mark.parametrize("seed", [1, 2])
async def test_kill_9_mid_burst_loses_nothing_and_doubles_nothing(tmp_path, seed):
    rng = random.Random(seed)
    fake = FakeBotAPI()
    await fake.start()
    url = f"sqlite+aiosqlite:///{tmp_path / 'crash.sqlite3'}"
    app = await build_app(load_settings(database_url=url))
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        await add_staff(uow, "Pavel", telegram_id="900")
        await link_chat(uow, client, Platform.TELEGRAM, str(GROUP))
        await uow.commit()
    env = {**os.environ, "DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": fake.token,
           "TELEGRAM_API_URL": fake.base_url, "LOG_LEVEL": "WARNING"}
    env.pop("WEBHOOK_BASE_URL", None)
    total = 120
    sent_ids: list[int] = []
    process = await _start_bot(env)
    try:
        kills = sorted(rng.sample(range(10, total - 10), 2))
        for i in range(total):
            user = 100 + rng.randrange(6)
            update = fake.group_message(GROUP, user, rng.choice(REQUESTS).format(n=i),
                                        first_name=f"U{user}")
            sent_ids.append(update["message"]["message_id"])
            fake.push_update(update)
            await asyncio.sleep(rng.uniform(0.0, 0.02))
            if i in kills:
                process.send_signal(signal.SIGKILL)
                await process.wait()
                process = await _start_bot(env)
        # Everything must end up handled: wait until the inbox has no pending rows.
        for _ in range(600):
            counts = await inbox_counts(app.uow.engine)
            if counts.get("done", 0) >= total and not counts.get("pending"):
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail(f"not all updates were handled: {counts}")
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
        await fake.stop()

    async with app.uow() as uow:
        stored = await uow.messages.for_chat((await uow.chats.find(Platform.TELEGRAM,
                                                                    str(GROUP))).id)
        tickets = await uow.tickets.for_client(client.id)
    await app.close()
    incoming = sorted(int(m.external_id) for m in stored if not m.from_staff)
    assert incoming == sorted(sent_ids)  # every message once: none lost, none doubled
    in_tickets = [mid for ticket in tickets for mid in ticket.message_ids]
    assert len(in_tickets) == len(set(in_tickets))  # no message in two tickets
    assert counts.get("failed", 0) == 0
