"""Exactly one process per scheduler tick: a compare-and-set on `scheduler_state`.

Every process's scheduler fires on the same wall-clock grid (see scheduler/runner.py). For
each job and tick the first process to move the job's `tick:` row forward runs it; on
PostgreSQL a concurrent claimant waits for that commit, sees the row already at this tick and
gets nothing, so each tick is claimed once however many processes fire.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import writer_connection
from storage.outbox.tables import scheduler_state as state

TICK_PREFIX = "tick:"


async def claim_tick(engine: AsyncEngine, job_id: str, tick: datetime) -> bool:
    """True for the one caller that claims `job_id` at `tick`; False for every other."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(state).values(job_id=TICK_PREFIX + job_id, last_run_at=tick,
                                          watermark=0)
    statement = insert.on_conflict_do_update(
        index_elements=[state.c.job_id],
        set_={"last_run_at": insert.excluded.last_run_at},
        where=(state.c.last_run_at.is_(None)) | (state.c.last_run_at < tick),
    ).returning(state.c.job_id)
    async with writer_connection(engine) as conn, conn.begin():
        return (await conn.execute(statement)).first() is not None
