"""The SLA sweep over 100,000 open tickets on SQLite: one indexed query for what is owed, one
idempotent UPDATE ... RETURNING to mark it. Tickets are never loaded into Python."""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from storage import tables as t
from storage.engine import make_engine, upgrade
from storage.tables_sla import SLA_METRICS, ticket_sla
from storage.uow import SqlUnitOfWorkFactory

TICKETS = 100_000
NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
BATCH = 10_000


def _rows(rng: random.Random) -> tuple[list[dict], list[dict]]:
    tickets, sla = [], []
    for i in range(1, TICKETS + 1):
        tickets.append({"id": i, "client_id": 1 + i % 200, "number": i, "kind": "technical",
                        "status": "in_progress", "title": "t", "text": "t",
                        "coverage": "covered", "created_at": NOW, "updated_at": NOW,
                        "confirmed_at": NOW})
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
    return tickets, sla


async def _run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'sla.sqlite3'}"
        await upgrade(url)
        engine = make_engine(url)
        tickets, sla = _rows(random.Random(7))
        started = time.perf_counter()
        async with engine.begin() as conn:
            await conn.execute(insert(t.clients), [
                {"id": c, "name": f"client {c}", "created_at": NOW} for c in range(1, 201)])
            for table, rows in ((t.tickets, tickets), (ticket_sla, sla)):
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
        await engine.dispose()
    return [
        {"bench": "sla_sweep_100k", "tickets": TICKETS, "notices": len(owed),
         "marked": len(marked), "query_seconds": round(query, 4),
         "seconds": round(sweep, 4), "fill_seconds": round(fill, 2)},
        {"bench": "sla_sweep_100k_repeat", "tickets": TICKETS, "notices": len(repeat),
         "seconds": round(repeat_seconds, 4)},
    ]


def run() -> list[dict]:
    return asyncio.run(_run())
