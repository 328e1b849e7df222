"""Two real `chatdesk run` processes in webhook mode share one PostgreSQL, one Redis and one
(fake) Telegram: what README's "Scaling out" promises, tried with real processes.

A seeded burst of group messages is posted to the two processes' webhooks (some updates to
both, as a retrying load balancer would): every message is stored and handled once, every
ticket gets one draft. Then a staff member logs time through buttons and a typed
description, each step through the other process: the conversation state lives in Redis.
(One process per scheduler tick is proven in tests/integration/test_scaling.py with two real
schedulers on one PostgreSQL: the jobs' intervals are minutes, too long for this test.)
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import sys
import uuid
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from bot.settings import load_settings
from bot.wiring import build_app
from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from storage.reliability.repository import inbox_counts
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI
from tests.postgres import create_database

ROOT = Path(__file__).resolve().parents[2]
GROUP = -1003000000001
PAVEL, KATE = 900, 300
SECRET = "scale-out-secret"
REQUESTS = ["Обмен с 1С упал, заказ {n} не выгрузился",
            "Подскажите, как выставить счёт по заказу {n}?",
            "Сломалась интеграция с сайтом, лиды не приходят ({n})",
            "Как настроить права доступа для нового менеджера? {n}",
            "Ошибка 500 при открытии карточки сделки {n}",
            "Перестала работать печать документов, код {n}",
            "Робот в воронке не срабатывает на этапе {n}",
            "спасибо", "Доброе утро!"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _button(message: dict, label: str) -> str:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    found = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert found, f"no button {label!r} in {[b['text'] for row in rows for b in row]}"
    return found[0]


class Instance:
    def __init__(self, name: str, env: dict[str, str], port: int, log: Path) -> None:
        self.name, self.port = name, port
        self.env = {**env, "WEB_PORT": str(port)}
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram/webhook"

    async def start(self) -> None:
        with self.log.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", cwd=ROOT, env=self.env,
                stdout=log, stderr=log)
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                if self.process.returncode is not None:
                    pytest.fail(f"{self.name} exited: {self.log.read_text()[-2000:]}")
                try:
                    async with session.get(f"http://127.0.0.1:{self.port}/healthz") as resp:
                        if resp.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        pytest.fail(f"{self.name} did not start: {self.log.read_text()[-2000:]}")

    async def stop(self) -> int | None:
        if self.process is None or self.process.returncode is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), 20)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return None


async def _wait_handled(engine, total: int) -> dict[str, int]:  # noqa: ANN001
    for _ in range(900):
        counts = await inbox_counts(engine)
        if counts.get("done", 0) + counts.get("failed", 0) >= total and not counts.get("pending"):
            return counts
        await asyncio.sleep(0.1)
    pytest.fail(f"not all updates were handled: {counts}")


async def test_two_webhook_processes_share_the_work_and_the_conversation_state(
        postgres, redis_url, tmp_path):
    fake = FakeBotAPI()
    await fake.start()
    url = await create_database(postgres, f"scale_{uuid.uuid4().hex[:10]}")
    app = await build_app(load_settings(database_url=url))
    async with app.uow() as uow:
        client = await add_client(uow, "ACME", now=T0, plan=monthly_plan())
        pavel = await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
        await uow.workspace.serve(pavel.id, client.id)
        await link_chat(uow, client, Platform.TELEGRAM, str(GROUP))
        await uow.commit()
    port_a, port_b = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "WEB_"))}
    env.update({
        "DATABASE_URL": url, "REDIS_URL": redis_url, "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_URL": fake.base_url, "LOG_LEVEL": "WARNING", "WEBHOOK_SECRET": SECRET,
        # Behind a load balancer both would register its one public URL; here, A's address.
        "WEBHOOK_BASE_URL": f"http://127.0.0.1:{port_a}",
        # The fake Bot API enforces no per-chat limits; Telegram's 20 a minute into one group
        # would make this burst's ~40 replies take two minutes. The limits are proved in
        # tests/unit/test_pacing.py and tests/integration/test_shared_pacer.py.
        "TELEGRAM_CHAT_GAP_SECONDS": "0.02", "TELEGRAM_GROUP_PER_MINUTE": "6000",
    })
    a = Instance("A", env, port_a, tmp_path / "a.log")
    b = Instance("B", env, port_b, tmp_path / "b.log")
    try:
        await a.start()
        await b.start()  # beside A: both have REDIS_URL and webhook mode

        async def post(instance: Instance, update: dict) -> None:
            status = await fake.post_webhook(instance.url, update, SECRET)
            assert status == 200, (instance.name, status)

        # A seeded burst, spread over both processes, some updates delivered to both.
        rng = random.Random(10)
        total, updates, sent_ids = 80, [], []
        for i in range(total):
            user = 100 + rng.randrange(30)
            update = fake.stamp(fake.group_message(
                GROUP, user, rng.choice(REQUESTS).format(n=i), first_name=f"U{user}"))
            sent_ids.append(update["message"]["message_id"])
            updates.append(update)
        gate = asyncio.Semaphore(8)  # eight deliveries in flight, like Telegram's connections

        async def deliver(update: dict) -> None:
            async with gate:
                first, second = (a, b) if rng.random() < 0.5 else (b, a)
                await post(first, update)
                if rng.random() < 0.2:
                    await post(second, update)  # a redelivery to the other process

        await asyncio.gather(*(deliver(u) for u in updates))
        counts = await _wait_handled(app.uow.engine, total)
        assert counts == {"done": total}  # the duplicates were never stored twice

        # Staff: /start through A, then a request confirmed through B.
        await post(a, fake.private_message(PAVEL, "/start", first_name="Pavel"))
        await fake.wait_sent(PAVEL, lambda m: "Рабочее место" in m.get("text", ""), timeout=20)
        request = fake.stamp(fake.group_message(
            GROUP, KATE, "У Марины не работает телефония, входящие не доходят",
            first_name="Kate"))
        await post(a, request)
        draft = await fake.wait_sent(
            GROUP, lambda m: (m.get("reply_to_message") or {}).get("message_id")
            == request["message"]["message_id"], timeout=20)
        await post(b, fake.callback(GROUP, KATE, draft["message_id"], _button(draft, "")))
        card = await fake.wait_sent(PAVEL, lambda m: "Марины" in m.get("text", ""), timeout=20)

        # Logging time: every step through the other process than the one before.
        await post(a, fake.callback(PAVEL, PAVEL, card["message_id"], _button(card, "Время")))
        quick = await fake.wait_sent(PAVEL, lambda m: "Сколько времени" in m.get("text", ""),
                                     timeout=20)
        await post(b, fake.callback(PAVEL, PAVEL, quick["message_id"], _button(quick, "30 мин")))
        await fake.wait_until(lambda: "Кто за это платит" in fake.message(
            PAVEL, quick["message_id"]).get("text", ""), timeout=20)
        categories = fake.message(PAVEL, quick["message_id"])
        await post(a, fake.callback(PAVEL, PAVEL, quick["message_id"],
                                    _button(categories, "Оплачивается")))
        await fake.wait_until(lambda: "Что сделано" in fake.message(
            PAVEL, quick["message_id"]).get("text", ""), timeout=20)
        # The description arrives at B; only Redis tells B that A asked for it.
        await post(b, fake.private_message(PAVEL, "проверил телефонию в профиле Марины"))
        await fake.wait_sent(PAVEL, lambda m: "Записал 30 мин" in m.get("text", ""),
                             timeout=20)
    finally:
        codes = [await a.stop(), await b.stop()]
        await fake.stop()

    async with app.uow() as uow:
        chat = await uow.chats.find(Platform.TELEGRAM, str(GROUP))
        stored = await uow.messages.for_chat(chat.id)
        tickets = await uow.tickets.for_client(client.id)
        entries = await uow.workspace.time_for_ticket(
            next(t.id for t in tickets if str(request["message"]["message_id"])
                 in t.message_ids))
    final = await inbox_counts(app.uow.engine)
    await app.close()
    incoming = sorted(int(m.external_id) for m in stored
                      if not m.from_staff and m.sender_external_id != str(KATE))
    assert incoming == sorted(sent_ids)  # every message once: none lost, none doubled
    in_tickets = [mid for ticket in tickets for mid in ticket.message_ids]
    assert len(in_tickets) == len(set(in_tickets))  # no message in two tickets
    drafts = [m for m in fake.sent_to(GROUP) if "записал" in m.get("text", "")]
    per_request = Counter(m["reply_to_message"]["message_id"] for m in drafts)
    assert set(per_request.values()) == {1}  # no double drafts
    assert len(drafts) == len(tickets)  # one draft per ticket
    assert [e.minutes for e in entries] == [30]  # the time logged across both processes
    assert final.get("failed", 0) == 0
    assert codes == [0, 0], (a.log.read_text()[-2000:], b.log.read_text()[-2000:])
