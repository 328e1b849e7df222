"""`chatdesk clients list|show|rename|archive`, `staff list|remove|role`, `plans history`:
running the desk from a shell, through the same use cases as an admin's Telegram menu.
(Named to load after `billing`, whose `plans` group it extends.)"""

from __future__ import annotations

import argparse
import json
from contextlib import asynccontextmanager

from bot.settings import Settings


@asynccontextmanager
async def administration(settings: Settings):  # noqa: ANN201
    """The Administration use cases over the configured database; refusals become one line."""
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.onboarding.service import Administration
    from domain.texts import t
    from domain.tickets.model import DeskError

    app = await build_app(settings)
    try:
        yield Administration(app.uow, app.clock, settings.tz, settings.default_language)
    except DeskError as exc:
        raise UserFacingError(t(settings.default_language, exc.key, **exc.params)) from None
    finally:
        await app.close()


def staff_number(text: str, lang: str = "en") -> int:
    """A staff member's number as `staff list` shows it: refused in one line otherwise."""
    from bot.errors import UsageError
    from domain.texts import t

    raw = text.strip()
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) < 2**63:
        raise UsageError(t(lang, "admin.err.staff_id", value=text))
    return int(raw)


def check_accounts(telegram_id: str | None, whatsapp_id: str | None, lang: str) -> None:
    """A Telegram id and a phone number refused in one line before the database is opened
    (opening it may log); the use case checks them again for every other caller."""
    from bot.errors import UsageError
    from domain.onboarding.rules import parse_phone, parse_telegram_id
    from domain.texts import t
    from domain.tickets.model import DeskError

    try:
        if telegram_id not in (None, ""):
            parse_telegram_id(telegram_id)
        if whatsapp_id not in (None, ""):
            parse_phone(whatsapp_id)
    except DeskError as exc:
        raise UsageError(t(lang, exc.key, **exc.params)) from None


def _when(value) -> str | None:  # noqa: ANN001
    return value.isoformat() if value is not None else None


def _summary_json(summary) -> dict:  # noqa: ANN001
    from bot.commands.billing import _plan_json

    client, view = summary.client, summary.balance
    return {
        "id": client.id, "name": client.name, "archived_at": _when(client.archived_at),
        "plan": _plan_json(client)["plan"],
        "balance": None if view is None else {
            "amount": view.balance, "package_minutes": view.package_minutes,
            "package_left": view.package_left, "due_amount": view.due_amount,
            "due_on": _when(view.due_on)},
        "open_tickets": [{"number": tk.number, "title": tk.title, "status": tk.status.value}
                         for tk in summary.open_tickets],
    }


def _print(args: argparse.Namespace, payload: object, text: str) -> int:
    print(json.dumps(payload, ensure_ascii=False) if args.json else text)
    return 0


# -- clients ---------------------------------------------------------------------------------------


async def cmd_clients_list(args: argparse.Namespace, settings: Settings) -> int:
    from domain.onboarding.service import summary_line
    from domain.texts import t

    lang = settings.default_language
    async with administration(settings) as admin:
        rows = await admin.clients(include_archived=args.all)
    text = "\n".join(summary_line(lang, s, settings.tz) for s in rows) or t(
        lang, "admin.clients.none")
    return _print(args, {"clients": [_summary_json(s) for s in rows]}, text)


async def cmd_clients_show(args: argparse.Namespace, settings: Settings) -> int:
    from domain.onboarding.service import client_text

    async with administration(settings) as admin:
        summary = await admin.client(args.client)
    return _print(args, _summary_json(summary),
                  client_text(settings.default_language, summary, settings.tz))


async def cmd_clients_rename(args: argparse.Namespace, settings: Settings) -> int:
    from domain.texts import t

    async with administration(settings) as admin:
        client = await admin.rename_client(args.client, args.new_name)
    return _print(args, {"id": client.id, "name": client.name},
                  t(settings.default_language, "admin.client.renamed", old=args.client.strip(),
                    name=client.name))


async def cmd_clients_archive(args: argparse.Namespace, settings: Settings) -> int:
    from domain.texts import t

    async with administration(settings) as admin:
        client = await admin.archive_client(args.client, restore=args.restore)
    key = "admin.client.restored" if args.restore else "admin.client.archived"
    return _print(args, {"id": client.id, "name": client.name,
                         "archived_at": _when(client.archived_at)},
                  t(settings.default_language, key, name=client.name))


