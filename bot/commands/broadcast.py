"""`chatdesk broadcast`: an admin's announcement to every client chat (or a filtered few), with
a preview and a confirmation; `chatdesk broadcast status ID`: what was delivered and what
failed. The running bot's outbox sends the rows this command records."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bot.settings import Settings


def _fail(settings: Settings, exc: Exception) -> Exception:
    from bot.errors import UserFacingError
    from domain.texts import t
    from domain.tickets.model import DeskError

    if isinstance(exc, DeskError):
        return UserFacingError(t(settings.default_language, exc.key, **exc.params))
    return UserFacingError(str(exc))


async def cmd_broadcast(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UsageError
    from bot.wiring import build_app
    from domain.broadcasts.model import AudienceError
    from domain.broadcasts.rules import parse_audience
    from domain.broadcasts.service import Broadcasts
    from domain.texts import t
    from domain.tickets.model import DeskError

    lang = settings.default_language
    if not args.text:
        raise UsageError(t(lang, "cli.bc.no_text"))
    try:
        audience = parse_audience(args.filter or [])
    except AudienceError as exc:
        raise UsageError(str(exc)) from None
    app = await build_app(settings)
    try:
        broadcasts = Broadcasts(app.uow, app.clock)
        try:
            preview = await broadcasts.preview(args.text, audience)
        except DeskError as exc:
            raise _fail(settings, exc) from None
        if not preview.chats:
            raise UsageError(t(lang, "cli.bc.no_chats"))
        print(t(lang, "cli.bc.preview", chats=len(preview.chats), clients=preview.clients)
              + (f" ({audience.describe()})" if audience.describe() else "") + ":")
        for client, chat in preview.chats:
            print(f"  {client.name}: {chat.platform.value} {chat.title or chat.external_id}")
        print(t(lang, "cli.bc.text"))
        print(preview.text)
        if not args.yes:
            print(t(lang, "cli.bc.ask"), end=" ", flush=True)
            answer = await asyncio.to_thread(sys.stdin.readline)
            if answer.strip().lower() not in ("y", "yes", "д", "да"):
                print(t(lang, "bc.cancelled"))
                return 1
        sent = await broadcasts.send(args.text, audience, by="command line",
                                     language=settings.default_language)
    finally:
        await app.close()
    if args.json:
        print(json.dumps({"id": sent.id, "chats": sent.chats}))
    else:
        print(t(lang, "cli.bc.queued", id=sent.id, chats=sent.chats))
    return 0


async def cmd_broadcast_status(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_app
    from domain.broadcasts.service import Broadcasts
    from domain.texts import t
    from domain.tickets.model import DeskError

    lang = settings.default_language
    app = await build_app(settings)
    try:
        try:
            report = await Broadcasts(app.uow, app.clock).status(args.id)
        except DeskError as exc:
            raise _fail(settings, exc) from None
    finally:
        await app.close()
    b = report.broadcast
    if args.json:
        print(json.dumps({"id": b.id, "chats": b.chats, "delivered": report.delivered,
                          "failed": report.failed, "pending": report.pending,
                          "done": report.done, "audience": b.audience,
                          "created_at": b.created_at.isoformat(), "text": b.text},
                         ensure_ascii=False))
        return 0
    print(t(lang, "cli.bc.status_done" if report.done else "cli.bc.status_sending", id=b.id,
            at=f"{b.created_at:%Y-%m-%d %H:%M}", by=b.created_by)
          + (t(lang, "cli.bc.status_filter", audience=b.audience) if b.audience else ""))
    print(t(lang, "cli.bc.status_counts", delivered=report.delivered, chats=b.chats,
            failed=report.failed, pending=report.pending))
    if report.failed:
        print(t(lang, "cli.bc.status_failed"))
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    bc = command("broadcast", cmd_broadcast,
                 "announce to every client chat (or filtered ones), after a preview", sub)
    bc.add_argument("--text", help="the announcement")
    bc.add_argument("--filter", action="append", metavar="SPEC",
                    help="model=monthly,package,time_and_materials or clients=NAME,NAME "
                         "(repeat to combine)")
    bc.add_argument("--yes", action="store_true", help="send without asking to confirm")
    bc.add_argument("--json", action="store_true")
    actions = bc.add_subparsers(dest="broadcast_command", metavar="status")
    st = command("status", cmd_broadcast_status, "what a broadcast delivered and what failed",
                 actions)
    st.add_argument("id", type=int)
    st.add_argument("--json", action="store_true")
