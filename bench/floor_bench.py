"""Intake against its floor, in the same run: "bare aiogram dispatch + one durable insert per
update" versus chatdesk's whole path (inbox group commit → batch worker → aiogram dispatch →
intake pipeline → ticket), on SQLite and on PostgreSQL, each side with the same engine
settings. PostgreSQL is a throwaway server started here with its durable defaults (fsync and
synchronous_commit on); without its binaries the PostgreSQL lines say why they are missing.

Latency: updates arrive open-loop at a steady 100 per second, webhook-style; measured from
arrival until the update's effects are committed, and until its draft is handed to Telegram.

Telegram itself is replaced by a session that answers instantly, so both sides measure the
work on this machine only.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.types import Message
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert

from bot.inbox import InboxWorker, InboxWriter
from bot.sending import attach_sender
from bot.settings import load_settings
from bot.telegram import build_dispatcher, settle_heap
from bot.wiring import build_app
from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from storage.engine import make_engine, writer_connection

CHATS = 50
CPU: dict[str, float] = {}  # process CPU seconds of the last floor and chatdesk runs
TEXTS = [
    "Не работает телефония у {n}, входящие не доходят", "Доброе утро!", "спасибо", "+",
    "Подскажите, как выставить счёт из сделки {n}?", "ок", "Обмен с 1С упал, заказ {n}",
    "Проверьте, кто из менеджеров не перезванивает ({n})", "скиньте кряк для офиса {n}",
]


class InstantSession(BaseSession):
    """Answers every Bot API call at once with a plausible result; no network."""

    def __init__(self, on_call=None) -> None:  # noqa: ANN001 - a callable(method) or None
        super().__init__()
        self._next = 1000
        self._on_call = on_call

    async def close(self) -> None:
        return None

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout=None):  # noqa: ANN001, ANN201, ASYNC109
        name = type(method).__name__
        if self._on_call is not None:
            self._on_call(method)
        if name in ("SendMessage", "EditMessageText"):
            self._next += 1
            chat_id = getattr(method, "chat_id", 1)
            result = {"message_id": self._next, "date": int(time.time()),
                      "chat": {"id": chat_id, "type": "supergroup", "title": "x"},
                      "text": getattr(method, "text", "")}
            return method.__returning__.model_validate(result, context={"bot": bot})
        if name == "GetMe":
            return method.__returning__.model_validate(
                {"id": 1, "is_bot": True, "first_name": "b", "username": "b",
                 "can_read_all_group_messages": True}, context={"bot": bot})
        return True

    async def stream_content(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise NotImplementedError


def updates(count: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    base = int(datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp())
    rows = []
    for i in range(count):
        chat = -1001000000000 - (i % CHATS)
        user = 100 + rng.randrange(10)
        rows.append({"update_id": 1 + i, "message": {
            "message_id": 10 + i, "date": base + i * 7,
            "chat": {"id": chat, "type": "supergroup", "title": "Client"},
            "from": {"id": user, "is_bot": False, "first_name": f"U{user}"},
            "text": rng.choice(TEXTS).format(n=rng.randrange(100_000))}})
    return rows


async def _floor_app(url: str):  # noqa: ANN202 - (engine, bot, dispatcher)
    """The floor: bare aiogram dispatch and one durable insert per update."""
    engine = make_engine(url)
    table = Table("received", MetaData(), Column("id", Integer, primary_key=True),
                  Column("chat", String), Column("text", Text))
    async with engine.begin() as conn:
        await conn.run_sync(table.metadata.create_all)
    bot = Bot("1:floor", session=InstantSession())
    dispatcher = Dispatcher()

    @dispatcher.message(F.text)
    async def store(message: Message) -> None:
        async with writer_connection(engine) as conn, conn.begin():  # one durable insert
            await conn.execute(insert(table).values(chat=str(message.chat.id),
                                                    text=message.text))

    return engine, bot, dispatcher


async def floor(raw: list[dict], url: str) -> float:
    engine, bot, dispatcher = await _floor_app(url)
    # Each update is handed over as received (a dict) and parsed by aiogram, as its polling
    # and webhook paths do; chatdesk's side parses its updates from the inbox's JSON too.
    # (Until 2026-12-08 the floor was given updates parsed before its clock started.)
    started, cpu = time.perf_counter(), time.process_time()
    for update in raw:
        await dispatcher.feed_raw_update(bot, update)
    seconds = time.perf_counter() - started
    CPU["floor"] = time.process_time() - cpu
    await engine.dispose()
    return seconds


async def _open_loop(raw: list[dict], rate: float, arrive) -> None:  # noqa: ANN001
    """Start `arrive(update)` for each update at `rate` per second whatever the ones before
    are doing (open loop, as webhooks come), and wait for all of them."""
    tasks = []
    start = time.perf_counter()
    for i, update in enumerate(raw):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(arrive(update)))
    await asyncio.gather(*tasks)


async def floor_paced_latency(raw: list[dict], url: str, rate: float) -> list[float]:
    """The floor under the same open-loop arrivals as `paced_latency`: ms from arrival until
    its insert is committed. Beside chatdesk's figure it tells our tail from the disk's."""
    engine, bot, dispatcher = await _floor_app(url)
    latencies: list[float] = []

    async def arrive(update: dict) -> None:
        t0 = time.perf_counter()
        await dispatcher.feed_raw_update(bot, update)
        latencies.append((time.perf_counter() - t0) * 1000)

    await _open_loop(raw, rate, arrive)
    await engine.dispose()
    return latencies


async def _desk(url: str, after_commit=None, on_call=None,  # noqa: ANN001, ANN202
                synchronous: str = "full"):
    # Telegram's limits off: the instant session enforces none, and this measures the work
    # on this machine (pacing is measured by the outbox and summaries benches). Until
    # 2026-12-08 "off" was a pace of 1,000 messages a second, which still made the sender
    # sleep a millisecond before each message and left a tail of drafts after the last update.
    settings = load_settings(database_url=url, sqlite_synchronous=synchronous)
    app = await build_app(settings)
    async with app.uow() as uow:
        await add_staff(uow, "Павел", telegram_id="900")
        for c in range(CHATS):
            client = await add_client(uow, f"Клиент {c}", now=datetime.now(UTC))
            await link_chat(uow, client, Platform.TELEGRAM, str(-1001000000000 - c))
        await uow.commit()
    bot = Bot("1:desk", session=InstantSession(on_call))
    dispatcher = build_dispatcher(app, await bot.get_me())
    # As `chatdesk run`: drafts are outbox rows committed with the batch, sent by the sender.
    sender = attach_sender(app, dispatcher, bot, paced=False)
    worker = InboxWorker(app.uow, dispatcher, bot, after_commit=after_commit,
                         on_commit=sender.wake)
    writer = InboxWriter(app.uow, on_stored=worker.wake)
    settle_heap()  # as `chatdesk run` does before its first update
    return app, writer, worker, sender


async def chatdesk(raw: list[dict], url: str) -> float:
    app, writer, worker, sender = await _desk(url)
    rows = [("telegram", str(u["update_id"]), json.dumps(u)) for u in raw]
    started, cpu = time.perf_counter(), time.process_time()
    # As live polling delivers them: up to 100 updates per getUpdates, each batch committed
    # before it is confirmed, then handled by the worker.
    for i in range(0, len(rows), 100):
        await writer.put_many(rows[i:i + 100])
        await worker.drain()
    # The clock stops when the last draft has gone out too: sending is part of the work.
    while await sender.outbox.next_due() is not None:  # noqa: ASYNC110 - the database says
        await asyncio.sleep(0.01)
    seconds = time.perf_counter() - started
    CPU["desk"] = time.process_time() - cpu
    await sender.stop()
    await writer.close()
    await app.close()
    return seconds


async def paced_latency(raw: list[dict], url: str, rate: float,
                        synchronous: str = "full") -> tuple[list[float], list[float]]:
    """Webhook-style arrivals at `rate` per second, open loop; latencies (ms) from arrival
    until the update's effects are committed, and until its draft reaches the Bot API."""
    committed: dict[str, asyncio.Future[None]] = {}
    arrived: dict[int, float] = {}  # message id → arrival
    drafts: list[float] = []

    def sent(method) -> None:  # noqa: ANN001
        reply = getattr(method, "reply_parameters", None)
        if type(method).__name__ == "SendMessage" and reply is not None \
                and reply.message_id in arrived:
            drafts.append((time.perf_counter() - arrived.pop(reply.message_id)) * 1000)

    async def resolve(keys: list[str]) -> None:
        for key in keys:
            future = committed.get(key)
            if future is not None and not future.done():
                future.set_result(None)

    app, writer, worker, sender = await _desk(url, after_commit=resolve, on_call=sent,
                                              synchronous=synchronous)
    stop = asyncio.Event()
    runner = asyncio.create_task(worker.run(stop))
    latencies: list[float] = []
    loop = asyncio.get_running_loop()

    async def arrive(update: dict) -> None:
        key = str(update["update_id"])
        committed[key] = loop.create_future()
        t0 = arrived[update["message"]["message_id"]] = time.perf_counter()
        await writer.put("telegram", key, json.dumps(update))
        await committed[key]
        latencies.append((time.perf_counter() - t0) * 1000)

    await _open_loop(raw, rate, arrive)
    for _ in range(200):  # let the last drafts go out
        if not arrived or drafts and len(drafts) >= len(raw) // 2:
            break
        await asyncio.sleep(0.01)
    stop.set()
    worker.wake()
    await runner
    await sender.stop()
    await writer.close()
    await app.close()
    return latencies, drafts


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * share + 0.5) - 1)], 2)


