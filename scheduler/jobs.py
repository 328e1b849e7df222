"""The periodic jobs, each a fixed id calling one use case. All state is in the database, so a
job that runs twice, or on two instances at once, sends nothing twice."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.calendars import calendar_from_settings
from bot.settings import Settings
from domain.billing_chat import BillingChat
from domain.model import Kind
from domain.outbox import AlertTo, Outbox, Pacer
from domain.ports import Clock, UnitOfWorkFactory
from domain.reminders import (
    ChartRenderer,
    Messengers,
    Recipients,
    SlaService,
    SlaSetup,
    Sweeps,
)
from domain.sla import SlaPolicy, SlaTargets, Target
from domain.sla_policies import PolicyError, parse_policies
from domain.summaries import SummaryService

log = logging.getLogger(__name__)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def sla_policies(spec: str) -> tuple[SlaPolicy, ...]:
    """'technical=4,managerial=8' -> one policy per kind: first reaction and next reply within
    that many working hours. Kinds not named get the slowest of the named ones."""
    hours: dict[Kind, float] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        try:
            kind, amount = Kind(name.strip()), float(value)
            if amount <= 0:
                raise ValueError
        except ValueError:
            raise ValueError(f"Setting SLA_REACTION_HOURS is invalid: {part!r} "
                             "(expected e.g. technical=4,managerial=8)") from None
        hours[kind] = amount
    if not hours:
        return ()
    policies = []
    for kind, amount in hours.items():
        target = Target(round(amount * 60))
        policies.append(SlaPolicy(f"default-{kind.value}",
                                  SlaTargets(first_reaction=target, next_reply=target),
                                  kinds=frozenset({kind})))
    slowest = Target(round(max(hours.values()) * 60))
    policies.append(SlaPolicy("default", SlaTargets(first_reaction=slowest, next_reply=slowest)))
    return tuple(policies)


def load_policies(settings: Settings) -> tuple[SlaPolicy, ...]:
    """The SLA rules in force: SLA_POLICIES_FILE when set, else SLA_REACTION_HOURS. Any
    mistake is a `ValueError` in one line naming the file, the rule and the field."""
    path = (settings.sla_policies_file or "").strip()
    if not path:
        return sla_policies(settings.sla_reaction_hours)
    source = f"SLA_POLICIES_FILE {path}"
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise PolicyError(f"{source}: not UTF-8 text") from None
    return parse_policies(text, source)


def sla_setup(settings: Settings) -> SlaSetup:
    return SlaSetup(calendar_from_settings(settings), load_policies(settings),
                    timedelta(minutes=settings.sla_warn_minutes))


@dataclass
class Jobs:
    """The use cases the scheduler drives; one method per job id."""

    sweeps: Sweeps
    summaries: SummaryService
    outbox: Outbox
    billing: BillingChat | None = None
    weekly_day: int = 4  # Friday
    weekly_hour: int = 16

    @classmethod
    def build(cls, uow: UnitOfWorkFactory, clock: Clock, settings: Settings,
              messengers: Messengers, *, pacer: Pacer | None = None,
              charts: ChartRenderer | None = None, outbox: Outbox | None = None) -> Jobs:
        """`outbox`: the running bot's own (its pace and follow-ups); else one is built."""
        sla = SlaService(uow, clock, sla_setup(settings))
        return cls(Sweeps(uow, clock, sla, Recipients(settings.staff_chat_id)),
                   SummaryService(uow, clock, sla),
                   outbox or Outbox(uow, clock, messengers, pacer=pacer, charts=charts,
                                    alerts=AlertTo(settings.staff_chat_id,
                                                   settings.default_language)),
                   BillingChat(uow, clock, settings.tz),
                   WEEKDAYS.index(settings.weekly_report_day), settings.weekly_report_hour)

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
    JobSpec("outbox", timedelta(seconds=20), lambda j: j.send),
)
