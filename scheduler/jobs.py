"""The periodic jobs, each a fixed id calling one use case. All state is in the database, so a
job that runs twice, or on two instances at once, sends nothing twice. They are built from the
settings by the composition root (bot/scheduling.py)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.billing.chat import BillingChat
from domain.bitrix.service import BitrixSync
from domain.broadcasts.service import Broadcasts
from domain.outbox.service import Outbox
from domain.reports.service import SummaryService
from domain.satisfaction.service import Satisfaction
from domain.sla.service import Sweeps

log = logging.getLogger(__name__)


@dataclass
class Jobs:
    """The use cases the scheduler drives; one method per job id."""

    sweeps: Sweeps
    summaries: SummaryService
    outbox: Outbox
    billing: BillingChat | None = None
    weekly_day: int = 4  # Friday
    weekly_hour: int = 16
    satisfaction: Satisfaction | None = None  # None: CSAT_ENABLED is off
    broadcasts: Broadcasts | None = None
    bitrix: BitrixSync | None = None

    async def bitrix_sync(self) -> None:
        if self.bitrix is not None:
            await self.bitrix.run()

    async def csat(self) -> None:
        if self.satisfaction is not None:
            await self.satisfaction.ask_due()

    async def broadcast_reports(self) -> None:
        if self.broadcasts is not None:
            await self.broadcasts.report_finished()

    async def sla(self) -> None:
        await self.sweeps.sla()

    async def reminders(self) -> None:
        await self.sweeps.reminders()

    async def renewals(self) -> None:
        await self.sweeps.renewals()

    async def summaries_job(self) -> None:
        await self.summaries.monthly()

    async def billing_notices(self) -> None:
        if self.billing is not None:
            await self.billing.notices()

    async def month_close(self) -> None:
        if self.billing is not None:
            await self.billing.month_close()

    async def weekly_reports(self) -> None:
        if self.billing is not None:
            await self.billing.weekly_reports(self.weekly_day, self.weekly_hour)

    async def send(self) -> None:
        await self.outbox.dispatch()

    async def tick(self) -> None:
        """Every decision, then the sending: what a simulation runs at each step."""
        for job in (self.sla, self.reminders, self.renewals, self.summaries_job, self.send):
            await job()


@dataclass(frozen=True)
class JobSpec:
    id: str
    every: timedelta
    run: Callable[[Jobs], Callable[[], Awaitable[None]]]


JOBS = (
    JobSpec("sla_sweep", timedelta(minutes=1), lambda j: j.sla),
    JobSpec("reminders", timedelta(minutes=5), lambda j: j.reminders),
    JobSpec("renewals", timedelta(hours=1), lambda j: j.renewals),
    JobSpec("monthly_summaries", timedelta(hours=1), lambda j: j.summaries_job),
    JobSpec("billing_notices", timedelta(minutes=10), lambda j: j.billing_notices),
    JobSpec("month_close", timedelta(hours=1), lambda j: j.month_close),
    JobSpec("weekly_reports", timedelta(minutes=30), lambda j: j.weekly_reports),
    JobSpec("csat", timedelta(minutes=5), lambda j: j.csat),
    JobSpec("broadcast_reports", timedelta(minutes=1), lambda j: j.broadcast_reports),
    JobSpec("bitrix_sync", timedelta(seconds=30), lambda j: j.bitrix_sync),
    JobSpec("outbox", timedelta(seconds=20), lambda j: j.send),
)
