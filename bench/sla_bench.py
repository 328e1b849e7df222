"""The SLA and reminders sweeps over 100,000 open tickets on SQLite.

SLA: one indexed query for what is owed, one idempotent UPDATE ... RETURNING to mark it.
Reminders: an index range scan for the tickets whose stored next-reminder moment has come (1%
here) plus those changed since the last run; only those tickets' facts are read, in set
queries. Neither sweep loads the other open tickets into Python."""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bot.calendars import calendar_from_settings
from bot.clock import FixedClock
from bot.scheduling import sla_policies
from bot.settings import load_settings
from domain.sla.model import Recipients, SlaSetup
from domain.sla.policies import fingerprint
from domain.sla.service import REMINDER_MARKS, REMINDERS_JOB, SlaService, Sweeps
from storage.engine import make_engine, upgrade
from storage.kernel import tables as t
from storage.sla.tables import SLA_METRICS, ticket_reminders, ticket_sla
from storage.uow import SqlUnitOfWorkFactory

TICKETS = 100_000
NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
BATCH = 10_000
DUE_SHARE = 0.01  # tickets whose next reminder moment has come at NOW


def _rows(rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    tickets, sla, reminders = [], [], []
    old = NOW - timedelta(days=10)  # nothing changed since the last sweeps
    for i in range(1, TICKETS + 1):
        tickets.append({"id": i, "client_id": 1 + i % 200, "number": i, "kind": "technical",
                        "status": "accepted", "title": "t", "text": "t",
                        "coverage": "covered", "created_at": old, "updated_at": old,
                        "confirmed_at": old})
        due = rng.random() < DUE_SHARE
        reminders.append({"ticket_id": i, "updated_at": old, "remind_at": (
            NOW - timedelta(minutes=rng.randrange(1, 5)) if due
            else NOW + timedelta(minutes=rng.randrange(5, 30 * 1440)))})
        row = {"ticket_id": i, "policy": "default", "started_at": NOW, "updated_at": NOW}
        for metric in SLA_METRICS:
            # Deadlines spread over two months around now; a few are met or paused (NULL).
            row[f"due_{metric}"] = (None if rng.random() < 0.3 else
                                    NOW + timedelta(minutes=rng.randrange(-30 * 1440, 30 * 1440)))
            warned = row[f"due_{metric}"] is not None and row[f"due_{metric}"] < NOW
            row[f"warned_{metric}"] = warned
            # Most past deadlines were noticed by earlier sweeps; the rest are owed now.
            row[f"breached_{metric}"] = warned and rng.random() < 0.99
        sla.append(row)
    return tickets, sla, reminders


async def _run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'sla.sqlite3'}"
        await upgrade(url)
        engine = make_engine(url)
        tickets, sla, reminders = _rows(random.Random(7))
        started = time.perf_counter()
        async with engine.begin() as conn:
            await conn.execute(insert(t.clients), [
                {"id": c, "name": f"client {c}", "created_at": NOW} for c in range(1, 201)])
            for table, rows in ((t.tickets, tickets), (ticket_sla, sla),
                                (ticket_reminders, reminders)):
                for start in range(0, len(rows), BATCH):
                    await conn.execute(insert(table), rows[start:start + BATCH])
        fill = time.perf_counter() - started

        uow = SqlUnitOfWorkFactory(engine)
        async with uow() as tx:
            started = time.perf_counter()
            owed = await tx.sla.due_notices(NOW, NOW + timedelta(hours=1))
            query = time.perf_counter() - started
            marked = await tx.sla.mark_notified(owed, NOW)
            await tx.commit()
            sweep = time.perf_counter() - started
            again = time.perf_counter()
            repeat = await tx.sla.due_notices(NOW, NOW + timedelta(hours=1))
            repeat_seconds = time.perf_counter() - again
        reminders_rows = await _reminders(uow)
        await engine.dispose()
    return reminders_rows + [
        {"bench": "sla_sweep_100k", "tickets": TICKETS, "notices": len(owed),
         "marked": len(marked), "query_seconds": round(query, 4),
         "seconds": round(sweep, 4), "fill_seconds": round(fill, 2)},
        {"bench": "sla_sweep_100k_repeat", "tickets": TICKETS, "notices": len(repeat),
         "seconds": round(repeat_seconds, 4)},
    ]


async def _reminders(uow: SqlUnitOfWorkFactory) -> list[dict]:
    """The reminders sweep at NOW, after a run a minute earlier: the state a running desk has."""
    settings = load_settings(_env_file=None)
    policies = sla_policies(settings.sla_reaction_hours)
    async with uow() as tx:
        for job in (REMINDERS_JOB, *(f"{REMINDERS_JOB}:{p}" for p in REMINDER_MARKS)):
            await tx.notices.set_watermark(job, NOW - timedelta(minutes=1), 0)
        await tx.notices.set_watermark("sla_policies", NOW, fingerprint(policies))
        await tx.commit()
    clock = FixedClock(NOW)
    sweeps = Sweeps(uow, clock, SlaService(uow, clock, SlaSetup(
        calendar_from_settings(settings), policies)), Recipients("-200"))
    started = time.perf_counter()
    first = await sweeps.reminders()
    seconds = time.perf_counter() - started
    clock.advance(timedelta(minutes=5))
    started = time.perf_counter()
    second = await sweeps.reminders()
    repeat_seconds = time.perf_counter() - started
    return [
        {"bench": "reminders_sweep_100k", "tickets": TICKETS, "tickets_read": first.refreshed,
         "recorded": first.recorded, "seconds": round(seconds, 4)},
        {"bench": "reminders_sweep_100k_next", "tickets": TICKETS,
         "tickets_read": second.refreshed, "recorded": second.recorded,
         "seconds": round(repeat_seconds, 4)},
    ]


def run() -> list[dict]:
    return asyncio.run(_run())
