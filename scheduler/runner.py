"""The in-process scheduler (APScheduler 3.x): jobs registered in code with fixed ids."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.jobs import JOBS, Jobs
from scheduler.pacing import Pacer

if TYPE_CHECKING:
    from bot.messengers import MessengerRegistry
    from bot.wiring import App
    from domain.outbox import Outbox

log = logging.getLogger(__name__)


def build_scheduler(jobs: Jobs) -> AsyncIOScheduler:
    """Every job once, with its fixed id: a run that overlaps the previous one is skipped and
    missed runs collapse into one (the sweeps catch up from the database anyway)."""
    scheduler = AsyncIOScheduler(job_defaults={"coalesce": True, "max_instances": 1,
                                               "misfire_grace_time": 60})
    for spec in JOBS:
        scheduler.add_job(_guarded(spec.id, spec.run(jobs)), IntervalTrigger(
            seconds=spec.every.total_seconds()), id=spec.id, name=spec.id,
            replace_existing=True)
    return scheduler


def _guarded(job_id, run):  # noqa: ANN001, ANN202
    async def job() -> None:
        try:
            await run()
        except Exception:  # a failed run is logged and retried at the next interval
            log.exception("scheduled job %s failed", job_id)

    job.__name__ = f"job_{job_id}"
    return job


def start_scheduler(app: App, registry: MessengerRegistry,
                    outbox: Outbox | None = None) -> AsyncIOScheduler:
    """Start the periodic jobs on the running event loop; call `.shutdown()` on stop.
    `outbox`: the running bot's, so scheduler notices share its pace."""
    from bot.summary_chart import render_chart

    jobs = Jobs.build(app.uow, app.clock, app.settings, registry, pacer=Pacer(),
                      charts=render_chart, outbox=outbox)
    scheduler = build_scheduler(jobs)
    scheduler.start()
    return scheduler
