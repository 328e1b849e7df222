"""Intake pipeline throughput and latency on SQLite: one transaction per message (as live)
and batched (as import)."""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.intake.service import InboundMessage, IntakeService
from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.triage import default_classifier
from storage.engine import make_engine, upgrade
from storage.uow import SqlUnitOfWorkFactory

PHRASES = [
    "Не работает телефония у {n}, входящие не доходят",
    "Подскажите, как выставить счёт из сделки для {n}?",
    "Доброе утро!", "спасибо", "+",
    "Проверьте, кто из менеджеров не перезванивает по пропущенным ({n})",
    "Нужна интеграция с складом, сколько стоит? {n}",
    "скиньте кряк для офиса {n}",
    "Обмен с 1С упал, счета не выгружаются, заказ {n}",
]


def stream(count: int, chats: int, seed: int = 7) -> list[InboundMessage]:
    rng = random.Random(seed)
    start = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    return [
        InboundMessage(
            platform=Platform.TELEGRAM, chat_id=f"-100{i % chats}", message_id=str(i),
            sender_id=str(100 + rng.randrange(20)), sender_name="Сотрудник",
            sent_at=start + timedelta(seconds=40 * i),
            text=rng.choice(PHRASES).format(n=rng.randrange(10_000)),
        )
        for i in range(count)
    ]


async def _setup(url: str, chats: int) -> SqlUnitOfWorkFactory:
    await upgrade(url)
    uow = SqlUnitOfWorkFactory(make_engine(url))
    async with uow() as tx:
        await add_staff(tx, "Павел", telegram_id="900")
        for c in range(chats):
            client = await add_client(tx, f"Клиент {c}", now=datetime.now(UTC))
            await link_chat(tx, client, Platform.TELEGRAM, f"-100{c}")
        await tx.commit()
    return uow


async def _measure(count: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        uow = await _setup(f"sqlite+aiosqlite:///{Path(folder) / 'b.sqlite3'}", chats=20)
        intake = IntakeService(default_classifier())
        messages = stream(count, chats=20)
        latencies: list[float] = []
        started = time.perf_counter()
        for i in range(0, count, batch):
            t0 = time.perf_counter()
            async with uow() as tx:
                for msg in messages[i:i + batch]:
                    await intake.process(tx, msg)
                await tx.commit()
            latencies.append((time.perf_counter() - t0) * 1000)
        seconds = time.perf_counter() - started
        await uow.dispose()
    latencies.sort()
    row = {"bench": f"intake_sqlite_batch_{batch}", "messages": count,
           "seconds": round(seconds, 3), "messages_per_second": round(count / seconds)}
    if batch == 1:
        row |= {"p50_ms": round(statistics.median(latencies), 2),
                "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2)}
    return row


def run() -> list[dict]:
    default_classifier().predict("прогрев")
    return [asyncio.run(_measure(2000, 1)), asyncio.run(_measure(5000, 500))]