def _rows(engine: str, raw: list[dict], floor_s: float, desk_s: float,
          committed: list[float], drafts: list[float], **extra: object) -> list[dict]:
    n = len(raw)
    return [
        {"bench": f"intake_floor_{engine}", "updates": n, "seconds": round(floor_s, 3),
         "updates_per_second": round(n / floor_s),
         "cpu_ms_per_update": round(CPU["floor"] * 1000 / n, 3), **extra},
        {"bench": f"intake_chatdesk_{engine}", "updates": n, "seconds": round(desk_s, 3),
         "updates_per_second": round(n / desk_s), "ratio_to_floor": round(floor_s / desk_s, 2),
         "cpu_ms_per_update": round(CPU["desk"] * 1000 / n, 3), **extra},
        _latency_row(f"intake_latency_100_per_second_{engine}", committed, drafts, **extra),
    ]


def _latency_row(name: str, committed: list[float], drafts: list[float],
                 **extra: object) -> dict:
    return {"bench": name, "updates": len(committed),
            "commit_p50_ms": _percentile(committed, 0.5),
            "commit_p99_ms": _percentile(committed, 0.99),
            "drafts": len(drafts), "draft_sent_p50_ms": _percentile(drafts, 0.5),
            "draft_sent_p99_ms": _percentile(drafts, 0.99), **extra}


