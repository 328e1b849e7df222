"""`chatdesk clients bitrix CLIENT [--webhook URL [--responsible-id N] [--no-check] | --off |
--retry] [--json]`: link a client's Bitrix24 portal (its incoming webhook), so confirmed
tickets become tasks there; without options, show the link and what is waiting or failed."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings


def register(sub, command) -> None:  # noqa: ANN001
    from bot.commands.sla import _group

    bitrix = command("bitrix", cmd_clients_bitrix,
                     "link a client's Bitrix24 (incoming webhook): confirmed tickets become "
                     "tasks there; no options: show the link and what waits or failed",
                     _group(sub, "clients"))
    bitrix.add_argument("client", help="the client's name")
    bitrix.add_argument("--webhook", help="the portal's incoming webhook, e.g. "
                        "https://portal.bitrix24.ru/rest/1/abc123/ (permission: Tasks)")
    bitrix.add_argument("--responsible-id", help="the Bitrix24 user ID responsible for the "
                        "tasks (default BITRIX_RESPONSIBLE_ID)")
    bitrix.add_argument("--no-check", action="store_true",
                        help="save the webhook without asking the portal first")
    bitrix.add_argument("--off", action="store_true", help="stop mirroring this client")
    bitrix.add_argument("--retry", action="store_true",
                        help="give the tickets that could not be synced another round")
    bitrix.add_argument("--json", action="store_true", help="print one JSON object")


async def cmd_clients_bitrix(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UsageError
    from bot.scheduling import build_bitrix
    from bot.wiring import build_app
    from domain.bitrix.rules import masked
    from domain.texts import t
    from domain.tickets.model import DeskError

    lang = settings.default_language
    if sum(map(bool, (args.webhook, args.off, args.retry))) > 1:
        raise UsageError("--webhook, --off and --retry go one at a time")
    if (args.responsible_id is not None or args.no_check) and not args.webhook:
        raise UsageError("--responsible-id and --no-check go with --webhook")
    responsible = None
    if args.responsible_id is not None:
        try:
            responsible = int(args.responsible_id)
            if responsible <= 0:
                raise ValueError
        except ValueError:
            raise UsageError(t(lang, "bx.err.responsible")) from None
    app = await build_app(settings)
    try:
        sync = build_bitrix(app.uow, app.clock, settings)
        try:
            if args.webhook:
                portal = await sync.link(args.client, args.webhook, responsible,
                                         check=not args.no_check)
                state = await sync.state(args.client)
                message = t(lang, "bx.linked", client=state.client, url=masked(portal.webhook),
                            responsible=portal.responsible_id or settings.bitrix_responsible_id)
            elif args.off:
                client = await sync.unlink(args.client)
                state = await sync.state(client.name)
                message = t(lang, "bx.unlinked", client=client.name)
            elif args.retry:
                count = await sync.retry(args.client)
                state = await sync.state(args.client)
                message = t(lang, "bx.retried", count=count)
            else:
                state = await sync.state(args.client)
                message = None
        except DeskError as exc:
            raise UsageError(t(lang, exc.key, **exc.params)) from None
    finally:
        await app.close()
    portal = state.portal
    if args.json:
        print(json.dumps({
            "client": state.client, "linked": portal is not None,
            "webhook": masked(portal.webhook) if portal else None,
            "responsible_id": (portal.responsible_id or settings.bitrix_responsible_id)
            if portal else None,
            "since": portal.enabled_at.isoformat() if portal else None,
            "broken": portal.last_error if portal and portal.broken_at else None,
            "tasks": state.mirrored, "pending": state.pending,
            "failed": [{"number": n, "error": e} for n, e in state.failed],
        }, ensure_ascii=False))
        return 0
    if message:
        print(message)
    if portal is None:
        if not args.off:
            print(t(lang, "bx.none", client=state.client))
        return 0
    if message is None:
        since = portal.enabled_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
        print(t(lang, "bx.show", client=state.client, url=masked(portal.webhook),
                responsible=portal.responsible_id or settings.bitrix_responsible_id,
                since=since, mirrored=state.mirrored, pending=state.pending))
    if portal.broken_at is not None:
        print(t(lang, "bx.show_broken", error=portal.last_error,
                at=portal.broken_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")))
    if state.failed:
        print(t(lang, "bx.show_failed"))
        for number, error in state.failed:
            print(t(lang, "bx.show_failed_row", number=number, error=error))
    return 0