# -- staff -----------------------------------------------------------------------------------------


async def cmd_staff_list(args: argparse.Namespace, settings: Settings) -> int:
    from domain.onboarding.service import staff_line
    from domain.texts import t

    lang = settings.default_language
    async with administration(settings) as admin:
        rows = await admin.staff()
    text = "\n".join(staff_line(lang, s) for s in rows) or t(lang, "admin.staff.none")
    return _print(args, {"staff": [
        {"id": s.staff.id, "name": s.staff.name, "role": s.staff.role.value,
         "telegram_id": s.staff.telegram_id, "whatsapp_id": s.staff.whatsapp_id,
         "clients": s.clients} for s in rows]}, text)


async def cmd_staff_remove(args: argparse.Namespace, settings: Settings) -> int:
    from domain.texts import t

    staff_id = staff_number(args.staff, settings.default_language)
    async with administration(settings) as admin:
        member = await admin.remove_staff(staff_id)
    return _print(args, {"id": member.id, "name": member.name, "removed": True},
                  t(settings.default_language, "admin.staff.removed", name=member.name))


async def cmd_staff_role(args: argparse.Namespace, settings: Settings) -> int:
    from domain.kernel.model import StaffRole
    from domain.texts import t

    lang = settings.default_language
    staff_id = staff_number(args.staff, settings.default_language)
    async with administration(settings) as admin:
        member = await admin.set_role(staff_id, StaffRole(args.role))
    return _print(args, {"id": member.id, "name": member.name, "role": member.role.value},
                  t(lang, "admin.staff.role_set", name=member.name,
                    role=t(lang, f"admin.role.{member.role.value}")))


# -- plans -----------------------------------------------------------------------------------------


async def cmd_plans_history(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.billing import _plan_json
    from domain.kernel.model import Client
    from domain.onboarding.service import history_text

    async with administration(settings) as admin:
        client, changes = await admin.plan_history(args.client)
    payload = {"client": client.name, "changes": [
        {"at": c.at.isoformat(), "by": c.by or None,
         "plan": _plan_json(Client(None, client.name, plan=c.plan))["plan"]} for c in changes]}
    return _print(args, payload,
                  history_text(settings.default_language, client, changes, settings.tz))


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(sub, command) -> None:  # noqa: ANN001
    clients = _subcommands(sub.choices["clients"])
    cl = command("list", cmd_clients_list,
                 "list clients with their plan, balance and open requests", clients)
    cl.add_argument("--all", action="store_true", help="archived clients too")
    cl.add_argument("--json", action="store_true")
    cs = command("show", cmd_clients_show, "one client: plan, balance, open requests", clients)
    cs.add_argument("client", help="the client's name")
    cs.add_argument("--json", action="store_true")
    cr = command("rename", cmd_clients_rename, "rename a client", clients)
    cr.add_argument("client", help="the client's current name")
    cr.add_argument("new_name")
    cr.add_argument("--json", action="store_true")
    ca = command("archive", cmd_clients_archive,
                 "stop serving a client (its history and balance are kept)", clients)
    ca.add_argument("client", help="the client's name")
    ca.add_argument("--restore", action="store_true", help="serve an archived client again")
    ca.add_argument("--json", action="store_true")

    staff = _subcommands(sub.choices["staff"])
    sl = command("list", cmd_staff_list, "the team: roles, accounts, clients served", staff)
    sl.add_argument("--json", action="store_true")
    sr = command("remove", cmd_staff_remove,
                 "close a staff member's access (their past work is kept)", staff)
    sr.add_argument("staff", help="the staff member's number from `staff list`")
    sr.add_argument("--json", action="store_true")
    so = command("role", cmd_staff_role, "make a staff member an admin or plain staff", staff)
    so.add_argument("staff", help="the staff member's number from `staff list`")
    so.add_argument("role", choices=["staff", "admin"])
    so.add_argument("--json", action="store_true")

    plans = _subcommands(sub.choices["plans"])
    ph = command("history", cmd_plans_history, "every plan a client has had", plans)
    ph.add_argument("client")
    ph.add_argument("--json", action="store_true")