def _measure(urls: dict[str, str], raw: list[dict], paced: list[dict]) -> tuple:
    floor_s = asyncio.run(floor(raw, urls["floor"]))
    desk_s = asyncio.run(chatdesk(raw, urls["desk"]))
    committed, drafts = asyncio.run(paced_latency(paced, urls["paced"], rate=100))
    return floor_s, desk_s, committed, drafts


def run() -> list[dict]:
    raw, paced = updates(3000), updates(1000, seed=9)
    with tempfile.TemporaryDirectory() as folder:
        urls = {side: f"sqlite+aiosqlite:///{Path(folder) / side}.sqlite3"
                for side in ("floor", "desk", "paced")}
        rows = _rows("sqlite", raw, *_measure(urls, raw, paced))
        floor_paced = asyncio.run(floor_paced_latency(
            paced, f"sqlite+aiosqlite:///{Path(folder) / 'floor_paced'}.sqlite3", rate=100))
        rows.append({"bench": "intake_floor_latency_100_per_second_sqlite",
                     "updates": len(floor_paced),
                     "commit_p50_ms": _percentile(floor_paced, 0.5),
                     "commit_p99_ms": _percentile(floor_paced, 0.99)})
        # The same latency with SQLITE_SYNCHRONOUS=normal: commits that do not wait for the disk.
        committed, drafts = asyncio.run(paced_latency(
            paced, f"sqlite+aiosqlite:///{Path(folder) / 'normal'}.sqlite3", rate=100,
            synchronous="normal"))
        rows.append(_latency_row("intake_latency_100_per_second_sqlite_synchronous_normal",
                                 committed, drafts))
    return rows + _postgres(raw, paced)


def _postgres(raw: list[dict], paced: list[dict]) -> list[dict]:
    from bench.pg_server import DurablePostgres, PostgresUnavailable

    try:
        server = DurablePostgres()
        server.start()
    except PostgresUnavailable as exc:
        return [{"bench": "intake_floor_postgresql", "skipped": str(exc)}]
    try:
        urls = {side: server.database(f"bench_{side}") for side in ("floor", "desk", "paced")}
        return _rows("postgresql", raw, *_measure(urls, raw, paced),
                     server=server.settings_note)
    finally:
        server.stop()
