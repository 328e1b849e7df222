"""The scheduler as `chatdesk run` wires it: SLA policies and calendars from the settings, the
jobs of scheduler/jobs.py over the desk's use cases, and one process per tick through the
database (storage/ticks.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.calendars import calendar_from_settings
from bot.settings import Settings
from domain.billing.chat import BillingChat
from domain.bitrix.service import BitrixSync
from domain.broadcasts.service import Broadcasts
from domain.kernel.calendar import WEEKDAYS
from domain.kernel.model import Kind
from domain.kernel.ports import ChartRenderer, Clock
from domain.outbox.ports import Messengers
from domain.outbox.service import AlertTo, Outbox, Pacer
from domain.reports.service import SummaryService
from domain.satisfaction.model import CsatPolicy
from domain.satisfaction.service import Satisfaction
from domain.sla.model import Recipients, SlaPolicy, SlaSetup, SlaTargets, Target
from domain.sla.policies import PolicyError, parse_policies
from domain.sla.service import SlaService, Sweeps
from domain.uow import UnitOfWorkFactory
from scheduler.jobs import Jobs
from scheduler.pacing import Pacer as LocalPacer
from scheduler.runner import build_scheduler

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.messengers import MessengerRegistry
    from bot.wiring import App


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


def build_satisfaction(app: App) -> Satisfaction:
    settings = app.settings
    return Satisfaction(app.uow, app.clock, SlaService(app.uow, app.clock, sla_setup(settings)),
                        policy=CsatPolicy(timedelta(minutes=settings.csat_delay_minutes)),
                        staff_chat=settings.staff_chat_id)


def build_bitrix(uow: UnitOfWorkFactory, clock: Clock, settings: Settings) -> BitrixSync:
    from bot.adapters.bitrix24 import Bitrix24Rest

    return BitrixSync(uow, clock, Bitrix24Rest(timeout=settings.bitrix_timeout_seconds),
                      default_responsible=settings.bitrix_responsible_id,
                      alerts=AlertTo(settings.staff_chat_id, settings.default_language))


def build_jobs(uow: UnitOfWorkFactory, clock: Clock, settings: Settings,
          messengers: Messengers, *, pacer: Pacer | None = None,
          charts: ChartRenderer | None = None, outbox: Outbox | None = None) -> Jobs:
    """`outbox`: the running bot's own (its pace and follow-ups); else one is built."""
    sla = SlaService(uow, clock, sla_setup(settings))
    satisfaction = Satisfaction(
        uow, clock, sla, policy=CsatPolicy(timedelta(minutes=settings.csat_delay_minutes)),
        staff_chat=settings.staff_chat_id) if settings.csat_enabled else None
    return Jobs(Sweeps(uow, clock, sla, Recipients(settings.staff_chat_id)),
               SummaryService(uow, clock, sla),
               outbox or Outbox(uow, clock, messengers, pacer=pacer, charts=charts,
                                alerts=AlertTo(settings.staff_chat_id,
                                               settings.default_language)),
               BillingChat(uow, clock, settings.tz),
               WEEKDAYS.index(settings.weekly_report_day), settings.weekly_report_hour,
               satisfaction=satisfaction, broadcasts=Broadcasts(uow, clock),
               bitrix=build_bitrix(uow, clock, settings))



def start_scheduler(app: App, registry: MessengerRegistry,
                    outbox: Outbox | None = None) -> AsyncIOScheduler:
    """Start the periodic jobs on the running event loop; call `.shutdown()` on stop.
    `outbox`: the running bot's, so scheduler notices share its pace."""
    from bot.summary_chart import render_chart
    from storage.ticks import claim_tick

    jobs = build_jobs(app.uow, app.clock, app.settings, registry, pacer=LocalPacer(),
                      charts=render_chart, outbox=outbox)

    async def claim(job_id: str, tick: datetime) -> bool:
        return await claim_tick(app.uow.engine, job_id, tick)

    scheduler = build_scheduler(jobs, claim=claim)
    scheduler.start()
    return scheduler
