"""The in-process scheduler (APScheduler 3.x): jobs registered in code with fixed ids."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.jobs import JOBS, Jobs, JobSpec

log = logging.getLogger(__name__)


# Every process's scheduler fires on the same wall-clock grid (multiples of each job's
# interval from this moment), so "the tick" of a job means the same thing in every process.
GRID_ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)

Claim = Callable[[str, datetime], Awaitable[bool]]


def build_scheduler(jobs: Jobs, *, claim: Claim | None = None,
                    specs: Sequence[JobSpec] = JOBS) -> AsyncIOScheduler:
    """Every job once, with its fixed id: a run that overlaps the previous one is skipped and
    missed runs collapse into one (the sweeps catch up from the database anyway). With
    `claim`, a tick runs only where claim(job id, tick) says so: one process per tick."""
    scheduler = AsyncIOScheduler(job_defaults={"coalesce": True, "max_instances": 1,
                                               "misfire_grace_time": 60})
    for spec in specs:
        scheduler.add_job(_guarded(spec.id, spec.run(jobs), spec.every, claim), IntervalTrigger(
            seconds=spec.every.total_seconds(), start_date=GRID_ANCHOR), id=spec.id,
            name=spec.id, replace_existing=True)
    return scheduler


def current_tick(every: timedelta, now: datetime | None = None) -> datetime:
    """The grid point a run firing now belongs to."""
    now = now or datetime.now(UTC)
    return GRID_ANCHOR + every * ((now - GRID_ANCHOR) // every)


def _guarded(job_id: str, run: Callable[[], Awaitable[object]], every: timedelta,
             claim: Claim | None):  # noqa: ANN202
    async def job() -> None:
        try:
            if claim is not None and not await claim(job_id, current_tick(every)):
                log.debug("job %s: this tick runs on another instance", job_id)
                return
            await run()
        except Exception:  # a failed run is logged and retried at the next interval
            log.exception("scheduled job %s failed", job_id)

    job.__name__ = f"job_{job_id}"
    return job
