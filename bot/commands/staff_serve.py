"""`chatdesk staff serve`: which clients a staff member serves (they get those clients' ticket
cards and may act on their tickets; admins see every client)."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings


async def cmd_staff_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.desk_admin import staff_number
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.texts import t
    from domain.tickets.model import DeskError
    from domain.workspace.service import Workspace

    staff_id = staff_number(args.staff, settings.default_language)  # one line for "abc" or "-1", before anything opens
    app = await build_app(settings)
    try:
        try:
            member, client, added = await Workspace(app.uow, app.clock).serve(staff_id,
                                                                             args.client)
        except DeskError as exc:
            raise UserFacingError(t("en", exc.key, **exc.params)) from None
    finally:
        await app.close()
    if args.json:
        print(json.dumps({"staff": member.id, "client": client.id, "added": added},
                         ensure_ascii=False))
    elif added:
        print(f"{member.name} now serves {client.name!r}: new tickets' cards will reach them.")
    else:
        print(f"{member.name} already serves {client.name!r}.")
    return 0


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(sub, command) -> None:  # noqa: ANN001
    staff = _subcommands(sub.choices["staff"])
    serve = command("serve", cmd_staff_serve,
                    "let a staff member serve a client (cards and actions on its tickets)", staff)
    serve.add_argument("--staff", required=True, help="the staff member's id")
    serve.add_argument("--client", required=True, help="the client's name")
    serve.add_argument("--json", action="store_true")
