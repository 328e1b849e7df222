"""What an integrator changes about SLA without touching code:

- `chatdesk sla policies [--json]`: check the policies (SLA_POLICIES_FILE or SLA_REACTION_HOURS)
  and print the rules in force, in order;
- `chatdesk clients priority CLIENT N`: a client's priority, which the rules key on;
- `chatdesk calendar client CLIENT [--timezone TZ --days D --hours H --lunch L | --clear]`:
  a client's own working calendar for its deadlines and quiet hours (no options: show it).

A priority or calendar change recomputes the deadlines of the client's open tickets at once,
from each ticket's original start; a new policies file does the same for every open ticket at
the next SLA sweep.
"""

from __future__ import annotations

import argparse
import json

from bot.errors import UsageError, UserFacingError
from bot.settings import Settings
from domain.kernel.calendar import ClientHours, WeekSpecError
from domain.sla.model import Metric
from domain.sla.policies import describe, format_target
from domain.texts import t

MAX_PRIORITY = 1000


def _group(sub, name: str):  # noqa: ANN001, ANN202 - argparse's private types
    """The subcommands of an existing group (`clients`, `calendar`, `sla`)."""
    parser = sub.choices[name]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(sub, command) -> None:  # noqa: ANN001
    policies = command("policies", cmd_sla_policies,
                       "check the SLA policies and print the rules in force, in order",
                       _group(sub, "sla"))
    policies.add_argument("--json", action="store_true", help="print one JSON object")

    priority = command("priority", cmd_clients_priority,
                       "set a client's priority (SLA rules with min_priority key on it)",
                       _group(sub, "clients"))
    priority.add_argument("client", help="the client's name")
    priority.add_argument("priority", help="a whole number, 0 (default) or more")

    own = command("client", cmd_calendar_client,
                  "show, set or clear a client's own working calendar (time zone, weekly "
                  "hours, lunch break) for its deadlines and quiet hours",
                  _group(sub, "calendar"))
    own.add_argument("client", help="the client's name")
    own.add_argument("--timezone", help="e.g. Asia/Yekaterinburg")
    own.add_argument("--days", help="working days, e.g. mon-fri or mon-thu,sat "
                     "(default WORK_DAYS)")
    own.add_argument("--hours", help="working hours, e.g. 08:00-17:00 (default WORK_HOURS)")
    own.add_argument("--lunch", help="lunch break inside the hours, e.g. 12:00-13:00; "
                     "'' for none (default LUNCH_BREAK)")
    own.add_argument("--clear", action="store_true",
                     help="drop the client's calendar: the desk's applies again")
    own.add_argument("--json", action="store_true", help="print one JSON object")


def _setup(settings: Settings):  # noqa: ANN202
    from bot.scheduling import sla_setup

    try:
        return sla_setup(settings)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from None


async def cmd_sla_policies(args: argparse.Namespace, settings: Settings) -> int:
    setup = _setup(settings)
    lang = settings.default_language
    source = ((settings.sla_policies_file or "").strip()
              or t(lang, "sla.policies_settings"))
    if args.json:
        print(json.dumps({"source": source, "policies": [
            {"name": p.name, "min_priority": p.min_priority,
             "kinds": sorted(p.kinds) if p.kinds else None,
             **{m.value: (None if p.targets.for_metric(m) is None
                          else format_target(p.targets.for_metric(m))) for m in Metric}}
            for p in setup.policies]}, ensure_ascii=False))
        return 0
    print(t(lang, "sla.policies_title", source=source))
    for line in describe(setup.policies):
        print(line)
    return 0


async def _client(uow, settings: Settings, name: str):  # noqa: ANN001, ANN202
    client = await uow.clients.get_by_name(name.strip())
    if client is None:
        raise UserFacingError(t(settings.default_language, "sla.no_client", name=name))
    return client


async def cmd_clients_priority(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_app
    from domain.sla.service import SlaService

    lang = settings.default_language
    try:
        priority = int(args.priority)
        if not 0 <= priority <= MAX_PRIORITY:
            raise ValueError
    except ValueError:
        raise UsageError(t(lang, "sla.bad_priority", value=args.priority)) from None
    setup = _setup(settings)
    app = await build_app(settings)
    try:
        service = SlaService(app.uow, app.clock, setup)
        async with app.uow() as uow:
            client = await _client(uow, settings, args.client)
            await uow.clients.set_priority(client.id, priority)
            count = await service.refresh_client(uow, client.id, app.clock.now())
            await uow.commit()
    finally:
        await app.close()
    print(t(lang, "sla.priority_set", client=client.name, priority=priority, count=count))
    return 0


async def cmd_calendar_client(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_app
    from domain.sla.service import SlaService

    lang = settings.default_language
    changes = [args.timezone, args.days, args.hours, args.lunch]
    if args.clear and any(v is not None for v in changes):
        raise UsageError("--clear takes no other option")
    setup = _setup(settings)
    app = await build_app(settings)
    try:
        service = SlaService(app.uow, app.clock, setup)
        async with app.uow() as uow:
            client = await _client(uow, settings, args.client)
            own = await uow.sla.client_hours(client.id)
            now = app.clock.now()
            if args.clear:
                await uow.sla.clear_client_hours(client.id)
                message = "calendar.client_cleared"
            elif any(v is not None for v in changes):
                base = own or ClientHours(client.id, settings.timezone, settings.work_days,
                                          settings.work_hours, settings.lunch_break)
                own = ClientHours(client.id, _pick(args.timezone, base.timezone),
                                  _pick(args.days, base.work_days),
                                  _pick(args.hours, base.work_hours),
                                  _pick(args.lunch, base.lunch_break))
                try:
                    own.validate()
                except WeekSpecError as exc:
                    raise UsageError(str(exc)) from None
                await uow.sla.set_client_hours(own, now)
                message = "calendar.client_set"
            else:
                return _show(args, settings, client.name, own)
            count = await service.refresh_client(uow, client.id, now)
            # The next reminder moments were counted in the old hours: look again now.
            await uow.sla.set_remind_at(
                {i: now for i in await uow.sla.open_ticket_ids(client.id)}, now)
            await uow.commit()
    finally:
        await app.close()
    if args.json:
        own = None if args.clear else own
        return _show(args, settings, client.name, own, count=count)
    print(t(lang, message, client=client.name, count=count))
    return 0


def _pick(given: str | None, default: str) -> str:
    return default if given is None else given.strip()


def _show(args: argparse.Namespace, settings: Settings, name: str, own: ClientHours | None,
          count: int | None = None) -> int:
    lang = settings.default_language
    spec = (own.spec if own else
            (settings.timezone, settings.work_days, settings.work_hours, settings.lunch_break))
    tz, days, hours, lunch = spec
    if args.json:
        print(json.dumps({"client": name, "own": own is not None, "timezone": tz,
                          "work_days": days, "work_hours": hours, "lunch_break": lunch,
                          **({} if count is None else {"recomputed": count})},
                         ensure_ascii=False))
        return 0
    print(t(lang, "calendar.client_own" if own else "calendar.client_desk", client=name, tz=tz,
            days=days, hours=hours, lunch=lunch or t(lang, "calendar.no_lunch")))
    return 0
