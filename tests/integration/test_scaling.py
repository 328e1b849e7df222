"""Several processes on one database: shared conversation state in Redis, who may run beside
whom, and one process per scheduler tick. Real SQLite, PostgreSQL and Redis servers."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey

from bot.calendars import last_covered_year
from bot.cli import main
from bot.scaling import StartupError, build_fsm_storage, can_share, instance_guard
from bot.settings import load_settings
from scheduler.jobs import JobSpec
from scheduler.runner import build_scheduler, current_tick
from storage.engine import make_engine
from storage.instances import InstanceConflict, hold_instance_lock
from storage.ticks import claim_tick
from tests.conftest import T0

ROOT = Path(__file__).resolve().parents[2]

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_a_conversation_started_through_one_process_goes_on_through_another(redis_url):
    settings = load_settings(redis_url=redis_url)
    first, second = await build_fsm_storage(settings), await build_fsm_storage(settings)
    key = StorageKey(bot_id=42, chat_id=900, user_id=900)
    try:
        await FSMContext(first, key).set_state("Flow:description")
        await FSMContext(first, key).update_data(ticket=7, minutes=30)
        other = FSMContext(second, key)
        assert await other.get_state() == "Flow:description"
        assert await other.get_data() == {"ticket": 7, "minutes": 30}
        # Another bot on the same Redis sees nothing of it.
        stranger = FSMContext(second, StorageKey(bot_id=43, chat_id=900, user_id=900))
        assert await stranger.get_state() is None
    finally:
        await first.close()
        await second.close()


async def test_without_redis_url_conversation_state_stays_in_the_process():
    storage = await build_fsm_storage(load_settings(redis_url=None))
    assert type(storage).__name__ == "DialogMemoryStorage"


async def test_in_memory_state_is_kept_only_for_people_in_a_dialog():
    """Reading the state of every message's author must not leave a record per person who
    ever wrote (aiogram's own memory storage does, for the life of the process)."""
    from aiogram.fsm.storage.base import StorageKey

    storage = await build_fsm_storage(load_settings(redis_url=None))
    keys = [StorageKey(bot_id=1, chat_id=-100 - n, user_id=n) for n in range(500)]
    for key in keys:
        assert await storage.get_state(key) is None
        assert await storage.get_data(key) == {}
        assert await storage.get_value(key, "ticket", 7) == 7
    assert len(storage.storage) == 0

    await storage.set_state(keys[0], "Flow:answer")
    await storage.set_data(keys[0], {"ticket": 12})
    assert await storage.get_state(keys[0]) == "Flow:answer"
    assert await storage.get_value(keys[0], "ticket") == 12
    await storage.set_state(keys[0], None)
    assert len(storage.storage) == 1  # its data is still there
    await storage.set_data(keys[0], {})
    assert len(storage.storage) == 0


async def test_an_unreachable_redis_is_one_line_naming_redis_url():
    settings = load_settings(redis_url=f"redis://:secret@127.0.0.1:{_free_port()}/0")
    with pytest.raises(StartupError) as caught:
        await build_fsm_storage(settings, connect_seconds=2)
    message = str(caught.value)
    assert "REDIS_URL" in message and "\n" not in message
    assert "secret" not in message  # the password is not printed


async def test_a_malformed_redis_url_is_one_line():
    with pytest.raises(StartupError, match="REDIS_URL is invalid"):
        await build_fsm_storage(load_settings(redis_url="http://localhost:6379"))


def test_chatdesk_run_with_an_unreachable_redis_exits_with_one_line(tmp_path, monkeypatch,
                                                                     capsys):
    monkeypatch.chdir(tmp_path)  # no .env from the developer's folder
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("TELEGRAM_API_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{_free_port()}/0")
    monkeypatch.delenv("WEBHOOK_BASE_URL", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("chatdesk: cannot reach Redis") and "Traceback" not in err


def test_only_postgresql_with_redis_and_a_fixed_webhook_secret_can_share_the_database():
    pg = "postgresql+asyncpg://u@h/db"
    full = {"telegram_bot_token": "1:x", "database_url": pg, "redis_url": "redis://r",
            "webhook_base_url": "https://desk", "webhook_secret": "s"}
    assert can_share(load_settings(**full))
    for missing in ("redis_url", "webhook_base_url", "webhook_secret"):  # polling, random secret
        assert not can_share(load_settings(**{**full, missing: None})), missing
    assert not can_share(load_settings(**{**full, "database_url": "sqlite+aiosqlite:///x"}))


async def test_a_second_run_on_one_sqlite_database_is_refused_until_the_first_ends(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'one.sqlite3'}"
    first = await hold_instance_lock(url, shared=True)  # SQLite ignores "shared"
    with pytest.raises(InstanceConflict, match="SQLite runs one process"):
        await hold_instance_lock(url, shared=True)
    await first.release()
    again = await hold_instance_lock(url, shared=False)
    await again.release()


def test_chatdesk_run_beside_a_running_one_on_sqlite_says_why(tmp_path, monkeypatch, capsys):
    url = f"sqlite+aiosqlite:///{tmp_path / 'one.sqlite3'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")

    async def hold() -> object:
        return await hold_instance_lock(url, shared=False)

    lock = asyncio.run(hold())
    try:
        assert main(["run"]) == 2
    finally:
        asyncio.run(lock.release())
    err = capsys.readouterr().err
    assert "already using" in err and "Scaling out" in err and "Traceback" not in err


async def test_on_postgresql_sharing_processes_run_together_and_a_lone_one_is_refused(postgres):
    url = postgres.url()
    a = await hold_instance_lock(url, shared=True)
    b = await hold_instance_lock(url, shared=True)
    with pytest.raises(InstanceConflict, match="REDIS_URL, WEBHOOK_BASE_URL and WEBHOOK_SECRET"):
        await hold_instance_lock(url, shared=False)
    await a.release()
    await b.release()
    lone = await hold_instance_lock(url, shared=False)
    try:
        with pytest.raises(InstanceConflict):
            await hold_instance_lock(url, shared=True)
        with pytest.raises(InstanceConflict):
            await hold_instance_lock(url, shared=False)
    finally:
        await lone.release()


async def test_an_unreachable_postgresql_is_one_line():
    settings = load_settings(
        database_url=f"postgresql+asyncpg://u@127.0.0.1:{_free_port()}/db",
        telegram_bot_token="1:x")
    with pytest.raises(StartupError, match="cannot reach the database"):
        async with instance_guard(settings):
            pass


async def test_each_tick_is_claimed_by_exactly_one_of_several_processes(database_url):
    engines = [make_engine(database_url) for _ in range(3)]  # three "processes"
    try:
        for step in range(5):
            tick = T0 + timedelta(minutes=step)
            won = await asyncio.gather(*(claim_tick(e, "sla_sweep", tick) for e in engines
                                         for _ in range(2)))
            assert won.count(True) == 1, (step, won)
            # A late run of the same or an older tick is refused too.
            assert not await claim_tick(engines[0], "sla_sweep", tick)
            assert not await claim_tick(engines[1], "sla_sweep", tick - timedelta(minutes=1))
        # Jobs are independent.
        assert await claim_tick(engines[2], "reminders", T0)
    finally:
        for engine in engines:
            await engine.dispose()


def test_ticks_are_the_same_grid_points_in_every_process():
    every = timedelta(minutes=5)
    tick = current_tick(every, T0 + timedelta(minutes=7, seconds=3))
    assert tick == current_tick(every, T0 + timedelta(minutes=5)) == T0 + timedelta(minutes=5)
    assert current_tick(every, T0 + timedelta(minutes=9, seconds=59)) == tick


async def test_two_schedulers_on_one_postgresql_run_each_tick_once(postgres):
    """Two real APScheduler instances, each with its own engine, fire the same 1-second job."""
    url = postgres.url()
    runs: list[tuple[str, object]] = []
    every = timedelta(seconds=1)

    class Recorder:
        def __init__(self, name: str) -> None:
            self.name = name

        async def sweep(self) -> None:
            runs.append((self.name, current_tick(every)))
            await asyncio.sleep(0.05)  # work that overlaps the other instance's firing

    engines, schedulers = [], []
    for name in ("A", "B"):
        engine = make_engine(url)
        engines.append(engine)

        async def claim(job_id: str, tick, engine=engine) -> bool:  # noqa: ANN001
            return await claim_tick(engine, job_id, tick)

        spec = JobSpec("test_sweep", every, lambda jobs: jobs.sweep)
        scheduler = build_scheduler(Recorder(name), claim=claim, specs=[spec])
        schedulers.append(scheduler)
    from storage.engine import upgrade

    await upgrade(url)
    try:
        for scheduler in schedulers:
            scheduler.start()
        for _ in range(300):  # until 4 ticks ran (or 30 s: then the assertion says why)
            if len({tick for _, tick in runs}) >= 4:
                break
            await asyncio.sleep(0.1)
    finally:
        for scheduler in schedulers:
            scheduler.shutdown(wait=False)
        for engine in engines:
            await engine.dispose()
    per_tick = Counter(tick for _, tick in runs)
    assert len(per_tick) >= 4, runs
    assert set(per_tick.values()) == {1}, per_tick  # never twice in one tick



async def test_processes_starting_at_once_on_a_fresh_postgresql_migrate_it_once(postgres):
    from sqlalchemy import text

    from tests.postgres import create_database

    url = await create_database(postgres, f"m_{uuid.uuid4().hex[:10]}")
    env = {**os.environ, "DATABASE_URL": url}
    processes = [await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "db", "upgrade", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE) for _ in range(3)]
    results = [await p.communicate() for p in processes]  # without the lock: CREATE collides
    errors = [err.decode()[-800:] for (_, err), p in zip(results, processes, strict=True)
              if p.returncode != 0]
    assert errors == []
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            heads = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    finally:
        await engine.dispose()
    assert heads and len(heads) == len(set(heads))


def test_chatdesk_run_without_a_reachable_telegram_exits_with_one_line(tmp_path, monkeypatch,
                                                                       capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("TELEGRAM_API_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("WEBHOOK_BASE_URL", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "chatdesk: cannot reach Telegram at http://127.0.0.1:" in err
    assert "Traceback" not in err


def test_chatdesk_run_warns_at_start_when_the_calendar_data_runs_out_within_a_month(
        tmp_path, monkeypatch, caplog):
    last = last_covered_year()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    monkeypatch.setenv("CHATDESK_FAKE_NOW", f"{last}-12-31T23:30")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("TELEGRAM_API_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("WEBHOOK_BASE_URL", raising=False)
    assert main(["run"]) == 2  # no Telegram to reach: the start itself is what is checked
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(w.startswith(f"the working calendar is known only to the end of {last}: from "
                            f"January 1, {last + 1} SLA deadlines cannot be computed")
               for w in warnings)
