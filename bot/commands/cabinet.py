"""`chatdesk cabinet link|money-access`: a login link for someone, and who of a client's
people may see its hours and money in the cabinet."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings


async def cmd_cabinet_link(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cabinet.app import build_cabinet, cabinet_configured
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.cabinet.model import CabinetError, Principal
    from domain.kernel.model import Platform
    from domain.texts import t
    from handlers.telegram.cabinet import CabinetLinks

    if not cabinet_configured(settings):
        raise UserFacingError(t(settings.default_language, "cli.cabinet_off"))
    app = await build_app(settings)
    try:
        token = await build_cabinet(app, settings).issue_link(
            Principal(Platform(args.platform), args.user_id.strip()))
    except CabinetError as exc:
        raise UserFacingError(t(settings.default_language, exc.key, **exc.params)) from None
    finally:
        await app.close()
    url = CabinetLinks(settings.cabinet_base_url, settings.cabinet_link_minutes).login(token)
    if args.json:
        print(json.dumps({"url": url, "minutes": settings.cabinet_link_minutes}))
    else:
        print(t(settings.default_language, "cli.cabinet_link", url=url,
                minutes=settings.cabinet_link_minutes))
    return 0


async def cmd_cabinet_money_access(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cabinet.app import build_cabinet
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.billing.model import LedgerError
    from domain.billing.service import Billing
    from domain.texts import t

    app = await build_app(settings)
    try:
        client = await Billing(app.uow, app.clock).find_client(args.client)
        await build_cabinet(app, settings).set_money_owner_only(client.id, args.who == "owner")
    except LedgerError:
        raise UserFacingError(t(settings.default_language, "cli.no_client",
                                name=args.client)) from None
    finally:
        await app.close()
    print(t(settings.default_language,
            "cli.money_owner" if args.who == "owner" else "cli.money_everyone",
            client=client.name))
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    cabinet = sub.add_parser("cabinet", help="the client cabinet").add_subparsers(
        dest="cabinet_command", metavar="COMMAND", required=True)
    link = command("link", cmd_cabinet_link, "a one-time login link for a person or staff member",
                   cabinet)
    link.add_argument("--platform", choices=["telegram", "whatsapp"], default="telegram")
    link.add_argument("--user-id", required=True, help="their Telegram id or WhatsApp number")
    link.add_argument("--json", action="store_true")
    money = command("money-access", cmd_cabinet_money_access,
                    "who of a client's people sees hours and money: owner or everyone", cabinet)
    money.add_argument("client", help="the client's name")
    money.add_argument("who", choices=["owner", "everyone"])
